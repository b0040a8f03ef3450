//! Start-up checks: the token works, the channel has a linked discussion group, and the bot has
//! the rights it needs in both. Every finding says what is wrong and how to fix it; `run` stops
//! on blocking ones and `doctor` prints them all.

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

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// All good.
    Fine,
    /// Works, with a limitation.
    Warning,
    /// The bot cannot work until this is fixed.
    Blocking,
}

/// One thing checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// How much it matters.
    pub severity: Severity,
    /// What was found, and how to fix it when it is not fine.
    pub text: String,
}

/// The raw answers the checks are made of.
#[derive(Clone, Debug)]
pub struct Inspection {
    /// The bot's account (`getMe`).
    pub me: Me,
    /// The configured channel.
    pub channel: ChatId,
    /// Why the channel could not be read, if it could not.
    pub channel_error: Option<String>,
    /// The channel's linked discussion group.
    pub group: Option<ChatId>,
    /// The bot's membership in the channel.
    pub in_channel: Option<ChatMemberKind>,
    /// The bot's membership in the group.
    pub in_group: Option<ChatMemberKind>,
}

/// Asks Telegram about the bot, the channel and the group.
pub async fn inspect(bot: &Bot, channel: ChatId, token: &str) -> Result<Inspection, SetupError> {
    let me: Me = bot.get_me().await.map_err(|error| match error {
        teloxide::RequestError::Api(teloxide::ApiError::InvalidToken) => SetupError::BadToken,
        other => SetupError::Unreachable(redact(&other.to_string(), token)),
    })?;
    let (channel_error, group) = match bot.get_chat(teloxide::types::ChatId(channel.0)).await {
        Ok(info) => (None, info.linked_chat_id().map(ChatId)),
        Err(error) if is_transient(&error) => {
            return Err(SetupError::Unreachable(redact(&error.to_string(), token)));
        }
        Err(error) => (Some(redact(&error.to_string(), token)), None),
    };
    let in_channel = membership(bot, channel, me.user.id, token).await?;
    let in_group = match group {
        Some(group) => membership(bot, group, me.user.id, token).await?,
        None => None,
    };
    Ok(Inspection {
        me,
        channel,
        channel_error,
        group,
        in_channel,
        in_group,
    })
}

impl Inspection {
    /// Every check, in order.
    pub fn findings(&self) -> Vec<Finding> {
        let fine = |text: String| Finding {
            severity: Severity::Fine,
            text,
        };
        let warning = |text: String| Finding {
            severity: Severity::Warning,
            text,
        };
        let blocking = |text: String| Finding {
            severity: Severity::Blocking,
            text,
        };
        let mut findings = vec![fine(format!(
            "the token is accepted: the bot is @{}",
            self.me.username()
        ))];
        findings.push(if self.me.supports_inline_queries {
            fine("inline mode is on (canned replies work)".into())
        } else {
            warning(
                "inline mode is off: enable it with BotFather (/setinline) to use canned replies"
                    .into(),
            )
        });
        match &self.channel_error {
            Some(reason) => findings.push(blocking(format!(
                "the channel {} cannot be read ({reason}): add the bot to the channel as an administrator",
                self.channel
            ))),
            None => findings.push(fine(format!("the channel {} is readable", self.channel))),
        }
        match &self.in_channel {
            None => findings.push(blocking(
                "the bot is not an administrator of the channel: add it with \"Post messages\" and \"Edit messages of others\"".into(),
            )),
            Some(kind) => {
                findings.push(if kind.can_post_messages() {
                    fine("in the channel the bot may post messages".into())
                } else {
                    blocking("in the channel the bot needs the administrator right \"Post messages\"".into())
                });
                findings.push(if kind.can_edit_messages() {
                    fine("in the channel the bot may edit and pin cards".into())
                } else {
                    blocking("in the channel the bot needs the administrator right \"Edit messages of others\" (to pin cards)".into())
                });
            }
        }
        match self.group {
            None if self.channel_error.is_none() => findings.push(blocking(
                "the channel has no discussion group: in the channel's settings choose Discussion and link a group".into(),
            )),
            None => {}
            Some(group) => {
                findings.push(fine(format!("the discussion group {group} is linked")));
                let reads_all = self.me.can_read_all_group_messages;
                findings.push(match &self.in_group {
                    Some(kind) if kind.is_privileged() => {
                        fine("the bot is an administrator of the discussion group, so it sees every comment".into())
                    }
                    Some(_) if reads_all => warning(
                        "the bot is a member of the discussion group with privacy mode off; making it an administrator is recommended".into(),
                    ),
                    Some(_) => blocking("in the discussion group the bot is neither an administrator nor has privacy mode off, so it cannot see the cards' copies or the team's comments: make it an administrator (or /setprivacy Disable with BotFather)".into()),
                    None => blocking(format!("the bot is not a member of the discussion group {group}: add it as an administrator")),
                });
            }
        }
        findings
    }

    /// The discovery a running bot needs, or the blocking findings.
    pub fn discovery(&self) -> Result<Discovery, SetupError> {
        let findings = self.findings();
        let blocking: Vec<String> = findings
            .iter()
            .filter(|f| f.severity == Severity::Blocking)
            .map(|f| f.text.clone())
            .collect();
        let (false, Some(group)) = (!blocking.is_empty(), self.group) else {
            return Err(SetupError::NotReady(blocking));
        };
        Ok(Discovery {
            bot_id: UserId(self.me.user.id.0 as i64),
            username: self.me.username().to_owned(),
            chats: TeamChats {
                channel: Some(self.channel),
                group,
            },
            warnings: findings
                .into_iter()
                .filter(|f| f.severity == Severity::Warning)
                .map(|f| f.text)
                .collect(),
        })
    }
}

/// Checks the bot, the channel and the group; returns the chats to work with.
pub async fn discover(bot: &Bot, channel: ChatId, token: &str) -> Result<Discovery, SetupError> {
    inspect(bot, channel, token).await?.discovery()
}

/// The bot's membership in a chat, if it is present there.
async fn membership(
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
pub fn is_transient(error: &teloxide::RequestError) -> bool {
    matches!(
        error,
        teloxide::RequestError::Network(_)
            | teloxide::RequestError::Io(_)
            | teloxide::RequestError::RetryAfter(_)
            | teloxide::RequestError::InvalidJson { .. }
    )
}
