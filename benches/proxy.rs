//! The Bot API proxy's cost: the same calls made to the simulator directly and through the
//! proxy of the release binary (`upstream_bot`), in one run. Measured: the latency of one call at
//! a time (p50, p99) for `getMe` (forwarded only) and `sendMessage` to a customer (forwarded,
//! then mirrored into the customer's thread, stored before the answer), and the throughput of
//! `--concurrency` callers making `getMe` calls.
//!
//! `cargo bench --bench proxy -- --calls 2000 --concurrency 16 --throughput-calls 10000`

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use telegram_sim::SimConfig;

use support::{Args, Spread, World};

fn main() {
    support::block_on(run(Args::parse()));
}

async fn run(args: Args) {
    println!("{}", support::describe_run("proxy"));
    let calls: usize = args.get("calls", 2000);
    let concurrency: usize = args.get("concurrency", 16);
    let throughput_calls: usize = args.get("throughput-calls", 10_000);
    let world = World::new(SimConfig::default()).await;
    let data = tempfile::tempdir().expect("a data directory");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let mut settings = world.settings(data.path());
    settings.push((
        "THREADESK_UPSTREAM_BOT".into(),
        format!("listen:127.0.0.1:{port}"),
    ));
    let log = data.path().join("threadesk.log");
    let bot = support::spawn_bot(&settings, &log);
    let token = world.bot.token.clone();
    let direct = format!("{}bot{token}", world.sim.url());
    let proxied = format!("http://127.0.0.1:{port}/bot{token}");
    let client = reqwest::Client::new();
    wait_until_up(&client, &proxied).await;
    // The customer writes first (and gets a thread), so that messages can be sent to them.
    let customer = world.customers(1)[0];
    world.customer_says(customer, "hello");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let send =
        serde_json::json!({"chat_id": customer.0, "text": "a message from the existing bot"});

    println!(
        "\n| call | route | calls | p50 ms | p99 ms | max ms |\n| --- | --- | ---: | ---: | ---: | ---: |"
    );
    for (name, body) in [("getMe", None), ("sendMessage", Some(&send))] {
        for (route, base) in [("simulator", &direct), ("proxy", &proxied)] {
            let mut latencies = Vec::with_capacity(calls);
            for _ in 0..calls {
                let started = Instant::now();
                call(&client, base, name, body).await;
                latencies.push(started.elapsed());
            }
            let spread = Spread::of(&mut latencies);
            println!(
                "| {name} | {route} | {calls} | {} | {} | {} |",
                support::ms(spread.p50),
                support::ms(spread.p99),
                support::ms(spread.max)
            );
        }
    }

    println!("\n| route | concurrency | getMe calls | calls/s |\n| --- | ---: | ---: | ---: |");
    for (route, base) in [("simulator", &direct), ("proxy", &proxied)] {
        let started = Instant::now();
        let remaining = Arc::new(std::sync::atomic::AtomicUsize::new(throughput_calls));
        let mut tasks = Vec::new();
        for _ in 0..concurrency {
            let client = client.clone();
            let base = base.clone();
            let remaining = Arc::clone(&remaining);
            tasks.push(tokio::spawn(async move {
                while remaining
                    .fetch_update(
                        std::sync::atomic::Ordering::SeqCst,
                        std::sync::atomic::Ordering::SeqCst,
                        |left| left.checked_sub(1),
                    )
                    .is_ok()
                {
                    call(&client, &base, "getMe", None).await;
                }
            }));
        }
        for task in tasks {
            task.await.expect("a caller");
        }
        let rate = throughput_calls as f64 / started.elapsed().as_secs_f64();
        println!("| {route} | {concurrency} | {throughput_calls} | {rate:.0} |");
    }
    support::stop_bot(bot).await;
}

async fn call(
    client: &reqwest::Client,
    base: &str,
    method: &str,
    body: Option<&serde_json::Value>,
) {
    let request = match body {
        Some(body) => client.post(format!("{base}/{method}")).json(body),
        None => client.get(format!("{base}/{method}")),
    };
    let answer: serde_json::Value = request
        .send()
        .await
        .expect("the call is answered")
        .json()
        .await
        .expect("a JSON answer");
    assert_eq!(answer["ok"], true, "{method}: {answer}");
}

async fn wait_until_up(client: &reqwest::Client, base: &str) {
    for _ in 0..400 {
        if client
            .get(format!("{base}/getMe"))
            .send()
            .await
            .is_ok_and(|answer| answer.status().is_success())
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the proxy did not start");
}
