//! Housekeeping: every [`INTERVAL`], at start and after a clean stop, the database is flushed
//! with writers paused and every sealing key that no stored value needs any more is destroyed
//! (see `storage::seal`), so what sled's log still keeps of handled messages cannot be read.
//! Redelivery marks older than three days are forgotten at the same time.

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::inbox;
use crate::storage::Store;

/// How often housekeeping runs while the bot runs.
pub const INTERVAL: Duration = Duration::from_secs(5 * 60);

/// How long redelivery marks are kept (Telegram never redelivers after a day).
const SEEN_RETENTION_MS: i64 = 3 * 24 * 3600 * 1000;

/// Runs housekeeping every [`INTERVAL`] until `stop` (the first run is immediate).
pub async fn run(store: Store, stop: CancellationToken) {
    loop {
        let task_store = store.clone();
        if let Err(error) = tokio::task::spawn_blocking(move || once(&task_store)).await {
            tracing::error!(%error, "housekeeping failed");
        }
        tokio::select! {
            () = tokio::time::sleep(INTERVAL) => {}
            () = stop.cancelled() => return,
        }
    }
}

/// One round of housekeeping; problems are logged and retried on the next round.
pub fn once(store: &Store) {
    match inbox::prune_seen(store, SEEN_RETENTION_MS) {
        Ok(pruned) if pruned > 0 => tracing::debug!(pruned, "old redelivery marks forgotten"),
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "cannot prune redelivery marks"),
    }
    match store.housekeeping() {
        Ok(retired) => tracing::debug!(
            destroyed = retired.destroyed,
            kept = retired.kept,
            "sealing keys no stored value needs destroyed"
        ),
        Err(error) => tracing::error!(%error, "cannot retire sealing keys"),
    }
}
