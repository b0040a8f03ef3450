//! Who is on the team: members and administrators of the channel, cached.
//!
//! Membership is asked of Telegram (`getChatMember`) the first time someone acts, then trusted
//! for a while; `chat_member` updates from the channel correct the cache at once. The inline
//! mode path only ever reads the cache.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use teloxide::RequestError;
use teloxide::prelude::*;

use super::raw_call;
use crate::domain::{ChatId, UserId};

/// The cached team membership of users.
pub struct TeamDirectory {
    bot: Bot,
    channel: ChatId,
    ttl: Duration,
    cache: Mutex<HashMap<UserId, (bool, Instant)>>,
}

impl TeamDirectory {
    /// A directory of the members of `channel`, trusting answers for `ttl`.
    pub fn new(bot: Bot, channel: ChatId, ttl: Duration) -> TeamDirectory {
        TeamDirectory {
            bot,
            channel,
            ttl,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Whether the user is a member or administrator of the channel.
    pub async fn is_team(&self, user: UserId) -> Result<bool, RequestError> {
        if let Some(known) = self.cached(user) {
            return Ok(known);
        }
        if u64::try_from(user.0).is_err() {
            return Ok(false);
        }
        let is_team = match raw_call::get_chat_member(&self.bot, self.channel, user).await {
            Ok(member) => member.counts_as_team().unwrap_or_else(|| {
                tracing::warn!(%user, status = %member.status, "a status this version does not know; treated as outside the team");
                false
            }),
            // Telegram answered but cannot confirm membership ("user not found", ...): not team.
            Err(RequestError::Api(error)) => {
                tracing::debug!(%user, %error, "membership not confirmed; treated as outside the team");
                false
            }
            Err(error) => return Err(error),
        };
        self.remember(user, is_team);
        Ok(is_team)
    }

    /// The cached answer, if still fresh (never asks Telegram).
    pub fn cached(&self, user: UserId) -> Option<bool> {
        let cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache
            .get(&user)
            .filter(|(_, at)| at.elapsed() < self.ttl)
            .map(|(is_team, _)| *is_team)
    }

    /// Records a membership learnt from an update.
    pub fn remember(&self, user: UserId, is_team: bool) {
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache.insert(user, (is_team, Instant::now()));
    }

    /// The channel whose members are the team.
    pub fn channel(&self) -> ChatId {
        self.channel
    }
}
