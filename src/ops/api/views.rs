//! Customers, tickets, deliveries and audit lines as the API shows them (times are Unix
//! seconds), and the bodies of the write routes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::desk::AuditEntry;
use crate::domain::{Customer, Reachability, Ticket, TicketStage, TicketStatus};

/// A customer.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CustomerView {
    /// Telegram account id (also the id in every route).
    pub id: i64,
    /// First name, as last seen.
    pub first_name: String,
    /// Last name, as last seen.
    pub last_name: Option<String>,
    /// `@username` without the `@`.
    pub username: Option<String>,
    /// Language tag of the customer's app.
    pub language: Option<String>,
    /// When the customer first wrote.
    pub first_seen: i64,
    /// Whether the customer blocked the bot or deleted their account.
    pub blocked: bool,
    /// Whether the customer is banned.
    pub banned: bool,
    /// The team's tags.
    pub tags: Vec<String>,
    /// The team's contact fields.
    pub fields: BTreeMap<String, String>,
    /// The current (or last) ticket.
    pub ticket: Option<TicketView>,
}

/// A ticket.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TicketView {
    /// The customer's id.
    pub customer: i64,
    /// The ticket's number within the customer's thread.
    pub number: u32,
    /// `open` or `closed`.
    pub status: String,
    /// `new`, `waiting_for_us`, `waiting_for_customer` or `closed`.
    pub stage: String,
    /// 0 (low) to 3 (urgent).
    pub priority: u8,
    /// When it opened.
    pub opened_at: i64,
    /// When it closed.
    pub closed_at: Option<i64>,
    /// Who closed it (a team member, `API: <token>`), if not automatic.
    pub closed_by: Option<String>,
    /// The last message in either direction.
    pub last_activity: i64,
    /// Deep-link origins, in order.
    pub origins: Vec<String>,
    /// The team member in charge.
    pub assignee: Option<MemberView>,
}

/// A team member.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberView {
    /// Telegram account id.
    pub id: i64,
    /// Display name.
    pub name: String,
}

/// A page of customers.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CustomerPage {
    /// The customers, by id.
    pub customers: Vec<CustomerView>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A page of tickets.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TicketPage {
    /// The tickets, by customer then number.
    pub tickets: Vec<TicketView>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The outcome of a write.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct WriteResult {
    /// `ok`.
    pub status: String,
    /// The request's id (as audited).
    pub request: u64,
    /// The customer's current ticket afterwards.
    pub ticket: Option<u32>,
}

/// A message sent through the API, or on its way.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeliveryView {
    /// The delivery's id (poll `GET /api/v1/deliveries/{id}`).
    pub delivery: u64,
    /// `accepted` (stored, not yet handled), `queued`, `sent`, `failed`, or for other writes
    /// `ok` or `refused`.
    pub status: String,
    /// The message's id in the customer's chat, once sent.
    pub message_id: Option<i32>,
    /// Why it failed or was refused (a stable code).
    pub reason: Option<String>,
}

/// A line of the audit log.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditView {
    /// Its position in the log (pass as `after` to read on).
    pub id: u64,
    /// The request's id.
    pub request: u64,
    /// The token's name.
    pub token: String,
    /// When the desk handled it.
    pub at: i64,
    /// The customer.
    pub customer: i64,
    /// What was asked, as JSON.
    pub action: serde_json::Value,
    /// `ok`, `queued` or the refusal's code.
    pub outcome: String,
}

/// A page of the audit log.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditPage {
    /// Oldest first.
    pub lines: Vec<AuditView>,
}

/// `POST /customers/{id}/messages`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageBody {
    /// The text, 1-4096 characters, sent without formatting; with a file, its caption (at
    /// most 1024 characters, may be left out).
    #[serde(default)]
    pub text: Option<String>,
    /// A file to send, by its public http(s) URL (Telegram fetches it). In a
    /// `multipart/form-data` body, send the file itself as the `file` part instead.
    #[serde(default)]
    pub file_url: Option<String>,
}

/// `POST /customers/{id}/close`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseBody {
    /// A closing note, shown in the thread.
    #[serde(default)]
    pub note: Option<String>,
}

/// `POST /customers/{id}/reopen`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmptyBody {}

/// `PUT /customers/{id}/priority`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorityBody {
    /// 0 (low) to 3 (urgent).
    pub level: u8,
}

/// `POST /customers/{id}/tags`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TagsBody {
    /// Tags to add (`key:value` replaces the key's earlier value).
    #[serde(default)]
    pub add: Vec<String>,
    /// Tags to remove (a bare key removes its `key:value` tag).
    #[serde(default)]
    pub remove: Vec<String>,
}

/// `PUT /customers/{id}/assignee`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssigneeBody {
    /// The team member, or `null` to unassign.
    pub assignee: Option<MemberView>,
}

/// `POST /customers/{id}/fields`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldsBody {
    /// Fields to set (names of `a-z0-9_`, values up to 256 characters).
    #[serde(default)]
    pub set: BTreeMap<String, String>,
    /// Fields to clear.
    #[serde(default)]
    pub clear: Vec<String>,
}

impl CustomerView {
    /// The customer with their current ticket.
    pub fn new(customer: &Customer, ticket: Option<&Ticket>) -> CustomerView {
        CustomerView {
            id: customer.id.0,
            first_name: customer.first_name.clone(),
            last_name: customer.last_name.clone(),
            username: customer.username.clone(),
            language: customer.language.clone(),
            first_seen: customer.first_seen.unix_seconds(),
            blocked: customer.reachability != Reachability::Reachable,
            banned: customer.ban.is_some(),
            tags: customer.tags.clone(),
            fields: customer.fields.clone(),
            ticket: ticket.map(TicketView::new),
        }
    }
}

impl TicketView {
    /// The ticket.
    pub fn new(ticket: &Ticket) -> TicketView {
        let (closed_at, closed_by) = match &ticket.status {
            TicketStatus::Open => (None, None),
            TicketStatus::Closed { at, by, .. } => (Some(at.unix_seconds()), by.clone()),
        };
        TicketView {
            customer: ticket.customer.0,
            number: ticket.number.0,
            status: if ticket.is_open() { "open" } else { "closed" }.into(),
            stage: stage_name(ticket.stage()).into(),
            priority: ticket.priority.0,
            opened_at: ticket.opened_at.unix_seconds(),
            closed_at,
            closed_by,
            last_activity: ticket.last_activity.unix_seconds(),
            origins: ticket.origin_names(),
            assignee: ticket.assignee.as_ref().map(|member| MemberView {
                id: member.id.0,
                name: member.name.clone(),
            }),
        }
    }
}

/// A stage's name in the API.
pub fn stage_name(stage: TicketStage) -> &'static str {
    match stage {
        TicketStage::New => "new",
        TicketStage::WaitingForUs => "waiting_for_us",
        TicketStage::WaitingForCustomer => "waiting_for_customer",
        TicketStage::Closed => "closed",
    }
}

impl AuditView {
    /// An audit line.
    pub fn new(id: u64, entry: &AuditEntry) -> AuditView {
        AuditView {
            id,
            request: entry.request,
            token: entry.token.clone(),
            at: entry.at.unix_seconds(),
            customer: entry.customer.0,
            action: serde_json::to_value(&entry.action).unwrap_or_default(),
            outcome: entry.outcome.clone(),
        }
    }
}
