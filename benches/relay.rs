//! Relay throughput and latency: the release binary (`threadesk run`) relays messages between
//! N customers and their threads against the in-process simulator with every rate limit off.
//!
//! For each number of customers the bot starts on an empty data directory; every customer
//! writes once (cards and threads are created), then four phases are measured:
//! - `in max`: every customer sends M messages as fast as the simulator takes them; the bot
//!   copies each into the customer's thread;
//! - `out max`: the team member posts M comments in every thread as fast as possible; the bot
//!   copies each to its customer;
//! - `in 500/s` and `out 500/s`: the same at an offered load of `--rate` messages per second
//!   for `--seconds`, spread over all customers.
//!
//! Latency is from the instant the simulator stored the original to the instant it stored the
//! bot's copy (both from the simulator's message feed). CPU is the bot process's user+system
//! time from `/proc/<pid>/stat`; the simulator's and load generator's CPU is this process's.
//!
//! `cargo bench --bench relay -- --customers 100,1000,10000 --messages 0 --rate 500 --seconds 10`
//! (`--messages 0`: 20,000 / customers, at least 2; `--cache-mb N` sets THREADESK_CACHE_MB.)

mod support;

use std::collections::BTreeMap;
use std::time::Duration;

use telegram_sim::SimConfig;

use support::{Args, Measure, Sender, Spread, Tracker, World};

fn main() {
    support::block_on(run(Args::parse()));
}

/// One measured phase.
struct Phase {
    customers: usize,
    name: String,
    messages: usize,
    seconds: f64,
    latency: Spread,
    bot_cpu: Duration,
    sim_cpu: Duration,
    peak_rss: u64,
    calls: BTreeMap<String, u64>,
}

async fn run(args: Args) {
    println!("{}", support::describe_run("relay"));
    let customer_counts = args.list("customers", &[100, 1_000, 10_000]);
    let messages: usize = args.get("messages", 0);
    let rate: f64 = args.get("rate", 500.0);
    let seconds: f64 = args.get("seconds", 10.0);
    let cache_mb: Option<u64> = args.get::<i64>("cache-mb", -1).try_into().ok();
    let mut phases = Vec::new();
    for customers in customer_counts {
        let per_customer = if messages == 0 {
            (20_000 / customers).max(2)
        } else {
            messages
        };
        phases.extend(run_once(customers, per_customer, rate, seconds, cache_mb).await);
    }
    println!();
    println!(
        "| customers | phase | messages | relayed/s | p50 ms | p95 ms | p99 ms | max ms | bot CPU s | bot CPU µs/msg | sim+load CPU s | bot peak RSS MB |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for phase in &phases {
        println!(
            "| {} | {} | {} | {:.0} | {} | {} | {} | {} | {:.2} | {:.0} | {:.2} | {:.1} |",
            phase.customers,
            phase.name,
            phase.messages,
            phase.messages as f64 / phase.seconds,
            support::ms(phase.latency.p50),
            support::ms(phase.latency.p95),
            support::ms(phase.latency.p99),
            support::ms(phase.latency.max),
            phase.bot_cpu.as_secs_f64(),
            phase.bot_cpu.as_secs_f64() * 1e6 / phase.messages as f64,
            phase.sim_cpu.as_secs_f64(),
            support::mb(phase.peak_rss),
        );
    }
    println!();
    for phase in &phases {
        let calls: Vec<String> = phase
            .calls
            .iter()
            .map(|(method, count)| format!("{method} {count}"))
            .collect();
        println!(
            "calls during {} customers / {}: {}",
            phase.customers,
            phase.name,
            calls.join(", ")
        );
    }
}

async fn run_once(
    customer_count: usize,
    per_customer: usize,
    rate: f64,
    seconds: f64,
    cache_mb: Option<u64>,
) -> Vec<Phase> {
    let world = World::new(SimConfig {
        call_log_capacity: 0,
        ..SimConfig::default()
    })
    .await;
    let customers = world.customers(customer_count);
    let tracker = Tracker::start(world.sim.watch_messages(), world.bot.user_id);
    let data = tempfile::tempdir().expect("a data directory");
    let mut settings = world.settings(&data.path().join("data"));
    if let Some(cache_mb) = cache_mb {
        settings.push(("THREADESK_CACHE_MB".into(), cache_mb.to_string()));
    }
    let mut bot = support::spawn_bot(&settings, &data.path().join("bot.log"));
    eprintln!("{customer_count} customers: first contact (cards and threads)");

    let roots = support::first_contact(
        &world,
        &tracker,
        &mut bot,
        &customers,
        Duration::from_secs(60),
    )
    .await;
    // The first team comment asks Telegram about membership; later ones use the cache.
    let warm = vec![(Sender::Team(roots[0]), "warm up".to_owned())];
    support::send_all(&world, warm, None).await;
    tracker
        .wait_for_copies(&["warm up".to_owned()], &mut bot, Duration::from_secs(30))
        .await;
    // Welcome messages and card pins of the first contact finish before measuring.
    tracker
        .wait_quiet(Duration::from_secs(1), Duration::from_secs(120))
        .await;

    let total = customer_count * per_customer;
    let paced = (rate * seconds).round() as usize;
    let plans: [(&str, Direction, usize, Option<f64>); 4] = [
        ("in max", Direction::In, total, None),
        ("out max", Direction::Out, total, None),
        ("in paced", Direction::In, paced, Some(rate)),
        ("out paced", Direction::Out, paced, Some(rate)),
    ];
    let mut phases = Vec::new();
    for (name, direction, count, pace) in plans {
        let name = match pace {
            Some(rate) => name.replace("paced", &format!("{rate:.0}/s")),
            None => name.to_owned(),
        };
        eprintln!("{customer_count} customers: {name}, {count} messages");
        let messages: Vec<(Sender, String)> = (0..count)
            .map(|index| {
                let customer = index % customer_count;
                let sender = match direction {
                    Direction::In => Sender::Customer(customers[customer]),
                    Direction::Out => Sender::Team(roots[customer]),
                };
                (sender, format!("{name} #{index}"))
            })
            .collect();
        let texts: Vec<String> = messages.iter().map(|(_, text)| text.clone()).collect();
        let calls_before = world.sim.counters().calls_by_method;
        let (bot_before, own_before) = (bot.cpu(), support::own_cpu());
        support::send_all(&world, messages, pace).await;
        tracker
            .wait_for_copies(&texts, &mut bot, Duration::from_secs(60))
            .await;
        let (bot_after, own_after) = (bot.cpu(), support::own_cpu());
        let calls_after = world.sim.counters().calls_by_method;
        let (mut latencies, first, last) = tracker.latencies(&texts);
        let calls = calls_after
            .into_iter()
            .filter_map(|(method, after)| {
                let before = calls_before.get(&method).copied().unwrap_or(0);
                (after > before).then(|| (method, after - before))
            })
            .collect();
        phases.push(Phase {
            customers: customer_count,
            name,
            messages: count,
            seconds: last.duration_since(first).as_secs_f64(),
            latency: Spread::of(&mut latencies),
            bot_cpu: bot_after.saturating_sub(bot_before),
            sim_cpu: own_after.saturating_sub(own_before),
            peak_rss: bot.peak_rss(),
            calls,
        });
        // Let the flusher and the outbox settle before the next phase.
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    support::stop_bot(bot).await;
    phases
}

/// Which way messages go.
#[derive(Clone, Copy)]
enum Direction {
    /// Customers write; the bot copies into threads.
    In,
    /// The team comments; the bot copies to customers.
    Out,
}
