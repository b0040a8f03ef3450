//! Who receives an update when the desk runs in front of an existing bot (`upstream_bot`, the
//! Bot API proxy): the desk, the existing bot, or both. Without a proxy every update is the
//! desk's.
//!
//! - Updates of the team's chats (the channel, the discussion group, the forum) are the desk's
//!   alone.
//! - A pressed button whose data is the desk's own (see [`callback_data`](super::callback_data))
//!   is the desk's alone; any other press is the existing bot's alone, and the desk never
//!   answers it.
//! - Inline queries (and chosen inline results) of team members are the desk's (canned
//!   replies); everyone else's are the existing bot's alone. Team members are those the
//!   membership cache knows, or, when it does not know, those the desk has seen writing in the
//!   team chat (the roster).
//! - Private chats and every other chat go to both: the existing bot answers as it always did,
//!   and the desk mirrors customers into their threads. With `handoff`, a customer whose ticket
//!   a team member took over is the desk's alone until it closes.
//! - Kinds the desk does not use (payments, polls, reactions, business messages, ...) are the
//!   existing bot's alone.
//!
//! The decision is made at intake, before the update is stored, so it is stored once for each
//! receiver in the same transaction.

use std::sync::Arc;

use serde_json::Value;
use tokio::sync::watch;

use super::callback_data;
use super::directory::TeamDirectory;
use super::poller::ALLOWED_UPDATES;
use crate::desk::DeskState as _;
use crate::domain::{ChatId, UserId, Workspace};
use crate::pipeline::upstream::Route;
use crate::pipeline::workspace::CurrentWorkspace;
use crate::storage::{Ledger, Store};

/// Every update kind of Bot API 10.1, asked of Telegram when an existing bot is behind the
/// proxy (it may want any of them).
pub const EVERY_KIND: [&str; 25] = [
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
    "guest_message",
    "message_reaction",
    "message_reaction_count",
    "inline_query",
    "chosen_inline_result",
    "callback_query",
    "shipping_query",
    "pre_checkout_query",
    "purchased_paid_media",
    "poll",
    "poll_answer",
    "my_chat_member",
    "chat_member",
    "chat_join_request",
    "chat_boost",
    "removed_chat_boost",
    "managed_bot",
];

/// Routes updates at intake.
#[derive(Clone)]
pub struct Router {
    proxy: Option<Arc<ProxyRouting>>,
}

/// What routing needs when an existing bot is behind the proxy.
struct ProxyRouting {
    workspace: CurrentWorkspace,
    directory: Arc<TeamDirectory>,
    store: Store,
    /// Bumped when updates for the existing bot were stored and flushed.
    stored: watch::Sender<u64>,
    /// Whether customers taken over by a team member stop reaching the existing bot.
    handoff: bool,
}

impl Router {
    /// Every update is the desk's (no proxy).
    pub fn desk_only() -> Router {
        Router { proxy: None }
    }

    /// Routing with an existing bot behind the proxy; the returned receiver changes whenever
    /// updates for it were stored.
    pub fn with_existing_bot(
        workspace: CurrentWorkspace,
        directory: Arc<TeamDirectory>,
        store: Store,
        handoff: bool,
    ) -> (Router, watch::Receiver<u64>) {
        let (stored, receiver) = watch::channel(0);
        let routing = ProxyRouting {
            workspace,
            directory,
            store,
            stored,
            handoff,
        };
        (
            Router {
                proxy: Some(Arc::new(routing)),
            },
            receiver,
        )
    }

    /// The update kinds to ask Telegram for.
    pub fn allowed_updates(&self) -> Vec<&'static str> {
        match self.proxy {
            Some(_) => EVERY_KIND.to_vec(),
            None => ALLOWED_UPDATES.to_vec(),
        }
    }

    /// Where an update goes.
    pub fn route(&self, json: &[u8]) -> Route {
        let Some(proxy) = &self.proxy else {
            return Route::desk();
        };
        let Ok(update) = serde_json::from_slice::<Value>(json) else {
            // Unreadable: the desk logs and skips it; the existing bot gets it as Telegram sent it.
            return Route {
                desk: true,
                existing_bot: Some(String::new()),
            };
        };
        let team = |user: UserId| proxy.is_team(user);
        let muted = |customer: UserId| proxy.handoff && proxy.muted(customer);
        decide(&update, proxy.workspace.get(), &team, &muted)
    }

    /// Updates for the existing bot were stored and flushed: wakes its pollers.
    pub fn stored(&self) {
        if let Some(proxy) = &self.proxy {
            proxy.stored.send_modify(|version| *version += 1);
        }
    }
}

impl ProxyRouting {
    fn is_team(&self, user: UserId) -> bool {
        self.directory.cached(user).unwrap_or_else(|| {
            Ledger::new(&self.store)
                .team_roster()
                .is_ok_and(|roster| roster.iter().any(|known| known.id == user))
        })
    }

    /// A customer is handed off to the team while their ticket is open and a team member has
    /// replied in it.
    fn muted(&self, customer: UserId) -> bool {
        let ledger = Ledger::new(&self.store);
        let Ok(Some(found)) = ledger.customer(customer) else {
            return false;
        };
        ledger
            .ticket(customer, found.ticket)
            .ok()
            .flatten()
            .is_some_and(|ticket| ticket.is_open() && ticket.team_replied_at.is_some())
    }
}

/// The routing rules (see the module's documentation), given who is on the team and which
/// customers are muted for the existing bot.
pub fn decide(
    update: &Value,
    chats: Workspace,
    team: &dyn Fn(UserId) -> bool,
    muted: &dyn Fn(UserId) -> bool,
) -> Route {
    let Some((kind, body)) = update
        .as_object()
        .and_then(|object| object.iter().find(|(key, _)| *key != "update_id"))
    else {
        return Route::desk();
    };
    let desk = Route::desk();
    let existing_bot = Route {
        desk: false,
        existing_bot: Some(kind.clone()),
    };
    let both = Route {
        desk: true,
        existing_bot: Some(kind.clone()),
    };
    let from = body.pointer("/from/id").and_then(Value::as_i64).map(UserId);
    match kind.as_str() {
        "callback_query" => {
            let ours = body
                .get("data")
                .and_then(Value::as_str)
                .and_then(callback_data::decode)
                .is_some();
            return if ours { desk } else { existing_bot };
        }
        "inline_query" | "chosen_inline_result" => {
            return if from.is_some_and(team) {
                desk
            } else {
                existing_bot
            };
        }
        _ => {}
    }
    let chat = body.get("chat");
    let chat_id = chat.and_then(|chat| chat.get("id")).and_then(Value::as_i64);
    if let Some(chat_id) = chat_id.map(ChatId) {
        if chat_id == chats.thread_chat() || Some(chat_id) == chats.channel() {
            return desk;
        }
    }
    if !ALLOWED_UPDATES.contains(&kind.as_str()) {
        return existing_bot;
    }
    let private = chat
        .and_then(|chat| chat.get("type"))
        .and_then(Value::as_str)
        == Some("private");
    if private && chat_id.map(UserId).is_some_and(muted) {
        return desk;
    }
    both
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const CHANNEL: i64 = -1001;
    const GROUP: i64 = -1002;

    fn chats() -> Workspace {
        Workspace::Channel {
            channel: ChatId(CHANNEL),
            group: ChatId(GROUP),
        }
    }

    fn route(update: Value) -> Route {
        decide(&update, chats(), &|user| user == UserId(7), &|user| {
            user == UserId(99)
        })
    }

    fn message_in(chat: i64, kind: &str) -> Value {
        json!({"update_id": 1, "message": {"message_id": 1, "chat": {"id": chat, "type": kind}, "from": {"id": 5}}})
    }

    #[test]
    fn team_chat_updates_are_the_desks_alone() {
        assert_eq!(route(message_in(GROUP, "supergroup")), Route::desk());
        let post =
            json!({"update_id": 2, "channel_post": {"chat": {"id": CHANNEL, "type": "channel"}}});
        assert_eq!(route(post), Route::desk());
    }

    #[test]
    fn private_messages_go_to_both_unless_the_customer_was_handed_off() {
        let routed = route(message_in(5, "private"));
        assert!(routed.desk);
        assert_eq!(routed.existing_bot.as_deref(), Some("message"));
        assert_eq!(route(message_in(99, "private")), Route::desk());
    }

    #[test]
    fn presses_of_foreign_buttons_are_the_existing_bots_alone() {
        let foreign = json!({"update_id": 3, "callback_query": {"id": "q", "from": {"id": 5}, "data": "buy:42"}});
        let routed = route(foreign);
        assert!(!routed.desk);
        assert_eq!(routed.existing_bot.as_deref(), Some("callback_query"));
        let unreadable_version =
            json!({"update_id": 4, "callback_query": {"id": "q", "from": {"id": 5}, "data": "AQ"}});
        assert!(!route(unreadable_version).desk);
    }

    #[test]
    fn inline_queries_of_team_members_are_the_desks_and_the_others_the_existing_bots() {
        let query = |from: i64| json!({"update_id": 5, "inline_query": {"id": "i", "from": {"id": from}, "query": "x"}});
        assert_eq!(route(query(7)), Route::desk());
        assert!(!route(query(5)).desk);
    }

    #[test]
    fn kinds_the_desk_does_not_use_are_the_existing_bots_alone() {
        let payment = json!({"update_id": 6, "pre_checkout_query": {"id": "p", "from": {"id": 5}}});
        let routed = route(payment);
        assert!(!routed.desk);
        assert_eq!(routed.existing_bot.as_deref(), Some("pre_checkout_query"));
    }
}
