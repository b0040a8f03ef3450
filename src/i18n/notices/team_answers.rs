//! Answers to team commands, in the team's language: what a command did, or why it did not.

use super::{misrouted, number, one_line};
use crate::desk::Notice;
use crate::i18n::{Localizer, escape_html};

impl Localizer {
    /// An answer to a team command (or the warning over a message Telegram refused).
    pub(super) fn team_answer(&self, notice: &Notice, language: &str) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        match notice {
            Notice::TicketAlreadyClosed { number: n } => {
                text("notice-ticket-already-closed", &[number(n)])
            }
            Notice::PrioritySet { priority } => {
                let name = text(&format!("priority-{}", priority.0), &[]);
                text("notice-priority-set", &[("priority", name)])
            }
            Notice::CustomerBanned { reason: None } => text("notice-banned", &[]),
            Notice::CustomerBanned {
                reason: Some(reason),
            } => text("notice-banned-reason", &[("reason", escape_html(reason))]),
            Notice::CustomerAlreadyBanned => text("notice-already-banned", &[]),
            Notice::CustomerUnbanned { muted } => {
                text("notice-unbanned", &[("muted", muted.to_string())])
            }
            Notice::CustomerNotBanned => text("notice-not-banned", &[]),
            Notice::CannedSaved { title, replaced } => {
                let id = if *replaced {
                    "canned-replaced"
                } else {
                    "canned-saved"
                };
                text(id, &[("title", escape_html(title))])
            }
            Notice::CannedDeleted { title } => {
                text("canned-deleted", &[("title", escape_html(title))])
            }
            Notice::CannedRenamed { from, to } => text(
                "canned-renamed",
                &[("from", escape_html(from)), ("to", escape_html(to))],
            ),
            Notice::CannedNotFound { title } => {
                text("canned-not-found", &[("title", escape_html(title))])
            }
            Notice::CannedTitleTaken { title } => {
                text("canned-title-taken", &[("title", escape_html(title))])
            }
            Notice::CannedUnsupported => text("canned-unsupported", &[]),
            Notice::CannedList { entries } if entries.is_empty() => text("canned-list-empty", &[]),
            Notice::CannedList { entries } => {
                let mut lines = vec![text(
                    "canned-list-header",
                    &[("count", entries.len().to_string())],
                )];
                // One line per reply: titles saved before line breaks were refused may hold some.
                lines.extend(entries.iter().map(|(title, preview)| {
                    format!(
                        "• <b>{}</b>: {}",
                        escape_html(&one_line(title)),
                        escape_html(&one_line(preview))
                    )
                }));
                lines.join("\n")
            }
            Notice::Usage { command } => self.usage(*command, language),
            Notice::WrongPlace { command } => {
                let id = match command.needs_lobby() {
                    true => "wrong-place-lobby",
                    false => "wrong-place",
                };
                text(id, &[("command", command.name().to_owned())])
            }
            Notice::UnknownCommand { command } => {
                text("unknown-command", &[("command", escape_html(command))])
            }
            Notice::TeamHelp => text("team-help", &[]),
            Notice::BadPeriod { period, problem } => self.period_problem(period, problem, language),
            Notice::ReportFailed { failure } => text(
                "report-failed",
                &[("reason", self.failure(failure, language))],
            ),
            Notice::NewFor {
                customer,
                name,
                opening,
                link,
            } => {
                let name = escape_html(&self.customer_name(*customer, name, language));
                match (opening, link) {
                    (true, _) => text("notice-new-opening", &[("name", name)]),
                    (false, None) => text("notice-new-already-open", &[("name", name)]),
                    (false, Some(link)) => text(
                        "notice-new-already-open-link",
                        &[("name", name), ("link", escape_html(link))],
                    ),
                }
            }
            Notice::NewThreadOpening { name } => {
                text("notice-new-opening", &[("name", escape_html(name))])
            }
            Notice::NewAlreadyOpen { name, link: None } => {
                text("notice-new-already-open", &[("name", escape_html(name))])
            }
            Notice::NewAlreadyOpen {
                name,
                link: Some(link),
            } => text(
                "notice-new-already-open-link",
                &[("name", escape_html(name)), ("link", escape_html(link))],
            ),
            Notice::NewImpossible { user } => {
                text("notice-new-impossible", &[("user", user.to_string())])
            }
            Notice::CommandNeedsRole { command, needs } => text(
                &format!("command-needs-{}", needs.name()),
                &[("command", command.name().to_owned())],
            ),
            Notice::CommandForTeamOnly { command } => text(
                "command-team-only",
                &[("command", command.name().to_owned())],
            ),
            Notice::Unformatted { failure, .. } => text(
                "notice-unformatted",
                &[("reason", self.failure(failure, language))],
            ),
            other => misrouted(other),
        }
    }
}
