//! Hiding customers' information (`hide_customer_info`): switching it on redraws the open
//! cards, and cards, topic names, administrators' notifications, `/queue`, `/find`, `/info`,
//! `/new` and `threadesk export` show a stable pseudonym instead of the name, `@username` and id,
//! while the team still replies as usual.

use telegram_sim::{Content, UserId};

use crate::support::{Harness, both_layouts};
use crate::tags_and_fields::{bot_texts, in_lobby};

const BINARY: &str = env!("CARGO_BIN_EXE_threadesk");

/// The pseudonym (`Customer 7F3A9C`) a text shows, if any.
pub fn pseudonym_in(text: &str) -> Option<String> {
    let start = text.find("Customer ")? + "Customer ".len();
    let code: String = text[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    (code.len() == 6).then(|| format!("Customer {code}"))
}

/// Asserts that `text` shows nothing of the customer: no name, `@username` (both the
/// customer's name in lower case here) or id.
pub fn assert_anonymous(text: &str, name: &str, customer: UserId) {
    assert!(
        !text.to_lowercase().contains(&name.to_lowercase()),
        "{name} shows: {text}"
    );
    assert!(
        !text.contains(&customer.0.to_string()),
        "the id shows: {text}"
    );
}

async fn hidden_customers_show_as_pseudonyms_wherever_the_team_looks(forum: bool) {
    let mut desk = Harness::layout_world(forum).await;
    let bea = desk.add_admin("Bea");
    desk.run();
    desk.admin_starts_the_bot(bea).await;
    let ana = desk.customer("Anabela", "en");
    desk.say(ana, "my order is late");
    desk.thread_len(ana, 1).await;
    let card = desk.card(ana).await;
    let root = desk.root(ana).await;
    assert!(desk.card_text_of(card).contains("Anabela"));

    // Switching it on (a restart with the setting changed) redraws the open card.
    desk.stop().await;
    desk.settings
        .insert("THREADESK_HIDE_CUSTOMER_INFO".into(), "true".into());
    desk.run();
    desk.eventually("the card shows a pseudonym", || {
        pseudonym_in(&desk.card_text_of(card)).is_some()
    })
    .await;
    let text = desk.card_text_of(card);
    assert_anonymous(&text, "Anabela", ana);
    let pseudonym = pseudonym_in(&text).expect("a pseudonym");
    desk.known_as(ana, &pseudonym);
    if forum {
        desk.eventually("the topic is renamed", || {
            desk.sim
                .topics(desk.group)
                .iter()
                .any(|topic| topic.id == root && topic.name.contains(&pseudonym))
        })
        .await;
        let topic = desk.topic_of(ana).expect("the topic");
        assert_anonymous(&topic.name, "Anabela", ana);
    }

    // The team replies as usual, and the customer's messages still reach the thread.
    let welcome = bot_texts(&desk, ana);
    desk.comment(desk.maria, ana, None, Content::text("On its way!"))
        .await;
    desk.eventually("the customer gets the reply", || {
        bot_texts(&desk, ana).len() > welcome.len()
    })
    .await;
    desk.say(ana, "thanks, when?");
    desk.thread_len(ana, 3).await;

    // /info, /queue and /find name the pseudonym only.
    desk.command(desk.maria, ana, "/mark vip").await;
    let info = desk.command(desk.maria, ana, "/info").await;
    assert!(info.contains(&pseudonym), "{info}");
    assert_anonymous(&info, "Anabela", ana);
    let queue = in_lobby(&desk, desk.maria, "/queue").await;
    assert!(queue.contains(&pseudonym), "{queue}");
    assert_anonymous(&queue, "Anabela", ana);
    let found = in_lobby(&desk, desk.maria, "/find vip").await;
    assert!(found.contains(&pseudonym), "{found}");
    assert_anonymous(&found, "Anabela", ana);
    // /find matches the pseudonym's code, no longer the name, @username or id.
    let code = pseudonym.trim_start_matches("Customer ");
    let found = in_lobby(&desk, desk.maria, &format!("/find {code}")).await;
    assert!(found.contains(&pseudonym), "{found}");
    for hidden in [
        "anabela".to_owned(),
        "@anabela".to_owned(),
        ana.0.to_string(),
    ] {
        let found = in_lobby(&desk, desk.maria, &format!("/find {hidden}")).await;
        assert!(found.starts_with("🔎 Nobody matches"), "{hidden}: {found}");
    }

    // A new customer: the administrators' notification and the new card show a pseudonym.
    let notified = bot_texts(&desk, bea).len();
    let bruno = desk.customer("Bruno", "en");
    desk.say(bruno, "hello");
    desk.eventually("the administrator is notified", || {
        bot_texts(&desk, bea).len() > notified
    })
    .await;
    let notification = bot_texts(&desk, bea).pop().unwrap_or_default();
    assert_anonymous(&notification, "Bruno", bruno);
    let bruno_as = pseudonym_in(&notification).expect("the notification names a pseudonym");
    assert_ne!(bruno_as, pseudonym);
    desk.known_as(bruno, &bruno_as);
    desk.thread_len(bruno, 1).await;
    assert_anonymous(&desk.card_text(bruno).await, "Bruno", bruno);
    if forum {
        let topic = desk.topic_of(bruno).expect("Bruno's topic");
        assert_anonymous(&topic.name, "Bruno", bruno);
    }

    // `/new` with the id names the pseudonym too.
    let answer = in_lobby(&desk, desk.maria, &format!("/new {}", bruno.0)).await;
    assert!(answer.contains(&bruno_as), "{answer}");
    assert!(!answer.contains("Bruno"), "{answer}");

    // The export names pseudonyms only, the same ones.
    desk.stop().await;
    for format in ["csv", "jsonl"] {
        let export = tokio::process::Command::new(BINARY)
            .args(["export", "--format", format])
            .env_clear()
            .envs(desk.settings.clone())
            .output()
            .await
            .expect("the export runs");
        assert!(
            export.status.success(),
            "{}",
            String::from_utf8_lossy(&export.stderr)
        );
        let text = String::from_utf8_lossy(&export.stdout);
        assert!(
            text.contains(&pseudonym) && text.contains(&bruno_as),
            "{text}"
        );
        assert_anonymous(&text, "Anabela", ana);
        assert_anonymous(&text, "Bruno", bruno);
    }
}

both_layouts!(hidden_customers_show_as_pseudonyms_wherever_the_team_looks);
