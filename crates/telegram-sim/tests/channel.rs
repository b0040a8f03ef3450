//! Requirement 4 — channel mechanics: automatic forwards as thread roots, comment threads, who sees what,
//! privacy mode, edits, pins and the different kinds of commenters.

use std::time::Duration;

use telegram_sim::spec::Spec;
use telegram_sim::{
    AdminRights, CHANNEL_BOT, ChatKind, Content, GROUP_ANONYMOUS_BOT, MessageId, SimConfig,
    TELEGRAM_USER, UserSpec,
};
use teloxide::prelude::*;
use teloxide::types::{
    InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResult, InlineQueryResultArticle,
    InputMessageContent, InputMessageContentText, MessageOrigin, ReplyParameters, UpdateKind,
};
use teloxide::{ApiError, RequestError};

use crate::support::{WAIT, client, copy_of, desk, desk_with, drain, kinds, messages};

#[tokio::test]
async fn a_channel_post_is_forwarded_to_the_discussion_group_after_the_configured_delay() {
    let config = SimConfig {
        auto_forward_delay: Duration::from_millis(300),
        ..SimConfig::default()
    };
    let desk = desk_with(config).await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let post = bot
        .send_message(desk.channel, "Ticket #1 — Alice")
        .await
        .expect("posts");
    assert_eq!(
        post.sender_chat.as_ref().map(|chat| chat.id),
        Some(desk.channel.into())
    );
    assert!(
        sim.transcript(desk.group).is_empty(),
        "not before the delay"
    );
    let copy = copy_of(sim, desk.channel, post.id.into()).await;

    let json = sim.message_json(desk.group, copy).expect("the copy exists");
    Spec::get()
        .check_value("Message", &json)
        .expect("a valid Message");
    let updates = drain(bot).await;
    assert_eq!(
        kinds(&updates),
        ["message"],
        "no channel_post for the bot's own post, but the copy arrives"
    );
    let root = &messages(&updates)[0];
    assert_eq!(root.id, copy.into());
    assert!(root.is_automatic_forward());
    assert_eq!(
        root.from.as_ref().map(|user| user.id),
        Some(TELEGRAM_USER.into())
    );
    assert!(root.from.as_ref().is_some_and(|user| user.id.is_telegram()));
    assert_eq!(
        root.sender_chat.as_ref().map(|chat| chat.id),
        Some(desk.channel.into())
    );
    assert_eq!(root.text(), Some("Ticket #1 — Alice"));
    match root.forward_origin() {
        Some(MessageOrigin::Channel {
            chat, message_id, ..
        }) => {
            assert_eq!(desk.channel, chat.id);
            assert_eq!(*message_id, post.id);
        }
        other => panic!("expected a channel origin, got {other:?}"),
    }
}

#[tokio::test]
async fn replies_to_the_root_or_to_its_comments_belong_to_the_thread() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let maria = sim.create_user(UserSpec::new("Maria"));
    let joao = sim.create_user(UserSpec::new("João"));
    sim.add_member(desk.group, maria).unwrap();
    sim.add_member(desk.group, joao).unwrap();
    let post = bot.send_message(desk.channel, "card").await.unwrap();
    let root = copy_of(sim, desk.channel, post.id.into()).await;
    drain(bot).await;
    let first = sim
        .as_user(maria)
        .in_chat(desk.group)
        .reply_to(root)
        .send(Content::text("on it"))
        .unwrap();
    let second = sim
        .as_user(joao)
        .in_chat(desk.group)
        .reply_to(first)
        .send(Content::text("thanks"))
        .unwrap();
    let unrelated = sim
        .as_user(joao)
        .in_chat(desk.group)
        .send(Content::text("lunch?"))
        .unwrap();

    let updates = messages(&drain(bot).await);
    assert_eq!(
        updates.len(),
        3,
        "the bot administers the group, so it sees everything"
    );
    assert_eq!(updates[0].thread_id.map(|t| t.0), Some(root.into()));
    assert_eq!(
        updates[0].reply_to_message().map(|m| m.id),
        Some(root.into())
    );
    assert!(!updates[0].is_topic_message);
    assert_eq!(updates[1].thread_id.map(|t| t.0), Some(root.into()));
    assert_eq!(
        updates[1].reply_to_message().map(|m| m.id),
        Some(first.into())
    );
    assert_eq!(updates[2].thread_id, None);
    let thread = sim.thread(desk.group, root);
    assert_eq!(thread.texts(), ["card", "on it", "thanks"]);
    assert!(thread.iter().all(|entry| entry.id != unrelated));

    // The bot comments in the thread by replying; message_thread_id alone is ignored outside forums.
    let reply = bot
        .send_message(desk.group, "hello from the desk")
        .reply_parameters(ReplyParameters::new(second.into()))
        .await
        .unwrap();
    assert_eq!(reply.thread_id.map(|t| t.0), Some(root.into()));
    let stray = bot
        .send_message(desk.group, "lost")
        .message_thread_id(root.into())
        .await
        .unwrap();
    assert_eq!(stray.thread_id, None);
    assert!(stray.reply_to_message().is_none());
    assert_eq!(
        sim.thread(desk.group, root).texts(),
        ["card", "on it", "thanks", "hello from the desk"]
    );
}

#[tokio::test]
async fn replying_to_a_missing_message_fails_unless_sending_without_reply_is_allowed() {
    let desk = desk().await;
    let bot = &desk.client;
    let error = bot
        .send_message(desk.group, "x")
        .reply_parameters(ReplyParameters::new(teloxide::types::MessageId(42)))
        .await
        .expect_err("no message 42");
    assert!(
        matches!(error, RequestError::Api(ApiError::MessageToReplyNotFound)),
        "{error:?}"
    );
    let sent = bot
        .send_message(desk.group, "x")
        .reply_parameters(
            ReplyParameters::new(teloxide::types::MessageId(42)).allow_sending_without_reply(),
        )
        .await
        .expect("allowed");
    assert!(sent.reply_to_message().is_none());
}

#[tokio::test]
async fn bots_see_neither_their_own_group_messages_nor_other_bots_messages() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let other = sim.create_bot("other_bot");
    sim.promote(desk.group, other.user_id, AdminRights::all())
        .unwrap();
    let other_client = client(sim, &other);
    drain(&other_client).await;
    bot.send_message(desk.group, "from threadesk")
        .await
        .unwrap();
    other_client
        .send_message(desk.group, "from other")
        .await
        .unwrap();
    let maria = sim.create_user(UserSpec::new("Maria"));
    sim.add_member(desk.group, maria).unwrap();
    sim.as_user(maria)
        .in_chat(desk.group)
        .send(Content::text("from a person"))
        .unwrap();
    let seen: Vec<String> = messages(&drain(bot).await)
        .iter()
        .filter_map(|m| m.text().map(str::to_owned))
        .collect();
    assert_eq!(seen, ["from a person"]);
    let seen: Vec<String> = messages(&drain(&other_client).await)
        .iter()
        .filter_map(|m| m.text().map(str::to_owned))
        .collect();
    assert_eq!(seen, ["from a person"]);
}

#[tokio::test]
async fn privacy_mode_limits_what_a_non_admin_bot_sees_in_groups() {
    let desk = desk().await;
    let sim = &desk.sim;
    let helper = sim.create_bot("helper_bot");
    sim.set_inline_mode(&helper, true);
    sim.add_member(desk.group, helper.user_id).unwrap();
    let helper_client = client(sim, &helper);
    let maria = sim.create_user(UserSpec::new("Maria"));
    sim.promote(desk.group, maria, AdminRights::all()).unwrap();
    drain(&helper_client).await;
    let own = helper_client
        .send_message(desk.group, "I am here")
        .await
        .unwrap();
    let in_group = sim.as_user(maria).in_chat(desk.group);
    in_group.send(Content::text("plain chatter")).unwrap();
    in_group.send(Content::text("/status")).unwrap();
    in_group.send(Content::text("/status@helper_bot")).unwrap();
    in_group
        .send(Content::text("/status@threadesk_bot"))
        .unwrap();
    in_group
        .clone()
        .reply_to(own.id.into())
        .send(Content::text("answering the bot"))
        .unwrap();
    let chatter = in_group.send(Content::text("pin me")).unwrap();
    in_group.pin(chatter).unwrap();
    let query = sim
        .as_user(maria)
        .inline_query(&helper, "faq", ChatKind::Supergroup)
        .unwrap();
    let faq = InputMessageContent::Text(InputMessageContentText::new("FAQ answer"));
    let article = InlineQueryResult::Article(InlineQueryResultArticle::new("faq", "FAQ", faq));
    helper_client
        .answer_inline_query(teloxide::types::InlineQueryId(query.0.clone()), [article])
        .await
        .unwrap();
    in_group.choose_inline_result(&query, "faq").unwrap();
    let seen: Vec<String> = messages(&drain(&helper_client).await)
        .iter()
        .map(|m| m.text().map_or_else(|| "<pin>".to_owned(), str::to_owned))
        .collect();
    assert_eq!(
        seen,
        [
            "/status",
            "/status@helper_bot",
            "answering the bot",
            "<pin>",
            "FAQ answer"
        ]
    );

    sim.set_privacy_mode(&helper, false);
    in_group.send(Content::text("now everything")).unwrap();
    assert_eq!(messages(&drain(&helper_client).await).len(), 1);
    sim.set_privacy_mode(&helper, true);
    sim.promote(desk.group, helper.user_id, AdminRights::all())
        .unwrap();
    in_group
        .send(Content::text("admins see everything"))
        .unwrap();
    assert_eq!(messages(&drain(&helper_client).await).len(), 1);
}

#[tokio::test]
async fn a_post_with_an_inline_keyboard_gets_no_discussion_copy() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let keyboard = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Close", "close")]]);
    let with_buttons = bot
        .send_message(desk.channel, "card with buttons")
        .reply_markup(keyboard)
        .await
        .unwrap();
    let plain = bot.send_message(desk.channel, "plain card").await.unwrap();
    copy_of(sim, desk.channel, plain.id.into()).await;
    assert_eq!(
        sim.discussion_copy_of(desk.channel, with_buttons.id.into()),
        None
    );
    assert_eq!(sim.transcript(desk.group).texts(), ["plain card"]);
}

#[tokio::test]
async fn editing_a_channel_post_updates_its_discussion_copy() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let post = bot.send_message(desk.channel, "🟢 open").await.unwrap();
    let copy = copy_of(sim, desk.channel, post.id.into()).await;
    drain(bot).await;
    let edited = bot
        .edit_message_text(desk.channel, post.id, "🔴 closed")
        .await
        .expect("edits");
    assert!(edited.edit_date().is_some());
    let updates = drain(bot).await;
    assert_eq!(kinds(&updates), ["edited_message"]);
    match &updates[0].kind {
        UpdateKind::EditedMessage(message) => {
            assert_eq!(message.id, copy.into());
            assert_eq!(message.text(), Some("🔴 closed"));
        }
        other => panic!("unexpected {other:?}"),
    }
    let thread = sim.thread(desk.group, copy);
    assert_eq!(thread[0].text.as_deref(), Some("🔴 closed"));
    assert!(thread[0].edited);
    let error = bot
        .edit_message_text(desk.channel, post.id, "🔴 closed")
        .await
        .expect_err("unchanged");
    assert!(
        matches!(error, RequestError::Api(ApiError::MessageNotModified)),
        "{error:?}"
    );
}

#[tokio::test]
async fn pins_in_a_channel_post_a_service_message_that_admin_bots_receive() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let other = sim.create_bot("other_bot");
    sim.promote(desk.channel, other.user_id, AdminRights::all())
        .unwrap();
    let other_client = client(sim, &other);
    let post = bot.send_message(desk.channel, "card").await.unwrap();
    copy_of(sim, desk.channel, post.id.into()).await;
    drain(bot).await;
    drain(&other_client).await;
    bot.pin_chat_message(desk.channel, post.id)
        .await
        .expect("pins");
    assert_eq!(sim.pinned(desk.channel), [MessageId::from(post.id)]);
    for client in [bot, &other_client] {
        let updates = drain(client).await;
        assert_eq!(kinds(&updates), ["channel_post"]);
        match &updates[0].kind {
            UpdateKind::ChannelPost(notice) => {
                assert_eq!(notice.pinned_message().map(|m| m.id()), Some(post.id))
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    bot.unpin_chat_message(desk.channel)
        .message_id(post.id)
        .await
        .expect("unpins");
    assert!(sim.pinned(desk.channel).is_empty());
    assert!(drain(bot).await.is_empty(), "unpinning posts nothing");
}

#[tokio::test]
async fn automatic_forwards_are_pinned_in_the_group_unless_configured_otherwise() {
    let desk = desk().await;
    let post = desk
        .client
        .send_message(desk.channel, "card")
        .await
        .unwrap();
    let copy = copy_of(&desk.sim, desk.channel, post.id.into()).await;
    assert_eq!(desk.sim.pinned(desk.group), [copy]);
    let quiet = desk_with(SimConfig {
        auto_pin_automatic_forwards: false,
        ..SimConfig::default()
    })
    .await;
    let post = quiet
        .client
        .send_message(quiet.channel, "card")
        .await
        .unwrap();
    copy_of(&quiet.sim, quiet.channel, post.id.into()).await;
    assert!(quiet.sim.pinned(quiet.group).is_empty());
}

#[tokio::test]
async fn a_person_posting_in_the_channel_reaches_admin_bots_as_a_channel_post() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let post = sim
        .as_user(desk.owner)
        .in_chat(desk.channel)
        .send(Content::text("announcement"))
        .unwrap();
    assert!(
        sim.wait_until(WAIT, || sim
            .discussion_copy_of(desk.channel, post)
            .is_some())
            .await
    );
    let updates = drain(bot).await;
    assert_eq!(kinds(&updates), ["channel_post", "message"]);
}

#[tokio::test]
async fn members_non_members_anonymous_admins_and_the_channel_itself_can_comment() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let member = sim.create_user(UserSpec::new("Maria"));
    sim.add_member(desk.channel, member).unwrap();
    sim.add_member(desk.group, member).unwrap();
    let outsider = sim.create_user(UserSpec::new("Xavier"));
    let admin = sim.create_user(UserSpec::new("Ana"));
    sim.promote(desk.group, admin, AdminRights::all()).unwrap();
    sim.set_custom_title(desk.group, admin, "Support lead")
        .unwrap();
    let post = bot.send_message(desk.channel, "card").await.unwrap();
    let root = copy_of(sim, desk.channel, post.id.into()).await;
    drain(bot).await;
    sim.as_user(member)
        .in_chat(desk.group)
        .reply_to(root)
        .send(Content::text("member"))
        .unwrap();
    sim.as_user(outsider)
        .in_chat(desk.group)
        .reply_to(root)
        .send(Content::text("outsider"))
        .unwrap();
    sim.as_user(admin)
        .in_chat(desk.group)
        .anonymous_admin()
        .reply_to(root)
        .send(Content::text("anonymous"))
        .unwrap();
    sim.as_user(desk.owner)
        .in_chat(desk.group)
        .as_channel(desk.channel)
        .reply_to(root)
        .send(Content::text("as the channel"))
        .unwrap();
    let error = sim
        .as_user(outsider)
        .in_chat(desk.group)
        .as_channel(desk.channel)
        .reply_to(root)
        .send(Content::text("x"));
    assert!(
        error.is_err(),
        "only channel admins may speak as the channel"
    );

    let comments = messages(&drain(bot).await);
    assert_eq!(comments.len(), 4);
    assert!(
        comments
            .iter()
            .all(|comment| comment.thread_id.map(|t| t.0) == Some(root.into()))
    );
    assert_eq!(comments[0].from.as_ref().map(|u| u.id), Some(member.into()));
    assert_eq!(
        comments[1].from.as_ref().map(|u| u.id),
        Some(outsider.into())
    );
    let anonymous = &comments[2];
    assert_eq!(
        anonymous.sender_chat.as_ref().map(|c| c.id),
        Some(desk.group.into())
    );
    assert_eq!(
        anonymous.from.as_ref().map(|u| u.id),
        Some(GROUP_ANONYMOUS_BOT.into())
    );
    assert!(anonymous.from.as_ref().is_some_and(|u| u.id.is_anonymous()));
    assert_eq!(anonymous.author_signature(), Some("Support lead"));
    let as_channel = &comments[3];
    assert_eq!(
        as_channel.sender_chat.as_ref().map(|c| c.id),
        Some(desk.channel.into())
    );
    assert_eq!(
        as_channel.from.as_ref().map(|u| u.id),
        Some(CHANNEL_BOT.into())
    );
    assert!(as_channel.from.as_ref().is_some_and(|u| u.id.is_channel()));
    assert!(!as_channel.is_automatic_forward());
}

#[tokio::test]
async fn a_person_editing_a_channel_post_sends_edited_channel_post_and_updates_the_copy() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let post = sim
        .as_user(desk.owner)
        .in_chat(desk.channel)
        .send(Content::text("draft"))
        .unwrap();
    let copy = copy_of(sim, desk.channel, post).await;
    drain(bot).await;
    sim.as_user(desk.owner)
        .in_chat(desk.channel)
        .edit(post, Content::text("final"))
        .unwrap();
    let updates = drain(bot).await;
    assert_eq!(kinds(&updates), ["edited_channel_post", "edited_message"]);
    match &updates[0].kind {
        UpdateKind::EditedChannelPost(edited) => assert_eq!(edited.text(), Some("final")),
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(
        sim.thread(desk.group, copy)[0].text.as_deref(),
        Some("final")
    );
}
