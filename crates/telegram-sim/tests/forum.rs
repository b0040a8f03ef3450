//! Requirement 5 — forum topics: creation and its service message, routing by `message_thread_id`, the
//! General topic, closing, editing, deleting, rights, icon stickers.

use serde_json::json;
use telegram_sim::{
    AdminRights, BotHandle, ChatId, Content, MessageId, Simulator, UserId, UserSpec,
};
use teloxide::prelude::*;
use teloxide::types::{MessageKind, Rgb, ThreadId, UpdateKind};
use teloxide::{ApiError, RequestError};

use crate::support::{client, drain, kinds, messages, raw, start};

struct Forum {
    sim: Simulator,
    handle: BotHandle,
    bot: Bot,
    owner: UserId,
    forum: ChatId,
}

async fn forum() -> Forum {
    let sim = start().await;
    let handle = sim.create_bot("threadesk_bot");
    let owner = sim.create_user(UserSpec::new("Olga"));
    let forum = sim.create_forum("Support forum", owner);
    sim.promote(forum, handle.user_id, AdminRights::all())
        .unwrap();
    let bot = client(&sim, &handle);
    drain(&bot).await;
    Forum {
        sim,
        handle,
        bot,
        owner,
        forum,
    }
}

fn unknown(error: RequestError) -> String {
    match error {
        RequestError::Api(ApiError::Unknown(text)) => text,
        other => panic!("expected an unknown API error, got {other:?}"),
    }
}

#[tokio::test]
async fn creating_a_topic_returns_it_and_its_creation_message_carries_its_id() {
    let f = forum().await;
    let topic = f
        .bot
        .create_forum_topic(f.forum, "Alice · #12")
        .icon_color(Rgb::from_u32(0xFFD67E))
        .await
        .expect("creates");
    assert_eq!(topic.name, "Alice · #12");
    assert_eq!(topic.icon_color, Rgb::from_u32(0xFFD67E));
    let id = MessageId(topic.thread_id.0.0);
    let transcript = f.sim.topic(f.forum, id);
    assert_eq!(transcript[0].id, id);
    assert_eq!(transcript[0].kind, "service");
    let updates = drain(&f.bot).await;
    assert_eq!(
        kinds(&updates),
        ["message"],
        "the bot receives its own topic service messages"
    );
    match &messages(&updates)[0].kind {
        MessageKind::ForumTopicCreated(created) => {
            assert_eq!(created.forum_topic_created.name, "Alice · #12")
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(f.sim.topics(f.forum)[0].icon_color, 0xFFD67E);
    assert_eq!(
        f.sim.transcript(f.forum)[0].service.as_deref(),
        Some("group created"),
        "message 1 is the creation notice"
    );
}

#[tokio::test]
async fn topic_names_and_icon_colours_are_checked() {
    let f = forum().await;
    let (_, body) = raw(
        &f.sim,
        &f.handle.token,
        "createForumTopic",
        json!({"chat_id": f.forum.0, "name": "x", "icon_color": 0x123456}),
    )
    .await;
    assert_eq!(body["error_code"], json!(400));
    let (_, body) = raw(
        &f.sim,
        &f.handle.token,
        "createForumTopic",
        json!({"chat_id": f.forum.0, "name": " "}),
    )
    .await;
    assert_eq!(body["error_code"], json!(400));
    let long = "n".repeat(129);
    let (_, body) = raw(
        &f.sim,
        &f.handle.token,
        "createForumTopic",
        json!({"chat_id": f.forum.0, "name": long}),
    )
    .await;
    assert_eq!(body["error_code"], json!(400));
    let (_, body) = raw(
        &f.sim,
        &f.handle.token,
        "createForumTopic",
        json!({"chat_id": f.forum.0, "name": "n".repeat(128)}),
    )
    .await;
    assert_eq!(body["ok"], json!(true));
}

#[tokio::test]
async fn messages_sent_into_a_topic_carry_it_and_reply_to_its_creation_message() {
    let f = forum().await;
    let maria = f.sim.create_user(UserSpec::new("Maria"));
    f.sim.add_member(f.forum, maria).unwrap();
    let topic = f
        .bot
        .create_forum_topic(f.forum, "Alice")
        .await
        .unwrap()
        .thread_id;
    let id = MessageId(topic.0.0);
    let sent = f
        .bot
        .send_message(f.forum, "hello Alice")
        .message_thread_id(topic)
        .await
        .unwrap();
    assert_eq!(sent.thread_id, Some(topic));
    assert!(sent.is_topic_message);
    assert_eq!(sent.reply_to_message().map(|m| m.id), Some(topic.0));
    drain(&f.bot).await;
    f.sim
        .as_user(maria)
        .in_chat(f.forum)
        .topic(id)
        .send(Content::text("in the topic"))
        .unwrap();
    f.sim
        .as_user(maria)
        .in_chat(f.forum)
        .send(Content::text("in General"))
        .unwrap();
    let received = messages(&drain(&f.bot).await);
    assert_eq!(received[0].thread_id, Some(topic));
    assert!(received[0].is_topic_message);
    assert_eq!(received[0].reply_to_message().map(|m| m.id), Some(topic.0));
    assert_eq!(
        received[1].thread_id, None,
        "General topic messages carry no thread id"
    );
    assert!(!received[1].is_topic_message);
    assert_eq!(
        f.sim.topic(f.forum, id).texts(),
        ["hello Alice", "in the topic"]
    );
}

#[tokio::test]
async fn the_general_topic_and_unknown_or_deleted_topics_are_not_found() {
    let f = forum().await;
    let general = f
        .bot
        .send_message(f.forum, "x")
        .message_thread_id(ThreadId(teloxide::types::MessageId(1)))
        .await
        .expect_err("General");
    assert_eq!(unknown(general), "Bad Request: message thread not found");
    let missing = f
        .bot
        .send_message(f.forum, "x")
        .message_thread_id(ThreadId(teloxide::types::MessageId(77)))
        .await
        .expect_err("unknown");
    assert_eq!(unknown(missing), "Bad Request: message thread not found");
    let topic = f
        .bot
        .create_forum_topic(f.forum, "Gone soon")
        .await
        .unwrap()
        .thread_id;
    f.bot
        .send_message(f.forum, "inside")
        .message_thread_id(topic)
        .await
        .unwrap();
    f.sim
        .delete_topic_by_hand(f.forum, MessageId(topic.0.0))
        .unwrap();
    let deleted = f
        .bot
        .send_message(f.forum, "x")
        .message_thread_id(topic)
        .await
        .expect_err("deleted");
    assert_eq!(unknown(deleted), "Bad Request: message thread not found");
    assert!(
        f.sim.topic(f.forum, MessageId(topic.0.0)).is_empty(),
        "its messages are gone"
    );
    assert!(f.sim.topics(f.forum)[0].deleted);
}

#[tokio::test]
async fn closed_topics_refuse_non_admin_posters_but_not_topic_managers() {
    let f = forum().await;
    let maria = f.sim.create_user(UserSpec::new("Maria"));
    f.sim.add_member(f.forum, maria).unwrap();
    let helper = f.sim.create_bot("helper_bot");
    f.sim.add_member(f.forum, helper.user_id).unwrap();
    let helper_client = client(&f.sim, &helper);
    let topic = f
        .bot
        .create_forum_topic(f.forum, "Alice")
        .await
        .unwrap()
        .thread_id;
    let id = MessageId(topic.0.0);
    f.bot
        .close_forum_topic(f.forum, topic)
        .await
        .expect("closes");
    assert!(f.sim.topics(f.forum)[0].closed);
    let error = f
        .sim
        .as_user(maria)
        .in_chat(f.forum)
        .topic(id)
        .send(Content::text("let me in"))
        .expect_err("closed");
    assert!(error.to_string().contains("closed"), "{error}");
    f.sim
        .as_user(f.owner)
        .in_chat(f.forum)
        .topic(id)
        .send(Content::text("owner may"))
        .expect("admins may");
    f.bot
        .send_message(f.forum, "bot may")
        .message_thread_id(topic)
        .await
        .expect("can_manage_topics");
    let refused = helper_client
        .send_message(f.forum, "x")
        .message_thread_id(topic)
        .await
        .expect_err("closed for it");
    assert_eq!(unknown(refused), "Bad Request: TOPIC_CLOSED");
    let again = f
        .bot
        .close_forum_topic(f.forum, topic)
        .await
        .expect_err("already closed");
    assert_eq!(unknown(again), "Bad Request: TOPIC_NOT_MODIFIED");
    f.bot
        .reopen_forum_topic(f.forum, topic)
        .await
        .expect("reopens");
    f.sim
        .as_user(maria)
        .in_chat(f.forum)
        .topic(id)
        .send(Content::text("thanks"))
        .expect("open again");
    let services: Vec<String> = f
        .sim
        .topic(f.forum, id)
        .iter()
        .filter_map(|entry| entry.service.clone())
        .collect();
    assert_eq!(
        services,
        ["topic created \"Alice\"", "topic closed", "topic reopened"]
    );
    let updates = drain(&f.bot).await;
    let closed = updates.iter().any(|update| matches!(&update.kind, UpdateKind::Message(m) if matches!(m.kind, MessageKind::ForumTopicClosed(_))));
    assert!(closed, "the bot receives its own forum_topic_closed");
}

#[tokio::test]
async fn only_name_and_custom_emoji_icon_of_a_topic_can_be_edited() {
    let f = forum().await;
    let topic = f
        .bot
        .create_forum_topic(f.forum, "Alice")
        .await
        .unwrap()
        .thread_id;
    let stickers = f
        .bot
        .get_forum_topic_icon_stickers()
        .await
        .expect("icon stickers");
    let emoji = stickers[0]
        .custom_emoji_id()
        .expect("custom emoji")
        .to_string();
    f.bot
        .edit_forum_topic(f.forum, topic)
        .name("Alice — VIP")
        .icon_custom_emoji_id(emoji.clone().into())
        .await
        .expect("edits");
    let info = &f.sim.topics(f.forum)[0];
    assert_eq!(info.name, "Alice — VIP");
    assert_eq!(info.icon_custom_emoji_id.as_deref(), Some(emoji.as_str()));
    let unchanged = f
        .bot
        .edit_forum_topic(f.forum, topic)
        .name("Alice — VIP")
        .await
        .expect_err("same name");
    assert_eq!(unknown(unchanged), "Bad Request: TOPIC_NOT_MODIFIED");
    let (_, body) = raw(
        &f.sim,
        &f.handle.token,
        "editForumTopic",
        json!({"chat_id": f.forum.0, "message_thread_id": topic.0 .0, "icon_color": 0x6FB9F0}),
    )
    .await;
    assert_eq!(
        body["description"],
        json!("Bad Request: unknown parameter \"icon_color\"")
    );
    let services: Vec<String> = f
        .sim
        .topic(f.forum, MessageId(topic.0.0))
        .iter()
        .filter_map(|e| e.service.clone())
        .collect();
    assert_eq!(services[1], "topic renamed \"Alice — VIP\"");
}

#[tokio::test]
async fn managing_topics_needs_can_manage_topics_except_for_topics_the_bot_created() {
    let f = forum().await;
    let own = f
        .bot
        .create_forum_topic(f.forum, "Own")
        .await
        .unwrap()
        .thread_id;
    let human = f
        .sim
        .create_topic_by_hand(f.forum, f.owner, "Human")
        .unwrap();
    f.sim
        .promote(
            f.forum,
            f.handle.user_id,
            AdminRights {
                can_manage_topics: false,
                ..AdminRights::all()
            },
        )
        .unwrap();
    let error = f
        .bot
        .create_forum_topic(f.forum, "New")
        .await
        .expect_err("no right");
    assert_eq!(
        unknown(error),
        "Bad Request: not enough rights to create a topic"
    );
    f.bot
        .close_forum_topic(f.forum, own)
        .await
        .expect("own topic");
    f.bot
        .edit_forum_topic(f.forum, own)
        .name("Own, renamed")
        .await
        .expect("own topic");
    let error = f
        .bot
        .close_forum_topic(f.forum, ThreadId(human.into()))
        .await
        .expect_err("not own");
    assert_eq!(
        unknown(error),
        "Bad Request: not enough rights to close or open the topic"
    );
    f.bot
        .delete_forum_topic(f.forum, ThreadId(human.into()))
        .await
        .expect("can_delete_messages");
    assert!(
        f.sim
            .topics(f.forum)
            .iter()
            .any(|topic| topic.id == human && topic.deleted)
    );
    let plain = f.sim.create_supergroup("Plain", f.owner);
    f.sim
        .promote(plain, f.handle.user_id, AdminRights::all())
        .unwrap();
    let error = f
        .bot
        .create_forum_topic(plain, "x")
        .await
        .expect_err("not a forum");
    assert_eq!(unknown(error), "Bad Request: the chat is not a forum");
}
