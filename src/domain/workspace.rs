//! The team's workspace: the Telegram chats a desk's cards and threads live in.
//!
//! Message ids are numbered per chat, so a stored card post, thread root or message link only
//! means something together with its chat. A [`Workspace`] names those chats; every stored
//! reference to a team-chat message records the workspace (or chat) it belongs to, and a
//! reference from another workspace is never resolved in the one in use.
//!
//! The settings name only half of it, the [`Layout`]: the channel (whose discussion group start-up
//! finds) or the forum.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{ChatId, MessageId};

/// The layout the settings name: the channel or the forum, before start-up has found the
/// channel's discussion group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A channel whose posts are customer cards, with a linked discussion group for threads.
    Channel {
        /// The channel (`channel_id`).
        channel: ChatId,
    },
    /// A forum supergroup with one topic per customer.
    Forum {
        /// The forum (`forum_id`).
        forum: ChatId,
    },
}

impl Layout {
    /// The configured chat: the channel, or the forum.
    pub fn chat(self) -> ChatId {
        match self {
            Layout::Channel { channel } => channel,
            Layout::Forum { forum } => forum,
        }
    }

    /// The workspace, once the chat holding the threads is known: the channel's discussion
    /// group (the forum holds its own threads, so `threads` is not used there).
    pub fn workspace(self, threads: ChatId) -> Workspace {
        match self {
            Layout::Channel { channel } => Workspace::Channel {
                channel,
                group: threads,
            },
            Layout::Forum { forum } => Workspace::Forum { forum },
        }
    }
}

/// Where cards and threads live.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Workspace {
    /// A channel of cards with its linked discussion group of threads.
    Channel {
        /// The channel of cards.
        channel: ChatId,
        /// The discussion group whose comment threads hold the conversations.
        group: ChatId,
    },
    /// A forum supergroup with one topic per customer.
    Forum {
        /// The forum.
        forum: ChatId,
    },
}

impl Workspace {
    /// The chat cards are posted in: the channel, or the forum.
    pub fn card_chat(self) -> ChatId {
        match self {
            Workspace::Channel { channel, .. } => channel,
            Workspace::Forum { forum } => forum,
        }
    }

    /// The chat threads are in: the discussion group, or the forum.
    pub fn thread_chat(self) -> ChatId {
        match self {
            Workspace::Channel { group, .. } => group,
            Workspace::Forum { forum } => forum,
        }
    }

    /// The chat whose members are the team: the channel, or the forum.
    pub fn membership_chat(self) -> ChatId {
        self.card_chat()
    }

    /// The channel, in the channel layout.
    pub fn channel(self) -> Option<ChatId> {
        match self {
            Workspace::Channel { channel, .. } => Some(channel),
            Workspace::Forum { .. } => None,
        }
    }

    /// Whether threads are forum topics.
    pub fn is_forum(self) -> bool {
        matches!(self, Workspace::Forum { .. })
    }

    /// Whether `other` is this workspace after its channel was linked to another discussion
    /// group: the same channel (and team), threads in another chat.
    pub fn is_relinked(self, other: Workspace) -> bool {
        match (self, other) {
            (
                Workspace::Channel { channel, group },
                Workspace::Channel {
                    channel: other_channel,
                    group: other_group,
                },
            ) => channel == other_channel && group != other_group,
            _ => false,
        }
    }

    /// A `t.me` link to the thread with this root (members of the chat can open it).
    pub fn thread_link(self, root: MessageId) -> Option<String> {
        let internal = self.internal_chat_id()?;
        Some(match self {
            Workspace::Channel { .. } => format!("https://t.me/c/{internal}/{root}?thread={root}"),
            Workspace::Forum { .. } => format!("https://t.me/c/{internal}/{root}"),
        })
    }

    /// A `t.me` link to a message of the lobby (the group's main chat or General topic).
    pub fn lobby_message_link(self, message: MessageId) -> Option<String> {
        Some(format!(
            "https://t.me/c/{}/{message}",
            self.internal_chat_id()?
        ))
    }

    /// The team chat's id as `t.me/c/` links spell it (without the `-100` of supergroups).
    fn internal_chat_id(self) -> Option<String> {
        let id = self.thread_chat().0.to_string();
        Some(id.strip_prefix("-100")?.to_owned())
    }
}

impl fmt::Display for Workspace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Workspace::Channel { channel, group } => {
                write!(f, "channel {channel} with discussion group {group}")
            }
            Workspace::Forum { forum } => write!(f, "forum {forum}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chats_and_links_follow_the_layout() {
        let channel = Workspace::Channel {
            channel: ChatId(-1001),
            group: ChatId(-1002),
        };
        assert_eq!(channel.card_chat(), ChatId(-1001));
        assert_eq!(channel.thread_chat(), ChatId(-1002));
        assert_eq!(
            channel.thread_link(MessageId(7)).as_deref(),
            Some("https://t.me/c/2/7?thread=7")
        );
        let forum = Workspace::Forum {
            forum: ChatId(-1003),
        };
        assert_eq!(forum.card_chat(), forum.thread_chat());
        assert_eq!(
            forum.thread_link(MessageId(9)).as_deref(),
            Some("https://t.me/c/3/9")
        );
        assert_eq!(forum.to_string(), "forum -1003");
    }

    #[test]
    fn a_layout_becomes_a_workspace_with_the_chat_of_its_threads() {
        let channel = Layout::Channel {
            channel: ChatId(-1001),
        };
        assert_eq!(channel.chat(), ChatId(-1001));
        assert_eq!(
            channel.workspace(ChatId(-1002)),
            Workspace::Channel {
                channel: ChatId(-1001),
                group: ChatId(-1002)
            }
        );
        let forum = Layout::Forum {
            forum: ChatId(-1003),
        };
        assert_eq!(
            forum.workspace(ChatId(-1003)),
            Workspace::Forum {
                forum: ChatId(-1003)
            }
        );
    }

    #[test]
    fn a_new_discussion_group_for_the_same_channel_is_a_relink() {
        let before = Workspace::Channel {
            channel: ChatId(-1001),
            group: ChatId(-1002),
        };
        let after = Workspace::Channel {
            channel: ChatId(-1001),
            group: ChatId(-1009),
        };
        assert!(before.is_relinked(after));
        assert!(!before.is_relinked(before));
        assert!(!before.is_relinked(Workspace::Forum {
            forum: ChatId(-1002)
        }));
    }
}
