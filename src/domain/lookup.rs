//! Finding work from the lobby: what `/queue`, `/mine` and `/find` ask for ([`Lookup`]), how a
//! customer is matched by text, and one page of the answer ([`LookupRow`]).
//!
//! Matching is by folded text (case and accents ignored): a customer matches a `/find` when
//! every word of the query appears somewhere in their [`search_text`] (name, `@username`, id,
//! tags, field values). The index that answers quickly at scale lives in the storage layer; the
//! rules it applies are these.

use serde::{Deserialize, Serialize};

use super::{
    Customer, Priority, PseudonymKey, Ticket, TicketNumber, TicketStage, Timestamp, UserId, fold,
};

/// Entries on one page of a lobby list.
pub const PAGE_SIZE: usize = 20;

/// The longest `/find` text, in bytes once folded: the text rides in the page buttons'
/// `callback_data`, which Telegram bounds.
pub const MAX_FIND_BYTES: usize = 40;

/// A lobby list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lookup {
    /// `/queue`: open tickets waiting for the team, oldest first.
    Queue,
    /// `/mine`: this team member's open tickets, those waiting for the team first.
    Mine(UserId),
    /// `/find`: customers matching every word of this (folded) text.
    Find(String),
}

impl Lookup {
    /// A `/find` text as searched: folded, words separated by one space, a leading `@` dropped
    /// from each word; `None` when empty or longer than [`MAX_FIND_BYTES`].
    pub fn find(text: &str) -> Option<Lookup> {
        let words: Vec<String> = fold(text)
            .split_whitespace()
            .map(|word| word.trim_start_matches('@').to_owned())
            .filter(|word| !word.is_empty())
            .collect();
        let query = words.join(" ");
        (!query.is_empty() && query.len() <= MAX_FIND_BYTES).then_some(Lookup::Find(query))
    }
}

/// What the index keeps of a customer: the text `/find` searches, and where their current
/// ticket stands in the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupKey {
    /// [`search_text`] of the customer.
    pub text: Box<str>,
    /// Their open ticket, if they have one.
    pub open: Option<OpenTicket>,
}

/// An open ticket as the lobby lists order and filter it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenTicket {
    /// Since when it waits in its stage.
    pub waiting_since: Timestamp,
    /// Whether the team has to act next.
    pub waits_for_team: bool,
    /// Who is in charge, if anyone.
    pub assignee: Option<UserId>,
}

impl LookupKey {
    /// The key of a customer and their current ticket; when customers are hidden
    /// (`pseudonyms`), `/find` matches their pseudonym's code instead of their name,
    /// `@username` and id.
    pub fn of(
        customer: &Customer,
        ticket: Option<&Ticket>,
        pseudonyms: Option<&PseudonymKey>,
    ) -> LookupKey {
        let open = ticket
            .filter(|ticket| ticket.is_open())
            .map(|ticket| OpenTicket {
                waiting_since: ticket.waiting_since,
                waits_for_team: ticket.stage().waits_for_team(),
                assignee: ticket.assignee.as_ref().map(|member| member.id),
            });
        LookupKey {
            text: search_text(customer, pseudonyms).into_boxed_str(),
            open,
        }
    }

    /// Whether every word of a folded query appears in the customer's text.
    pub fn matches(&self, query: &str) -> bool {
        query.split(' ').all(|word| self.text.contains(word))
    }
}

/// What `/find` searches in a customer, folded, one item per line: the full name first (lists
/// of found customers sort by it), then the `@username`, the id, the tags and the field values.
/// When customers are hidden (`pseudonyms`), their pseudonym's code replaces the name,
/// `@username` and id.
pub fn search_text(customer: &Customer, pseudonyms: Option<&PseudonymKey>) -> String {
    let mut items = match pseudonyms {
        Some(key) => vec![key.code(customer.id)],
        None => {
            let mut items = vec![customer.full_name()];
            items.extend(customer.username.iter().map(|name| format!("@{name}")));
            items.push(customer.id.to_string());
            items
        }
    };
    items.extend(customer.tags.iter().cloned());
    items.extend(customer.fields.values().cloned());
    fold(&items.join("\n"))
}

/// One customer on a page of a lobby list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupRow {
    /// The customer.
    pub customer: UserId,
    /// Their name.
    pub name: String,
    /// Their `@username`, without the `@`.
    pub username: Option<String>,
    /// A link to their thread, when it is in the workspace in use.
    pub link: Option<String>,
    /// Their current (or last) ticket, if any.
    pub ticket: Option<TicketSummary>,
}

/// A ticket as a lobby list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketSummary {
    /// Its number.
    pub number: TicketNumber,
    /// Where it stands.
    pub stage: TicketStage,
    /// Since when it waits in that stage.
    pub waiting_since: Timestamp,
    /// Its priority.
    pub priority: Priority,
    /// The priority's marker, as the settings draw it.
    pub marker: String,
    /// Who is in charge, by name.
    pub assignee: Option<String>,
}

impl TicketSummary {
    /// How a lobby list shows a ticket, with its priority drawn as `marker`.
    pub fn of(ticket: &Ticket, marker: &str) -> TicketSummary {
        TicketSummary {
            number: ticket.number,
            stage: ticket.stage(),
            waiting_since: ticket.waiting_since,
            priority: ticket.priority,
            marker: marker.to_owned(),
            assignee: ticket.assignee.as_ref().map(|member| member.name.clone()),
        }
    }
}

/// One page of a lobby list: the customers on it, and how many there are in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LookupPage {
    /// The customers on the page, in list order.
    pub customers: Vec<UserId>,
    /// How many the whole list holds.
    pub total: usize,
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::domain::{Card, Reachability};

    fn customer() -> Customer {
        Customer {
            id: UserId(4242),
            first_name: "João".into(),
            last_name: Some("Müller".into()),
            username: Some("joao_m".into()),
            language: None,
            first_seen: Timestamp(0),
            card: Card::default(),
            ticket: TicketNumber(1),
            reachability: Reachability::Reachable,
            ban: None,
            tags: vec!["vip".into(), "stage:paid".into()],
            fields: BTreeMap::from([("email".into(), "Joao@Example.com".into())]),
        }
    }

    #[test]
    fn every_word_must_match_ignoring_case_and_accents() {
        let key = LookupKey::of(&customer(), None, None);
        for text in [
            "joao",
            "MULLER joão",
            "@JOAO_M",
            "4242",
            "stage:paid",
            "example.com",
        ] {
            let Some(Lookup::Find(query)) = Lookup::find(text) else {
                panic!("{text} is a query");
            };
            assert!(key.matches(&query), "{text}");
        }
        let Some(Lookup::Find(query)) = Lookup::find("joao maria") else {
            panic!("a query");
        };
        assert!(!key.matches(&query));
    }

    #[test]
    fn hidden_customers_are_found_by_their_pseudonym_not_their_name() {
        let pseudonyms = PseudonymKey::new(&[3; 32]);
        let key = LookupKey::of(&customer(), None, Some(&pseudonyms));
        let code = pseudonyms.code(UserId(4242));
        for (text, found) in [
            (code.as_str(), true),
            ("vip", true),
            ("example.com", true),
            ("muller", false),
            ("@joao_m", false),
            ("4242", false),
        ] {
            let Some(Lookup::Find(query)) = Lookup::find(text) else {
                panic!("{text} is a query");
            };
            assert_eq!(key.matches(&query), found, "{text}");
        }
    }

    #[test]
    fn find_texts_are_bounded_and_never_empty() {
        assert_eq!(Lookup::find("  "), None);
        assert_eq!(Lookup::find("@"), None);
        assert_eq!(Lookup::find(&"a".repeat(41)), None);
        assert_eq!(
            Lookup::find(" Ana   Lú "),
            Some(Lookup::Find("ana lu".into()))
        );
    }
}
