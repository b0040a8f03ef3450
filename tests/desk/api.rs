//! The HTTP API against the running bot, through a real HTTP client: tokens and access, reads
//! of customers and tickets, messages sent as the bot and mirrored into the thread, closing,
//! reopening and priorities with the commands' rules, the audit log, the OpenAPI document, and
//! every kind of bad request answered with a stable code and nothing changed.

use reqwest::Method;
use serde_json::{Value, json};
use telegram_sim::SimConfig;

use crate::support::{Harness, free_port};

pub const READ: &str = "read-token-0123456789abcdef";
pub const WRITE: &str = "write-token-0123456789abcdef";

/// The settings file with a read token (`crm`) and a write token (`shop`).
pub fn tokens(extra: &str) -> String {
    format!(
        r#"{extra}
api_tokens = [
  {{ name = "crm", token = "{READ}", access = "read" }},
  {{ name = "shop", token = "{WRITE}", access = "write" }},
]
"#
    )
}

/// The bot running with the API on a local port.
pub async fn desk_with_api(settings_file: &str, settings: &[(&str, &str)]) -> (Harness, Api) {
    let mut desk = Harness::world(SimConfig::default()).await;
    let port = free_port();
    desk.settings
        .insert("THREADESK_OPS_LISTEN".into(), format!("127.0.0.1:{port}"));
    for (key, value) in settings {
        desk.settings.insert((*key).into(), (*value).into());
    }
    desk.file = settings_file.to_owned();
    desk.run();
    let api = Api {
        base: format!("http://127.0.0.1:{port}/api/v1"),
        client: reqwest::Client::new(),
    };
    api.wait_until_up().await;
    (desk, api)
}

/// A client of the API.
pub struct Api {
    pub base: String,
    client: reqwest::Client,
}

impl Api {
    async fn wait_until_up(&self) {
        for _ in 0..200 {
            if self
                .client
                .get(format!("{}/openapi.json", self.base))
                .send()
                .await
                .is_ok()
            {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the API does not answer");
    }

    /// A request with a token and a raw JSON body; the status and the JSON answer.
    pub async fn call(
        &self,
        method: Method,
        token: Option<&str>,
        path: &str,
        body: Option<&str>,
    ) -> (u16, Value) {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_owned());
        }
        let response = request.send().await.expect("the API answers");
        let status = response.status().as_u16();
        let text = response.text().await.expect("a body");
        let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, json)
    }

    pub async fn get(&self, token: &str, path: &str) -> (u16, Value) {
        self.call(Method::GET, Some(token), path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::POST, Some(WRITE), path, Some(&body.to_string()))
            .await
    }

    pub async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::PUT, Some(WRITE), path, Some(&body.to_string()))
            .await
    }
}

pub fn code(answer: &Value) -> &str {
    answer["error"]["code"].as_str().unwrap_or("<no code>")
}

#[tokio::test]
async fn reads_need_a_known_token_and_show_customers_and_their_tickets() {
    let (desk, api) = desk_with_api(&tokens(""), &[]).await;
    let ana = desk.customer("Ana", "pt-br");
    let bruno = desk.customer("Bruno", "en");
    desk.say(ana, "My order never came");
    desk.card(ana).await;
    desk.say(bruno, "Hello");
    desk.card(bruno).await;

    let (status, answer) = api.call(Method::GET, None, "/customers", None).await;
    assert_eq!((status, code(&answer)), (401, "unauthorized"), "{answer}");
    let (status, answer) = api.get("not-a-token-at-all-000", "/customers").await;
    assert_eq!((status, code(&answer)), (401, "unauthorized"), "{answer}");

    let (status, page) = api.get(READ, "/customers").await;
    assert_eq!(status, 200, "{page}");
    let names: Vec<&str> = page["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|customer| customer["first_name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{page}");
    assert!(names.contains(&"Ana") && names.contains(&"Bruno"), "{page}");

    let (status, page) = api
        .get(READ, "/customers?segment=open+lang:pt,tag:vip&limit=1")
        .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["customers"][0]["id"], json!(ana.0), "{page}");
    assert_eq!(page["customers"][0]["ticket"]["status"], "open", "{page}");
    assert_eq!(page["customers"][0]["ticket"]["stage"], "new", "{page}");
    assert_eq!(page["customers"].as_array().unwrap().len(), 1, "{page}");

    // Pages of one, followed by their cursors, list everyone once.
    let (_, first) = api.get(READ, "/customers?limit=1").await;
    let cursor = first["next_cursor"].as_str().expect("a cursor").to_owned();
    let (_, second) = api
        .get(READ, &format!("/customers?limit=1&cursor={cursor}"))
        .await;
    assert_ne!(first["customers"][0]["id"], second["customers"][0]["id"]);
    assert_eq!(second["next_cursor"], Value::Null, "{second}");

    let (status, customer) = api.get(READ, &format!("/customers/{}", bruno.0)).await;
    assert_eq!(status, 200);
    assert_eq!(customer["first_name"], "Bruno");
    let (status, tickets) = api
        .get(READ, &format!("/customers/{}/tickets", ana.0))
        .await;
    assert_eq!(status, 200);
    assert_eq!(tickets["tickets"][0]["number"], 1, "{tickets}");
    let (status, tickets) = api.get(READ, "/tickets?status=open").await;
    assert_eq!(status, 200);
    assert_eq!(tickets["tickets"].as_array().unwrap().len(), 2, "{tickets}");
    let (_, tickets) = api.get(READ, "/tickets?status=closed").await;
    assert!(
        tickets["tickets"].as_array().unwrap().is_empty(),
        "{tickets}"
    );

    let (status, answer) = api.get(READ, "/customers/424242").await;
    assert_eq!((status, code(&answer)), (404, "unknown_customer"));
    let (status, answer) = api.get(READ, "/customers?segment=vip").await;
    assert_eq!((status, code(&answer)), (400, "invalid_query"), "{answer}");
    assert!(answer["error"]["message"].as_str().unwrap().contains("vip"));
    let (status, answer) = api.get(READ, "/customers?colour=red").await;
    assert_eq!((status, code(&answer)), (400, "invalid_query"), "{answer}");
    let (status, answer) = api.get(READ, "/tickets?status=maybe").await;
    assert_eq!((status, code(&answer)), (400, "invalid_query"), "{answer}");
    let (status, answer) = api.get(READ, "/nowhere").await;
    assert_eq!((status, code(&answer)), (404, "not_found"));

    // The document needs no token and describes every route.
    let (status, document) = api.call(Method::GET, None, "/openapi.json", None).await;
    assert_eq!(status, 200);
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/customers",
        "/api/v1/customers/{id}/messages",
        "/api/v1/customers/{id}/close",
        "/api/v1/tickets",
    ] {
        assert!(document["paths"][path].is_object(), "{path} missing");
    }
}

#[tokio::test]
async fn a_message_through_the_api_reaches_the_customer_and_is_mirrored_in_the_thread() {
    let (desk, api) = desk_with_api(&tokens(""), &[]).await;
    let ana = desk.customer("Ana", "en");
    desk.say(ana, "Where is my parcel?");
    // The desk knows the thread once the customer's message is in it (the mirror needs it).
    desk.thread_len(ana, 1).await;
    let root = desk.root(ana).await;

    let path = format!("/customers/{}/messages", ana.0);
    let (status, sent) = api
        .post(&path, json!({"text": "Your parcel left today."}))
        .await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(sent["status"], "sent");
    let message_id = sent["message_id"].as_i64().expect("the message's id");
    let private = desk.private(ana);
    let delivered = private
        .iter()
        .find(|entry| i64::from(entry.id.0) == message_id)
        .expect("the customer has the message");
    assert_eq!(delivered.text.as_deref(), Some("Your parcel left today."));
    assert_eq!(delivered.from, Some(desk.bot.user_id));
    desk.eventually("the message is mirrored in the thread", || {
        desk.thread_at(root).iter().any(|entry| {
            entry.text.as_deref().is_some_and(|text| {
                text.contains("via API: shop") && text.contains("Your parcel left today.")
            })
        })
    })
    .await;
    let (_, delivery) = api
        .get(READ, &format!("/deliveries/{}", sent["delivery"]))
        .await;
    assert_eq!(delivery["status"], "sent", "{delivery}");

    // The reply counts as the team's: the ticket now waits for the customer.
    let (_, customer) = api.get(READ, &format!("/customers/{}", ana.0)).await;
    assert_eq!(
        customer["ticket"]["stage"], "waiting_for_customer",
        "{customer}"
    );

    // A read token may not write; bad bodies are refused with their own codes.
    let body = r#"{"text":"hi"}"#;
    let (status, answer) = api.call(Method::POST, Some(READ), &path, Some(body)).await;
    assert_eq!((status, code(&answer)), (403, "forbidden"));
    for (body, expected) in [
        (r#"{"text": "hi""#, (400, "malformed_json")),
        (r#"{"text": "hi", "colour": "red"}"#, (422, "invalid_body")),
        (r#"{"text": 7}"#, (422, "invalid_body")),
        (r#"{}"#, (422, "invalid_value")),
        (
            r#"{"file_url": "ftp://example.com/a.pdf"}"#,
            (422, "invalid_value"),
        ),
        (r#"{"text": "   "}"#, (422, "invalid_value")),
    ] {
        let (status, answer) = api.call(Method::POST, Some(WRITE), &path, Some(body)).await;
        assert_eq!((status, code(&answer)), expected, "{body}: {answer}");
    }
    let (status, answer) = api
        .post("/customers/424242/messages", json!({"text": "hi"}))
        .await;
    assert_eq!((status, code(&answer)), (404, "unknown_customer"));
    let refused = desk
        .private(ana)
        .iter()
        .any(|entry| entry.text.as_deref() == Some("hi"));
    assert!(
        !refused,
        "nothing refused reached the customer:\n{}",
        desk.private(ana)
    );

    // A customer who blocked the bot: the caller learns it, and so does the team.
    desk.sim.block_bot(ana, &desk.bot, true).unwrap();
    let (status, answer) = api.post(&path, json!({"text": "Still there?"})).await;
    assert_eq!(
        (status, code(&answer)),
        (409, "customer_blocked"),
        "{answer}"
    );
    let (status, answer) = api.post(&path, json!({"text": "Hello?"})).await;
    assert_eq!(
        (status, code(&answer)),
        (409, "customer_blocked"),
        "{answer}"
    );

    // Every write is audited with its token and outcome.
    let (status, audit) = api.get(READ, "/audit").await;
    assert_eq!(status, 200);
    let outcomes: Vec<(&str, &str)> = audit["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| {
            (
                line["token"].as_str().unwrap(),
                line["outcome"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            ("shop", "queued"),
            ("shop", "unknown_customer"),
            ("shop", "queued"),
            ("shop", "customer_blocked")
        ],
        "{audit}"
    );
    assert_eq!(
        audit["lines"][0]["action"]["send_message"]["text"],
        "[not kept: 23 characters]"
    );
}

#[tokio::test]
async fn close_reopen_and_priority_follow_the_rules_of_the_commands() {
    let (desk, api) = desk_with_api(&tokens(""), &[]).await;
    let ana = desk.customer("Ana", "en");
    desk.say(ana, "Please cancel my order");
    let card = desk.card(ana).await;
    let customer = format!("/customers/{}", ana.0);

    let (status, answer) = api
        .put(&format!("{customer}/priority"), json!({"level": 9}))
        .await;
    assert_eq!(
        (status, code(&answer)),
        (422, "invalid_priority"),
        "{answer}"
    );
    let (status, answer) = api
        .put(&format!("{customer}/priority"), json!({"level": 3}))
        .await;
    assert_eq!(status, 200, "{answer}");
    desk.eventually("the card shows the priority", || {
        desk.card_text_of(card).contains("urgent")
    })
    .await;

    let (status, answer) = api
        .post(&format!("{customer}/close"), json!({"note": "cancelled"}))
        .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["ticket"], 1);
    desk.eventually("the card is closed", || !desk.card_is_open(ana, card))
        .await;
    let (_, tickets) = api.get(READ, &format!("{customer}/tickets")).await;
    assert_eq!(tickets["tickets"][0]["status"], "closed", "{tickets}");
    assert_eq!(tickets["tickets"][0]["closed_by"], "API: shop", "{tickets}");

    let (status, answer) = api.post(&format!("{customer}/close"), json!({})).await;
    assert_eq!(
        (status, code(&answer)),
        (409, "ticket_already_closed"),
        "{answer}"
    );
    let (status, answer) = api
        .put(&format!("{customer}/priority"), json!({"level": 1}))
        .await;
    assert_eq!(status, 200, "{answer}");

    let (status, answer) = api.post(&format!("{customer}/reopen"), json!({})).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["ticket"], 2);
    let (status, answer) = api.post(&format!("{customer}/reopen"), json!({})).await;
    assert_eq!(
        (status, code(&answer)),
        (409, "ticket_already_open"),
        "{answer}"
    );
    let (_, tickets) = api.get(READ, "/tickets?status=open").await;
    assert_eq!(tickets["tickets"][0]["number"], 2, "{tickets}");
}

#[tokio::test]
async fn bodies_over_the_limit_and_tokens_over_their_rate_are_refused() {
    let file = tokens("api_json_limit_kb = 1\napi_rate_per_minute = 5");
    let (desk, api) = desk_with_api(&file, &[]).await;
    let ana = desk.customer("Ana", "en");
    desk.say(ana, "hi");
    desk.card(ana).await;
    let path = format!("/customers/{}/messages", ana.0);
    let big = json!({"text": "x".repeat(2048)}).to_string();
    let (status, answer) = api.call(Method::POST, Some(WRITE), &path, Some(&big)).await;
    assert_eq!((status, code(&answer)), (413, "body_too_large"), "{answer}");
    // Four more requests use up the budget of five; the read token has its own.
    for _ in 0..4 {
        let (status, _) = api.get(WRITE, "/customers").await;
        assert_eq!(status, 200);
    }
    let response = reqwest::Client::new()
        .get(format!("{}/customers", api.base))
        .bearer_auth(WRITE)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    let retry_after = response.headers()["retry-after"].to_str().unwrap();
    assert!(
        retry_after.parse::<u64>().is_ok_and(|seconds| seconds >= 1),
        "{retry_after}"
    );
    let answer: Value = response.json().await.unwrap();
    assert_eq!(code(&answer), "rate_limited");
    let (status, _) = api.get(READ, "/customers").await;
    assert_eq!(status, 200);
    let oversized = desk.private(ana).iter().any(|entry| {
        entry.from == Some(desk.bot.user_id)
            && entry.text.as_deref().is_some_and(|t| t.len() > 1000)
    });
    assert!(!oversized, "the refused message never went out");
}
