//! Key layouts: big-endian integers so that sled's byte order is numeric order.

use crate::domain::{ChatId, MessageId, TicketNumber, UserId};

/// A signed integer as 8 bytes that sort in numeric order (sign bit flipped, big-endian).
pub fn signed(value: i64) -> [u8; 8] {
    ((value as u64) ^ (1 << 63)).to_be_bytes()
}

/// The inverse of [`signed`].
pub fn read_signed(bytes: &[u8]) -> Option<i64> {
    let array: [u8; 8] = bytes.get(..8)?.try_into().ok()?;
    Some((u64::from_be_bytes(array) ^ (1 << 63)) as i64)
}

/// A sequence number as 8 sortable bytes.
pub fn sequence(value: u64) -> [u8; 8] {
    value.to_be_bytes()
}

/// The inverse of [`sequence`].
pub fn read_sequence(bytes: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(bytes.get(..8)?.try_into().ok()?))
}

/// Key of a customer record.
pub fn customer(id: UserId) -> [u8; 8] {
    signed(id.0)
}

/// Key of a ticket: customer, then number, so a customer's tickets are contiguous and ordered.
pub fn ticket(customer: UserId, number: TicketNumber) -> [u8; 12] {
    let mut key = [0u8; 12];
    key[..8].copy_from_slice(&signed(customer.0));
    key[8..].copy_from_slice(&number.0.to_be_bytes());
    key
}

/// Index key of a thread root (or forum topic) in a team chat.
pub fn root(chat: ChatId, message: MessageId) -> [u8; 13] {
    in_chat(b'R', chat, message)
}

/// Index key of a card post (a message in the channel, or the card message in a forum topic).
pub fn post(chat: ChatId, message: MessageId) -> [u8; 13] {
    in_chat(b'P', chat, message)
}

/// Index key of a thread root whose post (in the channel `chat`) is not known yet.
pub fn unclaimed_root(chat: ChatId, post: MessageId) -> [u8; 13] {
    in_chat(b'U', chat, post)
}

/// The tag of the team chats' link buckets, the first byte of their keys.
pub const TEAM_LINKS_TAG: u8 = b'K';

/// Link key of a bucket of messages in a team chat (message id divided by the bucket size).
pub fn team_links(chat: ChatId, bucket: MessageId) -> [u8; 13] {
    in_chat(TEAM_LINKS_TAG, chat, bucket)
}

/// Link key of a bucket of messages in a customer's private chat.
pub fn private_links(customer: UserId, bucket: MessageId) -> [u8; 13] {
    in_chat(b'D', customer.private_chat(), bucket)
}

/// Keys written by versions that stored team-chat message ids without their chat. They are
/// only read once, when such a data directory is upgraded (see `storage::upgrade`).
pub mod legacy {
    use super::{MessageId, UserId, signed, signed_message, tagged};

    /// Tag of a thread root index entry.
    pub const ROOT: u8 = b'r';
    /// Tag of a card post index entry.
    pub const POST: u8 = b'p';
    /// Tag of an unclaimed root index entry.
    pub const UNCLAIMED_ROOT: u8 = b'u';
    /// Tag of a single team-chat link.
    pub const TEAM_LINK: u8 = b't';
    /// Tag of a single private-chat link.
    pub const PRIVATE_LINK: u8 = b'c';
    /// Tag of a bucket of team-chat links.
    pub const TEAM_LINKS: u8 = b'T';
    /// Tag of a bucket of private-chat links.
    pub const PRIVATE_LINKS: u8 = b'C';

    /// A key of one of the index tags above.
    pub fn index(tag: u8, message: MessageId) -> [u8; 5] {
        tagged(tag, message)
    }

    /// Key of a bucket of team-chat links.
    pub fn team_links(bucket: MessageId) -> [u8; 5] {
        tagged(TEAM_LINKS, bucket)
    }

    /// Key of a private-chat link or bucket.
    pub fn private(tag: u8, customer: UserId, message: MessageId) -> [u8; 13] {
        let mut key = [0u8; 13];
        key[0] = tag;
        key[1..9].copy_from_slice(&signed(customer.0));
        key[9..].copy_from_slice(&signed_message(message));
        key
    }

    /// The message id in the last four bytes of a key.
    pub fn message(key: &[u8]) -> Option<MessageId> {
        let bytes: [u8; 4] = key.get(key.len().checked_sub(4)?..)?.try_into().ok()?;
        Some(MessageId((u32::from_be_bytes(bytes) ^ (1 << 31)) as i32))
    }
}

/// A tag, a chat and a message id, sorting by chat then message.
fn in_chat(tag: u8, chat: ChatId, message: MessageId) -> [u8; 13] {
    let mut key = [0u8; 13];
    key[0] = tag;
    key[1..9].copy_from_slice(&signed(chat.0));
    key[9..].copy_from_slice(&signed_message(message));
    key
}

fn tagged(tag: u8, message: MessageId) -> [u8; 5] {
    let mut key = [0u8; 5];
    key[0] = tag;
    key[1..].copy_from_slice(&signed_message(message));
    key
}

fn signed_message(message: MessageId) -> [u8; 4] {
    ((message.0 as u32) ^ (1 << 31)).to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_keys_sort_numerically() {
        let values = [-1_000_000_000_000i64, -5, 0, 7, i64::MAX];
        let keys: Vec<_> = values.iter().map(|v| signed(*v)).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        for value in values {
            assert_eq!(read_signed(&signed(value)), Some(value));
        }
    }

    #[test]
    fn a_customers_tickets_sort_by_number() {
        let customer = UserId(42);
        assert!(ticket(customer, TicketNumber(2)) < ticket(customer, TicketNumber(10)));
        assert!(ticket(customer, TicketNumber(99)) < ticket(UserId(43), TicketNumber(1)));
    }
}
