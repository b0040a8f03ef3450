//! Edits both ways: a customer's edit changes the thread copy, a team member's edit changes the
//! customer's copy; deletions are not propagated either way (Telegram tells bots of none), and
//! replies to a deleted message still arrive.

use telegram_sim::Content;

use crate::support::{Harness, both_layouts};

#[tokio::test]
async fn a_customer_edit_updates_the_copy_in_the_thread() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    let typo = desk.say(alice, "my order is 321");
    desk.thread_len(alice, 1).await;
    desk.sim
        .as_user(alice)
        .in_private(&desk.bot)
        .edit(typo, Content::text("my order is 123"))
        .unwrap();
    desk.eventually("the copy shows the edit", || {
        let thread = desk.sim.thread(
            desk.group,
            desk.sim.thread(desk.group, thread_root(&desk, alice))[0].id,
        );
        thread
            .find("my order is 123")
            .is_some_and(|entry| entry.edited)
    })
    .await;
}

#[tokio::test]
async fn a_caption_edit_follows_and_a_team_edit_reaches_the_customer() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    let photo = desk.send(alice, Content::photo().caption("broken screen"));
    desk.thread_len(alice, 1).await;
    desk.sim
        .as_user(alice)
        .in_private(&desk.bot)
        .edit(photo, Content::photo().caption("broken screen, see corner"))
        .unwrap();
    let root = desk.root(alice).await;
    desk.eventually("the caption is edited", || {
        desk.sim
            .thread(desk.group, root)
            .find("see corner")
            .is_some()
    })
    .await;

    let answer = desk
        .comment(
            desk.maria,
            alice,
            None,
            Content::text("we will send a technican"),
        )
        .await;
    desk.eventually("the answer arrives", || {
        desk.private(alice).find("technican").is_some()
    })
    .await;
    desk.sim
        .as_user(desk.maria)
        .in_chat(desk.group)
        .edit(answer, Content::text("we will send a technician"))
        .unwrap();
    desk.eventually("the customer's copy is edited", || {
        desk.private(alice)
            .find("a technician")
            .is_some_and(|entry| entry.edited)
    })
    .await;
}

#[tokio::test]
async fn deletions_are_not_propagated() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    let regret = desk.say(alice, "something I regret");
    desk.thread_len(alice, 1).await;
    desk.sim
        .as_user(alice)
        .in_private(&desk.bot)
        .delete(regret)
        .unwrap();
    desk.say(alice, "next");
    let thread = desk.thread_len(alice, 2).await;
    assert!(
        thread.find("something I regret").is_some(),
        "the team keeps its record:\n{thread}"
    );
}

both_layouts!(a_comment_the_team_deletes_stays_with_the_customer_and_replies_to_it_arrive);
async fn a_comment_the_team_deletes_stays_with_the_customer_and_replies_to_it_arrive(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "what is the price?");
    desk.thread_len(alice, 1).await;
    let comment = desk
        .comment(desk.maria, alice, None, Content::text("it costs 10"))
        .await;
    desk.eventually("the answer reaches Alice", || {
        desk.private(alice).find("it costs 10").is_some()
    })
    .await;
    // Telegram tells bots nothing about deletions in groups: the customer keeps the message.
    desk.sim
        .as_user(desk.maria)
        .in_chat(desk.group)
        .delete(comment)
        .unwrap();
    let root = desk.root(alice).await;
    assert!(desk.thread_at(root).get_id(comment).is_none());
    let copy = desk.private(alice).find("it costs 10").unwrap().id;
    desk.sim
        .as_user(alice)
        .in_private(&desk.bot)
        .reply_to(copy)
        .send(Content::text("ok, I will take it"))
        .unwrap();
    desk.eventually("the reply lands in the thread", || {
        desk.thread_at(root).find("ok, I will take it").is_some()
    })
    .await;
    desk.comment(desk.maria, alice, None, Content::text("great"))
        .await;
    desk.eventually("the conversation goes on", || {
        desk.private(alice).find("great").is_some()
    })
    .await;
    assert!(
        desk.private(alice).find("it costs 10").is_some(),
        "{}",
        desk.private(alice)
    );
}

fn thread_root(desk: &Harness, customer: telegram_sim::UserId) -> telegram_sim::MessageId {
    let marker = customer.0.to_string();
    let card = desk
        .sim
        .transcript(desk.channel)
        .iter()
        .find(|entry| {
            entry
                .text
                .as_deref()
                .is_some_and(|text| text.contains(&marker))
        })
        .map(|entry| entry.id)
        .expect("the card");
    desk.sim
        .discussion_copy_of(desk.channel, card)
        .expect("the root")
}
