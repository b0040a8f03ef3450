//! Who is on the team: members and administrators of the chat that defines it (the channel, or
//! the forum), cached.
//!
//! Membership is asked of Telegram (`getChatMember`) the first time someone acts, then trusted
//! for `team_cache_ttl`; `chat_member` updates correct the cache at once. The inline mode path
//! only ever reads the cache, or asks once.
//!
//! A check can fail for a reason other than "not a member": the bot lost its access to the chat,
//! Telegram answers 5xx or 429, the network fails, the answer is late. That is [`Unchecked`],
//! never "outside the team". The directory then stops asking (checks of unknown people answer
//! [`Unchecked`] at once, so nothing stalls), probes Telegram with backoff in
//! [`TeamDirectory::run_probes`], logs a warning and names the problem in the health report,
//! and signals `restored` as soon as a check succeeds again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use teloxide::prelude::*;
use teloxide::{ApiError, RequestError};
use tokio::sync::Notify;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::errors::redact;
use super::raw_call;
use crate::domain::{ChatId, UserId};
use crate::pipeline::health::Problems;

/// A membership check that takes longer counts as failed (teloxide itself waits 10 s after a
/// 5xx answer before reporting it).
const CHECK_TIMEOUT: Duration = Duration::from_secs(3);

/// The first wait before probing again after a failed check; it doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(500);

/// The longest wait between two probes.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// The cache keeps at most this many answers before forgetting the expired ones.
const CACHE_LIMIT: usize = 10_000;

/// The name of the problem reported to the health check while checks fail.
const PROBLEM: &str = "team_membership";

/// A membership could not be checked (which is not the same as "not a member").
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("team membership cannot be checked: {reason}")]
pub struct Unchecked {
    /// Why, in Telegram's or the network's words (without the token).
    pub reason: String,
}

/// A cached answer.
#[derive(Clone, Copy, Debug)]
struct Known {
    is_team: bool,
    /// When it was learnt: answers expire, and a listing older than an update does not win.
    at: Instant,
}

/// Checks are failing: who to probe with, why, and when to try again.
#[derive(Clone, Debug)]
struct Failing {
    user: UserId,
    reason: String,
    attempts: u32,
    next_try: Instant,
}

/// The cached team membership of users.
pub struct TeamDirectory {
    bot: Bot,
    chat: ChatId,
    ttl: Duration,
    /// The bot token, removed from any error text kept.
    token: String,
    cache: Mutex<HashMap<UserId, Known>>,
    failing: Mutex<Option<Failing>>,
    /// Wakes the prober (a check failed, or the bot's access changed).
    probe: Notify,
    /// Signalled when checks work again, for whoever keeps messages waiting.
    restored: Arc<Notify>,
    problems: Arc<Problems>,
}

impl TeamDirectory {
    /// A directory of the members of `chat`, trusting answers for `ttl`; `restored` is
    /// signalled when checks work again after failing, and failures are listed in `problems`.
    pub fn new(
        bot: Bot,
        chat: ChatId,
        ttl: Duration,
        token: String,
        restored: Arc<Notify>,
        problems: Arc<Problems>,
    ) -> TeamDirectory {
        TeamDirectory {
            bot,
            chat,
            ttl,
            token,
            cache: Mutex::new(HashMap::new()),
            failing: Mutex::new(None),
            probe: Notify::new(),
            restored,
            problems,
        }
    }

    /// Whether the user is a member or administrator of the team's chat.
    pub async fn is_team(&self, user: UserId) -> Result<bool, Unchecked> {
        if let Some(known) = self.cached(user) {
            return Ok(known);
        }
        if let Some(failing) = lock(&self.failing).as_ref() {
            return Err(Unchecked {
                reason: failing.reason.clone(),
            });
        }
        self.ask(user).await
    }

    /// The cached answer, if still fresh (never asks Telegram).
    pub fn cached(&self, user: UserId) -> Option<bool> {
        lock(&self.cache)
            .get(&user)
            .filter(|known| known.at.elapsed() < self.ttl)
            .map(|known| known.is_team)
    }

    /// Records a membership Telegram reported (a `chat_member` update): it applies at once.
    pub fn remember(&self, user: UserId, is_team: bool) {
        self.store(user, is_team, Instant::now());
    }

    /// Records a membership from a listing asked for at `asked_at`, unless something newer is
    /// known about the user.
    pub fn remember_listed(&self, user: UserId, is_team: bool, asked_at: Instant) {
        let newer = lock(&self.cache)
            .get(&user)
            .is_some_and(|known| known.at >= asked_at);
        if !newer {
            self.store(user, is_team, asked_at);
        }
    }

    /// The bot's own membership of the team's chat changed: if checks were failing, try again
    /// now (the access may be back).
    pub fn access_changed(&self) {
        if let Some(failing) = lock(&self.failing).as_mut() {
            failing.next_try = Instant::now();
        }
        self.probe.notify_one();
    }

    /// The chat whose members are the team.
    pub fn chat(&self) -> ChatId {
        self.chat
    }

    /// While checks fail, asks Telegram again with backoff until one succeeds, until
    /// `shutdown`.
    pub async fn run_probes(self: Arc<Self>, shutdown: CancellationToken) {
        loop {
            let due = lock(&self.failing)
                .as_ref()
                .map(|failing| (failing.next_try, failing.user));
            let Some((next_try, user)) = due else {
                tokio::select! {
                    () = self.probe.notified() => continue,
                    () = shutdown.cancelled() => return,
                }
            };
            tokio::select! {
                () = tokio::time::sleep_until(next_try) => {}
                () = self.probe.notified() => continue,
                () = shutdown.cancelled() => return,
            }
            if lock(&self.failing).is_some() {
                let _ = self.ask(user).await;
            }
        }
    }

    /// Asks Telegram, recording the answer or the failure.
    async fn ask(&self, user: UserId) -> Result<bool, Unchecked> {
        if u64::try_from(user.0).is_err() {
            return Ok(false);
        }
        let request = raw_call::get_chat_member(&self.bot, self.chat, user);
        let reason = match tokio::time::timeout(CHECK_TIMEOUT, request).await {
            Ok(Ok(member)) => {
                let is_team = member.counts_as_team().unwrap_or_else(|| {
                    tracing::warn!(%user, status = %member.status, "a status this version does not know; treated as outside the team");
                    false
                });
                return Ok(self.decided(user, is_team));
            }
            Ok(Err(RequestError::Api(error))) if is_not_a_member(&error) => {
                tracing::debug!(%user, %error, "Telegram does not know the user here: outside the team");
                return Ok(self.decided(user, false));
            }
            Ok(Err(error)) => redact(&error.to_string(), &self.token),
            Err(_) => format!(
                "Telegram did not answer within {} s",
                CHECK_TIMEOUT.as_secs()
            ),
        };
        self.failed(user, reason.clone());
        Err(Unchecked { reason })
    }

    /// A check succeeded: remember it, and if checks were failing, say they work again.
    fn decided(&self, user: UserId, is_team: bool) -> bool {
        self.remember(user, is_team);
        if lock(&self.failing).take().is_some() {
            tracing::info!(chat = %self.chat, "team membership can be checked again; waiting team-chat messages go out in order");
            self.problems.clear(PROBLEM);
            self.restored.notify_one();
        }
        is_team
    }

    /// A check failed for a reason other than "not a member".
    fn failed(&self, user: UserId, reason: String) {
        let mut failing = lock(&self.failing);
        let attempts = failing.as_ref().map_or(0, |failing| failing.attempts) + 1;
        let first = failing.is_none();
        let changed = failing
            .as_ref()
            .is_some_and(|failing| failing.reason != reason);
        if first || changed {
            tracing::warn!(chat = %self.chat, %reason, "cannot check team membership; team-chat messages wait until it works (is the bot still an administrator there?)");
        } else {
            tracing::debug!(chat = %self.chat, %reason, attempts, "team membership still cannot be checked");
        }
        self.problems.set(
            PROBLEM,
            format!(
                "cannot check team membership in chat {}: {reason}; team-chat messages wait until the bot can check again",
                self.chat
            ),
        );
        let backoff = FIRST_BACKOFF
            .saturating_mul(2u32.saturating_pow(attempts.saturating_sub(1).min(16)))
            .min(MAX_BACKOFF);
        *failing = Some(Failing {
            user,
            reason,
            attempts,
            next_try: Instant::now() + backoff,
        });
        drop(failing);
        self.probe.notify_one();
    }

    fn store(&self, user: UserId, is_team: bool, at: Instant) {
        let mut cache = lock(&self.cache);
        if cache.len() >= CACHE_LIMIT {
            let ttl = self.ttl;
            cache.retain(|_, known| known.at.elapsed() < ttl);
        }
        cache.insert(user, Known { is_team, at });
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether Telegram's refusal means the user is not in the chat (rather than that the bot
/// cannot look).
fn is_not_a_member(error: &ApiError) -> bool {
    match error {
        ApiError::UserNotFound => true,
        ApiError::Unknown(text) => {
            let lower = text.to_ascii_lowercase();
            [
                "user not found",
                "user_id_invalid",
                "participant_id_invalid",
                "user_not_participant",
                "member not found",
            ]
            .iter()
            .any(|phrase| lower.contains(phrase))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_telegram_saying_the_user_is_not_there_means_outside_the_team() {
        assert!(is_not_a_member(&ApiError::UserNotFound));
        assert!(is_not_a_member(&ApiError::Unknown(
            "Bad Request: PARTICIPANT_ID_INVALID".into()
        )));
        for access in [
            "Forbidden: bot is not a member of the channel chat",
            "Bad Request: member list is inaccessible",
            "Internal Server Error",
            "Bad Request: not enough rights",
        ] {
            assert!(
                !is_not_a_member(&ApiError::Unknown(access.into())),
                "{access}"
            );
        }
        assert!(!is_not_a_member(&ApiError::ChatNotFound));
        assert!(!is_not_a_member(&ApiError::BotKickedFromChannel));
    }
}
