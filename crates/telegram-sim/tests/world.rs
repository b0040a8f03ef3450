//! Requirement 3 — the world model: chats, membership, rights and what each method requires of them.

use telegram_sim::{AdminRights, Content, MemberStatus, MessageId, UserSpec};
use teloxide::prelude::*;
use teloxide::types::{ChatFullInfoKind, ChatFullInfoPublicKind, ChatMemberKind, ReplyParameters};
use teloxide::{ApiError, RequestError};

use crate::support::{client, desk, start};

#[tokio::test]
async fn get_chat_shows_linked_chats_and_forums_in_a_form_teloxide_parses() {
    let desk = desk().await;
    let forum = desk.sim.create_forum("Forum", desk.owner);
    desk.sim.add_member(forum, desk.bot.user_id).unwrap();
    let channel = desk
        .client
        .get_chat(desk.channel)
        .await
        .expect("getChat(channel)");
    assert!(channel.is_channel());
    assert_eq!(channel.title(), Some("Support"));
    assert_eq!(channel.linked_chat_id(), Some(desk.group.0));
    let group = desk
        .client
        .get_chat(desk.group)
        .await
        .expect("getChat(group)");
    assert!(group.is_supergroup());
    assert_eq!(group.linked_chat_id(), Some(desk.channel.0));
    let forum = desk.client.get_chat(forum).await.expect("getChat(forum)");
    let is_forum = match forum.kind {
        ChatFullInfoKind::Public(public) => {
            matches!(public.kind, ChatFullInfoPublicKind::Supergroup(ref group) if group.is_forum)
        }
        ChatFullInfoKind::Private(_) => false,
    };
    assert!(is_forum);
    assert!(
        desk.channel.0.to_string().starts_with("-100") && desk.channel.0.to_string().len() == 14
    );
}

#[tokio::test]
async fn get_chat_member_reports_every_status_with_its_rights() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let maria = sim.create_user(UserSpec::new("Maria"));
    let bob = sim.create_user(UserSpec::new("Bob"));
    let carl = sim.create_user(UserSpec::new("Carl"));
    let dora = sim.create_user(UserSpec::new("Dora"));
    sim.promote(
        desk.group,
        maria,
        AdminRights {
            can_pin_messages: false,
            ..AdminRights::all()
        },
    )
    .unwrap();
    sim.add_member(desk.group, bob).unwrap();
    sim.set_status(desk.group, carl, MemberStatus::Restricted)
        .unwrap();
    sim.set_status(desk.group, dora, MemberStatus::Kicked)
        .unwrap();
    let stranger = sim.create_user(UserSpec::new("Eve"));
    let status = |member: teloxide::types::ChatMember| member.kind;
    assert!(matches!(
        status(
            bot.get_chat_member(desk.group, desk.owner.into())
                .await
                .unwrap()
        ),
        ChatMemberKind::Owner(_)
    ));
    match status(bot.get_chat_member(desk.group, maria.into()).await.unwrap()) {
        ChatMemberKind::Administrator(admin) => {
            assert!(
                admin.can_manage_topics && admin.can_delete_messages && !admin.can_pin_messages
            );
        }
        other => panic!("expected an administrator, got {other:?}"),
    }
    assert!(matches!(
        status(bot.get_chat_member(desk.group, bob.into()).await.unwrap()),
        ChatMemberKind::Member(_)
    ));
    assert!(matches!(
        status(bot.get_chat_member(desk.group, carl.into()).await.unwrap()),
        ChatMemberKind::Restricted(_)
    ));
    assert!(matches!(
        status(bot.get_chat_member(desk.group, dora.into()).await.unwrap()),
        ChatMemberKind::Banned(_)
    ));
    assert!(matches!(
        status(
            bot.get_chat_member(desk.group, stranger.into())
                .await
                .unwrap()
        ),
        ChatMemberKind::Left
    ));
    match status(
        bot.get_chat_member(desk.channel, desk.bot.user_id.into())
            .await
            .unwrap(),
    ) {
        ChatMemberKind::Administrator(admin) => {
            assert!(admin.can_post_messages && admin.can_edit_messages)
        }
        other => panic!("expected an administrator, got {other:?}"),
    }
    let error = bot
        .get_chat_member(desk.group, teloxide::types::UserId(5))
        .await
        .expect_err("no such user");
    assert!(
        matches!(error, RequestError::Api(ApiError::UserNotFound)),
        "{error:?}"
    );
    let admins = bot.get_chat_administrators(desk.group).await.unwrap();
    assert_eq!(admins.len(), 3, "owner, bot and Maria");
    assert!(admins[0].is_owner());
    assert_eq!(
        bot.get_chat_member_count(desk.group).await.unwrap(),
        5,
        "owner, bot, Maria, Bob, Carl"
    );
}

#[tokio::test]
async fn a_private_chat_exists_once_the_user_wrote_and_its_id_is_the_users() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let alice = sim.create_user(
        UserSpec::new("Alice")
            .last_name("Silva")
            .username("alice")
            .language("pt-br"),
    );
    let error = bot
        .send_message(alice, "hello?")
        .await
        .expect_err("the user never wrote");
    assert!(
        matches!(&error, RequestError::Api(ApiError::Unknown(text)) if text == "Forbidden: bot can't initiate conversation with a user"),
        "{error:?}"
    );
    assert!(matches!(
        bot.get_chat(alice).await,
        Err(RequestError::Api(ApiError::ChatNotFound))
    ));
    sim.as_user(alice)
        .in_private(&handle)
        .send(Content::text("/start"))
        .unwrap();
    let sent = bot.send_message(alice, "hello!").await.expect("now it may");
    assert_eq!(sent.chat.id.0, alice.0 as i64);
    assert_eq!(sent.id.0, 2, "message ids count per chat from 1");
    let chat = bot.get_chat(alice).await.unwrap();
    assert_eq!(chat.first_name(), Some("Alice"));
    assert_eq!(chat.username(), Some("alice"));
}

#[tokio::test]
async fn a_bot_outside_a_chat_is_forbidden_and_a_channel_member_without_rights_needs_them() {
    let sim = start().await;
    let handle = sim.create_bot("any_bot");
    let bot = client(&sim, &handle);
    let owner = sim.create_user(UserSpec::new("Olga"));
    let channel = sim.create_channel("News", owner);
    let group = sim.create_supergroup("Chat", owner);
    let error = bot
        .send_message(channel, "x")
        .await
        .expect_err("not a member");
    assert!(
        matches!(&error, RequestError::Api(ApiError::Unknown(t)) if t == "Forbidden: bot is not a member of the channel chat"),
        "{error:?}"
    );
    let error = bot
        .send_message(group, "x")
        .await
        .expect_err("not a member");
    assert!(
        matches!(&error, RequestError::Api(ApiError::Unknown(t)) if t == "Forbidden: bot is not a member of the supergroup chat"),
        "{error:?}"
    );
    sim.add_member(channel, handle.user_id).unwrap();
    let error = bot
        .send_message(channel, "x")
        .await
        .expect_err("no can_post_messages");
    assert!(
        matches!(
            error,
            RequestError::Api(ApiError::NotEnoughRightsToPostMessages)
        ),
        "{error:?}"
    );
    sim.promote(
        channel,
        handle.user_id,
        AdminRights {
            can_post_messages: true,
            ..AdminRights::none()
        },
    )
    .unwrap();
    bot.send_message(channel, "x").await.expect("may post now");
    sim.set_status(group, handle.user_id, MemberStatus::Kicked)
        .unwrap();
    let error = bot.send_message(group, "x").await.expect_err("kicked");
    assert!(
        matches!(error, RequestError::Api(ApiError::BotKickedFromSupergroup)),
        "{error:?}"
    );
}

#[tokio::test]
async fn pinning_needs_can_edit_messages_in_channels_and_can_pin_messages_in_groups() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let post = bot.send_message(desk.channel, "card").await.unwrap();
    let comment = bot.send_message(desk.group, "note").await.unwrap();
    sim.promote(
        desk.channel,
        desk.bot.user_id,
        AdminRights {
            can_edit_messages: false,
            ..AdminRights::all()
        },
    )
    .unwrap();
    sim.promote(
        desk.group,
        desk.bot.user_id,
        AdminRights {
            can_pin_messages: false,
            ..AdminRights::all()
        },
    )
    .unwrap();
    let error = bot
        .pin_chat_message(desk.channel, post.id)
        .await
        .expect_err("no can_edit_messages");
    assert!(
        matches!(
            error,
            RequestError::Api(ApiError::NotEnoughRightsToManagePins)
        ),
        "{error:?}"
    );
    let error = bot
        .pin_chat_message(desk.group, comment.id)
        .await
        .expect_err("no can_pin_messages");
    assert!(
        matches!(
            error,
            RequestError::Api(ApiError::NotEnoughRightsToPinMessage)
        ),
        "{error:?}"
    );
    sim.promote(desk.channel, desk.bot.user_id, AdminRights::all())
        .unwrap();
    sim.promote(desk.group, desk.bot.user_id, AdminRights::all())
        .unwrap();
    bot.pin_chat_message(desk.channel, post.id)
        .await
        .expect("pins");
    bot.pin_chat_message(desk.group, comment.id)
        .await
        .expect("pins");
    assert!(sim.pinned(desk.channel).contains(&post.id.into()));
    assert!(sim.pinned(desk.group).contains(&comment.id.into()));
}

#[tokio::test]
async fn editing_a_channel_post_needs_posting_rights_for_own_posts_or_can_edit_messages() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let own = bot.send_message(desk.channel, "own").await.unwrap();
    let theirs = sim
        .as_user(desk.owner)
        .in_chat(desk.channel)
        .send(Content::text("theirs"))
        .unwrap();
    sim.promote(
        desk.channel,
        desk.bot.user_id,
        AdminRights {
            can_edit_messages: false,
            ..AdminRights::all()
        },
    )
    .unwrap();
    bot.edit_message_text(desk.channel, own.id, "own, edited")
        .await
        .expect("own post");
    let error = bot
        .edit_message_text(desk.channel, theirs.into(), "hijacked")
        .await
        .expect_err("not own");
    assert!(
        matches!(error, RequestError::Api(ApiError::MessageCantBeEdited)),
        "{error:?}"
    );
    sim.promote(
        desk.channel,
        desk.bot.user_id,
        AdminRights {
            can_post_messages: false,
            ..AdminRights::all()
        },
    )
    .unwrap();
    bot.edit_message_text(desk.channel, theirs.into(), "fixed typo")
        .await
        .expect("can_edit_messages");
    assert_eq!(
        sim.transcript(desk.channel).texts(),
        ["own, edited", "fixed typo"]
    );
}

#[tokio::test]
async fn deleting_someone_elses_message_needs_can_delete_messages() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let maria = sim.create_user(UserSpec::new("Maria"));
    sim.add_member(desk.group, maria).unwrap();
    let hers = sim
        .as_user(maria)
        .in_chat(desk.group)
        .send(Content::text("spam"))
        .unwrap();
    let own = bot.send_message(desk.group, "mine").await.unwrap();
    sim.promote(
        desk.group,
        desk.bot.user_id,
        AdminRights {
            can_delete_messages: false,
            ..AdminRights::all()
        },
    )
    .unwrap();
    let error = bot
        .delete_message(desk.group, hers.into())
        .await
        .expect_err("not allowed");
    assert!(
        matches!(error, RequestError::Api(ApiError::MessageCantBeDeleted)),
        "{error:?}"
    );
    bot.delete_message(desk.group, own.id)
        .await
        .expect("own message");
    sim.promote(desk.group, desk.bot.user_id, AdminRights::all())
        .unwrap();
    bot.delete_message(desk.group, hers.into())
        .await
        .expect("with can_delete_messages");
    assert!(sim.transcript(desk.group).is_empty());
    let error = bot
        .delete_message(desk.group, MessageId(99).into())
        .await
        .expect_err("gone");
    assert!(
        matches!(error, RequestError::Api(ApiError::MessageToDeleteNotFound)),
        "{error:?}"
    );
}

#[tokio::test]
async fn message_ids_increase_per_chat_from_one() {
    let desk = desk().await;
    let bot = &desk.client;
    let first = bot.send_message(desk.group, "one").await.unwrap();
    let second = bot
        .send_message(desk.group, "two")
        .reply_parameters(ReplyParameters::new(first.id))
        .await
        .unwrap();
    let post = bot.send_message(desk.channel, "post").await.unwrap();
    assert_eq!((first.id.0, second.id.0, post.id.0), (1, 2, 1));
    assert_eq!(second.reply_to_message().map(|m| m.id), Some(first.id));
}

#[tokio::test]
async fn a_bot_that_is_not_an_administrator_of_a_channel_cannot_see_its_members() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let maria = sim.create_user(UserSpec::new("Maria"));
    sim.add_member(desk.channel, maria).unwrap();
    assert!(
        bot.get_chat_member(desk.channel, maria.into())
            .await
            .is_ok()
    );
    // Demoted: the bot still learns about itself, not about anyone else.
    sim.set_status(desk.channel, desk.bot.user_id, MemberStatus::Member)
        .unwrap();
    let error = bot
        .get_chat_member(desk.channel, maria.into())
        .await
        .expect_err("the member list is hidden");
    assert!(
        error.to_string().contains("member list is inaccessible"),
        "{error:?}"
    );
    assert!(matches!(
        bot.get_chat_member(desk.channel, desk.bot.user_id.into())
            .await
            .unwrap()
            .kind,
        ChatMemberKind::Member(_)
    ));
    // Removed: nothing at all.
    sim.set_status(desk.channel, desk.bot.user_id, MemberStatus::Left)
        .unwrap();
    let error = bot
        .get_chat_member(desk.channel, maria.into())
        .await
        .expect_err("not a member any more");
    assert!(
        error
            .to_string()
            .contains("bot is not a member of the channel chat"),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_bots_private_chats_share_one_message_count_while_channels_and_groups_count_their_own() {
    let desk = desk().await;
    let (sim, bot) = (&desk.sim, &desk.client);
    let alice = sim.create_user(UserSpec::new("Alice"));
    let bob = sim.create_user(UserSpec::new("Bob"));
    let from_alice = sim
        .as_user(alice)
        .in_private(&desk.bot)
        .send(Content::text("hi"))
        .unwrap();
    let from_bob = sim
        .as_user(bob)
        .in_private(&desk.bot)
        .send(Content::text("hello"))
        .unwrap();
    let to_alice = bot.send_message(alice, "Hi Alice").await.unwrap();
    assert_eq!(
        (from_alice, from_bob, to_alice.id.into()),
        (MessageId(1), MessageId(2), MessageId(3)),
        "one count across the bot's private chats"
    );
    // Each private chat finds its own messages by id and no one else's.
    let reply = bot
        .send_message(bob, "Hi Bob")
        .reply_parameters(ReplyParameters::new(from_bob.into()))
        .await
        .unwrap();
    assert_eq!(MessageId(4), reply.id);
    let crossed = bot
        .send_message(bob, "?")
        .reply_parameters(ReplyParameters::new(from_alice.into()))
        .await;
    assert!(
        matches!(
            crossed,
            Err(RequestError::Api(ApiError::MessageToReplyNotFound))
        ),
        "{crossed:?}"
    );
    assert_eq!(
        sim.private_chat(alice, &desk.bot)
            .iter()
            .map(|entry| entry.id)
            .collect::<Vec<_>>(),
        [MessageId(1), MessageId(3)]
    );
    // Another bot has a message box of its own.
    let other = sim.create_bot("other_bot");
    let to_other = sim
        .as_user(alice)
        .in_private(&other)
        .send(Content::text("hi"))
        .unwrap();
    assert_eq!(to_other, MessageId(1));
    // Channels and supergroups count from 1 each, so their ids collide.
    let elsewhere = sim.create_supergroup("Elsewhere", desk.owner);
    sim.add_member(elsewhere, desk.bot.user_id).unwrap();
    let post = bot.send_message(desk.channel, "post").await.unwrap();
    let note = bot.send_message(elsewhere, "note").await.unwrap();
    assert_eq!((post.id.0, note.id.0), (1, 1));
}
