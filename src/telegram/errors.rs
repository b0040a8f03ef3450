//! How Telegram's answers are classified: retry now, retry later, fix the setup, or give up.

use std::time::Duration;

use teloxide::{ApiError, RequestError};

use crate::desk::Failure;
use crate::pipeline::sender::SendError;

/// Classifies a failed Bot API call. `token` is removed from any text that is kept.
pub fn classify(error: &RequestError, token: &str) -> SendError {
    match error {
        RequestError::RetryAfter(seconds) => {
            SendError::RetryAfter(seconds.duration().max(Duration::from_millis(100)))
        }
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => {
            SendError::Transient(redact(&error.to_string(), token))
        }
        RequestError::MigrateToChatId(chat) => SendError::Setup(format!(
            "the group was upgraded to a supergroup with id {chat}; update the settings"
        )),
        RequestError::Api(api) => classify_api(api),
    }
}

fn classify_api(error: &ApiError) -> SendError {
    match error {
        ApiError::BotBlocked => SendError::Permanent(Failure::BlockedByUser),
        ApiError::UserDeactivated => SendError::Permanent(Failure::UserDeactivated),
        ApiError::CantInitiateConversation => SendError::Permanent(Failure::NotStarted),
        ApiError::BotKicked
        | ApiError::BotKickedFromSupergroup
        | ApiError::BotKickedFromChannel
        | ApiError::NotEnoughRightsToPostMessages
        | ApiError::NotEnoughRightsToPinMessage
        | ApiError::NotEnoughRightsToManagePins
        | ApiError::GroupDeactivated
        | ApiError::InvalidToken => SendError::Setup(error.to_string()),
        ApiError::Unknown(text) => classify_text(text),
        other => SendError::Permanent(Failure::Rejected(describe(other))),
    }
}

/// A failure of a call to one of the team's chats. There, Telegram's "chat not found" and its
/// kin mean the bot lost its access (it was removed, or the chat is private to it now): the
/// call waits for the access to come back instead of being given up.
pub fn in_team_chat(error: SendError) -> SendError {
    match error {
        SendError::Permanent(Failure::Rejected(reason)) if lost_access(&reason) => {
            SendError::Setup(format!("{reason} (the bot has no access to the chat)"))
        }
        other => other,
    }
}

fn lost_access(reason: &str) -> bool {
    let lower = reason.to_ascii_lowercase();
    [
        "chat not found",
        "channel_private",
        "chat_write_forbidden",
        "bot was kicked",
        "bot is not a member",
    ]
    .iter()
    .any(|phrase| lower.contains(phrase))
}

/// Errors teloxide does not know by name, recognised by Telegram's wording.
fn classify_text(text: &str) -> SendError {
    let lower = text.to_ascii_lowercase();
    if lower.contains("message thread not found") || lower.contains("topic_deleted") {
        SendError::Permanent(Failure::ThreadGone)
    } else if lower.contains("bot can't initiate conversation") {
        SendError::Permanent(Failure::NotStarted)
    } else if lower.contains("bot is not a member")
        || lower.contains("not enough rights")
        || lower.contains("need administrator rights")
        || lower.contains("have no rights")
    {
        SendError::Setup(text.to_owned())
    } else if lower.contains("too many requests") {
        SendError::RetryAfter(Duration::from_secs(1))
    } else if lower.contains("internal server error")
        || lower.contains("bad gateway")
        || lower.contains("timeout")
    {
        SendError::Transient(text.to_owned())
    } else {
        SendError::Permanent(Failure::Rejected(
            text.trim_start_matches("Bad Request: ").to_owned(),
        ))
    }
}

/// Telegram's own description of an API error, without the `Bad Request: ` prefix.
fn describe(error: &ApiError) -> String {
    error
        .to_string()
        .trim_start_matches("Bad Request: ")
        .to_owned()
}

/// Removes the bot token from a text (network errors quote the request URL, which holds it).
pub fn redact(text: &str, token: &str) -> String {
    if token.is_empty() {
        text.to_owned()
    } else {
        text.replace(token, "<token>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocked_and_deleted_customers_are_permanent_failures() {
        assert!(matches!(
            classify(&RequestError::Api(ApiError::BotBlocked), ""),
            SendError::Permanent(Failure::BlockedByUser)
        ));
        assert!(matches!(
            classify(&RequestError::Api(ApiError::UserDeactivated), ""),
            SendError::Permanent(Failure::UserDeactivated)
        ));
    }

    #[test]
    fn admins_who_never_started_the_bot_are_recognised_by_text() {
        let error = RequestError::Api(ApiError::Unknown(
            "Forbidden: bot can't initiate conversation with a user".into(),
        ));
        assert!(matches!(
            classify(&error, ""),
            SendError::Permanent(Failure::NotStarted)
        ));
    }

    #[test]
    fn missing_rights_are_setup_problems() {
        let error = RequestError::Api(ApiError::Unknown(
            "Forbidden: bot is not a member of the channel chat".into(),
        ));
        assert!(matches!(classify(&error, ""), SendError::Setup(_)));
    }

    #[test]
    fn a_team_chat_that_is_not_found_waits_for_access() {
        let gone = classify(&RequestError::Api(ApiError::ChatNotFound), "");
        assert!(matches!(gone, SendError::Permanent(Failure::Rejected(_))));
        assert!(matches!(in_team_chat(gone), SendError::Setup(_)));
        let other = SendError::Permanent(Failure::Rejected("message is too long".into()));
        assert!(matches!(
            in_team_chat(other),
            SendError::Permanent(Failure::Rejected(_))
        ));
    }

    #[test]
    fn tokens_are_redacted() {
        assert_eq!(
            redact("url http://x/bot123:abc/SendMessage", "123:abc"),
            "url http://x/bot<token>/SendMessage"
        );
    }
}
