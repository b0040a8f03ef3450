//! Sliding-window rate limits per private chat, per group or channel, and per bot, counting
//! the messages a call creates. Exceeding one yields Telegram's 429 with `retry_after`.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use super::ids::{ChatRef, UserId};

/// At most `count` messages per `per`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    /// Messages allowed in one window.
    pub count: u32,
    /// The window's length.
    pub per: Duration,
}

impl Rate {
    /// `count` messages per `per`.
    pub fn new(count: u32, per: Duration) -> Rate {
        Rate { count, per }
    }

    /// `count` messages per second.
    pub fn per_second(count: u32) -> Rate {
        Rate::new(count, Duration::from_secs(1))
    }

    /// `count` messages per minute.
    pub fn per_minute(count: u32) -> Rate {
        Rate::new(count, Duration::from_secs(60))
    }
}

/// The rate limits applied to sending methods (`send*`, `copy*`, `forward*`); `None` means
/// unlimited. All off by default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Per private chat (Telegram: about 1 per second).
    pub private_chat: Option<Rate>,
    /// Per group or channel (Telegram: about 20 per minute).
    pub group: Option<Rate>,
    /// Per bot over all chats (Telegram: about 30 per second).
    pub global: Option<Rate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Window {
    Chat(UserId, ChatRef),
    Global(UserId),
}

/// The windows of recent sends.
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    limits: Limits,
    windows: HashMap<Window, VecDeque<Instant>>,
}

impl RateLimiter {
    pub fn set(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// Admits `count` new messages from `bot` into `chat`, or says how many whole seconds to
    /// wait. Nothing is recorded when the call is refused.
    pub fn admit(
        &mut self,
        bot: UserId,
        chat: ChatRef,
        count: usize,
        now: Instant,
    ) -> Result<(), u64> {
        let chat_rate = match chat {
            ChatRef::Private { .. } => self.limits.private_chat,
            ChatRef::Public(_) => self.limits.group,
        };
        let checks = [
            (Window::Chat(bot, chat), chat_rate),
            (Window::Global(bot), self.limits.global),
        ];
        let mut wait = Duration::ZERO;
        for (window, rate) in checks {
            if let Some(rate) = rate {
                let entries = self.windows.entry(window).or_default();
                wait = wait.max(wait_needed(entries, rate, count, now));
            }
        }
        if !wait.is_zero() {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            return Err(seconds.max(1));
        }
        for (window, rate) in checks {
            if rate.is_some() {
                let entries = self.windows.entry(window).or_default();
                entries.extend(std::iter::repeat_n(now, count));
            }
        }
        Ok(())
    }
}

/// How long until `count` more entries fit in the window (zero if they fit now). A call larger
/// than the whole window needs an empty window.
fn wait_needed(
    entries: &mut VecDeque<Instant>,
    rate: Rate,
    count: usize,
    now: Instant,
) -> Duration {
    while entries
        .front()
        .is_some_and(|sent| now.duration_since(*sent) >= rate.per)
    {
        entries.pop_front();
    }
    let capacity = rate.count as usize;
    let needed = count.min(capacity.max(1));
    if entries.len() + needed <= capacity {
        return Duration::ZERO;
    }
    let must_expire = entries.len() + needed - capacity;
    entries.get(must_expire - 1).map_or(rate.per, |sent| {
        (*sent + rate.per).saturating_duration_since(now)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::ChatId;

    #[test]
    fn a_window_admits_up_to_its_count_then_names_the_wait() {
        let mut limiter = RateLimiter::default();
        limiter.set(Limits {
            group: Some(Rate::per_minute(2)),
            ..Limits::default()
        });
        let bot = UserId(1);
        let chat = ChatRef::Public(ChatId(-1));
        let start = Instant::now();
        assert_eq!(limiter.admit(bot, chat, 1, start), Ok(()));
        assert_eq!(
            limiter.admit(bot, chat, 1, start + Duration::from_secs(10)),
            Ok(())
        );
        assert_eq!(
            limiter.admit(bot, chat, 1, start + Duration::from_secs(20)),
            Err(40)
        );
        assert_eq!(
            limiter.admit(bot, chat, 1, start + Duration::from_millis(59_500)),
            Err(1)
        );
        assert_eq!(
            limiter.admit(bot, chat, 1, start + Duration::from_secs(60)),
            Ok(())
        );
    }

    #[test]
    fn a_call_creating_several_messages_counts_each() {
        let mut limiter = RateLimiter::default();
        limiter.set(Limits {
            global: Some(Rate::per_second(3)),
            ..Limits::default()
        });
        let now = Instant::now();
        let chat = ChatRef::Public(ChatId(-1));
        assert_eq!(limiter.admit(UserId(1), chat, 2, now), Ok(()));
        assert_eq!(limiter.admit(UserId(1), chat, 2, now), Err(1));
        assert_eq!(limiter.admit(UserId(1), chat, 1, now), Ok(()));
    }
}
