//! Stored content as Bot API JSON: the fields a `Message` object gets for each body.

use serde_json::{Map, Value, json};

use crate::files::FileMeta;
use crate::ids::UserId;
use crate::markup::Entity;

use super::stored::{Body, MediaKind, PollData, Stored};

impl Stored {
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

impl PollData {
    pub(super) fn to_json(&self) -> Value {
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
