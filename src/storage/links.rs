//! Message links (a customer's private-chat message and its team-chat counterpart) stored in
//! buckets: one record per 64 consecutive message ids, in each direction.
//!
//! Links are by far the most numerous records (one per relayed message, for ever). One record
//! per link in each direction made sled keep hundreds of bytes of page metadata per link in
//! memory whatever the cache size (about 65 MB per million links) and about 270 bytes on disk;
//! buckets divide the number of records by up to 64.
//!
//! Team-chat message ids are only unique within their chat, so team-side buckets are keyed by
//! chat and private-side entries name the chat of their team message: a link made in one team
//! chat is never found from another.
//!
//! A bucket is rewritten whole when one of its links is written, through [`Kv::update`], which
//! is atomic.

use super::keys;
use super::kv::{Kv, TreeName};
use crate::desk::{StateError, StateResult};
use crate::domain::{ChatId, MessageId, UserId};

/// Message ids per bucket.
const BUCKET: i32 = 64;

/// The version byte of a bucket record.
const VERSION: u8 = 1;

/// Bytes of one team-side entry: slot, customer, private message.
const TEAM_ENTRY: usize = 1 + 8 + 4;
/// Bytes of one private-side entry: slot, team chat, team message.
const PRIVATE_ENTRY: usize = 1 + 8 + 4;

/// A message id's bucket and its slot in the bucket.
fn split(message: MessageId) -> (i32, u8) {
    let bucket = message.0.div_euclid(BUCKET);
    // rem_euclid is in 0..64, so it fits in a byte.
    let slot = message.0.rem_euclid(BUCKET) as u8;
    (bucket, slot)
}

/// Writes both directions of a link between a private-chat message and a message of a team
/// chat (replacing earlier links of either message).
pub fn write_link(
    kv: &impl Kv,
    customer: UserId,
    private: MessageId,
    team: (ChatId, MessageId),
) -> StateResult<()> {
    link_team_side(kv, team, customer, private)?;
    link_private_side(kv, customer, private, team)
}

/// Writes the team-to-customer direction of a link.
pub(super) fn link_team_side(
    kv: &impl Kv,
    (chat, team): (ChatId, MessageId),
    customer: UserId,
    private: MessageId,
) -> StateResult<()> {
    let (bucket, slot) = split(team);
    let mut entry = [0u8; TEAM_ENTRY];
    entry[0] = slot;
    entry[1..9].copy_from_slice(&keys::signed(customer.0));
    entry[9..].copy_from_slice(&private.0.to_be_bytes());
    put(kv, &keys::team_links(chat, MessageId(bucket)), &entry)
}

/// Writes the customer-to-team direction of a link.
pub(super) fn link_private_side(
    kv: &impl Kv,
    customer: UserId,
    private: MessageId,
    (chat, team): (ChatId, MessageId),
) -> StateResult<()> {
    let (bucket, slot) = split(private);
    let mut entry = [0u8; PRIVATE_ENTRY];
    entry[0] = slot;
    entry[1..9].copy_from_slice(&keys::signed(chat.0));
    entry[9..].copy_from_slice(&team.0.to_be_bytes());
    put(
        kv,
        &keys::private_links(customer, MessageId(bucket)),
        &entry,
    )
}

/// The team-chat message (and its chat) linked to a customer's private-chat message.
pub fn team_side(
    kv: &impl Kv,
    customer: UserId,
    message: MessageId,
) -> StateResult<Option<(ChatId, MessageId)>> {
    let (bucket, slot) = split(message);
    let Some(entry) = find(
        kv,
        &keys::private_links(customer, MessageId(bucket)),
        slot,
        PRIVATE_ENTRY,
    )?
    else {
        return Ok(None);
    };
    let chat = keys::read_signed(&entry[1..]).map(ChatId);
    Ok(chat.zip(entry.get(9..).and_then(read_message_id)))
}

/// The customer and private-chat message linked to a message of a team chat.
pub fn customer_side(
    kv: &impl Kv,
    chat: ChatId,
    message: MessageId,
) -> StateResult<Option<(UserId, MessageId)>> {
    let (bucket, slot) = split(message);
    let Some(entry) = find(
        kv,
        &keys::team_links(chat, MessageId(bucket)),
        slot,
        TEAM_ENTRY,
    )?
    else {
        return Ok(None);
    };
    let customer = keys::read_signed(&entry[1..]).map(UserId);
    let private = entry.get(9..).and_then(read_message_id);
    Ok(customer.zip(private))
}

/// Removes every link of a customer: their private chat's buckets, and their entries in the
/// team chats' buckets. Returns how many links their private chat had.
pub(super) fn forget(kv: &impl Kv, customer: UserId) -> StateResult<u32> {
    let private_prefix = &keys::private_links(customer, MessageId(0))[..9];
    let mut links = 0;
    for (key, bytes) in kv.scan_prefix(TreeName::Links, private_prefix)? {
        links += entries(&bytes, PRIVATE_ENTRY).map_or(0, |e| e.len() / PRIVATE_ENTRY) as u32;
        kv.remove(TreeName::Links, &key)?;
    }
    let theirs = keys::signed(customer.0);
    for (key, bytes) in kv.scan_prefix(TreeName::Links, &[keys::TEAM_LINKS_TAG])? {
        let Ok(existing) = entries(&bytes, TEAM_ENTRY) else {
            continue;
        };
        let kept: Vec<&[u8]> = existing
            .chunks_exact(TEAM_ENTRY)
            .filter(|entry| entry[1..9] != theirs)
            .collect();
        if kept.len() * TEAM_ENTRY == existing.len() {
            continue;
        }
        if kept.is_empty() {
            kv.remove(TreeName::Links, &key)?;
        } else {
            let mut record = vec![VERSION];
            kept.iter()
                .for_each(|entry| record.extend_from_slice(entry));
            kv.insert(TreeName::Links, &key, record)?;
        }
    }
    Ok(links)
}

/// The entries of a bucket record of the layout that named no chat, as (slot, rest) pairs:
/// team side (slot, customer, private message) or private side (slot, team message).
pub(super) fn legacy_entries(bytes: &[u8], team_side: bool) -> StateResult<Vec<&[u8]>> {
    let size = if team_side { 1 + 8 + 4 } else { 1 + 4 };
    Ok(entries(bytes, size)?.chunks_exact(size).collect())
}

fn read_message_id(bytes: &[u8]) -> Option<MessageId> {
    Some(MessageId(i32::from_be_bytes(
        bytes.get(..4)?.try_into().ok()?,
    )))
}

/// The entry of `slot` in the bucket at `key`, if any.
fn find(kv: &impl Kv, key: &[u8], slot: u8, size: usize) -> StateResult<Option<Vec<u8>>> {
    let Some(bytes) = kv.get(TreeName::Links, key)? else {
        return Ok(None);
    };
    let entries = entries(&bytes, size)?;
    Ok(entries
        .chunks_exact(size)
        .find(|entry| entry[0] == slot)
        .map(<[u8]>::to_vec))
}

/// The entries of a bucket record, after its version byte.
fn entries(bytes: &[u8], size: usize) -> StateResult<&[u8]> {
    match bytes.split_first() {
        Some((&VERSION, entries)) if entries.len() % size == 0 => Ok(entries),
        Some((&VERSION, _)) => Err(StateError("corrupt link bucket".into())),
        Some((version, _)) => Err(StateError(format!(
            "unknown version {version} of a link bucket"
        ))),
        None => Err(StateError("empty link bucket".into())),
    }
}

/// Puts `entry` into the bucket at `key`, replacing the entry of the same slot; entries stay
/// ordered by slot.
fn put(kv: &impl Kv, key: &[u8], entry: &[u8]) -> StateResult<()> {
    let size = entry.len();
    let mut failure = None;
    kv.update(TreeName::Links, key, &mut |current| {
        let existing = match current.map(|bytes| entries(bytes, size)) {
            Some(Ok(existing)) => existing,
            Some(Err(error)) => {
                failure = Some(error);
                return current.map(<[u8]>::to_vec);
            }
            None => &[],
        };
        let mut record = Vec::with_capacity(1 + existing.len() + size);
        record.push(VERSION);
        let mut placed = false;
        for old in existing.chunks_exact(size) {
            if !placed && old[0] >= entry[0] {
                record.extend_from_slice(entry);
                placed = true;
                if old[0] == entry[0] {
                    continue;
                }
            }
            record.extend_from_slice(old);
        }
        if !placed {
            record.extend_from_slice(entry);
        }
        failure = None;
        Some(record)
    })?;
    match failure {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{MemoryKv, Store};

    const GROUP: ChatId = ChatId(-100_200);

    #[test]
    fn links_read_back_in_both_directions() {
        let kv = MemoryKv::default();
        let alice = UserId(100_000_001);
        for private in [1, 2, 63, 64, 65, 200] {
            let team = MessageId(private * 10 + 3);
            write_link(&kv, alice, MessageId(private), (GROUP, team)).unwrap();
        }
        for private in [1, 2, 63, 64, 65, 200] {
            let team = MessageId(private * 10 + 3);
            assert_eq!(
                team_side(&kv, alice, MessageId(private)).unwrap(),
                Some((GROUP, team))
            );
            assert_eq!(
                customer_side(&kv, GROUP, team).unwrap(),
                Some((alice, MessageId(private)))
            );
        }
        assert_eq!(team_side(&kv, alice, MessageId(3)).unwrap(), None);
        assert_eq!(team_side(&kv, UserId(7), MessageId(1)).unwrap(), None);
        assert_eq!(customer_side(&kv, GROUP, MessageId(4)).unwrap(), None);
    }

    #[test]
    fn a_link_of_one_team_chat_is_not_found_from_another() {
        let kv = MemoryKv::default();
        write_link(&kv, UserId(5), MessageId(9), (GROUP, MessageId(100))).unwrap();
        assert_eq!(
            customer_side(&kv, ChatId(-100_300), MessageId(100)).unwrap(),
            None
        );
        assert_eq!(
            customer_side(&kv, GROUP, MessageId(100)).unwrap(),
            Some((UserId(5), MessageId(9)))
        );
    }

    #[test]
    fn sixty_four_consecutive_links_share_one_record_per_direction() {
        let kv = MemoryKv::default();
        for id in 64..128 {
            write_link(
                &kv,
                UserId(5),
                MessageId(id),
                (GROUP, MessageId(id + 1_000)),
            )
            .unwrap();
        }
        // 1,064..1,128 spans two team buckets.
        assert_eq!(kv.keys(TreeName::Links).len(), 3);
    }

    #[test]
    fn a_new_link_replaces_the_old_one_of_the_same_message() {
        let kv = MemoryKv::default();
        write_link(&kv, UserId(5), MessageId(9), (GROUP, MessageId(100))).unwrap();
        write_link(&kv, UserId(5), MessageId(9), (GROUP, MessageId(101))).unwrap();
        assert_eq!(
            team_side(&kv, UserId(5), MessageId(9)).unwrap(),
            Some((GROUP, MessageId(101)))
        );
        assert_eq!(
            customer_side(&kv, GROUP, MessageId(100)).unwrap(),
            Some((UserId(5), MessageId(9)))
        );
    }

    #[test]
    fn a_bucket_of_an_unknown_version_is_an_error_not_a_miss() {
        let kv = MemoryKv::default();
        kv.insert(
            TreeName::Links,
            &keys::team_links(GROUP, MessageId(0)),
            vec![9, 1, 2, 3],
        )
        .unwrap();
        assert!(customer_side(&kv, GROUP, MessageId(5)).is_err());
        assert!(write_link(&kv, UserId(1), MessageId(1), (GROUP, MessageId(5))).is_err());
    }

    #[test]
    fn concurrent_writers_to_one_bucket_lose_no_link() {
        let directory = tempfile::tempdir().unwrap();
        let store = Store::open(directory.path(), 1024 * 1024).unwrap();
        std::thread::scope(|scope| {
            for writer in 0..4 {
                let store = &store;
                scope.spawn(move || {
                    for index in 0..16 {
                        let team = MessageId(writer * 16 + index);
                        write_link(
                            store,
                            UserId(i64::from(writer)),
                            MessageId(index),
                            (GROUP, team),
                        )
                        .unwrap();
                    }
                });
            }
        });
        for writer in 0..4 {
            for index in 0..16 {
                let team = MessageId(writer * 16 + index);
                assert_eq!(
                    customer_side(&store, GROUP, team).unwrap(),
                    Some((UserId(i64::from(writer)), MessageId(index)))
                );
            }
        }
    }
}
