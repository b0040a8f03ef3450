//! Copies and forwards: `copyMessage`, `forwardMessage` and their batch forms, with the
//! `forward_origin` a forward carries.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::Request;
use super::messages::roll;
use crate::content::Body;
use crate::error::ApiError;
use crate::ids::{ChatRef, MessageId};
use crate::message::{Message, Origin};

/// `copyMessage` and `forwardMessage`.
pub(super) fn copy_or_forward_one(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let forward = request.method == "forwardMessage";
    let id = request.message_id("message_id").unwrap_or(MessageId(0));
    let (target, created) = duplicate(request, &[id], forward, true)?;
    let id = created.first().copied().unwrap_or(MessageId(0));
    Ok(if forward {
        request.world.render(target, id)
    } else {
        json!({"message_id": id.0})
    })
}

/// `copyMessages` and `forwardMessages`: 1-100 strictly increasing ids; missing or uncopyable
/// messages are skipped; albums stay grouped. Returns the new `MessageId`s.
pub(super) fn copy_or_forward_many(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let forward = request.method == "forwardMessages";
    let ids = request.message_ids()?;
    if ids.windows(2).any(|pair| pair[0] >= pair[1]) {
        return Err(ApiError::bad_request(
            "message identifiers must be specified in strictly increasing order",
        ));
    }
    let (_, created) = duplicate(request, &ids, forward, false)?;
    Ok(Value::Array(
        created
            .iter()
            .map(|id| json!({"message_id": id.0}))
            .collect(),
    ))
}

/// Copies or forwards messages of `from_chat_id` into `chat_id`; `single` calls fail on a
/// missing or uncopyable message, batch calls skip it.
fn duplicate(
    request: &mut Request<'_>,
    ids: &[MessageId],
    forward: bool,
    single: bool,
) -> Result<(ChatRef, Vec<MessageId>), ApiError> {
    let verb = if forward { "forward" } else { "copy" };
    let target = request.writable_chat("chat_id")?;
    let source = request.readable_chat("from_chat_id")?;
    let source_chat = request.record(source)?;
    let source_is_channel = source_chat.is_channel();
    let mut originals: Vec<Message> = Vec::new();
    for id in ids {
        let Some(original) = source_chat.message(*id) else {
            if single {
                return Err(ApiError::bad_request(format!(
                    "message to {verb} not found"
                )));
            }
            continue;
        };
        let allowed = !original.protected
            && if forward {
                !matches!(original.content.body, Body::Service(_))
            } else {
                original.content.copyable(original.actor == request.bot)
            };
        if !allowed {
            if single {
                let refused = if forward {
                    "message can't be forwarded"
                } else {
                    "message can't be copied"
                };
                return Err(ApiError::bad_request(refused));
            }
            continue;
        }
        originals.push(original.clone());
    }
    if originals.is_empty() {
        return Err(ApiError::bad_request(format!(
            "message to {verb} not found"
        )));
    }
    let caption = if single && !forward && request.value("caption").is_some() {
        Some(request.caption()?)
    } else {
        None
    };
    let placement = request.placement(target)?;
    request.admit(target, originals.len())?;
    let mut groups: HashMap<String, String> = HashMap::new();
    let mut created = Vec::with_capacity(originals.len());
    for original in originals {
        let mut content = original.content.clone();
        let mut forward_origin = None;
        if forward {
            forward_origin = Some(origin_of(&original, source, source_is_channel));
        } else {
            if let Body::Dice { emoji, value } = &mut content.body {
                // A copied dice is rolled again.
                *value = roll(&mut request.world.rng, emoji).unwrap_or(*value);
            }
            if content.has_caption() {
                if let Some(caption) = &caption {
                    content.text = caption.text.clone();
                    content.entities = caption.entities.clone();
                }
                if request.flag("remove_caption") {
                    content.text.clear();
                    content.entities.clear();
                }
            }
        }
        let mut message = request.outgoing(target, content, placement);
        message.forward_origin = forward_origin;
        if forward || !single {
            message.reply_markup = None;
        }
        if !single {
            message.media_group_id = original.media_group_id.as_ref().map(|group| {
                groups
                    .entry(group.clone())
                    .or_insert_with(|| request.world.new_media_group())
                    .clone()
            });
        }
        created.push(request.world.post(target, message));
    }
    Ok((target, created))
}

/// The `forward_origin` of a forward of `original`: the original origin if it was itself a
/// forward, else the channel, the chat it was sent on behalf of, or its sender.
fn origin_of(original: &Message, source: ChatRef, source_is_channel: bool) -> Origin {
    if let Some(origin) = &original.forward_origin {
        return origin.clone();
    }
    let date = original.date;
    if source_is_channel {
        return Origin::Channel {
            chat: source.chat_id(),
            message_id: original.id,
            date,
            signature: original.author_signature.clone(),
        };
    }
    match original.sender_chat {
        Some(chat) => Origin::Chat {
            chat,
            date,
            signature: original.author_signature.clone(),
        },
        None => Origin::User {
            user: original.from.unwrap_or(original.actor),
            date,
        },
    }
}
