//! Failures are visible: blocked or deleted customers are flagged with a note and no retry
//! storm; undeliverable messages are reported in the thread; long texts are split, not cut; an
//! answer Telegram refuses reaches the team as plain text.

use telegram_sim::{ApiError, Content};

use crate::support::{Harness, both_layouts};

#[tokio::test]
async fn a_customer_who_blocked_the_bot_is_flagged_and_not_retried() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    desk.sim.block_bot(alice, &desk.bot, true).unwrap();
    let thread = desk.thread_len(alice, 2).await;
    assert!(
        thread
            .texts()
            .iter()
            .any(|text| text.contains("blocked the bot")),
        "{thread}"
    );
    let card = desk.card(alice).await;
    desk.eventually("the card shows it", || {
        desk.sim
            .transcript(desk.channel)
            .get_id(card)
            .and_then(|e| e.text.clone())
            .is_some_and(|t| t.contains("blocked the bot"))
    })
    .await;

    let before = desk.sim.counters().calls("copyMessage");
    for text in ["are you there?", "hello?", "ping"] {
        desk.comment(desk.maria, alice, None, Content::text(text))
            .await;
    }
    let thread = desk.thread_len(alice, 8).await;
    let notes = thread
        .texts()
        .iter()
        .filter(|text| text.contains("Not delivered"))
        .count();
    assert_eq!(notes, 3, "each comment is answered with a note:\n{thread}");
    assert_eq!(
        desk.sim.counters().calls("copyMessage"),
        before,
        "no calls to a chat that is blocked"
    );
}

#[tokio::test]
async fn a_deleted_account_is_reported_in_the_thread() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    desk.sim.deactivate(alice, true).unwrap();
    desk.comment(desk.maria, alice, None, Content::text("hi"))
        .await;
    let thread = desk.thread_len(alice, 3).await;
    assert!(
        thread
            .texts()
            .iter()
            .any(|text| text.contains("account was deleted")),
        "{thread}"
    );
}

#[tokio::test]
async fn an_edit_that_cannot_be_applied_is_posted_in_full_split_across_messages() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    let message = desk.say(alice, "short");
    let thread = desk.thread_len(alice, 1).await;
    let copy = thread.find("short").unwrap().id;
    // A team member deletes the copy, so the edit cannot be applied to it.
    desk.sim
        .as_user(desk.owner)
        .in_chat(desk.group)
        .delete(copy)
        .unwrap();
    let long = format!("{}\n{}", "a".repeat(2000), "b".repeat(2095));
    assert_eq!(long.len(), 4096, "the longest text a customer can send");
    desk.sim
        .as_user(alice)
        .in_private(&desk.bot)
        .edit(message, Content::text(long.clone()))
        .unwrap();
    let root = desk.root(alice).await;
    desk.eventually("the edit is posted as notes", || {
        desk.sim.thread(desk.group, root).len() >= 3
    })
    .await;
    let thread = desk.sim.thread(desk.group, root);
    let notes: Vec<&str> = thread.texts().into_iter().skip(1).collect();
    assert_eq!(notes.len(), 2, "{thread}");
    assert!(
        notes[0].starts_with("✏️ The customer edited this message:\n"),
        "{}",
        &notes[0][..60]
    );
    // Cut at the line break (Telegram trims the whitespace at the ends of each message).
    let header = "✏️ The customer edited this message:\n";
    assert!(
        notes[0] == format!("{header}{}", "a".repeat(2000)),
        "the first part holds the header and the a's"
    );
    assert!(
        notes[1] == "b".repeat(2095),
        "the second part holds the b's"
    );
}

both_layouts!(an_answer_telegram_refuses_reaches_the_asker_as_plain_text);
async fn an_answer_telegram_refuses_reaches_the_asker_as_plain_text(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    let hours = desk
        .comment(
            desk.maria,
            alice,
            None,
            Content::text("Open 9:00 to 18:00 <weekdays>"),
        )
        .await;
    let save = desk
        .comment(
            desk.maria,
            alice,
            Some(hours),
            Content::text("/resposta Hours & days"),
        )
        .await;
    desk.answer_to(save).await;

    desk.sim.refuse_next(
        "sendMessage",
        ApiError::bad_request("can't parse entities: Unsupported start tag \"x\" at byte offset 0"),
    );
    let list = desk
        .comment(desk.maria, alice, None, Content::text("/respostas"))
        .await;
    let answer = desk.answer_to(list).await;
    assert!(
        answer.contains("could not be shown with its formatting")
            && answer.contains("Unsupported start tag")
            && answer
                .contains("Canned replies (1):\n• Hours & days: Open 9:00 to 18:00 <weekdays>"),
        "{answer}"
    );
    let shown = desk
        .sim
        .transcript(desk.group)
        .iter()
        .find(|entry| entry.reply_to == Some(list))
        .cloned()
        .unwrap();
    assert!(shown.entities.is_empty(), "plain text: {shown:?}");
}
