//! Messages on their way: waiting for a thread, or collected into an album.
//!
//! Telegram delivers each album item as its own update and never marks the last one, so items
//! are collected until none has arrived for [`DeskSettings::album_wait`](super::DeskSettings)
//! and then sent together. Anything else that arrives meanwhile sends the album first, so the
//! conversation keeps its order.

use super::{Album, DeskState, Timer, Turn};
use crate::domain::{MediaItem, MessageId};

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// Adds an item to the album collected in `slot`, starting it (and `timer`, which checks
    /// for completion) when it is the first. The caller sends a different album first.
    pub(super) fn collect_album_item(
        &mut self,
        slot: &mut Option<Album>,
        group: &str,
        item: (MessageId, MediaItem),
        reply_to: Option<MessageId>,
        timer: Timer,
    ) {
        match slot {
            Some(album) => {
                album.items.push(item);
                album.last_item_at = self.now;
            }
            None => {
                self.set_timer(self.now.plus(self.settings.album_wait), timer);
                *slot = Some(Album {
                    group: group.to_owned(),
                    items: vec![item],
                    reply_to,
                    last_item_at: self.now,
                });
            }
        }
    }

    /// Whether the album `group` in `slot` is complete: no item arrived for the album wait. If
    /// items are still arriving, `timer` is set again for later.
    pub(super) fn album_complete(
        &mut self,
        slot: Option<&Album>,
        group: &str,
        timer: Timer,
    ) -> bool {
        let Some(album) = slot.filter(|album| album.group == group) else {
            return false;
        };
        let due = album.last_item_at.plus(self.settings.album_wait);
        if due > self.now {
            self.set_timer(due, timer);
            return false;
        }
        true
    }
}
