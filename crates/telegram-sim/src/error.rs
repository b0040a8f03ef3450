//! Errors: [`ApiError`] is what a Bot API client receives (code, Telegram's exact description,
//! response parameters); [`SimError`] is what the scripting API returns when a scripted action is
//! impossible in the world as it stands.

use std::fmt;

use super::ids::{ChatId, ChatRef, MessageId, UserId};

/// A Bot API error response: `{"ok":false,"error_code":…,"description":…,"parameters":…}`.
///
/// Descriptions are spelled exactly as Telegram spells them, because clients (teloxide among
/// them) map errors by their text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The `error_code`, also used as the HTTP status.
    pub code: u16,
    /// The `description`, e.g. `Bad Request: chat not found`.
    pub description: String,
    /// `parameters.retry_after`, for 429 answers.
    pub retry_after: Option<u64>,
}

impl ApiError {
    fn new(code: u16, description: String) -> Self {
        ApiError {
            code,
            description,
            retry_after: None,
        }
    }

    /// 400 `Bad Request: <text>`.
    pub fn bad_request(text: impl fmt::Display) -> Self {
        Self::new(400, format!("Bad Request: {text}"))
    }

    /// 403 `Forbidden: <text>`.
    pub fn forbidden(text: impl fmt::Display) -> Self {
        Self::new(403, format!("Forbidden: {text}"))
    }

    /// 409 `Conflict: <text>`.
    pub fn conflict(text: impl fmt::Display) -> Self {
        Self::new(409, format!("Conflict: {text}"))
    }

    /// 401 `Unauthorized`: the token names no bot.
    pub fn unauthorized() -> Self {
        Self::new(401, "Unauthorized".to_owned())
    }

    /// 404 `Not Found`: the method does not exist.
    pub fn not_found() -> Self {
        Self::new(404, "Not Found".to_owned())
    }

    /// 429 `Too Many Requests: retry after N` with `parameters.retry_after = N`.
    pub fn too_many_requests(retry_after: u64) -> Self {
        let retry_after = retry_after.max(1);
        ApiError {
            code: 429,
            description: format!("Too Many Requests: retry after {retry_after}"),
            retry_after: Some(retry_after),
        }
    }

    /// 500 `Internal Server Error`: Telegram failed to process the call.
    pub fn internal_server_error() -> Self {
        Self::new(500, "Internal Server Error".to_owned())
    }

    /// `Bad Request: chat not found`.
    pub fn chat_not_found() -> Self {
        Self::bad_request("chat not found")
    }

    /// `Bad Request: user not found`.
    pub fn user_not_found() -> Self {
        Self::bad_request("user not found")
    }

    /// `Bad Request: message thread not found` (General topic, deleted or unknown topic).
    pub fn thread_not_found() -> Self {
        Self::bad_request("message thread not found")
    }

    /// `Bad Request: message to be replied not found`.
    pub fn reply_not_found() -> Self {
        Self::bad_request("message to be replied not found")
    }

    /// `Bad Request: message can't be copied`.
    pub fn cant_copy() -> Self {
        Self::bad_request("message can't be copied")
    }

    /// The exact `MessageNotModified` text teloxide recognises.
    pub fn not_modified() -> Self {
        Self::bad_request(
            "message is not modified: specified new message content and reply markup are exactly \
             the same as a current content and reply markup of the message",
        )
    }

    /// `Bad Request: wrong file identifier/HTTP URL specified`.
    pub fn wrong_file() -> Self {
        Self::bad_request("wrong file identifier/HTTP URL specified")
    }

    /// `Bad Request: query is too old and response timeout expired or query ID is invalid`.
    pub fn query_too_old() -> Self {
        Self::bad_request("query is too old and response timeout expired or query ID is invalid")
    }

    /// `Bad Request: method is not supported by the simulator`.
    pub fn unsupported_method() -> Self {
        Self::bad_request("method is not supported by the simulator")
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.description)
    }
}

impl std::error::Error for ApiError {}

/// Why a scripted action could not happen.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// The simulator could not bind its HTTP listener.
    #[error("could not start the simulator: {0}")]
    Io(#[from] std::io::Error),
    /// No user (or bot) has this id.
    #[error("user {0} does not exist")]
    UnknownUser(UserId),
    /// No chat has this id.
    #[error("chat {0} does not exist")]
    UnknownChat(ChatRef),
    /// The chat exists but is of the wrong kind for the action.
    #[error("chat {chat} is not {expected}")]
    WrongChatKind {
        /// The chat named.
        chat: ChatId,
        /// What the action needs, e.g. "a channel".
        expected: &'static str,
    },
    /// The user may not act in this chat.
    #[error("user {user} is not a member of chat {chat}")]
    NotAMember {
        /// The acting user.
        user: UserId,
        /// The chat.
        chat: ChatRef,
    },
    /// The action needs administrator rights the user lacks.
    #[error("user {user} lacks the administrator right {right} in chat {chat}")]
    MissingRight {
        /// The acting user.
        user: UserId,
        /// The chat.
        chat: ChatRef,
        /// The right needed, e.g. `can_post_messages`.
        right: &'static str,
    },
    /// The message does not exist (or was deleted).
    #[error("message {message} does not exist in chat {chat}")]
    UnknownMessage {
        /// The chat.
        chat: ChatRef,
        /// The message id.
        message: MessageId,
    },
    /// The world's rules refuse the action (topic closed, bot blocked, no such result, …).
    #[error("{0}")]
    Refused(String),
}

impl SimError {
    /// A refusal with a free-form explanation.
    pub fn refused(text: impl Into<String>) -> Self {
        SimError::Refused(text.into())
    }
}
