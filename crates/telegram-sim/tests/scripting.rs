//! Requirement 9 — the scripting API: building the world, acting in it, reading back what chats show, and
//! clear errors for impossible actions.

use std::time::Duration;

use serde_json::json;
use telegram_sim::{
    AdminRights, Content, MemberStatus, MessageId, SendOptions, SimError, TELEGRAM_USER, UserSpec,
};
use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, Recipient};

use crate::support::{copy_of, desk, drain, start};

#[tokio::test]
async fn a_transcript_reads_like_the_chat_looks() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let alice = sim.create_user(UserSpec::new("Alice").last_name("Silva"));
    let in_private = sim.as_user(alice).in_private(&desk.bot);
    let hello = in_private.send(Content::text("hello")).unwrap();
    in_private
        .send_with(
            Content::photo().caption("my screen"),
            SendOptions::reply_to(hello),
        )
        .unwrap();
    in_private.edit(hello, Content::text("hello!")).unwrap();
    bot.send_message(alice, "Hi Alice, how can we help?")
        .await
        .unwrap();
    let transcript = sim.private_chat(alice, &desk.bot);
    assert_eq!(transcript.len(), 3);
    assert_eq!(
        transcript.texts(),
        ["hello!", "my screen", "Hi Alice, how can we help?"]
    );
    assert_eq!(
        transcript.find("screen").map(|entry| entry.kind),
        Some("photo")
    );
    assert_eq!(
        transcript.last().and_then(|entry| entry.from),
        Some(desk.bot.user_id)
    );
    assert_eq!(
        transcript.to_string(),
        "#1 Alice Silva: hello! (edited)\n#2 Alice Silva ↩#1: my screen [photo]\n#3 threadesk: Hi Alice, how can we help?\n"
    );
    let post = bot
        .send_message(desk.channel, "Alice Silva · ticket #1")
        .await
        .unwrap();
    let root = copy_of(sim, desk.channel, post.id.into()).await;
    let entry = sim.transcript(desk.group)[0].clone();
    assert_eq!(entry.id, root);
    assert!(entry.is_automatic_forward && entry.pinned);
    assert_eq!(entry.author, "Support");
    assert_eq!(
        entry.forward_origin,
        Some(format!("channel {} #{}", desk.channel, post.id.0))
    );
}

#[tokio::test]
async fn impossible_actions_return_errors_that_say_why() {
    let desk = desk().await;
    let sim = &desk.sim;
    let stranger = sim.create_user(UserSpec::new("Eve"));
    let error = sim
        .as_user(stranger)
        .in_chat(desk.group)
        .send(Content::text("hi"))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("user {stranger} is not a member of chat {}", desk.group)
    );
    let error = sim
        .as_user(stranger)
        .in_chat(desk.channel)
        .send(Content::text("post"))
        .unwrap_err();
    assert!(
        matches!(
            error,
            SimError::MissingRight {
                right: "can_post_messages",
                ..
            }
        ),
        "{error}"
    );
    sim.add_member(desk.group, stranger).unwrap();
    let error = sim
        .as_user(stranger)
        .in_chat(desk.group)
        .reply_to(MessageId(77))
        .send(Content::text("x"))
        .unwrap_err();
    assert!(matches!(error, SimError::UnknownMessage { .. }), "{error}");
    let error = sim
        .as_user(stranger)
        .in_chat(desk.group)
        .anonymous_admin()
        .send(Content::text("x"))
        .unwrap_err();
    assert!(error.to_string().contains("administrator"), "{error}");
    let error = sim
        .as_user(stranger)
        .in_chat(desk.group)
        .send(Content::text("<b>").parse_mode("HTML"))
        .unwrap_err();
    assert!(
        error.to_string().contains("can't parse entities"),
        "{error}"
    );
    let error = sim
        .link_discussion_group(desk.group, desk.channel)
        .unwrap_err();
    assert!(
        matches!(
            error,
            SimError::WrongChatKind {
                expected: "a channel",
                ..
            }
        ),
        "{error}"
    );
    sim.set_status(desk.group, stranger, MemberStatus::Kicked)
        .unwrap();
    assert_eq!(
        sim.member_status(desk.group, stranger),
        MemberStatus::Kicked
    );
    assert!(
        sim.as_user(stranger)
            .in_chat(desk.group)
            .send(Content::text("x"))
            .is_err()
    );
}

#[tokio::test]
async fn command_menus_are_stored_per_scope_and_language() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let private = [
        BotCommand::new("start", "Start"),
        BotCommand::new("help", "Help"),
    ];
    bot.set_my_commands(private.clone())
        .scope(BotCommandScope::AllPrivateChats)
        .await
        .unwrap();
    let team = [
        BotCommand::new("fim", "Encerrar"),
        BotCommand::new("p", "Prioridade"),
    ];
    bot.set_my_commands(team)
        .scope(BotCommandScope::Chat {
            chat_id: Recipient::Id(desk.group.into()),
        })
        .language_code("pt")
        .await
        .unwrap();
    let stored = sim
        .my_commands(&desk.bot, json!({"type": "all_private_chats"}), None)
        .unwrap();
    assert_eq!(
        stored,
        [
            ("start".to_owned(), "Start".to_owned()),
            ("help".to_owned(), "Help".to_owned())
        ]
    );
    let stored = sim
        .my_commands(
            &desk.bot,
            json!({"type": "chat", "chat_id": desk.group.0}),
            Some("pt"),
        )
        .unwrap();
    assert_eq!(stored[0].0, "fim");
    assert_eq!(
        sim.my_commands(
            &desk.bot,
            json!({"type": "chat", "chat_id": desk.group.0}),
            None
        ),
        None
    );
    let read = bot
        .get_my_commands()
        .scope(BotCommandScope::AllPrivateChats)
        .await
        .unwrap();
    assert_eq!(read, private);
    let error = bot
        .set_my_commands([BotCommand::new("Bad Command", "x")])
        .await
        .expect_err("invalid");
    assert!(matches!(error, teloxide::RequestError::Api(_)));
    bot.delete_my_commands()
        .scope(BotCommandScope::AllPrivateChats)
        .await
        .unwrap();
    assert_eq!(
        sim.my_commands(&desk.bot, json!({"type": "all_private_chats"}), None),
        None
    );
}

#[tokio::test]
async fn the_journal_records_calls_with_their_parameters_and_outcomes() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    bot.send_message(desk.group, "logged").await.unwrap();
    let call = sim
        .calls()
        .into_iter()
        .rev()
        .find(|call| call.method == "sendMessage")
        .unwrap();
    assert!(call.ok);
    assert_eq!(call.params["chat_id"], json!(desk.group.0));
    assert_eq!(call.params["text"], json!("logged"));
}

#[tokio::test]
async fn the_message_feed_announces_every_new_message_in_creation_order() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let alice = sim.create_user(UserSpec::new("Alice"));
    let mut feed = sim.watch_messages();
    let before = std::time::Instant::now();
    let hello = sim
        .as_user(alice)
        .in_private(&desk.bot)
        .send(Content::text("hello"))
        .unwrap();
    let post = bot.send_message(desk.channel, "card").await.unwrap();
    let root = copy_of(sim, desk.channel, post.id.into()).await;
    let copy = bot
        .copy_message(desk.group, alice, hello.into())
        .reply_parameters(teloxide::types::ReplyParameters::new(root.into()))
        .await
        .unwrap();

    let mut seen = Vec::new();
    while seen.len() < 4 {
        let message = tokio::time::timeout(Duration::from_secs(3), feed.recv())
            .await
            .expect("announced in time")
            .expect("the feed stays open");
        seen.push(message);
    }
    assert_eq!(seen[0].chat, desk.bot.chat_with(alice));
    assert_eq!((seen[0].id, seen[0].sender), (hello, alice));
    assert_eq!(seen[0].text, "hello");
    assert!(seen[0].at >= before);
    assert_eq!(seen[1].chat, desk.channel.into());
    assert_eq!(seen[1].sender, desk.bot.user_id);
    assert_eq!((seen[2].id, seen[2].sender), (root, TELEGRAM_USER));
    assert_eq!(seen[3].chat, desk.group.into());
    assert_eq!(seen[3].id, MessageId(copy.0));
    assert_eq!(seen[3].thread, Some(root));
    assert_eq!(seen[3].text, "hello");
    assert!(seen.windows(2).all(|pair| pair[0].at <= pair[1].at));
}

#[tokio::test]
async fn wait_until_gives_up_after_its_timeout() {
    let sim = start().await;
    let started = std::time::Instant::now();
    assert!(!sim.wait_until(Duration::from_millis(60), || false).await);
    assert!(started.elapsed() >= Duration::from_millis(60));
}

#[tokio::test]
async fn members_can_be_promoted_restricted_and_removed_by_script_and_by_the_bot() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let maria = sim.create_user(UserSpec::new("Maria"));
    sim.add_member(desk.group, maria).unwrap();
    sim.promote(
        desk.group,
        maria,
        AdminRights {
            can_manage_topics: true,
            ..AdminRights::none()
        },
    )
    .unwrap();
    assert_eq!(
        sim.member_status(desk.group, maria),
        MemberStatus::Administrator
    );
    bot.ban_chat_member(desk.group, maria.into())
        .await
        .expect("bans");
    assert_eq!(sim.member_status(desk.group, maria), MemberStatus::Kicked);
    bot.unban_chat_member(desk.group, maria.into())
        .await
        .expect("unbans");
    assert_eq!(sim.member_status(desk.group, maria), MemberStatus::Left);
    drain(bot).await;
    bot.leave_chat(desk.group).await.expect("leaves");
    assert_eq!(
        sim.member_status(desk.group, desk.bot.user_id),
        MemberStatus::Left
    );
}
