//! Rate limiting per destination chat and overall, matching Telegram's published limits.
//!
//! Each limit is a sliding window: at most `count` messages in any `per` interval. Senders for
//! one chat queue fairly (first come, first served) on that chat's window, then on the global
//! one. A 429 pauses only the chat it came from, for the `retry_after` Telegram asked for, so a
//! throttled team chat never delays replies to customers.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use crate::domain::ChatId;

/// At most `count` messages per `per`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    /// Messages allowed in one window.
    pub count: u32,
    /// The window's length.
    pub per: Duration,
}

impl Rate {
    /// Parses `"<count>/<duration>"`, for example `20/1m`, `1/1s` or `30/1s`.
    pub fn parse(text: &str) -> Option<Rate> {
        let (count, per) = text.trim().split_once('/')?;
        let count: u32 = count.trim().parse().ok().filter(|count| *count > 0)?;
        let per = crate::config::parse_duration(per.trim())?;
        (!per.is_zero()).then_some(Rate { count, per })
    }
}

/// The kind of chat a limit applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChatClass {
    /// A private chat with one user.
    Private,
    /// A group, supergroup or channel.
    Group,
    /// Not a chat (inline query answers): never limited.
    Unlimited,
}

/// The configured limits; `None` switches a limit off.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Per private chat (Telegram: about 1 message per second).
    pub private_chat: Option<Rate>,
    /// Per group or channel (Telegram: 20 messages per minute).
    pub group: Option<Rate>,
    /// Over all chats (Telegram: about 30 messages per second).
    pub global: Option<Rate>,
}

/// Shared limiter state.
pub struct Limiter {
    limits: Limits,
    chats: Mutex<HashMap<ChatId, Arc<ChatGate>>>,
    global: ChatGate,
}

/// One window and the queue of senders waiting on it.
struct ChatGate {
    /// Serialises waiters so they are served in arrival order.
    queue: tokio::sync::Mutex<()>,
    window: Mutex<Window>,
}

struct Window {
    rate: Option<Rate>,
    sent: VecDeque<Instant>,
    paused_until: Option<Instant>,
}

/// Forget idle chat windows once this many are tracked.
const MAX_TRACKED_CHATS: usize = 4096;

impl Limiter {
    /// A limiter enforcing `limits`.
    pub fn new(limits: Limits) -> Limiter {
        Limiter {
            limits,
            chats: Mutex::new(HashMap::new()),
            global: ChatGate::new(limits.global),
        }
    }

    /// Waits until `cost` messages may be sent to `chat`, and records them as sent.
    pub async fn acquire(&self, chat: ChatId, class: ChatClass, cost: u32) {
        if class == ChatClass::Unlimited {
            return;
        }
        let gate = self.gate(chat, class);
        let _turn = gate.queue.lock().await;
        gate.wait_for_slot(cost).await;
        {
            let _global_turn = self.global.queue.lock().await;
            self.global.wait_for_slot(cost).await;
            self.global.record(cost);
        }
        gate.record(cost);
    }

    /// Waits until `chat` is not paused by a 429 (for calls that do not count as messages).
    pub async fn wait_unpaused(&self, chat: ChatId, class: ChatClass) {
        self.gate(chat, class).wait_for_slot(0).await;
    }

    /// Telegram asked to wait `retry_after` before writing to `chat` again.
    pub fn pause(&self, chat: ChatId, class: ChatClass, retry_after: Duration) {
        let gate = self.gate(chat, class);
        let mut window = lock(&gate.window);
        let until = Instant::now() + retry_after;
        window.paused_until = Some(
            window
                .paused_until
                .map_or(until, |current| current.max(until)),
        );
    }

    fn gate(&self, chat: ChatId, class: ChatClass) -> Arc<ChatGate> {
        let rate = match class {
            ChatClass::Private => self.limits.private_chat,
            ChatClass::Group => self.limits.group,
            ChatClass::Unlimited => None,
        };
        let mut chats = lock(&self.chats);
        if chats.len() >= MAX_TRACKED_CHATS && !chats.contains_key(&chat) {
            let now = Instant::now();
            chats.retain(|_, gate| Arc::strong_count(gate) > 1 || !lock(&gate.window).is_idle(now));
        }
        Arc::clone(
            chats
                .entry(chat)
                .or_insert_with(|| Arc::new(ChatGate::new(rate))),
        )
    }
}

impl ChatGate {
    fn new(rate: Option<Rate>) -> ChatGate {
        ChatGate {
            queue: tokio::sync::Mutex::new(()),
            window: Mutex::new(Window {
                rate,
                sent: VecDeque::new(),
                paused_until: None,
            }),
        }
    }

    async fn wait_for_slot(&self, cost: u32) {
        loop {
            let ready_at = lock(&self.window).ready_at(Instant::now(), cost);
            match ready_at {
                Some(at) => tokio::time::sleep_until(at).await,
                None => return,
            }
        }
    }

    fn record(&self, cost: u32) {
        lock(&self.window).record(Instant::now(), cost);
    }
}

impl Window {
    /// When `cost` more messages fit, or `None` if they fit now.
    fn ready_at(&mut self, now: Instant, cost: u32) -> Option<Instant> {
        let mut ready = self.paused_until.filter(|until| *until > now);
        if let Some(rate) = self.rate.filter(|_| cost > 0) {
            let horizon = rate.per + margin(rate.per);
            while self
                .sent
                .front()
                .is_some_and(|sent| now.duration_since(*sent) >= horizon)
            {
                self.sent.pop_front();
            }
            let cost = cost.min(rate.count) as usize;
            let allowed = rate.count as usize;
            if self.sent.len() + cost > allowed {
                // The oldest sends must leave the window before `cost` more fit.
                let must_expire = self.sent.len() + cost - allowed;
                let at = self.sent[must_expire - 1] + horizon;
                ready = Some(ready.map_or(at, |paused| paused.max(at)));
            }
        }
        ready
    }

    fn record(&mut self, now: Instant, cost: u32) {
        if let Some(rate) = self.rate {
            for _ in 0..cost.min(rate.count) {
                self.sent.push_back(now);
            }
        }
    }

    fn is_idle(&self, now: Instant) -> bool {
        let paused = self.paused_until.is_some_and(|until| until > now);
        let recent = match (self.rate, self.sent.back()) {
            (Some(rate), Some(last)) => now.duration_since(*last) < rate.per + margin(rate.per),
            _ => false,
        };
        !paused && !recent
    }
}

/// Extra spacing so that a message sent exactly one window after another is not counted in
/// the same window by the server, whose clock reads a little later than ours.
fn margin(per: Duration) -> Duration {
    (per / 100).clamp(Duration::from_millis(5), Duration::from_millis(50))
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(count: u32, per_ms: u64) -> Limits {
        let rate = Rate {
            count,
            per: Duration::from_millis(per_ms),
        };
        Limits {
            private_chat: Some(rate),
            group: Some(rate),
            global: None,
        }
    }

    #[test]
    fn rates_parse_from_text() {
        assert_eq!(
            Rate::parse("20/1m"),
            Some(Rate {
                count: 20,
                per: Duration::from_secs(60)
            })
        );
        assert_eq!(
            Rate::parse(" 1 / 1s "),
            Some(Rate {
                count: 1,
                per: Duration::from_secs(1)
            })
        );
        assert_eq!(Rate::parse("0/1s"), None);
        assert_eq!(Rate::parse("5"), None);
        assert_eq!(Rate::parse("5/0s"), None);
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_fits_then_the_window_spaces_the_rest() {
        let limiter = Limiter::new(limits(2, 1000));
        let start = Instant::now();
        for _ in 0..2 {
            limiter.acquire(ChatId(-100), ChatClass::Group, 1).await;
        }
        assert!(start.elapsed() < Duration::from_millis(1));
        limiter.acquire(ChatId(-100), ChatClass::Group, 1).await;
        assert!(start.elapsed() >= Duration::from_millis(1000));
        assert!(start.elapsed() < Duration::from_millis(1100));
    }

    #[tokio::test(start_paused = true)]
    async fn a_pause_holds_only_its_own_chat() {
        let limiter = Limiter::new(limits(100, 1000));
        limiter.pause(ChatId(-100), ChatClass::Group, Duration::from_secs(5));
        let start = Instant::now();
        limiter.acquire(ChatId(7), ChatClass::Private, 1).await;
        assert!(start.elapsed() < Duration::from_millis(1));
        limiter.acquire(ChatId(-100), ChatClass::Group, 1).await;
        assert!(start.elapsed() >= Duration::from_secs(5));
    }

    #[tokio::test(start_paused = true)]
    async fn an_album_counts_as_several_messages() {
        let limiter = Limiter::new(limits(3, 1000));
        let start = Instant::now();
        limiter.acquire(ChatId(-100), ChatClass::Group, 3).await;
        limiter.acquire(ChatId(-100), ChatClass::Group, 1).await;
        assert!(start.elapsed() >= Duration::from_millis(1000));
    }
}
