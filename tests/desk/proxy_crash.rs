//! Crash safety of the parallel connection: the built binary with the Bot API proxy is killed
//! with SIGKILL while customers write, and the existing bot behind it crashes too (it forgets
//! its offset and loses a batch it had fetched but not handled). Every customer message still
//! reaches the existing bot and the customer's thread.

use std::collections::BTreeSet;
use std::time::Duration;

use telegram_sim::{Content, SimConfig};
use tokio::time::Instant;

use crate::load;
use crate::support::{Harness, free_port};

/// An existing bot polling the proxy with plain HTTP: it records the texts it handled and can
/// crash (forgetting its offset and the batch in hand).
struct Poller {
    client: reqwest::Client,
    url: String,
    offset: Option<i64>,
    handled: BTreeSet<String>,
}

impl Poller {
    /// One `getUpdates`; with `crash`, the batch is dropped unhandled and the offset forgotten.
    async fn poll(&mut self, crash: bool) {
        let mut url = format!("{}/getUpdates?timeout=1", self.url);
        if let Some(offset) = self.offset {
            url.push_str(&format!("&offset={offset}"));
        }
        let Ok(answer) = self.client.get(url).send().await else {
            // The desk is down: try again shortly.
            tokio::time::sleep(Duration::from_millis(50)).await;
            return;
        };
        let Ok(body) = answer.json::<serde_json::Value>().await else {
            return;
        };
        let updates = body["result"].as_array().cloned().unwrap_or_default();
        if crash {
            self.offset = None;
            return;
        }
        for update in updates {
            if let Some(text) = update["message"]["text"].as_str() {
                self.handled.insert(text.to_owned());
            }
            self.offset = update["update_id"].as_i64().map(|id| id + 1);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_desk_or_the_existing_bot_loses_no_update_for_either() {
    let mut desk = Harness::world(SimConfig::default()).await;
    let port = free_port();
    desk.settings.insert(
        "THREADESK_UPSTREAM_BOT".into(),
        format!("listen:127.0.0.1:{port}"),
    );
    let log = load::log_path(&desk, "threadesk.log");
    let mut child = load::spawn(&desk, &log);
    let alice = desk.customer("Alice", "en");
    let mut poller = Poller {
        client: reqwest::Client::new(),
        url: format!("http://127.0.0.1:{port}/bot{}", desk.bot.token),
        offset: None,
        handled: BTreeSet::new(),
    };
    let polling = tokio::spawn(async move {
        let started = Instant::now();
        let mut crashed = 0;
        while started.elapsed() < Duration::from_secs(25) {
            // The existing bot crashes twice along the way.
            let crash = crashed < 2 && poller.handled.len() >= 8 * (crashed + 1);
            crashed += usize::from(crash);
            poller.poll(crash).await;
            if poller.handled.len() >= 40 {
                break;
            }
        }
        poller.handled
    });
    let sent: Vec<String> = (0..40).map(|index| format!("m{index}")).collect();
    for (index, text) in sent.iter().enumerate() {
        desk.sim
            .as_user(alice)
            .in_private(&desk.bot)
            .send(Content::text(text.as_str()))
            .expect("the customer can write");
        tokio::time::sleep(Duration::from_millis(40)).await;
        if index == 12 || index == 27 {
            child.kill().await;
            tokio::time::sleep(Duration::from_millis(150)).await;
            child = load::spawn(&desk, &log);
        }
    }
    let handled = polling.await.expect("the existing bot ran");
    let missing: Vec<&String> = sent
        .iter()
        .filter(|text| !handled.contains(*text))
        .collect();
    assert!(
        missing.is_empty(),
        "the existing bot never got {missing:?}\n{}",
        load::tail(&log)
    );
    // A kill between posting a card and storing that may give the customer a second thread;
    // every message is in the team chat either way.
    let all_in_threads = desk
        .sim
        .wait_until(Duration::from_secs(20), || {
            let team_chat = desk.sim.transcript(desk.group);
            sent.iter().all(|text| team_chat.find(text).is_some())
        })
        .await;
    assert!(
        all_in_threads,
        "{}\n{}",
        desk.sim.transcript(desk.group),
        load::tail(&log)
    );
    load::terminate(child, &log).await;
}
