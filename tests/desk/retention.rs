//! Retention (`retention_days`): the stored pass prunes a closed ticket once it is older than
//! the retention and erases the customer left with nothing, keeps an open ticket and its
//! customer, survives a restart, and a later message from the erased customer starts afresh.

use std::time::{Duration, Instant};

use threadesk::desk::Timer;
use threadesk::pipeline::timers;
use threadesk::storage::Store;

use crate::support::Harness;
use crate::tags_and_fields::in_lobby;

/// About four seconds, in days: the pass runs that often too.
const RETENTION_DAYS: &str = "0.00005";

/// The stored retention timers' due times; the bot must be stopped.
fn retention_timers(desk: &Harness) -> Vec<i64> {
    let store = Store::open(desk.data.path(), 1 << 20).expect("the data directory opens");
    timers::stored(&store)
        .expect("the timers read")
        .into_iter()
        .filter(|(_, timer)| matches!(timer, Timer::Retention { .. }))
        .map(|(due, _)| due.0)
        .collect()
}

/// Asks `/find <name>` in the lobby until the answer says nobody matches; `false` after 40 s.
async fn until_nobody_matches(desk: &Harness, name: &str) -> bool {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(40) {
        let found = in_lobby(desk, desk.maria, &format!("/find {name}")).await;
        if found.contains("Nobody matches") {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    false
}

#[tokio::test]
async fn old_closed_tickets_and_customers_left_with_nothing_are_pruned_by_a_pass_that_survives_restarts()
 {
    let settings = [
        ("THREADESK_RETENTION_DAYS", RETENTION_DAYS),
        ("THREADESK_AUTOCLOSE_HOURS", "0"),
    ];
    let mut desk = Harness::start_layout(false, &settings).await;
    let carla = desk.customer("Carla", "en");
    desk.say(carla, "hello");
    desk.thread_len(carla, 1).await;
    let card = desk.card(carla).await;
    let bia = desk.customer("Bia", "en");
    desk.say(bia, "still waiting");
    desk.thread_len(bia, 1).await;
    let closed = desk.command(desk.maria, carla, "/fim").await;
    assert!(closed.contains("Ticket #1 closed"), "{closed}");

    // The pass is a stored timer: it is there while the bot is stopped, and runs after.
    desk.stop().await;
    let stored = retention_timers(&desk);
    assert_eq!(stored.len(), 1, "one retention timer: {stored:?}");
    tokio::time::sleep(Duration::from_secs(5)).await;
    desk.run();

    assert!(
        until_nobody_matches(&desk, "carla").await,
        "Carla's closed ticket and Carla are pruned"
    );
    let found = in_lobby(&desk, desk.maria, "/find bia").await;
    assert!(
        found.contains("Bia"),
        "the open ticket's customer stays: {found}"
    );
    let queue = in_lobby(&desk, desk.maria, "/queue").await;
    assert!(queue.contains("Bia"), "her ticket is still open: {queue}");

    // Carla writes again: a new customer, with a new card and ticket #1.
    desk.say(carla, "it's me again");
    desk.eventually("a new card is posted", || {
        desk.sim.transcript(desk.channel).iter().any(|entry| {
            entry.id != card && entry.text.as_deref().is_some_and(|t| t.contains("Carla"))
        })
    })
    .await;
    let new_card = desk.card(carla).await;
    assert_ne!(new_card, card);
    desk.thread_len(carla, 1).await;
    let text = desk.card_text_of(new_card);
    assert!(
        text.contains("Carla") && text.contains("Ticket #1"),
        "{text}"
    );

    desk.stop().await;
    assert_eq!(retention_timers(&desk).len(), 1, "the next pass is set");
}
