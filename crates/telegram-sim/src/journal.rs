//! The journal of calls: every Bot API call with its parameters and outcome, and the counters
//! (calls per method, 429s issued, faults injected) tests and benchmarks read back.

use std::collections::{BTreeMap, VecDeque};

use serde_json::Value;

use super::ids::UserId;

/// One Bot API call as the simulator saw it.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// The method, as the reference spells it (`sendMessage`), or as sent if unknown.
    pub method: String,
    /// The bot that called, if the token was valid.
    pub bot: Option<UserId>,
    /// The parameters, normalised to JSON (uploads appear as `attach://<part>`).
    pub params: Value,
    /// Whether the answer was `ok: true`.
    pub ok: bool,
    /// The `error_code` of a failed call.
    pub error_code: Option<i32>,
    /// The `description` of a failed call.
    pub description: Option<String>,
}

/// Totals since the simulator started.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Calls per method.
    pub calls_by_method: BTreeMap<String, u64>,
    /// 429 answers issued (rate limits and injected bursts).
    pub too_many_requests: u64,
    /// Faults injected (drops, slow answers, injected 429s).
    pub faults_injected: u64,
    /// Connections dropped before the call was applied.
    pub dropped_before: u64,
    /// Connections dropped after the call was applied.
    pub dropped_after: u64,
}

impl Counters {
    /// Calls of one method.
    pub fn calls(&self, method: &str) -> u64 {
        self.calls_by_method.get(method).copied().unwrap_or(0)
    }
}

/// The last calls (bounded) and the counters.
pub(crate) struct Journal {
    calls: VecDeque<Call>,
    capacity: usize,
    pub counters: Counters,
}

impl Journal {
    pub fn new(capacity: usize) -> Journal {
        Journal {
            calls: VecDeque::new(),
            capacity,
            counters: Counters::default(),
        }
    }

    pub fn record(&mut self, call: Call) {
        *self
            .counters
            .calls_by_method
            .entry(call.method.clone())
            .or_default() += 1;
        if call.error_code == Some(429) {
            self.counters.too_many_requests += 1;
        }
        if self.capacity == 0 {
            return;
        }
        if self.calls.len() == self.capacity {
            self.calls.pop_front();
        }
        self.calls.push_back(call);
    }

    pub fn calls(&self) -> Vec<Call> {
        self.calls.iter().cloned().collect()
    }
}
