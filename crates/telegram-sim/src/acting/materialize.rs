//! Scripted content made into stored content: the markup parsed and its length checked, files
//! made up or looked up, dice rolled.

use crate::content::{Body, Content, Draft, MediaKind, PollData, Source, Stored, check_raw_field};
use crate::error::SimError;
use crate::files::NewFile;
use crate::markup::{self, Formatted};
use crate::methods::roll;
use crate::world::World;

impl Body {
    pub(super) fn is_media(&self) -> bool {
        matches!(self, Body::Photo(_) | Body::File(..))
    }
}

/// Turns scripted content into stored content: parses the markup, makes up or looks up files,
/// rolls dice.
pub(super) fn materialize(world: &mut World, content: &Content) -> Result<Stored, SimError> {
    let formatted = match content.parse_mode.as_deref() {
        Some(mode) => markup::parse(&content.text, Some(mode))
            .map_err(|error| SimError::refused(error.description))?,
        None => markup::with_entities(&content.text, content.entities.clone()),
    };
    let mut formatted = markup::trim(formatted);
    markup::detect_entities(&mut formatted);
    let body = match &content.draft {
        Draft::Text => {
            check_length(&formatted, 4096, "a message text")?;
            if formatted.text.is_empty() {
                return Err(SimError::refused("a message text can't be empty"));
            }
            Body::Text
        }
        Draft::Media(kind, source) => {
            check_length(&formatted, 1024, "a caption")?;
            media_body(world, *kind, source)?
        }
        Draft::Poll {
            question,
            options,
            correct_option,
        } => Body::Poll(PollData {
            id: world.new_poll_id(),
            question: question.clone(),
            options: options.clone(),
            quiz: correct_option.is_some(),
            correct_option: *correct_option,
            anonymous: true,
            multiple_answers: false,
            closed: false,
        }),
        Draft::Dice { emoji } => {
            let value = roll(&mut world.rng, emoji)
                .ok_or_else(|| SimError::refused(format!("{emoji} is no dice emoji")))?;
            Body::Dice {
                emoji: emoji.clone(),
                value,
            }
        }
        Draft::Ready(Body::Field { name, value }) => {
            check_raw_field(name, value).map_err(SimError::refused)?;
            Body::Field {
                name: name.clone(),
                value: value.clone(),
            }
        }
        Draft::Ready(body) => body.clone(),
    };
    let keeps_text = body == Body::Text
        || matches!(&body, Body::Photo(_))
        || matches!(&body, Body::File(kind, _) if kind.has_caption());
    let Formatted { text, entities } = if keeps_text {
        formatted
    } else {
        Formatted::default()
    };
    Ok(Stored {
        body,
        text,
        entities,
        has_spoiler: content.spoiler,
    })
}

fn check_length(formatted: &Formatted, limit: usize, what: &str) -> Result<(), SimError> {
    if markup::utf16_len(&formatted.text) > limit {
        return Err(SimError::refused(format!(
            "{what} can't be longer than {limit} characters"
        )));
    }
    Ok(())
}

fn media_body(world: &mut World, kind: MediaKind, source: &Source) -> Result<Body, SimError> {
    match source {
        Source::Existing(file_id) => world
            .files
            .resolve(kind, file_id, None)
            .map_err(|error| SimError::refused(error.description)),
        Source::New { file_name, bytes } => Ok(if kind == MediaKind::Photo {
            Body::Photo(world.files.create_photo(bytes.clone()))
        } else {
            Body::File(
                kind,
                world.files.create(NewFile {
                    kind,
                    bytes: bytes.clone(),
                    file_name: file_name.clone(),
                    mime_type: None,
                }),
            )
        }),
    }
}
