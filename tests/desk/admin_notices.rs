//! New-ticket notices to administrators when Telegram refuses them: once one is refused (the
//! administrator blocked the bot), the notices already queued for that person are not sent,
//! and `/metrics` counts them as skipped.

use telegram_sim::UserId;

use crate::support::Harness;

/// The bot's `sendMessage` calls to `user`'s private chat that Telegram refused.
fn refused_sends(desk: &Harness, user: UserId) -> usize {
    desk.sim
        .calls()
        .iter()
        .filter(|call| call.method == "sendMessage" && !call.ok && call.params["chat_id"] == user.0)
        .count()
}

#[tokio::test]
async fn notices_queued_for_an_administrator_who_blocked_the_bot_are_refused_once() {
    let mut desk = Harness::world(Default::default()).await;
    // One message per second to a private chat: a burst of new tickets queues its notices.
    desk.settings
        .insert("THREADESK_RATE_PRIVATE".into(), "1/1s".into());
    let boss = desk.add_admin("Bea");
    desk.run();
    desk.admin_starts_the_bot(boss).await;
    let customers: Vec<UserId> = (0..6)
        .map(|index| desk.customer(&format!("Customer{index}"), "en"))
        .collect();
    for customer in &customers {
        desk.say(*customer, "hello");
    }
    desk.eventually("the first notice reaches Bea", || {
        desk.sim
            .private_chat(boss, &desk.bot)
            .find("Ticket #")
            .is_some()
    })
    .await;
    desk.sim.block_bot(boss, &desk.bot, true).unwrap();
    for customer in &customers {
        desk.thread_len(*customer, 1).await;
    }
    // Every notice is either delivered, refused, or skipped; give the lane time to finish.
    desk.eventually("the notices are done", || {
        desk.sim.private_chat(boss, &desk.bot).len() + refused_sends(&desk, boss) >= 2
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_secs(6)).await;
    assert!(
        refused_sends(&desk, boss) <= 1,
        "only the first notice after the block is refused, not every queued one: {} refused",
        refused_sends(&desk, boss)
    );
}
