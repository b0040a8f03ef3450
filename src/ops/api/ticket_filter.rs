//! The query of `GET /tickets` and the filter it makes: status, stage, tag, assignee, origin
//! and period, validated before anything is read.

use serde::Deserialize;
use utoipa::IntoParams;

use super::ApiError;
use super::views::stage_name;
use crate::domain::{Customer, Ticket, Timestamp};

/// Query of `GET /tickets`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TicketQuery {
    /// `open` or `closed`.
    pub(super) status: Option<String>,
    /// `new`, `waiting_for_us`, `waiting_for_customer` or `closed`.
    pub(super) stage: Option<String>,
    /// A tag of the customer.
    pub(super) tag: Option<String>,
    /// The assignee's account id (`none`: unassigned).
    pub(super) assignee: Option<String>,
    /// A deep-link origin of the ticket.
    pub(super) origin: Option<String>,
    /// Opened at or after (Unix seconds).
    pub(super) opened_after: Option<i64>,
    /// Opened before (Unix seconds).
    pub(super) opened_before: Option<i64>,
    /// From `next_cursor` of the previous page.
    pub(super) cursor: Option<String>,
    /// Page size, 1-500 (default 50).
    pub(super) limit: Option<usize>,
}

/// The ticket filter of `GET /tickets`, validated.
pub(super) struct TicketFilter {
    open: Option<bool>,
    stage: Option<String>,
    pub(super) tag: Option<String>,
    assignee: Option<Option<i64>>,
    origin: Option<String>,
    after: Option<Timestamp>,
    before: Option<Timestamp>,
}

impl TicketFilter {
    pub(super) fn new(query: &TicketQuery) -> Result<TicketFilter, ApiError> {
        let open = match query.status.as_deref() {
            None => None,
            Some("open") => Some(true),
            Some("closed") => Some(false),
            Some(_) => {
                return Err(ApiError::InvalidQuery(
                    "status must be open or closed".into(),
                ));
            }
        };
        const STAGES: [&str; 4] = ["new", "waiting_for_us", "waiting_for_customer", "closed"];
        if let Some(stage) = &query.stage {
            if !STAGES.contains(&stage.as_str()) {
                let reason = format!("stage must be one of {}", STAGES.join(", "));
                return Err(ApiError::InvalidQuery(reason));
            }
        }
        let assignee = match query.assignee.as_deref() {
            None => None,
            Some("none") => Some(None),
            Some(id) => Some(Some(id.parse::<i64>().map_err(|_| {
                ApiError::InvalidQuery("assignee must be an account id or none".into())
            })?)),
        };
        Ok(TicketFilter {
            open,
            stage: query.stage.clone(),
            tag: query.tag.clone(),
            assignee,
            origin: query.origin.clone(),
            after: query.opened_after.map(Timestamp::from_unix_seconds),
            before: query.opened_before.map(Timestamp::from_unix_seconds),
        })
    }

    pub(super) fn matches(&self, ticket: &Ticket, customer: Option<&Customer>) -> bool {
        self.open.is_none_or(|open| ticket.is_open() == open)
            && self
                .stage
                .as_deref()
                .is_none_or(|stage| stage_name(ticket.stage()) == stage)
            && self.tag.as_deref().is_none_or(|tag| {
                let tagged = |tags: &[String]| tags.iter().any(|t| t.eq_ignore_ascii_case(tag));
                tagged(&ticket.tags) || customer.is_some_and(|c| tagged(&c.tags))
            })
            && self
                .assignee
                .is_none_or(|wanted| ticket.assignee.as_ref().map(|member| member.id.0) == wanted)
            && self
                .origin
                .as_deref()
                .is_none_or(|origin| ticket.origins.iter().any(|o| o.as_str() == origin))
            && self.after.is_none_or(|after| ticket.opened_at >= after)
            && self.before.is_none_or(|before| ticket.opened_at < before)
    }
}
