//! The public [`Content`] builder scripts use to make people send things, and the draft it holds
//! until the world gives it files.

use serde_json::Value;

use crate::markup::Entity;

use super::stored::{Body, InvoiceData, MediaKind};

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
