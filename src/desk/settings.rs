//! The settings that shape the desk's rules (validated configuration, already parsed).

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{CommandName, Permission};

use crate::domain::{ChatId, Keywords, Priority, UserId, Workspace, fold};
use crate::stats::{DigestSchedule, WorkingHours};

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

/// How a thread shows messages from a banned customer (they are never relayed).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BanNotice {
    /// The card counts them.
    #[default]
    Counter,
    /// Each one gets a short note in the thread.
    Note,
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
    /// Whether customers get the start message on first contact.
    pub send_start: bool,
    /// Whether customers get the restart message when a new ticket opens.
    pub send_restart: bool,
    /// Whether customers get the end message when their ticket closes.
    pub send_end: bool,
    /// Whether a customer who sends `/start` while their ticket is open hears that the team is
    /// still there.
    pub send_still_here: bool,
    /// How messages from banned customers show in their thread.
    pub ban_notice: BanNotice,
    /// Names accepted by `/p` for each level (already folded: lower case, no accents).
    pub priority_names: Vec<(String, Priority)>,
    /// The workspace in use: where cards and threads live. Stored cards and links of any
    /// other workspace are never resolved in it.
    pub workspace: Workspace,
    /// The bot's username, to ignore commands addressed to other bots.
    pub bot_username: Option<String>,
    /// Tickets whose last message came from the team close after this long (`None`: never).
    pub autoclose_after: Option<Duration>,
    /// Closed tickets and idle customers are pruned once this old (`None`: kept for ever).
    pub retention: Option<Duration>,
    /// When not empty, a customer message opens a ticket only if it matches.
    pub keywords: Keywords,
    /// When set, only these customers are handled.
    pub white_list: Option<BTreeSet<UserId>>,
    /// Whether only team messages that explicitly reply reach the customer.
    pub reply_only: bool,
    /// Who may use each team command, where it is not every team member.
    pub permissions: BTreeMap<CommandName, Permission>,
    /// The contact fields the card shows, in order.
    pub card_fields: Vec<String>,
    /// Whether cards, topic names, notifications, lists and exports show customers as
    /// pseudonyms instead of their name, `@username` and id (`hide_customer_info`).
    pub hide_customer_info: bool,
    /// How often at most an assignee hears that their customer wrote, per ticket.
    pub assignee_ping_every: Duration,
    /// Whether a customer's new ticket keeps the assignee of their previous one.
    pub sticky_assignee: bool,
    /// Messages per second a broadcast goes out at (`broadcast_rate`), for the time left.
    pub broadcast_per_second: f64,
    /// Whether each recipient's thread gets a note of a broadcast that reached them
    /// (`broadcast_note_in_thread`).
    pub broadcast_note_in_thread: bool,
    /// Whether the existing bot's messages (behind the proxy) are mirrored into threads.
    pub intercept_external: bool,
    /// Whether the existing bot (behind the proxy) stops getting a customer's messages while a
    /// team member handles their open ticket (`handoff`).
    pub handoff: bool,
    /// The most bytes one document of `/export` holds (`export_part_kb`); longer exports go
    /// out in several documents.
    pub export_part_bytes: u64,
    /// Reports and ratings.
    pub reports: ReportSettings,
}

/// How reports are made and when they are sent, and whether customers rate tickets.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportSettings {
    /// The team's time zone: report days and hours, the digest's time.
    pub zone: chrono_tz::Tz,
    /// When set, response and resolution times count these hours only.
    pub working_hours: Option<WorkingHours>,
    /// When set, administrators get last week's report at this time every week.
    pub digest: Option<DigestSchedule>,
    /// Whether closing a ticket asks the customer for a 1-5 rating.
    pub rating: bool,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings {
            zone: chrono_tz::UTC,
            working_hours: None,
            digest: None,
            rating: false,
        }
    }
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
            send_start: true,
            send_restart: true,
            send_end: true,
            send_still_here: false,
            ban_notice: BanNotice::Counter,
            priority_names: ["low", "normal", "high", "urgent"]
                .iter()
                .zip(0u8..)
                .map(|(name, level)| ((*name).to_owned(), Priority(level)))
                .collect(),
            // The running bot sets the workspace it discovered at start.
            workspace: Workspace::Channel {
                channel: ChatId(0),
                group: ChatId(0),
            },
            bot_username: None,
            autoclose_after: Some(Duration::from_secs(48 * 3600)),
            retention: None,
            keywords: Keywords::default(),
            white_list: None,
            reply_only: false,
            permissions: BTreeMap::new(),
            card_fields: Vec::new(),
            hide_customer_info: false,
            assignee_ping_every: Duration::from_secs(10 * 60),
            sticky_assignee: false,
            broadcast_per_second: 20.0,
            broadcast_note_in_thread: false,
            intercept_external: false,
            handoff: false,
            export_part_bytes: crate::domain::DOCUMENT_LIMIT,
            reports: ReportSettings::default(),
        }
    }
}

impl DeskSettings {
    /// The colour marker of a priority level (the last one for levels beyond the list).
    pub fn priority_marker(&self, priority: Priority) -> &str {
        let index = usize::from(priority.0).min(self.priority_markers.len().saturating_sub(1));
        self.priority_markers.get(index).map_or("", String::as_str)
    }

    /// The priority named by a `/p` argument: a level number or a name in any language.
    pub fn parse_priority(&self, argument: &str) -> Option<Priority> {
        let folded = fold(argument.trim());
        if let Ok(level) = folded.parse::<u8>() {
            return Priority::from_level(level);
        }
        self.priority_names
            .iter()
            .find(|(name, _)| *name == folded)
            .map(|(_, priority)| *priority)
    }

    /// Who may use a team command.
    pub fn permission(&self, command: CommandName) -> Permission {
        if command.admins_only() {
            return Permission::Admins;
        }
        self.permissions.get(&command).copied().unwrap_or_default()
    }

    /// A link to a thread of the workspace in use, for notifications.
    pub fn thread_link(&self, root: crate::domain::MessageId) -> Option<String> {
        self.workspace.thread_link(root)
    }

    /// Whether a customer is handled at all (the white list, when set).
    pub fn handles(&self, customer: UserId) -> bool {
        self.white_list
            .as_ref()
            .is_none_or(|list| list.contains(&customer))
    }

    /// Whether a team message is an internal comment that must not reach the customer.
    pub fn is_internal_comment(&self, text: &str) -> bool {
        self.internal_prefixes
            .iter()
            .any(|prefix| !prefix.is_empty() && text.starts_with(prefix.as_str()))
    }
}
