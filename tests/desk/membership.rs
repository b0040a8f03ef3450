//! Membership: a change Telegram reports (`chat_member`) takes effect at once for every use,
//! administrators' notifications included; and a membership check that cannot be made (the bot
//! lost access to the team's chat, Telegram failing) makes the message wait, never makes it an
//! outsider's: it is kept, the thread hears it once, and it goes out in order once checks work.

use std::time::Duration;

use telegram_sim::{
    AdminRights, ChatId, ChatKind, Content, MemberStatus, MessageId, Outage, SimConfig, UserId,
    UserSpec,
};

use crate::support::Harness;

/// The chat whose members are the team: the channel, or the forum.
fn team_chat(desk: &Harness) -> ChatId {
    if desk.forum { desk.group } else { desk.channel }
}

/// Texts the bot sent to a customer's private chat, in order.
fn received(desk: &Harness, customer: UserId) -> Vec<String> {
    desk.private(customer)
        .iter()
        .filter(|entry| entry.from == Some(desk.bot.user_id))
        .filter_map(|entry| entry.text.clone())
        .collect()
}

/// Whether `user`'s private chat with the bot holds a new-ticket notification about `name`.
fn notified_about(desk: &Harness, user: UserId, name: &str) -> bool {
    desk.sim
        .private_chat(user, &desk.bot)
        .iter()
        .filter(|entry| entry.from == Some(desk.bot.user_id))
        .filter_map(|entry| entry.text.as_deref())
        .any(|text| text.contains("Ticket #") && text.contains(name))
}

/// Waits until the bot has listed the administrators once (and stored the list).
async fn admins_listed(desk: &Harness) {
    desk.eventually("the administrators are listed", || {
        desk.sim
            .calls()
            .iter()
            .any(|call| call.method == "getChatAdministrators" && call.ok)
    })
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
}

/// Whether some call of `method` asked for every membership update kind.
fn asked_for_membership_updates(desk: &Harness, method: &str) -> bool {
    desk.sim.calls().iter().any(|call| {
        call.method == method
            && ["chat_member", "my_chat_member"].iter().all(|kind| {
                call.params["allowed_updates"]
                    .as_array()
                    .is_some_and(|kinds| kinds.iter().any(|asked| asked == kind))
            })
    })
}

#[tokio::test]
async fn the_bot_asks_telegram_for_membership_updates_when_polling_and_by_webhook() {
    let polling = Harness::start().await;
    polling
        .eventually("getUpdates asks for chat_member", || {
            asked_for_membership_updates(&polling, "getUpdates")
        })
        .await;
    let (webhook, _url) = Harness::start_webhook("s3cret-token").await;
    webhook
        .eventually("setWebhook asks for chat_member", || {
            asked_for_membership_updates(&webhook, "setWebhook")
        })
        .await;
}

async fn admin_notifications_follow_membership_changes_at_once(forum: bool) {
    let mut desk = if forum {
        Harness::forum_world(SimConfig::default()).await
    } else {
        Harness::world(SimConfig::default()).await
    };
    let team = team_chat(&desk);
    let bea = desk.sim.create_user(UserSpec::new("Bea").username("bea"));
    let eva = desk.sim.create_user(UserSpec::new("Eva").username("eva"));
    let dan = desk.sim.create_user(UserSpec::new("Dan").username("dan"));
    for admin in [bea, eva] {
        desk.sim.add_member(team, admin).unwrap();
        desk.sim.promote(team, admin, AdminRights::all()).unwrap();
    }
    desk.sim.add_member(team, dan).unwrap();
    desk.run();
    admins_listed(&desk).await;
    desk.admin_starts_the_bot(bea).await;
    desk.admin_starts_the_bot(eva).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.eventually("both administrators hear of Alice", || {
        notified_about(&desk, bea, "Alice") && notified_about(&desk, eva, "Alice")
    })
    .await;

    // Bea is demoted and Eva leaves; the very next ticket is no longer theirs to hear about.
    desk.sim
        .set_status(team, bea, MemberStatus::Member)
        .unwrap();
    desk.sim.set_status(team, eva, MemberStatus::Left).unwrap();
    let carol = desk.customer("Carol", "en");
    desk.say(carol, "hello");
    desk.thread_len(carol, 1).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !notified_about(&desk, bea, "Carol"),
        "a demoted administrator still hears of new tickets:\n{}",
        desk.sim.private_chat(bea, &desk.bot)
    );
    assert!(
        !notified_about(&desk, eva, "Carol"),
        "a former administrator still hears of new tickets:\n{}",
        desk.sim.private_chat(eva, &desk.bot)
    );

    // Dan is promoted: he can register at once and hears of the next ticket.
    desk.sim.promote(team, dan, AdminRights::all()).unwrap();
    desk.admin_starts_the_bot(dan).await;
    let zoe = desk.customer("Zoe", "en");
    desk.say(zoe, "hello");
    desk.eventually("the new administrator hears of Zoe", || {
        notified_about(&desk, dan, "Zoe")
    })
    .await;
    assert!(
        desk.sim
            .transcript(if forum { desk.group } else { desk.channel })
            .iter()
            .all(|entry| entry
                .text
                .as_deref()
                .is_none_or(|text| !text.contains("Dan"))),
        "the new administrator's /start opened no ticket"
    );
}

#[tokio::test]
async fn admin_notifications_follow_membership_changes_at_once_in_the_channel_layout() {
    admin_notifications_follow_membership_changes_at_once(false).await;
}

#[tokio::test]
async fn admin_notifications_follow_membership_changes_at_once_in_the_forum_layout() {
    admin_notifications_follow_membership_changes_at_once(true).await;
}

/// The bot's notes in a thread saying that replies wait.
fn waiting_notes(desk: &Harness, root: MessageId) -> usize {
    desk.thread_at(root)
        .iter()
        .filter(|entry| entry.from == Some(desk.bot.user_id))
        .filter(|entry| {
            entry
                .text
                .as_deref()
                .is_some_and(|text| text.contains("sent, in order,"))
        })
        .count()
}

/// The team's replies (texts starting with `rep-`) a customer received, in order.
fn replies(desk: &Harness, customer: UserId) -> Vec<String> {
    received(desk, customer)
        .into_iter()
        .filter(|text| text.starts_with("rep-"))
        .collect()
}

/// Checks, a moment later, that no team reply reached the customer yet.
async fn no_reply_yet(desk: &Harness, customer: UserId) {
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        replies(desk, customer).is_empty(),
        "nothing is sent before its author is checked: {}",
        desk.private(customer)
    );
}

/// Waits until the customer received `expected` replies, and checks they came in that order.
async fn replies_arrive(desk: &Harness, customer: UserId, expected: &[&str]) {
    desk.eventually("the replies reach the customer", || {
        replies(desk, customer).len() >= expected.len()
    })
    .await;
    assert_eq!(replies(desk, customer), expected);
}

/// Alice and Bob, each with a thread; Alice's thread root.
async fn alice_and_bob(desk: &Harness) -> (UserId, UserId, MessageId) {
    let alice = desk.customer("Alice", "en");
    let bob = desk.customer("Bob", "en");
    desk.say(alice, "hello");
    desk.say(bob, "hi");
    desk.thread_len(alice, 1).await;
    desk.thread_len(bob, 1).await;
    (alice, bob, desk.root(alice).await)
}

/// Maria comments `texts` in the customer's thread (root `root`) while their membership
/// cannot be checked; the thread hears once that they wait. Returns the comments' ids.
async fn replies_wait(
    desk: &Harness,
    customer: UserId,
    root: MessageId,
    texts: &[&str],
) -> Vec<MessageId> {
    let mut sent = Vec::new();
    for text in texts {
        sent.push(
            desk.comment(desk.maria, customer, None, Content::text(*text))
                .await,
        );
    }
    desk.eventually("the thread hears that replies wait", || {
        waiting_notes(desk, root) == 1
    })
    .await;
    sent
}

/// `/healthz` as JSON.
async fn health(port: u16) -> (u16, serde_json::Value) {
    let response = reqwest::get(format!("http://127.0.0.1:{port}/healthz"))
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// Waits until `/healthz` names a missing access (or, with `false`, names none).
async fn health_names_missing_access(desk: &Harness, port: u16, missing: bool, chat: ChatId) {
    let mut last = None;
    for _ in 0..100 {
        let (status, body) = health(port).await;
        let problems = body["problems"].to_string();
        let names = problems.contains(&chat.0.to_string());
        if names == missing && (status == 503) == missing {
            return;
        }
        last = Some((status, body));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "health never {} the missing access to {chat:?}: {last:?}\n{}",
        if missing { "named" } else { "stopped naming" },
        desk.sim.transcript(desk.group)
    );
}

async fn a_team_reply_waits_while_the_bot_has_no_access_to_the_channel(status: MemberStatus) {
    let (desk, port) = Harness::start_with_ops(false).await;
    let (alice, bob, root) = alice_and_bob(&desk).await;

    desk.sim
        .set_status(desk.channel, desk.bot.user_id, status)
        .unwrap();
    replies_wait(&desk, alice, root, &["rep-1 first", "rep-2 second"]).await;
    health_names_missing_access(&desk, port, true, desk.channel).await;
    // Later comments in the thread wait behind the first, whoever writes them.
    desk.comment(desk.joao, alice, None, Content::text("rep-3 third"))
        .await;
    // Other customers are not held up.
    desk.say(bob, "still there?");
    desk.thread_len(bob, 2).await;
    no_reply_yet(&desk, alice).await;

    desk.sim
        .promote(desk.channel, desk.bot.user_id, AdminRights::all())
        .unwrap();
    replies_arrive(
        &desk,
        alice,
        &["rep-1 first", "rep-2 second", "rep-3 third"],
    )
    .await;
    desk.comment(desk.maria, alice, None, Content::text("rep-4 fourth"))
        .await;
    desk.eventually("a later reply follows", || {
        received(&desk, alice).last().map(String::as_str) == Some("rep-4 fourth")
    })
    .await;
    assert_eq!(waiting_notes(&desk, root), 1, "{}", desk.thread_at(root));
    health_names_missing_access(&desk, port, false, desk.channel).await;
}

#[tokio::test]
async fn a_team_reply_waits_while_the_bot_is_removed_from_the_channel_and_then_arrives_in_order() {
    a_team_reply_waits_while_the_bot_has_no_access_to_the_channel(MemberStatus::Left).await;
}

#[tokio::test]
async fn a_team_reply_waits_while_the_bot_is_demoted_in_the_channel_and_then_arrives_in_order() {
    a_team_reply_waits_while_the_bot_has_no_access_to_the_channel(MemberStatus::Member).await;
}

#[tokio::test]
async fn a_team_reply_waits_while_the_bot_is_out_of_the_forum_and_then_arrives_in_order() {
    let (desk, port) = Harness::start_with_ops(true).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    let topic = desk.root(alice).await;

    // Telegram delivers the next updates late: by the time the bot reads Maria's reply, it has
    // been removed from the forum.
    desk.sim
        .set_outage("getUpdates", Some(Outage::DroppedConnection));
    desk.eventually("polling fails", || {
        desk.sim
            .calls()
            .iter()
            .any(|call| call.method == "getUpdates" && !call.ok)
    })
    .await;
    desk.comment(desk.maria, alice, None, Content::text("rep-1 first"))
        .await;
    desk.comment(desk.maria, alice, None, Content::text("rep-2 second"))
        .await;
    desk.sim
        .set_status(desk.group, desk.bot.user_id, MemberStatus::Kicked)
        .unwrap();
    desk.sim.set_outage("getUpdates", None);
    health_names_missing_access(&desk, port, true, desk.group).await;
    no_reply_yet(&desk, alice).await;

    desk.sim
        .promote(desk.group, desk.bot.user_id, AdminRights::all())
        .unwrap();
    replies_arrive(&desk, alice, &["rep-1 first", "rep-2 second"]).await;
    desk.eventually("the topic heard once that replies waited", || {
        waiting_notes(&desk, topic) == 1
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(waiting_notes(&desk, topic), 1, "{}", desk.thread_at(topic));
    health_names_missing_access(&desk, port, false, desk.group).await;
}

async fn team_messages_wait_while_telegram_cannot_answer_membership_checks(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let (alice, bob, root) = alice_and_bob(&desk).await;

    desk.sim
        .set_outage("getChatMember", Some(Outage::ServerError));
    let sent = replies_wait(
        &desk,
        alice,
        root,
        &["rep-1 first", "/help", "rep-2 second"],
    )
    .await;
    let help = sent[1];
    desk.say(bob, "still there?");
    desk.thread_len(bob, 2).await;
    // Telegram keeps failing in other ways for a while.
    desk.sim.set_outage(
        "getChatMember",
        Some(Outage::TooManyRequests { retry_after: 1 }),
    );
    tokio::time::sleep(Duration::from_millis(700)).await;
    desk.sim
        .set_outage("getChatMember", Some(Outage::DroppedConnection));
    no_reply_yet(&desk, alice).await;

    desk.sim.set_outage("getChatMember", None);
    replies_arrive(&desk, alice, &["rep-1 first", "rep-2 second"]).await;
    let answer = desk.answer_to(help).await;
    assert!(
        answer.contains("/resposta"),
        "the command is answered: {answer}"
    );
    assert_eq!(waiting_notes(&desk, root), 1, "{}", desk.thread_at(root));
}

#[tokio::test]
async fn team_messages_wait_while_telegram_cannot_answer_membership_checks_in_the_channel_layout() {
    team_messages_wait_while_telegram_cannot_answer_membership_checks(false).await;
}

#[tokio::test]
async fn team_messages_wait_while_telegram_cannot_answer_membership_checks_in_the_forum_layout() {
    team_messages_wait_while_telegram_cannot_answer_membership_checks(true).await;
}

#[tokio::test]
async fn an_inline_query_whose_author_cannot_be_checked_gets_a_visible_answer() {
    let desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hi");
    desk.thread_len(alice, 1).await;
    desk.comment_as_canned(desk.maria, alice, "discount code: TEAM50", "discount")
        .await;
    let ask = |user| desk.inline(user, "discount", ChatKind::Supergroup);

    desk.sim
        .set_outage("getChatMember", Some(Outage::ServerError));
    let answer = ask(desk.joao).await;
    assert!(answer.results.is_empty(), "nothing shown unchecked");
    let button = answer
        .button
        .expect("a button explains why nothing is shown");
    assert!(
        button["text"]
            .as_str()
            .is_some_and(|text| text.contains("check")),
        "{button}"
    );
    assert_eq!(answer.cache_time, Some(0));
    // The button opens the bot's chat; it explains and opens no ticket.
    let parameter = button["start_parameter"].as_str().unwrap().to_owned();
    desk.sim
        .as_user(desk.joao)
        .in_private(&desk.bot)
        .send(Content::text(format!("/start {parameter}")))
        .unwrap();
    desk.eventually("João is told why", || {
        desk.sim
            .private_chat(desk.joao, &desk.bot)
            .iter()
            .any(|entry| {
                entry.from == Some(desk.bot.user_id)
                    && entry
                        .text
                        .as_deref()
                        .is_some_and(|text| text.contains("could not check"))
            })
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let marker = desk.joao.0.to_string();
    assert!(
        desk.sim.transcript(desk.channel).iter().all(|entry| entry
            .text
            .as_deref()
            .is_none_or(|text| !text.contains(&marker))),
        "no ticket for João"
    );

    // Once Telegram answers again (the bot probes with backoff), the team sees it again.
    desk.sim.set_outage("getChatMember", None);
    let mut results = 0;
    for _ in 0..60 {
        results = ask(desk.joao).await.results.len();
        if results == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(results, 1, "checked again: the team sees it");
}
