//! Statistics: `/stats` answers in the team chat with a PNG chart and the figures of the
//! conversations that happened, a bad period gets the usage line, outsiders and customers see
//! nothing; the weekly digest reaches the administrators who started the bot.

use chrono::{Datelike, Timelike};
use telegram_sim::{ChatRef, Content, MessageId, UserId};

use crate::support::{Harness, WAIT, both_layouts};
use crate::tags_and_fields::{bot_texts, in_lobby};

/// The bot's answers to `command` once there are `count` of them (the chart's caption first,
/// then the figures).
async fn answers(desk: &Harness, command: MessageId, count: usize) -> Vec<telegram_sim::Entry> {
    let answered = || {
        desk.sim
            .transcript(desk.group)
            .iter()
            .filter(|e| e.reply_to == Some(command) && e.from == Some(desk.bot.user_id))
            .cloned()
            .collect::<Vec<_>>()
    };
    desk.eventually("the bot answers /stats", || answered().len() >= count)
        .await;
    answered()
}

/// The picture's size, read from the PNG the bot sent.
fn picture_size(desk: &Harness, photo: &telegram_sim::Entry) -> (u32, u32) {
    let file = photo.file_id.as_deref().expect("the photo has a file");
    let bytes = desk.sim.file_bytes(file).expect("the photo's bytes");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let decoder = png::Decoder::new(bytes.as_slice());
    let reader = decoder.read_info().expect("a readable PNG");
    (reader.info().width, reader.info().height)
}

async fn stats_report_the_conversations_that_happened(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let (alice, bob) = (desk.customer("Alice", "en"), desk.customer("Bob", "en"));
    desk.say(alice, "my order is late");
    desk.say(bob, "how do I pay?");
    desk.thread_len(alice, 1).await;
    desk.thread_len(bob, 1).await;
    desk.comment(desk.maria, alice, None, Content::text("on its way"))
        .await;
    desk.comment(desk.joao, bob, None, Content::text("by card"))
        .await;
    desk.thread_len(alice, 2).await;
    desk.thread_len(bob, 2).await;
    desk.command(desk.maria, alice, "/mark vip").await;
    let closed = desk.command(desk.maria, alice, "/fim").await;
    assert!(closed.contains("closed"), "{closed}");

    let command = desk
        .sim
        .as_user(desk.maria)
        .in_chat(desk.group)
        .send(Content::text("/stats 7d"))
        .expect("the member can write");
    let report = answers(&desk, command, 2).await;
    let (photo, figures) = (&report[0], &report[1]);
    assert_eq!(photo.kind, "photo");
    assert_eq!(picture_size(&desk, photo), (1080, 1500));
    let caption = photo.text.clone().unwrap_or_default();
    assert!(caption.starts_with("📊 Report "), "{caption}");
    assert!(caption.contains("(UTC)"), "{caption}");
    let text = figures.text.clone().unwrap_or_default();
    for expected in [
        "Tickets: 2 opened, 1 closed, 1 still open",
        "First response: median ",
        "(2 tickets)",
        "Resolution: median ",
        "Times count every hour of the day.",
        "By origin: direct (2)",
        "By tag at closing: vip (1)",
        "Ratings: none in this period",
        "Maria Souza: 1 replies, 1 closed, first response ",
        "João: 1 replies, 0 closed, first response ",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }

    // A period the bot cannot read: the reason and the usage line, nothing else.
    let bad = in_lobby(&desk, desk.joao, "/stats fortnight").await;
    assert!(bad.contains("“fortnight” is not a period"), "{bad}");
    assert!(bad.contains("Usage: /stats"), "{bad}");
    let future = in_lobby(&desk, desk.joao, "/stats 2999-01-01..2999-01-02").await;
    assert!(future.contains("lies in the future"), "{future}");

    // Outsiders are refused (in the forum everyone who writes is on the team).
    if !forum {
        let refused = in_lobby(&desk, desk.outsider, "/stats").await;
        assert!(refused.contains("is a team command"), "{refused}");
    }
    // Customers never see reports.
    for customer in [alice, bob] {
        for text in bot_texts(&desk, customer) {
            assert!(
                !text.contains("Report") && !text.contains("Tickets:"),
                "{text}"
            );
        }
    }
}

both_layouts!(stats_report_the_conversations_that_happened);

/// `digest = "<weekday> HH:MM"` one minute from now: the administrator who started the bot gets
/// last week's report in their private chat, once.
#[tokio::test]
async fn the_weekly_digest_reaches_administrators_who_started_the_bot() {
    let mut desk = Harness::world(telegram_sim::SimConfig::default()).await;
    let soon = chrono::Utc::now() + chrono::Duration::minutes(1);
    let weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        [soon.weekday().num_days_from_monday() as usize];
    let digest = format!("{weekday} {:02}:{:02}", soon.hour(), soon.minute());
    desk.settings.insert("THREADESK_DIGEST".into(), digest);
    desk.run();
    let admin = desk.owner;
    desk.admin_starts_the_bot(admin).await;
    let photos = |desk: &Harness| {
        desk.private(admin)
            .iter()
            .filter(|e| e.kind == "photo" && e.from == Some(desk.bot.user_id))
            .count()
    };
    let arrived = desk.sim.wait_until(WAIT * 9, || photos(&desk) == 1).await;
    assert!(arrived, "the digest arrives within a minute and a half");
    desk.eventually("the digest's figures follow", || {
        desk.private(admin).find("Tickets: 0 opened").is_some()
    })
    .await;
    // A restart does not send the same week again.
    desk.stop().await;
    desk.run();
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(photos(&desk), 1, "sent once");
}

/// The rating request in the customer's chat and its buttons: (label, callback data).
async fn rating_request(desk: &Harness, customer: UserId) -> (MessageId, Vec<(String, String)>) {
    desk.eventually("the customer is asked for a rating", || {
        desk.private(customer).find("Rate us from 1").is_some()
    })
    .await;
    let request = desk
        .private(customer)
        .find("Rate us from 1")
        .expect("asked")
        .id;
    let chat = ChatRef::Private {
        bot: desk.bot.user_id,
        user: customer,
    };
    let json = desk.sim.message_json(chat, request).expect("the message");
    let row = json["reply_markup"]["inline_keyboard"][0]
        .as_array()
        .expect("a row of buttons")
        .clone();
    let buttons = row
        .iter()
        .map(|b| {
            let label = b["text"].as_str().unwrap_or_default().to_owned();
            (
                label,
                b["callback_data"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    (request, buttons)
}

/// The customer presses the button with `label`; the text of the bot's answer.
async fn rate(desk: &Harness, customer: UserId, request: MessageId, data: &str) -> String {
    let query = desk
        .sim
        .as_user(customer)
        .in_private(&desk.bot)
        .press_button(request, data)
        .expect("pressed");
    desk.eventually("the press is answered", || {
        desk.sim.callback_answer(&query).is_some()
    })
    .await;
    let answer = desk.sim.callback_answer(&query).expect("answered");
    answer.text.unwrap_or_default()
}

async fn customers_rate_closed_tickets(forum: bool) {
    let desk = Harness::start_layout(forum, &[("THREADESK_RATING", "true")]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "my order is late");
    desk.thread_len(alice, 1).await;
    desk.comment(desk.maria, alice, None, Content::text("on its way"))
        .await;
    desk.thread_len(alice, 2).await;
    desk.command(desk.maria, alice, "/fim").await;

    let (request, buttons) = rating_request(&desk, alice).await;
    let labels: Vec<&str> = buttons.iter().map(|(label, _)| label.as_str()).collect();
    assert_eq!(labels, ["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐"]);
    let thanks = rate(&desk, alice, request, &buttons[3].1).await;
    assert_eq!(thanks, "Thank you for your rating!");
    let root = desk.root(alice).await;
    desk.eventually("the thread hears of the rating", || {
        desk.thread_at(root)
            .find("The customer rated ticket #1: 4/5")
            .is_some()
    })
    .await;
    let card = desk.card(alice).await;
    desk.eventually("the card shows the rating", || {
        desk.card_text_of(card).contains("⭐ rated 4/5")
    })
    .await;

    // A second press within a day changes it; the same score again changes nothing.
    rate(&desk, alice, request, &buttons[4].1).await;
    desk.eventually("the card shows the new rating", || {
        desk.card_text_of(card).contains("⭐ rated 5/5")
    })
    .await;
    rate(&desk, alice, request, &buttons[4].1).await;
    let notes = desk.thread_at(root);
    let rated = notes
        .iter()
        .filter(|e| {
            e.text
                .as_deref()
                .is_some_and(|t| t.contains("rated ticket"))
        })
        .count();
    assert_eq!(rated, 2, "one note per change");

    // Ratings feed /stats.
    let command = desk
        .sim
        .as_user(desk.joao)
        .in_chat(desk.group)
        .send(Content::text("/stats today"))
        .expect("the member can write");
    let report = answers(&desk, command, 2).await;
    let text = report[1].text.clone().unwrap_or_default();
    assert!(
        text.contains("Ratings: 5.0 on average from 1, 100% gave 4 or 5"),
        "{text}"
    );
    // The team's words never reach the customer.
    for text in bot_texts(&desk, alice) {
        assert!(
            !text.contains("rated ticket") && !text.contains("Report"),
            "{text}"
        );
    }
}

both_layouts!(customers_rate_closed_tickets);
