//! Shared set-ups: a started simulator, teloxide clients, raw HTTP calls, update draining, and
//! the channel + discussion group desk most scenarios need.

use std::time::Duration;

use serde_json::Value;
use telegram_sim::{AdminRights, BotHandle, ChatId, SimConfig, Simulator, UserId, UserSpec};
use teloxide::prelude::*;
use teloxide::types::{Update, UpdateKind};

/// Generous bound for waits that normally finish in milliseconds.
pub const WAIT: Duration = Duration::from_secs(3);

pub async fn start() -> Simulator {
    start_with(SimConfig::default()).await
}

pub async fn start_with(config: SimConfig) -> Simulator {
    Simulator::start(config)
        .await
        .expect("the simulator starts")
}

/// A teloxide client of `bot` pointed at the simulator.
pub fn client(sim: &Simulator, bot: &BotHandle) -> Bot {
    Bot::new(&bot.token).set_api_url(sim.url())
}

/// A raw JSON call; returns the HTTP status and the parsed body.
pub async fn raw(sim: &Simulator, token: &str, method: &str, body: Value) -> (u16, Value) {
    let url = format!("{}bot{token}/{method}", sim.url());
    let response = reqwest::Client::new()
        .post(url)
        .json(&body)
        .send()
        .await
        .expect("the call reaches the simulator");
    let status = response.status().as_u16();
    (status, response.json().await.expect("the answer is JSON"))
}

/// A raw multipart call to a full method URL; returns the parsed body.
pub async fn multipart(url: &str, form: reqwest::multipart::Form) -> Value {
    let response = reqwest::Client::new()
        .post(url)
        .multipart(form)
        .send()
        .await
        .expect("the call reaches the simulator");
    response.json().await.expect("the answer is JSON")
}

/// Every pending update, confirmed afterwards (the way a poller moves its offset).
pub async fn drain(bot: &Bot) -> Vec<Update> {
    let updates = bot
        .get_updates()
        .timeout(0)
        .await
        .expect("getUpdates works");
    if let Some(last) = updates.last() {
        bot.get_updates()
            .offset(last.id.0 as i32 + 1)
            .timeout(0)
            .await
            .expect("getUpdates confirms");
    }
    updates
}

/// The messages among `updates` (new messages, not edits or channel posts).
pub fn messages(updates: &[Update]) -> Vec<Message> {
    updates
        .iter()
        .filter_map(|update| match &update.kind {
            UpdateKind::Message(message) => Some(message.clone()),
            _ => None,
        })
        .collect()
}

/// The update kinds, as Bot API field names, for quick assertions.
pub fn kinds(updates: &[Update]) -> Vec<&'static str> {
    updates
        .iter()
        .map(|update| match &update.kind {
            UpdateKind::Message(_) => "message",
            UpdateKind::EditedMessage(_) => "edited_message",
            UpdateKind::ChannelPost(_) => "channel_post",
            UpdateKind::EditedChannelPost(_) => "edited_channel_post",
            UpdateKind::InlineQuery(_) => "inline_query",
            UpdateKind::ChosenInlineResult(_) => "chosen_inline_result",
            UpdateKind::CallbackQuery(_) => "callback_query",
            UpdateKind::MyChatMember(_) => "my_chat_member",
            UpdateKind::ChatMember(_) => "chat_member",
            UpdateKind::MessageReaction(_) => "message_reaction",
            _ => "other",
        })
        .collect()
}

/// A support desk: a channel with its linked discussion group, owned by `owner`, where the bot
/// administers both (privacy mode on, as bots are created).
pub struct Desk {
    pub sim: Simulator,
    pub bot: BotHandle,
    pub client: Bot,
    pub owner: UserId,
    pub channel: ChatId,
    pub group: ChatId,
}

pub async fn desk() -> Desk {
    desk_with(SimConfig::default()).await
}

pub async fn desk_with(config: SimConfig) -> Desk {
    let sim = start_with(config).await;
    let bot = sim.create_bot("threadesk_bot");
    let owner = sim.create_user(UserSpec::new("Olga").username("olga"));
    let channel = sim.create_channel("Support", owner);
    let group = sim.create_supergroup("Support chat", owner);
    sim.link_discussion_group(channel, group).expect("links");
    sim.promote(channel, bot.user_id, AdminRights::all())
        .expect("bot administers the channel");
    sim.promote(group, bot.user_id, AdminRights::all())
        .expect("bot administers the group");
    let client = client(&sim, &bot);
    drain(&client).await;
    Desk {
        sim,
        bot,
        client,
        owner,
        channel,
        group,
    }
}

/// Waits for the discussion copy of a channel post.
pub async fn copy_of(
    sim: &Simulator,
    channel: ChatId,
    post: telegram_sim::MessageId,
) -> telegram_sim::MessageId {
    assert!(
        sim.wait_until(WAIT, || sim.discussion_copy_of(channel, post).is_some())
            .await,
        "the post is forwarded"
    );
    sim.discussion_copy_of(channel, post).expect("forwarded")
}
