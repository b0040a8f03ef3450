//! Keeps the desk's list of administrators of the team's chat (the channel, or the forum)
//! fresh: asks Telegram at start and then every `team_cache_ttl`, and hands each listing to the
//! desk through the inbox. Changes Telegram reports as they happen (`chat_member`) apply at
//! once through the translator; a listing only corrects what was missed, and never overrides a
//! change reported after it was asked for.

use std::sync::Arc;
use std::time::Duration;

use teloxide::prelude::*;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::directory::TeamDirectory;
use super::errors::redact;
use crate::desk::Event;
use crate::domain::UserId;
use crate::pipeline::{clock, inbox};
use crate::storage::Store;

/// Listings are at least this far apart, whatever `team_cache_ttl` says (0 disables the cache).
const MIN_INTERVAL: Duration = Duration::from_secs(30);

/// Lists the administrators every `every` (at least `MIN_INTERVAL`) until `shutdown`.
pub async fn run(
    bot: Bot,
    store: Store,
    directory: Arc<TeamDirectory>,
    every: Duration,
    inbox_wake: Arc<Notify>,
    token: String,
    shutdown: CancellationToken,
) {
    let every = every.max(MIN_INTERVAL);
    loop {
        let chat = teloxide::types::ChatId(directory.chat().0);
        let asked_at = clock::now();
        let asked = tokio::time::Instant::now();
        let wait = match bot.get_chat_administrators(chat).await {
            Ok(members) => {
                let mut admins: Vec<(UserId, String)> = members
                    .iter()
                    .filter(|member| !member.user.is_bot)
                    .map(|member| (UserId(member.user.id.0 as i64), member.user.full_name()))
                    .collect();
                admins.sort();
                for (id, _) in &admins {
                    directory.remember_listed(*id, true, asked);
                }
                match inbox::push_event_now(&store, Event::AdminsListed { admins, asked_at }) {
                    Ok(()) => inbox_wake.notify_one(),
                    Err(error) => tracing::error!(%error, "cannot store the administrators"),
                }
                every
            }
            Err(error) => {
                tracing::warn!(error = %redact(&error.to_string(), &token), "cannot list the team chat's administrators; the last list stays until this works");
                MIN_INTERVAL
            }
        };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = shutdown.cancelled() => return,
        }
    }
}
