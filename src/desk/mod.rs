//! The desk: the helpdesk's rules, as a pure function of (stored state, event, now).
//!
//! [`Desk::handle`] reads and changes state through [`DeskState`] and returns [`Output`]: the
//! [`Effect`]s to carry out and the timers to set. It never talks to Telegram, never reads the
//! clock and never sleeps, so the pipeline can run it inside a storage transaction (and rerun it
//! if the transaction conflicts) and unit tests can run it against an in-memory state.
//!
//! - `api`: writes from the HTTP API, answered and audited ([`ApiRequest`], [`ApiAnswer`]).
//! - `admins`: administrators' notifications of new threads and reopened tickets.
//! - `broadcast_replies`: customers' opt-out of broadcasts, and their replies to one.
//! - `broadcasts`: `/send`, `/broadcasts`, the preview, its buttons and the progress shown;
//!   customers' opt-out ([`BroadcastView`], [`BroadcastReport`]).
//! - `buttons`: inline buttons: messages carrying them, presses checked, dispatched per action
//!   and answered ([`Keyboard`], [`ButtonPress`]).
//! - `assignment`: `/assign`, `/unassign`, the assignee's private word, the team members known.
//! - `canned`: canned replies, saved and managed by the team and offered inline.
//! - `canned_sending`: canned replies sent with their variables filled (inline mode, `/say`).
//! - `card`: what a customer's card shows ([`CardView`]).
//! - `command_name`: the team commands' names, in menu order ([`CommandName`]).
//! - `commands`: the team commands: what they need and where they work.
//! - `customer_messages`: customer messages and edits: first contact and relaying.
//! - `delivery`: effects that failed for good, made visible to the team and the customer.
//! - `effect`: what the desk asks the outside world to do ([`Effect`]).
//! - `exports`: `/export` in the lobby, for administrators ([`TransferNotice`]).
//! - `existing_bot`: the existing bot's messages (behind the proxy) mirrored into threads.
//! - `event`: what the desk reacts to ([`Event`], [`Timer`], [`Role`]).
//! - `failure`: why an effect failed for good ([`Failure`]).
//! - `imports`: `/import` replying to a document: the preview, Apply or Cancel, the merge.
//! - `forget`: `/forget` and `threadesk forget`: a customer erased ([`Erasure`]).
//! - `integration`: answers, audit lines and webhook events for integrations ([`Integration`]).
//! - `lobby`: `/queue`, `/mine` and `/find` in the lobby, paged with buttons.
//! - `notice`: every user-visible message the desk can ask for, as data ([`Notice`]).
//! - `opening`: the current or next ticket, the card published or reopened, and rewritten.
//! - `permissions`: who is on the team, who is an administrator, who may use which command.
//! - `profile`: the rules for changing tags, fields and assignees, shared with the API.
//! - `profile_commands`: `/mark`, `/set`, `/unset` and `/info` in a customer's thread.
//! - `ratings`: customers' 1-5 ratings of closed tickets (`rating = true`).
//! - `relay`: messages waiting for a thread or collected into an album, sent on.
//! - `relay_state`: what is buffered per customer meanwhile ([`RelayState`]).
//! - `reports`: `/stats` and the weekly digest ([`ReportRequest`], [`ReportTarget`]).
//! - `settings`: the settings that shape the rules ([`DeskSettings`]).
//! - `state`: the stored state the desk reads and changes ([`DeskState`]).
//! - `team_messages`: team messages and edits in a thread, relayed to the customer.
//! - `thread`: the card's life: posted, copied into the discussion group, reposted if lost.
//! - `tickets`: closing, reopening, priorities and bans.
//! - `turn`: one call of [`Desk::handle`] in progress and what it produced ([`Output`]).
//! - `workspace`: customers whose card belongs to another workspace.
//! - `tests`: the rules exercised without any server, by topic.

mod admins;
mod api;
mod assignment;
mod broadcast_replies;
mod broadcasts;
mod buttons;
mod canned;
mod canned_sending;
mod card;
mod command_name;
mod commands;
mod customer_messages;
mod delivery;
mod effect;
mod event;
mod existing_bot;
mod exports;
mod failure;
mod forget;
mod imports;
mod integration;
mod lobby;
mod notice;
mod opening;
mod permissions;
mod profile;
mod profile_commands;
mod ratings;
mod relay;
mod relay_state;
mod reports;
mod settings;
mod state;
mod team_messages;
mod thread;
mod tickets;
mod turn;
mod workspace;

use crate::domain::Timestamp;

pub use api::{ApiAction, ApiAnswer, ApiFile, ApiRefusal, ApiRequest};
pub use broadcasts::{BroadcastReport, BroadcastView, excluded as excluded_from_broadcasts};
pub use buttons::{Button, ButtonAnswer, ButtonPress, Keyboard, Reader};
pub use canned::MEMBERSHIP_CHECK_START;
pub use card::{CardBadge, CardView, read_legacy_cards};
pub use command_name::CommandName;
pub use effect::Effect;
pub use event::{Event, Role, Timer};
pub use exports::TransferNotice;
pub use failure::{Failure, failure_code};
pub use forget::Erasure;
pub use integration::{AuditEntry, Integration, WebhookEvent, WebhookKind};
pub use notice::Notice;
pub use permissions::Permission;
pub use profile::ProfileRefusal;
pub use profile_commands::CustomerInfo;
pub use relay_state::{Album, Relay, RelayState, WaitingMessage};
pub use reports::{ReportRequest, ReportTarget};
pub use settings::{AnonymousAdmins, BanNotice, DeskSettings, ReportSettings};
pub use state::{DeskState, StateError, StateResult};
pub use turn::Output;
use turn::Turn;

/// The helpdesk rules with their settings.
#[derive(Clone, Debug)]
pub struct Desk {
    settings: DeskSettings,
}

impl Desk {
    /// A desk with these settings.
    pub fn new(settings: DeskSettings) -> Desk {
        Desk { settings }
    }

    /// The settings in use.
    pub fn settings(&self) -> &DeskSettings {
        &self.settings
    }

    /// The same rules in another workspace.
    pub fn in_workspace(&self, workspace: crate::domain::Workspace) -> Desk {
        Desk::new(DeskSettings {
            workspace,
            ..self.settings.clone()
        })
    }

    /// Applies one event to the state and returns what to do about it.
    pub fn handle<S: DeskState + ?Sized>(
        &self,
        state: &mut S,
        event: Event,
        now: Timestamp,
    ) -> StateResult<Output> {
        let mut turn = Turn {
            settings: &self.settings,
            state,
            now,
            output: Output::default(),
        };
        match event {
            Event::CustomerMessage(message) => turn.on_customer_message(message)?,
            Event::CustomerEdited(message) => turn.on_customer_edit(message)?,
            Event::TeamMessage { message, role } => turn.on_team_message(message, role)?,
            Event::TeamEdited { message, role } => turn.on_team_edit(message, role)?,
            Event::CardPosted {
                customer,
                post,
                root,
            } => turn.on_card_posted(customer, post, root)?,
            Event::CardForwarded { post, root } => turn.on_card_forwarded(post, root)?,
            Event::DeliveryFailed { effect, failure } => {
                turn.on_delivery_failed(effect, failure)?
            }
            Event::CustomerReachability {
                customer,
                reachable,
            } => turn.on_customer_reachability(customer, reachable)?,
            Event::Timer(Timer::CustomerAlbum { customer, group }) => {
                turn.on_customer_album_due(customer, &group)?
            }
            Event::Timer(Timer::TeamAlbum { customer, group }) => {
                turn.on_team_album_due(customer, &group)?
            }
            Event::Timer(Timer::AutoClose {
                customer,
                ticket,
                last_activity,
            }) => turn.on_autoclose_due(customer, ticket, last_activity)?,
            Event::Timer(Timer::ThreadOverdue { customer, attempt }) => {
                turn.on_thread_overdue(customer, attempt)?
            }
            Event::Timer(Timer::Digest { due }) => turn.on_digest_due(due)?,
            Event::InlineQuery {
                id,
                from,
                query,
                team,
            } => turn.on_inline_query(id, from, &query, team)?,
            Event::AdminsRefreshed { admins } => turn.on_admins_refreshed(admins)?,
            Event::AdminsListed { admins, asked_at } => turn.on_admins_listed(admins, asked_at)?,
            Event::AdminChanged { user, name, admin } => {
                turn.on_admin_changed(user, name, admin)?
            }
            Event::TeamMessageHeld { message } => turn.on_team_message_held(message)?,
            Event::InlineQueryUnchecked { id, from } => turn.on_inline_query_unchecked(id, from),
            Event::Api(request) => turn.on_api_request(request)?,
            Event::ButtonPressed(press) => turn.on_button_pressed(press)?,
            Event::BroadcastCounted { id, total } => turn.on_broadcast_counted(id, total)?,
            Event::BroadcastProgress(report) => turn.on_broadcast_report(report)?,
            Event::BroadcastDelivered { id, customers } => {
                turn.on_broadcast_delivered(id, customers)?
            }
            Event::Timer(Timer::BroadcastDue { id }) => turn.on_broadcast_due(id)?,
            Event::ExistingBotMessage {
                message,
                buttons,
                edited,
            } => turn.on_existing_bot_message(message, buttons, edited)?,
            Event::ImportRead {
                thread,
                to,
                outcome,
            } => turn.on_import_read(thread, to, outcome)?,
            Event::ExistingBotDeleted { customer, messages } => {
                turn.on_existing_bot_deleted(customer, messages)?
            }
            Event::RedrawCard { customer } => turn.on_redraw_card(customer)?,
            Event::ForgetCustomer { customer } => turn.on_forget_requested(customer)?,
        }
        Ok(turn.output)
    }
}

#[cfg(test)]
mod tests;
