//! The stored form of a message's content: its body (text, media with a concrete file, poll,
//! service message, …), its text or caption and entities, and what can be asked of it.

use std::sync::Arc;

use serde_json::Value;

use crate::files::FileMeta;
use crate::ids::{MessageId, UserId};
use crate::markup::Entity;

use super::raw_fields::field_copyable;

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
}
