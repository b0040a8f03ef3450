//! Why an effect failed for good, as the outside world reports it back to the desk.

use serde::{Deserialize, Serialize};

/// Why an effect failed for good.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Failure {
    /// The customer blocked the bot.
    BlockedByUser,
    /// The customer's account is deleted.
    UserDeactivated,
    /// The user never started the bot, so it cannot write first.
    NotStarted,
    /// The customer's thread is gone (its topic or root was deleted).
    ThreadGone,
    /// Telegram refused the call; the text is Telegram's description.
    Rejected(String),
    /// The effect was decided for a team chat the desk no longer uses (the team moved to
    /// another workspace); it was not carried out there.
    WorkspaceChanged,
}

impl Failure {
    /// Whether the customer's thread cannot take the message (it must wait for a new one).
    pub fn thread_lost(&self) -> bool {
        matches!(self, Failure::ThreadGone | Failure::WorkspaceChanged)
    }
}

/// A failure's stable code, for the caller polling a delivery.
pub fn failure_code(failure: &Failure) -> &'static str {
    match failure {
        Failure::BlockedByUser => "customer_blocked",
        Failure::UserDeactivated => "customer_deactivated",
        Failure::NotStarted => "customer_never_started",
        Failure::ThreadGone => "thread_gone",
        Failure::Rejected(_) => "rejected_by_telegram",
        Failure::WorkspaceChanged => "workspace_changed",
    }
}
