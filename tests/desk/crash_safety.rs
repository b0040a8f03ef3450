//! Crash safety: the built binary is killed with SIGKILL at random moments under a steady load
//! and started again on the same data directory. Every customer message reaches its thread and
//! every team comment reaches its customer, each conversation in order, and every repeat is one
//! a kill caused (sent by the killed process, sent again by a later one).
//!
//! The CI variant kills a few times; the long variant (`#[ignore]`, run by hand as BENCHMARKS.md
//! says) kills 25 times (`THREADESK_CRASH_CYCLES`) with one customer message and one team
//! comment every 20 ms (`THREADESK_CRASH_TICK_MS`).

use std::ops::Range;
use std::time::Duration;

use telegram_sim::SimConfig;
use tokio::time::{Instant, MissedTickBehavior};

use crate::load::{self, Load, Report, Watermark};
use crate::support::Harness;

/// How a kill-and-restart run goes.
struct Plan {
    /// How many times the bot is killed.
    cycles: usize,
    /// Customers writing from the start.
    customers: usize,
    /// Every this many kills, one more customer appears (first contact under fire).
    new_customer_every: usize,
    /// One customer message (and one team comment) per tick.
    tick: Duration,
    /// How long the bot runs between two kills, in milliseconds (drawn at random).
    running: Range<u64>,
    /// How long it stays down, in milliseconds (drawn at random; traffic goes on meanwhile).
    down: Range<u64>,
}

async fn kill_and_restart(plan: Plan) -> Report {
    let seed = std::env::var("THREADESK_CRASH_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    let mut rng = fastrand::Rng::with_seed(seed);
    let desk = Harness::world(SimConfig::default()).await;
    let log = load::log_path(&desk, "threadesk.log");
    let mut child = load::spawn(&desk, &log);
    let mut traffic = Load::default();
    for _ in 0..plan.customers {
        traffic.add_customer(&desk);
    }
    let mut ticker = tokio::time::interval(plan.tick);
    ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut kills = Vec::new();
    let mut backlogs = Vec::new();
    let started = Instant::now();
    for cycle in 0..plan.cycles {
        let until = Instant::now() + Duration::from_millis(rng.u64(plan.running.clone()));
        while Instant::now() < until {
            ticker.tick().await;
            traffic.step(&desk);
        }
        child.kill().await;
        backlogs.push(traffic.backlog(&desk));
        let until = Instant::now() + Duration::from_millis(rng.u64(plan.down.clone()));
        while Instant::now() < until {
            ticker.tick().await;
            traffic.step(&desk);
        }
        // Let the simulator finish any request the dead process left half-way.
        tokio::time::sleep(Duration::from_millis(50)).await;
        kills.push(Watermark::take(&desk, &traffic));
        if (cycle + 1) % plan.new_customer_every == 0 {
            traffic.add_customer(&desk);
        }
        child = load::spawn(&desk, &log);
    }
    let until = Instant::now() + Duration::from_millis(500);
    while Instant::now() < until {
        ticker.tick().await;
        traffic.step(&desk);
    }
    let load_time = started.elapsed();
    let drained = desk
        .sim
        .wait_until(Duration::from_secs(60), || traffic.all_arrived(&desk))
        .await;
    let report = traffic.tally(&desk, &kills);
    let busy = backlogs.iter().filter(|backlog| **backlog > 0).count();
    println!(
        "seed {seed}: {} kills in {load_time:.1?} of load; {busy} kills with messages in flight \
         (at most {})\n{report}",
        kills.len(),
        backlogs.iter().max().unwrap_or(&0)
    );
    assert!(
        drained,
        "not everything arrived:\n{report}\n{}",
        load::tail(&log)
    );
    load::terminate(child, &log).await;
    let logs = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(!logs.contains("panicked"), "{}", load::tail(&log));
    check(&report, kills.len());
    report
}

/// Nothing lost, nothing reordered, every repeat caused by a kill.
fn check(report: &Report, kills: usize) {
    // A card is posted again only if the bot was killed between posting it and storing that.
    assert!(
        report.cards >= report.customers && report.cards - report.customers <= kills,
        "{report}"
    );
    for direction in [&report.inbound, &report.outbound] {
        assert_eq!(direction.lost, 0, "{report}");
        assert_eq!(direction.out_of_order, 0, "{report}");
        assert_eq!(
            direction.duplicated, direction.duplicated_across_a_kill,
            "a repeat that no kill explains: {report}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_binary_under_load_loses_nothing_and_keeps_every_conversation_in_order() {
    kill_and_restart(Plan {
        cycles: 3,
        customers: 3,
        new_customer_every: 2,
        tick: Duration::from_millis(25),
        running: 400..1200,
        down: 0..300,
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "long: about two minutes; run by hand (see BENCHMARKS.md)"]
async fn killing_the_binary_at_least_twenty_times_loses_nothing() {
    let setting = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|value| value.parse().ok())
            .unwrap_or(default)
    };
    kill_and_restart(Plan {
        cycles: usize::try_from(setting("THREADESK_CRASH_CYCLES", 25)).unwrap_or(25),
        customers: 4,
        new_customer_every: 4,
        tick: Duration::from_millis(setting("THREADESK_CRASH_TICK_MS", 20)),
        running: 500..4000,
        down: 0..1000,
    })
    .await;
}
