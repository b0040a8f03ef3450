//! Scale: the release binary on a data directory holding 100,000 customers, 300,000 tickets and
//! 3,000,000 message mappings, built directly with the storage layer.
//!
//! Measured: the data directory's size on disk; start-up time, from starting the process to
//! the first relayed message (a customer message waits in Telegram's queue at each start; the
//! median of `--starts` restarts); resident memory at idle and under load (`--rate` messages
//! per second for `--seconds`, half from customers to threads, half from the team to
//! customers, spread over `--active` customers picked at random across the whole range); relay
//! latency under that load; and, with the bot stopped, the latency of the lookups the desk makes
//! (customer, current ticket, thread root, both directions of a message mapping) with the
//! default cache, over random keys.
//!
//! `cargo bench --bench scale -- --customers 100000 --tickets 3 --mappings 30 --active 1000 --starts 5 --rate 500 --seconds 20`
//! (`--tickets` and `--mappings` are per customer; `--keep DIR` keeps the built directory in
//! DIR and reuses it on the next run; `--cache-mb N` sets THREADESK_CACHE_MB.)

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use telegram_sim::{self as sim, SimConfig};
use teloxide::payloads::GetUpdatesSetters as _;
use teloxide::prelude::Requester as _;
use threadesk::desk::DeskState as _;
use threadesk::domain::{
    Card, ChatId, Customer, MessageId, OpenedBy, Reachability, Ticket, TicketNumber, TicketStatus,
    Timestamp, UserId, Workspace,
};
use threadesk::storage::{Ledger, Store, TreeName, write_link};

use support::{Args, Measure, Sender, Spread, Tracker, World};

fn main() {
    support::block_on(run(Args::parse()));
}

/// The size of the data set.
#[derive(Clone, Copy)]
struct Shape {
    customers: usize,
    tickets: u32,
    mappings: u32,
}

/// Synthetic message ids start here, far above what the simulator hands out in a run.
const SYNTHETIC_POSTS: i32 = 1_000_000;
const SYNTHETIC_TEAM_MESSAGES: i32 = 2_000_000;

async fn run(args: Args) {
    println!("{}", support::describe_run("scale"));
    let shape = Shape {
        customers: args.get("customers", 100_000),
        tickets: args.get("tickets", 3),
        mappings: args.get("mappings", 30),
    };
    let active_count: usize = args.get::<usize>("active", 1_000).min(shape.customers);
    let starts: usize = args.get("starts", 5);
    let rate: f64 = args.get("rate", 500.0);
    let seconds: f64 = args.get("seconds", 20.0);
    let cache_mb: Option<u64> = args.get::<i64>("cache-mb", -1).try_into().ok();
    let keep: Option<PathBuf> = args.get::<String>("keep", String::new()).parse().ok();
    let keep = keep.filter(|path| !path.as_os_str().is_empty());

    let world = World::new(SimConfig {
        call_log_capacity: 0,
        ..SimConfig::default()
    })
    .await;
    let started = Instant::now();
    let customers = world.customers(shape.customers);
    eprintln!(
        "{} simulated customers in {:.1?}",
        customers.len(),
        started.elapsed()
    );
    let mut rng = fastrand::Rng::with_seed(7);
    let mut active: Vec<usize> = rng
        .choose_multiple(0..shape.customers, active_count)
        .into_iter()
        .collect();
    active.sort_unstable();
    let roots = post_cards(&world, &customers, &active).await;
    let workspace = Workspace::Channel {
        channel: ChatId(world.channel.0),
        group: ChatId(world.group.0),
    };

    let temporary = tempfile::tempdir().expect("a temporary directory");
    let data = keep
        .clone()
        .unwrap_or_else(|| temporary.path().join("data"));
    let marker = data.join("threadesk-bench-shape");
    let wanted = format!(
        "{} {} {} {}",
        shape.customers, shape.tickets, shape.mappings, active_count
    );
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(wanted.as_str()) {
        eprintln!("reusing {}", data.display());
        relink_active(&data, workspace, &customers, &active, &roots);
    } else {
        let _ = std::fs::remove_dir_all(&data);
        let started = Instant::now();
        build(&data, workspace, shape, &customers, &active, &roots);
        std::fs::write(&marker, &wanted).expect("the marker is written");
        println!("built in {:.1?}", started.elapsed());
    }
    let built_size = support::disk_usage(&data);
    println!(
        "data set: {} customers, {} tickets, {} message mappings; on disk {:.1} MB",
        shape.customers,
        shape.customers as u64 * u64::from(shape.tickets),
        shape.customers as u64 * u64::from(shape.mappings),
        support::mb(built_size)
    );

    let tracker = Tracker::start(world.sim.watch_messages(), world.bot.user_id);
    let mut settings = world.settings(&data);
    if let Some(cache_mb) = cache_mb {
        settings.push(("THREADESK_CACHE_MB".into(), cache_mb.to_string()));
    }
    let log = temporary.path().join("bot.log");

    // Start-up: a customer message waits in Telegram's queue; time until its copy appears.
    let mut start_times = Vec::new();
    let mut bot = None;
    for attempt in 0..starts.max(1) {
        let customer = customers[active[attempt % active.len()]];
        let text = format!("start {attempt}");
        world.customer_says(customer, &text);
        let mut process = support::spawn_bot(&settings, &log);
        tracker
            .wait_for_copies(
                std::slice::from_ref(&text),
                &mut process,
                Duration::from_secs(60),
            )
            .await;
        let copied = tracker.log().copies[&text].at;
        let elapsed = copied.saturating_duration_since(process.started);
        eprintln!("start {attempt}: first update relayed after {elapsed:.2?}");
        start_times.push(elapsed.as_secs_f64());
        if attempt + 1 < starts {
            support::stop_bot(process).await;
        } else {
            bot = Some(process);
        }
    }
    let mut bot = bot.expect("the bot runs");
    tokio::time::sleep(Duration::from_secs(3)).await;
    let idle_rss = bot.rss();

    // Load: customers and the team write at `rate`, spread over the active customers.
    let count = (rate * seconds).round() as usize;
    let messages: Vec<(Sender, String)> = (0..count)
        .map(|index| {
            let which = rng.usize(..active.len());
            let sender = if index % 2 == 0 {
                Sender::Customer(customers[active[which]])
            } else {
                Sender::Team(roots[which])
            };
            (sender, format!("load #{index}"))
        })
        .collect();
    let texts: Vec<String> = messages.iter().map(|(_, text)| text.clone()).collect();
    let cpu_before = bot.cpu();
    let load = tokio::spawn({
        let world = world.clone();
        async move { support::send_all(&world, messages, Some(rate)).await }
    });
    let mut load_rss = Vec::new();
    while !load.is_finished() {
        tokio::time::sleep(Duration::from_millis(500)).await;
        load_rss.push(bot.rss());
    }
    load.await.expect("the load generator finishes");
    tracker
        .wait_for_copies(&texts, &mut bot, Duration::from_secs(60))
        .await;
    let cpu = bot.cpu().saturating_sub(cpu_before);
    let (mut latencies, _, _) = tracker.latencies(&texts);
    let latency = Spread::of(&mut latencies);
    let peak_rss = bot.peak_rss();
    let end_rss = bot.rss();
    support::stop_bot(bot).await;
    let loaded_size = support::disk_usage(&data);

    let lookups = measure_lookups(
        &data,
        workspace,
        shape,
        &customers,
        &active,
        &roots,
        cache_mb.unwrap_or(64),
    );

    let mut sorted_rss = load_rss.clone();
    sorted_rss.sort_unstable();
    println!();
    println!("| figure | value | target |");
    println!("|---|---|---|");
    println!(
        "| start-up to first relayed update, median of {} | {:.2} s (min {:.2}, max {:.2}) | < 2 s |",
        start_times.len(),
        support::median(&mut start_times.clone()),
        start_times.iter().copied().fold(f64::INFINITY, f64::min),
        start_times.iter().copied().fold(0.0, f64::max),
    );
    println!(
        "| RSS at idle | {:.1} MB | < 150 MB |",
        support::mb(idle_rss)
    );
    println!(
        "| RSS under load ({rate:.0} msg/s), median / max sampled | {:.1} / {:.1} MB | < 150 MB |",
        support::mb(sorted_rss.get(sorted_rss.len() / 2).copied().unwrap_or(0)),
        support::mb(sorted_rss.last().copied().unwrap_or(0)),
    );
    println!(
        "| peak RSS (VmHWM) over the run | {:.1} MB | < 150 MB |",
        support::mb(peak_rss)
    );
    println!("| RSS after the load | {:.1} MB | |", support::mb(end_rss));
    println!(
        "| disk: as built / after the run | {:.1} / {:.1} MB | < 1,500 MB |",
        support::mb(built_size),
        support::mb(loaded_size)
    );
    println!(
        "| relay latency under load p50 / p95 / p99 / max | {} / {} / {} / {} ms | |",
        support::ms(latency.p50),
        support::ms(latency.p95),
        support::ms(latency.p99),
        support::ms(latency.max)
    );
    println!(
        "| bot CPU under load | {:.0} µs per relayed message | |",
        cpu.as_secs_f64() * 1e6 / count as f64
    );
    println!();
    println!(
        "| lookup ({} random keys, cache {} MB) | pass | p50 µs | p99 µs | max µs |",
        LOOKUPS,
        cache_mb.unwrap_or(64)
    );
    println!("|---|---|---|---|---|");
    for (name, pass, spread) in lookups {
        println!(
            "| {name} | {pass} | {:.1} | {:.1} | {:.1} |",
            spread.p50.as_secs_f64() * 1e6,
            spread.p99.as_secs_f64() * 1e6,
            spread.max.as_secs_f64() * 1e6
        );
    }
    drop(temporary);
}

/// Each active customer has written to the bot before and the bot has posted their card (as it
/// would have), so their private chats and threads exist in the simulator; returns the thread
/// roots. The updates this causes are confirmed, so the bot starts with an empty queue.
async fn post_cards(
    world: &World,
    customers: &[sim::UserId],
    active: &[usize],
) -> Vec<sim::MessageId> {
    for index in active {
        world.customer_says(customers[*index], "hello");
    }
    let client = teloxide::Bot::new(&world.bot.token).set_api_url(world.sim.url());
    let mut posts = Vec::with_capacity(active.len());
    for index in active {
        let post = client
            .send_message(world.channel, format!("Customer{index} · ticket #3"))
            .await
            .expect("the card is posted");
        posts.push(sim::MessageId(post.id.0));
    }
    for post in &posts {
        let forwarded = world
            .sim
            .wait_until(Duration::from_secs(60), || {
                world.sim.discussion_copy_of(world.channel, *post).is_some()
            })
            .await;
        assert!(forwarded, "the cards are forwarded to the group");
    }
    let roots = posts
        .iter()
        .map(|post| {
            world
                .sim
                .discussion_copy_of(world.channel, *post)
                .expect("every card has its thread")
        })
        .collect();
    let pending = client
        .get_updates()
        .offset(-1)
        .timeout(0)
        .await
        .expect("getUpdates answers");
    if let Some(last) = pending.last() {
        client
            .get_updates()
            .offset(last.id.0 as i32 + 1)
            .timeout(0)
            .await
            .expect("getUpdates confirms");
    }
    roots
}

fn user(id: sim::UserId) -> UserId {
    UserId(id.0 as i64)
}

fn message(id: i64) -> MessageId {
    MessageId(i32::try_from(id).expect("message ids fit in 32 bits"))
}

/// Writes the data set with the storage layer.
fn build(
    data: &Path,
    workspace: Workspace,
    shape: Shape,
    customers: &[sim::UserId],
    active: &[usize],
    roots: &[sim::MessageId],
) {
    let store = Store::open(data, 64 * 1024 * 1024).expect("the data directory opens");
    threadesk::pipeline::workspace::open(&store, workspace, false)
        .expect("the data directory is recorded as the simulator's workspace");
    let (channel, group) = (workspace.card_chat(), workspace.thread_chat());
    let mut ledger = Ledger::new(&store);
    let now = threadesk::pipeline::clock::now().0;
    let day = 24 * 3600 * 1000;
    let mut open = 0i64;
    for (index, customer) in customers.iter().enumerate() {
        let id = user(*customer);
        let live = active.binary_search(&index).ok();
        let offset = i64::try_from(index).unwrap_or(0);
        let (post, root) = match live {
            // The simulator's card post is not known to the bot; only the root matters.
            Some(slot) => (
                message(i64::from(SYNTHETIC_POSTS) + offset),
                MessageId(roots[slot].0),
            ),
            None => (
                message(i64::from(SYNTHETIC_POSTS) + offset),
                message(i64::from(SYNTHETIC_POSTS) + offset),
            ),
        };
        let first_seen = Timestamp(now - 300 * day + offset * 1000);
        let last = TicketNumber(shape.tickets);
        for number in 1..=shape.tickets {
            let opened = first_seen.plus(Duration::from_secs(u64::from(number) * 86_400));
            let mut ticket =
                Ticket::open(id, TicketNumber(number), opened, None, OpenedBy::Customer);
            let keep_open = number == shape.tickets && (live.is_some() || index % 10 == 0);
            if keep_open {
                open += 1;
            } else {
                ticket.status = TicketStatus::Closed {
                    at: opened.plus(Duration::from_secs(3600)),
                    by: Some("Maria".into()),
                    note: None,
                };
            }
            ledger.save_ticket(&ticket).expect("a ticket is stored");
        }
        ledger
            .save_customer(&Customer {
                id,
                first_name: format!("Customer{index}"),
                last_name: None,
                username: Some(format!("customer{index}")),
                language: Some("en".into()),
                first_seen,
                card: Card {
                    workspace: Some(workspace),
                    post: Some(post),
                    root: Some(root),
                    attempts: 1,
                    ..Card::default()
                },
                ticket: last,
                reachability: Reachability::Reachable,
                ban: None,
                tags: Vec::new(),
                fields: Default::default(),
            })
            .expect("a customer is stored");
        ledger
            .save_post(channel, post, id)
            .expect("a post is indexed");
        ledger
            .save_root(group, root, id)
            .expect("a root is indexed");
        for mapping in 0..shape.mappings {
            let team = i64::from(SYNTHETIC_TEAM_MESSAGES)
                + offset * i64::from(shape.mappings)
                + i64::from(mapping);
            write_link(
                &store,
                id,
                MessageId(mapping as i32 + 1),
                (group, message(team)),
            )
            .expect("a mapping is stored");
        }
        if index % 10_000 == 9_999 {
            eprintln!("built {} customers", index + 1);
        }
    }
    ledger
        .count_open_tickets(open)
        .expect("the open count is stored");
    store.flush_now().expect("the data set is flushed");
}

/// On reuse, points the active customers' roots at this run's threads and forgets the last
/// run's polling state (this run's simulator numbers its updates from the start again).
fn relink_active(
    data: &Path,
    workspace: Workspace,
    customers: &[sim::UserId],
    active: &[usize],
    roots: &[sim::MessageId],
) {
    let store = Store::open(data, 64 * 1024 * 1024).expect("the data directory opens");
    store
        .remove(TreeName::Meta, b"poll_offset")
        .expect("the offset is forgotten");
    for key in store.keys(TreeName::Seen).expect("readable") {
        store.remove(TreeName::Seen, &key).expect("removable");
    }
    let mut ledger = Ledger::new(&store);
    for (slot, index) in active.iter().enumerate() {
        let id = user(customers[*index]);
        let mut customer = ledger
            .customer(id)
            .expect("readable")
            .expect("the customer exists");
        let root = MessageId(roots[slot].0);
        customer.card.root = Some(root);
        ledger.save_customer(&customer).expect("saved");
        ledger
            .save_root(workspace.thread_chat(), root, id)
            .expect("indexed");
    }
    store.flush_now().expect("flushed");
}

/// Random keys per lookup kind.
const LOOKUPS: usize = 10_000;

/// Times the desk's lookups on the stopped bot's data directory: a first pass right after
/// opening (sled's cache empty; the OS page cache may hold the files) and a second pass.
fn measure_lookups(
    data: &Path,
    workspace: Workspace,
    shape: Shape,
    customers: &[sim::UserId],
    active: &[usize],
    roots: &[sim::MessageId],
    cache_mb: u64,
) -> Vec<(&'static str, &'static str, Spread)> {
    let store = Store::open(data, cache_mb * 1024 * 1024).expect("the data directory opens");
    let ledger = Ledger::new(&store);
    let mut rng = fastrand::Rng::with_seed(11);
    let picks: Vec<usize> = (0..LOOKUPS).map(|_| rng.usize(..shape.customers)).collect();
    let mut results = Vec::new();
    for pass in ["first", "second"] {
        let mut customer_times = Vec::new();
        let mut ticket_times = Vec::new();
        let mut root_times = Vec::new();
        let mut team_side_times = Vec::new();
        let mut customer_side_times = Vec::new();
        for (round, index) in picks.iter().enumerate() {
            let id = user(customers[*index]);
            let started = Instant::now();
            let customer = ledger.customer(id).expect("readable").expect("present");
            customer_times.push(started.elapsed());
            let started = Instant::now();
            let ticket = ledger.ticket(id, customer.ticket).expect("readable");
            ticket_times.push(started.elapsed());
            assert!(ticket.is_some(), "the current ticket exists");
            let root = match active.binary_search(index) {
                Ok(slot) => MessageId(roots[slot].0),
                Err(_) => message(i64::from(SYNTHETIC_POSTS) + *index as i64),
            };
            let started = Instant::now();
            let found = ledger
                .customer_by_root(workspace.thread_chat(), root)
                .expect("readable");
            root_times.push(started.elapsed());
            assert_eq!(found, Some(id));
            let mapping = (round as u32 % shape.mappings.max(1)) as i32 + 1;
            let started = Instant::now();
            let team = ledger.team_side(id, MessageId(mapping)).expect("readable");
            team_side_times.push(started.elapsed());
            if let Some(team) = team {
                let started = Instant::now();
                let side = ledger.customer_side(team.0, team.1).expect("readable");
                customer_side_times.push(started.elapsed());
                assert_eq!(side.map(|(customer, _)| customer), Some(id));
            }
        }
        for (name, mut times) in [
            ("customer by id", customer_times),
            ("current ticket", ticket_times),
            ("customer by thread root", root_times),
            ("team message of a customer message", team_side_times),
            ("customer message of a team message", customer_side_times),
        ] {
            results.push((name, pass, Spread::of(&mut times)));
        }
    }
    results
}
