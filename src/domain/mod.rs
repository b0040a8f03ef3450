//! Helpdesk vocabulary: customers, tickets, priorities, origins and the messages they exchange.
//!
//! Pure types and rules only. Nothing here knows about Telegram's client library, storage,
//! async runtimes or localisation; the adapters translate to and from these types at the edges.
//!
//! Files:
//! - `admin.rs`: administrators, who get a private message when a ticket opens.
//! - `broadcast.rs`: broadcasts to segments of customers, their status, counts and schedule.
//! - `button.rs`: inline buttons: the actions they carry and who may press them.
//! - `canned.rs`: canned replies, found by title and text.
//! - `customer.rs`: customers, their card, bans and reachability.
//! - `export.rs`: exports as asked for: what, in which format, which rows.
//! - `import.rs`: imports of customers: rows, problems, the import waiting for Apply.
//! - `ids.rs`: identifiers of Telegram users, chats and messages.
//! - `keywords.rs`: keyword activation of tickets.
//! - `language.rs`: the languages threadesk speaks.
//! - `lookup.rs`: the lobby's lists (`/queue`, `/mine`, `/find`): what they ask for and match.
//! - `member.rs`: team members as tickets record them.
//! - `message.rs`: messages as the desk sees them.
//! - `origin.rs`: deep-link origins.
//! - `pseudonym.rs`: pseudonyms shown instead of customers' names (`hide_customer_info`).
//! - `profile.rs`: what the team knows of a customer: tags (and funnels) and contact fields.
//! - `segment.rs`: segments of customers (`open+tag:vip,lang:pt`), parsed and matched.
//! - `retention.rs`: which closed tickets and idle customers `retention_days` prunes.
//! - `rate.rs`: durations and message rates as settings write them, and the outgoing limits.
//! - `text.rs`: formatted text and how it is fitted into messages.
//! - `ticket.rs`: tickets, their status, stage, priority and assignee.
//! - `time.rs`: wall-clock instants.
//! - `variables.rs`: variables in canned replies (`{first_name}`, `{field:email}`, …), filled.
//! - `workspace.rs`: the configured layout and the workspace it becomes (the team's chats).

mod admin;
mod broadcast;
mod button;
mod canned;
mod customer;
mod export;
mod facts;
mod ids;
mod import;
mod keywords;
mod language;
mod lookup;
mod member;
mod message;
mod origin;
mod profile;
mod pseudonym;
mod rate;
mod retention;
mod segment;
mod text;
mod ticket;
mod time;
mod variables;
mod workspace;

pub use admin::{Admin, AdminReach};
pub use broadcast::{
    Broadcast, BroadcastCounts, BroadcastId, BroadcastStatus, Schedule, ScheduleError,
    parse_schedule,
};
pub use button::{ButtonAction, ButtonAudience, CALLBACK_DATA_LIMIT};
pub use canned::{
    CannedContent, CannedReply, MAX_TITLE_CHARS, fold, search as search_canned, title_key,
    valid_title,
};
pub use customer::{Ban, Card, Customer, PreviousThread, Reachability};
pub use export::{DOCUMENT_LIMIT, ExportFormat, ExportKind, ExportRequest, parse_date};
pub use facts::{PriorityChange, Rating, RatingOutcome, Reply, TicketFacts};
pub use ids::{ChatId, MessageId, UserId};
pub use import::{
    IMPORT_LIMIT, ImportFile, ImportProblem, ImportRefusal, ImportRow, NOTES_FIELD, PendingImport,
    RowProblem, SHOWN_PROBLEMS, parse_user_id,
};
pub use keywords::Keywords;
pub use language::{LANGUAGES, supported_language};
pub use lookup::{
    Lookup, LookupKey, LookupPage, LookupRow, MAX_FIND_BYTES, OpenTicket, PAGE_SIZE, TicketSummary,
    search_text,
};
pub use member::{KnownMember, Member};
pub use message::{Author, Content, IncomingMessage, MediaItem, MediaKind, UncopyableKind};
pub use origin::Origin;
pub use profile::{
    FieldError, MAX_FIELD_VALUE_CHARS, MAX_FIELDS, MAX_TAG_CHARS, MAX_TAGS, Tag, add_tag,
    remove_tag, set_field, tag_value, valid_field_name,
};
pub use pseudonym::PseudonymKey;
pub use rate::{Limits, Rate, parse_duration};
pub use retention::{History, Standing, TicketAge, Verdict, retention_interval};
pub use segment::{Segment, SegmentError, Term};
pub use text::{Entity, EntityKind, FormattedText, split_with_header, utf16_len};
pub use ticket::{OpenedBy, Priority, Ticket, TicketNumber, TicketStage, TicketStatus};
pub use time::Timestamp;
pub use variables::{VariableValues, fill_variables, has_variables};
pub use workspace::{Layout, Workspace};
