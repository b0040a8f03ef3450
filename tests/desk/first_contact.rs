//! First contact: a customer's first message opens ticket #1, posts and pins the card, and the
//! messages land in the card's thread in order.

use telegram_sim::SimConfig;

use crate::support::Harness;

#[tokio::test]
async fn a_first_message_posts_a_pinned_card_and_lands_in_its_thread() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "pt-br");
    desk.say(alice, "Olá, preciso de ajuda");
    let card = desk.card(alice).await;
    let text = desk
        .sim
        .transcript(desk.channel)
        .get_id(card)
        .and_then(|e| e.text.clone())
        .unwrap();
    assert!(
        text.contains("Alice") && text.contains("@alice") && text.contains("Ticket #1"),
        "{text}"
    );
    desk.eventually("the card is pinned", || {
        desk.sim.pinned(desk.channel).contains(&card)
    })
    .await;
    let thread = desk.thread_len(alice, 1).await;
    assert_eq!(thread.texts()[1..], ["Olá, preciso de ajuda"]);
}

#[tokio::test]
async fn messages_sent_before_the_thread_exists_arrive_in_order_under_one_card() {
    let config = SimConfig {
        auto_forward_delay: std::time::Duration::from_millis(400),
        ..SimConfig::default()
    };
    let desk = Harness::start_with(config, &[]).await;
    let alice = desk.customer("Alice", "en");
    for text in ["one", "two", "three"] {
        desk.say(alice, text);
    }
    let thread = desk.thread_len(alice, 3).await;
    assert_eq!(thread.texts()[1..], ["one", "two", "three"]);
    let cards = desk
        .sim
        .transcript(desk.channel)
        .iter()
        .filter(|e| e.service.is_none())
        .count();
    assert_eq!(
        cards,
        1,
        "one card only:\n{}",
        desk.sim.transcript(desk.channel)
    );
}
