//! The team's working tools in a thread: closing and reopening tickets, priorities, bans,
//! deep-link origins and administrators' notifications (who may use them: see `access`).

use std::time::Duration;

use telegram_sim::{AdminRights, Content};

use crate::support::{Harness, both_layouts};

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
            .is_some_and(|t| t.contains("Ticket #2 · 🆕 new"))
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
    let mut desk = Harness::world(Default::default()).await;
    let boss = desk.add_admin("Bea");
    desk.run();
    // Olga (the owner) never started the bot; Bea does.
    desk.admin_starts_the_bot(boss).await;
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

both_layouts!(a_team_comment_after_closing_opens_the_next_ticket_without_telling_anyone_else);
async fn a_team_comment_after_closing_opens_the_next_ticket_without_telling_anyone_else(
    forum: bool,
) {
    let mut desk = Harness::layout_world(forum).await;
    let bea = desk.add_admin("Bea");
    desk.run();
    desk.admin_starts_the_bot(bea).await;
    if forum {
        // Only administrators who manage topics may write in a closed topic.
        let rights = AdminRights {
            can_manage_topics: true,
            ..AdminRights::none()
        };
        desk.sim.promote(desk.group, desk.maria, rights).unwrap();
    }
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "help");
    desk.thread_len(alice, 1).await;
    let card = desk.card(alice).await;
    desk.eventually("Bea hears of ticket #1", || {
        desk.private(bea).find("Ticket #1").is_some()
    })
    .await;
    desk.command(desk.maria, alice, "/fim").await;
    desk.eventually("the ticket is closed", || {
        !desk.card_is_open(alice, card) && desk.private(alice).find("has been closed").is_some()
    })
    .await;

    // Neither an internal comment nor a command starts a conversation.
    desk.comment(
        desk.maria,
        alice,
        None,
        Content::text("// she may come back"),
    )
    .await;
    let answer = desk.command(desk.maria, alice, "/fim").await;
    assert!(answer.contains("already closed"), "{answer}");
    let follow_up = desk
        .comment(desk.maria, alice, None, Content::text("Did the fix work?"))
        .await;

    desk.eventually("Alice gets the follow-up", || {
        desk.private(alice).find("Did the fix work?").is_some()
    })
    .await;
    desk.eventually("the card shows ticket #2, open again", || {
        desk.card_is_open(alice, card)
            && desk
                .card_text_of(card)
                .contains("Ticket #2 · 💬 waiting for the customer")
            && (!forum
                || desk
                    .topic_of(alice)
                    .is_some_and(|t| t.name.starts_with('🟢')))
    })
    .await;
    let root = desk.root(alice).await;
    desk.eventually("the divider follows the comment", || {
        desk.thread_at(root)
            .find("Ticket #2 opened by Maria Souza")
            .is_some()
    })
    .await;
    let thread = desk.thread_at(root);
    let divider = thread.find("Ticket #2 opened by Maria Souza").unwrap();
    assert_eq!(divider.reply_to, Some(follow_up), "{thread}");
    assert!(
        !divider
            .text
            .as_deref()
            .unwrap_or_default()
            .contains("// she"),
        "{thread}"
    );

    desk.say(alice, "yes, thanks");
    desk.eventually("Alice's answer joins ticket #2", || {
        desk.thread_at(root).find("yes, thanks").is_some()
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let thread = desk.thread_at(root);
    let dividers = thread
        .texts()
        .into_iter()
        .filter(|t| t.starts_with("🎫"))
        .collect::<Vec<_>>();
    assert_eq!(
        dividers,
        ["🎫 Ticket #2 opened by Maria Souza."],
        "{thread}"
    );
    assert!(
        desk.private(alice).find("Welcome back").is_none(),
        "no restart message:\n{}",
        desk.private(alice)
    );
    assert!(
        desk.private(bea).find("Ticket #2").is_none(),
        "administrators are not told of a ticket the team opened:\n{}",
        desk.private(bea)
    );
}

both_layouts!(
    a_customer_back_through_another_link_is_noted_on_the_open_ticket_without_a_new_welcome
);
async fn a_customer_back_through_another_link_is_noted_on_the_open_ticket_without_a_new_welcome(
    forum: bool,
) {
    let desk = Harness::start_layout(forum, &[]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "/start promo1");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    desk.say(alice, "/start promo2");
    let card = desk.card(alice).await;
    desk.eventually("the card lists both origins in order", || {
        desk.card_text_of(card).contains("origin: promo1, promo2")
    })
    .await;
    desk.say(alice, "/start");
    desk.say(alice, "still there?");
    let thread = desk.thread_len(alice, 3).await;
    assert_eq!(
        thread.texts()[1..],
        [
            "hello",
            "↩️ The customer came back through the link promo2.",
            "still there?"
        ],
        "a bare /start shows nothing"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let from_bot: Vec<_> = desk
        .private(alice)
        .iter()
        .filter(|e| e.from == Some(desk.bot.user_id))
        .filter_map(|e| e.text.clone())
        .collect();
    assert_eq!(from_bot.len(), 1, "only the first welcome: {from_bot:?}");
    assert!(from_bot[0].starts_with("Hello!"), "{from_bot:?}");
}

both_layouts!(a_bare_start_on_an_open_ticket_gets_the_still_here_text_when_configured);
async fn a_bare_start_on_an_open_ticket_gets_the_still_here_text_when_configured(forum: bool) {
    let desk = Harness::start_layout(forum, &[("THREADESK_STILL_HERE", "on")]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    desk.say(alice, "/start");
    desk.eventually("Alice hears the team is still here", || {
        desk.private(alice).find("still here").is_some()
    })
    .await;
    desk.say(alice, "ok");
    let thread = desk.thread_len(alice, 2).await;
    assert_eq!(thread.texts()[1..], ["hello", "ok"]);
    assert!(desk.private(alice).find("Welcome").is_none());
}

both_layouts!(a_ticket_opened_by_a_bare_start_closes_after_autoclose_hours_without_an_end_message);
async fn a_ticket_opened_by_a_bare_start_closes_after_autoclose_hours_without_an_end_message(
    forum: bool,
) {
    // 0.0005 h = 1.8 s.
    let desk = Harness::start_layout(forum, &[("THREADESK_AUTOCLOSE_HOURS", "0.0005")]).await;
    let alice = desk.customer("Alice", "en");
    let bob = desk.customer("Bob", "en");
    desk.say(alice, "/start");
    desk.say(bob, "/start");
    desk.say(bob, "hello?");
    let alice_card = desk.card(alice).await;
    let bob_card = desk.card(bob).await;
    desk.eventually("both tickets are open", || {
        desk.card_is_open(alice, alice_card) && desk.card_is_open(bob, bob_card)
    })
    .await;
    desk.eventually("Alice's empty ticket closes", || {
        !desk.card_is_open(alice, alice_card)
    })
    .await;
    let root = desk.root(alice).await;
    desk.eventually("the thread says so", || {
        desk.thread_at(root).find("closed automatically").is_some()
    })
    .await;
    assert!(
        desk.card_text_of(alice_card)
            .contains("closed automatically"),
        "{}",
        desk.card_text_of(alice_card)
    );
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert!(
        desk.private(alice).find("has been closed").is_none(),
        "no end message:\n{}",
        desk.private(alice)
    );
    assert!(
        desk.card_is_open(bob, bob_card),
        "Bob wrote and awaits an answer: his ticket stays open"
    );
}

both_layouts!(an_administrator_writing_to_the_bot_is_not_notified_of_their_own_ticket);
async fn an_administrator_writing_to_the_bot_is_not_notified_of_their_own_ticket(forum: bool) {
    let mut desk = Harness::layout_world(forum).await;
    let bea = desk.add_admin("Bea");
    let carl = desk.add_admin("Carl");
    desk.run();
    desk.admin_starts_the_bot(bea).await;
    desk.admin_starts_the_bot(carl).await;
    desk.say(bea, "a question of my own");
    desk.thread_len(bea, 1).await;
    desk.eventually("Carl hears of Bea's ticket", || {
        desk.private(carl).find("Ticket #1").is_some()
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        desk.private(bea).find("Ticket #1").is_none(),
        "{}",
        desk.private(bea)
    );
}
