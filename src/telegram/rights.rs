//! The rights the bot needs in each team chat, and the one log line per chat that says whether
//! it has them: INFO when it has everything that matters, WARN naming each missing right.
//!
//! Logged at start and whenever Telegram reports a change of the bot's own membership
//! (`my_chat_member`). Whether start-up may go on is [`setup`](super::setup)'s decision.

use super::wire::{ChatMember, MemberStatus};
use crate::domain::ChatId;
use crate::domain::Workspace;

/// The part a chat plays for the desk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeamChat {
    /// The channel holding the cards (channel layout).
    Channel,
    /// The channel's linked discussion group, holding the threads.
    DiscussionGroup,
    /// The forum holding one topic per customer (forum layout).
    Forum,
}

/// An administrator right: its field in `ChatMemberAdministrator`, its name in Telegram's
/// apps, and what the bot needs it for.
struct Right {
    field: &'static str,
    name: &'static str,
    purpose: &'static str,
}

impl TeamChat {
    fn name(self) -> &'static str {
        match self {
            TeamChat::Channel => "channel",
            TeamChat::DiscussionGroup => "discussion group",
            TeamChat::Forum => "forum",
        }
    }

    fn rights(self) -> &'static [Right] {
        match self {
            TeamChat::Channel => &[
                Right {
                    field: "can_post_messages",
                    name: "Post messages",
                    purpose: "to post cards",
                },
                Right {
                    field: "can_edit_messages",
                    name: "Edit messages of others",
                    purpose: "to edit and pin cards",
                },
            ],
            TeamChat::DiscussionGroup => &[],
            TeamChat::Forum => &[Right {
                field: "can_manage_topics",
                name: "Manage topics",
                purpose: "to open, rename and close topics",
            }],
        }
    }

    /// Which team chat `chat` is, if any.
    pub fn of(chats: &Workspace, chat: ChatId) -> Option<TeamChat> {
        if Some(chat) == chats.channel() {
            Some(TeamChat::Channel)
        } else if chat == chats.thread_chat() && chats.channel().is_some() {
            Some(TeamChat::DiscussionGroup)
        } else if chat == chats.thread_chat() {
            Some(TeamChat::Forum)
        } else {
            None
        }
    }
}

/// What the bot may do in one team chat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rights {
    /// The chat, the bot's status there and the rights that matter that it holds.
    pub summary: String,
    /// What it lacks, each named with what it is needed for.
    pub missing: Vec<String>,
}

impl Rights {
    /// Assesses the bot's membership (`None`: not in the chat) in a team chat. `sees_all` tells
    /// whether privacy mode is off, so that a plain member sees every message too.
    pub fn assess(
        chat: TeamChat,
        id: ChatId,
        member: Option<&ChatMember>,
        sees_all: bool,
    ) -> Rights {
        let place = format!("{} {id}", chat.name());
        let status = member.map_or(MemberStatus::Left, ChatMember::status);
        let (held, lacking): (Vec<&Right>, Vec<&Right>) = chat
            .rights()
            .iter()
            .partition(|right| member.is_some_and(|member| member.may(right.field)));
        let mut missing: Vec<String> = lacking
            .iter()
            .map(|right| {
                format!(
                    "the administrator right \"{}\" ({})",
                    right.name, right.purpose
                )
            })
            .collect();
        let is_admin = member.is_some_and(ChatMember::is_administrator);
        let sees_every_message = is_admin || (sees_all && status == MemberStatus::Member);
        let needs_admin = !sees_every_message;
        if needs_admin && chat != TeamChat::Channel {
            missing.insert(
                0,
                "administrator status (to see every message; a plain member sees them only with privacy mode off)"
                    .to_owned(),
            );
        }
        let described = match status {
            MemberStatus::Owner => "the bot owns it".to_owned(),
            MemberStatus::Administrator => "the bot is an administrator".to_owned(),
            MemberStatus::Member if sees_all => {
                "the bot is a member with privacy mode off".to_owned()
            }
            MemberStatus::Member => "the bot is a member, not an administrator".to_owned(),
            MemberStatus::Restricted => "the bot is restricted".to_owned(),
            MemberStatus::Left | MemberStatus::Banned => "the bot is not in it".to_owned(),
            MemberStatus::Unknown => format!(
                "the bot has the status \"{}\", which this version does not know",
                member.map_or("", |member| member.status.as_str())
            ),
        };
        let mut abilities = Vec::new();
        if chat != TeamChat::Channel && !needs_admin {
            abilities.push("sees every message".to_owned());
        }
        if !held.is_empty() {
            let names: Vec<String> = held.iter().map(|right| right.name.to_lowercase()).collect();
            abilities.push(format!("may {}", names.join(", ")));
        }
        let summary = if abilities.is_empty() {
            format!("{place}: {described}")
        } else {
            format!("{place}: {described} ({})", abilities.join("; "))
        };
        Rights { summary, missing }
    }

    /// Whether nothing that matters is missing.
    pub fn complete(&self) -> bool {
        self.missing.is_empty()
    }

    /// The log line: the summary, and what is missing.
    pub fn line(&self) -> String {
        if self.complete() {
            self.summary.clone()
        } else {
            format!("{}; it lacks {}", self.summary, self.missing.join(", and "))
        }
    }

    /// Logs the line: INFO when complete, WARN otherwise.
    pub fn log(&self) {
        if self.complete() {
            tracing::info!("{}", self.line());
        } else {
            tracing::warn!("{}", self.line());
        }
    }
}

/// Logs a change of the bot's own membership reported by Telegram (`my_chat_member`).
pub fn log_change(chats: &Workspace, chat: ChatId, member: &ChatMember) {
    match TeamChat::of(chats, chat) {
        Some(team_chat) => Rights::assess(team_chat, chat, Some(member), false).log(),
        None => tracing::info!(
            chat = %chat,
            status = %member.status,
            "the bot's membership changed in a chat the desk does not use"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(json: &str) -> ChatMember {
        serde_json::from_str(json).expect("a chat member")
    }

    const CHANNEL: ChatId = ChatId(-1001);

    #[test]
    fn an_administrator_with_every_right_gets_one_line_naming_them() {
        let admin = member(
            r#"{"status": "administrator", "user": {"id": 9}, "can_post_messages": true, "can_edit_messages": true, "can_delete_messages": false}"#,
        );
        let rights = Rights::assess(TeamChat::Channel, CHANNEL, Some(&admin), false);
        assert!(rights.complete());
        assert_eq!(
            rights.line(),
            "channel -1001: the bot is an administrator (may post messages, edit messages of others)"
        );
    }

    #[test]
    fn a_missing_right_is_named_with_its_purpose() {
        let admin =
            member(r#"{"status": "administrator", "user": {"id": 9}, "can_post_messages": true}"#);
        let rights = Rights::assess(TeamChat::Channel, CHANNEL, Some(&admin), false);
        assert_eq!(
            rights.missing,
            vec!["the administrator right \"Edit messages of others\" (to edit and pin cards)"]
        );
        assert!(rights.line().starts_with(
            "channel -1001: the bot is an administrator (may post messages); it lacks"
        ));
    }

    #[test]
    fn threads_need_an_administrator_unless_privacy_mode_is_off() {
        let plain = member(r#"{"status": "member", "user": {"id": 9}}"#);
        let group = ChatId(-1002);
        let blind = Rights::assess(TeamChat::DiscussionGroup, group, Some(&plain), false);
        assert!(blind.missing[0].starts_with("administrator status"));
        let sees_all = Rights::assess(TeamChat::DiscussionGroup, group, Some(&plain), true);
        assert!(sees_all.complete(), "{sees_all:?}");
        assert_eq!(
            sees_all.line(),
            "discussion group -1002: the bot is a member with privacy mode off (sees every message)"
        );
        let forum = Rights::assess(TeamChat::Forum, group, Some(&plain), true);
        assert_eq!(forum.missing.len(), 1, "{forum:?}");
        assert!(forum.missing[0].contains("\"Manage topics\""));
        let owner = member(r#"{"status": "creator", "user": {"id": 9}}"#);
        let owned = Rights::assess(TeamChat::Forum, group, Some(&owner), false);
        assert_eq!(
            owned.line(),
            "forum -1002: the bot owns it (sees every message; may manage topics)"
        );
    }

    #[test]
    fn a_bot_removed_from_the_channel_lacks_every_right() {
        let gone = member(r#"{"status": "left", "user": {"id": 9}}"#);
        let rights = Rights::assess(TeamChat::Channel, CHANNEL, Some(&gone), false);
        assert_eq!(rights.missing.len(), 2);
        assert!(
            rights
                .line()
                .starts_with("channel -1001: the bot is not in it; it lacks")
        );
        let unknown = member(r#"{"status": "probation", "user": {"id": 9}}"#);
        let rights = Rights::assess(TeamChat::Channel, CHANNEL, Some(&unknown), false);
        assert!(rights.summary.contains("\"probation\""), "{rights:?}");
    }

    #[test]
    fn team_chats_are_told_apart_by_layout() {
        let channel_layout = Workspace::Channel {
            channel: CHANNEL,
            group: ChatId(-1002),
        };
        assert_eq!(
            TeamChat::of(&channel_layout, CHANNEL),
            Some(TeamChat::Channel)
        );
        assert_eq!(
            TeamChat::of(&channel_layout, ChatId(-1002)),
            Some(TeamChat::DiscussionGroup)
        );
        let forum_layout = Workspace::Forum {
            forum: ChatId(-1003),
        };
        assert_eq!(
            TeamChat::of(&forum_layout, ChatId(-1003)),
            Some(TeamChat::Forum)
        );
        assert_eq!(TeamChat::of(&forum_layout, ChatId(-5)), None);
    }
}
