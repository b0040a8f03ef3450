//! Thread -> customer: team comments reach the customer as the bot, with reply context both ways;
//! every kind of message and album goes through; comments sent as the channel count as team. Who
//! may not reach customers is in `access`.

use telegram_sim::{AdminRights, Content, Entity};

use crate::support::{EVERY_KIND, Harness, both_layouts, every_kind_of_message};

#[tokio::test]
async fn team_comments_reach_the_customer_as_the_bot_with_reply_context_both_ways() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    let question = desk.say(alice, "is it shipped?");
    let thread = desk.thread_len(alice, 1).await;
    let copy = thread.find("is it shipped?").unwrap().id;

    desk.comment(
        desk.maria,
        alice,
        Some(copy),
        Content::text("yes, yesterday"),
    )
    .await;
    desk.comment(desk.joao, alice, None, Content::text("tracking: BR123"))
        .await;
    desk.eventually("both answers reach Alice", || {
        desk.private(alice).len() >= 4
    })
    .await;
    let private = desk.private(alice);
    let answer = private.find("yes, yesterday").expect("Maria's answer");
    assert_eq!(answer.from, Some(desk.bot.user_id), "sent as the bot");
    assert_eq!(
        answer.reply_to,
        Some(question),
        "a reply to the customer's own message"
    );
    assert!(
        private
            .find("tracking: BR123")
            .is_some_and(|entry| entry.reply_to.is_none())
    );

    // The customer replies to the team's message: the thread copy replies to the original comment.
    desk.sim
        .as_user(alice)
        .in_private(&desk.bot)
        .reply_to(answer.id)
        .send(Content::text("thanks!"))
        .unwrap();
    let thread = desk.thread_len(alice, 4).await;
    let maria_comment = thread.find("yes, yesterday").unwrap().id;
    assert_eq!(
        thread.find("thanks!").unwrap().reply_to,
        Some(maria_comment)
    );
}

#[tokio::test]
async fn comments_sent_as_the_channel_count_as_team_and_anonymous_admins_follow_the_setting() {
    let desk = Harness::start_with(
        Default::default(),
        &[("THREADESK_ANONYMOUS_ADMINS", "ignore")],
    )
    .await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    let root = desk.root(alice).await;
    desk.thread_len(alice, 1).await;
    desk.sim
        .promote(desk.group, desk.maria, AdminRights::all())
        .unwrap();
    desk.sim
        .as_user(desk.maria)
        .in_chat(desk.group)
        .anonymous_admin()
        .reply_to(root)
        .send(Content::text("anonymous"))
        .unwrap();
    desk.sim
        .as_user(desk.owner)
        .in_chat(desk.group)
        .as_channel(desk.channel)
        .reply_to(root)
        .send(Content::text("as the channel"))
        .unwrap();
    desk.eventually("the channel's comment arrives", || {
        desk.private(alice).find("as the channel").is_some()
    })
    .await;
    assert!(
        desk.private(alice).find("anonymous").is_none(),
        "{}",
        desk.private(alice)
    );
}

both_layouts!(every_kind_of_team_message_reaches_the_customer_as_the_bot);
async fn every_kind_of_team_message_reaches_the_customer_as_the_bot(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "can you show me?");
    desk.thread_len(alice, 1).await;
    let mut sent = vec![Content::text("bold and plain").entities(vec![Entity::bold(0, 4)])];
    sent.extend(every_kind_of_message());
    for content in sent {
        desk.comment(desk.maria, alice, None, content).await;
    }
    let received = || {
        desk.private(alice)
            .iter()
            .filter(|entry| entry.from == Some(desk.bot.user_id) && entry.kind != "text")
            .map(|entry| entry.kind)
            .collect::<Vec<_>>()
    };
    desk.eventually("every kind reaches Alice", || {
        received().len() == EVERY_KIND.len()
    })
    .await;
    assert_eq!(received(), EVERY_KIND, "in order:\n{}", desk.private(alice));
    let private = desk.private(alice);
    let formatted = private.find("bold and plain").unwrap();
    assert_eq!(formatted.entities, vec![Entity::bold(0, 4)]);
    for kind in ["photo", "video", "animation", "document", "audio", "voice"] {
        let caption = format!("the {kind}");
        assert!(
            private
                .find(&caption)
                .is_some_and(|entry| entry.kind == kind && entry.file_id.is_some()),
            "{caption}:\n{private}"
        );
    }

    // A quiz can only be copied by whoever knows its answer: the thread says it did not arrive.
    let quiz = desk
        .comment(
            desk.maria,
            alice,
            None,
            Content::quiz("2 + 2?", &["3", "4"], 1),
        )
        .await;
    let root = desk.root(alice).await;
    desk.eventually("the thread says the quiz was not delivered", || {
        desk.thread_at(root).iter().any(|entry| {
            entry.reply_to == Some(quiz)
                && entry
                    .text
                    .as_deref()
                    .is_some_and(|t| t.contains("Not delivered"))
        })
    })
    .await;
    assert_eq!(received(), EVERY_KIND, "the quiz never reached Alice");
}

/// An album item as the customer sees it: its kind and caption.
type AlbumItem = (&'static str, Option<String>);

both_layouts!(team_albums_reach_the_customer_as_albums);
async fn team_albums_reach_the_customer_as_albums(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let alice = desk.customer("Alice", "en");
    let question = desk.say(alice, "pictures of both sides?");
    let thread = desk.thread_len(alice, 1).await;
    let copy = thread.find("pictures of both sides?").unwrap().id;
    desk.in_thread(desk.maria, alice, Some(copy))
        .await
        .send_album(vec![
            Content::photo().caption("front"),
            Content::video().caption("back"),
        ])
        .unwrap();
    desk.in_thread(desk.maria, alice, None)
        .await
        .send_album(vec![
            Content::document("invoice.pdf").caption("invoice"),
            Content::document("receipt.pdf"),
        ])
        .unwrap();
    desk.in_thread(desk.maria, alice, None)
        .await
        .send_album(vec![Content::audio(), Content::audio().caption("side B")])
        .unwrap();
    let albums = || {
        let mut albums: Vec<(String, Vec<AlbumItem>)> = Vec::new();
        for entry in desk.private(alice).iter() {
            let Some(group) = entry.media_group_id.clone() else {
                continue;
            };
            match albums.last_mut() {
                Some((last, items)) if *last == group => {
                    items.push((entry.kind, entry.text.clone()))
                }
                _ => albums.push((group, vec![(entry.kind, entry.text.clone())])),
            }
        }
        albums
    };
    desk.eventually("three albums reach Alice", || {
        albums().iter().map(|(_, items)| items.len()).sum::<usize>() == 6
    })
    .await;
    let items: Vec<_> = albums().into_iter().map(|(_, items)| items).collect();
    let text = |text: &str| Some(text.to_owned());
    assert_eq!(
        items,
        vec![
            vec![("photo", text("front")), ("video", text("back"))],
            vec![("document", text("invoice")), ("document", None)],
            vec![("audio", None), ("audio", text("side B"))],
        ],
        "{}",
        desk.private(alice)
    );
    let private = desk.private(alice);
    let front = private.find("front").unwrap();
    assert_eq!(
        front.reply_to,
        Some(question),
        "the album answers Alice's question"
    );
    assert_eq!(front.from, Some(desk.bot.user_id));
}
