//! Helpdesk vocabulary: customers, tickets, priorities, origins and the messages they exchange.
//!
//! Pure types and rules only. Nothing here knows about Telegram's client library, storage,
//! async runtimes or localisation; the adapters translate to and from these types at the edges.

mod customer;
mod ids;
mod message;
mod origin;
mod text;
mod ticket;
mod time;

pub use customer::{Ban, Card, Customer, Reachability};
pub use ids::{ChatId, MessageId, UserId};
pub use message::{Author, Content, IncomingMessage, MediaItem, MediaKind, UncopyableKind};
pub use origin::Origin;
pub use text::{Entity, EntityKind, FormattedText, split_with_header, utf16_len};
pub use ticket::{Priority, Ticket, TicketNumber, TicketStatus};
pub use time::Timestamp;
