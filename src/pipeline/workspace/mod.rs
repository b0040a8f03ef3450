//! The workspace a data directory belongs to, and the one in use while the bot runs.
//!
//! Message ids are numbered per chat, so everything the desk stored about its team chats means
//! something only in the workspace it was stored in. The data directory records that workspace
//! ([`open`]): starting with another one is refused unless the team asks for it explicitly
//! (`threadesk run --new-workspace`), in which case customers, tickets and canned replies are
//! kept and each customer gets a new card on their next message. The same channel linked to
//! another discussion group is the same team: that change is accepted and recorded, at start or
//! while running ([`CurrentWorkspace`]).
//!
//! Outcomes of effects decided in another workspace never reach the desk as they are
//! ([`outcome_for_desk`]): their message ids would name other customers' messages here.
//!
//! - `tests`: opening a data directory for a workspace, upgrading one of version 1, and
//!   outcomes of another workspace.

use std::sync::{Arc, RwLock};

use crate::desk::{Effect, Event, Failure};
use crate::domain::Workspace;
use crate::storage::codec::{self, Record};
use crate::storage::upgrade::{self, Adopted};
use crate::storage::{StorageError, Store, TreeName};

use super::outbox::OutboxItem;

/// The `meta` key of the data directory's workspace.
const WORKSPACE_KEY: &[u8] = b"workspace";

impl Record for Workspace {}

/// The workspace in use, shared by the parts of a running bot (it changes when the channel is
/// linked to another discussion group). Cheap to clone.
#[derive(Clone, Debug)]
pub struct CurrentWorkspace {
    inner: Arc<RwLock<Workspace>>,
}

impl CurrentWorkspace {
    /// A handle starting with `workspace` (already recorded by [`open`]).
    pub fn new(workspace: Workspace) -> CurrentWorkspace {
        CurrentWorkspace {
            inner: Arc::new(RwLock::new(workspace)),
        }
    }

    /// The workspace in use now.
    pub fn get(&self) -> Workspace {
        *self
            .inner
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Records a new workspace in the data directory, then uses it.
    pub fn switch(&self, store: &Store, workspace: Workspace) -> Result<(), StorageError> {
        if self.get() == workspace {
            return Ok(());
        }
        record(store, workspace)?;
        *self
            .inner
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = workspace;
        Ok(())
    }
}

/// The workspace the data directory belongs to, if it recorded one.
pub fn recorded(store: &Store) -> Result<Option<Workspace>, StorageError> {
    match store.get(TreeName::Meta, WORKSPACE_KEY)? {
        Some(bytes) => Ok(Some(
            codec::decode(&bytes).map_err(|error| StorageError::State(error.into()))?,
        )),
        None => Ok(None),
    }
}

fn record(store: &Store, workspace: Workspace) -> Result<(), StorageError> {
    let bytes = codec::encode(&workspace).map_err(|error| StorageError::State(error.into()))?;
    store.insert(TreeName::Meta, WORKSPACE_KEY, &bytes)?;
    store.flush_now()
}

/// How the data directory and the configured workspace came together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opening {
    /// The data directory belongs to this workspace already.
    Same,
    /// A new data directory (nothing stored yet), now recorded as this workspace's.
    Fresh,
    /// A data directory of an older version, which named no chat in its references: they now
    /// all name this workspace, in which it was used.
    Adopted(Adopted),
    /// The channel was linked to another discussion group: the same team, new threads.
    Relinked {
        /// The workspace before.
        previous: Workspace,
    },
    /// The team chose to move to this workspace (`--new-workspace`).
    Moved {
        /// The workspace before, if the data directory recorded one.
        previous: Option<Workspace>,
    },
}

/// The data directory belongs to another workspace and the team did not ask to move.
#[derive(Debug, thiserror::Error)]
#[error(
    "the data directory belongs to the {recorded}, but the settings name the {configured}. \
     Message ids differ between chats, so its cards and threads cannot be used there. \
     To keep using the old workspace, fix `channel_id`/`forum_id`/`layout`. \
     To move the team to the new one (customers, tickets and canned replies are kept; \
     each customer gets a new card and thread there on their next message), start once with \
     `threadesk run --new-workspace` (or THREADESK_NEW_WORKSPACE=1)."
)]
pub struct WorkspaceMismatch {
    /// The workspace the data directory belongs to.
    pub recorded: Workspace,
    /// The workspace the settings name.
    pub configured: Workspace,
}

/// Why the data directory could not be opened for a workspace.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Another workspace, without `--new-workspace`.
    #[error(transparent)]
    Mismatch(#[from] WorkspaceMismatch),
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Checks the data directory against the configured workspace, records it, and upgrades the
/// references of an older version. `move_allowed` is `--new-workspace`.
pub fn open(
    store: &Store,
    configured: Workspace,
    move_allowed: bool,
) -> Result<Opening, OpenError> {
    let opening = match recorded(store)? {
        Some(recorded) if recorded == configured => return Ok(Opening::Same),
        Some(recorded) if recorded.is_relinked(configured) => {
            Opening::Relinked { previous: recorded }
        }
        Some(recorded) if move_allowed => Opening::Moved {
            previous: Some(recorded),
        },
        Some(recorded) => {
            return Err(WorkspaceMismatch {
                recorded,
                configured,
            }
            .into());
        }
        None if !upgrade::has_legacy_references(store)? => Opening::Fresh,
        // An older data directory does not know its workspace; told to move, its references
        // stay unresolvable and every customer gets a new card.
        None if move_allowed => Opening::Moved { previous: None },
        None => {
            let adopted = upgrade::adopt_legacy_references(store, configured)?;
            stamp_outbox(store, configured)?;
            Opening::Adopted(adopted)
        }
    };
    record(store, configured)?;
    Ok(opening)
}

/// Gives queued effects stored without a workspace the data directory's original one.
fn stamp_outbox(store: &Store, workspace: Workspace) -> Result<(), StorageError> {
    for entry in store.iter(TreeName::Outbox) {
        let (key, value) = entry?;
        if value.first() == Some(&OutboxItem::VERSION) {
            continue;
        }
        let Ok(mut item) = codec::decode::<OutboxItem>(&value) else {
            // Left as it is: the sender sets unreadable entries aside visibly.
            continue;
        };
        item.workspace.get_or_insert(workspace);
        let bytes = codec::encode(&item).map_err(|error| StorageError::State(error.into()))?;
        store.insert(TreeName::Outbox, &key, &bytes)?;
    }
    Ok(())
}

/// What the desk is told of an effect's outcome. An outcome from the workspace in use goes
/// through as it is. From another one, only what stays true here does: a customer message that
/// did not reach the old thread waits for the customer's new thread, and a customer who blocked
/// the bot is marked so; a card posted there, or a failure naming messages there, is dropped
/// (with a log line), since its message ids would name other messages here.
pub fn outcome_for_desk(
    event: Event,
    decided_in: Option<Workspace>,
    current: Workspace,
) -> Option<Event> {
    if decided_in == Some(current) {
        return Some(event);
    }
    match event {
        Event::DeliveryFailed {
            effect:
                effect @ (Effect::CopyToThread { .. }
                | Effect::AlbumToThread { .. }
                | Effect::MirrorToThread { .. }),
            ..
        } => Some(Event::DeliveryFailed {
            effect,
            failure: Failure::WorkspaceChanged,
        }),
        Event::DeliveryFailed {
            effect,
            failure: Failure::BlockedByUser | Failure::UserDeactivated,
        } if effect.customer().is_some() => {
            effect
                .customer()
                .map(|customer| Event::CustomerReachability {
                    customer,
                    reachable: false,
                })
        }
        other => {
            tracing::warn!(
                event = ?other,
                ?decided_in,
                %current,
                "the outcome of an effect of another workspace is not applied here"
            );
            None
        }
    }
}

#[cfg(test)]
mod tests;
