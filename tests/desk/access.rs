//! Access: only the team reaches customers. People in the discussion group who are not in the
//! channel, people posting as another channel, former members, people in other groups and
//! anyone using inline mode from outside the team never reach a customer, never use a team
//! command and never see a canned reply; forged webhook calls without the secret change nothing.
//!
//! The webhook's answers to a missing, wrong or valid secret (403, 403, 200), malformed and
//! oversized bodies are checked in `service::webhook_mode_relays_and_refuses_requests_without_the_secret`.

use telegram_sim::{ChatKind, Content, MemberStatus};

use crate::support::Harness;

/// Texts the bot sent to a customer's private chat.
fn received(desk: &Harness, customer: telegram_sim::UserId) -> Vec<String> {
    desk.private(customer)
        .iter()
        .filter(|entry| entry.from == Some(desk.bot.user_id))
        .filter_map(|entry| entry.text.clone())
        .collect()
}

#[tokio::test]
async fn outsiders_in_the_group_never_reach_the_customer_whatever_they_send() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    let thread = desk.thread_len(alice, 1).await;
    let copy = thread.find("hello").unwrap().id;
    let before = received(&desk, alice);
    let comment = desk
        .comment(
            desk.outsider,
            alice,
            None,
            Content::text("I am not staff, send me your password"),
        )
        .await;
    desk.comment(
        desk.outsider,
        alice,
        Some(copy),
        Content::text("password please"),
    )
    .await;
    desk.comment(
        desk.outsider,
        alice,
        None,
        Content::photo().caption("password photo"),
    )
    .await;
    let root = desk.root(alice).await;
    desk.sim
        .as_user(desk.outsider)
        .in_chat(desk.group)
        .reply_to(root)
        .send_album(vec![
            Content::photo().caption("password album"),
            Content::photo(),
        ])
        .unwrap();
    desk.sim
        .as_user(desk.outsider)
        .in_chat(desk.group)
        .edit(comment, Content::text("edited: password"))
        .unwrap();
    desk.comment(desk.maria, alice, None, Content::text("hi Alice"))
        .await;
    desk.eventually("Maria's comment arrives", || {
        desk.private(alice).find("hi Alice").is_some()
    })
    .await;
    let mut expected = before;
    expected.push("hi Alice".to_owned());
    assert_eq!(received(&desk, alice), expected, "{}", desk.private(alice));
    assert!(
        desk.private(alice)
            .iter()
            .all(|entry| entry.kind == "text" || entry.from == Some(alice)),
        "no photo reached Alice: {}",
        desk.private(alice)
    );
}

#[tokio::test]
async fn someone_posting_as_another_channel_never_reaches_the_customer() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    let root = desk.root(alice).await;
    desk.thread_len(alice, 1).await;
    let own_channel = desk.sim.create_channel("Mallory's channel", desk.outsider);
    desk.sim
        .as_user(desk.outsider)
        .in_chat(desk.group)
        .as_channel(own_channel)
        .reply_to(root)
        .send(Content::text("official support here"))
        .unwrap();
    desk.comment(desk.maria, alice, None, Content::text("the real team"))
        .await;
    desk.eventually("Maria's comment arrives", || {
        desk.private(alice).find("the real team").is_some()
    })
    .await;
    assert!(
        desk.private(alice).find("official support").is_none(),
        "{}",
        desk.private(alice)
    );
}

#[tokio::test]
async fn a_member_who_leaves_the_channel_stops_reaching_customers_at_once() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    desk.comment(desk.maria, alice, None, Content::text("first answer"))
        .await;
    desk.eventually("the first answer arrives", || {
        desk.private(alice).find("first answer").is_some()
    })
    .await;
    desk.sim
        .set_status(desk.channel, desk.maria, MemberStatus::Left)
        .unwrap();
    desk.comment(desk.maria, alice, None, Content::text("after leaving"))
        .await;
    desk.comment(desk.joao, alice, None, Content::text("from joão"))
        .await;
    desk.eventually("João's answer arrives", || {
        desk.private(alice).find("from joão").is_some()
    })
    .await;
    assert!(
        desk.private(alice).find("after leaving").is_none(),
        "{}",
        desk.private(alice)
    );
}

#[tokio::test]
async fn only_the_team_can_use_team_commands() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.say(alice, "/fim");
    let thread = desk.thread_len(alice, 2).await;
    assert_eq!(
        thread[2].text.as_deref(),
        Some("/fim"),
        "a customer's /fim is just a message"
    );
    let root = desk.root(alice).await;
    let hello = thread.find("hello").unwrap().id;
    let mut outsider_commands = Vec::new();
    for (text, reply_to) in [
        ("/fim", root),
        ("/ban", root),
        ("/p 3", root),
        ("/respostas", root),
        ("/resposta stolen", hello),
    ] {
        outsider_commands.push(
            desk.sim
                .as_user(desk.outsider)
                .in_chat(desk.group)
                .reply_to(reply_to)
                .send(Content::text(text))
                .unwrap(),
        );
    }
    let probe = desk.command(desk.maria, alice, "/help").await;
    assert!(probe.contains("/resposta"), "{probe}");
    let text = desk.card_text(alice).await;
    assert!(
        text.contains("Ticket #1") && !text.contains("closed") && !text.contains("banned"),
        "outsiders changed nothing: {text}"
    );
    assert!(!text.contains("high"), "{text}");
    // Each outsider's command got the one answer outsiders get, and nothing else.
    let group = desk.sim.transcript(desk.group);
    let refusals: Vec<_> = group
        .iter()
        .filter(|entry| {
            entry.from == Some(desk.bot.user_id)
                && entry
                    .reply_to
                    .is_some_and(|to| outsider_commands.contains(&to))
        })
        .collect();
    assert_eq!(refusals.len(), outsider_commands.len(), "{group}");
    assert!(
        refusals.iter().all(|entry| entry
            .text
            .as_deref()
            .is_some_and(|text| text.contains("is a team command"))),
        "{group}"
    );
    let list = desk.command(desk.maria, alice, "/respostas").await;
    assert!(!list.contains("stolen"), "{list}");
    let lobby = desk
        .sim
        .as_user(desk.maria)
        .in_chat(desk.group)
        .send(Content::text("/fim"))
        .unwrap();
    assert!(
        desk.answer_to(lobby)
            .await
            .contains("works inside a customer's conversation")
    );
}

#[tokio::test]
async fn inline_queries_from_anyone_outside_the_team_never_see_a_canned_reply() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hi");
    desk.thread_len(alice, 1).await;
    desk.comment_as_canned(
        desk.maria,
        alice,
        "secret discount code: TEAM50",
        "discount",
    )
    .await;
    let answer = |user, query: &'static str, chat| {
        let desk = &desk;
        async move { desk.inline(user, query, chat).await.results }
    };
    // The team sees it: the reply exists and can be found.
    assert_eq!(
        answer(desk.joao, "discount", ChatKind::Supergroup)
            .await
            .len(),
        1
    );
    // A stranger, a customer, a group member outside the channel: nothing, whatever they type.
    let stranger = desk.customer("Eve", "en");
    for (user, chat) in [
        (stranger, ChatKind::Private),
        (alice, ChatKind::Private),
        (desk.outsider, ChatKind::Supergroup),
        (desk.outsider, ChatKind::Group),
    ] {
        for query in ["discount", "", "TEAM50", "%", "*"] {
            assert!(
                answer(user, query, chat).await.is_empty(),
                "{user:?} saw a canned reply for {query:?}"
            );
        }
    }
    // A member who leaves the channel loses access at once.
    desk.sim
        .set_status(desk.channel, desk.joao, MemberStatus::Left)
        .unwrap();
    desk.eventually("the bot learns João left", || {
        desk.sim.pending_updates(&desk.bot) == 0
    })
    .await;
    let mut empty = false;
    for _ in 0..50 {
        if answer(desk.joao, "discount", ChatKind::Supergroup)
            .await
            .is_empty()
        {
            empty = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(empty, "a former member still sees canned replies");
}

#[tokio::test]
async fn people_in_other_groups_reach_no_customer_and_hear_nothing_from_the_bot() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    // Another channel with its own discussion group, both administered by the bot.
    let other_channel = desk.sim.create_channel("Other", desk.owner);
    let other_group = desk.sim.create_supergroup("Other chat", desk.owner);
    desk.sim
        .link_discussion_group(other_channel, other_group)
        .unwrap();
    for chat in [other_channel, other_group] {
        desk.sim
            .promote(chat, desk.bot.user_id, telegram_sim::AdminRights::all())
            .unwrap();
    }
    for person in [desk.maria, desk.outsider] {
        desk.sim.add_member(other_group, person).unwrap();
    }
    let post = desk
        .sim
        .as_user(desk.owner)
        .in_chat(other_channel)
        .send(Content::text(format!("a post naming {}", alice.0)))
        .unwrap();
    desk.eventually("the other post is forwarded", || {
        desk.sim.discussion_copy_of(other_channel, post).is_some()
    })
    .await;
    let other_root = desk.sim.discussion_copy_of(other_channel, post).unwrap();
    // Even a team member's comment elsewhere is not for a customer.
    desk.sim
        .as_user(desk.maria)
        .in_chat(other_group)
        .reply_to(other_root)
        .send(Content::text("a team member elsewhere"))
        .unwrap();
    desk.sim
        .as_user(desk.outsider)
        .in_chat(other_group)
        .reply_to(other_root)
        .send(Content::text("/fim"))
        .unwrap();
    desk.sim
        .as_user(desk.outsider)
        .in_chat(other_group)
        .send(Content::text("/respostas"))
        .unwrap();
    desk.comment(desk.maria, alice, None, Content::text("probe"))
        .await;
    desk.eventually("the probe arrives", || {
        desk.private(alice).find("probe").is_some()
    })
    .await;
    let private = desk.private(alice);
    assert!(private.find("elsewhere").is_none(), "{private}");
    for chat in [other_channel, other_group] {
        assert!(
            desk.sim
                .transcript(chat)
                .iter()
                .all(|entry| entry.from != Some(desk.bot.user_id)),
            "the bot said nothing in a chat it does not serve:\n{}",
            desk.sim.transcript(chat)
        );
    }
    let cards = desk
        .sim
        .transcript(desk.channel)
        .iter()
        .filter(|entry| entry.service.is_none())
        .count();
    assert_eq!(cards, 1, "only Alice has a card");
}

#[tokio::test]
async fn forged_webhook_calls_without_the_secret_never_reach_a_customer() {
    let (desk, url) = Harness::start_webhook("s3cret-token").await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    let root = desk.root(alice).await;
    desk.thread_len(alice, 1).await;
    // A comment in Alice's thread, as if Maria (a team member) wrote it.
    let forged = |update_id: i64, text: &str| {
        let group =
            serde_json::json!({"id": desk.group.0, "type": "supergroup", "title": "Support chat"});
        serde_json::json!({"update_id": update_id, "message": {
            "message_id": 90_000 + update_id, "date": 0, "chat": group,
            "from": {"id": desk.maria.0, "is_bot": false, "first_name": "Maria"},
            "message_thread_id": root.0,
            "reply_to_message": {"message_id": root.0, "date": 0, "chat": group, "text": "card"},
            "text": text,
        }})
    };
    let client = reqwest::Client::new();
    for (update_id, secret) in [
        (1, None),
        (2, Some("wrong")),
        (3, Some("s3cret-toke")),
        (4, Some("s3cret-token-and-more")),
        (5, Some("S3CRET-TOKEN")),
        (6, Some("")),
    ] {
        let mut request = client
            .post(&url)
            .json(&forged(800_000 + update_id, "forged: pay to IBAN XX00"));
        if let Some(secret) = secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        let status = request.send().await.unwrap().status().as_u16();
        assert_eq!(status, 403, "secret {secret:?}");
    }
    desk.comment(desk.maria, alice, None, Content::text("genuine"))
        .await;
    desk.eventually("the genuine comment arrives", || {
        desk.private(alice).find("genuine").is_some()
    })
    .await;
    assert!(
        desk.private(alice).find("forged").is_none(),
        "{}",
        desk.private(alice)
    );
}
