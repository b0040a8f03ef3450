//! Fault injection: dropped connections (before or after the call is applied), slow answers and
//! bursts of 429, each with a probability, drawn from a seeded generator so runs reproduce; and
//! scripted refusals, where the next call of a method gets an error Telegram can give, and
//! outages of one method (every call of it fails the same way until the outage ends).

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use super::error::ApiError;

/// What can go wrong, and how often (probabilities from 0.0 to 1.0 per call).
#[derive(Clone, Debug, PartialEq)]
pub struct Faults {
    /// Seed of the generator that draws the faults.
    pub seed: u64,
    /// Drop the connection before processing: the call is not applied.
    pub drop_before: f64,
    /// Drop the connection after processing: the call is applied, the answer is lost.
    pub drop_after: f64,
    /// Answer late, after `slow_delay`.
    pub slow: f64,
    /// The extra delay of slow answers.
    pub slow_delay: Duration,
    /// Answer 429 without applying the call.
    pub too_many: f64,
    /// The `retry_after` of injected 429s, in seconds.
    pub retry_after: u64,
    /// Whether `getUpdates` is subject to faults too.
    pub include_get_updates: bool,
}

impl Faults {
    /// No faults at all.
    pub fn none() -> Faults {
        Faults {
            seed: 0,
            drop_before: 0.0,
            drop_after: 0.0,
            slow: 0.0,
            slow_delay: Duration::ZERO,
            too_many: 0.0,
            retry_after: 1,
            include_get_updates: false,
        }
    }
}

impl Default for Faults {
    fn default() -> Self {
        Faults::none()
    }
}

/// How every call of one method fails during an outage, as Telegram's servers fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outage {
    /// `500 Internal Server Error`, the call not applied.
    ServerError,
    /// The connection drops before the call is applied.
    DroppedConnection,
    /// `429 Too Many Requests` with this `retry_after`, the call not applied.
    TooManyRequests {
        /// Seconds to wait.
        retry_after: u64,
    },
}

/// The faults drawn for one call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Draw {
    pub drop_before: bool,
    pub server_error: bool,
    pub too_many: Option<u64>,
    pub slow: Option<Duration>,
    pub drop_after: bool,
}

impl Draw {
    pub fn count(&self) -> u64 {
        u64::from(self.drop_before)
            + u64::from(self.server_error)
            + u64::from(self.too_many.is_some())
            + u64::from(self.slow.is_some())
            + u64::from(self.drop_after)
    }
}

/// The current faults, their generator and the methods out of order.
pub(crate) struct FaultInjector {
    faults: Faults,
    rng: fastrand::Rng,
    /// Errors waiting for the next call of their method, in the order they were scripted.
    refusals: VecDeque<(String, ApiError)>,
    /// Outages by method name (as the spec spells it).
    outages: HashMap<String, Outage>,
    /// While set, every call addressed to a private chat answers 429 with this `retry_after`.
    private_flood: Option<u64>,
}

impl Default for FaultInjector {
    fn default() -> Self {
        FaultInjector {
            faults: Faults::none(),
            rng: fastrand::Rng::with_seed(0),
            refusals: VecDeque::new(),
            outages: HashMap::new(),
            private_flood: None,
        }
    }
}

impl FaultInjector {
    /// Installs new faults and reseeds the generator (outages stay).
    pub fn set(&mut self, faults: Faults) {
        self.rng = fastrand::Rng::with_seed(faults.seed);
        self.faults = faults;
    }

    /// Makes the next valid call of `method` fail with `error` instead of being applied.
    pub fn refuse_next(&mut self, method: &str, error: ApiError) {
        self.refusals.push_back((method.to_owned(), error));
    }

    /// The scripted error for this call of `method`, if one is waiting.
    pub fn take_refusal(&mut self, method: &str) -> Option<ApiError> {
        let at = self
            .refusals
            .iter()
            .position(|(name, _)| name.eq_ignore_ascii_case(method))?;
        self.refusals.remove(at).map(|(_, error)| error)
    }

    /// Starts (`Some(retry_after)`) or ends (`None`) a flood wait on private chats: every call
    /// whose `chat_id` is a user's answers 429 meanwhile, calls to groups and channels go on.
    pub fn set_private_flood(&mut self, retry_after: Option<u64>) {
        self.private_flood = retry_after;
    }

    /// The 429 a call to `chat_id` gets during a flood wait on private chats.
    pub fn private_flood(&self, chat_id: Option<i64>) -> Option<ApiError> {
        let retry_after = self.private_flood?;
        (chat_id? > 0).then(|| ApiError::too_many_requests(retry_after.max(1)))
    }

    /// Starts (`Some`) or ends (`None`) an outage of `method`.
    pub fn set_outage(&mut self, method: &str, outage: Option<Outage>) {
        match outage {
            Some(outage) => self.outages.insert(method.to_owned(), outage),
            None => self.outages.remove(method),
        };
    }

    /// Draws the faults of one call of `method`.
    pub fn draw(&mut self, method: &str) -> Draw {
        if let Some(outage) = self.outages.get(method) {
            return match *outage {
                Outage::ServerError => Draw {
                    server_error: true,
                    ..Draw::default()
                },
                Outage::DroppedConnection => Draw {
                    drop_before: true,
                    ..Draw::default()
                },
                Outage::TooManyRequests { retry_after } => Draw {
                    too_many: Some(retry_after.max(1)),
                    ..Draw::default()
                },
            };
        }
        if method == "getUpdates" && !self.faults.include_get_updates {
            return Draw::default();
        }
        let faults = &self.faults;
        let rng = &mut self.rng;
        let mut hit = |probability: f64| probability > 0.0 && rng.f64() < probability;
        let drop_before = hit(faults.drop_before);
        if drop_before {
            return Draw {
                drop_before,
                ..Draw::default()
            };
        }
        let too_many = hit(faults.too_many).then_some(faults.retry_after.max(1));
        if too_many.is_some() {
            return Draw {
                too_many,
                ..Draw::default()
            };
        }
        let slow = hit(faults.slow).then_some(faults.slow_delay);
        let drop_after = hit(faults.drop_after);
        Draw {
            drop_before,
            server_error: false,
            too_many,
            slow,
            drop_after,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_faults() {
        let faults = Faults {
            seed: 7,
            drop_before: 0.3,
            drop_after: 0.3,
            too_many: 0.3,
            ..Faults::none()
        };
        let draws = |faults: &Faults| {
            let mut injector = FaultInjector::default();
            injector.set(faults.clone());
            (0..50)
                .map(|_| injector.draw("sendMessage"))
                .collect::<Vec<_>>()
        };
        assert_eq!(draws(&faults), draws(&faults));
        assert!(draws(&faults).iter().any(|draw| draw.count() > 0));
    }

    #[test]
    fn a_scripted_refusal_hits_the_next_call_of_its_method_once() {
        let mut injector = FaultInjector::default();
        injector.refuse_next("sendMessage", ApiError::bad_request("message is too long"));
        assert_eq!(injector.take_refusal("copyMessage"), None);
        assert_eq!(
            injector.take_refusal("sendMessage"),
            Some(ApiError::bad_request("message is too long"))
        );
        assert_eq!(injector.take_refusal("sendMessage"), None);
    }

    #[test]
    fn get_updates_is_spared_unless_asked() {
        let mut injector = FaultInjector::default();
        injector.set(Faults {
            drop_before: 1.0,
            ..Faults::none()
        });
        assert_eq!(injector.draw("getUpdates"), Draw::default());
        assert!(injector.draw("sendMessage").drop_before);
    }

    #[test]
    fn an_outage_fails_every_call_of_its_method_until_it_ends() {
        let mut injector = FaultInjector::default();
        injector.set_outage("getChatMember", Some(Outage::ServerError));
        for _ in 0..3 {
            assert!(injector.draw("getChatMember").server_error);
        }
        assert_eq!(injector.draw("sendMessage"), Draw::default());
        injector.set_outage("getChatMember", None);
        assert_eq!(injector.draw("getChatMember"), Draw::default());
    }
}
