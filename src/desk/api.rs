//! Writes from the HTTP API: messages sent as the bot, closing, reopening, priorities, tags,
//! assignees and contact fields, with the same rules as the team's commands.
//!
//! An API write reaches the desk as [`Event::Api`](super::Event::Api) through the inbox, like
//! every other change. The desk answers it ([`ApiAnswer`]) and audits it through
//! [`Integration`] records; a refused request changes nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::integration::{AuditEntry, Integration, WebhookKind};
use super::profile::{ProfileRefusal, edit_fields, edit_tags};
use super::{DeskState, Effect, Failure, Notice, StateResult, Turn, failure_code};
use crate::domain::{
    Customer, FieldError, FormattedText, Member, OpenedBy, Priority, Reachability, Ticket,
    TicketNumber, UserId,
};

/// One write asked through the API.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApiRequest {
    /// The request's id (also the delivery id of a message).
    pub id: u64,
    /// The name of the token used (audited, and shown in the thread for messages).
    pub token: String,
    /// The customer it concerns.
    pub customer: UserId,
    /// What to do.
    pub action: ApiAction,
}

/// What an API write asks for (named in snake case in the audit log).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiAction {
    /// Send the customer a text as the bot, mirrored into the thread.
    SendMessage {
        /// The text.
        text: String,
    },
    /// Close the current ticket.
    Close {
        /// The closing note, if any.
        note: Option<String>,
    },
    /// Open the customer's next ticket (the current one is closed).
    Reopen,
    /// Set the current ticket's priority.
    SetPriority {
        /// The level, from 0 to [`Priority::MAX`].
        level: u8,
    },
    /// Add and remove customer tags.
    Tags {
        /// Tags to add.
        add: Vec<String>,
        /// Tags to remove.
        remove: Vec<String>,
    },
    /// Assign the current ticket (`None` unassigns it).
    Assign {
        /// The team member.
        assignee: Option<Member>,
    },
    /// Set and clear contact fields.
    Fields {
        /// Fields to set.
        set: BTreeMap<String, String>,
        /// Fields to clear.
        clear: Vec<String>,
    },
    /// Send the customer a file as the bot, with an optional caption, mirrored into the thread.
    SendFile {
        /// The caption (may be empty).
        caption: String,
        /// The file.
        file: ApiFile,
    },
}

/// A file sent through the API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApiFile {
    /// A public URL Telegram fetches the file from.
    Url(String),
    /// A file uploaded with the request, stored (sealed) under the request's id until sent.
    Upload {
        /// Its file name.
        name: String,
        /// Its size in bytes.
        size: u64,
    },
}

impl ApiFile {
    /// The file's name as the thread shows it.
    pub fn name(&self) -> String {
        match self {
            ApiFile::Upload { name, .. } => name.clone(),
            ApiFile::Url(url) => url
                .split(['?', '#'])
                .next()
                .and_then(|path| path.rsplit('/').find(|part| !part.is_empty()))
                .unwrap_or("file")
                .to_owned(),
        }
    }
}

/// The desk's answer to an API write.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ApiAnswer {
    /// Done: the customer's current ticket afterwards.
    Done {
        /// The current ticket's number, if the customer has one.
        ticket: Option<TicketNumber>,
    },
    /// The message is queued; its delivery id is the request's id.
    Queued,
    /// Refused; nothing changed.
    Refused(ApiRefusal),
}

/// Why an API write was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApiRefusal {
    /// No customer with this id ever wrote to the bot.
    UnknownCustomer,
    /// The customer blocked the bot or deleted their account.
    CustomerBlocked,
    /// The customer is banned.
    CustomerBanned,
    /// The customer has no ticket yet.
    NoTicket,
    /// The current ticket is closed already.
    TicketAlreadyClosed,
    /// The current ticket is open already.
    TicketAlreadyOpen,
    /// A tag is not valid.
    InvalidTag(String),
    /// A field name or value is not valid, or there would be too many fields.
    InvalidField(String),
    /// The priority level is out of range.
    InvalidPriority,
}

impl ApiRefusal {
    /// The stable code API callers match on.
    pub fn code(&self) -> &'static str {
        match self {
            ApiRefusal::UnknownCustomer => "unknown_customer",
            ApiRefusal::CustomerBlocked => "customer_blocked",
            ApiRefusal::CustomerBanned => "customer_banned",
            ApiRefusal::NoTicket => "no_ticket",
            ApiRefusal::TicketAlreadyClosed => "ticket_already_closed",
            ApiRefusal::TicketAlreadyOpen => "ticket_already_open",
            ApiRefusal::InvalidTag(_) => "invalid_tag",
            ApiRefusal::InvalidField(_) => "invalid_field",
            ApiRefusal::InvalidPriority => "invalid_priority",
        }
    }
}

impl ApiAnswer {
    /// The stable code of the outcome, for the audit log.
    pub fn code(&self) -> &'static str {
        match self {
            ApiAnswer::Done { .. } => "ok",
            ApiAnswer::Queued => "queued",
            ApiAnswer::Refused(refusal) => refusal.code(),
        }
    }
}

/// What a handler decided: the answer, with the records to save when it is not a refusal.
type Decision = Result<ApiAnswer, ApiRefusal>;

impl<S: DeskState + ?Sized> Turn<'_, S> {
    /// An API write: carried out or refused, then answered and audited.
    pub(super) fn on_api_request(&mut self, request: ApiRequest) -> StateResult<()> {
        let answer = match self.customer(request.customer)? {
            None => ApiAnswer::Refused(ApiRefusal::UnknownCustomer),
            Some(customer) => {
                let by = format!("API: {}", request.token);
                match self.api_write(customer, &request, by)? {
                    Ok(answer) => answer,
                    Err(refusal) => ApiAnswer::Refused(refusal),
                }
            }
        };
        self.integrate(Integration::Audit(AuditEntry {
            request: request.id,
            token: request.token.clone(),
            at: self.now,
            customer: request.customer,
            action: request.action.clone(),
            outcome: answer.code().to_owned(),
        }));
        self.integrate(Integration::Answer {
            request: request.id,
            answer,
        });
        Ok(())
    }

    fn api_write(
        &mut self,
        mut customer: Customer,
        request: &ApiRequest,
        by: String,
    ) -> StateResult<Decision> {
        let ticket = self.current_ticket(&customer)?;
        let decision = match &request.action {
            ApiAction::SendMessage { text } => {
                return self.api_message(customer, ticket, request, text, None, by);
            }
            ApiAction::SendFile { caption, file } => {
                let file = Some(file.clone());
                return self.api_message(customer, ticket, request, caption, file, by);
            }
            ApiAction::Reopen => return self.api_reopen(customer, ticket, by),
            ApiAction::Tags { add, remove } => {
                let tags = match edit_tags(&customer.tags, add, remove) {
                    Ok(tags) => tags,
                    Err(refusal) => return Ok(Err(refusal.into())),
                };
                let fields = customer.fields.clone();
                self.save_profile(customer, tags, fields)?;
                return Ok(Ok(done(ticket.as_ref())));
            }
            ApiAction::Fields { set, clear } => {
                let set: Vec<(String, String)> = set.clone().into_iter().collect();
                let fields = match edit_fields(&customer.fields, &set, clear) {
                    Ok(fields) => fields,
                    Err(refusal) => return Ok(Err(refusal.into())),
                };
                let tags = customer.tags.clone();
                self.save_profile(customer, tags, fields)?;
                return Ok(Ok(done(ticket.as_ref())));
            }
            _ => ticket.ok_or(ApiRefusal::NoTicket),
        };
        let mut ticket = match decision {
            Ok(ticket) => ticket,
            Err(refusal) => return Ok(Err(refusal)),
        };
        match &request.action {
            ApiAction::Close { note } => {
                if !ticket.is_open() {
                    return Ok(Err(ApiRefusal::TicketAlreadyClosed));
                }
                let note = note.as_deref().map(str::trim).filter(|n| !n.is_empty());
                let note = note.map(|n| n.chars().take(500).collect::<String>());
                self.close_ticket(
                    &mut customer,
                    &mut ticket,
                    Some(by.clone()),
                    note.clone(),
                    true,
                )?;
                if let Some(root) = customer.card.root {
                    let notice = Notice::TicketClosed {
                        number: ticket.number,
                        by: Some(by),
                        note,
                    };
                    self.emit(Effect::NoteInThread {
                        customer: customer.id,
                        root,
                        notice,
                        reply_to: None,
                    });
                }
            }
            ApiAction::SetPriority { level } => {
                let Some(priority) = Priority::from_level(*level) else {
                    return Ok(Err(ApiRefusal::InvalidPriority));
                };
                ticket.set_priority(priority, self.now);
                self.card_changed(&mut customer, &ticket)?;
            }
            ApiAction::Assign { assignee } => {
                self.assign(&mut customer, &mut ticket, assignee.clone())?;
            }
            _ => {}
        }
        self.save_ticket_and_customer(&ticket, &customer)?;
        Ok(Ok(done(Some(&ticket))))
    }

    /// A message as the bot: to the customer, mirrored into the thread, counted as the team's.
    fn api_message(
        &mut self,
        mut customer: Customer,
        ticket: Option<Ticket>,
        request: &ApiRequest,
        text: &str,
        file: Option<ApiFile>,
        by: String,
    ) -> StateResult<Decision> {
        if customer.reachability != Reachability::Reachable {
            return Ok(Err(ApiRefusal::CustomerBlocked));
        }
        if customer.ban.is_some() {
            return Ok(Err(ApiRefusal::CustomerBanned));
        }
        // The thread shows a file as its name above its caption.
        let shown = match &file {
            Some(file) if text.is_empty() => format!("📎 {}", file.name()),
            Some(file) => format!("📎 {}\n{text}", file.name()),
            None => text.to_owned(),
        };
        match file {
            None => self.emit(Effect::ApiMessage {
                customer: customer.id,
                delivery: request.id,
                text: text.to_owned(),
            }),
            Some(file) => self.emit(Effect::ApiFile {
                customer: customer.id,
                delivery: request.id,
                file,
                caption: text.to_owned(),
            }),
        }
        let text = shown.as_str();
        if let Some(root) = customer.card.root {
            self.emit(Effect::NoteInThread {
                customer: customer.id,
                root,
                notice: Notice::SentViaApi {
                    token: request.token.clone(),
                    text: FormattedText::plain(text),
                },
                reply_to: None,
            });
        }
        let number = ticket.as_ref().map(|ticket| ticket.number);
        if let Some(mut ticket) = ticket.filter(Ticket::is_open) {
            ticket.facts.team_reply(self.now, None);
            if ticket.record_message(true, self.now) {
                self.card_changed(&mut customer, &ticket)?;
                self.save_ticket_and_customer(&ticket, &customer)?;
            } else {
                self.state.save_ticket(&ticket)?;
            }
        }
        self.webhook(
            WebhookKind::TeamMessage,
            customer.id,
            number,
            Some(text.to_owned()),
            Some(by),
        );
        Ok(Ok(ApiAnswer::Queued))
    }

    /// Opens the next ticket when the current one is closed, as `/new` does.
    fn api_reopen(
        &mut self,
        mut customer: Customer,
        ticket: Option<Ticket>,
        by: String,
    ) -> StateResult<Decision> {
        if ticket.as_ref().is_some_and(Ticket::is_open) {
            return Ok(Err(ApiRefusal::TicketAlreadyOpen));
        }
        if customer.reachability != Reachability::Reachable {
            return Ok(Err(ApiRefusal::CustomerBlocked));
        }
        let opened_by = OpenedBy::Team { name: Some(by) };
        let ticket = self.open_next_ticket(&mut customer, None, opened_by, None)?;
        self.save_ticket_and_customer(&ticket, &customer)?;
        Ok(Ok(done(Some(&ticket))))
    }

    /// A message sent through the API failed for good: the thread and the caller learn why.
    pub(super) fn on_api_message_failed(
        &mut self,
        customer: UserId,
        delivery: u64,
        failure: Failure,
    ) -> StateResult<()> {
        self.integrate(Integration::DeliveryFailed {
            delivery,
            reason: failure_code(&failure).to_owned(),
        });
        self.customer_missed(customer, failure, None)
    }
}

fn done(ticket: Option<&Ticket>) -> ApiAnswer {
    ApiAnswer::Done {
        ticket: ticket.map(|ticket| ticket.number),
    }
}

impl From<ProfileRefusal> for ApiRefusal {
    fn from(refusal: ProfileRefusal) -> Self {
        match refusal {
            ProfileRefusal::InvalidTag(tag) | ProfileRefusal::TooManyTags(tag) => {
                ApiRefusal::InvalidTag(tag)
            }
            ProfileRefusal::InvalidField { name, error } => {
                let why = match error {
                    FieldError::BadName => "name must be 1-32 of a-z, 0-9 and _",
                    FieldError::BadValue => "value must be 1-256 characters",
                    FieldError::TooMany => "a customer keeps at most 32 fields",
                };
                ApiRefusal::InvalidField(format!("{name}: {why}"))
            }
        }
    }
}
