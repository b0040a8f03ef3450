//! Answers to the team's commands about a customer (tags, contact fields, `/info`) and about
//! who is in charge of a ticket, in the team's language; and the assignee's private word.

use super::{misrouted, number};
use crate::desk::{CommandName, CustomerInfo, Notice, ProfileRefusal};
use crate::domain::{FieldError, MAX_FIELD_VALUE_CHARS, MAX_FIELDS, MAX_TAGS};
use crate::i18n::cards::stage_key;
use crate::i18n::{Localizer, escape_html};

impl Localizer {
    /// An answer to `/mark`, `/set`, `/unset`, `/info`, `/assign` or `/unassign`.
    pub(super) fn team_tool_answer(&self, notice: &Notice, language: &str) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        match notice {
            Notice::TagsShown { tags } if tags.is_empty() => text("tags-none", &[]),
            Notice::TagsShown { tags } => text("tags-list", &[("tags", list(tags))]),
            Notice::ProfileRefused { command, refusal } => {
                let why = match refusal {
                    ProfileRefusal::InvalidTag(tag) => {
                        text("tag-invalid", &[("tag", escape_html(tag))])
                    }
                    ProfileRefusal::TooManyTags(_) => {
                        text("tags-too-many", &[("max", MAX_TAGS.to_string())])
                    }
                    ProfileRefusal::InvalidField { name, error } => match error {
                        FieldError::BadName => {
                            text("field-invalid-name", &[("name", escape_html(name))])
                        }
                        FieldError::BadValue => text(
                            "field-invalid-value",
                            &[("max", MAX_FIELD_VALUE_CHARS.to_string())],
                        ),
                        FieldError::TooMany => {
                            text("fields-too-many", &[("max", MAX_FIELDS.to_string())])
                        }
                    },
                };
                format!("{why}\n{}", self.usage(*command, language))
            }
            Notice::FieldSet { name, value } => text(
                "field-set",
                &[("name", escape_html(name)), ("value", escape_html(value))],
            ),
            Notice::FieldUnset { name } => text("field-unset", &[("name", escape_html(name))]),
            Notice::FieldNotSet { name } => text("field-not-set", &[("name", escape_html(name))]),
            Notice::CustomerInfo(info) => self.customer_info(info, language),
            Notice::Assigned { name } => text("assigned", &[("name", escape_html(name))]),
            Notice::Unassigned {
                previous: Some(name),
            } => text("unassigned", &[("name", escape_html(name))]),
            Notice::Unassigned { previous: None } => text("unassigned-nobody", &[]),
            Notice::NotOnTeam { who } => text("not-on-team", &[("who", escape_html(who))]),
            Notice::AssignNeedsAccount => text("assign-needs-account", &[]),
            Notice::AssigneePing {
                customer,
                name,
                number: n,
                link,
            } => {
                let name = self.customer_name(*customer, name, language);
                let mut lines = vec![text(
                    "assignee-ping",
                    &[number(n), ("name", escape_html(&name))],
                )];
                if let Some(link) = link {
                    lines.push(text("admin-ticket-link", &[("link", escape_html(link))]));
                }
                lines.join("\n")
            }
            other => misrouted(other),
        }
    }

    /// A command's usage line.
    pub(super) fn usage(&self, command: CommandName, language: &str) -> String {
        let id = format!("usage-{}", command.name().replace('_', "-"));
        self.text(language, &id, &[])
    }

    /// `/info`'s answer.
    fn customer_info(&self, info: &CustomerInfo, language: &str) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        let name = self.customer_name(info.customer, &info.name, language);
        let mut title = format!("<b>{}</b>", escape_html(&name));
        let first_contact = text(
            "info-first-contact",
            &[("at", self.clock(info.first_contact))],
        );
        let mut lines = Vec::new();
        if self.hides_customers() {
            lines.push(title);
            lines.push(first_contact);
        } else {
            if let Some(username) = &info.username {
                title.push_str(&format!(" @{}", escape_html(username)));
            }
            lines.push(title);
            lines.push(format!(
                "🆔 <a href=\"tg://user?id={id}\">{id}</a> · {first_contact}",
                id = info.customer,
            ));
        }
        let mut tickets = text("info-tickets", &[("count", info.tickets.to_string())]);
        if let Some((n, stage)) = info.current {
            let stage = text(&format!("stage-{}", stage_key(stage)), &[]);
            tickets.push_str(&format!(
                " · {}",
                text("info-current", &[number(&n), ("stage", stage)])
            ));
        }
        if let Some(assignee) = &info.assignee {
            let line = text("card-assignee", &[("name", escape_html(assignee))]);
            tickets.push_str(&format!(" · {line}"));
        }
        lines.push(format!("🎫 {tickets}"));
        if !info.origins.is_empty() {
            let origins = list(&info.origins);
            lines.push(format!(
                "↪️ {}",
                text("info-origins", &[("origins", origins)])
            ));
        }
        lines.push(match info.tags.is_empty() {
            true => format!("🏷 {}", text("info-no-tags", &[])),
            false => format!("🏷 {}", list(&info.tags)),
        });
        if info.fields.is_empty() {
            lines.push(format!("📇 {}", text("info-no-fields", &[])));
        }
        for (name, value) in &info.fields {
            lines.push(format!("📇 {}: {}", escape_html(name), escape_html(value)));
        }
        lines.join("\n")
    }
}

/// Items escaped and joined with commas.
fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| escape_html(item)).collect();
    items.join(", ")
}
