//! Drain at the limit: with Telegram-like rate limits on in the simulator and the same limits
//! configured in the bot (the team chat limited per minute, private chats per second, a global
//! per-second cap; time scaled down by `--time-scale`), a burst of customer messages must go
//! into the team chat. Measured: the drain time against the shortest time the limits allow,
//! the 429 answers the bot received, and team replies to customers sent during the drain
//! (they use the private chats' limits, so they must keep flowing while the team chat's queue
//! waits).
//!
//! With the default time scale of 20 the limits are 20 messages per 3 s for the team chat,
//! 1 per 50 ms per private chat and 30 per 50 ms overall. `--customers` customers first write
//! once (cards and threads); once the team chat's window is empty again they send `--backlog`
//! messages at once, while the team member answers `--replies` times, spread over the drain.
//!
//! With `--restart` the bot is stopped and started again once the first window's messages are
//! out: the new process's limiter starts empty while Telegram's window is full, so it meets
//! 429s (whose `retry_after` is in whole seconds, which scaled time magnifies).
//!
//! `cargo bench --bench drain -- --time-scale 20 --customers 10 --backlog 101 --replies 30 --runs 3`

mod support;

use std::time::{Duration, Instant};

use telegram_sim::{ChatRef, Limits, Rate, SimConfig};

use support::{Args, Sender, Spread, Tracker, World};

fn main() {
    support::block_on(run(Args::parse()));
}

/// Telegram's limits with time divided by `scale`.
#[derive(Clone, Copy, Debug)]
struct Scaled {
    private: Rate,
    group: Rate,
    global: Rate,
}

impl Scaled {
    fn new(scale: f64) -> Scaled {
        let per = |seconds: f64| Duration::from_secs_f64(seconds / scale);
        Scaled {
            private: Rate::new(1, per(1.0)),
            group: Rate::new(20, per(60.0)),
            global: Rate::new(30, per(1.0)),
        }
    }

    /// The bot's setting for a rate, e.g. `20/3000.000ms`.
    fn setting(rate: Rate) -> String {
        format!("{}/{:.3}ms", rate.count, rate.per.as_secs_f64() * 1000.0)
    }
}

/// The earliest the last of `count` messages can go through a sliding window that starts
/// empty: message `i` (from 0) waits `floor(i / rate.count)` whole windows.
fn earliest_last(count: usize, rate: Rate) -> Duration {
    if count == 0 {
        return Duration::ZERO;
    }
    rate.per * u32::try_from((count - 1) / rate.count as usize).unwrap_or(u32::MAX)
}

/// One run's figures.
struct Outcome {
    theoretical: Duration,
    binding: &'static str,
    drain: Duration,
    from_burst: Duration,
    too_many_requests: u64,
    replies: usize,
    replies_during_drain: usize,
    reply_latency: Spread,
    group_latency: Spread,
    per_window: Vec<usize>,
}

async fn run(args: Args) {
    println!("{}", support::describe_run("drain"));
    let scale: f64 = args.get("time-scale", 20.0);
    let customers: usize = args.get("customers", 10);
    let backlog: usize = args.get("backlog", 101);
    let replies: usize = args.get("replies", 30);
    let runs: usize = args.get("runs", 3);
    let restart = args.get("restart", false);
    let limits = Scaled::new(scale);
    println!(
        "limits (time / {scale}): team chat {} per {:?}, private chats {} per {:?}, overall {} per {:?}",
        limits.group.count,
        limits.group.per,
        limits.private.count,
        limits.private.per,
        limits.global.count,
        limits.global.per
    );
    let mut outcomes = Vec::new();
    for attempt in 0..runs.max(1) {
        let outcome = drain_once(limits, customers, backlog, replies, restart).await;
        println!(
            "run {attempt}: drain {:.3} s vs theoretical {:.3} s ({:+.2} %), {} 429s",
            outcome.drain.as_secs_f64(),
            outcome.theoretical.as_secs_f64(),
            percent(outcome.drain, outcome.theoretical),
            outcome.too_many_requests
        );
        outcomes.push(outcome);
    }
    let mut excess: Vec<f64> = outcomes
        .iter()
        .map(|outcome| percent(outcome.drain, outcome.theoretical))
        .collect();
    println!();
    println!(
        "| run | backlog | theoretical minimum s (binding limit) | drain s (first to last copy) | over minimum | from the burst s | 429s | 429s after the first | replies delivered during the drain | reply latency p50 / max ms | team chat copies per window |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for (index, outcome) in outcomes.iter().enumerate() {
        println!(
            "| {index} | {backlog} | {:.3} ({}) | {:.3} | {:+.2} % | {:.3} | {} | {} | {} of {} | {} / {} | {} |",
            outcome.theoretical.as_secs_f64(),
            outcome.binding,
            outcome.drain.as_secs_f64(),
            percent(outcome.drain, outcome.theoretical),
            outcome.from_burst.as_secs_f64(),
            outcome.too_many_requests,
            outcome.too_many_requests.saturating_sub(1),
            outcome.replies_during_drain,
            outcome.replies,
            support::ms(outcome.reply_latency.p50),
            support::ms(outcome.reply_latency.max),
            outcome
                .per_window
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    println!();
    println!(
        "median time over the minimum: {:+.2} % (target: within 5 %)",
        support::median(&mut excess)
    );
    for (index, outcome) in outcomes.iter().enumerate() {
        println!(
            "run {index}: latency of backlog messages (queueing included) p50 {} ms, max {} ms",
            support::ms(outcome.group_latency.p50),
            support::ms(outcome.group_latency.max)
        );
    }
}

fn percent(measured: Duration, minimum: Duration) -> f64 {
    (measured.as_secs_f64() / minimum.as_secs_f64() - 1.0) * 100.0
}

async fn drain_once(
    limits: Scaled,
    customer_count: usize,
    backlog: usize,
    replies: usize,
    restart: bool,
) -> Outcome {
    let world = World::new(SimConfig {
        call_log_capacity: 0,
        limits: Limits {
            private_chat: Some(limits.private),
            group: Some(limits.group),
            global: Some(limits.global),
        },
        ..SimConfig::default()
    })
    .await;
    let customers = world.customers(customer_count);
    let tracker = Tracker::start(world.sim.watch_messages(), world.bot.user_id);
    let data = tempfile::tempdir().expect("a data directory");
    let mut settings = world.settings(&data.path().join("data"));
    for (key, rate) in [
        ("THREADESK_RATE_PRIVATE", limits.private),
        ("THREADESK_RATE_GROUP", limits.group),
        ("THREADESK_RATE_GLOBAL", limits.global),
    ] {
        settings.retain(|(name, _)| name != key);
        settings.push((key.to_owned(), Scaled::setting(rate)));
    }
    let mut bot = support::spawn_bot(&settings, &data.path().join("bot.log"));

    // First contact: cards, threads, welcome messages; then the team member's first comment
    // (membership is looked up once).
    let roots = support::first_contact(
        &world,
        &tracker,
        &mut bot,
        &customers,
        Duration::from_secs(120),
    )
    .await;
    support::send_all(
        &world,
        vec![(Sender::Team(roots[0]), "warm up".into())],
        None,
    )
    .await;
    tracker
        .wait_for_copies(&["warm up".to_owned()], &mut bot, Duration::from_secs(60))
        .await;
    tracker
        .wait_quiet(limits.group.per / 4, Duration::from_secs(120))
        .await;
    // The team chat's window empties: the backlog starts from a fresh window, as the
    // theoretical minimum assumes.
    tokio::time::sleep(limits.group.per + limits.group.per / 10).await;
    let too_many_before = world.sim.counters().too_many_requests;

    let backlog_messages: Vec<(Sender, String)> = (0..backlog)
        .map(|index| {
            (
                Sender::Customer(customers[index % customer_count]),
                format!("backlog #{index}"),
            )
        })
        .collect();
    let backlog_texts: Vec<String> = backlog_messages
        .iter()
        .map(|(_, text)| text.clone())
        .collect();
    let per_customer_replies = replies.div_ceil(customer_count.max(1));
    let theoretical = [
        ("team chat", earliest_last(backlog, limits.group)),
        ("overall", earliest_last(backlog + replies, limits.global)),
        (
            "private chat",
            earliest_last(per_customer_replies, limits.private),
        ),
    ]
    .into_iter()
    .max_by_key(|(_, duration)| *duration)
    .expect("three limits");
    let reply_messages: Vec<(Sender, String)> = (0..replies)
        .map(|index| {
            (
                Sender::Team(roots[index % customer_count]),
                format!("reply #{index}"),
            )
        })
        .collect();
    let reply_texts: Vec<String> = reply_messages
        .iter()
        .map(|(_, text)| text.clone())
        .collect();
    // Replies are spread over the drain, starting a moment after the burst.
    let reply_rate = replies as f64 / theoretical.1.max(Duration::from_millis(100)).as_secs_f64();
    support::send_all(&world, backlog_messages, None).await;
    tokio::time::sleep(limits.group.per / 10).await;
    let replying = tokio::spawn({
        let world = world.clone();
        async move { support::send_all(&world, reply_messages, Some(reply_rate)).await }
    });
    let stall = limits.group.per * 4 + Duration::from_secs(30);
    if restart {
        // Restarted once the first window is spent: the new process does not know what the
        // old one sent, Telegram does.
        let first_window: Vec<String> = backlog_texts
            .iter()
            .take(limits.group.count as usize)
            .cloned()
            .collect();
        tracker
            .wait_for_copies(&first_window, &mut bot, stall)
            .await;
        support::stop_bot(bot).await;
        bot = support::spawn_bot(&settings, &data.path().join("bot-restarted.log"));
    }
    tracker
        .wait_for_copies(&backlog_texts, &mut bot, stall)
        .await;
    replying.await.expect("the replies are sent");
    tracker.wait_for_copies(&reply_texts, &mut bot, stall).await;
    let too_many_requests = world.sim.counters().too_many_requests - too_many_before;
    support::stop_bot(bot).await;

    let (mut group_latencies, first_original, last_copy) = tracker.latencies(&backlog_texts);
    let log = tracker.log();
    let copies: Vec<Instant> = backlog_texts
        .iter()
        .map(|text| log.copies[text].at)
        .collect();
    let first_copy = copies.iter().copied().min().expect("copies");
    let mut per_window = Vec::new();
    for at in &copies {
        let window = (at.duration_since(first_copy).as_secs_f64() / limits.group.per.as_secs_f64())
            .floor() as usize;
        if per_window.len() <= window {
            per_window.resize(window + 1, 0);
        }
        per_window[window] += 1;
    }
    let mut reply_latencies = Vec::new();
    let mut during = 0;
    for text in &reply_texts {
        let (Some(original), Some(copy)) = (log.originals.get(text), log.copies.get(text)) else {
            continue;
        };
        assert!(
            matches!(copy.chat, ChatRef::Private { .. }),
            "replies go to private chats"
        );
        reply_latencies.push(copy.at.duration_since(original.at));
        if copy.at < last_copy {
            during += 1;
        }
    }
    Outcome {
        theoretical: theoretical.1,
        binding: theoretical.0,
        drain: last_copy.duration_since(first_copy),
        from_burst: last_copy.duration_since(first_original),
        too_many_requests,
        replies: reply_texts.len(),
        replies_during_drain: during,
        reply_latency: Spread::of(&mut reply_latencies),
        group_latency: Spread::of(&mut group_latencies),
        per_window,
    }
}
