//! Erasure: `/forget` in a customer's thread (administrators only) asks first with Forget and
//! Cancel buttons only administrators may press; Forget deletes what the desk stores about the
//! customer, draws the card as erased and says what went; the person's next message starts
//! afresh. `threadesk forget <user id>` does the same, with the bot running or stopped.

use telegram_sim::{Content, MessageId, UserId};

use crate::broadcasts::{buttons, press, text_of};
use crate::support::{Harness, both_layouts};
use crate::tags_and_fields::{bot_texts, in_lobby, outsider_is_refused};

const BINARY: &str = env!("CARGO_BIN_EXE_threadesk");

/// `member` types `/forget` in the customer's thread; the bot's confirmation message.
async fn ask_to_forget(desk: &Harness, member: UserId, customer: UserId) -> MessageId {
    let sent = desk
        .comment(member, customer, None, Content::text("/forget"))
        .await;
    let asked = desk.answer_to(sent).await;
    assert!(asked.contains("Forget this customer?"), "{asked}");
    assert!(asked.contains("stay in Telegram"), "{asked}");
    desk.sim
        .transcript(desk.group)
        .iter()
        .find(|entry| entry.reply_to == Some(sent) && entry.from == Some(desk.bot.user_id))
        .map(|entry| entry.id)
        .expect("the confirmation")
}

/// Runs `threadesk forget <user>` against the harness's data directory.
async fn forget_from_the_command_line(desk: &Harness, user: UserId) -> std::process::Output {
    tokio::process::Command::new(BINARY)
        .args(["forget", &user.0.to_string()])
        .env_clear()
        .envs(desk.settings.clone())
        .output()
        .await
        .expect("the command runs")
}

async fn forget_erases_the_customer_who_then_starts_afresh(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let carla = desk.customer("Carla", "en");
    desk.say(carla, "hello");
    desk.thread_len(carla, 1).await;
    desk.command(desk.maria, carla, "/mark vip").await;
    desk.command(desk.maria, carla, "/set email carla@example.com")
        .await;
    desk.comment(desk.maria, carla, None, Content::text("How can we help?"))
        .await;
    desk.eventually("the customer gets the reply", || {
        bot_texts(&desk, carla)
            .iter()
            .any(|text| text == "How can we help?")
    })
    .await;
    desk.say(carla, "my order");
    desk.thread_len(carla, 3).await;
    let card = desk.card(carla).await;
    let root = desk.root(carla).await;
    let welcome = bot_texts(&desk, carla);

    // Refused: an outsider, and a team member who is not an administrator.
    outsider_is_refused(&desk, carla, "/forget").await;
    let refused = desk.command(desk.maria, carla, "/forget").await;
    assert!(
        refused.contains("Only administrators of the team's chat may use /forget"),
        "{refused}"
    );

    // An administrator asks; only administrators may press, and Cancel erases nothing.
    let asked = ask_to_forget(&desk, desk.owner, carla).await;
    let labels: Vec<String> = buttons(&desk, asked).into_iter().map(|b| b.0).collect();
    assert_eq!(labels, ["🗑 Forget", "Cancel"]);
    let answer = press(&desk, desk.maria, asked, "Forget").await;
    assert!(answer.show_alert, "{answer:?}");
    assert!(
        answer
            .text
            .as_deref()
            .unwrap_or_default()
            .contains("Only administrators"),
        "{answer:?}"
    );
    if !forum {
        let answer = press(&desk, desk.outsider, asked, "Forget").await;
        assert!(answer.show_alert, "{answer:?}");
        assert!(
            answer
                .text
                .as_deref()
                .unwrap_or_default()
                .contains("support team only"),
            "{answer:?}"
        );
    }
    press(&desk, desk.owner, asked, "Cancel").await;
    desk.eventually("the confirmation says nothing was erased", || {
        text_of(&desk, asked) == "Nothing was erased."
    })
    .await;
    assert!(buttons(&desk, asked).is_empty());
    assert!(desk.card_text_of(card).contains("Carla"));
    let found = in_lobby(&desk, desk.maria, "/find vip").await;
    assert!(found.contains("Carla"), "{found}");

    // Forget: everything goes, the card shows only that, the thread says what was removed.
    let asked = ask_to_forget(&desk, desk.owner, carla).await;
    press(&desk, desk.owner, asked, "Forget").await;
    desk.eventually("the confirmation says what was removed", || {
        text_of(&desk, asked).starts_with("🗑 Customer forgotten.")
    })
    .await;
    let report = text_of(&desk, asked);
    for removed in ["1 ticket(s)", "1 tag(s)", "1 field(s)", "message link(s)"] {
        assert!(report.contains(removed), "{removed}: {report}");
    }
    assert!(report.contains("stay in Telegram"), "{report}");
    assert!(
        report.contains("start afresh as a new customer"),
        "{report}"
    );
    assert!(buttons(&desk, asked).is_empty());
    desk.eventually("the card shows that the customer was erased", || {
        desk.card_text_of(card).contains("erased")
    })
    .await;
    let erased = desk.card_text_of(card);
    assert!(
        !erased.contains("Carla") && !erased.contains(&carla.0.to_string()),
        "{erased}"
    );
    if forum {
        desk.eventually("the topic is renamed", || {
            desk.sim
                .topics(desk.group)
                .iter()
                .any(|topic| topic.id == root && topic.name.contains("erased") && topic.closed)
        })
        .await;
    } else {
        desk.eventually("the card is unpinned", || {
            !desk.sim.pinned(desk.channel).contains(&card)
        })
        .await;
    }
    let found = in_lobby(&desk, desk.maria, "/find carla").await;
    assert_eq!(found, "🔎 Nobody matches “carla”.");
    // The old thread is no customer's any more.
    let chat = desk.sim.as_user(desk.owner).in_chat(desk.group);
    let chat = if forum {
        chat.topic(root)
    } else {
        chat.reply_to(root)
    };
    let again = chat.send(Content::text("/forget")).expect("sent");
    let answer = desk.answer_to(again).await;
    assert!(
        answer.contains("works inside a customer's conversation"),
        "{answer}"
    );
    // The customer saw none of it.
    assert_eq!(bot_texts(&desk, carla), welcome);

    // Writing again starts afresh: a new card and thread, ticket #1, the welcome again.
    desk.say(carla, "it's me again");
    desk.thread_len(carla, 1).await;
    let new_card = desk.card(carla).await;
    assert_ne!(new_card, card);
    let text = desk.card_text_of(new_card);
    assert!(
        text.contains("Carla") && text.contains("Ticket #1"),
        "{text}"
    );
    assert!(
        !text.contains("vip") && !text.contains("carla@example.com"),
        "{text}"
    );
    assert_ne!(desk.root(carla).await, root);
    desk.eventually("the customer is welcomed as new", || {
        bot_texts(&desk, carla).len() > welcome.len()
    })
    .await;
}

both_layouts!(forget_erases_the_customer_who_then_starts_afresh);

async fn the_command_line_forgets_a_customer_while_the_bot_runs_or_is_stopped(forum: bool) {
    let mut desk = Harness::start_layout(forum, &[]).await;
    let dora = desk.customer("Dora", "en");
    desk.say(dora, "hello");
    desk.thread_len(dora, 1).await;
    let elsa = desk.customer("Elsa", "en");
    desk.say(elsa, "hi");
    desk.thread_len(elsa, 1).await;
    let dora_card = desk.card(dora).await;
    let elsa_card = desk.card(elsa).await;
    let dora_root = desk.root(dora).await;

    // While the bot runs: erased at once, the card and the thread say so.
    let output = forget_from_the_command_line(&desk, dora).await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        said.contains(&format!("customer {dora} forgotten")),
        "{said}"
    );
    assert!(said.contains("1 ticket(s)"), "{said}");
    desk.eventually("Dora's card is erased", || {
        desk.card_text_of(dora_card).contains("erased")
    })
    .await;
    desk.eventually("Dora's thread says what was removed", || {
        desk.thread_at(dora_root).iter().any(|entry| {
            entry
                .text
                .as_deref()
                .is_some_and(|t| t.contains("Customer forgotten"))
        })
    })
    .await;
    let unknown = forget_from_the_command_line(&desk, dora).await;
    assert!(!unknown.status.success());
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("no customer with id"),
        "{}",
        String::from_utf8_lossy(&unknown.stderr)
    );

    // While it is stopped: erased at once; the card changes when it starts.
    desk.stop().await;
    let output = forget_from_the_command_line(&desk, elsa).await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    desk.run();
    desk.eventually("Elsa's card is erased", || {
        desk.card_text_of(elsa_card).contains("erased")
    })
    .await;
    let found = in_lobby(&desk, desk.maria, "/find elsa").await;
    assert_eq!(found, "🔎 Nobody matches “elsa”.");
}

both_layouts!(the_command_line_forgets_a_customer_while_the_bot_runs_or_is_stopped);
