//! Broadcasts: `/send <segment>` replying to a message in the lobby previews the recipients
//! with Send and Cancel buttons (only the team may press them), nothing goes out before Send,
//! then every customer of the segment gets one copy (banned, blocked and opted-out customers
//! never do) and the preview becomes the report; bad input is answered and sends nothing; a
//! `kill -9` in the middle of a large broadcast neither repeats nor skips anyone it cannot
//! account for.

use std::time::Duration;

use telegram_sim::{CallbackAnswer, Content, MessageId, SimConfig, UserId};

use crate::load;
pub(crate) use crate::lobby::{buttons, text_of};
use crate::support::Harness;

/// A team member posts `text` in the lobby (the group's main chat, or the General topic).
pub(crate) fn lobby_post(desk: &Harness, member: UserId, text: &str) -> MessageId {
    desk.sim
        .as_user(member)
        .in_chat(desk.group)
        .send(Content::text(text))
        .expect("the member can post")
}

/// A team member replies to `message` in the lobby with `command`.
pub(crate) fn reply_in_lobby(
    desk: &Harness,
    member: UserId,
    message: MessageId,
    command: &str,
) -> MessageId {
    desk.sim
        .as_user(member)
        .in_chat(desk.group)
        .reply_to(message)
        .send(Content::text(command))
        .expect("the member can reply")
}

/// The bot's message answering `command`, with its id.
pub(crate) async fn bot_answer(desk: &Harness, command: MessageId) -> (MessageId, String) {
    let text = desk.answer_to(command).await;
    let transcript = desk.sim.transcript(desk.group);
    let entry = transcript
        .iter()
        .find(|e| e.reply_to == Some(command) && e.from == Some(desk.bot.user_id))
        .expect("answered");
    (entry.id, text)
}

/// `user` presses the button labelled with `label` under `message`; the answer.
pub(crate) async fn press(
    desk: &Harness,
    user: UserId,
    message: MessageId,
    label: &str,
) -> CallbackAnswer {
    let data = buttons(desk, message)
        .into_iter()
        .find(|(text, _)| text.contains(label))
        .map(|(_, data)| data)
        .unwrap_or_else(|| panic!("a {label} button under the message"));
    crate::lobby::press(desk, user, message, &data).await
}

/// How many times a customer's private chat shows `text` from the bot.
pub(crate) fn copies(desk: &Harness, customer: UserId, text: &str) -> usize {
    desk.private(customer)
        .iter()
        .filter(|e| e.from == Some(desk.bot.user_id) && e.text.as_deref() == Some(text))
        .count()
}

/// Customers who wrote to the bot (so the bot knows them), each once relayed.
pub(crate) async fn customers(desk: &Harness, people: &[(&str, &str)]) -> Vec<UserId> {
    let mut ids = Vec::new();
    for (name, language) in people {
        let id = desk.customer(name, language);
        desk.say(id, "Hello");
        desk.thread_len(id, 1).await;
        ids.push(id);
    }
    ids
}

async fn preview_send_and_report(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let people = customers(&desk, &[("Ana", "pt-br"), ("Bob", "en"), ("Carla", "pt")]).await;
    let news = lobby_post(&desk, desk.maria, "We open on Sunday!");
    let command = reply_in_lobby(&desk, desk.maria, news, "/send lang:pt");
    let (preview, text) = bot_answer(&desk, command).await;
    assert!(text.contains("2 customer"), "{text}");
    assert!(text.contains("lang:pt"), "{text}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    for customer in &people {
        assert_eq!(
            copies(&desk, *customer, "We open on Sunday!"),
            0,
            "nothing before Send"
        );
    }
    let refused = press(&desk, desk.outsider, preview, "Send").await;
    assert!(
        refused.show_alert,
        "an outsider's press is refused with an alert"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        copies(&desk, people[0], "We open on Sunday!"),
        0,
        "an outsider sends nothing"
    );
    let answer = press(&desk, desk.maria, preview, "Send").await;
    assert!(!answer.show_alert, "{answer:?}");
    desk.eventually("the report replaces the preview", || {
        text_of(&desk, preview).contains("2 delivered")
    })
    .await;
    assert_eq!(copies(&desk, people[0], "We open on Sunday!"), 1);
    assert_eq!(
        copies(&desk, people[1], "We open on Sunday!"),
        0,
        "Bob is not in lang:pt"
    );
    assert_eq!(copies(&desk, people[2], "We open on Sunday!"), 1);
    assert!(
        buttons(&desk, preview).is_empty(),
        "a finished broadcast has no buttons"
    );
    let again = press_data_after_finish(&desk, preview).await;
    assert!(again.is_none_or(|answer| answer.show_alert));
}

/// Nothing to press once the broadcast is done (the buttons are gone).
async fn press_data_after_finish(desk: &Harness, preview: MessageId) -> Option<CallbackAnswer> {
    let (_, data) = buttons(desk, preview).into_iter().next()?;
    let query = desk
        .sim
        .as_user(desk.maria)
        .in_chat(desk.group)
        .press_button(preview, &data)
        .ok()?;
    desk.sim.callback_answer(&query)
}

#[tokio::test]
async fn a_broadcast_is_previewed_sent_on_send_and_reported_in_the_discussion_group() {
    preview_send_and_report(false).await;
}

#[tokio::test]
async fn a_broadcast_is_previewed_sent_on_send_and_reported_in_the_forum() {
    preview_send_and_report(true).await;
}

async fn exclusions_and_cancel(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let people = customers(
        &desk,
        &[
            ("Ana", "en"),
            ("Banned", "en"),
            ("Blocker", "en"),
            ("Quiet", "en"),
            ("Gone", "en"),
        ],
    )
    .await;
    // Deleting an account tells the bot nothing: the broadcast finds out.
    desk.sim.deactivate(people[4], true).expect("deactivated");
    desk.command(desk.maria, people[1], "/ban spam").await;
    desk.sim
        .block_bot(people[2], &desk.bot, true)
        .expect("blocked");
    desk.say(people[3], "/stop");
    desk.eventually("the opt-out is confirmed", || {
        desk.private(people[3])
            .iter()
            .any(|e| e.text.as_deref().is_some_and(|t| t.contains("/start")))
    })
    .await;
    // A cancelled broadcast sends nothing.
    let first = lobby_post(&desk, desk.maria, "Never mind");
    let command = reply_in_lobby(&desk, desk.maria, first, "/send all");
    let (preview, _) = bot_answer(&desk, command).await;
    let answer = press(&desk, desk.joao, preview, "Cancel").await;
    assert!(!answer.show_alert, "{answer:?}");
    desk.eventually("the preview says cancelled", || {
        text_of(&desk, preview).contains("cancelled")
    })
    .await;
    // Everyone reachable and willing gets the next one.
    let news = lobby_post(&desk, desk.maria, "Prices change");
    let command = reply_in_lobby(&desk, desk.maria, news, "/send all");
    let (preview, text) = bot_answer(&desk, command).await;
    assert!(
        text.contains("2 customer"),
        "Ana and the deleted account: {text}"
    );
    press(&desk, desk.maria, preview, "Send").await;
    desk.eventually("the report", || {
        text_of(&desk, preview).contains("finished")
    })
    .await;
    let report = text_of(&desk, preview);
    assert!(report.contains("1 delivered"), "{report}");
    assert!(report.contains("1 blocked"), "{report}");
    assert_eq!(copies(&desk, people[0], "Prices change"), 1);
    for excluded in &people[1..4] {
        assert_eq!(copies(&desk, *excluded, "Prices change"), 0);
    }
    for customer in &people {
        assert_eq!(copies(&desk, *customer, "Never mind"), 0);
    }
    // Back in with /start.
    desk.say(people[3], "/start");
    let news = lobby_post(&desk, desk.maria, "Welcome back");
    let command = reply_in_lobby(&desk, desk.maria, news, "/send all");
    let (preview, text) = bot_answer(&desk, command).await;
    assert!(
        text.contains("2 customer"),
        "Ana and Quiet, not the deleted account: {text}"
    );
    press(&desk, desk.maria, preview, "Send").await;
    desk.eventually("the quiet customer opted back in", || {
        copies(&desk, people[3], "Welcome back") == 1
    })
    .await;
}

#[tokio::test]
async fn banned_blocked_and_opted_out_customers_are_left_out_in_the_discussion_group() {
    exclusions_and_cancel(false).await;
}

#[tokio::test]
async fn banned_blocked_and_opted_out_customers_are_left_out_in_the_forum() {
    exclusions_and_cancel(true).await;
}

async fn bad_input(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let ana = customers(&desk, &[("Ana", "en")]).await[0];
    let news = lobby_post(&desk, desk.maria, "News");
    let cases = [
        ("/send vip", "is not a segment"),
        ("/send all at 2020-01-01 10:00", "passed"),
        ("/send all at tomorrow", "cannot be read"),
        ("/send", "Usage"),
    ];
    for (command, expected) in cases {
        let sent = reply_in_lobby(&desk, desk.maria, news, command);
        let (_, text) = bot_answer(&desk, sent).await;
        assert!(text.contains(expected), "{command}: {text}");
    }
    let alone = lobby_post(&desk, desk.maria, "/send all");
    let (_, text) = bot_answer(&desk, alone).await;
    assert!(text.contains("Usage"), "a reply to nothing: {text}");
    let in_thread = desk.command(desk.maria, ana, "/send all").await;
    assert!(in_thread.contains("lobby"), "{in_thread}");
    if !forum {
        // Outside the team (the forum has no outsiders: only its members can write there).
        let outsider = reply_in_lobby(&desk, desk.outsider, news, "/send all");
        let (_, text) = bot_answer(&desk, outsider).await;
        assert!(text.contains("team"), "{text}");
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(copies(&desk, ana, "News"), 0);
}

#[tokio::test]
async fn bad_broadcasts_are_answered_and_send_nothing_in_the_discussion_group() {
    bad_input(false).await;
}

#[tokio::test]
async fn bad_broadcasts_are_answered_and_send_nothing_in_the_forum() {
    bad_input(true).await;
}

async fn test_copy(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let news = lobby_post(&desk, desk.maria, "Try me");
    let command = reply_in_lobby(&desk, desk.joao, news, "/send test");
    let texts = || desk.answers_to(command);
    desk.eventually("João hears the copy could not reach him", || {
        texts().iter().any(|t| t.contains("did not reach you"))
    })
    .await;
    desk.sim
        .open_private_chat(desk.joao, &desk.bot)
        .expect("João started the bot");
    let command = reply_in_lobby(&desk, desk.joao, news, "/send test");
    desk.eventually("the test copy reaches João", || {
        copies(&desk, desk.joao, "Try me") == 1
    })
    .await;
    assert!(
        desk.answers_to(command)
            .iter()
            .any(|t| t.contains("on its way"))
    );
}

#[tokio::test]
async fn send_test_copies_the_message_to_its_author_in_the_discussion_group() {
    test_copy(false).await;
}

#[tokio::test]
async fn send_test_copies_the_message_to_its_author_in_the_forum() {
    test_copy(true).await;
}

/// Customers the bot already knows (as a data directory with a long history would hold them),
/// written straight into the stopped bot's database, each with a private chat in the world.
fn seed_customers(desk: &Harness, count: usize) -> Vec<UserId> {
    use threadesk::desk::DeskState;
    use threadesk::domain::{self, Card, Customer, Reachability, TicketNumber, Timestamp};
    let data_dir = desk.settings["THREADESK_DATA_DIR"].clone();
    let store = threadesk::storage::Store::open(std::path::Path::new(&data_dir), 8 << 20)
        .expect("the database opens");
    let mut ledger = threadesk::storage::Ledger::new(&store);
    let people: Vec<UserId> = (0..count)
        .map(|index| desk.customer(&format!("reader{index}"), "en"))
        .collect();
    for person in &people {
        desk.sim
            .open_private_chat(*person, &desk.bot)
            .expect("a private chat");
        let customer = Customer {
            id: domain::UserId(i64::try_from(person.0).expect("an id")),
            first_name: "Reader".into(),
            last_name: None,
            username: None,
            language: Some("en".into()),
            first_seen: Timestamp(0),
            card: Card::default(),
            ticket: TicketNumber(0),
            reachability: Reachability::Reachable,
            ban: None,
            tags: Vec::new(),
            fields: Default::default(),
        };
        ledger.save_customer(&customer).expect("saved");
    }
    store.flush_now().expect("flushed");
    people
}

/// The uncertain count in a report.
fn uncertain(report: &str) -> usize {
    report
        .split(" uncertain")
        .next()
        .and_then(|head| head.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX)
}

#[tokio::test]
async fn killing_the_bot_mid_broadcast_repeats_nobody_and_resumes() {
    const RECIPIENTS: usize = 2000;
    let mut desk = Harness::world(SimConfig::default()).await;
    desk.settings
        .insert("THREADESK_BROADCAST_RATE".into(), "250/1s".into());
    let log = load::log_path(&desk, "threadesk.log");
    // A first run records the workspace; the customers are then added while it is stopped.
    let child = load::spawn(&desk, &log);
    let hello = lobby_post(&desk, desk.maria, "/help");
    desk.answer_to(hello).await;
    load::terminate(child, &log).await;
    let people = seed_customers(&desk, RECIPIENTS);
    let mut child = load::spawn(&desk, &log);
    let news = lobby_post(&desk, desk.maria, "Big announcement");
    let command = reply_in_lobby(&desk, desk.maria, news, "/send all");
    let (preview, text) = bot_answer(&desk, command).await;
    assert!(text.contains(&format!("{RECIPIENTS} customer")), "{text}");
    press(&desk, desk.maria, preview, "Send").await;
    let delivered = |desk: &Harness| {
        people
            .iter()
            .filter(|p| copies(desk, **p, "Big announcement") > 0)
            .count()
    };
    let mut kills = 0;
    for threshold in [300, 900] {
        let went_out = desk
            .sim
            .wait_until(Duration::from_secs(30), || delivered(&desk) >= threshold)
            .await;
        assert!(
            went_out,
            "{} of {threshold} went out; log:\n{}",
            delivered(&desk),
            load::tail(&log)
        );
        child.kill().await;
        kills += 1;
        tokio::time::sleep(Duration::from_millis(300)).await;
        child = load::spawn(&desk, &log);
    }
    desk.sim
        .wait_until(Duration::from_secs(120), || {
            text_of(&desk, preview).contains("finished")
        })
        .await;
    let report = text_of(&desk, preview);
    assert!(
        report.contains("finished"),
        "{report}\n{}",
        load::tail(&log)
    );
    println!("after {kills} kills: {report}");
    load::terminate(child, &log).await;
    let counts: Vec<usize> = people
        .iter()
        .map(|p| copies(&desk, *p, "Big announcement"))
        .collect();
    assert!(
        counts.iter().all(|c| *c <= 1),
        "someone got it twice: {report}"
    );
    let missing = counts.iter().filter(|c| **c == 0).count();
    let uncertain = uncertain(&report);
    assert!(uncertain <= kills, "{report}");
    assert!(
        missing <= uncertain,
        "{missing} missing, {uncertain} reported uncertain: {report}"
    );
}

async fn scheduled_across_a_restart(forum: bool) {
    let mut desk = Harness::start_layout(forum, &[]).await;
    let ana = customers(&desk, &[("Ana", "en")]).await[0];
    let news = lobby_post(&desk, desk.maria, "Later news");
    let command = reply_in_lobby(&desk, desk.maria, news, "/send all in 4s");
    let (preview, text) = bot_answer(&desk, command).await;
    assert!(text.contains(" at "), "the preview names the time: {text}");
    let answer = press(&desk, desk.maria, preview, "Send").await;
    assert!(!answer.show_alert, "{answer:?}");
    desk.eventually("the preview says scheduled", || {
        text_of(&desk, preview).contains("scheduled")
    })
    .await;
    let list = lobby_post(&desk, desk.joao, "/broadcasts");
    let (listed, text) = bot_answer(&desk, list).await;
    assert!(text.contains("scheduled"), "{text}");
    assert!(
        buttons(&desk, listed)
            .iter()
            .any(|(label, _)| label.contains("Cancel")),
        "a scheduled broadcast can be cancelled from the list"
    );
    assert_eq!(copies(&desk, ana, "Later news"), 0, "not before its time");
    desk.stop().await;
    desk.run();
    desk.eventually(
        "the broadcast goes out at its time, after the restart",
        || copies(&desk, ana, "Later news") == 1,
    )
    .await;
    desk.eventually("the report", || {
        text_of(&desk, preview).contains("finished")
    })
    .await;
    let list = lobby_post(&desk, desk.joao, "/broadcasts");
    let (_, text) = bot_answer(&desk, list).await;
    assert!(text.contains("No broadcast"), "{text}");
}

#[tokio::test]
async fn a_scheduled_broadcast_survives_a_restart_in_the_discussion_group() {
    scheduled_across_a_restart(false).await;
}

#[tokio::test]
async fn a_scheduled_broadcast_survives_a_restart_in_the_forum() {
    scheduled_across_a_restart(true).await;
}

async fn pause_and_resume(forum: bool) {
    let desk = Harness::start_layout(forum, &[("THREADESK_BROADCAST_RATE", "2/1s")]).await;
    let people = customers(
        &desk,
        &[
            ("A", "en"),
            ("B", "en"),
            ("C", "en"),
            ("D", "en"),
            ("E", "en"),
            ("F", "en"),
        ],
    )
    .await;
    let news = lobby_post(&desk, desk.maria, "Slowly");
    let command = reply_in_lobby(&desk, desk.maria, news, "/send all");
    let (preview, _) = bot_answer(&desk, command).await;
    press(&desk, desk.maria, preview, "Send").await;
    let delivered = || {
        people
            .iter()
            .filter(|p| copies(&desk, **p, "Slowly") == 1)
            .count()
    };
    desk.eventually("the first copies", || delivered() >= 1)
        .await;
    let answer = press(&desk, desk.joao, preview, "Pause").await;
    assert!(!answer.show_alert, "{answer:?}");
    desk.eventually("the preview says paused", || {
        text_of(&desk, preview).contains("paused")
    })
    .await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let paused_at = delivered();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(delivered(), paused_at, "nothing goes out while paused");
    assert!(paused_at < people.len());
    let pressed_twice = press(&desk, desk.joao, preview, "Resume").await;
    assert!(!pressed_twice.show_alert);
    desk.eventually("the report", || {
        text_of(&desk, preview).contains("finished")
    })
    .await;
    assert_eq!(delivered(), people.len());
}

#[tokio::test]
async fn a_paused_broadcast_sends_nothing_until_resumed_in_the_discussion_group() {
    pause_and_resume(false).await;
}

#[tokio::test]
async fn a_paused_broadcast_sends_nothing_until_resumed_in_the_forum() {
    pause_and_resume(true).await;
}
