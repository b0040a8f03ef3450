//! Every user-visible message the desk can ask for, as data.
//!
//! The desk never formats text: it names the message and its arguments, and the localisation
//! layer renders it in the reader's language. One variant per message.

use serde::{Deserialize, Serialize};

use super::Failure;
use crate::domain::{FormattedText, TicketNumber, UncopyableKind, UserId};

/// A message for a customer, for a thread, or for the team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Notice {
    /// In a thread: the customer sent something Telegram does not let bots copy.
    CustomerSentUncopyable {
        /// What it was.
        kind: UncopyableKind,
    },
    /// In a thread: a team message did not reach the customer.
    NotDelivered {
        /// Why.
        failure: Failure,
    },
    /// In a thread: a customer message could not be copied into the thread.
    NotCopied {
        /// Why.
        failure: Failure,
    },
    /// In a thread (replying to the copy): a customer edit that could not be applied to the copy.
    CustomerEdited {
        /// The edited text.
        text: FormattedText,
    },
    /// To the customer (replying to the copy): a team edit that could not be applied.
    TeamEdited {
        /// The edited text.
        text: FormattedText,
    },
    /// In the team chat: a card was posted but its thread never appeared.
    ThreadMissing {
        /// The customer whose messages are waiting.
        customer: UserId,
        /// The customer's name.
        name: String,
        /// How many messages are waiting.
        waiting: u32,
    },
    /// In a thread: the customer blocked the bot.
    CustomerBlockedBot,
    /// In a thread: the customer became reachable again.
    CustomerReachableAgain,
    /// To the customer: their last message could not be delivered to the team.
    CustomerMessageFailed,
    /// In a thread: a new ticket starts here (also shown for ticket 1 after the card).
    TicketOpened {
        /// The ticket's number.
        number: TicketNumber,
        /// Its deep-link origin, if any.
        origin: Option<String>,
    },
}

impl Notice {
    /// The user-supplied text a notice carries, sent with its own formatting under a localised
    /// header (and split if the two do not fit in one message).
    pub fn quoted_text(&self) -> Option<&FormattedText> {
        match self {
            Notice::CustomerEdited { text } | Notice::TeamEdited { text } => Some(text),
            _ => None,
        }
    }
}
