//! The settings that shape the desk's rules (validated configuration, already parsed).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::domain::Priority;

/// How messages from anonymous administrators of the team chat are treated. They carry no
/// account, so membership of the channel cannot be checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnonymousAdmins {
    /// Treated as team: relayed to the customer and allowed to use team commands.
    #[default]
    Team,
    /// Ignored: they stay in the thread and never reach the customer.
    Ignore,
}

/// The desk's rules, as configured.
#[derive(Clone, Debug, PartialEq)]
pub struct DeskSettings {
    /// How long to wait after an album item for the next one before sending the album.
    pub album_wait: Duration,
    /// How long a new card may wait for its thread before the team is told and it is reposted.
    pub thread_timeout: Duration,
    /// What anonymous administrators of the team chat may do.
    pub anonymous_admins: AnonymousAdmins,
    /// Team messages starting with one of these stay in the thread as internal comments.
    pub internal_prefixes: Vec<String>,
    /// The card's colour for each priority level, from 0 (low) up.
    pub priority_markers: Vec<String>,
    /// The card's colour once the ticket is closed.
    pub closed_marker: String,
    /// Whether customers are told when their message could not be delivered to the team.
    pub tell_customers_about_errors: bool,
}

impl Default for DeskSettings {
    fn default() -> Self {
        DeskSettings {
            album_wait: Duration::from_millis(1000),
            thread_timeout: Duration::from_secs(60),
            anonymous_admins: AnonymousAdmins::Team,
            internal_prefixes: vec!["/ ".to_owned(), "//".to_owned()],
            priority_markers: ["🔵", "🟢", "🟠", "🔴"].map(String::from).to_vec(),
            closed_marker: "⚪".to_owned(),
            tell_customers_about_errors: true,
        }
    }
}

impl DeskSettings {
    /// The colour marker of a priority level (the last one for levels beyond the list).
    pub fn priority_marker(&self, priority: Priority) -> &str {
        let index = usize::from(priority.0).min(self.priority_markers.len().saturating_sub(1));
        self.priority_markers.get(index).map_or("", String::as_str)
    }

    /// Whether a team message is an internal comment that must not reach the customer.
    pub fn is_internal_comment(&self, text: &str) -> bool {
        self.internal_prefixes
            .iter()
            .any(|prefix| !prefix.is_empty() && text.starts_with(prefix.as_str()))
    }
}
