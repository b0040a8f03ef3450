//! The state every part of the simulator shares: the world behind its mutex, the journal, the
//! fault injector, the configuration, and the runner of follow-up work (automatic forwards,
//! webhook delivery) that must happen outside the lock.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::SimConfig;
use super::faults::FaultInjector;
use super::journal::Journal;
use super::world::{Followup, World};
use super::{channel, updates};

/// Shared by the HTTP server, background tasks and the scripting API.
pub(crate) struct Shared {
    world: Mutex<World>,
    pub journal: Mutex<Journal>,
    pub faults: Mutex<FaultInjector>,
    pub config: SimConfig,
    /// The client webhooks are delivered with.
    pub http: reqwest::Client,
    runtime: tokio::runtime::Handle,
}

/// Locks a mutex, recovering the data if a panicking thread poisoned it.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    pub fn new(world: World, config: SimConfig, runtime: tokio::runtime::Handle) -> Shared {
        Shared {
            world: Mutex::new(world),
            journal: Mutex::new(Journal::new(config.call_log_capacity)),
            faults: Mutex::new(FaultInjector::default()),
            http: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(10))
                .build()
                .unwrap_or_default(),
            config,
            runtime,
        }
    }

    /// Runs `f` on the world under its lock, then starts whatever follow-up work it queued.
    pub fn with_world<R>(self: &Arc<Self>, f: impl FnOnce(&mut World) -> R) -> R {
        let (result, followups) = {
            let mut world = lock(&self.world);
            let result = f(&mut world);
            (result, std::mem::take(&mut world.followups))
        };
        for followup in followups {
            self.start(followup);
        }
        result
    }

    fn start(self: &Arc<Self>, followup: Followup) {
        let shared = Arc::clone(self);
        match followup {
            Followup::AutoForward { channel, post } => {
                let delay = self.config.auto_forward_delay;
                self.runtime.spawn(async move {
                    tokio::time::sleep(delay).await;
                    shared.with_world(|world| channel::auto_forward(world, channel, post));
                });
            }
            Followup::StartWebhook { bot, generation } => {
                self.runtime
                    .spawn(updates::run_webhook(shared, bot, generation));
            }
        }
    }
}
