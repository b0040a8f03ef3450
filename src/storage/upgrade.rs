//! Records and keys written by versions that stored team-chat message ids without their chat,
//! and the one-time rewrite that names the chat in each of them.
//!
//! Up to record version 1 a customer's card, the thread and post indexes and the message links
//! held bare message ids of the team chats. Such a data directory was only ever used with one
//! workspace, which it did not record. [`adopt_legacy_references`] rewrites every such reference
//! with the chats of that workspace, once, when the data directory is first opened by this
//! version with its original workspace; a reference that was never rewritten names no chat and
//! is never resolved.

use serde::{Deserialize, Serialize};

use super::codec::{self, CodecError, Record};
use super::keys::{self, legacy};
use super::kv::TreeName;
use super::links;
use super::store::{StorageError, Store};
use crate::desk::StateError;
use crate::domain::{
    Ban, Card, ChatId, Customer, MessageId, Reachability, TicketNumber, Timestamp, UserId,
    Workspace,
};

/// The customer record as version 1 stored it.
#[derive(Deserialize, Serialize)]
struct CustomerV1 {
    id: UserId,
    first_name: String,
    last_name: Option<String>,
    username: Option<String>,
    language: Option<String>,
    first_seen: Timestamp,
    card: CardV1,
    ticket: TicketNumber,
    reachability: Reachability,
    ban: Option<Ban>,
}

/// The card as version 1 stored it: message ids without their chat.
#[derive(Deserialize, Serialize)]
struct CardV1 {
    post: Option<MessageId>,
    root: Option<MessageId>,
    attempts: u32,
    outdated: bool,
    recreated: bool,
}

/// The customer record as version 2 stored it: without tags and contact fields.
#[derive(Deserialize)]
struct CustomerV2 {
    id: UserId,
    first_name: String,
    last_name: Option<String>,
    username: Option<String>,
    language: Option<String>,
    first_seen: Timestamp,
    card: Card,
    ticket: TicketNumber,
    reachability: Reachability,
    ban: Option<Ban>,
}

impl From<CustomerV2> for Customer {
    fn from(old: CustomerV2) -> Customer {
        Customer {
            id: old.id,
            first_name: old.first_name,
            last_name: old.last_name,
            username: old.username,
            language: old.language,
            first_seen: old.first_seen,
            card: old.card,
            ticket: old.ticket,
            reachability: old.reachability,
            ban: old.ban,
            tags: Vec::new(),
            fields: Default::default(),
        }
    }
}

impl Record for Customer {
    const VERSION: u8 = 3;

    fn upgrade(version: u8, payload: &[u8]) -> Result<Self, CodecError> {
        match version {
            2 => Ok(codec::decode_payload::<CustomerV2>(payload)?.into()),
            1 => {
                let old: CustomerV1 = codec::decode_payload(payload)?;
                let card = Card {
                    // Unknown until the data directory's workspace is adopted.
                    workspace: None,
                    post: old.card.post,
                    root: old.card.root,
                    attempts: old.card.attempts,
                    outdated: old.card.outdated,
                    recreated: old.card.recreated,
                    previous: None,
                };
                Ok(CustomerV2 {
                    id: old.id,
                    first_name: old.first_name,
                    last_name: old.last_name,
                    username: old.username,
                    language: old.language,
                    first_seen: old.first_seen,
                    card,
                    ticket: old.ticket,
                    reachability: old.reachability,
                    ban: old.ban,
                }
                .into())
            }
            _ => Err(CodecError::UnknownVersion {
                record: "Customer",
                version,
            }),
        }
    }
}

/// What [`adopt_legacy_references`] rewrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Adopted {
    /// Customers whose card now names the workspace.
    pub cards: usize,
    /// Thread, post and unclaimed-root index entries.
    pub index: usize,
    /// Message link records (single links and buckets, both directions).
    pub links: usize,
}

/// Whether the data directory holds references that name no chat.
pub fn has_legacy_references(store: &Store) -> Result<bool, StorageError> {
    for entry in store.iter(TreeName::Customers) {
        let (_, value) = entry?;
        if value.first() == Some(&1) {
            return Ok(true);
        }
    }
    let legacy_tags = [
        legacy::ROOT,
        legacy::POST,
        legacy::UNCLAIMED_ROOT,
        legacy::TEAM_LINK,
        legacy::PRIVATE_LINK,
        legacy::TEAM_LINKS,
        legacy::PRIVATE_LINKS,
    ];
    for (tree, tag) in [TreeName::Index, TreeName::Links]
        .into_iter()
        .flat_map(|tree| legacy_tags.iter().map(move |tag| (tree, *tag)))
    {
        if !store.scan_prefix(tree, &[tag], 1)?.is_empty() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Rewrites every reference that names no chat as a reference into `workspace`: customers'
/// cards, the thread and post indexes and the message links. Idempotent; each record is
/// rewritten atomically, so an interrupted run is simply run again.
pub fn adopt_legacy_references(
    store: &Store,
    workspace: Workspace,
) -> Result<Adopted, StorageError> {
    let mut adopted = Adopted::default();
    let threads = workspace.thread_chat();
    let cards = workspace.card_chat();

    for entry in store.iter(TreeName::Customers) {
        let (key, value) = entry?;
        // Only version 1 named no chat; later versions are upgraded when read.
        if value.first() != Some(&1) {
            continue;
        }
        let mut customer: Customer = codec::decode(&value).map_err(StateError::from)?;
        if customer.card.post.is_some() || customer.card.root.is_some() {
            customer.card.workspace = Some(workspace);
            adopted.cards += 1;
        }
        let bytes = codec::encode(&customer).map_err(StateError::from)?;
        store.insert(TreeName::Customers, &key, &bytes)?;
    }

    for (tag, chat) in [
        (legacy::ROOT, threads),
        (legacy::POST, cards),
        (legacy::UNCLAIMED_ROOT, cards),
    ] {
        for (key, value) in store.scan_prefix(TreeName::Index, &[tag], usize::MAX)? {
            let Some(message) = legacy::message(&key) else {
                continue;
            };
            let new_key = match tag {
                legacy::ROOT => keys::root(chat, message),
                legacy::POST => keys::post(chat, message),
                _ => keys::unclaimed_root(chat, message),
            };
            store.transaction(&[TreeName::Index], |kv| {
                super::Kv::insert(kv, TreeName::Index, &new_key, value.clone())?;
                super::Kv::remove(kv, TreeName::Index, &key)
            })?;
            adopted.index += 1;
        }
    }

    // Team side first, then the private side, so that for a private message linked twice the
    // private side's own (newest) entry wins.
    for tag in [
        legacy::TEAM_LINK,
        legacy::TEAM_LINKS,
        legacy::PRIVATE_LINK,
        legacy::PRIVATE_LINKS,
    ] {
        for (key, value) in store.scan_prefix(TreeName::Links, &[tag], usize::MAX)? {
            store.transaction(&[TreeName::Links], |kv| {
                adopt_link_record(kv, tag, &key, &value, threads)?;
                super::Kv::remove(kv, TreeName::Links, &key)
            })?;
            adopted.links += 1;
        }
    }
    Ok(adopted)
}

/// Rewrites one legacy link record (a single link or a bucket) into the chat-keyed layout.
fn adopt_link_record(
    kv: &impl super::Kv,
    tag: u8,
    key: &[u8],
    value: &[u8],
    chat: ChatId,
) -> crate::desk::StateResult<()> {
    let message_at = |bytes: &[u8]| -> Option<i32> {
        Some(i32::from_be_bytes(bytes.get(..4)?.try_into().ok()?))
    };
    let corrupt = || StateError("corrupt legacy link".into());
    match tag {
        legacy::TEAM_LINK => {
            let team = legacy::message(key).ok_or_else(corrupt)?;
            let customer = keys::read_signed(value).map(UserId).ok_or_else(corrupt)?;
            let private = value.get(8..).and_then(message_at).ok_or_else(corrupt)?;
            links::link_team_side(kv, (chat, team), customer, MessageId(private))
        }
        legacy::TEAM_LINKS => {
            let bucket = legacy::message(key).ok_or_else(corrupt)?;
            for entry in links::legacy_entries(value, true)? {
                let team = MessageId(bucket.0 * 64 + i32::from(entry[0]));
                let customer = keys::read_signed(&entry[1..])
                    .map(UserId)
                    .ok_or_else(corrupt)?;
                let private = message_at(&entry[9..]).ok_or_else(corrupt)?;
                links::link_team_side(kv, (chat, team), customer, MessageId(private))?;
            }
            Ok(())
        }
        legacy::PRIVATE_LINK => {
            let customer = keys::read_signed(key.get(1..).unwrap_or_default())
                .map(UserId)
                .ok_or_else(corrupt)?;
            let private = legacy::message(key).ok_or_else(corrupt)?;
            let team = message_at(value).ok_or_else(corrupt)?;
            links::link_private_side(kv, customer, private, (chat, MessageId(team)))
        }
        _ => {
            let customer = keys::read_signed(key.get(1..).unwrap_or_default())
                .map(UserId)
                .ok_or_else(corrupt)?;
            let bucket = legacy::message(key).ok_or_else(corrupt)?;
            for entry in links::legacy_entries(value, false)? {
                let private = MessageId(bucket.0 * 64 + i32::from(entry[0]));
                let team = message_at(&entry[1..]).ok_or_else(corrupt)?;
                links::link_private_side(kv, customer, private, (chat, MessageId(team)))?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Customer 1001 "Ana Lima" @ana (pt-br), with a card in forum -1003 (post 11, topic 10),
    /// on ticket #2, as version 2 (4a5a20a) wrote it.
    const CUSTOMER_V2: [u8; 51] = [
        2, 251, 210, 7, 3, 65, 110, 97, 1, 4, 76, 105, 109, 97, 1, 3, 97, 110, 97, 1, 5, 112, 116,
        45, 98, 114, 253, 0, 208, 202, 159, 23, 3, 0, 0, 1, 1, 251, 213, 7, 1, 22, 1, 20, 1, 0, 0,
        0, 2, 0, 0,
    ];

    #[test]
    fn customers_written_by_version_2_are_read_without_tags_or_fields() {
        let customer: Customer = codec::decode(&CUSTOMER_V2).unwrap();
        assert_eq!(customer.id, UserId(1001));
        assert_eq!(customer.full_name(), "Ana Lima");
        assert_eq!(customer.username.as_deref(), Some("ana"));
        assert_eq!(customer.language.as_deref(), Some("pt-br"));
        assert_eq!(
            customer.card.workspace,
            Some(Workspace::Forum {
                forum: ChatId(-1003)
            })
        );
        assert_eq!(
            (customer.card.post, customer.card.root),
            (Some(MessageId(11)), Some(MessageId(10)))
        );
        assert_eq!(customer.ticket, TicketNumber(2));
        assert!(customer.tags.is_empty() && customer.fields.is_empty());
        let bytes = codec::encode(&customer).unwrap();
        assert_eq!(bytes[0], 3);
        assert_eq!(codec::decode::<Customer>(&bytes).unwrap(), customer);
    }
}
