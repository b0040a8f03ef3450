//! Faults under load: while customers and the team keep writing, the built binary meets dropped
//! connections, slow answers and 429s on 10 % of its calls each, plus 429 storms (every call
//! refused for a second); nothing is lost, every conversation keeps its order, and the process's
//! resident memory stays bounded.
//!
//! The CI variant runs a few seconds of load; the long variant (`#[ignore]`, run by hand as
//! BENCHMARKS.md says) runs `THREADESK_FAULT_SECONDS` (default 180) seconds.

use std::time::Duration;

use telegram_sim::{Faults, SimConfig};
use tokio::time::{Instant, MissedTickBehavior};

use crate::load::{self, Load, Report};
use crate::support::Harness;

/// 10 % of calls dropped (half before Telegram applies them, half after), 10 % answered late,
/// 10 % answered 429; `getUpdates` included.
fn everyday_faults(seed: u64) -> Faults {
    Faults {
        seed,
        drop_before: 0.05,
        drop_after: 0.05,
        slow: 0.1,
        slow_delay: Duration::from_millis(300),
        too_many: 0.1,
        retry_after: 1,
        include_get_updates: true,
    }
}

/// Every call refused with a 429.
fn storm(seed: u64) -> Faults {
    Faults {
        seed,
        too_many: 1.0,
        retry_after: 1,
        include_get_updates: true,
        ..Faults::none()
    }
}

/// Resident memory samples of the bot process, in KiB.
#[derive(Default)]
struct Memory {
    samples: Vec<(Duration, u64)>,
}

impl Memory {
    fn max_between(&self, from: Duration, to: Duration) -> u64 {
        self.samples
            .iter()
            .filter(|(at, _)| *at >= from && *at <= to)
            .map(|(_, kib)| *kib)
            .max()
            .unwrap_or(0)
    }
}

struct Plan {
    load_for: Duration,
    customers: usize,
    tick: Duration,
    /// A storm starts every this long and lasts `storm_length`.
    storm_every: Duration,
    storm_length: Duration,
}

async fn faults_under_load(plan: Plan) -> (Report, Memory) {
    let desk = Harness::world(SimConfig::default()).await;
    let log = load::log_path(&desk, "threadesk.log");
    let child = load::spawn(&desk, &log);
    let pid = child.pid();
    let mut traffic = Load::default();
    for _ in 0..plan.customers {
        traffic.add_customer(&desk);
    }
    // The threads exist before the faults start, so both directions are under fire.
    traffic.warm_up(&desk, plan.tick).await;
    desk.sim.set_faults(everyday_faults(1));
    let mut ticker = tokio::time::interval(plan.tick);
    ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut memory = Memory::default();
    let started = Instant::now();
    let mut next_sample = started;
    let mut storms = 0u64;
    let mut storming = false;
    while started.elapsed() < plan.load_for {
        ticker.tick().await;
        traffic.step(&desk);
        let elapsed = started.elapsed();
        let phase = elapsed.as_millis() % plan.storm_every.as_millis();
        let in_storm = elapsed > plan.storm_every && phase < plan.storm_length.as_millis();
        if in_storm != storming {
            storming = in_storm;
            storms += u64::from(in_storm);
            // A new seed each time, so the faults are not a replay of the same draws.
            let seed = storms * 2 + u64::from(in_storm);
            desk.sim.set_faults(if in_storm {
                storm(seed)
            } else {
                everyday_faults(seed)
            });
        }
        if Instant::now() >= next_sample {
            memory
                .samples
                .push((elapsed, load::rss_kib(pid).expect("the bot is alive")));
            next_sample += Duration::from_millis(250);
        }
    }
    desk.sim.set_faults(everyday_faults(u64::MAX));
    let draining = Instant::now();
    let drained = loop {
        if traffic.all_arrived(&desk) {
            break true;
        }
        if draining.elapsed() > Duration::from_secs(120) {
            break false;
        }
        memory.samples.push((
            started.elapsed(),
            load::rss_kib(pid).expect("the bot is alive"),
        ));
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    let drain_time = draining.elapsed();
    let report = traffic.tally(&desk, &[]);
    let counters = desk.sim.counters();
    let total = memory.max_between(Duration::ZERO, Duration::MAX);
    let half = started.elapsed() / 2;
    println!(
        "{:.0?} of load, {storms} storms, drained in {drain_time:.1?}\n{report}\n\
         calls {}, 429s {}, dropped before {}, dropped after {}, faults injected {}\n\
         RSS KiB: first {}, peak {total}, peak in the first half {}, peak in the second half {}, last {}",
        plan.load_for,
        counters.calls_by_method.values().sum::<u64>(),
        counters.too_many_requests,
        counters.dropped_before,
        counters.dropped_after,
        counters.faults_injected,
        memory.samples.first().map_or(0, |s| s.1),
        memory.max_between(Duration::ZERO, half),
        memory.max_between(half, Duration::MAX),
        memory.samples.last().map_or(0, |s| s.1),
    );
    let end = started.elapsed();
    let tenths: Vec<String> = (0..10u32)
        .map(|tenth| {
            let peak = memory.max_between(end * tenth / 10, end * (tenth + 1) / 10);
            format!("{:.1}", peak as f64 / 1024.0)
        })
        .collect();
    println!("RSS MiB, peak per tenth of the run: {}", tenths.join(" "));
    assert!(
        drained,
        "not everything arrived:\n{report}\n{}",
        load::tail(&log)
    );
    load::terminate(child, &log).await;
    for direction in [&report.inbound, &report.outbound] {
        assert_eq!(direction.lost, 0, "{report}");
        assert_eq!(direction.out_of_order, 0, "{report}");
    }
    // A repeat needs a call that Telegram applied but whose answer was lost.
    let duplicated = (report.inbound.duplicated + report.outbound.duplicated) as u64;
    assert!(
        duplicated <= counters.dropped_after,
        "{duplicated} repeats, {} answers lost",
        counters.dropped_after
    );
    assert!(
        counters.too_many_requests > 0 && counters.dropped_before > 0 && counters.dropped_after > 0,
        "faults were injected"
    );
    (report, memory)
}

/// The bound on the bot's resident memory: far above what it needs, far below a leak's growth.
const RSS_LIMIT_KIB: u64 = 256 * 1024;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drops_slow_answers_and_429_storms_lose_nothing_and_memory_stays_bounded() {
    let (_, memory) = faults_under_load(Plan {
        load_for: Duration::from_secs(6),
        customers: 3,
        tick: Duration::from_millis(250),
        storm_every: Duration::from_secs(3),
        storm_length: Duration::from_millis(800),
    })
    .await;
    let peak = memory.max_between(Duration::ZERO, Duration::MAX);
    assert!(peak < RSS_LIMIT_KIB, "peak RSS {peak} KiB");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "long: minutes; run by hand (see BENCHMARKS.md)"]
async fn minutes_of_faults_under_load_lose_nothing_and_memory_stops_growing() {
    let seconds = std::env::var("THREADESK_FAULT_SECONDS")
        .ok()
        .and_then(|seconds| seconds.parse().ok())
        .unwrap_or(180);
    let (_, memory) = faults_under_load(Plan {
        load_for: Duration::from_secs(seconds),
        customers: 6,
        tick: Duration::from_millis(250),
        storm_every: Duration::from_secs(10),
        storm_length: Duration::from_secs(1),
    })
    .await;
    let end = memory.samples.last().map_or(Duration::ZERO, |s| s.0);
    let first_half = memory.max_between(Duration::ZERO, end / 2);
    let second_half = memory.max_between(end / 2, end);
    assert!(second_half < RSS_LIMIT_KIB, "peak RSS {second_half} KiB");
    // Past warm-up the peak may move a little (sled's cache fills), never by much.
    assert!(
        second_half <= first_half + first_half / 2,
        "RSS kept growing: {first_half} KiB then {second_half} KiB"
    );
}
