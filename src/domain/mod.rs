//! Helpdesk vocabulary: customers, tickets, priorities, origins and the messages they exchange.
//!
//! Pure types and rules only. Nothing here knows about Telegram's client library, storage,
//! async runtimes or localisation; the adapters translate to and from these types at the edges.

mod admin;
mod canned;
mod customer;
mod ids;
mod keywords;
mod language;
mod message;
mod origin;
mod text;
mod ticket;
mod time;
mod workspace;

pub use admin::{Admin, AdminReach};
pub use canned::{
    CannedContent, CannedReply, MAX_TITLE_CHARS, fold, search as search_canned, title_key,
    valid_title,
};
pub use customer::{Ban, Card, Customer, PreviousThread, Reachability};
pub use ids::{ChatId, MessageId, UserId};
pub use keywords::Keywords;
pub use language::{LANGUAGES, supported_language};
pub use message::{Author, Content, IncomingMessage, MediaItem, MediaKind, UncopyableKind};
pub use origin::Origin;
pub use text::{Entity, EntityKind, FormattedText, split_with_header, utf16_len};
pub use ticket::{OpenedBy, Priority, Ticket, TicketNumber, TicketStatus};
pub use time::Timestamp;
pub use workspace::Workspace;
