//! The team's working tools in a thread: closing and reopening tickets, priorities, bans,
//! deep-link origins and administrators' notifications (who may use them: see `access`).

use threadesk::sim::UserSpec;

use crate::support::Harness;

#[tokio::test]
async fn closing_recolours_and_unpins_the_card_and_the_next_message_opens_ticket_two() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "help");
    desk.thread_len(alice, 1).await;
    let card = desk.card(alice).await;
    desk.eventually("the card is pinned", || {
        desk.sim.pinned(desk.channel).contains(&card)
    })
    .await;

    let answer = desk.command(desk.maria, alice, "/fim solved").await;
    assert!(
        answer.contains("Ticket #1 closed by Maria Souza: solved"),
        "{answer}"
    );
    desk.eventually("the card is closed and unpinned", || {
        !desk.sim.pinned(desk.channel).contains(&card)
    })
    .await;
    let text = desk.card_text(alice).await;
    assert!(
        text.starts_with('⚪') && text.contains("closed by Maria Souza"),
        "{text}"
    );
    desk.eventually("the customer gets the end message", || {
        desk.private(alice).find("has been closed").is_some()
    })
    .await;
    let again = desk.command(desk.maria, alice, "/fim").await;
    assert!(again.contains("already closed"), "{again}");

    desk.say(alice, "one more thing");
    desk.eventually("ticket #2 opens", || {
        desk.sim.pinned(desk.channel).contains(&card)
    })
    .await;
    desk.eventually("the card shows ticket #2", || {
        desk.sim
            .transcript(desk.channel)
            .get_id(card)
            .and_then(|e| e.text.clone())
            .is_some_and(|t| t.contains("Ticket #2 · open"))
    })
    .await;
    let thread = desk.thread_len(alice, 6).await;
    let divider = thread
        .iter()
        .position(|entry| entry.text.as_deref() == Some("🎫 Ticket #2 opened."))
        .expect("a divider");
    assert_eq!(
        thread[divider + 1].text.as_deref(),
        Some("one more thing"),
        "{thread}"
    );
    desk.eventually("the restart message", || {
        desk.private(alice).find("Welcome back").is_some()
    })
    .await;
}

#[tokio::test]
async fn priorities_recolour_the_open_card_and_stay_invisible_to_the_customer() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "urgent!!");
    desk.thread_len(alice, 1).await;
    assert_eq!(
        desk.command(desk.maria, alice, "/p 3").await,
        "Priority set to urgent."
    );
    desk.eventually("the card is red", || {
        desk.sim.transcript(desk.channel).iter().any(|e| {
            e.text
                .as_deref()
                .is_some_and(|t| t.starts_with("🔴") && t.contains("priority: urgent"))
        })
    })
    .await;
    assert_eq!(
        desk.command(desk.maria, alice, "/p baixa").await,
        "Priority set to low.",
        "names work in every language"
    );
    let usage = desk.command(desk.maria, alice, "/p 9").await;
    assert!(usage.starts_with("Usage: /p"), "{usage}");
    let card = desk.card(alice).await;
    assert!(
        desk.sim.pinned(desk.channel).contains(&card),
        "open cards stay pinned"
    );
    assert!(
        desk.private(alice).iter().all(|e| !e
            .text
            .as_deref()
            .unwrap_or_default()
            .contains("riority")),
        "{}",
        desk.private(alice)
    );
}

#[tokio::test]
async fn a_banned_customer_is_muted_told_once_and_counted_on_the_card() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    let answer = desk.command(desk.maria, alice, "/ban spam").await;
    assert!(answer.contains("Customer banned (spam)"), "{answer}");
    desk.say(alice, "BUY NOW");
    desk.say(alice, "BUY NOW!!");
    desk.eventually("the card counts 2 muted", || {
        desk.sim.transcript(desk.channel).iter().any(|e| {
            e.text
                .as_deref()
                .is_some_and(|t| t.contains("banned (2 muted)"))
        })
    })
    .await;
    let told = desk
        .private(alice)
        .iter()
        .filter(|e| {
            e.text
                .as_deref()
                .is_some_and(|t| t.contains("no longer being delivered"))
        })
        .count();
    assert_eq!(told, 1, "{}", desk.private(alice));
    assert!(desk.sim.transcript(desk.group).find("BUY NOW").is_none());
    let answer = desk.command(desk.maria, alice, "/unban").await;
    assert!(
        answer.contains("Messages muted during the ban: 2"),
        "{answer}"
    );
    desk.say(alice, "sorry");
    desk.eventually("relayed again", || {
        desk.sim.transcript(desk.group).find("sorry").is_some()
    })
    .await;
}

#[tokio::test]
async fn a_deep_link_origin_shows_on_the_card_and_an_invalid_one_is_ignored() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "/start instagram_bio");
    desk.say(alice, "hi, I saw your post");
    let text = desk.card_text(alice).await;
    assert!(text.contains("origin: instagram_bio"), "{text}");
    let thread = desk.thread_len(alice, 1).await;
    assert!(
        thread[0]
            .text
            .as_deref()
            .is_some_and(|t| t.contains("origin: instagram_bio")),
        "the first thread message shows it"
    );
    assert_eq!(
        thread.texts()[1..],
        ["hi, I saw your post"],
        "the /start itself is not relayed"
    );

    let bob = desk.customer("Bob", "en");
    desk.say(bob, "/start <not valid!>");
    let text = desk.card_text(bob).await;
    assert!(!text.contains("origin"), "{text}");
    desk.eventually("Bob gets the normal welcome", || {
        desk.private(bob).find("Hello!").is_some()
    })
    .await;
    assert_eq!(
        desk.private(bob).len(),
        2,
        "and nothing else:\n{}",
        desk.private(bob)
    );
}

#[tokio::test]
async fn administrators_who_started_the_bot_are_notified_with_a_link_and_others_are_skipped() {
    let desk = Harness::start().await;
    let boss = desk.sim.create_user(UserSpec::new("Bea").username("bea"));
    desk.sim.add_member(desk.channel, boss).unwrap();
    desk.sim
        .promote(desk.channel, boss, threadesk::sim::AdminRights::all())
        .unwrap();
    // Olga (the owner) never started the bot; Bea does.
    desk.register_admin(boss).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "/start ads");
    desk.say(alice, "hello");
    desk.eventually("Bea is notified", || {
        desk.sim
            .private_chat(boss, &desk.bot)
            .find("Ticket #1")
            .is_some()
    })
    .await;
    let bea = desk.sim.private_chat(boss, &desk.bot);
    let notice = bea.find("Ticket #1").unwrap();
    let text = notice.text.clone().unwrap();
    assert!(
        text.contains("Alice") && text.contains("@alice") && text.contains("origin: ads"),
        "{text}"
    );
    assert!(
        notice.entities.iter().any(|e| e.kind == "text_link"),
        "a link to the thread"
    );
    assert!(
        desk.sim.private_chat(desk.owner, &desk.bot).is_empty(),
        "no chat with an admin who never started the bot"
    );
    assert!(
        desk.sim.private_chat(desk.maria, &desk.bot).is_empty(),
        "members who are not admins are not notified"
    );
    assert!(
        desk.sim
            .transcript(desk.group)
            .find("not delivered")
            .is_none(),
        "skipping is silent"
    );
}

#[tokio::test]
async fn menus_are_set_for_customers_and_for_the_team_in_every_language() {
    let desk = Harness::start().await;
    let private = serde_json::json!({"type": "all_private_chats"});
    let team = serde_json::json!({"type": "chat", "chat_id": desk.group.0});
    desk.eventually("menus are set", || {
        desk.sim
            .my_commands(&desk.bot, team.clone(), Some("ru"))
            .is_some()
    })
    .await;
    let customer: Vec<String> = desk
        .sim
        .my_commands(&desk.bot, private.clone(), None)
        .unwrap()
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(customer, ["start", "help"]);
    let team_menu: Vec<String> = desk
        .sim
        .my_commands(&desk.bot, team.clone(), None)
        .unwrap()
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert!(
        team_menu.contains(&"fim".to_owned()) && team_menu.contains(&"resposta".to_owned()),
        "{team_menu:?}"
    );
    let english = desk
        .sim
        .my_commands(&desk.bot, private.clone(), Some("en"))
        .unwrap();
    let portuguese = desk
        .sim
        .my_commands(&desk.bot, private, Some("pt"))
        .unwrap();
    assert_ne!(english[0].1, portuguese[0].1, "descriptions are localised");
}
