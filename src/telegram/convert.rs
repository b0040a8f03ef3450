//! Translation between Telegram's messages (as [`wire`] reads them) and the
//! domain's: authors, content, entities, media.
//!
//! Entities are read from Telegram's JSON one by one: a type this version does not know is kept
//! whole ([`EntityKind::Unknown`]) and written back unchanged, so formatting Telegram adds later
//! survives relays, edits and notes.

use serde_json::{Map, Value, json};
use teloxide::types::{
    self as tg, InputFile, InputMedia, InputMediaAnimation, InputMediaAudio, InputMediaDocument,
    InputMediaPhoto, InputMediaVideo,
};

use super::wire;
use crate::domain::{
    Author, ChatId, Content, Entity, EntityKind, FormattedText, IncomingMessage, MediaItem,
    MediaKind, MessageId, UncopyableKind, UserId,
};

/// Fields that mark a service message (as of Bot API 10.1). Telegram refuses to copy those, so
/// the relay describes them; a service message added later is tried with a copy, and Telegram's
/// refusal becomes a note.
const SERVICE_FIELDS: &[&str] = &[
    "new_chat_members",
    "left_chat_member",
    "chat_owner_left",
    "chat_owner_changed",
    "new_chat_title",
    "new_chat_photo",
    "delete_chat_photo",
    "group_chat_created",
    "supergroup_chat_created",
    "channel_chat_created",
    "message_auto_delete_timer_changed",
    "migrate_to_chat_id",
    "migrate_from_chat_id",
    "pinned_message",
    "successful_payment",
    "refunded_payment",
    "users_shared",
    "chat_shared",
    "gift",
    "unique_gift",
    "gift_upgrade_sent",
    "connected_website",
    "write_access_allowed",
    "passport_data",
    "proximity_alert_triggered",
    "boost_added",
    "chat_background_set",
    "checklist_tasks_done",
    "checklist_tasks_added",
    "direct_message_price_changed",
    "forum_topic_created",
    "forum_topic_edited",
    "forum_topic_closed",
    "forum_topic_reopened",
    "general_forum_topic_hidden",
    "general_forum_topic_unhidden",
    "giveaway_created",
    "giveaway_completed",
    "managed_bot_created",
    "paid_message_price_changed",
    "poll_option_added",
    "poll_option_deleted",
    "suggested_post_approved",
    "suggested_post_approval_failed",
    "suggested_post_declined",
    "suggested_post_paid",
    "suggested_post_refunded",
    "video_chat_scheduled",
    "video_chat_started",
    "video_chat_ended",
    "video_chat_participants_invited",
    "web_app_data",
];

/// Media fields with one file, in the order Telegram's backward-compatible duplicates need
/// (an animation also fills `document`).
const FILE_FIELDS: &[(&str, MediaKind)] = &[
    ("animation", MediaKind::Animation),
    ("video", MediaKind::Video),
    ("document", MediaKind::Document),
    ("audio", MediaKind::Audio),
    ("voice", MediaKind::Voice),
    ("video_note", MediaKind::VideoNote),
    ("sticker", MediaKind::Sticker),
];

/// A Telegram message as the desk sees it.
pub fn incoming(message: &wire::Message) -> IncomingMessage {
    IncomingMessage {
        chat: ChatId(message.chat.id),
        id: MessageId(message.message_id),
        date: message.date,
        author: author(message),
        content: content(message),
        reply_content: message
            .reply_to_message
            .as_ref()
            .map(|reply| Box::new(content(reply))),
        reply_to: message
            .reply_to_message
            .as_ref()
            .map(|reply| MessageId(reply.message_id)),
        thread: message.message_thread_id.map(MessageId),
        media_group: message.media_group_id.clone(),
        via_bot: message.via_bot.as_ref().map(|bot| UserId(bot.id)),
        forwarded_post: forwarded_post(message),
    }
}

fn author(message: &wire::Message) -> Author {
    if let Some(chat) = &message.sender_chat {
        return Author::Chat {
            id: ChatId(chat.id),
            signature: message.author_signature.clone(),
        };
    }
    match &message.from {
        Some(user) => user_author(user),
        None => Author::Chat {
            id: ChatId(message.chat.id),
            signature: None,
        },
    }
}

/// A Telegram user as a message author.
pub fn user_author(user: &wire::User) -> Author {
    Author::User {
        id: UserId(user.id),
        first_name: user.first_name.clone(),
        last_name: user.last_name.clone(),
        username: user.username.clone(),
        language: user.language_code.clone(),
        is_bot: user.is_bot,
    }
}

/// For Telegram's automatic forward of a channel post: the channel and the post's id.
fn forwarded_post(message: &wire::Message) -> Option<(ChatId, MessageId)> {
    if !message.is_automatic_forward {
        return None;
    }
    let origin = message.forward_origin.as_ref()?;
    match (origin.kind.as_str(), &origin.chat, origin.message_id) {
        ("channel", Some(chat), Some(post)) => Some((ChatId(chat.id), MessageId(post))),
        _ => None,
    }
}

fn content(message: &wire::Message) -> Content {
    if let Some(text) = &message.text {
        return Content::Text(FormattedText {
            text: text.clone(),
            entities: entities_from(&message.entities),
        });
    }
    let caption = FormattedText {
        text: message.caption.clone().unwrap_or_default(),
        entities: entities_from(&message.caption_entities),
    };
    let media = |kind: MediaKind, file_id: &str| {
        Content::Media(MediaItem {
            kind,
            file_id: file_id.to_owned(),
            caption: caption.clone(),
            has_spoiler: message.has_media_spoiler,
        })
    };
    // A live photo also fills `photo` for bots that do not know it, so it is a photo here.
    if let Some(file_id) = message.photo_file_id() {
        return media(MediaKind::Photo, file_id);
    }
    for (field, kind) in FILE_FIELDS {
        if let Some(file_id) = message.file_id(field) {
            return media(*kind, file_id);
        }
    }
    let has = |field: &str| message.field(field).is_some();
    if has("venue") {
        return Content::Venue;
    }
    if has("location") {
        return Content::Location;
    }
    if has("contact") {
        return Content::Contact;
    }
    if let Some(poll) = message.field("poll") {
        return match poll.get("type").and_then(Value::as_str) {
            Some("quiz") => Content::Uncopyable(UncopyableKind::QuizPoll),
            _ => Content::Poll,
        };
    }
    if has("dice") {
        return Content::Dice;
    }
    if has("story") {
        return Content::Story;
    }
    if has("invoice") {
        return Content::Uncopyable(UncopyableKind::Invoice);
    }
    if has("paid_media") {
        return Content::Uncopyable(UncopyableKind::PaidMedia);
    }
    if has("giveaway") || has("giveaway_winners") {
        return Content::Uncopyable(UncopyableKind::Giveaway);
    }
    if has("game") {
        return Content::Uncopyable(UncopyableKind::Game);
    }
    if SERVICE_FIELDS.iter().any(|field| has(field)) {
        return Content::Uncopyable(UncopyableKind::Service);
    }
    Content::Other { caption }
}

/// Telegram's entities (JSON objects) as domain entities; types this version does not know are
/// kept whole, entities without a position are skipped.
pub fn entities_from(entities: &[Value]) -> Vec<Entity> {
    entities.iter().filter_map(entity_from).collect()
}

fn entity_from(value: &Value) -> Option<Entity> {
    let position = |key: &str| value.get(key)?.as_u64().and_then(|n| u32::try_from(n).ok());
    let (offset, length) = (position("offset")?, position("length")?);
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let unknown = || EntityKind::Unknown {
        json: value.to_string(),
    };
    let kind = match value.get("type").and_then(Value::as_str)? {
        "mention" => EntityKind::Mention,
        "hashtag" => EntityKind::Hashtag,
        "cashtag" => EntityKind::Cashtag,
        "bot_command" => EntityKind::BotCommand,
        "url" => EntityKind::Url,
        "email" => EntityKind::Email,
        "phone_number" => EntityKind::PhoneNumber,
        "bold" => EntityKind::Bold,
        "italic" => EntityKind::Italic,
        "underline" => EntityKind::Underline,
        "strikethrough" => EntityKind::Strikethrough,
        "spoiler" => EntityKind::Spoiler,
        "blockquote" => EntityKind::Blockquote,
        "expandable_blockquote" => EntityKind::ExpandableBlockquote,
        "code" => EntityKind::Code,
        "pre" => EntityKind::Pre {
            language: text("language"),
        },
        "text_link" => match text("url") {
            Some(url) => EntityKind::TextLink { url },
            None => unknown(),
        },
        "text_mention" => match value.pointer("/user/id").and_then(Value::as_i64) {
            Some(user_id) => EntityKind::TextMention { user_id },
            None => unknown(),
        },
        "custom_emoji" => match text("custom_emoji_id") {
            Some(custom_emoji_id) => EntityKind::CustomEmoji { custom_emoji_id },
            None => unknown(),
        },
        _ => unknown(),
    };
    Some(Entity {
        kind,
        offset,
        length,
    })
}

/// Domain entities as Telegram's JSON array, every type included.
pub fn entities_json(entities: &[Entity]) -> Value {
    Value::Array(entities.iter().filter_map(entity_json).collect())
}

fn entity_json(entity: &Entity) -> Option<Value> {
    let simple = |name: &str| {
        let mut object = Map::new();
        object.insert("type".into(), json!(name));
        object
    };
    let mut object = match &entity.kind {
        EntityKind::Mention => simple("mention"),
        EntityKind::Hashtag => simple("hashtag"),
        EntityKind::Cashtag => simple("cashtag"),
        EntityKind::BotCommand => simple("bot_command"),
        EntityKind::Url => simple("url"),
        EntityKind::Email => simple("email"),
        EntityKind::PhoneNumber => simple("phone_number"),
        EntityKind::Bold => simple("bold"),
        EntityKind::Italic => simple("italic"),
        EntityKind::Underline => simple("underline"),
        EntityKind::Strikethrough => simple("strikethrough"),
        EntityKind::Spoiler => simple("spoiler"),
        EntityKind::Blockquote => simple("blockquote"),
        EntityKind::ExpandableBlockquote => simple("expandable_blockquote"),
        EntityKind::Code => simple("code"),
        EntityKind::Pre { language } => {
            let mut object = simple("pre");
            if let Some(language) = language {
                object.insert("language".into(), json!(language));
            }
            object
        }
        EntityKind::TextLink { url } => {
            let mut object = simple("text_link");
            object.insert("url".into(), json!(url));
            object
        }
        EntityKind::TextMention { user_id } => {
            let mut object = simple("text_mention");
            object.insert(
                "user".into(),
                json!({"id": user_id, "is_bot": false, "first_name": ""}),
            );
            object
        }
        EntityKind::CustomEmoji { custom_emoji_id } => {
            let mut object = simple("custom_emoji");
            object.insert("custom_emoji_id".into(), json!(custom_emoji_id));
            object
        }
        EntityKind::Unknown { json } => {
            let object: Map<String, Value> = serde_json::from_str(json).ok()?;
            object.get("type")?.as_str()?;
            object
        }
    };
    object.insert("offset".into(), json!(entity.offset));
    object.insert("length".into(), json!(entity.length));
    Some(Value::Object(object))
}

/// A media item as `InputMedia` for albums and media edits (`None` for kinds the API refuses).
/// The caption's entities are not set here: [`RawCall::entities`](super::raw_call::RawCall)
/// writes them, every type included, under `caption_entities`.
pub fn input_media(item: &MediaItem) -> Option<InputMedia> {
    let file = InputFile::file_id(tg::FileId(item.file_id.clone()));
    let caption = (!item.caption.text.is_empty()).then(|| item.caption.text.clone());
    Some(match item.kind {
        MediaKind::Photo => InputMedia::Photo(InputMediaPhoto {
            caption,
            has_spoiler: item.has_spoiler,
            ..InputMediaPhoto::new(file)
        }),
        MediaKind::Video => InputMedia::Video(InputMediaVideo {
            caption,
            has_spoiler: item.has_spoiler,
            ..InputMediaVideo::new(file)
        }),
        MediaKind::Animation => InputMedia::Animation(InputMediaAnimation {
            caption,
            has_spoiler: item.has_spoiler,
            ..InputMediaAnimation::new(file)
        }),
        MediaKind::Audio => InputMedia::Audio(InputMediaAudio {
            caption,
            ..InputMediaAudio::new(file)
        }),
        MediaKind::Document => InputMedia::Document(InputMediaDocument {
            caption,
            ..InputMediaDocument::new(file)
        }),
        MediaKind::Voice | MediaKind::VideoNote | MediaKind::Sticker => return None,
    })
}
