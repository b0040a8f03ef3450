//! The HTTP API and outgoing webhooks, against the release binary.
//!
//! 1. **API reads** at `--customers` customers (100,000 by default, built directly with the
//!    storage layer): `--calls` sequential calls of each read route with a read token (p50,
//!    p99).
//! 2. **Webhook throughput**: `--events` customer messages at full speed from `--senders`
//!    customers, each a `message.customer` event for one local endpoint that answers 200 at
//!    once; deliveries per second from the first to the last.
//! 3. **Relay with a dead endpoint**: `--relay` customer messages at `--rate` a second with no
//!    webhook, then with a webhook whose endpoint refuses connections; the relay's p50/p99
//!    (customer's message to its copy in the thread) both ways.
//!
//! `cargo bench --bench api -- --customers 100000 --calls 500 --events 2000 --senders 50 --relay 500 --rate 50`

mod support;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use threadesk::desk::DeskState as _;
use threadesk::domain::{
    Card, Customer, OpenedBy, Reachability, Ticket, TicketNumber, Timestamp, UserId, Workspace,
};
use threadesk::storage::{Ledger, Store};

use support::{Args, Sender, Spread, Tracker, World};

const READ_TOKEN: &str = "bench-read-token-0123456789";

/// A route's path (with its query) for one call, from a random generator.
type PathOf = dyn Fn(&mut fastrand::Rng) -> String;

fn main() {
    support::block_on(run(Args::parse()));
}

async fn run(args: Args) {
    println!("{}", support::describe_run("api"));
    let customers: i64 = args.get("customers", 100_000);
    let calls: usize = args.get("calls", 500);
    let events: usize = args.get("events", 2000);
    let senders: usize = args.get("senders", 50);
    let relay: usize = args.get("relay", 500);
    let rate: f64 = args.get("rate", 50.0);
    api_reads(customers, calls).await;
    webhook_throughput(events, senders).await;
    for dead in [false, true] {
        relay_with_webhook(relay, rate, dead).await;
    }
}

/// A config file with a read token, the ops listener on `port` and, when given, one webhook.
fn config_file(dir: &Path, port: u16, webhook: Option<&str>) -> String {
    let mut text = format!(
        "ops_listen = \"127.0.0.1:{port}\"\napi_rate_per_minute = 1000000\n\
         api_tokens = [{{ name = \"bench\", token = \"{READ_TOKEN}\", access = \"read\" }}]\n"
    );
    if let Some(url) = webhook {
        text.push_str(&format!(
            "\n[[webhooks]]\nurl = \"{url}\"\nevents = [\"message.customer\"]\nsecret = \"bench-webhook-secret-0123\"\n"
        ));
    }
    let path = dir.join("config.toml");
    std::fs::write(&path, text).expect("the config file is written");
    path.to_string_lossy().into_owned()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// Waits for `/healthz` to answer.
async fn healthy(client: &reqwest::Client, port: u16) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        let url = format!("http://127.0.0.1:{port}/healthz");
        if client.get(&url).send().await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the bot's ops listener never answered");
}

async fn api_reads(customers: i64, calls: usize) {
    let world = World::new(telegram_sim::SimConfig::default()).await;
    let dir = tempfile::tempdir().expect("a directory");
    let data = dir.path().join("data");
    let workspace = Workspace::Channel {
        channel: threadesk::domain::ChatId(world.channel.0),
        group: threadesk::domain::ChatId(world.group.0),
    };
    let started = Instant::now();
    build(&data, workspace, customers);
    eprintln!(
        "built {customers} customers in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    let port = free_port();
    let mut settings = world.settings(&data);
    settings.push(("THREADESK_OPS_LISTEN".into(), format!("127.0.0.1:{port}")));
    settings.push((
        "THREADESK_CONFIG".into(),
        config_file(dir.path(), port, None),
    ));
    let bot = support::spawn_bot(&settings, &dir.path().join("bot.log"));
    let client = reqwest::Client::new();
    healthy(&client, port).await;
    let api = format!("http://127.0.0.1:{port}/api/v1");
    let mut rng = fastrand::Rng::with_seed(7);
    let routes: [(&str, Box<PathOf>); 4] = [
        (
            "GET /customers?limit=50",
            Box::new(|_| "/customers?limit=50".into()),
        ),
        (
            "GET /customers/{id}",
            Box::new(move |rng| format!("/customers/{}", 1_000_000 + rng.i64(1..=customers))),
        ),
        (
            "GET /customers/{id}/tickets",
            Box::new(move |rng| {
                format!("/customers/{}/tickets", 1_000_000 + rng.i64(1..=customers))
            }),
        ),
        (
            "GET /tickets?status=open&limit=50",
            Box::new(|_| "/tickets?status=open&limit=50".into()),
        ),
    ];
    println!("\n| API route at {customers} customers | calls | p50 ms | p99 ms | max ms |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (name, path) in &routes {
        let mut times = Vec::with_capacity(calls);
        for _ in 0..calls {
            let url = format!("{api}{}", path(&mut rng));
            let asked = Instant::now();
            let answer = client
                .get(&url)
                .bearer_auth(READ_TOKEN)
                .send()
                .await
                .expect("the API answers");
            assert!(answer.status().is_success(), "{url}: {}", answer.status());
            answer.bytes().await.expect("a body");
            times.push(asked.elapsed());
        }
        let spread = Spread::of(&mut times);
        println!(
            "| {name} | {calls} | {} | {} | {} |",
            support::ms(spread.p50),
            support::ms(spread.p99),
            support::ms(spread.max)
        );
    }
    support::stop_bot(bot).await;
}

/// Customers with one open ticket each, as the bot stores them.
fn build(data: &Path, workspace: Workspace, customers: i64) {
    let store = Store::open(data, 64 * 1024 * 1024).expect("the data directory opens");
    threadesk::pipeline::workspace::open(&store, workspace, false)
        .expect("the data directory is recorded as the simulator's workspace");
    let mut ledger = Ledger::new(&store);
    let now = threadesk::pipeline::clock::now();
    for n in 1..=customers {
        let id = UserId(1_000_000 + n);
        let customer = Customer {
            id,
            first_name: format!("Customer {n}"),
            last_name: None,
            username: (n % 2 == 0).then(|| format!("user{n}")),
            language: Some("en".into()),
            first_seen: Timestamp(now.0 - n * 1000),
            card: Card::default(),
            ticket: TicketNumber(1),
            reachability: Reachability::Reachable,
            ban: None,
            tags: vec![if n % 50 == 0 { "vip" } else { "stage:lead" }.into()],
            fields: Default::default(),
        };
        let ticket = Ticket::open(
            id,
            TicketNumber(1),
            customer.first_seen,
            None,
            OpenedBy::Customer,
        );
        ledger.save_customer(&customer).expect("saved");
        ledger.save_ticket(&ticket).expect("saved");
    }
    store.flush_now().expect("flushed");
}

/// A local endpoint that counts deliveries and notes when each arrived.
async fn endpoint() -> (String, Arc<AtomicU64>, Arc<std::sync::Mutex<Vec<Instant>>>) {
    let count = Arc::new(AtomicU64::new(0));
    let times = Arc::new(std::sync::Mutex::new(Vec::new()));
    let (counter, stamps) = (Arc::clone(&count), Arc::clone(&times));
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move || {
            let (counter, stamps) = (Arc::clone(&counter), Arc::clone(&stamps));
            async move {
                counter.fetch_add(1, Ordering::SeqCst);
                stamps.lock().expect("stamps").push(Instant::now());
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("the endpoint binds");
    let url = format!("http://{}/hook", listener.local_addr().expect("an address"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, count, times)
}

async fn webhook_throughput(events: usize, senders: usize) {
    let world = World::new(telegram_sim::SimConfig {
        call_log_capacity: 0,
        ..telegram_sim::SimConfig::default()
    })
    .await;
    let people = world.customers(senders);
    let tracker = Tracker::start(world.sim.watch_messages(), world.bot.user_id);
    let dir = tempfile::tempdir().expect("a directory");
    let (url, count, times) = endpoint().await;
    let port = free_port();
    let mut settings = world.settings(&dir.path().join("data"));
    settings.push(("THREADESK_OPS_LISTEN".into(), format!("127.0.0.1:{port}")));
    settings.push(("THREADESK_WEBHOOK_ALLOW_PRIVATE".into(), "true".into()));
    settings.push((
        "THREADESK_CONFIG".into(),
        config_file(dir.path(), port, Some(&url)),
    ));
    let mut bot = support::spawn_bot(&settings, &dir.path().join("bot.log"));
    support::first_contact(&world, &tracker, &mut bot, &people, Duration::from_secs(60)).await;
    let waited = Instant::now();
    while count.load(Ordering::SeqCst) < senders as u64
        && waited.elapsed() < Duration::from_secs(60)
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let before = count.load(Ordering::SeqCst);
    let messages: Vec<(Sender, String)> = (0..events)
        .map(|i| (Sender::Customer(people[i % senders]), format!("event #{i}")))
        .collect();
    let sent = Instant::now();
    support::send_all(&world, messages, None).await;
    let target = before + events as u64;
    while count.load(Ordering::SeqCst) < target && sent.elapsed() < Duration::from_secs(300) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let delivered = count.load(Ordering::SeqCst) - before;
    let last = times
        .lock()
        .expect("stamps")
        .last()
        .copied()
        .unwrap_or(sent);
    let seconds = last.duration_since(sent).as_secs_f64();
    println!(
        "\nwebhook deliveries: {delivered} of {events} message.customer events in {seconds:.2} s: {:.0} deliveries/s",
        delivered as f64 / seconds.max(0.001)
    );
    support::stop_bot(bot).await;
}

async fn relay_with_webhook(count: usize, rate: f64, dead: bool) {
    let world = World::new(telegram_sim::SimConfig {
        call_log_capacity: 0,
        ..telegram_sim::SimConfig::default()
    })
    .await;
    let people = world.customers(20);
    let tracker = Tracker::start(world.sim.watch_messages(), world.bot.user_id);
    let dir = tempfile::tempdir().expect("a directory");
    let port = free_port();
    let mut settings = world.settings(&dir.path().join("data"));
    settings.push(("THREADESK_OPS_LISTEN".into(), format!("127.0.0.1:{port}")));
    settings.push(("THREADESK_WEBHOOK_ALLOW_PRIVATE".into(), "true".into()));
    // Nothing listens on this port: every delivery fails and is retried with backoff.
    let dead_url = format!("http://127.0.0.1:{}/hook", free_port());
    let webhook = dead.then_some(dead_url.as_str());
    settings.push((
        "THREADESK_CONFIG".into(),
        config_file(dir.path(), port, webhook),
    ));
    let mut bot = support::spawn_bot(&settings, &dir.path().join("bot.log"));
    support::first_contact(&world, &tracker, &mut bot, &people, Duration::from_secs(60)).await;
    let name = if dead { "dead" } else { "none" };
    let messages: Vec<(Sender, String)> = (0..count)
        .map(|i| {
            (
                Sender::Customer(people[i % people.len()]),
                format!("relay {name} #{i}"),
            )
        })
        .collect();
    let texts: Vec<String> = messages.iter().map(|(_, text)| text.clone()).collect();
    support::send_all(&world, messages, Some(rate)).await;
    tracker
        .wait_for_copies(&texts, &mut bot, Duration::from_secs(60))
        .await;
    let (mut latencies, _, _) = tracker.latencies(&texts);
    let spread = Spread::of(&mut latencies);
    println!(
        "relay at {rate}/s, webhook endpoint {}: {} messages, p50 {} ms, p99 {} ms, max {} ms",
        if dead {
            "dead (connection refused)"
        } else {
            "none"
        },
        latencies.len(),
        support::ms(spread.p50),
        support::ms(spread.p99),
        support::ms(spread.max)
    );
    support::stop_bot(bot).await;
}
