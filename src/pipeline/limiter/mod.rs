//! Rate limiting per destination chat and overall, matching Telegram's published limits.
//!
//! Each limit is a sliding window: at most `count` messages in any `per` interval. Senders for
//! one chat queue fairly (first come, first served) on that chat's window, then on the global
//! one. A 429 pauses only the chat it came from, for the `retry_after` Telegram asked for, so a
//! throttled team chat never delays replies to customers.
//!
//! For one window after this process started, and after each 429, the chat *probes*: one
//! message at a time, the next one admitted once the previous one is answered, until Telegram
//! accepts a message sent a whole window after that moment. Until then the window counted here
//! may not be the one Telegram counts (a restarted bot does not know what it sent just before;
//! Telegram's limits may be stricter than configured), and messages sent together would all
//! come back with 429; after it, every message in Telegram's window was sent and counted here.
//!
//! - `tests` (tests): windows, fairness, pauses after a 429 and probing.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use crate::domain::ChatId;
pub use crate::domain::{Limits, Rate};

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

/// Shared limiter state.
pub struct Limiter {
    limits: Limits,
    chats: Mutex<HashMap<ChatId, Arc<ChatGate>>>,
    global: ChatGate,
    /// Senders of every other lane waiting for (or taking) a global slot: while any does,
    /// background sends (broadcasts) wait.
    foreground: AtomicUsize,
}

/// Counts a foreground sender waiting for a global slot until dropped.
struct Foreground<'a>(&'a AtomicUsize);

impl Drop for Foreground<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One window and the queue of senders waiting on it.
struct ChatGate {
    /// Serialises waiters so they are served in arrival order.
    queue: tokio::sync::Mutex<()>,
    window: Mutex<Window>,
    /// Signalled when a probe is answered.
    probe_answered: tokio::sync::Notify,
}

struct Window {
    rate: Option<Rate>,
    sent: VecDeque<Instant>,
    paused_until: Option<Instant>,
    /// Messages go one at a time: Telegram's window may hold messages not counted here.
    probing: bool,
    /// Since when Telegram's window may hold messages not counted here (the start, or the last
    /// 429).
    uncertain_since: Instant,
    /// When the probe on its way was sent, if one is.
    probe_in_flight: Option<Instant>,
}

/// Permission to send, from [`Limiter::acquire`]. Report Telegram's answer with
/// [`Admission::accepted`]; dropping it means the answer was a 429 (after [`Limiter::pause`])
/// or is unknown, and the chat keeps probing.
pub struct Admission {
    /// The gate, when this admission is its chat's probe.
    probe: Option<Arc<ChatGate>>,
}

impl Admission {
    /// Telegram answered the call, other than with a 429: the chat's window is trusted.
    pub fn accepted(mut self) {
        if let Some(gate) = self.probe.take() {
            gate.end_probe(true);
        }
    }
}

impl Drop for Admission {
    fn drop(&mut self) {
        if let Some(gate) = self.probe.take() {
            gate.end_probe(false);
        }
    }
}

/// How often a background sender looks again whether the global window is free for it.
const BACKGROUND_POLL: Duration = Duration::from_millis(2);

/// Forget idle chat windows once this many are tracked.
const MAX_TRACKED_CHATS: usize = 4096;

impl Limiter {
    /// A limiter enforcing `limits`.
    pub fn new(limits: Limits) -> Limiter {
        Limiter {
            limits,
            chats: Mutex::new(HashMap::new()),
            global: ChatGate::new(limits.global),
            foreground: AtomicUsize::new(0),
        }
    }

    /// Waits until `cost` messages may be sent to `chat` (and, while it probes, until the
    /// previous message is answered), and records them as sent.
    pub async fn acquire(&self, chat: ChatId, class: ChatClass, cost: u32) -> Admission {
        if class == ChatClass::Unlimited {
            return Admission { probe: None };
        }
        let gate = self.gate(chat, class);
        let _turn = gate.queue.lock().await;
        gate.wait_for_probe().await;
        gate.wait_for_slot(cost).await;
        {
            self.foreground.fetch_add(1, Ordering::SeqCst);
            let _waiting = Foreground(&self.foreground);
            let _global_turn = self.global.queue.lock().await;
            self.global.wait_for_slot(cost).await;
            self.global.record(cost);
        }
        gate.record(cost);
        let probe = gate.start_probe().then(|| Arc::clone(&gate));
        Admission { probe }
    }

    /// Like [`Limiter::acquire`], at the lowest priority: a global slot is taken only while no
    /// other sender waits for one, so other lanes are delayed by at most the one background
    /// send that took a slot just before they asked.
    pub async fn acquire_background(&self, chat: ChatId, class: ChatClass, cost: u32) -> Admission {
        if class == ChatClass::Unlimited {
            return Admission { probe: None };
        }
        let gate = self.gate(chat, class);
        let _turn = gate.queue.lock().await;
        gate.wait_for_probe().await;
        gate.wait_for_slot(cost).await;
        loop {
            while self.foreground.load(Ordering::SeqCst) > 0 {
                tokio::time::sleep(BACKGROUND_POLL).await;
            }
            let ready_at = {
                let _global_turn = self.global.queue.lock().await;
                if self.foreground.load(Ordering::SeqCst) > 0 {
                    continue;
                }
                let mut window = lock(&self.global.window);
                let now = Instant::now();
                let ready_at = window.ready_at(now, cost);
                if ready_at.is_none() {
                    window.record(now, cost);
                }
                ready_at
            };
            match ready_at {
                Some(at) => {
                    tokio::time::sleep_until(at.min(Instant::now() + BACKGROUND_POLL)).await
                }
                None => break,
            }
        }
        gate.record(cost);
        let probe = gate.start_probe().then(|| Arc::clone(&gate));
        Admission { probe }
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
        window.probing = true;
        window.uncertain_since = Instant::now();
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
                probing: true,
                uncertain_since: Instant::now(),
                probe_in_flight: None,
            }),
            probe_answered: tokio::sync::Notify::new(),
        }
    }

    /// Waits while the chat probes and its probe is unanswered.
    async fn wait_for_probe(&self) {
        loop {
            let answered = self.probe_answered.notified();
            tokio::pin!(answered);
            answered.as_mut().enable();
            {
                let window = lock(&self.window);
                if !(window.probing && window.probe_in_flight.is_some()) {
                    return;
                }
            }
            answered.await;
        }
    }

    /// Marks a probe as sent if the chat probes; returns whether it does.
    fn start_probe(&self) -> bool {
        let mut window = lock(&self.window);
        if window.probing {
            window.probe_in_flight = Some(Instant::now());
        }
        window.probing
    }

    /// The probe was answered (`accepted`), or refused with a 429 or lost (not `accepted`).
    /// Probing ends with an accepted message sent a whole window after the uncertainty began.
    fn end_probe(&self, accepted: bool) {
        {
            let mut window = lock(&self.window);
            let sent = window.probe_in_flight.take();
            let settled = window.rate.is_none_or(|rate| {
                window.uncertain_since + rate.per + margin(rate.per)
                    <= sent.unwrap_or(window.uncertain_since)
            });
            if accepted && settled {
                window.probing = false;
            }
        }
        self.probe_answered.notify_waiters();
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
        let paused =
            self.paused_until.is_some_and(|until| until > now) || self.probe_in_flight.is_some();
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
mod tests;
