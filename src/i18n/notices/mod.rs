//! Notices rendered as HTML in the reader's language, in four groups by audience: notes in a
//! customer's thread, answers to team commands, messages to customers, and notifications to
//! administrators (and the team chat outside threads).
//!
//! [`Localizer::notice`] routes each notice to its group; each group renders only its own.
//!
//! Files: `mod.rs` (the routing, thread notes, messages to customers, notifications),
//! `team_answers.rs` (answers to team commands), `team_tools.rs` (answers about tags, fields,
//! `/info` and assignees, and the assignee's private word), `lobby.rs` (the lobby's lists and
//! their page buttons), `broadcasts.rs` (broadcasts and the opt-out), `transfer.rs` (exports
//! and imports), `forget.rs` (erasure), `tests.rs` (one notice
//! of each kind, in every language).

mod broadcasts;
mod forget;
mod lobby;
mod team_answers;
mod team_tools;
mod transfer;

use super::{Localizer, escape_html};
use crate::desk::{Failure, Notice};
use crate::domain::TicketNumber;

impl Localizer {
    /// A notice's HTML text in a language. For notices that quote user text, this is the
    /// header that precedes the quote (see [`Notice::quoted_text`]).
    pub fn notice(&self, notice: &Notice, language: &str) -> String {
        match notice {
            Notice::CustomerSentUncopyable { .. }
            | Notice::NotDelivered { .. }
            | Notice::NotCopied { .. }
            | Notice::CustomerEdited { .. }
            | Notice::CustomerBlockedBot
            | Notice::CustomerReachableAgain
            | Notice::TicketOpened { .. }
            | Notice::TicketClosed { .. }
            | Notice::BannedCustomerWrote { .. }
            | Notice::ThreadRecreated
            | Notice::CardDeleted
            | Notice::HistoryMoved { .. }
            | Notice::TicketOpenedByTeam { .. }
            | Notice::CustomerCameBack { .. }
            | Notice::TeamMessagesWait
            | Notice::SentViaApi { .. }
            | Notice::CannedSaid { .. }
            | Notice::CustomerRated { .. }
            | Notice::ExistingBotDeleted => self.thread_note(notice, language),
            Notice::TicketAlreadyClosed { .. }
            | Notice::PrioritySet { .. }
            | Notice::CustomerBanned { .. }
            | Notice::CustomerAlreadyBanned
            | Notice::CustomerUnbanned { .. }
            | Notice::CustomerNotBanned
            | Notice::CannedSaved { .. }
            | Notice::CannedDeleted { .. }
            | Notice::CannedRenamed { .. }
            | Notice::CannedNotFound { .. }
            | Notice::CannedTitleTaken { .. }
            | Notice::CannedUnsupported
            | Notice::CannedList { .. }
            | Notice::Usage { .. }
            | Notice::WrongPlace { .. }
            | Notice::UnknownCommand { .. }
            | Notice::BadPeriod { .. }
            | Notice::ReportFailed { .. }
            | Notice::TeamHelp
            | Notice::NewThreadOpening { .. }
            | Notice::NewAlreadyOpen { .. }
            | Notice::NewFor { .. }
            | Notice::NewImpossible { .. }
            | Notice::CommandNeedsRole { .. }
            | Notice::CommandForTeamOnly { .. }
            | Notice::Unformatted { .. } => self.team_answer(notice, language),
            Notice::TagsShown { .. }
            | Notice::ProfileRefused { .. }
            | Notice::FieldSet { .. }
            | Notice::FieldUnset { .. }
            | Notice::FieldNotSet { .. }
            | Notice::CustomerInfo(_)
            | Notice::Assigned { .. }
            | Notice::Unassigned { .. }
            | Notice::NotOnTeam { .. }
            | Notice::AssignNeedsAccount
            | Notice::AssigneePing { .. } => self.team_tool_answer(notice, language),
            Notice::LobbyList { .. } | Notice::PageButton { .. } => {
                self.lobby_answer(notice, language)
            }
            Notice::TeamEdited { .. }
            | Notice::CustomerMessageFailed
            | Notice::Welcome
            | Notice::WelcomeBack
            | Notice::Goodbye
            | Notice::YouAreBanned
            | Notice::CustomerHelp
            | Notice::StillHere
            | Notice::MembershipUnchecked
            | Notice::ButtonExpired
            | Notice::RatingRequest { .. }
            | Notice::RatingScore { .. }
            | Notice::RatingThanks
            | Notice::RatingTooLate
            | Notice::ButtonForTeamOnly
            | Notice::ButtonMembershipUnchecked => self.customer_message(notice, language),
            Notice::ThreadMissing { .. }
            | Notice::AdminTicketOpened { .. }
            | Notice::AdminNotificationsOn => self.admin_notification(notice, language),
            Notice::BroadcastOnlyInLobby
            | Notice::BroadcastTestSent
            | Notice::BroadcastTestFailed { .. }
            | Notice::BroadcastBadSegment { .. }
            | Notice::BroadcastBadTime { .. }
            | Notice::Broadcast(_)
            | Notice::NoBroadcasts
            | Notice::BroadcastSendButton
            | Notice::BroadcastCancelButton
            | Notice::BroadcastPauseButton
            | Notice::BroadcastResumeButton
            | Notice::BroadcastNow { .. }
            | Notice::BroadcastUnchanged { .. }
            | Notice::OptedOut
            | Notice::OptedIn
            | Notice::AnswersBroadcast { .. }
            | Notice::BroadcastReached { .. } => self.broadcast_text(notice, language),
            Notice::Transfer(_) => self.transfer_answer(notice, language),
            Notice::ForgetAsk
            | Notice::ForgetButton
            | Notice::ForgetCancelButton
            | Notice::ForgetCancelled
            | Notice::Forgotten(_)
            | Notice::ForgetNothing => self.forget_text(notice, language),
        }
    }

    /// A note in a customer's thread: what happened to the customer, their messages and tickets.
    fn thread_note(&self, notice: &Notice, language: &str) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        match notice {
            Notice::CustomerSentUncopyable { kind } => {
                let kind = text(&format!("kind-{}", kind.name()), &[]);
                text("notice-uncopyable", &[("kind", kind)])
            }
            Notice::NotDelivered { failure } => text(
                "notice-not-delivered",
                &[("reason", self.failure(failure, language))],
            ),
            Notice::NotCopied { failure } => text(
                "notice-not-copied",
                &[("reason", self.failure(failure, language))],
            ),
            Notice::CustomerEdited { .. } => text("notice-customer-edited", &[]),
            Notice::CustomerBlockedBot => text("notice-customer-blocked", &[]),
            Notice::CustomerReachableAgain => text("notice-customer-back", &[]),
            Notice::TicketOpened {
                number: n,
                origin: Some(origin),
            } => text(
                "notice-ticket-opened-origin",
                &[number(n), ("origin", escape_html(origin))],
            ),
            Notice::TicketOpened {
                number: n,
                origin: None,
            } => text("notice-ticket-opened", &[number(n)]),
            Notice::TicketClosed {
                number: n,
                by: None,
                ..
            } => text("notice-ticket-closed-auto", &[number(n)]),
            Notice::TicketClosed {
                number: n,
                by: Some(by),
                note: None,
            } => text(
                "notice-ticket-closed",
                &[number(n), ("by", escape_html(by))],
            ),
            Notice::TicketClosed {
                number: n,
                by: Some(by),
                note: Some(note),
            } => text(
                "notice-ticket-closed-note",
                &[
                    number(n),
                    ("by", escape_html(by)),
                    ("note", escape_html(note)),
                ],
            ),
            Notice::BannedCustomerWrote { muted } => text(
                "notice-banned-customer-wrote",
                &[("muted", muted.to_string())],
            ),
            Notice::ThreadRecreated => text("notice-thread-recreated", &[]),
            Notice::CardDeleted => text("notice-card-deleted", &[]),
            Notice::HistoryMoved { previous, link } => {
                let mut lines = vec![if previous.is_empty() {
                    text("notice-history-moved-unknown", &[])
                } else {
                    text(
                        "notice-history-moved",
                        &[("previous", escape_html(previous))],
                    )
                }];
                if let Some(link) = link {
                    lines.push(escape_html(link));
                }
                lines.join("\n")
            }
            Notice::TicketOpenedByTeam {
                number: n,
                by: Some(by),
            } => text(
                "notice-ticket-opened-by",
                &[number(n), ("by", escape_html(by))],
            ),
            Notice::TicketOpenedByTeam {
                number: n,
                by: None,
            } => text("notice-ticket-opened-by-team", &[number(n)]),
            Notice::CustomerCameBack { origin } => text(
                "notice-customer-came-back",
                &[("origin", escape_html(origin))],
            ),
            Notice::TeamMessagesWait => text("notice-team-messages-wait", &[]),
            Notice::CustomerRated { number: n, score } => text(
                "notice-customer-rated",
                &[number(n), ("score", score.to_string())],
            ),
            Notice::SentViaApi { token, .. } => {
                text("notice-sent-via-api", &[("token", escape_html(token))])
            }
            Notice::ExistingBotDeleted => text("notice-existing-bot-deleted", &[]),
            Notice::CannedSaid { title, .. } => {
                text("notice-canned-said", &[("title", escape_html(title))])
            }
            other => misrouted(other),
        }
    }

    /// A message to a customer (the configured texts win over the locale's).
    fn customer_message(&self, notice: &Notice, language: &str) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        match notice {
            Notice::TeamEdited { .. } => text("notice-team-edited", &[]),
            Notice::CustomerMessageFailed => text("notice-customer-message-failed", &[]),
            Notice::Welcome => self.custom(&self.overrides.start, language, "customer-welcome"),
            Notice::WelcomeBack => {
                self.custom(&self.overrides.restart, language, "customer-welcome-back")
            }
            Notice::Goodbye => self.custom(&self.overrides.end, language, "customer-goodbye"),
            Notice::YouAreBanned => {
                self.custom(&self.overrides.banned, language, "customer-banned")
            }
            Notice::CustomerHelp => text("customer-help", &[]),
            Notice::StillHere => {
                self.custom(&self.overrides.still_here, language, "customer-still-here")
            }
            Notice::MembershipUnchecked => text("membership-unchecked", &[]),
            Notice::ButtonExpired => text("button-expired", &[]),
            Notice::RatingRequest { number: n } => text("rating-request", &[number(n)]),
            Notice::RatingScore { score } => format!("{score} ⭐"),
            Notice::RatingThanks => text("rating-thanks", &[]),
            Notice::RatingTooLate => text("rating-too-late", &[]),
            Notice::ButtonForTeamOnly => text("button-team-only", &[]),
            Notice::ButtonMembershipUnchecked => text("button-membership-unchecked", &[]),
            other => misrouted(other),
        }
    }

    /// A notification to administrators, or to the team chat outside threads.
    fn admin_notification(&self, notice: &Notice, language: &str) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        match notice {
            Notice::ThreadMissing {
                customer,
                name,
                waiting,
            } => match self.pseudonym(*customer, language) {
                Some(pseudonym) => text(
                    "notice-thread-missing-hidden",
                    &[
                        ("name", escape_html(&pseudonym)),
                        ("waiting", waiting.to_string()),
                    ],
                ),
                None => text(
                    "notice-thread-missing",
                    &[
                        ("name", escape_html(name)),
                        ("customer", customer.to_string()),
                        ("waiting", waiting.to_string()),
                    ],
                ),
            },
            Notice::AdminTicketOpened {
                customer,
                name,
                username,
                number: n,
                origin,
                link,
            } => {
                let name = self.customer_name(*customer, name, language);
                let mut lines = vec![text(
                    "admin-ticket-opened",
                    &[number(n), ("name", escape_html(&name))],
                )];
                if let Some(username) = username.as_ref().filter(|_| !self.hides_customers()) {
                    lines.push(text(
                        "admin-ticket-username",
                        &[("username", escape_html(username))],
                    ));
                }
                if let Some(origin) = origin {
                    lines.push(text(
                        "admin-ticket-origin",
                        &[("origin", escape_html(origin))],
                    ));
                }
                if let Some(link) = link {
                    lines.push(text("admin-ticket-link", &[("link", escape_html(link))]));
                }
                lines.join("\n")
            }
            Notice::AdminNotificationsOn => text("admin-notifications-on", &[]),
            other => misrouted(other),
        }
    }

    pub(super) fn failure(&self, failure: &Failure, language: &str) -> String {
        match failure {
            Failure::BlockedByUser => self.text(language, "failure-blocked", &[]),
            Failure::UserDeactivated => self.text(language, "failure-deactivated", &[]),
            Failure::NotStarted => self.text(language, "failure-not-started", &[]),
            Failure::ThreadGone => self.text(language, "failure-thread-gone", &[]),
            Failure::WorkspaceChanged => self.text(language, "failure-workspace-changed", &[]),
            Failure::Rejected(reason) => self.text(
                language,
                "failure-rejected",
                &[("reason", escape_html(reason))],
            ),
        }
    }
}

/// A notice handed to a group that does not render it: a mistake in [`Localizer::notice`]'s
/// routing, caught by the tests and logged (with an empty text) in a release build.
pub(super) fn misrouted(notice: &Notice) -> String {
    debug_assert!(false, "notice routed to the wrong group: {notice:?}");
    tracing::error!(?notice, "notice routed to the wrong group");
    String::new()
}

/// The `number` argument of a ticket's messages.
pub(super) fn number(number: &TicketNumber) -> (&'static str, String) {
    ("number", number.to_string())
}

/// `text` on one line: every run of whitespace becomes one space.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
