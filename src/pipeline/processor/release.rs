//! Releasing the updates that waited for a membership check: each thread's queue in order, as
//! soon as the translator can check again (see [`held`]).

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::{Action, Prepared, Processor, Translation, Translator};
use crate::pipeline::clock;
use crate::pipeline::held::{self, Waiting};
use crate::storage::TreeName;

impl<T: Translator> Processor<T> {
    /// The waiting queues as stored (retrying while storage fails).
    pub(super) async fn load_waiting(&self, shutdown: &CancellationToken) -> Waiting {
        loop {
            match Waiting::load(&self.store) {
                Ok(waiting) => return waiting,
                Err(error) => {
                    tracing::error!(%error, "cannot read the waiting updates");
                    if shutdown.is_cancelled() {
                        return Waiting::default();
                    }
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }

    /// Releases waiting updates, each queue in order, until one still cannot be understood
    /// (then the cause is shared by all, so the others are not tried either).
    pub(super) async fn release(&self, waiting: &mut Waiting, shutdown: &CancellationToken) {
        let threads = waiting.len();
        let mut released = 0usize;
        let none = Waiting::default();
        'queues: for queue in waiting.queues() {
            loop {
                if shutdown.is_cancelled() {
                    break 'queues;
                }
                let (key, item) = match held::head(&self.store, queue) {
                    Ok(Some(head)) => head,
                    Ok(None) => {
                        waiting.remove(queue);
                        break;
                    }
                    Err(error) => {
                        tracing::error!(%error, "cannot read the waiting updates");
                        break 'queues;
                    }
                };
                let event = match self.translate(&item, &none).await {
                    Ok(Translation::Event(event)) => event,
                    Ok(Translation::Wait { .. }) | Err(_) => break 'queues,
                };
                let entry = Prepared {
                    key,
                    action: Action::Process(event),
                    now: clock::now(),
                    workspace: self.workspace.get(),
                };
                match self.commit(std::slice::from_ref(&entry), TreeName::Held) {
                    Ok(committed) => {
                        released += 1;
                        self.finish(committed).await;
                    }
                    Err(error) => {
                        tracing::error!(%error, "a waiting update could not be processed; it keeps waiting");
                        break 'queues;
                    }
                }
            }
        }
        if released > 0 {
            tracing::info!(
                released,
                threads,
                still_waiting = waiting.len(),
                "waiting team-chat messages were released in order"
            );
        }
    }
}
