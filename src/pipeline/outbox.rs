//! The outbox: effects waiting to be sent, in one FIFO lane per conversation and destination.
//!
//! A lane is (destination, conversation): the channel, the team chat or one private chat, and
//! the customer the effect is about. Effects of one lane run strictly in order; different lanes
//! run concurrently, sharing the rate limit of their destination chat. So one customer's thread
//! keeps its order while another customer's reply is not held up behind it.

use serde::{Deserialize, Serialize};

use crate::desk::{Effect, ReportTarget, StateResult, read_legacy_cards};
use crate::domain::{Timestamp, UserId, Workspace};
use crate::storage::codec::{self, CodecError, Record};
use crate::storage::{Kv, StorageError, Store, TreeName, TxKv, keys};

/// Where an effect's Telegram calls go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Destination {
    /// The team's channel (cards).
    Channel,
    /// The team's chat: the discussion group or the forum.
    TeamChat,
    /// A user's private chat with the bot.
    Private(UserId),
    /// Answers to a user's inline queries (not a chat; not rate limited).
    Inline(UserId),
}

/// A FIFO queue of effects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lane {
    /// Where the calls go.
    pub destination: Destination,
    /// The customer the effects are about (0 for effects about no one in particular).
    pub conversation: i64,
}

/// The length of a lane's key prefix.
const LANE_KEY_LEN: usize = 17;

impl Lane {
    /// The lane an effect belongs to.
    pub fn of(effect: &Effect) -> Lane {
        let conversation = effect.customer().map_or(0, |customer| customer.0);
        let destination = match effect {
            Effect::PostCard { .. }
            | Effect::EditCard { .. }
            | Effect::OpenCard { .. }
            | Effect::CloseCard { .. }
            | Effect::DeleteCard { .. } => Destination::Channel,
            Effect::CopyToThread { .. }
            | Effect::AlbumToThread { .. }
            | Effect::NoteInThread { .. }
            | Effect::EditThreadCopy { .. }
            | Effect::MirrorToThread { .. }
            | Effect::EditMirror { .. }
            | Effect::NoteInTeamChat { .. }
            | Effect::AnswerTeam { .. } => Destination::TeamChat,
            Effect::NotifyAdmin { admin, .. }
            | Effect::SendReport {
                target: ReportTarget::Admin { admin },
                ..
            } => Destination::Private(*admin),
            Effect::SendReport { .. } | Effect::SendExport { .. } | Effect::ReadImport { .. } => {
                Destination::TeamChat
            }
            Effect::AnswerInline { user, .. }
            | Effect::AnswerInlineUnchecked { user, .. }
            | Effect::AnswerButton { user, .. } => Destination::Inline(*user),
            // Private chats have positive ids; every other chat the bot writes buttons to is the
            // team chat.
            Effect::SendButtons { chat, .. } | Effect::EditButtons { chat, .. } if chat.0 > 0 => {
                Destination::Private(UserId(chat.0))
            }
            Effect::SendButtons { .. } | Effect::EditButtons { .. } => Destination::TeamChat,
            Effect::CopyToCustomer { customer, .. }
            | Effect::FilledToCustomer { customer, .. }
            | Effect::CopiesToCustomer { customer, .. }
            | Effect::AlbumToCustomer { customer, .. }
            | Effect::TellCustomer { customer, .. }
            | Effect::EditCustomerCopy { customer, .. }
            | Effect::ApiMessage { customer, .. }
            | Effect::ApiFile { customer, .. }
            | Effect::BroadcastCopy { customer, .. } => Destination::Private(*customer),
        };
        Lane {
            destination,
            conversation,
        }
    }

    /// The lane's key prefix: a tag, the destination's id, the conversation.
    pub fn key(&self) -> [u8; LANE_KEY_LEN] {
        let (tag, id) = match self.destination {
            Destination::Channel => (1u8, 0),
            Destination::TeamChat => (2, 0),
            Destination::Private(user) => (3, user.0),
            Destination::Inline(user) => (4, user.0),
        };
        let mut key = [0u8; LANE_KEY_LEN];
        key[0] = tag;
        key[1..9].copy_from_slice(&keys::signed(id));
        key[9..].copy_from_slice(&keys::signed(self.conversation));
        key
    }

    /// The lane of an outbox key.
    pub fn from_key(key: &[u8]) -> Option<Lane> {
        let id = keys::read_signed(key.get(1..9)?)?;
        let destination = match key.first()? {
            1 => Destination::Channel,
            2 => Destination::TeamChat,
            3 => Destination::Private(UserId(id)),
            4 => Destination::Inline(UserId(id)),
            _ => return None,
        };
        Some(Lane {
            destination,
            conversation: keys::read_signed(key.get(9..17)?)?,
        })
    }
}

/// An effect waiting in a lane.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxItem {
    /// What to do.
    pub effect: Effect,
    /// When the desk decided it (for the relay latency metric).
    pub enqueued_at: Timestamp,
    /// The workspace the desk decided it in: the chats its message ids belong to (`None` for
    /// an effect stored by a version that did not record it and never adopted).
    pub workspace: Option<Workspace>,
}

/// An outbox item as version 1 stored it, without its workspace.
#[derive(Deserialize)]
struct OutboxItemV1 {
    effect: Effect,
    enqueued_at: Timestamp,
}

impl Record for OutboxItem {
    const VERSION: u8 = 3;

    fn upgrade(version: u8, payload: &[u8]) -> Result<Self, CodecError> {
        match version {
            // Version 2 differs from 3 only in the layout of the cards that effects may hold.
            2 => read_legacy_cards(|| codec::decode_payload(payload)),
            1 => {
                let old: OutboxItemV1 = read_legacy_cards(|| codec::decode_payload(payload))?;
                Ok(OutboxItem {
                    effect: old.effect,
                    enqueued_at: old.enqueued_at,
                    workspace: None,
                })
            }
            _ => Err(CodecError::UnknownVersion {
                record: "OutboxItem",
                version,
            }),
        }
    }
}

/// Whether an effect's calls go to the team's chats (the channel, the discussion group or the
/// forum), whose message ids mean something only in the workspace it was decided in.
pub fn writes_to_team_chats(lane: Lane) -> bool {
    matches!(
        lane.destination,
        Destination::Channel | Destination::TeamChat
    )
}

/// Removes every effect queued for a customer or about them (their private chat's lanes, and
/// the lanes of their conversation in the team's chats and administrators' chats); returns how
/// many.
pub(super) fn forget<K: Kv>(kv: &K, customer: UserId) -> StateResult<u32> {
    let mut removed = 0;
    for (key, _) in kv.scan_prefix(TreeName::Outbox, &[])? {
        let Some(lane) = Lane::from_key(&key) else {
            continue;
        };
        let theirs = lane.conversation == customer.0
            || matches!(
                lane.destination,
                Destination::Private(user) | Destination::Inline(user) if user == customer
            );
        if theirs {
            kv.remove(TreeName::Outbox, &key)?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Appends an effect, decided in `workspace`, to its lane within a transaction that includes
/// the outbox tree.
pub fn enqueue(
    kv: &TxKv<'_>,
    effect: Effect,
    now: Timestamp,
    workspace: Workspace,
) -> StateResult<Lane> {
    let lane = Lane::of(&effect);
    let id = kv.generate_id()?;
    let key = [lane.key().as_slice(), &keys::sequence(id)].concat();
    kv.insert(
        TreeName::Outbox,
        &key,
        codec::encode(&OutboxItem {
            effect,
            enqueued_at: now,
            workspace: Some(workspace),
        })?,
    )?;
    Ok(lane)
}

/// The first effect of a lane, with its key.
pub fn head(store: &Store, lane: Lane) -> Result<Option<(Vec<u8>, OutboxItem)>, StorageError> {
    let Some((key, value)) = store
        .scan_prefix(TreeName::Outbox, &lane.key(), 1)?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    match codec::decode(&value) {
        Ok(item) => Ok(Some((key, item))),
        Err(error) => {
            tracing::error!(%error, "unreadable outbox entry moved aside");
            store.set_aside(TreeName::Outbox, &key, &value, "unreadable_outbox")?;
            head(store, lane)
        }
    }
}

/// Every lane that has effects waiting (at start-up).
pub fn pending_lanes(store: &Store) -> Result<Vec<Lane>, StorageError> {
    let mut lanes: Vec<Lane> = store
        .keys(TreeName::Outbox)?
        .iter()
        .filter_map(|key| Lane::from_key(key))
        .collect();
    lanes.dedup();
    Ok(lanes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_of_the_first_layout_decode_without_a_workspace() {
        #[derive(Serialize)]
        struct V1 {
            effect: Effect,
            enqueued_at: Timestamp,
        }
        let effect = Effect::NoteInTeamChat {
            notice: crate::desk::Notice::TeamHelp,
        };
        let mut bytes = vec![1u8];
        bytes.extend(
            bincode::serde::encode_to_vec(
                V1 {
                    effect: effect.clone(),
                    enqueued_at: Timestamp(5),
                },
                bincode::config::standard(),
            )
            .unwrap(),
        );
        let item: OutboxItem = codec::decode(&bytes).unwrap();
        assert_eq!(item.effect, effect);
        assert_eq!(item.workspace, None);
    }

    #[test]
    fn lane_keys_round_trip() {
        for lane in [
            Lane {
                destination: Destination::Channel,
                conversation: 5,
            },
            Lane {
                destination: Destination::TeamChat,
                conversation: 0,
            },
            Lane {
                destination: Destination::Private(UserId(77)),
                conversation: 77,
            },
        ] {
            assert_eq!(Lane::from_key(&lane.key()), Some(lane));
        }
    }

    /// An `EditCard` for customer 1001 as 3bc8a93 queued it, when a card had one optional
    /// origin: with origin `ads`, then without.
    const EDIT_CARD_V1: [&[u8]; 2] = [
        &[
            1, 1, 251, 210, 7, 20, 1, 251, 232, 3, 251, 210, 7, 5, 65, 108, 105, 99, 101, 1, 5, 97,
            108, 105, 99, 101, 1, 2, 101, 110, 1, 1, 3, 97, 100, 115, 253, 0, 208, 202, 159, 23, 3,
            0, 0, 4, 240, 159, 159, 162, 1, 0, 0, 0, 253, 232, 211, 202, 159, 23, 3, 0, 0,
        ],
        &[
            1, 1, 251, 210, 7, 20, 1, 251, 232, 3, 251, 210, 7, 5, 65, 108, 105, 99, 101, 1, 5, 97,
            108, 105, 99, 101, 1, 2, 101, 110, 1, 0, 253, 0, 208, 202, 159, 23, 3, 0, 0, 4, 240,
            159, 159, 162, 1, 0, 0, 0, 253, 232, 211, 202, 159, 23, 3, 0, 0,
        ],
    ];

    #[test]
    fn cards_queued_with_a_single_origin_decode_as_a_list_of_origins() {
        let origins: Vec<Vec<String>> = EDIT_CARD_V1
            .iter()
            .map(
                |bytes| match codec::decode::<OutboxItem>(bytes).unwrap().effect {
                    Effect::EditCard { card, post, .. } => {
                        assert_eq!((card.customer, post.0), (UserId(1001), 10));
                        assert_eq!(card.name, "Alice");
                        card.origins
                    }
                    other => panic!("not an EditCard: {other:?}"),
                },
            )
            .collect();
        assert_eq!(origins, [vec!["ads".to_owned()], vec![]]);
    }
}
