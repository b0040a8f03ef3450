//! Desk settings, in both layouts: welcome messages, silent mode, automatic closing (which
//! survives restarts), keyword activation, the white list, reply-only mode and internal comments.

use std::time::Duration;

use telegram_sim::Content;

use crate::support::{Harness, both_layouts};

both_layouts!(welcome_can_be_customised_per_language_or_switched_off);
async fn welcome_can_be_customised_per_language_or_switched_off(forum: bool) {
    let desk = Harness::start_layout(forum, &[("THREADESK_WELCOME", "off")]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    desk.command(desk.maria, alice, "/fim").await;
    desk.say(alice, "back again");
    desk.thread_len(alice, 3).await;
    let greetings = desk
        .private(alice)
        .iter()
        .filter(|e| {
            e.text
                .as_deref()
                .is_some_and(|t| t.contains("Hello!") || t.contains("Welcome back"))
        })
        .count();
    assert_eq!(
        greetings,
        0,
        "no welcome when off:\n{}",
        desk.private(alice)
    );

    let mut desk = if forum {
        Harness::forum_world(Default::default()).await
    } else {
        Harness::world(Default::default()).await
    };
    desk.file = "[welcome]\npt-br = \"Bem-vindo à Loja!\"\nen = \"Welcome to the Shop!\"\n".into();
    desk.run();
    let ana = desk.customer("Ana", "pt-br");
    desk.say(ana, "oi");
    desk.eventually("Ana gets the Portuguese welcome", || {
        desk.private(ana).find("Bem-vindo à Loja!").is_some()
    })
    .await;
    desk.thread_len(ana, 1).await;
    desk.command(desk.maria, ana, "/fim").await;
    desk.say(ana, "de novo");
    desk.eventually("and again for the new ticket", || {
        desk.private(ana)
            .iter()
            .filter(|e| e.text.as_deref() == Some("Bem-vindo à Loja!"))
            .count()
            == 2
    })
    .await;
}

both_layouts!(silent_mode_keeps_processing_errors_from_customers);
async fn silent_mode_keeps_processing_errors_from_customers(forum: bool) {
    for silent in [false, true] {
        let silent_text = silent.to_string();
        let desk = Harness::start_layout(
            forum,
            &[
                ("THREADESK_SILENT_MODE", silent_text.as_str()),
                ("THREADESK_RATE_GROUP", "1/3s"),
            ],
        )
        .await;
        let alice = desk.customer("Alice", "en");
        desk.say(alice, "first");
        desk.thread_len(alice, 1).await;
        // The next copy waits for the group's rate limit; the customer deletes it meanwhile.
        let doomed = desk.say(alice, "deleted before it is copied");
        desk.sim
            .as_user(alice)
            .in_private(&desk.bot)
            .delete(doomed)
            .unwrap();
        let thread = desk.thread_len(alice, 2).await;
        assert!(
            thread
                .texts()
                .iter()
                .any(|t| t.contains("could not be copied")),
            "{thread}"
        );
        let told = desk
            .private(alice)
            .find("could not be delivered to our team")
            .is_some();
        assert_eq!(
            told,
            !silent,
            "silent_mode={silent}:\n{}",
            desk.private(alice)
        );
    }
}

both_layouts!(a_ticket_awaiting_the_customer_closes_automatically_even_across_a_restart);
async fn a_ticket_awaiting_the_customer_closes_automatically_even_across_a_restart(forum: bool) {
    // 0.0005 h = 1.8 s.
    let mut desk = Harness::start_layout(forum, &[("THREADESK_AUTOCLOSE_HOURS", "0.0005")]).await;
    let alice = desk.customer("Alice", "en");
    let bob = desk.customer("Bob", "en");
    for customer in [alice, bob] {
        desk.say(customer, "question");
        desk.thread_len(customer, 1).await;
        desk.comment(desk.maria, customer, None, Content::text("answer"))
            .await;
    }
    desk.eventually("answers delivered", || {
        desk.private(bob).find("answer").is_some()
    })
    .await;
    desk.say(bob, "thanks, one more question");
    desk.stop().await;
    tokio::time::sleep(Duration::from_millis(2000)).await;
    desk.run();
    desk.eventually("Alice's ticket closes automatically", || {
        desk.private(alice).find("has been closed").is_some()
    })
    .await;
    let thread = desk.thread_len(alice, 3).await;
    assert!(
        thread
            .texts()
            .iter()
            .any(|t| t.contains("closed automatically")),
        "{thread}"
    );
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert!(
        desk.private(bob).find("has been closed").is_none(),
        "Bob answered: his ticket stays open"
    );
}

both_layouts!(keywords_keep_the_bot_silent_until_a_message_matches);
async fn keywords_keep_the_bot_silent_until_a_message_matches(forum: bool) {
    let desk = Harness::start_layout(
        forum,
        &[(
            "THREADESK_PRIVATE_KEYWORDS",
            "orçamento,falar atendente ~robô",
        )],
    )
    .await;
    let alice = desk.customer("Alice", "pt-br");
    desk.say(alice, "oi");
    desk.say(alice, "quero falar com atendente robô");
    desk.say(alice, "quero um ORCAMENTO");
    desk.say(alice, "para 10 peças");
    let thread = desk.thread_len(alice, 2).await;
    assert_eq!(thread.texts()[1..], ["quero um ORCAMENTO", "para 10 peças"]);
    let replies = desk
        .private(alice)
        .iter()
        .filter(|e| e.from == Some(desk.bot.user_id))
        .count();
    assert_eq!(
        replies,
        1,
        "only the welcome after activation:\n{}",
        desk.private(alice)
    );
}

both_layouts!(only_white_listed_customers_are_handled);
async fn only_white_listed_customers_are_handled(forum: bool) {
    let mut desk = Harness::world(Default::default()).await;
    if forum {
        desk = Harness::forum_world(Default::default()).await;
    }
    let alice = desk.customer("Alice", "en");
    let eve = desk.customer("Eve", "en");
    desk.settings
        .insert("THREADESK_WHITE_LIST".into(), alice.0.to_string());
    desk.run();
    desk.say(eve, "let me in");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    assert!(desk.topic_of(eve).is_none() || !forum);
    assert!(
        desk.private(eve)
            .iter()
            .all(|e| e.from != Some(desk.bot.user_id)),
        "Eve is ignored"
    );
    assert!(desk.sim.transcript(desk.group).find("let me in").is_none());
}

both_layouts!(reply_only_keeps_plain_comments_internal_and_prefixes_always_do);
async fn reply_only_keeps_plain_comments_internal_and_prefixes_always_do(forum: bool) {
    let desk = Harness::start_layout(forum, &[("THREADESK_REPLY_ONLY", "true")]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    let thread = desk.thread_len(alice, 1).await;
    let copy = thread.find("hello").unwrap().id;
    desk.comment(desk.maria, alice, None, Content::text("note for the team"))
        .await;
    desk.comment(
        desk.maria,
        alice,
        Some(copy),
        Content::text("// also internal"),
    )
    .await;
    desk.comment(desk.maria, alice, Some(copy), Content::text("hi Alice!"))
        .await;
    desk.eventually("the reply arrives", || {
        desk.private(alice).find("hi Alice!").is_some()
    })
    .await;
    let private = desk.private(alice);
    assert!(
        private.find("note for the team").is_none() && private.find("also internal").is_none(),
        "{private}"
    );
}

both_layouts!(the_configured_end_and_ban_messages_reach_customers_as_written);
async fn the_configured_end_and_ban_messages_reach_customers_as_written(forum: bool) {
    let mut desk = if forum {
        Harness::forum_world(Default::default()).await
    } else {
        Harness::world(Default::default()).await
    };
    let end_en = "Closed <for now> & thanks: write again to reopen.";
    let end_pt = "Encerrado, obrigado!\nVolte sempre.";
    let banned_en = "Loja & Co. no longer reads your messages.";
    desk.file = format!(
        "[messages.end]\nen = {end_en:?}\npt-br = {end_pt:?}\n[messages.banned]\nen = {banned_en:?}\n"
    );
    desk.run();
    let private_texts = |customer| {
        desk.private(customer)
            .iter()
            .filter(|entry| entry.from == Some(desk.bot.user_id))
            .filter_map(|entry| entry.text.clone())
            .collect::<Vec<_>>()
    };

    // Each customer gets the text of their language, or of the default language (en).
    for (name, language, expected) in [
        ("Alice", "en", end_en),
        ("Ana", "pt-br", end_pt),
        ("Pierre", "fr", end_en),
    ] {
        let customer = desk.customer(name, language);
        desk.say(customer, "where is my order?");
        desk.thread_len(customer, 1).await;
        desk.command(desk.maria, customer, "/fim").await;
        desk.eventually(&format!("{name} gets the configured end message"), || {
            private_texts(customer).iter().any(|text| text == expected)
        })
        .await;
        assert!(
            !private_texts(customer)
                .iter()
                .any(|text| text.contains("has been closed")),
            "{}",
            desk.private(customer)
        );
    }

    let bob = desk.customer("Bob", "en");
    desk.say(bob, "buy cheap followers");
    desk.thread_len(bob, 1).await;
    desk.command(desk.maria, bob, "/ban spam").await;
    desk.say(bob, "hello?");
    desk.say(bob, "anyone?");
    desk.eventually("Bob is told, as configured", || {
        private_texts(bob).iter().any(|text| text == banned_en)
    })
    .await;
    let root = desk.root(bob).await;
    let mut card = String::new();
    for _ in 0..100 {
        card = desk.card_text(bob).await;
        if card.contains("banned (2 muted)") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(card.contains("banned (2 muted)"), "{card}");
    let told = private_texts(bob)
        .iter()
        .filter(|text| text.contains("no longer"))
        .count();
    assert_eq!(told, 1, "told once:\n{}", desk.private(bob));
    assert!(desk.thread_at(root).find("hello?").is_none());
}
