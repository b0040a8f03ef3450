//! Start-up checks: the token works, the channel has a linked discussion group, and the bot has
//! the rights it needs in both. Every missing piece is named with how to fix it.

use teloxide::prelude::*;
use teloxide::types::{ChatMemberKind, Me};

use super::TeamChats;
use super::errors::redact;
use crate::domain::{ChatId, UserId};

/// What start-up found out about the bot and its chats.
#[derive(Clone, Debug)]
pub struct Discovery {
    /// The bot's own account.
    pub bot_id: UserId,
    /// The bot's username.
    pub username: String,
    /// Whether privacy mode is off (the bot reads every group message).
    pub reads_all_group_messages: bool,
    /// Whether inline mode is enabled with BotFather.
    pub inline_mode: bool,
    /// The channel and its discussion group.
    pub chats: TeamChats,
    /// Problems that do not stop the bot but limit it.
    pub warnings: Vec<String>,
}

/// The bot cannot work with this setup.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// Telegram could not be asked.
    #[error("cannot reach the Bot API: {0}")]
    Unreachable(String),
    /// The token was refused.
    #[error("the bot token was refused by Telegram: check THREADESK_BOT_TOKEN")]
    BadToken,
    /// Something in the chats must be fixed first.
    #[error("the workspace is not ready:\n  - {}", .0.join("\n  - "))]
    NotReady(Vec<String>),
}

/// Checks the bot, the channel and the group; returns the chats to work with.
pub async fn discover(bot: &Bot, channel: ChatId, token: &str) -> Result<Discovery, SetupError> {
    let unreachable = |error: teloxide::RequestError| match error {
        teloxide::RequestError::Api(teloxide::ApiError::InvalidToken) => SetupError::BadToken,
        other => SetupError::Unreachable(redact(&other.to_string(), token)),
    };
    let me: Me = bot.get_me().await.map_err(unreachable)?;
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let channel_info = match bot.get_chat(teloxide::types::ChatId(channel.0)).await {
        Ok(info) => Some(info),
        Err(error) if is_transient(&error) => return Err(unreachable(error)),
        Err(error) => {
            problems.push(format!(
                "the channel {channel} cannot be read ({}): add the bot to the channel as an administrator",
                redact(&error.to_string(), token)
            ));
            None
        }
    };
    let group = channel_info
        .as_ref()
        .and_then(|info| info.linked_chat_id())
        .map(ChatId);
    if channel_info.is_some() && group.is_none() {
        problems.push(
            "the channel has no discussion group: in the channel's settings choose Discussion and link a group".into(),
        );
    }
    match rights(bot, channel, me.user.id, token).await? {
        Some(kind) => {
            if !kind.can_post_messages() {
                problems.push(
                    "in the channel the bot needs the administrator right \"Post messages\"".into(),
                );
            }
            if !kind.can_edit_messages() {
                problems.push(
                    "in the channel the bot needs the administrator right \"Edit messages of others\" (to pin cards)".into(),
                );
            }
        }
        None if channel_info.is_some() => {
            problems.push("the bot is not an administrator of the channel: add it with \"Post messages\" and \"Edit messages of others\"".into());
        }
        None => {}
    }
    if let Some(group) = group {
        match rights(bot, group, me.user.id, token).await? {
            Some(kind) if kind.is_privileged() => {}
            Some(kind) if kind.is_present() => {
                if !me.can_read_all_group_messages {
                    problems.push("in the discussion group the bot is neither an administrator nor has privacy mode off, so it cannot see the cards' copies or the team's comments: make it an administrator (or /setprivacy Disable with BotFather)".into());
                } else {
                    warnings.push("the bot is not an administrator of the discussion group; making it one is recommended".into());
                }
            }
            _ => problems.push(format!("the bot is not a member of the discussion group {group}: add it as an administrator")),
        }
    }
    if !me.supports_inline_queries {
        warnings.push(
            "inline mode is off: enable it with BotFather (/setinline) to use canned replies"
                .into(),
        );
    }
    if !problems.is_empty() {
        return Err(SetupError::NotReady(problems));
    }
    let Some(group) = group else {
        return Err(SetupError::NotReady(vec![
            "the channel has no discussion group".into(),
        ]));
    };
    Ok(Discovery {
        bot_id: UserId(me.user.id.0 as i64),
        username: me.username().to_owned(),
        reads_all_group_messages: me.can_read_all_group_messages,
        inline_mode: me.supports_inline_queries,
        chats: TeamChats { channel, group },
        warnings,
    })
}

/// The bot's membership in a chat, if it can be read.
async fn rights(
    bot: &Bot,
    chat: ChatId,
    me: teloxide::types::UserId,
    token: &str,
) -> Result<Option<ChatMemberKind>, SetupError> {
    match bot
        .get_chat_member(teloxide::types::ChatId(chat.0), me)
        .await
    {
        Ok(member) if member.kind.is_present() => Ok(Some(member.kind)),
        Ok(_) => Ok(None),
        Err(error) if is_transient(&error) => {
            Err(SetupError::Unreachable(redact(&error.to_string(), token)))
        }
        Err(_) => Ok(None),
    }
}

/// Whether a failed call may succeed if tried again (network trouble, rate limits).
fn is_transient(error: &teloxide::RequestError) -> bool {
    matches!(
        error,
        teloxide::RequestError::Network(_)
            | teloxide::RequestError::Io(_)
            | teloxide::RequestError::RetryAfter(_)
            | teloxide::RequestError::InvalidJson { .. }
    )
}
