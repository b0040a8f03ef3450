//! Thread -> customer: team comments reach the customer as the bot, with reply context both ways;
//! comments sent as the channel count as team. Who may not reach customers is in `access`.

use threadesk::sim::{AdminRights, Content};

use crate::support::Harness;

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
