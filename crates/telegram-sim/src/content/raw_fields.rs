//! Raw `Message` fields a script sets for what the simulator does not model: which the reference
//! knows, which the simulator renders itself, and which `copyMessage` copies.

use serde_json::{Value, json};

use crate::spec::Spec;

/// The `Message` fields the simulator renders from its own model; scripts cannot set them as
/// raw data.
const MODELLED_FIELDS: &[&str] = &[
    "message_id",
    "message_thread_id",
    "from",
    "sender_chat",
    "date",
    "chat",
    "forward_origin",
    "is_topic_message",
    "is_automatic_forward",
    "reply_to_message",
    "via_bot",
    "edit_date",
    "has_protected_content",
    "media_group_id",
    "author_signature",
    "text",
    "entities",
    "animation",
    "audio",
    "document",
    "photo",
    "sticker",
    "video",
    "video_note",
    "voice",
    "caption",
    "caption_entities",
    "has_media_spoiler",
    "contact",
    "dice",
    "poll",
    "venue",
    "location",
    "invoice",
    "pinned_message",
    "forum_topic_created",
    "forum_topic_edited",
    "forum_topic_closed",
    "forum_topic_reopened",
    "supergroup_chat_created",
    "reply_markup",
];

/// Checks a raw `Message` field set by a script: the reference must know it, the simulator
/// must not model it itself, and the value must have the field's type.
pub(crate) fn check_raw_field(name: &str, value: &Value) -> Result<(), String> {
    if MODELLED_FIELDS.contains(&name) {
        return Err(format!(
            "the simulator renders the Message field \"{name}\" itself; use the Content builders"
        ));
    }
    let spec = Spec::get();
    let known = spec
        .type_def("Message")
        .and_then(|message| message.fields.as_ref())
        .is_some_and(|fields| fields.iter().any(|field| field.name == name));
    if !known {
        return Err(format!(
            "{} has no Message field \"{name}\"",
            spec.version()
        ));
    }
    let mut message = json!({"message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"}});
    message[name] = value.clone();
    spec.check_value("Message", &message)
}

/// Whether `copyMessage` copies a message whose content is the `Message` field `name`: the
/// reference refuses "service messages, paid media messages, giveaway messages, giveaway winners
/// messages, and invoice messages".
pub(super) fn field_copyable(name: &str) -> bool {
    let service = Spec::get()
        .type_def("Message")
        .and_then(|message| message.fields.as_ref())
        .and_then(|fields| fields.iter().find(|field| field.name == name))
        .is_some_and(|field| {
            field
                .description
                .to_ascii_lowercase()
                .contains("service message")
        });
    !service
        && !matches!(
            name,
            "paid_media" | "giveaway" | "giveaway_winners" | "invoice"
        )
}
