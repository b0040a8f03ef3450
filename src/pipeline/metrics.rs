//! Counters and histograms describing the pipeline, rendered in Prometheus' text format.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use crate::domain::Timestamp;
use crate::pipeline::clock;

/// Upper bounds (seconds) of the relay latency histogram buckets.
const LATENCY_BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// A value measured when the metrics are rendered (queue depths, open tickets, ...).
pub struct Gauge {
    /// The metric's name.
    pub name: &'static str,
    /// What it measures.
    pub help: &'static str,
    /// Label sets (like `{class="private"}`, or empty) and values.
    pub samples: Vec<(String, f64)>,
}

/// The pipeline's counters. Cheap to update from any task.
#[derive(Default)]
pub struct Metrics {
    updates_received: AtomicU64,
    too_many_requests: AtomicU64,
    retries: AtomicU64,
    webhooks_delivered: AtomicU64,
    webhooks_failed: AtomicU64,
    webhooks_given_up: AtomicU64,
    upstream_dropped: AtomicU64,
    admin_notices_skipped: AtomicU64,
    last_telegram_success_ms: AtomicI64,
    effects: Mutex<BTreeMap<&'static str, EffectCounts>>,
    latency: Mutex<Histogram>,
}

#[derive(Default, Clone, Copy)]
struct EffectCounts {
    sent: u64,
    failed: u64,
}

#[derive(Default)]
struct Histogram {
    buckets: [u64; LATENCY_BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Metrics {
    /// Updates for the existing bot behind the proxy dropped over the cap.
    pub fn upstream_dropped(&self, count: u64) {
        self.upstream_dropped.fetch_add(count, Ordering::Relaxed);
    }

    /// Updates stored in the inbox.
    pub fn updates_received(&self, count: usize) {
        self.updates_received
            .fetch_add(count as u64, Ordering::Relaxed);
        self.telegram_answered();
    }

    /// Telegram answered a call successfully.
    pub fn telegram_answered(&self) {
        self.last_telegram_success_ms
            .store(clock::now().0, Ordering::Relaxed);
    }

    /// An effect went through; `enqueued_at` is when the desk decided it.
    pub fn effect_sent(&self, kind: &'static str, enqueued_at: Timestamp) {
        self.telegram_answered();
        lock(&self.effects).entry(kind).or_default().sent += 1;
        if kind.starts_with("copy_") || kind.starts_with("album_") {
            let seconds = (clock::now().0 - enqueued_at.0).max(0) as f64 / 1000.0;
            let mut histogram = lock(&self.latency);
            for (bucket, bound) in histogram.buckets.iter_mut().zip(LATENCY_BUCKETS) {
                if seconds <= bound {
                    *bucket += 1;
                }
            }
            histogram.count += 1;
            histogram.sum += seconds;
        }
    }

    /// An effect failed for good.
    pub fn effect_failed(&self, kind: &'static str) {
        lock(&self.effects).entry(kind).or_default().failed += 1;
    }

    /// Telegram answered 429.
    pub fn too_many_requests(&self) {
        self.too_many_requests.fetch_add(1, Ordering::Relaxed);
    }

    /// A call is retried after a network or setup error.
    pub fn retried(&self) {
        self.retries.fetch_add(1, Ordering::Relaxed);
    }

    /// Administrators' notifications not sent: the administrator has not started the bot.
    pub fn admin_notices_skipped(&self, count: u32) {
        self.admin_notices_skipped
            .fetch_add(u64::from(count), Ordering::Relaxed);
    }

    /// A webhook endpoint accepted a delivery.
    pub fn webhook_delivered(&self) {
        self.webhooks_delivered.fetch_add(1, Ordering::Relaxed);
    }

    /// A webhook delivery attempt failed (it is retried).
    pub fn webhook_failed(&self) {
        self.webhooks_failed.fetch_add(1, Ordering::Relaxed);
    }

    /// A webhook delivery was given up after retrying for the configured time.
    pub fn webhook_given_up(&self) {
        self.webhooks_given_up.fetch_add(1, Ordering::Relaxed);
    }

    /// When Telegram last answered a call successfully (0 if never).
    pub fn last_telegram_success(&self) -> Timestamp {
        Timestamp(self.last_telegram_success_ms.load(Ordering::Relaxed))
    }

    /// Number of 429 answers so far.
    pub fn too_many_requests_total(&self) -> u64 {
        self.too_many_requests.load(Ordering::Relaxed)
    }

    /// Effects sent so far, by kind.
    pub fn sent_total(&self, kind: &str) -> u64 {
        lock(&self.effects)
            .get(kind)
            .map_or(0, |counts| counts.sent)
    }

    /// The metrics in Prometheus' text exposition format; `gauges` are added as they are.
    pub fn render(&self, gauges: &[Gauge]) -> String {
        let mut out = String::new();
        counter(
            &mut out,
            "threadesk_updates_received_total",
            "Telegram updates stored in the inbox.",
            self.updates_received.load(Ordering::Relaxed),
        );
        counter(
            &mut out,
            "threadesk_telegram_429_total",
            "Calls Telegram answered with 429 Too Many Requests.",
            self.too_many_requests.load(Ordering::Relaxed),
        );
        counter(
            &mut out,
            "threadesk_retries_total",
            "Calls retried after a network or setup error.",
            self.retries.load(Ordering::Relaxed),
        );
        counter(
            &mut out,
            "threadesk_admin_notifications_skipped_total",
            "Notifications of new tickets not sent to administrators who have not started the bot.",
            self.admin_notices_skipped.load(Ordering::Relaxed),
        );
        counter(
            &mut out,
            "threadesk_upstream_dropped_total",
            "Updates for the existing bot behind the proxy dropped because it did not confirm them (upstream_max_pending).",
            self.upstream_dropped.load(Ordering::Relaxed),
        );
        let _ = writeln!(
            out,
            "# HELP threadesk_webhook_attempts_total Webhook delivery attempts, by result."
        );
        let _ = writeln!(out, "# TYPE threadesk_webhook_attempts_total counter");
        for (result, counter) in [
            ("delivered", &self.webhooks_delivered),
            ("failed", &self.webhooks_failed),
            ("given_up", &self.webhooks_given_up),
        ] {
            let _ = writeln!(
                out,
                "threadesk_webhook_attempts_total{{result=\"{result}\"}} {}",
                counter.load(Ordering::Relaxed)
            );
        }
        let _ = writeln!(
            out,
            "# HELP threadesk_effects_total Effects carried out, by kind and result."
        );
        let _ = writeln!(out, "# TYPE threadesk_effects_total counter");
        for (kind, counts) in lock(&self.effects).iter() {
            let _ = writeln!(
                out,
                "threadesk_effects_total{{kind=\"{kind}\",result=\"sent\"}} {}",
                counts.sent
            );
            let _ = writeln!(
                out,
                "threadesk_effects_total{{kind=\"{kind}\",result=\"failed\"}} {}",
                counts.failed
            );
        }
        let histogram = lock(&self.latency);
        let _ = writeln!(
            out,
            "# HELP threadesk_relay_latency_seconds Time from the desk's decision to Telegram's confirmation of a relayed message."
        );
        let _ = writeln!(out, "# TYPE threadesk_relay_latency_seconds histogram");
        for (bucket, bound) in histogram.buckets.iter().zip(LATENCY_BUCKETS) {
            let _ = writeln!(
                out,
                "threadesk_relay_latency_seconds_bucket{{le=\"{bound}\"}} {bucket}"
            );
        }
        let _ = writeln!(
            out,
            "threadesk_relay_latency_seconds_bucket{{le=\"+Inf\"}} {}",
            histogram.count
        );
        let _ = writeln!(out, "threadesk_relay_latency_seconds_sum {}", histogram.sum);
        let _ = writeln!(
            out,
            "threadesk_relay_latency_seconds_count {}",
            histogram.count
        );
        for Gauge {
            name,
            help,
            samples,
        } in gauges
        {
            let _ = writeln!(out, "# HELP {name} {help}");
            let _ = writeln!(out, "# TYPE {name} gauge");
            for (labels, value) in samples {
                let _ = writeln!(out, "{name}{labels} {value}");
            }
        }
        out
    }
}

fn counter(out: &mut String, name: &str, help: &str, value: u64) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} counter");
    let _ = writeln!(out, "{name} {value}");
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
