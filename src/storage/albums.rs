//! Albums the team posted in its chat: which messages make up each album (by Telegram's
//! `media_group_id`), so a command replying to one item (`/send`) can act on the whole album.
//! Only message ids are kept, never captions or files.

use super::keys;
use super::kv::{Kv, TreeName};
use crate::desk::StateResult;
use crate::domain::{ChatId, MessageId};

/// The key of an album's list of items.
fn album_key(chat: ChatId, group: &str) -> Vec<u8> {
    [
        b"album:".as_slice(),
        &keys::signed(chat.0),
        group.as_bytes(),
    ]
    .concat()
}

/// The key naming the album a message belongs to.
fn item_key(chat: ChatId, message: MessageId) -> Vec<u8> {
    [
        b"album-item:".as_slice(),
        &keys::signed(chat.0),
        &message.0.to_be_bytes(),
    ]
    .concat()
}

/// Records that `message` of `chat` is an item of the album `group`.
pub fn remember_item(
    kv: &impl Kv,
    chat: ChatId,
    group: &str,
    message: MessageId,
) -> StateResult<()> {
    let key = album_key(chat, group);
    let mut items = read_items(&kv.get(TreeName::Meta, &key)?.unwrap_or_default());
    if !items.contains(&message) {
        items.push(message);
        items.sort();
        let bytes = items.iter().flat_map(|item| item.0.to_be_bytes()).collect();
        kv.insert(TreeName::Meta, &key, bytes)?;
    }
    kv.insert(
        TreeName::Meta,
        &item_key(chat, message),
        group.as_bytes().to_vec(),
    )
}

/// Every item of the album `message` belongs to, in order; empty when it is not an album's.
pub fn album_of(kv: &impl Kv, chat: ChatId, message: MessageId) -> StateResult<Vec<MessageId>> {
    let Some(group) = kv.get(TreeName::Meta, &item_key(chat, message))? else {
        return Ok(Vec::new());
    };
    let group = String::from_utf8_lossy(&group).into_owned();
    let items = kv.get(TreeName::Meta, &album_key(chat, &group))?;
    Ok(read_items(&items.unwrap_or_default()))
}

fn read_items(bytes: &[u8]) -> Vec<MessageId> {
    bytes
        .chunks_exact(4)
        .map(|chunk| MessageId(i32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]])))
        .collect()
}
