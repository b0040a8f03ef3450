//! Sending: `sendMessage`, the `send<Media>` family, locations, venues, contacts, polls, dice
//! and invoices, albums (`sendMediaGroup`), copies and forwards (one or many), chat actions.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::{Request, check_caption};
use crate::content::{Body, InvoiceData, MediaKind, PollData, Stored};
use crate::error::ApiError;
use crate::ids::{ChatRef, MessageId};
use crate::markup::{self, Formatted};
use crate::message::{Message, Origin};

/// The dice emoji Telegram animates, with their highest value.
const DICE: [(&str, i64); 6] = [
    ("🎲", 6),
    ("🎯", 6),
    ("🏀", 5),
    ("⚽", 5),
    ("🎳", 6),
    ("🎰", 64),
];

/// The chat actions `sendChatAction` accepts.
const CHAT_ACTIONS: [&str; 11] = [
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
];

/// Rolls a dice with this emoji; `None` for an emoji Telegram does not animate.
pub(crate) fn roll(rng: &mut fastrand::Rng, emoji: &str) -> Option<i64> {
    DICE.iter()
        .find(|(known, _)| *known == emoji)
        .map(|(_, max)| rng.i64(1..=*max))
}

/// `sendMessage`.
pub(super) fn send_message(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let text = request.message_text()?;
    let target = request.writable_chat("chat_id")?;
    request.send_one(target, Stored::text(text.text, text.entities))
}

/// `sendPhoto`, `sendVideo`, … : one file by `file_id`, URL or upload, with a caption.
pub(super) fn send_media(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let kind = media_kind_of_method(request.method)?;
    let caption = if kind.has_caption() {
        request.caption()?
    } else {
        Formatted::default()
    };
    let target = request.writable_chat("chat_id")?;
    let reference = request.str(kind.name()).unwrap_or_default().to_owned();
    let upload = request.upload(&reference).cloned();
    let mut body = request
        .world
        .files
        .resolve(kind, &reference, upload.as_ref())?;
    if let (Body::File(MediaKind::Sticker, meta), Some(emoji)) = (&mut body, request.str("emoji")) {
        meta.emoji = Some(emoji.to_owned());
    }
    let content = Stored {
        body,
        text: caption.text,
        entities: caption.entities,
        has_spoiler: request.flag("has_spoiler"),
    };
    request.send_one(target, content)
}

/// `sendVideoNote` -> video note.
fn media_kind_of_method(method: &str) -> Result<MediaKind, ApiError> {
    let name = method.strip_prefix("send").unwrap_or(method);
    let mut snake = String::new();
    for (index, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && index > 0 {
            snake.push('_');
        }
        snake.push(c.to_ascii_lowercase());
    }
    MediaKind::from_name(&snake).ok_or_else(ApiError::unsupported_method)
}

/// `sendLocation`, `sendVenue`, `sendContact`, `sendPoll`, `sendDice`, `sendInvoice`.
pub(super) fn send_other(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let float = |name: &str| request.value(name).and_then(Value::as_f64).unwrap_or(0.0);
    let text = |name: &str| request.str(name).unwrap_or_default().to_owned();
    let body = match request.method {
        "sendLocation" => Body::Location {
            latitude: float("latitude"),
            longitude: float("longitude"),
        },
        "sendVenue" => Body::Venue {
            latitude: float("latitude"),
            longitude: float("longitude"),
            title: text("title"),
            address: text("address"),
        },
        "sendContact" => Body::Contact {
            phone_number: text("phone_number"),
            first_name: text("first_name"),
            last_name: request.str("last_name").map(str::to_owned),
            user_id: None,
        },
        "sendPoll" => Body::Poll(poll(request)?),
        "sendDice" => {
            let emoji = request.str("emoji").unwrap_or("🎲").to_owned();
            let value = roll(&mut request.world.rng, &emoji)
                .ok_or_else(|| ApiError::bad_request("invalid dice emoji specified"))?;
            Body::Dice { emoji, value }
        }
        _ => Body::Invoice(InvoiceData {
            title: text("title"),
            description: text("description"),
            currency: text("currency"),
            total_amount: request
                .array("prices")
                .iter()
                .filter_map(|price| price.get("amount").and_then(Value::as_i64))
                .sum(),
            start_parameter: text("start_parameter"),
        }),
    };
    let target = request.writable_chat("chat_id")?;
    let content = Stored {
        body,
        text: String::new(),
        entities: Vec::new(),
        has_spoiler: false,
    };
    request.send_one(target, content)
}

fn poll(request: &mut Request<'_>) -> Result<PollData, ApiError> {
    let question = request
        .str("question")
        .unwrap_or_default()
        .trim()
        .to_owned();
    if question.is_empty() {
        return Err(ApiError::bad_request("poll question must be non-empty"));
    }
    let options: Vec<String> = request
        .array("options")
        .iter()
        .map(|option| {
            option
                .get("text")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .trim()
                .to_owned()
        })
        .collect();
    if options.len() < 2 {
        return Err(ApiError::bad_request("poll must have at least 2 option"));
    }
    if options.len() > 12 {
        return Err(ApiError::bad_request(
            "poll can't have more than 12 options",
        ));
    }
    if options.iter().any(String::is_empty) {
        return Err(ApiError::bad_request("poll options must be non-empty"));
    }
    let quiz = request.str("type") == Some("quiz");
    let correct_option = request
        .int("correct_option_id")
        .or_else(|| {
            request
                .array("correct_option_ids")
                .first()
                .and_then(Value::as_i64)
        })
        .and_then(|index| usize::try_from(index).ok());
    if quiz && correct_option.is_none_or(|index| index >= options.len()) {
        return Err(ApiError::bad_request("wrong correct option ID specified"));
    }
    Ok(PollData {
        id: request.world.new_poll_id(),
        question,
        options,
        quiz,
        correct_option: if quiz { correct_option } else { None },
        anonymous: request
            .value("is_anonymous")
            .and_then(Value::as_bool)
            .unwrap_or(true),
        multiple_answers: !quiz && request.flag("allows_multiple_answers"),
        closed: request.flag("is_closed"),
    })
}

/// `sendMediaGroup`: 2-10 items; documents and audio files only among their own kind; one
/// fresh `media_group_id`; one update per item. Returns every message.
pub(super) fn send_media_group(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let items = request.array("media").to_vec();
    if items.len() < 2 {
        return Err(ApiError::bad_request("an album must contain 2-10 items"));
    }
    if items.len() > 10 {
        return Err(ApiError::bad_request(
            "Too much messages to send as an album",
        ));
    }
    let kinds = items
        .iter()
        .map(|item| {
            let name = item.get("type").and_then(Value::as_str).unwrap_or_default();
            MediaKind::from_name(name).ok_or_else(|| {
                ApiError::bad_request(format!("{name} media is not supported by the simulator"))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    for exclusive in [MediaKind::Document, MediaKind::Audio] {
        if kinds.contains(&exclusive) && kinds.iter().any(|kind| *kind != exclusive) {
            let noun = if exclusive == MediaKind::Audio {
                "audio files"
            } else {
                "documents"
            };
            return Err(ApiError::bad_request(format!(
                "{noun} can't be mixed with other media types"
            )));
        }
    }
    let captions = items
        .iter()
        .map(|item| {
            let object = item.as_object().cloned().unwrap_or_default();
            let caption = markup::trim(markup::from_fields(
                &object,
                "caption",
                "parse_mode",
                "caption_entities",
            )?);
            check_caption(&caption)?;
            Ok(caption)
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let target = request.writable_chat("chat_id")?;
    let placement = request.placement(target)?;
    request.admit(target, items.len())?;
    let uploads = request.uploads;
    let group = request.world.new_media_group();
    let mut sent = Vec::with_capacity(items.len());
    for ((item, kind), caption) in items.iter().zip(kinds).zip(captions) {
        let reference = item
            .get("media")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let upload = reference
            .strip_prefix("attach://")
            .and_then(|part| uploads.get(part));
        let body = request.world.files.resolve(kind, reference, upload)?;
        let has_spoiler = item
            .get("has_spoiler")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let content = Stored {
            body,
            text: caption.text,
            entities: caption.entities,
            has_spoiler,
        };
        let mut message = request.outgoing(target, content, placement);
        message.reply_markup = None;
        message.media_group_id = Some(group.clone());
        let id = request.world.post(target, message);
        sent.push(request.world.render(target, id));
    }
    Ok(Value::Array(sent))
}

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

/// `sendChatAction`.
pub(super) fn send_chat_action(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let action = request.str("action").unwrap_or_default();
    if !CHAT_ACTIONS.contains(&action) {
        return Err(ApiError::bad_request("wrong parameter action in request"));
    }
    request.writable_chat("chat_id")?;
    Ok(Value::Bool(true))
}
