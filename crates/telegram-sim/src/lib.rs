//! The Telegram simulator: a faithful, in-process Bot API server on 127.0.0.1 that a real
//! teloxide `Bot` (or any Bot API client) talks to, with a world of users, bots, channels,
//! discussion groups and forums, and a scripting API to make people act in it and read back
//! what every chat shows.
//!
//! ```no_run
//! # async fn demo() -> Result<(), telegram_sim::SimError> {
//! use telegram_sim::{Content, SimConfig, Simulator, UserSpec};
//!
//! let sim = Simulator::start(SimConfig::default()).await?;
//! let bot = sim.create_bot("threadesk_bot");
//! let alice = sim.create_user(UserSpec::new("Alice").username("alice"));
//! sim.as_user(alice).in_private(&bot).send(Content::text("hi"))?;
//! // A teloxide client: Bot::new(&bot.token).set_api_url(sim.url())
//! # Ok(()) }
//! ```
//!
//! Used by threadesk's tests, its `threadesk demo` and its benchmarks; it knows nothing of
//! threadesk. The vendored Bot API reference it checks every call against is `spec/`.
//!
//! A call flows `http` -> `spec` -> `methods` -> `world`; scripts act through `acting` and read
//! back through `script`, `transcript` and `feed`. Map (one line per file):
//! - `http`: routes, bodies, envelopes, fault injection and the journal of every call.
//! - `spec/`: the vendored Bot API reference; each call checked against it ([`Strictness`]).
//! - `methods/`: the Bot API methods, one file per area, and the context they share.
//! - `world/`: users, bots, chats and the one pipeline every new message goes through.
//! - `chat/`: one chat: members, rights, its message store, pins, threads and topics.
//! - `message`: a stored message: sender, content, placement and forward origin.
//! - `content/`: what a message holds, the [`Content`] builder scripts use and its stored form.
//! - `audience`: which bots receive an update for a message or a membership change.
//! - `channel`: automatic forwards of channel posts into the discussion group, and their edits.
//! - `forum`: forum topics and their service messages.
//! - `updates`: per-bot update queues, `getUpdates` long polling and webhook delivery.
//! - `limits`: sliding-window rate limits and Telegram's 429.
//! - `faults`: seeded fault injection, scripted refusals and method outages.
//! - `inline`: inline mode and callback buttons.
//! - `files`: the file store (`getFile` and downloads).
//! - `markup/`: message entities, parse modes (HTML, MarkdownV2, Markdown) and text normalisation.
//! - `render`: the world as Bot API JSON.
//! - `ids`: identifier newtypes and their conversions into teloxide's types.
//! - `error`: [`ApiError`] (what a client receives) and [`SimError`] (what a script gets).
//! - `journal`: the calls made and the counters tests and benchmarks read.
//! - `shared`: the state every part shares and the runner of follow-up work.
//! - `script/`: the scripting API's building and reading side (users, bots, chats, read-backs).
//! - `acting/`: the scripting API's acting side (people write, post, edit, react, press buttons).
//! - `scene`: a ready-made support workspace (bot, owner, team, channel and group or forum).
//! - `transcript`: what a chat shows, as readable lines for tests to assert on.
//! - `feed`: every new message announced as it is stored, for timing.

mod acting;
mod audience;
mod channel;
mod chat;
mod content;
mod error;
mod faults;
mod feed;
mod files;
mod forum;
mod http;
mod ids;
mod inline;
mod journal;
mod limits;
mod markup;
mod message;
mod methods;
mod render;
mod scene;
mod script;
mod shared;
pub mod spec;
mod transcript;
mod updates;
mod world;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinHandle;

pub use acting::{ChatContext, SendOptions, UserActor};
pub use chat::{AdminRights, MemberStatus, TopicInfo};
pub use content::Content;
pub use error::{ApiError, SimError};
pub use faults::{Faults, Outage};
pub use feed::{MessageFeed, PostedMessage};
pub use forum::ICON_COLORS;
pub use ids::{ChatId, ChatRef, MessageId, UserId};
pub use inline::{CallbackAnswer, CallbackQueryId, ChatKind, InlineAnswer, InlineQueryId};
pub use journal::{Call, Counters};
pub use limits::{Limits, Rate};
pub use markup::Entity;
pub use scene::{Layout, Scene, SceneSpec, customer_spec};
pub use script::{BotHandle, UserSpec};
pub use spec::Strictness;
pub use transcript::{Entry, Transcript};
pub use world::{CHANNEL_BOT, GROUP_ANONYMOUS_BOT, TELEGRAM_USER};

use shared::{Shared, lock};
use world::{World, WorldConfig};

/// How the simulator behaves.
#[derive(Clone, Debug)]
pub struct SimConfig {
    /// Delay before a channel post's automatic forward appears in the discussion group.
    pub auto_forward_delay: Duration,
    /// Whether automatic forwards get pinned in the discussion group, as Telegram does.
    pub auto_pin_automatic_forwards: bool,
    /// The longest a `getUpdates` long poll is held (teloxide's client gives up after 17 s).
    pub max_long_poll: Duration,
    /// How long an inline query can be answered.
    pub inline_query_ttl: Duration,
    /// First delay before retrying a failed webhook delivery (doubling, at most 1 s).
    pub webhook_retry_backoff: Duration,
    /// Seed of the world's randomness (dice values, bot tokens).
    pub seed: u64,
    /// How many calls the journal keeps (oldest dropped first); 0 keeps none.
    pub call_log_capacity: usize,
    /// Rate limits in force at start.
    pub limits: Limits,
    /// Faults in force at start.
    pub faults: Faults,
    /// Whether unknown parameters are refused (the default) or ignored, as Telegram does.
    pub strictness: Strictness,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            auto_forward_delay: Duration::from_millis(20),
            auto_pin_automatic_forwards: true,
            max_long_poll: Duration::from_secs(5),
            inline_query_ttl: Duration::from_secs(10),
            webhook_retry_backoff: Duration::from_millis(50),
            seed: 1,
            call_log_capacity: 100_000,
            limits: Limits::default(),
            faults: Faults::none(),
            strictness: Strictness::Strict,
        }
    }
}

/// A running simulator. Dropping it stops the server.
pub struct Simulator {
    shared: Arc<Shared>,
    address: SocketAddr,
    server: JoinHandle<()>,
}

impl Simulator {
    /// Starts the simulator on `127.0.0.1` at a free port.
    pub async fn start(config: SimConfig) -> Result<Simulator, SimError> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let world = World::new(
            WorldConfig {
                auto_pin_automatic_forwards: config.auto_pin_automatic_forwards,
                inline_query_ttl: config.inline_query_ttl,
            },
            config.seed,
        );
        let (limits, faults) = (config.limits, config.faults.clone());
        let shared = Arc::new(Shared::new(
            world,
            config,
            tokio::runtime::Handle::current(),
        ));
        let app = http::router(Arc::clone(&shared));
        let server = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                tracing::error!(%error, "the Telegram simulator stopped serving");
            }
        });
        let simulator = Simulator {
            shared,
            address,
            server,
        };
        simulator.set_limits(limits);
        simulator.set_faults(faults);
        Ok(simulator)
    }

    /// The base URL to give a Bot API client, e.g. `http://127.0.0.1:43210/`.
    pub fn url(&self) -> url::Url {
        let text = format!("http://{}/", self.address);
        // A socket address always forms a valid URL.
        url::Url::parse(&text).expect("a socket address forms a valid URL")
    }

    /// Replaces the rate limits (all off by default).
    pub fn set_limits(&self, limits: Limits) {
        self.shared.with_world(|world| world.limits.set(limits));
    }

    /// Replaces the fault injection (reseeding its generator).
    pub fn set_faults(&self, faults: Faults) {
        lock(&self.shared.faults).set(faults);
    }

    /// Makes the next valid call of `method` (by any bot) fail with `error`, as Telegram does
    /// when it refuses a call for a reason the simulator does not model. Each call scripts one
    /// refusal; several wait in order.
    pub fn refuse_next(&self, method: &str, error: ApiError) {
        lock(&self.shared.faults).refuse_next(method, error);
    }

    /// Starts (`Some`) or ends (`None`) an outage of one method (`getChatMember`, ...): every
    /// call of it fails that way meanwhile, whatever the other faults.
    pub fn set_outage(&self, method: &str, outage: Option<Outage>) {
        lock(&self.shared.faults).set_outage(method, outage);
    }

    /// Starts (`Some(retry_after)`) or ends (`None`) a flood wait on private chats: every call
    /// addressed to a user's private chat answers 429 meanwhile (as when a bot writes to many
    /// users too fast), while calls to groups and channels go on.
    pub fn set_private_flood(&self, retry_after: Option<u64>) {
        lock(&self.shared.faults).set_private_flood(retry_after);
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        self.server.abort();
        // Webhook delivery tasks end once their webhook is gone.
        self.shared.with_world(|world| {
            for bot in world.bots.values_mut() {
                if bot.updates.webhook.is_some() {
                    bot.updates.set_webhook(None);
                }
            }
        });
    }
}
