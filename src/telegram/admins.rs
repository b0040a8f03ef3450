//! Keeps the desk's list of channel administrators fresh: asks Telegram at start and then
//! periodically, and hands changes to the desk through the inbox.

use std::sync::Arc;
use std::time::Duration;

use teloxide::prelude::*;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::directory::TeamDirectory;
use super::errors::redact;
use crate::desk::Event;
use crate::domain::UserId;
use crate::pipeline::inbox;
use crate::storage::Store;

/// Refreshes the administrators every `every` until `shutdown`.
pub async fn run(
    bot: Bot,
    store: Store,
    directory: Arc<TeamDirectory>,
    every: Duration,
    inbox_wake: Arc<Notify>,
    token: String,
    shutdown: CancellationToken,
) {
    let mut last: Option<Vec<(UserId, String)>> = None;
    loop {
        let channel = teloxide::types::ChatId(directory.channel().0);
        let wait = match bot.get_chat_administrators(channel).await {
            Ok(members) => {
                let mut admins: Vec<(UserId, String)> = members
                    .iter()
                    .filter(|member| !member.user.is_bot)
                    .map(|member| (UserId(member.user.id.0 as i64), member.user.full_name()))
                    .collect();
                admins.sort();
                for (id, _) in &admins {
                    directory.remember(*id, true);
                }
                if last.as_ref() != Some(&admins) {
                    match inbox::push_event_now(
                        &store,
                        Event::AdminsRefreshed {
                            admins: admins.clone(),
                        },
                    ) {
                        Ok(()) => {
                            inbox_wake.notify_one();
                            last = Some(admins);
                        }
                        Err(error) => tracing::error!(%error, "cannot store the administrators"),
                    }
                }
                every
            }
            Err(error) => {
                tracing::warn!(error = %redact(&error.to_string(), &token), "cannot list the channel's administrators; retrying");
                Duration::from_secs(30).min(every)
            }
        };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = shutdown.cancelled() => return,
        }
    }
}
