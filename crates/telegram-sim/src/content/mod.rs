//! What a message holds: the public [`Content`] builder scripts use to make customers and team
//! members send things, and the stored [`Stored`] form (with concrete files) that every message
//! of the world keeps and renders into Bot API JSON.
//!
//! Map:
//! - `scripted`: the [`Content`] builder and the draft it holds until the world gives it files.
//! - `stored`: the stored form: media kinds, bodies, polls, invoices, service messages.
//! - `render`: stored content as the fields of a Bot API `Message`.
//! - `raw_fields`: raw `Message` fields scripts set for what the simulator does not model.

mod raw_fields;
mod render;
mod scripted;
mod stored;

pub(crate) use self::raw_fields::check_raw_field;
pub use self::scripted::Content;
pub(crate) use self::scripted::{Draft, Source};
pub(crate) use self::stored::{Body, InvoiceData, MediaKind, PollData, Service, Stored};
