//! What a message holds: the public [`Content`] builder scripts use to make customers and team
//! members send things, and the stored [`Stored`] form (with concrete files) that every message
//! of the world keeps and renders into Bot API JSON.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::files::FileMeta;
use super::ids::{MessageId, UserId};
use super::markup::Entity;
use super::spec::Spec;

/// The media kinds that carry one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum MediaKind {
    Photo,
    Video,
    Animation,
    Document,
    Audio,
    Voice,
    VideoNote,
    Sticker,
}

impl MediaKind {
    /// The Bot API field and `InputMedia` type name: `photo`, `video_note`, …
    pub fn name(self) -> &'static str {
        match self {
            MediaKind::Photo => "photo",
            MediaKind::Video => "video",
            MediaKind::Animation => "animation",
            MediaKind::Document => "document",
            MediaKind::Audio => "audio",
            MediaKind::Voice => "voice",
            MediaKind::VideoNote => "video_note",
            MediaKind::Sticker => "sticker",
        }
    }

    /// Parses an `InputMedia` type or Bot API field name.
    pub fn from_name(name: &str) -> Option<MediaKind> {
        Some(match name {
            "photo" => MediaKind::Photo,
            "video" => MediaKind::Video,
            "animation" => MediaKind::Animation,
            "document" => MediaKind::Document,
            "audio" => MediaKind::Audio,
            "voice" => MediaKind::Voice,
            "video_note" => MediaKind::VideoNote,
            "sticker" => MediaKind::Sticker,
            _ => return None,
        })
    }

    /// Whether messages of this kind have a caption.
    pub fn has_caption(self) -> bool {
        !matches!(self, MediaKind::VideoNote | MediaKind::Sticker)
    }

    /// Whether a file stored as `stored` may be sent as `self` (animations are documents too).
    pub fn accepts(self, stored: MediaKind) -> bool {
        self == stored || (self == MediaKind::Document && stored == MediaKind::Animation)
    }
}

/// A poll as stored.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PollData {
    pub id: String,
    pub question: String,
    pub options: Vec<String>,
    pub quiz: bool,
    pub correct_option: Option<usize>,
    pub anonymous: bool,
    pub multiple_answers: bool,
    pub closed: bool,
}

/// An invoice as stored.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct InvoiceData {
    pub title: String,
    pub description: String,
    pub currency: String,
    pub total_amount: i64,
    pub start_parameter: String,
}

/// Service messages the simulator produces.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Service {
    Pinned(MessageId),
    ForumTopicCreated {
        name: String,
        icon_color: i64,
        icon_custom_emoji_id: Option<String>,
    },
    ForumTopicEdited {
        name: Option<String>,
        icon_custom_emoji_id: Option<String>,
    },
    ForumTopicClosed,
    ForumTopicReopened,
    SupergroupCreated,
}

/// The body of a stored message.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Body {
    Text,
    Photo(Arc<[FileMeta]>),
    File(MediaKind, FileMeta),
    Location {
        latitude: f64,
        longitude: f64,
    },
    Venue {
        latitude: f64,
        longitude: f64,
        title: String,
        address: String,
    },
    Contact {
        phone_number: String,
        first_name: String,
        last_name: Option<String>,
        user_id: Option<UserId>,
    },
    Poll(PollData),
    Dice {
        emoji: String,
        value: i64,
    },
    Invoice(InvoiceData),
    Service(Service),
    /// Content the simulator keeps as data, such as Bot API 10.1's `rich_message`: the
    /// `Message` field holding it and its (spec-checked) value.
    Field {
        name: String,
        value: Value,
    },
}

/// A message's content with concrete files: body plus text (or caption) and its entities.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Stored {
    pub body: Body,
    pub text: String,
    pub entities: Vec<Entity>,
    pub has_spoiler: bool,
}

impl Stored {
    /// A text message.
    pub fn text(text: String, entities: Vec<Entity>) -> Stored {
        Stored {
            body: Body::Text,
            text,
            entities,
            has_spoiler: false,
        }
    }

    /// A service message.
    pub fn service(service: Service) -> Stored {
        Stored {
            body: Body::Service(service),
            text: String::new(),
            entities: Vec::new(),
            has_spoiler: false,
        }
    }

    /// The kind name transcripts show: `text`, `photo`, …, `service`.
    pub fn kind(&self) -> &'static str {
        match &self.body {
            Body::Text => "text",
            Body::Photo(_) => "photo",
            Body::File(kind, _) => kind.name(),
            Body::Location { .. } => "location",
            Body::Venue { .. } => "venue",
            Body::Contact { .. } => "contact",
            Body::Poll(_) => "poll",
            Body::Dice { .. } => "dice",
            Body::Invoice(_) => "invoice",
            Body::Service(_) => "service",
            Body::Field { .. } => "other",
        }
    }

    /// Whether the text lives in `caption` rather than `text`.
    pub fn has_caption(&self) -> bool {
        match &self.body {
            Body::Photo(_) => true,
            Body::File(kind, _) => kind.has_caption(),
            _ => false,
        }
    }

    /// The main file (the largest photo size for photos).
    pub fn file(&self) -> Option<&FileMeta> {
        match &self.body {
            Body::Photo(sizes) => sizes.last(),
            Body::File(_, file) => Some(file),
            _ => None,
        }
    }

    /// The media kind, for messages that carry a file.
    pub fn media_kind(&self) -> Option<MediaKind> {
        match &self.body {
            Body::Photo(_) => Some(MediaKind::Photo),
            Body::File(kind, _) => Some(*kind),
            _ => None,
        }
    }

    /// Whether `copyMessage` may copy it for `by` (the copying bot); `sent_by_copier` tells
    /// whether the copier sent the original (a quiz is copyable only by who knows the answer).
    pub fn copyable(&self, sent_by_copier: bool) -> bool {
        match &self.body {
            Body::Service(_) | Body::Invoice(_) => false,
            Body::Poll(poll) => !poll.quiz || sent_by_copier,
            Body::Field { name, .. } => field_copyable(name),
            _ => true,
        }
    }

    /// Writes the content's Bot API fields into a `Message` object.
    pub fn render_into(&self, map: &mut Map<String, Value>, render_user: &dyn Fn(UserId) -> Value) {
        let entities = |entities: &[Entity]| -> Value {
            Value::Array(
                entities
                    .iter()
                    .map(|entity| entity.to_json(render_user))
                    .collect(),
            )
        };
        match &self.body {
            Body::Text => {
                map.insert("text".into(), json!(self.text));
                if !self.entities.is_empty() {
                    map.insert("entities".into(), entities(&self.entities));
                }
            }
            Body::Photo(sizes) => {
                let sizes: Vec<Value> = sizes.iter().map(FileMeta::photo_size_json).collect();
                map.insert("photo".into(), Value::Array(sizes));
            }
            Body::File(kind, file) => {
                map.insert(kind.name().into(), file.media_json(*kind));
                if *kind == MediaKind::Animation {
                    // For backward compatibility Telegram also fills `document` for animations.
                    map.insert("document".into(), file.media_json(MediaKind::Document));
                }
            }
            Body::Location {
                latitude,
                longitude,
            } => {
                map.insert(
                    "location".into(),
                    json!({"latitude": latitude, "longitude": longitude}),
                );
            }
            Body::Venue {
                latitude,
                longitude,
                title,
                address,
            } => {
                let location = json!({"latitude": latitude, "longitude": longitude});
                map.insert(
                    "venue".into(),
                    json!({"location": location, "title": title, "address": address}),
                );
                // Telegram also sends the venue's location as `location`.
                map.insert("location".into(), location);
            }
            Body::Contact {
                phone_number,
                first_name,
                last_name,
                user_id,
            } => {
                let mut contact = json!({"phone_number": phone_number, "first_name": first_name});
                if let Some(last_name) = last_name {
                    contact["last_name"] = json!(last_name);
                }
                if let Some(user_id) = user_id {
                    contact["user_id"] = json!(user_id.0);
                }
                map.insert("contact".into(), contact);
            }
            Body::Poll(poll) => {
                map.insert("poll".into(), poll.to_json());
            }
            Body::Dice { emoji, value } => {
                map.insert("dice".into(), json!({"emoji": emoji, "value": value}));
            }
            Body::Invoice(invoice) => {
                map.insert(
                    "invoice".into(),
                    json!({
                        "title": invoice.title,
                        "description": invoice.description,
                        "start_parameter": invoice.start_parameter,
                        "currency": invoice.currency,
                        "total_amount": invoice.total_amount,
                    }),
                );
            }
            Body::Field { name, value } => {
                map.insert(name.clone(), value.clone());
            }
            // Service messages need the world (e.g. the pinned message); render.rs adds them.
            Body::Service(_) => {}
        }
        if self.has_caption() && !self.text.is_empty() {
            map.insert("caption".into(), json!(self.text));
            if !self.entities.is_empty() {
                map.insert("caption_entities".into(), entities(&self.entities));
            }
        }
        if self.has_spoiler {
            map.insert("has_media_spoiler".into(), json!(true));
        }
    }
}

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
fn field_copyable(name: &str) -> bool {
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

impl PollData {
    fn to_json(&self) -> Value {
        let options: Vec<Value> = self
            .options
            .iter()
            .enumerate()
            .map(|(index, text)| json!({"persistent_id": index.to_string(), "text": text, "voter_count": 0}))
            .collect();
        let mut poll = json!({
            "id": self.id,
            "question": self.question,
            "options": options,
            "total_voter_count": 0,
            "is_closed": self.closed,
            "is_anonymous": self.anonymous,
            "type": if self.quiz { "quiz" } else { "regular" },
            "allows_multiple_answers": self.multiple_answers,
            "allows_revoting": !self.quiz,
            "members_only": false,
        });
        if let (true, Some(correct)) = (self.quiz, self.correct_option) {
            poll["correct_option_ids"] = json!([correct]);
        }
        poll
    }
}

/// Where the file of a scripted media message comes from.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Source {
    /// A new file the simulator makes up (with these bytes, if given).
    New {
        file_name: Option<String>,
        bytes: Option<Vec<u8>>,
    },
    /// An existing file, by `file_id` (e.g. one a bot received).
    Existing(String),
}

/// What a scripted message holds, before the world gives it files.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Draft {
    Text,
    Media(MediaKind, Source),
    Poll {
        question: String,
        options: Vec<String>,
        correct_option: Option<usize>,
    },
    Dice {
        emoji: String,
    },
    /// Content that needs nothing from the world (locations, venues, contacts, invoices).
    Ready(Body),
}

/// What a simulated user sends: a text, a photo, a poll, … Build one with the constructors and
/// refine it with [`caption`](Content::caption), [`entities`](Content::entities) or
/// [`parse_mode`](Content::parse_mode).
///
/// ```
/// use telegram_sim::Content;
/// let hello = Content::text("hello");
/// let receipt = Content::document("receipt.pdf").caption("my receipt");
/// let styled = Content::text("<b>urgent</b>").parse_mode("HTML");
/// # let _ = (hello, receipt, styled);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Content {
    pub(crate) draft: Draft,
    pub(crate) text: String,
    pub(crate) entities: Vec<Entity>,
    pub(crate) parse_mode: Option<String>,
    pub(crate) spoiler: bool,
}

impl Content {
    fn new(draft: Draft) -> Content {
        Content {
            draft,
            text: String::new(),
            entities: Vec::new(),
            parse_mode: None,
            spoiler: false,
        }
    }

    fn media(kind: MediaKind, file_name: Option<String>) -> Content {
        Content::new(Draft::Media(
            kind,
            Source::New {
                file_name,
                bytes: None,
            },
        ))
    }

    /// A text message.
    pub fn text(text: impl Into<String>) -> Content {
        Content {
            text: text.into(),
            ..Content::new(Draft::Text)
        }
    }

    /// A photo (the simulator makes up the image and its sizes).
    pub fn photo() -> Content {
        Content::media(MediaKind::Photo, None)
    }

    /// A video.
    pub fn video() -> Content {
        Content::media(MediaKind::Video, Some("video.mp4".into()))
    }

    /// An animation (GIF or silent video).
    pub fn animation() -> Content {
        Content::media(MediaKind::Animation, Some("animation.mp4".into()))
    }

    /// A document with this file name.
    pub fn document(file_name: impl Into<String>) -> Content {
        Content::media(MediaKind::Document, Some(file_name.into()))
    }

    /// An audio file.
    pub fn audio() -> Content {
        Content::media(MediaKind::Audio, Some("audio.mp3".into()))
    }

    /// A voice note.
    pub fn voice() -> Content {
        Content::media(MediaKind::Voice, None)
    }

    /// A round video note.
    pub fn video_note() -> Content {
        Content::media(MediaKind::VideoNote, None)
    }

    /// A sticker.
    pub fn sticker() -> Content {
        Content::media(MediaKind::Sticker, None)
    }

    /// The same media kind as `self`, but reusing an existing file by `file_id`.
    pub fn with_file_id(mut self, file_id: impl Into<String>) -> Content {
        if let Draft::Media(_, source) = &mut self.draft {
            *source = Source::Existing(file_id.into());
        }
        self
    }

    /// The same media kind as `self`, with these file bytes (downloadable through `getFile`).
    pub fn with_bytes(mut self, bytes: impl Into<Vec<u8>>) -> Content {
        if let Draft::Media(_, Source::New { bytes: slot, .. }) = &mut self.draft {
            *slot = Some(bytes.into());
        }
        self
    }

    /// A location.
    pub fn location(latitude: f64, longitude: f64) -> Content {
        Content::new(Draft::Ready(Body::Location {
            latitude,
            longitude,
        }))
    }

    /// A venue.
    pub fn venue(latitude: f64, longitude: f64, title: &str, address: &str) -> Content {
        Content::new(Draft::Ready(Body::Venue {
            latitude,
            longitude,
            title: title.into(),
            address: address.into(),
        }))
    }

    /// A shared contact.
    pub fn contact(phone_number: &str, first_name: &str) -> Content {
        Content::new(Draft::Ready(Body::Contact {
            phone_number: phone_number.into(),
            first_name: first_name.into(),
            last_name: None,
            user_id: None,
        }))
    }

    /// A regular poll.
    pub fn poll(question: &str, options: &[&str]) -> Content {
        Content::new(Draft::Poll {
            question: question.into(),
            options: options.iter().map(|option| (*option).to_owned()).collect(),
            correct_option: None,
        })
    }

    /// A quiz poll with its correct option (0-based).
    pub fn quiz(question: &str, options: &[&str], correct_option: usize) -> Content {
        Content::new(Draft::Poll {
            question: question.into(),
            options: options.iter().map(|option| (*option).to_owned()).collect(),
            correct_option: Some(correct_option),
        })
    }

    /// A dice roll with this emoji (🎲, 🎯, 🏀, ⚽, 🎳 or 🎰); the simulator rolls the value.
    pub fn dice(emoji: &str) -> Content {
        Content::new(Draft::Dice {
            emoji: emoji.into(),
        })
    }

    /// An invoice (as forwarded from a shop bot; it can't be copied).
    pub fn invoice(title: &str, description: &str, currency: &str, total_amount: i64) -> Content {
        Content::new(Draft::Ready(Body::Invoice(InvoiceData {
            title: title.into(),
            description: description.into(),
            currency: currency.into(),
            total_amount,
            start_parameter: String::new(),
        })))
    }

    /// A message whose content is the Bot API `Message` field `name` with this value, for kinds
    /// the simulator has no builder for (Bot API 10.1's `rich_message`, `checklist`, …). The
    /// value is checked against the reference when the message is sent; `copyMessage` copies it
    /// unless the reference says such messages can't be copied.
    pub fn field(name: &str, value: Value) -> Content {
        Content::new(Draft::Ready(Body::Field {
            name: name.to_owned(),
            value,
        }))
    }

    /// Sets the caption (for media) or replaces the text.
    pub fn caption(mut self, caption: impl Into<String>) -> Content {
        self.text = caption.into();
        self
    }

    /// Explicit entities for the text or caption (offsets in UTF-16 code units).
    pub fn entities(mut self, entities: Vec<Entity>) -> Content {
        self.entities = entities;
        self
    }

    /// Parses the text or caption with a Bot API parse mode (`HTML`, `MarkdownV2`, `Markdown`)
    /// when the message is sent.
    pub fn parse_mode(mut self, mode: &str) -> Content {
        self.parse_mode = Some(mode.to_owned());
        self
    }

    /// Covers the media with a spoiler.
    pub fn spoiler(mut self) -> Content {
        self.spoiler = true;
        self
    }
}
