//! Message links (a customer's private-chat message and its team-chat counterpart) stored in
//! buckets: one record per 64 consecutive message ids, in each direction.
//!
//! Links are by far the most numerous records (one per relayed message, for ever). One record
//! per link in each direction made sled keep hundreds of bytes of page metadata per link in
//! memory whatever the cache size (about 65 MB per million links) and about 270 bytes on disk;
//! buckets divide the number of records by up to 64.
//!
//! A bucket is rewritten whole when one of its links is written, through [`Kv::update`], which
//! is atomic. Links of the first layout (one record per link, keys [`keys::team_link`] and
//! [`keys::private_link`]) are still read when a bucket does not hold the link; they are never
//! written again.

use super::keys;
use super::ledger::{Kv, TreeName};
use crate::desk::{StateError, StateResult};
use crate::domain::{MessageId, UserId};

/// Message ids per bucket.
const BUCKET: i32 = 64;

/// The version byte of a bucket record.
const VERSION: u8 = 1;

/// Bytes of one team-side entry: slot, customer, private message.
const TEAM_ENTRY: usize = 1 + 8 + 4;
/// Bytes of one private-side entry: slot, team message.
const PRIVATE_ENTRY: usize = 1 + 4;

/// A message id's bucket and its slot in the bucket.
fn split(message: MessageId) -> (i32, u8) {
    let bucket = message.0.div_euclid(BUCKET);
    // rem_euclid is in 0..64, so it fits in a byte.
    let slot = message.0.rem_euclid(BUCKET) as u8;
    (bucket, slot)
}

/// Writes both directions of a link between a private-chat message and a team-chat message
/// (replacing earlier links of either message).
pub fn write_link(
    kv: &impl Kv,
    customer: UserId,
    private: MessageId,
    team: MessageId,
) -> StateResult<()> {
    let (team_bucket, team_slot) = split(team);
    let mut team_entry = [0u8; TEAM_ENTRY];
    team_entry[0] = team_slot;
    team_entry[1..9].copy_from_slice(&keys::signed(customer.0));
    team_entry[9..].copy_from_slice(&private.0.to_be_bytes());
    put(kv, &keys::team_links(MessageId(team_bucket)), &team_entry)?;
    let (private_bucket, private_slot) = split(private);
    let mut private_entry = [0u8; PRIVATE_ENTRY];
    private_entry[0] = private_slot;
    private_entry[1..].copy_from_slice(&team.0.to_be_bytes());
    put(
        kv,
        &keys::private_links(customer, MessageId(private_bucket)),
        &private_entry,
    )
}

/// The team-chat message linked to a customer's private-chat message.
pub fn team_side(
    kv: &impl Kv,
    customer: UserId,
    message: MessageId,
) -> StateResult<Option<MessageId>> {
    let (bucket, slot) = split(message);
    if let Some(entry) = find(
        kv,
        &keys::private_links(customer, MessageId(bucket)),
        slot,
        PRIVATE_ENTRY,
    )? {
        return Ok(read_message_id(&entry[1..]));
    }
    Ok(kv
        .get(TreeName::Links, &keys::private_link(customer, message))?
        .and_then(|bytes| read_message_id(&bytes)))
}

/// The customer and private-chat message linked to a team-chat message.
pub fn customer_side(kv: &impl Kv, message: MessageId) -> StateResult<Option<(UserId, MessageId)>> {
    let (bucket, slot) = split(message);
    let bytes = match find(kv, &keys::team_links(MessageId(bucket)), slot, TEAM_ENTRY)? {
        Some(entry) => entry[1..].to_vec(),
        None => match kv.get(TreeName::Links, &keys::team_link(message))? {
            Some(bytes) => bytes,
            None => return Ok(None),
        },
    };
    let customer = keys::read_signed(&bytes).map(UserId);
    let private = bytes.get(8..).and_then(read_message_id);
    Ok(customer.zip(private))
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

    #[test]
    fn links_read_back_in_both_directions() {
        let kv = MemoryKv::default();
        let alice = UserId(100_000_001);
        for private in [1, 2, 63, 64, 65, 200] {
            write_link(&kv, alice, MessageId(private), MessageId(private * 10 + 3)).unwrap();
        }
        for private in [1, 2, 63, 64, 65, 200] {
            let team = MessageId(private * 10 + 3);
            assert_eq!(
                team_side(&kv, alice, MessageId(private)).unwrap(),
                Some(team)
            );
            assert_eq!(
                customer_side(&kv, team).unwrap(),
                Some((alice, MessageId(private)))
            );
        }
        assert_eq!(team_side(&kv, alice, MessageId(3)).unwrap(), None);
        assert_eq!(team_side(&kv, UserId(7), MessageId(1)).unwrap(), None);
        assert_eq!(customer_side(&kv, MessageId(4)).unwrap(), None);
    }

    #[test]
    fn sixty_four_consecutive_links_share_one_record_per_direction() {
        let kv = MemoryKv::default();
        for id in 64..128 {
            write_link(&kv, UserId(5), MessageId(id), MessageId(id + 1_000)).unwrap();
        }
        // 1,064..1,128 spans two team buckets.
        assert_eq!(kv.keys(TreeName::Links).len(), 3);
    }

    #[test]
    fn a_new_link_replaces_the_old_one_of_the_same_message() {
        let kv = MemoryKv::default();
        write_link(&kv, UserId(5), MessageId(9), MessageId(100)).unwrap();
        write_link(&kv, UserId(5), MessageId(9), MessageId(101)).unwrap();
        assert_eq!(
            team_side(&kv, UserId(5), MessageId(9)).unwrap(),
            Some(MessageId(101))
        );
        assert_eq!(
            customer_side(&kv, MessageId(100)).unwrap(),
            Some((UserId(5), MessageId(9)))
        );
    }

    #[test]
    fn links_of_the_first_layout_are_still_read() {
        // Bytes as the first layout wrote them: one record per link and direction.
        let kv = MemoryKv::default();
        let customer = UserId(100_000_001);
        kv.insert(
            TreeName::Links,
            &keys::team_link(MessageId(42)),
            [keys::signed(customer.0).as_slice(), &7i32.to_be_bytes()].concat(),
        )
        .unwrap();
        kv.insert(
            TreeName::Links,
            &keys::private_link(customer, MessageId(7)),
            42i32.to_be_bytes().to_vec(),
        )
        .unwrap();
        assert_eq!(
            team_side(&kv, customer, MessageId(7)).unwrap(),
            Some(MessageId(42))
        );
        assert_eq!(
            customer_side(&kv, MessageId(42)).unwrap(),
            Some((customer, MessageId(7)))
        );
        // A newer link of the same message wins over the old record.
        write_link(&kv, customer, MessageId(7), MessageId(43)).unwrap();
        assert_eq!(
            team_side(&kv, customer, MessageId(7)).unwrap(),
            Some(MessageId(43))
        );
    }

    #[test]
    fn a_bucket_of_an_unknown_version_is_an_error_not_a_miss() {
        let kv = MemoryKv::default();
        kv.insert(
            TreeName::Links,
            &keys::team_links(MessageId(0)),
            vec![9, 1, 2, 3],
        )
        .unwrap();
        assert!(customer_side(&kv, MessageId(5)).is_err());
        assert!(write_link(&kv, UserId(1), MessageId(1), MessageId(5)).is_err());
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
                        write_link(store, UserId(i64::from(writer)), MessageId(index), team)
                            .unwrap();
                    }
                });
            }
        });
        for writer in 0..4 {
            for index in 0..16 {
                let team = MessageId(writer * 16 + index);
                assert_eq!(
                    customer_side(&store, team).unwrap(),
                    Some((UserId(i64::from(writer)), MessageId(index)))
                );
            }
        }
    }
}
