//! The team's commands about a customer, typed in their thread: `/mark` (tags and funnels),
//! `/set` and `/unset` (contact fields) and `/info` (everything the team knows about them).
//!
//! The rules are those of `profile`, shared with the HTTP API. Nothing here ever reaches the
//! customer: every answer replies to the command in the thread.

use serde::{Deserialize, Serialize};

use super::commands::CommandContext;
use super::profile::{edit_fields, edit_tags};
use super::{CommandName, DeskState, Notice, StateResult, Turn};
use crate::domain::{FieldError, Ticket, TicketNumber, TicketStage, Timestamp, UserId};

/// The most earlier tickets `/info` reads for the origins they came through.
const INFO_TICKETS: u32 = 200;

/// What `/info` shows about a customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerInfo {
    /// The customer's account.
    pub customer: UserId,
    /// Full name.
    pub name: String,
    /// `@username` without the `@`.
    pub username: Option<String>,
    /// When they first wrote.
    pub first_contact: Timestamp,
    /// How many tickets they had.
    pub tickets: u32,
    /// The current ticket and where it stands.
    pub current: Option<(TicketNumber, TicketStage)>,
    /// Who is in charge of the current ticket.
    pub assignee: Option<String>,
    /// The deep-link origins of their tickets, each once, oldest first.
    pub origins: Vec<String>,
    /// Their tags.
    pub tags: Vec<String>,
    /// Their contact fields, by name.
    pub fields: Vec<(String, String)>,
}

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// `/mark [tag …] [-tag …]`: adds and removes tags (all or nothing), then lists them.
    pub(super) fn on_mark_command(
        &mut self,
        context: &CommandContext,
        arguments: &str,
    ) -> StateResult<()> {
        let Some(customer) = context.customer.clone() else {
            return Ok(());
        };
        let (remove, add): (Vec<&str>, Vec<&str>) = arguments
            .split_whitespace()
            .partition(|word| word.len() > 1 && word.starts_with('-'));
        let remove: Vec<&str> = remove.iter().map(|word| &word[1..]).collect();
        let tags = match edit_tags(&customer.tags, &add, &remove) {
            Ok(tags) => tags,
            Err(refusal) => {
                let command = CommandName::Mark;
                self.answer(context, Notice::ProfileRefused { command, refusal });
                return Ok(());
            }
        };
        let fields = customer.fields.clone();
        self.answer(context, Notice::TagsShown { tags: tags.clone() });
        self.save_profile(customer, tags, fields)?;
        Ok(())
    }

    /// `/set <field> <value>`.
    pub(super) fn on_set_command(
        &mut self,
        context: &CommandContext,
        arguments: &str,
    ) -> StateResult<()> {
        let Some(customer) = context.customer.clone() else {
            return Ok(());
        };
        let Some((name, value)) = arguments.trim().split_once(char::is_whitespace) else {
            let command = CommandName::Set;
            self.answer(context, Notice::Usage { command });
            return Ok(());
        };
        let set = [(name.to_owned(), value.trim().to_owned())];
        let fields = match edit_fields(&customer.fields, &set, &[]) {
            Ok(fields) => fields,
            Err(refusal) => {
                let command = CommandName::Set;
                self.answer(context, Notice::ProfileRefused { command, refusal });
                return Ok(());
            }
        };
        let value = fields.get(name).cloned().unwrap_or_default();
        let tags = customer.tags.clone();
        self.save_profile(customer, tags, fields)?;
        let name = name.to_owned();
        self.answer(context, Notice::FieldSet { name, value });
        Ok(())
    }

    /// `/unset <field>`.
    pub(super) fn on_unset_command(
        &mut self,
        context: &CommandContext,
        arguments: &str,
    ) -> StateResult<()> {
        let Some(customer) = context.customer.clone() else {
            return Ok(());
        };
        let name = arguments.trim();
        if name.is_empty() || name.contains(char::is_whitespace) {
            let command = CommandName::Unset;
            self.answer(context, Notice::Usage { command });
            return Ok(());
        }
        let name = name.to_owned();
        if !crate::domain::valid_field_name(&name) {
            let refusal = super::ProfileRefusal::InvalidField {
                name,
                error: FieldError::BadName,
            };
            let command = CommandName::Unset;
            self.answer(context, Notice::ProfileRefused { command, refusal });
            return Ok(());
        }
        if !customer.fields.contains_key(&name) {
            self.answer(context, Notice::FieldNotSet { name });
            return Ok(());
        }
        let fields = edit_fields(&customer.fields, &[], std::slice::from_ref(&name))
            .unwrap_or_else(|_| customer.fields.clone());
        let tags = customer.tags.clone();
        self.save_profile(customer, tags, fields)?;
        self.answer(context, Notice::FieldUnset { name });
        Ok(())
    }

    /// `/info`: the customer's fields, tags, tickets, origins and first contact.
    pub(super) fn on_info_command(&mut self, context: &CommandContext) -> StateResult<()> {
        let Some(customer) = context.customer.clone() else {
            return Ok(());
        };
        let current = self.current_ticket(&customer)?;
        let mut origins: Vec<String> = Vec::new();
        let first = customer.ticket.0.saturating_sub(INFO_TICKETS - 1).max(1);
        for number in first..=customer.ticket.0 {
            let ticket = if Some(TicketNumber(number)) == current.as_ref().map(|t| t.number) {
                current.clone()
            } else {
                self.state.ticket(customer.id, TicketNumber(number))?
            };
            for origin in ticket.iter().flat_map(Ticket::origin_names) {
                if !origins.contains(&origin) {
                    origins.push(origin);
                }
            }
        }
        let info = CustomerInfo {
            customer: customer.id,
            name: customer.full_name(),
            username: customer.username.clone(),
            first_contact: customer.first_seen,
            tickets: customer.ticket.0,
            current: current.as_ref().map(|t| (t.number, t.stage())),
            assignee: current
                .as_ref()
                .and_then(|t| t.assignee.as_ref())
                .map(|member| member.name.clone()),
            origins,
            tags: customer.tags.clone(),
            fields: customer.fields.clone().into_iter().collect(),
        };
        self.answer(context, Notice::CustomerInfo(Box::new(info)));
        if self.imported_and_silent(&customer)? {
            let notice = Notice::Transfer(super::TransferNotice::ImportedNotWritten);
            self.answer(context, notice);
        }
        Ok(())
    }
}
