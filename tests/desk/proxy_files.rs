//! Files through the Bot API proxy: an existing bot (a teloxide `Bot` whose API URL is the
//! proxy) downloads what customers sent (`getFile`, then `/file/bot<token>/<path>`) and uploads
//! photos and documents with multipart requests; Telegram's answers come back byte for byte,
//! uploads to a customer are mirrored into the thread, and another bot's token is refused.

use telegram_sim::Content;
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{FileId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile};

use crate::proxy::desk_with_proxy;

/// The existing bot, pointed at the proxy.
fn existing_bot(token: &str, proxy_url: &str) -> Bot {
    Bot::new(token).set_api_url(proxy_url.parse().expect("a proxy URL"))
}

/// Status, content type and body of a GET.
async fn fetch(url: &str) -> (u16, Option<String>, Vec<u8>) {
    let answer = reqwest::get(url).await.expect("the server answers");
    let status = answer.status().as_u16();
    let content_type = answer
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = answer.bytes().await.expect("a body").to_vec();
    (status, content_type, body)
}

#[tokio::test]
async fn a_customers_file_is_downloaded_through_the_proxy_exactly_as_telegram_serves_it() {
    let (desk, url) = desk_with_proxy(&[]).await;
    let alice = desk.customer("Alice", "en");
    let invoice = b"%PDF-1.4 the invoice\x00\xff".to_vec();
    desk.send(
        alice,
        Content::document("invoice.pdf").with_bytes(invoice.clone()),
    );
    desk.thread_len(alice, 1).await;
    let file_id = desk.private(alice)[0].file_id.clone().expect("a document");

    let bot = existing_bot(&desk.bot.token, &url);
    let file = bot.get_file(FileId(file_id.clone())).await.unwrap();
    let mut downloaded = Vec::new();
    bot.download_file(&file.path, &mut downloaded)
        .await
        .unwrap();
    assert_eq!(downloaded, invoice);

    // Byte for byte what Telegram answers, for `getFile`, the download and a missing file.
    let token = &desk.bot.token;
    let telegram = desk.sim.url().to_string();
    let telegram = telegram.trim_end_matches('/');
    let get_file = format!("/bot{token}/getFile?file_id={file_id}");
    assert_eq!(
        fetch(&format!("{url}{get_file}")).await,
        fetch(&format!("{telegram}{get_file}")).await
    );
    for path in [file.path.as_str(), "documents/no_such_file.pdf"] {
        let download = format!("/file/bot{token}/{path}");
        let through_proxy = fetch(&format!("{url}{download}")).await;
        assert_eq!(through_proxy, fetch(&format!("{telegram}{download}")).await);
        let expected = if path == file.path { 200 } else { 404 };
        assert_eq!(through_proxy.0, expected, "{path}");
    }

    let (status, _, body) = fetch(&format!("{url}/file/bot123:wrong/{}", file.path)).await;
    assert_eq!(status, 403, "another bot's token is refused");
    assert!(!String::from_utf8_lossy(&body).contains("PDF"));
}

#[tokio::test]
async fn multipart_uploads_to_a_customer_are_forwarded_and_mirrored_into_the_thread() {
    let (desk, url) = desk_with_proxy(&[]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "where is my receipt?");
    desk.thread_len(alice, 1).await;
    let bot = existing_bot(&desk.bot.token, &url);
    let chat = ChatId(i64::try_from(alice.0).unwrap());

    let receipt = b"\x89PNG the receipt".to_vec();
    let keyboard =
        InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Send it again", "again")]]);
    let photo = bot
        .send_photo(
            chat,
            InputFile::memory(receipt.clone()).file_name("receipt.png"),
        )
        .caption("your receipt")
        .reply_markup(keyboard)
        .await
        .unwrap();
    let document = bot
        .send_document(
            chat,
            InputFile::memory(b"terms and conditions".to_vec()).file_name("terms.txt"),
        )
        .await
        .unwrap();

    let private = desk.private(alice);
    let shown = private
        .find("your receipt")
        .expect("the photo reached Alice");
    assert_eq!((shown.id.0, shown.kind), (photo.id.0, "photo"));
    let terms = private.get_id(telegram_sim::MessageId(document.id.0));
    assert_eq!(terms.map(|entry| entry.kind), Some("document"), "{private}");

    let thread = desk.thread_len(alice, 3).await;
    let kinds: Vec<(&str, Option<&str>)> = thread
        .iter()
        .skip(1)
        .map(|entry| (entry.kind, entry.text.as_deref()))
        .collect();
    assert_eq!(
        kinds[..2],
        [
            ("text", Some("where is my receipt?")),
            ("photo", Some("🤖 bot: your receipt\n[Send it again]")),
        ],
        "{thread}"
    );
    assert_eq!(kinds[2].0, "document", "{thread}");

    // What was uploaded is what is downloaded.
    let largest = photo.photo().and_then(|sizes| sizes.last()).unwrap();
    let file = bot.get_file(largest.file.id.clone()).await.unwrap();
    let mut downloaded = Vec::new();
    bot.download_file(&file.path, &mut downloaded)
        .await
        .unwrap();
    assert_eq!(downloaded, receipt);

    // An upload with another bot's token never reaches Telegram.
    let boundary = "XyZ";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n{}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"x.txt\"\r\n\
         Content-Type: text/plain\r\n\r\nsecret\r\n--{boundary}--\r\n",
        alice.0
    );
    let refused = reqwest::Client::new()
        .post(format!("{url}/bot123:wrong/sendDocument"))
        .header(
            reqwest::header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    let refused: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(refused["ok"], false, "{refused}");
    assert_eq!(desk.private(alice).len(), private.len());
}
