//! Localisation: Fluent bundles for every supported language, and the rendering of the desk's
//! [`Notice`](crate::desk::Notice)s and [`CardView`](crate::desk::CardView)s into Telegram HTML.
//!
//! The locale files live under `locales/<lang>/threadesk.ftl` and are compiled into the binary.
//! Every user-supplied string is escaped for HTML before it reaches a message; the locale files
//! themselves may use Telegram's HTML tags.
//!
//! Files:
//! - `escape.rs`: HTML escaping, shared by every renderer.
//! - `locales.rs`: loading the bundles, the configured texts ([`Overrides`]) and [`Localizer::text`].
//! - `cards.rs`: a card's text and a forum topic's name.
//! - `notices/`: notices, grouped by audience (thread notes, team answers, customer messages,
//!   administrator notifications).
//! - `reports.rs`: reports: the chart's words, the title and the figures.

mod cards;
mod escape;
mod locales;
mod notices;
mod reports;

pub use crate::domain::{LANGUAGES, supported_language};
pub use escape::escape_html;
pub use locales::{CustomTexts, I18nError, Localizer, Overrides};
