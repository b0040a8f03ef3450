//! Files sent to customers through the HTTP API, with a real HTTP client: by URL in a JSON body
//! and as a `multipart/form-data` upload, sent as the bot, mirrored into the thread as "via
//! API: <token>", and uploads over `api_upload_limit_mb` refused with 413 and nothing sent.

use serde_json::{Value, json};

use crate::api::{Api, WRITE, code, desk_with_api, tokens};
use crate::support::Harness;

/// A `multipart/form-data` body with a caption and a file part; its content type and bytes.
fn form(caption: Option<&str>, name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "threadesk-test-boundary-7f3a";
    let mut body = Vec::new();
    if let Some(caption) = caption {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{caption}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Posts a multipart body to a customer's messages; the status and the JSON answer.
async fn upload(api: &Api, customer: u64, content_type: String, body: Vec<u8>) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{}/customers/{customer}/messages", api.base))
        .bearer_auth(WRITE)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("the API answers");
    let status = response.status().as_u16();
    let text = response.text().await.expect("a body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// A customer whose thread the desk knows.
async fn customer_with_thread(desk: &Harness) -> (telegram_sim::UserId, telegram_sim::MessageId) {
    let ana = desk.customer("Ana", "en");
    desk.say(ana, "Can I have the invoice?");
    desk.thread_len(ana, 1).await;
    let root = desk.root(ana).await;
    (ana, root)
}

async fn mirrored(desk: &Harness, root: telegram_sim::MessageId, name: &str, caption: &str) {
    desk.eventually("the file is mirrored in the thread", || {
        desk.thread_at(root).iter().any(|entry| {
            entry.text.as_deref().is_some_and(|text| {
                text.contains("via API: shop") && text.contains(name) && text.contains(caption)
            })
        })
    })
    .await;
}

#[tokio::test]
async fn a_file_by_url_reaches_the_customer_as_the_bot_and_is_mirrored() {
    let (desk, api) = desk_with_api(&tokens(""), &[]).await;
    let (ana, root) = customer_with_thread(&desk).await;
    let path = format!("/customers/{}/messages", ana.0);
    let body =
        json!({"file_url": "https://shop.example.com/invoices/0042.pdf", "text": "Your invoice"});
    let (status, sent) = api.post(&path, body).await;
    assert_eq!(status, 200, "{sent}");
    let message_id = sent["message_id"].as_i64().expect("the message's id");
    let private = desk.private(ana);
    let delivered = private
        .iter()
        .find(|entry| i64::from(entry.id.0) == message_id)
        .expect("the customer has the file");
    assert_eq!(delivered.kind, "document");
    assert_eq!(delivered.from, Some(desk.bot.user_id));
    assert_eq!(delivered.text.as_deref(), Some("Your invoice"));
    mirrored(&desk, root, "0042.pdf", "Your invoice").await;

    // Not an http(s) URL, or a caption too long: refused, nothing sent.
    let sent_before = desk.private(ana).len();
    for body in [
        json!({"file_url": "file:///etc/passwd"}),
        json!({"file_url": "not a url"}),
        json!({"file_url": "https://example.com/a.pdf", "text": "x".repeat(1025)}),
    ] {
        let (status, answer) = api.post(&path, body.clone()).await;
        assert_eq!((status, code(&answer)), (422, "invalid_value"), "{body}");
    }
    assert_eq!(desk.private(ana).len(), sent_before);
}

#[tokio::test]
async fn an_uploaded_file_reaches_the_customer_byte_for_byte_and_is_mirrored() {
    let (desk, api) = desk_with_api(&tokens(""), &[]).await;
    let (ana, root) = customer_with_thread(&desk).await;
    let bytes: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let (content_type, body) = form(Some("Here it is"), "../invoice-0042.pdf", &bytes);
    let (status, sent) = upload(&api, ana.0, content_type, body).await;
    assert_eq!(status, 200, "{sent}");
    let message_id = sent["message_id"].as_i64().expect("the message's id");
    let private = desk.private(ana);
    let delivered = private
        .iter()
        .find(|entry| i64::from(entry.id.0) == message_id)
        .expect("the customer has the file");
    assert_eq!(delivered.kind, "document");
    assert_eq!(delivered.from, Some(desk.bot.user_id));
    assert_eq!(delivered.text.as_deref(), Some("Here it is"));
    let file_id = delivered.file_id.clone().expect("a file");
    assert_eq!(desk.sim.file_bytes(&file_id), Some(bytes));
    mirrored(&desk, root, "invoice-0042.pdf", "Here it is").await;

    // Without a file part, or with an unknown part: refused with their codes.
    let boundary = "b0undary";
    let only_text = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi\r\n--{boundary}--\r\n"
    );
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let (status, answer) = upload(&api, ana.0, content_type.clone(), only_text.into()).await;
    assert_eq!((status, code(&answer)), (422, "invalid_body"), "{answer}");
    let unknown = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"colour\"\r\n\r\nred\r\n--{boundary}--\r\n"
    );
    let (status, answer) = upload(&api, ana.0, content_type, unknown.into()).await;
    assert_eq!((status, code(&answer)), (422, "invalid_body"), "{answer}");
}

#[tokio::test]
async fn an_upload_over_the_limit_is_refused_with_413_and_nothing_is_sent() {
    let (desk, api) = desk_with_api(&tokens("api_upload_limit_mb = 1"), &[]).await;
    let (ana, _) = customer_with_thread(&desk).await;
    let sent_before = desk.private(ana).len();
    let (content_type, body) = form(None, "big.bin", &vec![7u8; 1024 * 1024 + 1]);
    let (status, answer) = upload(&api, ana.0, content_type, body).await;
    assert_eq!((status, code(&answer)), (413, "body_too_large"), "{answer}");
    // Just under the limit goes through.
    let (content_type, body) = form(None, "fits.bin", &vec![7u8; 1000 * 1024]);
    let (status, answer) = upload(&api, ana.0, content_type, body).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(desk.private(ana).len(), sent_before + 1);
}
