//! Sending: `sendMessage`, the `send<Media>` family, locations, venues, contacts, polls, dice
//! and invoices, albums (`sendMediaGroup`), chat actions. Copies and forwards are in `copies`.

use serde_json::Value;

use super::{Request, check_caption};
use crate::content::{Body, InvoiceData, MediaKind, PollData, Stored};
use crate::error::ApiError;
use crate::markup::{self, Formatted};

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

/// `sendChatAction`.
pub(super) fn send_chat_action(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let action = request.str("action").unwrap_or_default();
    if !CHAT_ACTIONS.contains(&action) {
        return Err(ApiError::bad_request("wrong parameter action in request"));
    }
    request.writable_chat("chat_id")?;
    Ok(Value::Bool(true))
}
