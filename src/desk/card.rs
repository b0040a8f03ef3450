//! What a customer's card shows, assembled from the customer and their current ticket.
//!
//! Card views travel inside queued effects, so their stored layout matters: version 2 of the
//! outbox (and version 1 of the inbox) stored the layout without the ticket's stage, assignee,
//! tags, fields and badges. [`read_legacy_cards`] decodes such records; new fields since go in
//! [`CardBadge`] (appending a variant keeps every stored card readable).

use std::cell::Cell;

use serde::{Deserialize, Deserializer, Serialize};

use super::DeskSettings;
use crate::domain::{
    Customer, OpenedBy, Priority, Reachability, Ticket, TicketNumber, TicketStage, TicketStatus,
    Timestamp, UserId,
};

/// Everything the card in the channel displays. Rendering (language, markup) happens at the edge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CardView {
    /// The customer's account id (the card links to it).
    pub customer: UserId,
    /// Full name.
    pub name: String,
    /// `@username` without the `@`.
    pub username: Option<String>,
    /// The customer's app language.
    pub language: Option<String>,
    /// The current ticket's number.
    pub ticket: TicketNumber,
    /// The deep-link origins the customer came through during the current ticket, in order.
    /// (Encoded like the single `Option<String>` origin of earlier builds when it holds at most
    /// one, so cards queued by them still decode.)
    pub origins: Vec<String>,
    /// When the current ticket opened.
    pub opened_at: Timestamp,
    /// The colour marker: the priority's colour while open, the closed colour once closed.
    pub marker: String,
    /// The current ticket's priority.
    pub priority: Priority,
    /// Open or closed, with who closed it and when.
    pub status: TicketStatus,
    /// Set while the customer is banned: how many of their messages were muted.
    pub muted: Option<u32>,
    /// Whether the customer can be reached.
    pub reachability: Reachability,
    /// Where the ticket stands: who has to act next.
    pub stage: TicketStage,
    /// Since when the ticket waits in its stage.
    pub waiting_since: Timestamp,
    /// The assignee's name, if the ticket has one.
    pub assignee: Option<String>,
    /// The customer's tags.
    pub tags: Vec<String>,
    /// The contact fields configured to show on the card (`card_fields`) that have a value,
    /// in the configured order.
    pub fields: Vec<(String, String)>,
    /// Further facts the card shows, each one line or mark.
    pub badges: Vec<CardBadge>,
}

/// A further fact a card shows. Variants are only ever appended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CardBadge {
    /// The customer rated the ticket (1 to 5).
    Rating {
        /// The score.
        score: u8,
    },
    /// The customer opted out of broadcasts (`/stop`).
    OptedOut,
    /// A team member handles the open ticket: the existing bot behind the proxy no longer
    /// gets the customer's messages (`handoff`).
    HumanHandling,
    /// The customer came from an `/import` and has not written yet: the team opened their
    /// first ticket (`/new`) and no message of theirs arrived since.
    ImportedNotWritten,
    /// The customer was erased (`/forget`): the card shows only that.
    Erased,
}

impl CardView {
    /// The card for a customer and their current ticket.
    pub fn new(
        customer: &Customer,
        ticket: &Ticket,
        settings: &DeskSettings,
        opted_out: bool,
    ) -> CardView {
        let marker = match ticket.status {
            TicketStatus::Open => settings.priority_marker(ticket.priority).to_owned(),
            TicketStatus::Closed { .. } => settings.closed_marker.clone(),
        };
        let fields = settings
            .card_fields
            .iter()
            .filter_map(|name| Some((name.clone(), customer.fields.get(name)?.clone())))
            .collect();
        let mut badges: Vec<CardBadge> = ticket
            .facts
            .rating
            .map(|rating| CardBadge::Rating {
                score: rating.score,
            })
            .into_iter()
            .collect();
        if opted_out {
            badges.push(CardBadge::OptedOut);
        }
        if settings.handoff && ticket.is_open() && ticket.team_replied_at.is_some() {
            badges.push(CardBadge::HumanHandling);
        }
        // Only an imported customer's first ticket can be opened by the team.
        if ticket.number.0 == 1
            && matches!(ticket.opened_by, OpenedBy::Team { .. })
            && !ticket.customer_wrote
        {
            badges.push(CardBadge::ImportedNotWritten);
        }
        CardView {
            customer: customer.id,
            name: customer.full_name(),
            username: customer.username.clone(),
            language: customer.language.clone(),
            ticket: ticket.number,
            origins: ticket.origin_names(),
            opened_at: ticket.opened_at,
            marker,
            priority: ticket.priority,
            status: ticket.status.clone(),
            muted: customer.ban.as_ref().map(|ban| ban.muted_messages),
            reachability: customer.reachability,
            stage: ticket.stage(),
            waiting_since: ticket.waiting_since,
            assignee: ticket.assignee.as_ref().map(|member| member.name.clone()),
            tags: customer.tags.clone(),
            fields,
            badges,
        }
    }
}

thread_local! {
    /// Set while records written before the card had its stage and what follows are decoded.
    static LEGACY_LAYOUT: Cell<bool> = const { Cell::new(false) };
}

/// Decodes, with `decode`, a record that holds cards in the layout written before the card
/// had its stage, assignee, tags, fields and badges.
pub fn read_legacy_cards<T>(decode: impl FnOnce() -> T) -> T {
    let before = LEGACY_LAYOUT.with(|flag| flag.replace(true));
    let decoded = decode();
    LEGACY_LAYOUT.with(|flag| flag.set(before));
    decoded
}

/// The card's first fields, the whole layout of earlier versions.
#[derive(Deserialize)]
struct CardBase {
    customer: UserId,
    name: String,
    username: Option<String>,
    language: Option<String>,
    ticket: TicketNumber,
    origins: Vec<String>,
    opened_at: Timestamp,
    marker: String,
    priority: Priority,
    status: TicketStatus,
    muted: Option<u32>,
    reachability: Reachability,
}

/// The fields added to the card after [`CardBase`].
#[derive(Deserialize)]
struct CardDetails {
    stage: TicketStage,
    waiting_since: Timestamp,
    assignee: Option<String>,
    tags: Vec<String>,
    fields: Vec<(String, String)>,
    badges: Vec<CardBadge>,
}

impl<'de> Deserialize<'de> for CardView {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (base, details) = if LEGACY_LAYOUT.with(Cell::get) {
            let base = CardBase::deserialize(deserializer)?;
            // An old card knew only open and closed.
            let stage = match base.status {
                TicketStatus::Open => TicketStage::WaitingForUs,
                TicketStatus::Closed { .. } => TicketStage::Closed,
            };
            let details = CardDetails {
                stage,
                waiting_since: base.opened_at,
                assignee: None,
                tags: Vec::new(),
                fields: Vec::new(),
                badges: Vec::new(),
            };
            (base, details)
        } else {
            <(CardBase, CardDetails)>::deserialize(deserializer)?
        };
        Ok(CardView {
            customer: base.customer,
            name: base.name,
            username: base.username,
            language: base.language,
            ticket: base.ticket,
            origins: base.origins,
            opened_at: base.opened_at,
            marker: base.marker,
            priority: base.priority,
            status: base.status,
            muted: base.muted,
            reachability: base.reachability,
            stage: details.stage,
            waiting_since: details.waiting_since,
            assignee: details.assignee,
            tags: details.tags,
            fields: details.fields,
            badges: details.badges,
        })
    }
}
