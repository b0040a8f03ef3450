//! Relay throughput, latency and CPU per message: the release binary (`threadesk run`) relays
//! messages between N customers and their threads against the in-process simulator with every
//! rate limit off.
//!
//! For each number of customers the bot starts on an empty data directory and these phases run:
//! - `first contact max`: every customer writes once, all at once; the bot posts a card, opens
//!   a thread and copies the greeting for each;
//! - `idle`: nothing happens for `--idle-seconds`; the bot's CPU time and wake-ups per second;
//! - `in max` / `out max`: every customer sends M messages, then the team member posts M
//!   comments in every thread, as fast as the simulator takes them; the bot copies each;
//! - for each rate R of `--rate`: `in R/s` and `out R/s`, the same at an offered load of R
//!   messages per second for `--seconds`, spread over all customers, and `first contact R/s`,
//!   `--first-contacts` new customers writing for the first time at R per second.
//!
//! Latency is from the instant the simulator stored the original to the instant it stored the
//! bot's copy (both from the simulator's message feed). The bot's CPU time and wake-ups come
//! from its threads' `/proc/<pid>/task/<tid>/schedstat` (nanoseconds, times put on a CPU); the
//! simulator's and load generator's CPU is this process's.
//!
//! `cargo bench --bench relay -- --customers 100,10000 --rate 5,50,500 --seconds 10 --runs 3`
//! (`--layout forum` for the forum layout; `--messages 0`: 20,000 / customers, at least 2;
//! `--cache-mb N` sets THREADESK_CACHE_MB; `--runs N` repeats everything and prints medians
//! with their range; THREADESK_BENCH_BINARY=a,b measures two builds, interleaved.)

mod support;

use std::collections::BTreeMap;
use std::time::Duration;

use telegram_sim::{SimConfig, UserId};

use support::{Args, BotProcess, Measure, Sched, SchedSampler, Sender, Spread, Tracker, World};

fn main() {
    support::block_on(run(Args::parse()));
}

/// What one run is asked to do.
struct Plan {
    per_customer_messages: usize,
    rates: Vec<usize>,
    seconds: f64,
    idle_seconds: f64,
    first_contacts: usize,
    forum: bool,
    cache_mb: Option<u64>,
    /// More settings for the bot (`--set NAME=VALUE,NAME=VALUE`).
    bot_env: Vec<(String, String)>,
}

/// One measured phase of one run.
struct Phase {
    name: String,
    messages: usize,
    seconds: f64,
    latency: Spread,
    bot: Sched,
    sim_cpu: Duration,
    peak_rss: u64,
    calls: BTreeMap<String, u64>,
}

impl Phase {
    fn cpu_per_message_us(&self) -> f64 {
        self.bot.cpu.as_secs_f64() * 1e6 / self.messages.max(1) as f64
    }

    fn relayed_per_second(&self) -> f64 {
        self.messages as f64 / self.seconds.max(1e-9)
    }
}

async fn run(args: Args) {
    println!("{}", support::describe_run("relay"));
    let customer_counts = args.list("customers", &[100, 1_000, 10_000]);
    let messages: usize = args.get("messages", 0);
    let runs: usize = args.get("runs", 1);
    let layout: String = args.get("layout", "channel".to_owned());
    let binaries = support::bot_binaries();
    let mut results: BTreeMap<(usize, usize), Vec<Vec<Phase>>> = BTreeMap::new();
    for run in 0..runs {
        for &customers in &customer_counts {
            for (build, binary) in binaries.iter().enumerate() {
                let plan = Plan {
                    per_customer_messages: if messages == 0 {
                        (20_000 / customers).max(2)
                    } else {
                        messages
                    },
                    rates: args.list("rate", &[5, 50, 500]),
                    seconds: args.get("seconds", 10.0),
                    idle_seconds: args.get("idle-seconds", 10.0),
                    first_contacts: args.get("first-contacts", 100),
                    forum: layout == "forum",
                    cache_mb: args.get::<i64>("cache-mb", -1).try_into().ok(),
                    bot_env: args
                        .get("set", String::new())
                        .split(',')
                        .filter_map(|pair| pair.split_once('='))
                        .map(|(name, value)| (name.to_owned(), value.to_owned()))
                        .collect(),
                };
                eprintln!("run {}/{runs}, {customers} customers, {binary}", run + 1);
                let phases = run_once(customers, &plan, binary).await;
                results.entry((build, customers)).or_default().push(phases);
            }
        }
    }
    println!();
    println!("layout: {layout}; {runs} run(s); medians, range in brackets when runs > 1");
    for (build, binary) in binaries.iter().enumerate() {
        println!();
        println!("build: {binary}");
        println!();
        println!(
            "| customers | phase | messages | relayed/s | p50 ms | p99 ms | max ms | bot CPU µs/msg | bot wake-ups/msg | sim+load CPU s | bot peak RSS MB |"
        );
        println!("|---|---|---|---|---|---|---|---|---|---|---|");
        for &customers in &customer_counts {
            let Some(runs) = results.get(&(build, customers)) else {
                continue;
            };
            print_rows(customers, runs);
        }
    }
    println!();
    for ((build, customers), runs) in &results {
        for phase in runs.last().into_iter().flatten() {
            let calls: Vec<String> = phase
                .calls
                .iter()
                .map(|(method, count)| format!("{method} {count}"))
                .collect();
            println!(
                "calls during build {build}, {customers} customers / {}: {}",
                phase.name,
                calls.join(", ")
            );
        }
    }
}

/// One table row per phase: the median over runs (and the range, over several runs).
fn print_rows(customers: usize, runs: &[Vec<Phase>]) {
    for (index, phase) in runs[0].iter().enumerate() {
        let same: Vec<&Phase> = runs.iter().filter_map(|run| run.get(index)).collect();
        let figure = |value: &dyn Fn(&Phase) -> f64, decimals: usize| -> String {
            let mut values: Vec<f64> = same.iter().map(|phase| value(phase)).collect();
            let median = support::median(&mut values);
            if values.len() > 1 {
                format!(
                    "{median:.decimals$} ({:.decimals$}–{:.decimals$})",
                    values[0],
                    values[values.len() - 1]
                )
            } else {
                format!("{median:.decimals$}")
            }
        };
        let millis = |duration: Duration| duration.as_secs_f64() * 1000.0;
        if phase.name == "idle" {
            println!(
                "| {customers} | idle ({:.0} s) | 0 | – | – | – | – | CPU {} µs/s | {} wake-ups/s | {} | {} |",
                phase.seconds,
                figure(&|p| p.bot.cpu.as_secs_f64() * 1e6 / p.seconds, 0),
                figure(&|p| p.bot.wakeups as f64 / p.seconds, 1),
                figure(&|p| p.sim_cpu.as_secs_f64(), 2),
                figure(&|p| support::mb(p.peak_rss), 1),
            );
            continue;
        }
        println!(
            "| {customers} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            phase.name,
            phase.messages,
            figure(&Phase::relayed_per_second, 0),
            figure(&|p| millis(p.latency.p50), 2),
            figure(&|p| millis(p.latency.p99), 2),
            figure(&|p| millis(p.latency.max), 2),
            figure(&Phase::cpu_per_message_us, 0),
            figure(&|p| p.bot.wakeups as f64 / p.messages.max(1) as f64, 1),
            figure(&|p| p.sim_cpu.as_secs_f64(), 2),
            figure(&|p| support::mb(p.peak_rss), 1),
        );
    }
}

/// A bot process with its CPU sampler.
struct Measured {
    process: BotProcess,
    sched: SchedSampler,
}

async fn run_once(customer_count: usize, plan: &Plan, binary: &str) -> Vec<Phase> {
    let world = World::with_layout(
        SimConfig {
            call_log_capacity: 0,
            ..SimConfig::default()
        },
        plan.forum,
    )
    .await;
    let customers = world.customers(customer_count);
    let tracker = Tracker::start(world.sim.watch_messages(), world.bot.user_id);
    let data = tempfile::tempdir().expect("a data directory");
    let mut settings = world.settings(&data.path().join("data"));
    if let Some(cache_mb) = plan.cache_mb {
        settings.push(("THREADESK_CACHE_MB".into(), cache_mb.to_string()));
    }
    settings.extend(plan.bot_env.iter().cloned());
    let process = support::spawn_bot_binary(binary, &settings, &data.path().join("bot.log"));
    let sched = SchedSampler::start(process.pid());
    let mut bot = Measured { process, sched };
    let mut phases = Vec::new();

    eprintln!("{customer_count} customers: first contact max");
    let (phase, roots) = first_contacts(
        &world,
        &tracker,
        &mut bot,
        &customers,
        None,
        "first contact max",
    )
    .await;
    phases.push(phase);
    // The first team comment asks Telegram about membership; later ones use the cache.
    let warm = vec![(Sender::Team(roots[0]), "warm up".to_owned())];
    support::send_all(&world, warm, None).await;
    tracker
        .wait_for_copies(
            &["warm up".to_owned()],
            &mut bot.process,
            Duration::from_secs(30),
        )
        .await;
    // Welcome messages and card pins of the first contact finish before measuring.
    tracker
        .wait_quiet(Duration::from_secs(1), Duration::from_secs(120))
        .await;

    eprintln!("{customer_count} customers: idle");
    phases.push(idle(&world, &bot, plan.idle_seconds).await);

    let total = customer_count * plan.per_customer_messages;
    let mut relays: Vec<(String, Direction, usize, Option<f64>)> = vec![
        ("in max".into(), Direction::In, total, None),
        ("out max".into(), Direction::Out, total, None),
    ];
    for &rate in &plan.rates {
        let count = (rate as f64 * plan.seconds).round() as usize;
        for direction in [Direction::In, Direction::Out] {
            let name = format!("{} {rate}/s", direction.name());
            relays.push((name, direction, count, Some(rate as f64)));
        }
    }
    for (name, direction, count, pace) in relays {
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
        phases.push(measure(&world, &tracker, &mut bot, &name, messages, pace).await);
    }
    for &rate in &plan.rates {
        let name = format!("first contact {rate}/s");
        eprintln!("{customer_count} customers: {name}");
        let newcomers = world.customers(plan.first_contacts);
        let pace = Some(rate as f64);
        let (phase, _) = first_contacts(&world, &tracker, &mut bot, &newcomers, pace, &name).await;
        phases.push(phase);
    }
    support::stop_bot(bot.process).await;
    phases
}

/// Every one of `customers` writes for the first time, at `pace` per second (or all at once);
/// returns the phase and their threads, in order.
async fn first_contacts(
    world: &World,
    tracker: &Tracker,
    bot: &mut Measured,
    customers: &[UserId],
    pace: Option<f64>,
    name: &str,
) -> (Phase, Vec<telegram_sim::MessageId>) {
    let hellos = support::hellos(customers, &format!("{name} hello"));
    let texts: Vec<String> = hellos.iter().map(|(_, text)| text.clone()).collect();
    let phase = measure(world, tracker, bot, name, hellos, pace).await;
    (phase, tracker.threads_of(&texts))
}

/// Sends `messages` (at `pace` per second, or all at once), waits for every copy and measures.
async fn measure(
    world: &World,
    tracker: &Tracker,
    bot: &mut Measured,
    name: &str,
    messages: Vec<(Sender, String)>,
    pace: Option<f64>,
) -> Phase {
    let count = messages.len();
    let texts: Vec<String> = messages.iter().map(|(_, text)| text.clone()).collect();
    let calls_before = world.sim.counters().calls_by_method;
    let (bot_before, own_before) = (bot.sched.read(), support::own_cpu());
    support::send_all(world, messages, pace).await;
    tracker
        .wait_for_copies(&texts, &mut bot.process, Duration::from_secs(60))
        .await;
    let (bot_after, own_after) = (bot.sched.read(), support::own_cpu());
    let calls = calls_since(world, &calls_before);
    let (mut latencies, first, last) = tracker.latencies(&texts);
    // Let the flusher and the outbox settle before the next phase.
    tokio::time::sleep(Duration::from_millis(500)).await;
    Phase {
        name: name.to_owned(),
        messages: count,
        seconds: last.duration_since(first).as_secs_f64(),
        latency: Spread::of(&mut latencies),
        bot: bot_after.since(bot_before),
        sim_cpu: own_after.saturating_sub(own_before),
        peak_rss: bot.process.peak_rss(),
        calls,
    }
}

/// Nothing happens for `seconds`: what the bot spends doing nothing.
async fn idle(world: &World, bot: &Measured, seconds: f64) -> Phase {
    let calls_before = world.sim.counters().calls_by_method;
    let (bot_before, own_before) = (bot.sched.read(), support::own_cpu());
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    let (bot_after, own_after) = (bot.sched.read(), support::own_cpu());
    let calls = calls_since(world, &calls_before);
    Phase {
        name: "idle".into(),
        messages: 0,
        seconds,
        latency: Spread::default(),
        bot: bot_after.since(bot_before),
        sim_cpu: own_after.saturating_sub(own_before),
        peak_rss: bot.process.peak_rss(),
        calls,
    }
}

/// The Bot API calls made since the simulator counted `before`, by method.
fn calls_since(world: &World, before: &BTreeMap<String, u64>) -> BTreeMap<String, u64> {
    world
        .sim
        .counters()
        .calls_by_method
        .into_iter()
        .filter_map(|(method, after)| {
            let earlier = before.get(&method).copied().unwrap_or(0);
            (after > earlier).then(|| (method, after - earlier))
        })
        .collect()
}

/// Which way messages go.
#[derive(Clone, Copy)]
enum Direction {
    /// Customers write; the bot copies into threads.
    In,
    /// The team comments; the bot copies to customers.
    Out,
}

impl Direction {
    fn name(self) -> &'static str {
        match self {
            Direction::In => "in",
            Direction::Out => "out",
        }
    }
}
