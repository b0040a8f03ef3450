//! A broadcast at scale: `--customers` customers (10,000 by default) first write once, then a
//! team member sends `/send all` at `broadcast_rate` `--rate` a second (the default 20) while
//! customers keep writing to the team at `--live-rate` messages a second. Measured: how long the
//! broadcast took from the Send press to the last recipient's copy, against the shortest time
//! the rate allows ((recipients - 1) / rate), and the live messages' latency (customer's message
//! to its copy in the thread) before the broadcast and while it runs (p50, p99).
//!
//! `cargo bench --bench broadcast -- --customers 10000 --rate 20 --live-rate 2`

mod support;

use std::time::{Duration, Instant};

use telegram_sim::{ChatRef, Content, MessageId, SimConfig};

use support::{Args, Sender, Spread, Tracker, World};

fn main() {
    support::block_on(run(Args::parse()));
}

async fn run(args: Args) {
    println!("{}", support::describe_run("broadcast"));
    let count: usize = args.get("customers", 10_000);
    let rate: u32 = args.get("rate", 20);
    let live_rate: f64 = args.get("live-rate", 2.0);
    let world = World::new(SimConfig {
        call_log_capacity: 0,
        ..SimConfig::default()
    })
    .await;
    let customers = world.customers(count);
    let tracker = Tracker::start(world.sim.watch_messages(), world.bot.user_id);
    let data = tempfile::tempdir().expect("a data directory");
    let mut settings = world.settings(&data.path().join("data"));
    settings.push(("THREADESK_BROADCAST_RATE".into(), format!("{rate}/1s")));
    let mut bot = support::spawn_bot(&settings, &data.path().join("bot.log"));
    eprintln!("{count} customers: first contact");
    support::first_contact(
        &world,
        &tracker,
        &mut bot,
        &customers,
        Duration::from_secs(120),
    )
    .await;
    tracker
        .wait_quiet(Duration::from_secs(1), Duration::from_secs(300))
        .await;

    // Live traffic alone, for comparison.
    let live_count = (live_rate * 30.0).round() as usize;
    let baseline = live(
        &world, &tracker, &mut bot, &customers, "before", live_count, live_rate,
    )
    .await;

    // The broadcast, and live traffic while it runs.
    let news = world
        .sim
        .as_user(world.team)
        .in_chat(world.group)
        .send(Content::text("Broadcast: we are closed on Friday"))
        .expect("the team member posts");
    let command = world
        .sim
        .as_user(world.team)
        .in_chat(world.group)
        .reply_to(news)
        .send(Content::text("/send all"))
        .expect("the team member sends /send");
    let preview = wait_for(Duration::from_secs(60), || answer(&world, command)).await;
    let send = wait_for(Duration::from_secs(60), || {
        send_button(&world, preview).filter(|_| ready(&world, preview, count))
    })
    .await;
    let pressed = Instant::now();
    world
        .sim
        .as_user(world.team)
        .in_chat(world.group)
        .press_button(preview, &send)
        .expect("Send is pressed");
    eprintln!("{count} customers: broadcasting at {rate}/s");
    let expected = Duration::from_secs_f64(count.saturating_sub(1) as f64 / f64::from(rate));
    let during_count = ((expected.as_secs_f64() * 0.8) * live_rate).round() as usize;
    let during = live(
        &world,
        &tracker,
        &mut bot,
        &customers,
        "during",
        during_count,
        live_rate,
    )
    .await;
    let finished = wait_for(expected * 2 + Duration::from_secs(120), || {
        let copies = broadcast_copies(&tracker, pressed);
        (copies.len() >= count).then(|| copies.iter().copied().max())?
    })
    .await;
    let took = finished.duration_since(pressed);
    let minimum = expected.as_secs_f64();
    println!(
        "broadcast to {count} customers at {rate}/s: {:.1} s (theoretical minimum {minimum:.1} s, {:+.2} %)",
        took.as_secs_f64(),
        (took.as_secs_f64() / minimum - 1.0) * 100.0
    );
    for (name, spread) in [("live before", baseline), ("live during", during)] {
        println!(
            "{name}: {} messages, p50 {} ms, p99 {} ms, max {} ms",
            spread.0,
            support::ms(spread.1.p50),
            support::ms(spread.1.p99),
            support::ms(spread.1.max)
        );
    }
    support::stop_bot(bot).await;
}

/// Customers write `count` messages at `rate` a second (cycling through the first hundred);
/// how many, and their latency to the thread.
async fn live(
    world: &World,
    tracker: &Tracker,
    bot: &mut support::BotProcess,
    customers: &[telegram_sim::UserId],
    name: &str,
    count: usize,
    rate: f64,
) -> (usize, Spread) {
    let messages: Vec<(Sender, String)> = (0..count)
        .map(|index| {
            let customer = customers[index % customers.len().min(100)];
            (Sender::Customer(customer), format!("live {name} #{index}"))
        })
        .collect();
    let texts: Vec<String> = messages.iter().map(|(_, text)| text.clone()).collect();
    support::send_all(world, messages, Some(rate)).await;
    tracker
        .wait_for_copies(&texts, bot, Duration::from_secs(60))
        .await;
    let (mut latencies, _, _) = tracker.latencies(&texts);
    (latencies.len(), Spread::of(&mut latencies))
}

/// When each broadcast copy reached a private chat after `since`.
fn broadcast_copies(tracker: &Tracker, since: Instant) -> Vec<Instant> {
    tracker
        .log()
        .bot_messages
        .iter()
        .filter(|seen| seen.at >= since && matches!(seen.chat, ChatRef::Private { .. }))
        .map(|seen| seen.at)
        .collect()
}

/// The bot's answer to `command` in the team chat.
fn answer(world: &World, command: MessageId) -> Option<MessageId> {
    world
        .sim
        .transcript(world.group)
        .iter()
        .find(|e| e.reply_to == Some(command) && e.from == Some(world.bot.user_id))
        .map(|e| e.id)
}

/// Whether the preview counted every customer.
fn ready(world: &World, preview: MessageId, count: usize) -> bool {
    world
        .sim
        .transcript(world.group)
        .get_id(preview)
        .and_then(|e| e.text.clone())
        .is_some_and(|text| text.contains(&format!("to {count} customer")))
}

/// The callback data of the preview's Send button.
fn send_button(world: &World, preview: MessageId) -> Option<String> {
    let json = world.sim.message_json(world.group, preview)?;
    json["reply_markup"]["inline_keyboard"]
        .as_array()?
        .iter()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .find(|button| button["text"].as_str().is_some_and(|t| t.contains("Send")))
        .and_then(|button| button["callback_data"].as_str().map(str::to_owned))
}

/// Polls `check` every 50 ms until it gives a value; panics after `limit`.
async fn wait_for<T>(limit: Duration, mut check: impl FnMut() -> Option<T>) -> T {
    let started = Instant::now();
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(started.elapsed() < limit, "nothing within {limit:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
