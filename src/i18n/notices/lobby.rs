//! The lobby's lists (`/queue`, `/mine`, `/find`) and their page buttons, in the team's
//! language: one line per customer with a link to their thread.

use super::{misrouted, number};
use crate::desk::Notice;
use crate::domain::{Lookup, LookupRow, Timestamp};
use crate::i18n::cards::stage_key;
use crate::i18n::{Localizer, escape_html};

impl Localizer {
    /// A page of a lobby list, or a page button's label.
    pub(super) fn lobby_answer(&self, notice: &Notice, language: &str) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        match notice {
            Notice::LobbyList {
                lookup,
                rows,
                page,
                pages,
                total,
                now,
            } => {
                let (list, query) = match lookup {
                    Lookup::Queue => ("queue", String::new()),
                    Lookup::Mine(_) => ("mine", String::new()),
                    Lookup::Find(query) => ("find", escape_html(query)),
                };
                if *total == 0 {
                    return text(&format!("lobby-{list}-empty"), &[("query", query)]);
                }
                let header = text(
                    &format!("lobby-{list}-header"),
                    &[("query", query), ("total", total.to_string())],
                );
                let mut lines = vec![header];
                let first = *page as usize * crate::domain::PAGE_SIZE;
                for (index, row) in rows.iter().enumerate() {
                    lines.push(self.lobby_row(first + index + 1, row, *now, language));
                }
                if *pages > 1 {
                    lines.push(text(
                        "lobby-page",
                        &[
                            ("page", (page + 1).to_string()),
                            ("pages", pages.to_string()),
                        ],
                    ));
                }
                lines.join("\n")
            }
            Notice::PageButton { next: true } => text("page-next", &[]),
            Notice::PageButton { next: false } => text("page-previous", &[]),
            other => misrouted(other),
        }
    }

    /// `3. 🟠 Alice (@alice) · #2 · waiting for us for 2 h 5 min · assigned to Maria`.
    fn lobby_row(
        &self,
        position: usize,
        row: &LookupRow,
        now: Timestamp,
        language: &str,
    ) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        let name = escape_html(&self.customer_name(row.customer, &row.name, language));
        let mut line = match &row.link {
            Some(link) => format!("{position}. <a href=\"{}\">{name}</a>", escape_html(link)),
            None => format!("{position}. <b>{name}</b>"),
        };
        if !self.hides_customers() {
            if let Some(username) = &row.username {
                line.push_str(&format!(" @{}", escape_html(username)));
            }
            line.push_str(&format!(" · 🆔 {}", row.customer));
        }
        let Some(ticket) = &row.ticket else {
            return line;
        };
        let stage = text(&format!("stage-{}", stage_key(ticket.stage)), &[]);
        let mut parts = vec![format!(
            "{} {}",
            ticket.marker,
            text("card-ticket", &[number(&ticket.number)])
        )];
        parts.push(match ticket.stage {
            crate::domain::TicketStage::Closed => stage,
            _ => text(
                "lobby-waited",
                &[
                    ("stage", stage),
                    (
                        "duration",
                        self.duration(now, ticket.waiting_since, language),
                    ),
                ],
            ),
        });
        if let Some(assignee) = &ticket.assignee {
            parts.push(text("card-assignee", &[("name", escape_html(assignee))]));
        }
        format!("{line}\n    {}", parts.join(" · "))
    }

    /// How long from `since` to `now`, to the minute.
    fn duration(&self, now: Timestamp, since: Timestamp, language: &str) -> String {
        let minutes = (now.unix_seconds() - since.unix_seconds()).max(0) / 60;
        let (days, hours, minutes) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
        let args = [
            ("days", days.to_string()),
            ("hours", hours.to_string()),
            ("minutes", minutes.to_string()),
        ];
        let id = match (days, hours) {
            (0, 0) => "duration-minutes",
            (0, _) => "duration-hours",
            _ => "duration-days",
        };
        self.text(language, id, &args)
    }
}
