//! Scenes: a ready-made support workspace in a simulator, the starting point of tests, demos and
//! benchmarks of a helpdesk bot. A scene holds a bot (inline mode on), the owner of the team's
//! chats, the team, perhaps an outsider, and either a channel with its linked discussion group
//! or a forum; the bot administers every team chat with all rights and the team are members.
//!
//! ```no_run
//! # async fn demo() -> Result<(), telegram_sim::SimError> {
//! use telegram_sim::{SceneSpec, SimConfig, Simulator, UserSpec};
//!
//! let sim = Simulator::start(SimConfig::default()).await?;
//! let scene = SceneSpec::new("support_bot")
//!     .member(UserSpec::new("Maria").username("maria"))
//!     .build(&sim)?;
//! let alice = scene.customer(&sim, "Alice", "en");
//! # Ok(()) }
//! ```

use crate::{AdminRights, BotHandle, ChatId, SimError, Simulator, UserId, UserSpec};

/// Where the team works.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A channel (titled `channel`) with its linked discussion group (titled `group`).
    Channel {
        /// The channel's title.
        channel: String,
        /// The discussion group's title.
        group: String,
    },
    /// A forum supergroup with this title.
    Forum {
        /// The forum's title.
        title: String,
    },
}

/// What a scene is made of; [`SceneSpec::build`] makes it.
#[derive(Clone, Debug)]
pub struct SceneSpec {
    bot: String,
    owner: UserSpec,
    team: Vec<UserSpec>,
    outsider: Option<UserSpec>,
    layout: Layout,
}

impl SceneSpec {
    /// A scene with the bot `@bot_username`, the owner Olga (`@olga`, English), no team yet and
    /// the channel "Support" with its discussion group "Support chat".
    pub fn new(bot_username: &str) -> SceneSpec {
        SceneSpec {
            bot: bot_username.to_owned(),
            owner: UserSpec::new("Olga").username("olga").language("en"),
            team: Vec::new(),
            outsider: None,
            layout: Layout::Channel {
                channel: "Support".to_owned(),
                group: "Support chat".to_owned(),
            },
        }
    }

    /// Replaces the owner: the creator and an administrator of the team's chats.
    pub fn owner(mut self, owner: UserSpec) -> SceneSpec {
        self.owner = owner;
        self
    }

    /// Adds a team member (a member of every team chat), in order.
    pub fn member(mut self, member: UserSpec) -> SceneSpec {
        self.team.push(member);
        self
    }

    /// Adds an outsider: a member of the discussion group who is not in the channel (in a
    /// forum, a user who is in no team chat).
    pub fn outsider(mut self, outsider: UserSpec) -> SceneSpec {
        self.outsider = Some(outsider);
        self
    }

    /// The team works in a channel and its discussion group with these titles (the default).
    pub fn channel(mut self, channel: &str, group: &str) -> SceneSpec {
        self.layout = Layout::Channel {
            channel: channel.to_owned(),
            group: group.to_owned(),
        };
        self
    }

    /// The team works in a forum with this title.
    pub fn forum(mut self, title: &str) -> SceneSpec {
        self.layout = Layout::Forum {
            title: title.to_owned(),
        };
        self
    }

    /// Builds the scene in `sim`: the bot, then the owner, the team and the outsider, then the
    /// team's chats.
    pub fn build(&self, sim: &Simulator) -> Result<Scene, SimError> {
        let bot = sim.create_bot(&self.bot);
        sim.set_inline_mode(&bot, true);
        let owner = sim.create_user(self.owner.clone());
        let team = self
            .team
            .iter()
            .map(|member| sim.create_user(member.clone()))
            .collect();
        let outsider = self
            .outsider
            .as_ref()
            .map(|outsider| sim.create_user(outsider.clone()));
        let mut scene = Scene {
            bot,
            owner,
            team,
            outsider,
            channel: None,
            group: ChatId(0),
            forum: false,
        };
        match &self.layout {
            Layout::Channel { channel, group } => {
                let (_, group) = scene.add_channel(sim, channel, group)?;
                if let Some(outsider) = scene.outsider {
                    sim.add_member(group, outsider)?;
                }
            }
            Layout::Forum { title } => {
                scene.add_forum(sim, title)?;
            }
        }
        Ok(scene)
    }
}

/// A built scene: who and where, by id.
#[derive(Clone, Debug)]
pub struct Scene {
    /// The bot.
    pub bot: BotHandle,
    /// The creator of the team's chats, an administrator of them.
    pub owner: UserId,
    /// The team members, in the order given.
    pub team: Vec<UserId>,
    /// The outsider, if asked for.
    pub outsider: Option<UserId>,
    /// The channel, in the channel layout.
    pub channel: Option<ChatId>,
    /// The chat the team writes in: the discussion group, or the forum.
    pub group: ChatId,
    /// Whether `group` is a forum.
    pub forum: bool,
}

impl Scene {
    /// Creates another channel with its discussion group, set up like the first (the owner
    /// creates them, the bot administers both, the team are members), and makes it the scene's
    /// workspace; returns the channel and the group.
    pub fn add_channel(
        &mut self,
        sim: &Simulator,
        channel_title: &str,
        group_title: &str,
    ) -> Result<(ChatId, ChatId), SimError> {
        let channel = sim.create_channel(channel_title, self.owner);
        let group = sim.create_supergroup(group_title, self.owner);
        sim.link_discussion_group(channel, group)?;
        for chat in [channel, group] {
            sim.promote(chat, self.bot.user_id, AdminRights::all())?;
        }
        for &member in &self.team {
            sim.add_member(channel, member)?;
            sim.add_member(group, member)?;
        }
        self.channel = Some(channel);
        self.group = group;
        self.forum = false;
        Ok((channel, group))
    }

    /// Creates a forum set up for the team (the owner creates it, the bot administers it, the
    /// team are members) and makes it the scene's workspace; the channel, if any, is kept.
    pub fn add_forum(&mut self, sim: &Simulator, title: &str) -> Result<ChatId, SimError> {
        let forum = sim.create_forum(title, self.owner);
        sim.promote(forum, self.bot.user_id, AdminRights::all())?;
        for &member in &self.team {
            sim.add_member(forum, member)?;
        }
        self.group = forum;
        self.forum = true;
        Ok(forum)
    }

    /// Creates a customer named `name`, with the lowercased name as username.
    pub fn customer(&self, sim: &Simulator, name: &str, language: &str) -> UserId {
        sim.create_user(customer_spec(name, language))
    }

    /// Creates `count` customers named `<prefix>0`, `<prefix>1`, ...
    pub fn customers(
        &self,
        sim: &Simulator,
        prefix: &str,
        count: usize,
        language: &str,
    ) -> Vec<UserId> {
        (0..count)
            .map(|index| self.customer(sim, &format!("{prefix}{index}"), language))
            .collect()
    }
}

/// A customer named `name`, with the lowercased name as username and this client language.
pub fn customer_spec(name: &str, language: &str) -> UserSpec {
    UserSpec::new(name)
        .username(&name.to_lowercase())
        .language(language)
}
