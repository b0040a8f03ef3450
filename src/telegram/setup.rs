//! Start-up checks: the token works, the channel has a linked discussion group, and the bot has
//! the rights it needs in both. Every finding says what is wrong and how to fix it; `run` stops
//! on blocking ones and `doctor` prints them all.

use teloxide::prelude::*;
use teloxide::types::Me;

use super::errors::redact;
use super::raw_call;
use super::rights::{Rights, TeamChat};
use super::wire::{ChatMember, MemberStatus};
use crate::domain::{ChatId, Layout, UserId, Workspace};

/// What start-up found out about the bot and its chats.
#[derive(Clone, Debug)]
pub struct Discovery {
    /// The bot's own account.
    pub bot_id: UserId,
    /// The bot's username.
    pub username: String,
    /// Where cards and threads live: the channel and its discussion group, or the forum.
    pub workspace: Workspace,
    /// Problems that do not stop the bot but limit it.
    pub warnings: Vec<String>,
    /// The bot's rights in each team chat.
    pub rights: Vec<Rights>,
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
    /// The configured layout.
    pub layout: Layout,
    /// Why the configured chat could not be read, if it could not.
    pub chat_error: Option<String>,
    /// The chat holding the threads: the channel's linked discussion group, or the forum.
    pub group: Option<ChatId>,
    /// Whether the forum has topics enabled (forum layout).
    pub is_forum: bool,
    /// The bot's membership in the channel (channel layout).
    pub in_channel: Option<ChatMember>,
    /// The bot's membership in the group or forum.
    pub in_group: Option<ChatMember>,
}

fn fine(text: String) -> Finding {
    Finding {
        severity: Severity::Fine,
        text,
    }
}

fn warning(text: String) -> Finding {
    Finding {
        severity: Severity::Warning,
        text,
    }
}

fn blocking(text: String) -> Finding {
    Finding {
        severity: Severity::Blocking,
        text,
    }
}

/// Asks Telegram about the bot and the team's chats.
pub async fn inspect(bot: &Bot, layout: Layout, token: &str) -> Result<Inspection, SetupError> {
    let me: Me = bot.get_me().await.map_err(|error| match error {
        teloxide::RequestError::Api(teloxide::ApiError::InvalidToken) => SetupError::BadToken,
        other => SetupError::Unreachable(redact(&other.to_string(), token)),
    })?;
    let configured = layout.chat();
    // Read tolerantly: a reaction type or any field newer than teloxide must not stop start-up.
    let (chat_error, linked, is_forum) = match raw_call::get_chat(bot, configured).await {
        Ok(info) => (None, info.linked_chat_id.map(ChatId), info.is_forum),
        Err(error) if is_transient(&error) => {
            return Err(SetupError::Unreachable(redact(&error.to_string(), token)));
        }
        Err(error) => (Some(redact(&error.to_string(), token)), None, false),
    };
    let (group, in_channel) = match layout {
        Layout::Channel { channel } => (linked, membership(bot, channel, me.user.id, token).await?),
        Layout::Forum { forum } => (chat_error.is_none().then_some(forum), None),
    };
    let in_group = match group {
        Some(group) => membership(bot, group, me.user.id, token).await?,
        None => None,
    };
    Ok(Inspection {
        me,
        layout,
        chat_error,
        group,
        is_forum,
        in_channel,
        in_group,
    })
}

impl Inspection {
    /// Every check, in order.
    pub fn findings(&self) -> Vec<Finding> {
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
        match self.layout {
            Layout::Channel { channel } => self.channel_findings(channel, &mut findings),
            Layout::Forum { forum } => self.forum_findings(forum, &mut findings),
        }
        findings
    }

    fn channel_findings(&self, channel: ChatId, findings: &mut Vec<Finding>) {
        match &self.chat_error {
            Some(reason) => findings.push(blocking(format!(
                "the channel {channel} cannot be read ({reason}): add the bot to the channel as an administrator"
            ))),
            None => findings.push(fine(format!("the channel {channel} is readable"))),
        }
        match &self.in_channel {
            None => findings.push(blocking(
                "the bot is not an administrator of the channel: add it with \"Post messages\" and \"Edit messages of others\"".into(),
            )),
            Some(member) => {
                findings.push(if member.may("can_post_messages") {
                    fine("in the channel the bot may post messages".into())
                } else {
                    blocking("in the channel the bot needs the administrator right \"Post messages\"".into())
                });
                findings.push(if member.may("can_edit_messages") {
                    fine("in the channel the bot may edit and pin cards".into())
                } else {
                    blocking("in the channel the bot needs the administrator right \"Edit messages of others\" (to pin cards)".into())
                });
            }
        }
        match self.group {
            None if self.chat_error.is_none() => findings.push(blocking(
                "the channel has no discussion group: in the channel's settings choose Discussion and link a group".into(),
            )),
            None => {}
            Some(group) => {
                findings.push(fine(format!("the discussion group {group} is linked")));
                let reads_all = self.me.can_read_all_group_messages;
                findings.push(match &self.in_group {
                    Some(member) if member.is_administrator() => {
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
    }

    fn forum_findings(&self, forum: ChatId, findings: &mut Vec<Finding>) {
        if let Some(reason) = &self.chat_error {
            findings.push(blocking(format!(
                "the forum {forum} cannot be read ({reason}): add the bot to the group as an administrator"
            )));
            return;
        }
        findings.push(if self.is_forum {
            fine(format!("the group {forum} is a forum (topics are on)"))
        } else {
            blocking(format!(
                "the group {forum} has no topics: turn on Topics in the group's settings"
            ))
        });
        findings.push(match &self.in_group {
            Some(member) if member.status() == MemberStatus::Owner => {
                fine("the bot owns the forum".into())
            }
            Some(member) if member.may("can_manage_topics") => {
                fine("the bot is an administrator of the forum and may manage topics".into())
            }
            Some(member) if member.is_administrator() => {
                blocking("in the forum the bot needs the administrator right \"Manage topics\"".into())
            }
            _ => blocking(format!(
                "the bot is not an administrator of the forum {forum}: add it with \"Manage topics\" (it must see every message)"
            )),
        });
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
        let sees_all = self.me.can_read_all_group_messages;
        let rights = match self.layout {
            Layout::Channel { channel } => vec![
                Rights::assess(
                    TeamChat::Channel,
                    channel,
                    self.in_channel.as_ref(),
                    sees_all,
                ),
                Rights::assess(
                    TeamChat::DiscussionGroup,
                    group,
                    self.in_group.as_ref(),
                    sees_all,
                ),
            ],
            Layout::Forum { forum } => vec![Rights::assess(
                TeamChat::Forum,
                forum,
                self.in_group.as_ref(),
                sees_all,
            )],
        };
        Ok(Discovery {
            bot_id: UserId(self.me.user.id.0 as i64),
            username: self.me.username().to_owned(),
            workspace: self.layout.workspace(group),
            warnings: findings
                .into_iter()
                .filter(|f| f.severity == Severity::Warning)
                .map(|f| f.text)
                .collect(),
            rights,
        })
    }
}

/// Checks the bot and the team's chats; returns the chats to work with.
pub async fn discover(bot: &Bot, layout: Layout, token: &str) -> Result<Discovery, SetupError> {
    inspect(bot, layout, token).await?.discovery()
}

/// The bot's membership in a chat, if it is present there.
async fn membership(
    bot: &Bot,
    chat: ChatId,
    me: teloxide::types::UserId,
    token: &str,
) -> Result<Option<ChatMember>, SetupError> {
    match raw_call::get_chat_member(bot, chat, UserId(me.0 as i64)).await {
        Ok(member) if member.is_present() == Some(true) => Ok(Some(member)),
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
