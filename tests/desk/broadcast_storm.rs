//! A flood wait during a broadcast: while every call to a private chat answers 429, the
//! broadcast lane waits out each `retry_after` and resumes where it was (nobody gets the
//! broadcast twice, nobody is skipped), and a customer's message to the team still reaches
//! their thread at once: the broadcast's pause is its own.

use std::time::{Duration, Instant};

use crate::broadcasts::{
    bot_answer, copies, customers, lobby_post, press, reply_in_lobby, text_of,
};
use crate::support::Harness;

const NEWS: &str = "Storm news: we open late on Monday";

async fn storm(forum: bool) {
    let desk = Harness::start_layout(forum, &[("THREADESK_BROADCAST_RATE", "10/1s")]).await;
    let names: Vec<(String, &str)> = (0..20).map(|i| (format!("Customer {i}"), "en")).collect();
    let names: Vec<(&str, &str)> = names.iter().map(|(n, l)| (n.as_str(), *l)).collect();
    let people = customers(&desk, &names).await;
    let news = lobby_post(&desk, desk.maria, NEWS);
    let command = reply_in_lobby(&desk, desk.maria, news, "/send all");
    let (preview, text) = bot_answer(&desk, command).await;
    assert!(text.contains("20 customer"), "{text}");
    press(&desk, desk.maria, preview, "Send").await;
    let reached = || {
        people
            .iter()
            .filter(|c| copies(&desk, **c, NEWS) > 0)
            .count()
    };
    desk.eventually("the broadcast is under way", || reached() >= 3)
        .await;

    // Telegram floods every private chat; the team's chat is fine.
    desk.sim.set_private_flood(Some(3));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let during = reached();
    let asked = Instant::now();
    desk.say(people[0], "Is the shop open today?");
    let root = desk.root(people[0]).await;
    desk.eventually("the customer's message reaches the thread", || {
        desk.thread_at(root)
            .find("Is the shop open today?")
            .is_some()
    })
    .await;
    let took = asked.elapsed();
    // A message stuck behind the broadcast's 3 s pause would take at least that long.
    assert!(
        took < Duration::from_secs(2),
        "the customer's message waited {took:?} behind the flood"
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        reached() <= during + 1,
        "nothing reaches private chats during the flood"
    );
    desk.sim.set_private_flood(None);

    desk.eventually("the report", || {
        text_of(&desk, preview).contains("finished")
    })
    .await;
    let report = text_of(&desk, preview);
    assert!(report.contains("20 delivered"), "{report}");
    for customer in &people {
        assert_eq!(copies(&desk, *customer, NEWS), 1, "exactly once each");
    }
}

#[tokio::test]
async fn a_flood_wait_pauses_the_broadcast_but_not_the_customers_in_the_discussion_group() {
    storm(false).await;
}

#[tokio::test]
async fn a_flood_wait_pauses_the_broadcast_but_not_the_customers_in_the_forum() {
    storm(true).await;
}
