//! Key layouts: big-endian integers so that sled's byte order is numeric order.

use crate::domain::{MessageId, TicketNumber, UserId};

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

/// Index key of a thread root (a message in the team chat).
pub fn root(message: MessageId) -> [u8; 5] {
    tagged(b'r', message)
}

/// Index key of a card post (a message in the channel).
pub fn post(message: MessageId) -> [u8; 5] {
    tagged(b'p', message)
}

/// Index key of a thread root whose post is not known yet.
pub fn unclaimed_root(post: MessageId) -> [u8; 5] {
    tagged(b'u', post)
}

/// Link key of a team-chat message (first layout, read only).
pub fn team_link(message: MessageId) -> [u8; 5] {
    tagged(b't', message)
}

/// Link key of a message in a customer's private chat (first layout, read only).
pub fn private_link(customer: UserId, message: MessageId) -> [u8; 13] {
    let mut key = [0u8; 13];
    key[0] = b'c';
    key[1..9].copy_from_slice(&signed(customer.0));
    key[9..].copy_from_slice(&signed_message(message));
    key
}

/// Link key of a bucket of team-chat messages (message id divided by the bucket size).
pub fn team_links(bucket: MessageId) -> [u8; 5] {
    tagged(b'T', bucket)
}

/// Link key of a bucket of messages in a customer's private chat.
pub fn private_links(customer: UserId, bucket: MessageId) -> [u8; 13] {
    let mut key = private_link(customer, bucket);
    key[0] = b'C';
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
