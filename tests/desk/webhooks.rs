//! Outgoing webhooks against a local receiver: signed deliveries of every event kind, retried
//! after errors and timeouts with the same event id, in order per customer, redirects to
//! private addresses refused, and nothing lost when the built binary is killed with SIGKILL
//! while the endpoint is down or in the middle of retries (cut-off deliveries come again with
//! the same event id).

use std::time::Duration;

use telegram_sim::{Content, SimConfig};

use crate::load;
use crate::receiver::{Receiver, Reply, signature_is_valid};
use crate::support::{Harness, free_port};

const SECRET: &str = "whsec-0123456789abcdef";

fn endpoint(url: &str, allow_private: bool, extra: &str) -> String {
    format!(
        r#"webhook_allow_private = {allow_private}
webhook_timeout = "1s"
{extra}
[[webhooks]]
url = "{url}"
events = ["ticket.opened", "ticket.closed", "message.customer", "message.team"]
secret = "{SECRET}"
"#
    )
}

/// The bot running with a webhook endpoint and `/metrics` on a local port.
async fn desk_with_webhook(file: String) -> (Harness, u16) {
    let mut desk = Harness::world(SimConfig::default()).await;
    let port = free_port();
    desk.settings
        .insert("THREADESK_OPS_LISTEN".into(), format!("127.0.0.1:{port}"));
    desk.file = file;
    desk.run();
    (desk, port)
}

async fn metrics(port: u16) -> String {
    reqwest::get(format!("http://127.0.0.1:{port}/metrics"))
        .await
        .expect("metrics answer")
        .text()
        .await
        .expect("a body")
}

fn kinds(events: &[serde_json::Value], customer: u64) -> Vec<String> {
    events
        .iter()
        .filter(|event| event["customer_id"] == customer)
        .map(|event| event["type"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn signed_events_arrive_in_order_after_errors_and_timeouts_with_the_same_id() {
    let receiver = Receiver::start().await;
    receiver.script(&[
        Reply::Status(500),
        Reply::Hang(Duration::from_secs(3)),
        Reply::Status(503),
    ]);
    let (desk, port) = desk_with_webhook(endpoint(&receiver.url, true, "")).await;
    let ana = desk.customer("Ana", "en");
    desk.say(ana, "My order never came");
    desk.card(ana).await;
    desk.comment(desk.maria, ana, None, Content::text("Looking into it"))
        .await;
    desk.thread_len(ana, 2).await;
    desk.say(ana, "Thanks");
    desk.thread_len(ana, 3).await;
    desk.command(desk.maria, ana, "/close").await;

    desk.eventually("every event is accepted", || receiver.events().len() >= 5)
        .await;
    let events = receiver.events();
    assert_eq!(
        kinds(&events, ana.0),
        [
            "ticket.opened",
            "message.customer",
            "message.team",
            "message.customer",
            "ticket.closed"
        ],
        "{events:#?}"
    );
    assert_eq!(events[1]["text"], "My order never came");
    assert_eq!(events[2]["by"], "Maria Souza");
    assert_eq!(events[4]["ticket"], 1);

    let received = receiver.received();
    for delivery in &received {
        assert!(
            signature_is_valid(SECRET, &delivery.signature, &delivery.body),
            "a bad signature: {delivery:?}"
        );
        assert_eq!(delivery.json()["id"], delivery.event_id.as_str());
        assert_eq!(delivery.json()["type"], delivery.kind.as_str());
    }
    assert!(!signature_is_valid(
        "another-secret-000000",
        &received[0].signature,
        &received[0].body
    ));
    // The first event was tried four times (500, timeout, 503, then accepted), with one id.
    let first: Vec<_> = received
        .iter()
        .filter(|delivery| delivery.event_id == received[0].event_id)
        .map(|delivery| delivery.attempt.as_str())
        .collect();
    assert_eq!(first, ["1", "2", "3", "4"]);

    let text = metrics(port).await;
    assert!(
        text.contains("threadesk_webhook_attempts_total{result=\"failed\"} 3"),
        "{text}"
    );
    assert!(text.contains("threadesk_webhook_queue_depth 0"), "{text}");
}

#[tokio::test]
async fn a_redirect_to_a_private_address_is_not_followed() {
    let target = Receiver::start().await;
    let receiver = Receiver::start().await;
    let redirect = Reply::Redirect(target.url.clone());
    receiver.script(&[redirect.clone(), redirect.clone(), redirect]);
    let (desk, port) = desk_with_webhook(endpoint(&receiver.url, false, "")).await;
    let ana = desk.customer("Ana", "en");
    desk.say(ana, "hello");
    desk.card(ana).await;
    desk.eventually("the redirects are refused and the event retried", || {
        receiver.events().len() >= 2
    })
    .await;
    assert!(target.received().is_empty(), "{:?}", target.received());
    let text = metrics(port).await;
    assert!(
        text.contains("threadesk_webhook_attempts_total{result=\"failed\"} 3"),
        "{text}"
    );

    // A redirect to a scheme other than http(s) is never followed, private addresses allowed
    // or not.
    let receiver = Receiver::start().await;
    let elsewhere = Reply::Redirect("ftp://127.0.0.1/hooks".into());
    receiver.script(&[elsewhere.clone(), elsewhere]);
    let (desk, port) = desk_with_webhook(endpoint(&receiver.url, true, "")).await;
    let carla = desk.customer("Carla", "en");
    desk.say(carla, "hello");
    desk.eventually(
        "the ftp redirects are refused and the event retried",
        || !receiver.events().is_empty(),
    )
    .await;
    let text = metrics(port).await;
    assert!(
        text.contains("threadesk_webhook_attempts_total{result=\"failed\"} 2"),
        "{text}"
    );

    // With webhook_allow_private, the same redirect is followed.
    let receiver = Receiver::start().await;
    receiver.script(&[Reply::Redirect(target.url.clone())]);
    let (desk, _) = desk_with_webhook(endpoint(&receiver.url, true, "")).await;
    let bruno = desk.customer("Bruno", "en");
    desk.say(bruno, "hello");
    desk.eventually("the redirect is followed", || !target.events().is_empty())
        .await;
}

#[tokio::test]
async fn nothing_is_lost_when_the_binary_is_killed_while_the_endpoint_is_down() {
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}/hooks");
    let mut desk = Harness::world(SimConfig::default()).await;
    let file = desk.data.path().join("threadesk.toml");
    std::fs::write(&file, endpoint(&url, true, "")).unwrap();
    desk.settings
        .insert("THREADESK_CONFIG".into(), file.display().to_string());
    let log = load::log_path(&desk, "webhooks");

    // The endpoint is down: the desk keeps relaying meanwhile.
    let child = load::spawn(&desk, &log);
    let customers: Vec<_> = (0..3)
        .map(|index| desk.customer(&format!("Customer {index}"), "en"))
        .collect();
    for customer in &customers {
        desk.say(*customer, "first");
        desk.say(*customer, "second");
    }
    for customer in &customers {
        desk.thread_len(*customer, 2).await;
    }
    child.kill().await;

    // Back up, with the endpoint alive: every event arrives, in order per customer.
    let receiver = Receiver::start_on(port).await;
    let child = load::spawn(&desk, &log);
    desk.eventually("every event is delivered after the restart", || {
        receiver.events().len() >= 9
    })
    .await;
    let events = receiver.events();
    for customer in &customers {
        assert_eq!(
            kinds(&events, customer.0),
            ["ticket.opened", "message.customer", "message.customer"],
            "{events:#?}"
        );
        let texts: Vec<_> = events
            .iter()
            .filter(|event| {
                event["customer_id"] == customer.0 && event["type"] == "message.customer"
            })
            .map(|event| event["text"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(texts, ["first", "second"]);
    }
    load::terminate(child, &log).await;
}

#[tokio::test]
async fn deliveries_cut_off_by_a_kill_come_again_after_the_restart_with_the_same_ids() {
    let receiver = Receiver::start().await;
    // The first deliveries are refused, so the kill finds them retried, waiting or in flight.
    receiver.script(&vec![Reply::Status(500); 4]);
    let mut desk = Harness::world(SimConfig::default()).await;
    let file = desk.data.path().join("threadesk.toml");
    std::fs::write(&file, endpoint(&receiver.url, true, "")).unwrap();
    desk.settings
        .insert("THREADESK_CONFIG".into(), file.display().to_string());
    let log = load::log_path(&desk, "webhooks");

    let child = load::spawn(&desk, &log);
    let customers: Vec<_> = (0..3)
        .map(|index| desk.customer(&format!("Customer {index}"), "en"))
        .collect();
    for customer in &customers {
        desk.say(*customer, "first");
    }
    desk.eventually("the endpoint refused the first deliveries", || {
        receiver.received().len() >= 4
    })
    .await;
    // Each message is in its thread, so its events were stored with the desk's change.
    for customer in &customers {
        desk.say(*customer, "second");
    }
    for customer in &customers {
        desk.thread_len(*customer, 2).await;
    }
    child.kill().await;
    let before = receiver.received();

    let child = load::spawn(&desk, &log);
    desk.eventually("every event is delivered after the restart", || {
        receiver.events().len() >= 9
    })
    .await;
    let received = receiver.received();
    // The same event always carries the same id and body; no event got a second id.
    let mut bodies = std::collections::HashMap::new();
    for delivery in &received {
        let body = bodies
            .entry(delivery.event_id.clone())
            .or_insert_with(|| delivery.body.clone());
        assert_eq!(*body, delivery.body, "event {}", delivery.event_id);
        assert!(signature_is_valid(
            SECRET,
            &delivery.signature,
            &delivery.body
        ));
    }
    assert_eq!(bodies.len(), 9, "{received:#?}");
    for delivery in &before {
        assert!(
            received
                .iter()
                .any(|again| again.accepted && again.event_id == delivery.event_id),
            "event {} seen before the kill was accepted later with the same id",
            delivery.event_id
        );
    }
    let events = receiver.events();
    for customer in &customers {
        assert_eq!(
            kinds(&events, customer.0),
            ["ticket.opened", "message.customer", "message.customer"],
            "{events:#?}"
        );
    }
    load::terminate(child, &log).await;
}
