//! The test harness: a simulated Telegram with a support channel, its discussion group, a team
//! and customers, and the real bot (`threadesk::app::run`) running against it on a temporary
//! data directory.

use std::collections::HashMap;
use std::time::Duration;

use telegram_sim::{
    AdminRights, BotHandle, ChatContext, ChatId, ChatKind, Content, InlineAnswer, MessageId, Scene,
    SceneSpec, SimConfig, Simulator, Transcript, UserId, UserSpec,
};
use threadesk::config::Config;
use threadesk::harness::{self, InProcessBot};

/// Generous bound for things that normally happen within milliseconds.
pub const WAIT: Duration = Duration::from_secs(10);

/// Declares a test running `$scenario` in the channel and in the forum layout.
macro_rules! both_layouts {
    ($scenario:ident) => {
        mod $scenario {
            #[tokio::test]
            async fn in_the_channel_layout() {
                super::$scenario(false).await;
            }

            #[tokio::test]
            async fn in_the_forum_layout() {
                super::$scenario(true).await;
            }
        }
    };
}

pub(crate) use both_layouts;

/// The kinds [`every_kind_of_message`] makes, in order.
pub const EVERY_KIND: [&str; 13] = [
    "photo",
    "video",
    "animation",
    "document",
    "audio",
    "voice",
    "video_note",
    "sticker",
    "location",
    "venue",
    "contact",
    "poll",
    "dice",
];

/// One message of every kind but text that bots can copy; those with a caption say
/// "the <kind>".
pub fn every_kind_of_message() -> Vec<Content> {
    vec![
        Content::photo().caption("the photo"),
        Content::video().caption("the video"),
        Content::animation().caption("the animation"),
        Content::document("invoice.pdf").caption("the document"),
        Content::audio().caption("the audio"),
        Content::voice().caption("the voice"),
        Content::video_note(),
        Content::sticker(),
        Content::location(-23.55, -46.63),
        Content::venue(-23.55, -46.63, "Shop", "Rua A, 1"),
        Content::contact("+5511999999999", "Bob"),
        Content::poll("Which one?", &["A", "B"]),
        Content::dice("🎲"),
    ]
}

/// A world and a bot running in it.
pub struct Harness {
    pub sim: Simulator,
    pub bot: BotHandle,
    /// Created the channel and the group: an administrator of both.
    pub owner: UserId,
    /// A channel member who comments in the group: on the team.
    pub maria: UserId,
    /// A second team member.
    pub joao: UserId,
    /// A member of the group who is not in the channel: not on the team.
    pub outsider: UserId,
    pub channel: ChatId,
    pub group: ChatId,
    /// The bot's data directory (deleted with the harness).
    pub data: tempfile::TempDir,
    pub settings: HashMap<String, String>,
    /// Settings file text (TOML), beneath the environment settings.
    pub file: String,
    /// Whether the workspace is a forum (then `group` is the forum and there is no channel).
    pub forum: bool,
    /// The world as built, and the chats added since.
    scene: Scene,
    /// The bot, while it runs (killed with the harness).
    running: Option<InProcessBot>,
    /// The pseudonyms (`Customer 7F3A9C`) customers are known by while their information is
    /// hidden: their cards and topics are found by it instead of their id.
    pseudonyms: std::sync::Mutex<HashMap<UserId, String>>,
}

impl Harness {
    /// The world, without the bot running yet.
    pub async fn world(config: SimConfig) -> Harness {
        init_logs();
        let sim = Simulator::start(config)
            .await
            .expect("the simulator starts");
        let scene = SceneSpec::new("threadesk_bot")
            .member(
                UserSpec::new("Maria")
                    .last_name("Souza")
                    .username("maria")
                    .language("pt-br"),
            )
            .member(UserSpec::new("João").username("joao"))
            .outsider(UserSpec::new("Mallory").username("mallory"))
            .build(&sim)
            .expect("the scene is built");
        let data = tempfile::tempdir().expect("a temporary data directory");
        let mut settings = harness::settings(&sim, &scene, data.path());
        for (key, value) in harness::FAST {
            settings.insert(key.to_owned(), value.to_owned());
        }
        Harness {
            bot: scene.bot.clone(),
            owner: scene.owner,
            maria: scene.team[0],
            joao: scene.team[1],
            outsider: scene.outsider.expect("an outsider"),
            channel: scene.channel.expect("a channel"),
            group: scene.group,
            forum: false,
            sim,
            scene,
            data,
            settings,
            file: String::new(),
            running: None,
            pseudonyms: Default::default(),
        }
    }

    /// A forum workspace, without the bot running yet: the team are the forum's members.
    pub async fn forum_world(config: SimConfig) -> Harness {
        let mut harness = Self::world(config).await;
        harness.switch_to_forum("Support forum");
        harness
    }

    /// A forum workspace with the bot running with extra settings.
    pub async fn start_forum(settings: &[(&str, &str)]) -> Harness {
        Self::forum_world(SimConfig::default())
            .await
            .run_with(settings)
    }

    /// Either layout, without the bot running yet.
    pub async fn layout_world(forum: bool) -> Harness {
        if forum {
            Self::forum_world(SimConfig::default()).await
        } else {
            Self::world(SimConfig::default()).await
        }
    }

    /// Either layout, with the bot running with extra settings.
    pub async fn start_layout(forum: bool, settings: &[(&str, &str)]) -> Harness {
        if forum {
            Self::start_forum(settings).await
        } else {
            Self::start_with(SimConfig::default(), settings).await
        }
    }

    /// The customer's topic id, once it exists.
    async fn topic_root(&self, customer: UserId) -> MessageId {
        self.eventually("the customer's topic exists", || {
            self.topic_of(customer).is_some()
        })
        .await;
        self.topic_of(customer).expect("a topic").id
    }

    /// The customer's current forum topic, if any.
    pub fn topic_of(&self, customer: UserId) -> Option<telegram_sim::TopicInfo> {
        let marker = self.marker(customer);
        self.sim.topics(self.group).into_iter().rev().find(|topic| {
            // The id (or the pseudonym) ends the name, before the assignee's initial when there
            // is one.
            let named = topic.name.ends_with(&format!(" · {marker}"))
                || topic.name.contains(&format!(" · {marker} · "))
                || topic.name.ends_with(&format!(" {marker}"))
                || topic.name.contains(&format!(" {marker} · "));
            !topic.deleted && named
        })
    }

    /// From now on the customer's card and topic are found by `pseudonym` (their information
    /// is hidden).
    pub fn known_as(&self, customer: UserId, pseudonym: &str) {
        self.pseudonyms
            .lock()
            .unwrap()
            .insert(customer, pseudonym.to_owned());
    }

    /// What the customer's card and topic name show of them: their pseudonym, or their id.
    fn marker(&self, customer: UserId) -> String {
        self.pseudonyms
            .lock()
            .unwrap()
            .get(&customer)
            .cloned()
            .unwrap_or_else(|| customer.0.to_string())
    }

    /// The world with the bot running.
    pub async fn start() -> Harness {
        Self::start_with(SimConfig::default(), &[]).await
    }

    /// The world with the bot running with extra settings.
    pub async fn start_with(config: SimConfig, settings: &[(&str, &str)]) -> Harness {
        Self::world(config).await.run_with(settings)
    }

    /// Adds `settings` and starts the bot.
    fn run_with(mut self, settings: &[(&str, &str)]) -> Harness {
        for (key, value) in settings {
            self.settings.insert((*key).to_owned(), (*value).to_owned());
        }
        self.run();
        self
    }

    /// Either layout, with the bot running and `/healthz` served on the returned local port.
    pub async fn start_with_ops(forum: bool) -> (Harness, u16) {
        let port = free_port();
        let listen = format!("127.0.0.1:{port}");
        let settings = [("THREADESK_OPS_LISTEN", listen.as_str())];
        (Self::start_layout(forum, &settings).await, port)
    }

    /// The world with the bot receiving updates by webhook at the returned URL (on a free
    /// local port), which Telegram must call with `secret`.
    pub async fn start_webhook(secret: &str) -> (Harness, String) {
        let port = free_port();
        let url = format!("http://127.0.0.1:{port}/telegram");
        let listen = format!("127.0.0.1:{port}");
        let settings = [
            ("THREADESK_MODE", "webhook"),
            ("THREADESK_WEBHOOK_URL", url.as_str()),
            ("THREADESK_WEBHOOK_LISTEN", listen.as_str()),
            ("THREADESK_WEBHOOK_SECRET", secret),
        ];
        (Self::start_with(SimConfig::default(), &settings).await, url)
    }

    /// The bot's validated configuration (`THREADESK_NEW_WORKSPACE=1` among the settings
    /// stands for `threadesk run --new-workspace`).
    pub fn config(&self) -> Config {
        let mut config = harness::config(&self.settings, &self.file).expect("valid settings");
        config.move_to_new_workspace = self
            .settings
            .get("THREADESK_NEW_WORKSPACE")
            .is_some_and(|value| value == "1");
        config
    }

    /// Creates another channel with its own discussion group, set up like the first (the bot
    /// administers both, the team are members), and points the settings at it. The bot must
    /// be stopped.
    pub fn use_new_channel(&mut self) {
        assert!(self.running.is_none(), "stop the bot first");
        let (channel, group) = self
            .scene
            .add_channel(&self.sim, "Support 2", "Support chat 2")
            .expect("the new channel is set up");
        self.channel = channel;
        self.group = group;
        self.forum = false;
        harness::point_at(&mut self.settings, &self.scene);
    }

    /// Creates a forum set up for the desk and points the settings at it (the forum layout).
    /// The bot must be stopped.
    pub fn use_new_forum(&mut self) {
        assert!(self.running.is_none(), "stop the bot first");
        self.switch_to_forum("Support forum 2");
    }

    /// Creates a forum titled `title` set up for the desk (the bot administers it, the team are
    /// members) and points the settings at it.
    fn switch_to_forum(&mut self, title: &str) {
        self.group = self
            .scene
            .add_forum(&self.sim, title)
            .expect("the forum is set up");
        self.forum = true;
        harness::point_at(&mut self.settings, &self.scene);
    }

    /// Starts the bot (again).
    pub fn run(&mut self) {
        assert!(self.running.is_none(), "the bot is already running");
        self.running = Some(InProcessBot::start(self.config()));
    }

    /// Stops the bot gracefully and waits for it.
    pub async fn stop(&mut self) {
        let running = self.running.take().expect("the bot is running");
        running.stop(WAIT).await.expect("the bot stops cleanly");
    }

    /// Kills the bot mid-stream: every task is dropped where it stands.
    pub async fn kill(&mut self) {
        let running = self.running.take().expect("the bot is running");
        running.kill().await;
    }

    /// Creates a customer.
    pub fn customer(&self, name: &str, language: &str) -> UserId {
        self.scene.customer(&self.sim, name, language)
    }

    /// A customer writes to the bot.
    pub fn say(&self, customer: UserId, text: &str) -> MessageId {
        self.send(customer, Content::text(text))
    }

    /// A customer sends anything to the bot.
    pub fn send(&self, customer: UserId, content: Content) -> MessageId {
        self.sim
            .as_user(customer)
            .in_private(&self.bot)
            .send(content)
            .expect("the customer can write")
    }

    /// The card of a customer (the channel post, or the card message in the forum topic), once
    /// the bot posted it.
    pub async fn card(&self, customer: UserId) -> MessageId {
        if self.forum {
            let root = self.topic_root(customer).await;
            let card = || {
                self.sim
                    .topic(self.group, root)
                    .iter()
                    .find(|e| e.service.is_none())
                    .map(|e| e.id)
            };
            self.eventually("the card message is in the topic", || card().is_some())
                .await;
            return card().expect("a card message");
        }
        let marker = self.marker(customer);
        let found = self
            .sim
            .wait_until(WAIT, || {
                self.sim
                    .transcript(self.channel)
                    .iter()
                    .any(|e| e.text.as_deref().is_some_and(|t| t.contains(&marker)))
            })
            .await;
        if !found {
            self.eventually("the card is posted", || false).await;
        }
        let transcript = self.sim.transcript(self.channel);
        let posts: Vec<_> = transcript
            .iter()
            .filter(|e| {
                e.service.is_none() && e.text.as_deref().is_some_and(|t| t.contains(&marker))
            })
            .map(|e| e.id)
            .collect();
        *posts.last().expect("a card")
    }

    /// The thread root of a customer's card (the forum topic's id in the forum layout).
    pub async fn root(&self, customer: UserId) -> MessageId {
        if self.forum {
            return self.topic_root(customer).await;
        }
        let card = self.card(customer).await;
        let found = self
            .sim
            .wait_until(WAIT, || {
                self.sim.discussion_copy_of(self.channel, card).is_some()
            })
            .await;
        assert!(found, "the card is forwarded to the group");
        self.sim
            .discussion_copy_of(self.channel, card)
            .expect("forwarded")
    }

    /// A team member types a command in a customer's thread; returns the bot's answer.
    pub async fn command(&self, member: UserId, customer: UserId, text: &str) -> String {
        let sent = self
            .comment(member, customer, None, Content::text(text))
            .await;
        self.answer_to(sent).await
    }

    /// The bot's answer to a message in the team chat.
    pub async fn answer_to(&self, message: MessageId) -> String {
        let answered = || {
            self.sim
                .transcript(self.group)
                .iter()
                .find(|entry| {
                    entry.reply_to == Some(message) && entry.from == Some(self.bot.user_id)
                })
                .and_then(|entry| entry.text.clone())
        };
        self.eventually("the bot answers the command", || answered().is_some())
            .await;
        answered().unwrap_or_default()
    }

    /// Every message the bot posted in the team chat in answer to `message`, in order.
    pub fn answers_to(&self, message: MessageId) -> Vec<String> {
        self.sim
            .transcript(self.group)
            .iter()
            .filter(|entry| entry.reply_to == Some(message) && entry.from == Some(self.bot.user_id))
            .filter_map(|entry| entry.text.clone())
            .collect()
    }

    /// A team member saves `message` as the canned reply `title`; returns the bot's answer.
    pub async fn save_canned(&self, member: UserId, message: MessageId, title: &str) -> String {
        let save = self
            .sim
            .as_user(member)
            .in_chat(self.group)
            .reply_to(message)
            .send(Content::text(format!("/resposta {title}")))
            .expect("the member can save a reply");
        self.answer_to(save).await
    }

    /// What the bot offers `member` who types `query` in inline mode in a group.
    pub async fn inline_answer(&self, member: UserId, query: &str) -> InlineAnswer {
        self.inline(member, query, ChatKind::Supergroup).await
    }

    /// The text of a customer's card now.
    pub async fn card_text(&self, customer: UserId) -> String {
        let card = self.card(customer).await;
        self.card_text_of(card)
    }

    /// The text of a card message now.
    pub fn card_text_of(&self, card: MessageId) -> String {
        let chat = if self.forum { self.group } else { self.channel };
        self.sim
            .transcript(chat)
            .get_id(card)
            .and_then(|entry| entry.text.clone())
            .unwrap_or_default()
    }

    /// Whether a customer's card shows an open ticket to the team: the channel post is pinned,
    /// or the forum topic is open.
    pub fn card_is_open(&self, customer: UserId, card: MessageId) -> bool {
        if self.forum {
            return self.topic_of(customer).is_some_and(|topic| !topic.closed);
        }
        self.sim.pinned(self.channel).contains(&card)
    }

    /// A new administrator of the team's chat (the channel, or the forum). Promote before the
    /// bot starts: it lists the administrators when it starts.
    pub fn add_admin(&self, name: &str) -> UserId {
        let admin = self
            .sim
            .create_user(UserSpec::new(name).username(&name.to_lowercase()));
        let chat = if self.forum { self.group } else { self.channel };
        self.sim.add_member(chat, admin).expect("the admin joins");
        self.sim
            .promote(chat, admin, AdminRights::all())
            .expect("the admin is promoted");
        admin
    }

    /// An administrator sends `/start` to the bot, so notifications reach them from now on.
    pub async fn admin_starts_the_bot(&self, admin: UserId) {
        self.sim
            .as_user(admin)
            .in_private(&self.bot)
            .send(Content::text("/start"))
            .expect("the admin can write");
        self.eventually("the administrator is registered", || {
            self.private(admin)
                .find("whenever a customer opens a ticket")
                .is_some()
        })
        .await;
    }

    /// A team member comments `text` in the customer's thread and saves it as the canned reply
    /// `title`; returns the bot's answer.
    pub async fn comment_as_canned(
        &self,
        member: UserId,
        customer: UserId,
        text: &str,
        title: &str,
    ) -> String {
        let saved = self
            .comment(member, customer, None, Content::text(text))
            .await;
        let chat = self.sim.as_user(member).in_chat(self.group);
        let chat = if self.forum {
            chat.topic(self.root(customer).await)
        } else {
            chat
        };
        let command = chat
            .reply_to(saved)
            .send(Content::text(format!("/resposta {title}")))
            .expect("the member can save");
        self.answer_to(command).await
    }

    /// `user` types an inline query for the bot (from a chat of `chat` kind); the bot's answer.
    pub async fn inline(&self, user: UserId, query: &str, chat: ChatKind) -> InlineAnswer {
        let query = self
            .sim
            .as_user(user)
            .inline_query(&self.bot, query, chat)
            .expect("the user can use inline mode");
        self.eventually("the query is answered", || {
            self.sim.inline_answer(&query).is_some()
        })
        .await;
        self.sim.inline_answer(&query).expect("answered")
    }

    /// The customer's private chat with the bot.
    pub fn private(&self, customer: UserId) -> Transcript {
        self.sim.private_chat(customer, &self.bot)
    }

    /// Waits until `condition` holds, failing the test with `what` and a dump otherwise.
    pub async fn eventually(&self, what: &str, mut condition: impl FnMut() -> bool) {
        if !self.sim.wait_until(WAIT, &mut condition).await {
            if let Some(running) = &self.running {
                assert!(
                    !running.is_finished(),
                    "the bot stopped early (see its log above)"
                );
            }
            panic!(
                "timed out waiting for: {what}\n--- channel ---\n{}\n--- group ---\n{}",
                self.sim.transcript(self.channel),
                self.sim.transcript(self.group)
            );
        }
    }

    /// Waits until the customer's thread holds `count` messages besides the root.
    pub async fn thread_len(&self, customer: UserId, count: usize) -> Transcript {
        let root = self.root(customer).await;
        self.eventually(&format!("{count} messages in the thread"), || {
            self.thread_at(root).len() > count
        })
        .await;
        self.thread_at(root)
    }

    /// A thread as the team sees it: the card (or its copy) first, then every message; forum
    /// service messages left out.
    pub fn thread_at(&self, root: MessageId) -> Transcript {
        let transcript = self.sim.thread(self.group, root);
        if self.forum {
            let entries: Vec<_> = transcript
                .iter()
                .filter(|e| e.service.is_none())
                .cloned()
                .collect();
            return Transcript::from(entries);
        }
        transcript
    }

    /// A team member comments in a customer's thread (replying to `to`, or to the root).
    pub async fn comment(
        &self,
        member: UserId,
        customer: UserId,
        to: Option<MessageId>,
        content: Content,
    ) -> MessageId {
        self.in_thread(member, customer, to)
            .await
            .send(content)
            .expect("the member can comment")
    }

    /// A team member about to write in a customer's thread (replying to `to`, or to the root).
    pub async fn in_thread(
        &self,
        member: UserId,
        customer: UserId,
        to: Option<MessageId>,
    ) -> ChatContext<'_> {
        let root = self.root(customer).await;
        let chat = self.sim.as_user(member).in_chat(self.group);
        match (self.forum, to) {
            (true, Some(to)) => chat.topic(root).reply_to(to),
            (true, None) => chat.topic(root),
            (false, to) => chat.reply_to(to.unwrap_or(root)),
        }
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        // The bot goes before the simulator it talks to.
        drop(self.running.take());
    }
}

/// Shows the bot's logs in failing tests (`THREADESK_TEST_LOG` sets the filter).
fn init_logs() {
    let filter = std::env::var("THREADESK_TEST_LOG").unwrap_or_else(|_| "threadesk=info".into());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_test_writer()
        .try_init();
}

/// A local TCP port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free local port")
}
