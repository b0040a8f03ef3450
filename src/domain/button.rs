//! Inline buttons: what pressing one asks the desk to do ([`ButtonAction`]) and who may press it
//! ([`ButtonAudience`]).
//!
//! A button carries its action in Telegram's `callback_data` (at most
//! [`CALLBACK_DATA_LIMIT`] bytes). The Telegram adapter writes it compactly (a format version,
//! then the action in the stored-record encoding, in URL-safe base64) and reads it back when the
//! button is pressed; data it cannot read (an older format, a newer version's action, forged
//! bytes) reaches the desk as "no action", which answers "this button has expired".
//!
//! Adding an action is one variant here (appended last: pressed buttons name variants by their
//! position, and buttons live in chats for ever) and one arm in the desk's dispatch
//! (`desk/buttons.rs`). Keep variants small: a variant holding text must bound it so the encoded
//! action fits in [`CALLBACK_DATA_LIMIT`].

use serde::{Deserialize, Serialize};

use super::{Lookup, TicketNumber};

/// The most bytes Telegram accepts in a button's `callback_data`.
pub const CALLBACK_DATA_LIMIT: usize = 64;

/// What pressing a button asks for. Variants are only ever appended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ButtonAction {
    /// Show another page of a lobby list (`/queue`, `/mine`, `/find`).
    LobbyPage {
        /// The list.
        lookup: Lookup,
        /// The page, from 0.
        page: u32,
    },
    /// Start a previewed broadcast (or schedule it, if it has a time).
    BroadcastSend(super::BroadcastId),
    /// Cancel a broadcast that is not done.
    BroadcastCancel(super::BroadcastId),
    /// Pause a running broadcast.
    BroadcastPause(super::BroadcastId),
    /// Resume a paused broadcast.
    BroadcastResume(super::BroadcastId),
    /// A customer rates their closed ticket (the buttons sent when it closed, `rating = true`).
    Rate {
        /// The ticket rated.
        ticket: TicketNumber,
        /// The score pressed, 1 to 5.
        score: u8,
    },
    /// Apply the import previewed for this `/import` command (administrators only).
    ImportApply(super::MessageId),
    /// Forget the import previewed for this `/import` command.
    ImportCancel(super::MessageId),
    /// Forget (or, with `confirm` false, keep) a customer: the buttons under `/forget`'s
    /// confirmation (administrators only).
    Forget {
        /// The customer.
        customer: super::UserId,
        /// Whether it is the Forget button (else Cancel).
        confirm: bool,
    },
}

/// Who may press a button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ButtonAudience {
    /// Team members, in the team chat.
    Team,
    /// The user whose private chat with the bot shows the button.
    ChatOwner,
}

impl ButtonAction {
    /// Who may press a button with this action.
    pub fn audience(&self) -> ButtonAudience {
        match self {
            ButtonAction::LobbyPage { .. } => ButtonAudience::Team,
            ButtonAction::BroadcastSend(_)
            | ButtonAction::BroadcastCancel(_)
            | ButtonAction::BroadcastPause(_)
            | ButtonAction::BroadcastResume(_) => ButtonAudience::Team,
            ButtonAction::Rate { .. } => ButtonAudience::ChatOwner,
            ButtonAction::ImportApply(_) | ButtonAction::ImportCancel(_) => ButtonAudience::Team,
            ButtonAction::Forget { .. } => ButtonAudience::Team,
        }
    }
}
