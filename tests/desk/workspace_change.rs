//! The team moves to another channel or forum on the same data directory: a start with another
//! workspace is refused unless asked for, and once moved every message still lands only with
//! its own customer (message ids of a new chat repeat the old chat's ids).

use telegram_sim::{Content, UserId};
use tokio_util::sync::CancellationToken;

use crate::support::{Harness, WAIT};

const NAMES: [&str; 3] = ["Ana", "Bruno", "Carla"];

/// Each customer in turn writes, and Maria answers in their thread; waits until both arrived.
async fn converse(desk: &Harness, customers: &[UserId], round: u32) {
    for (customer, name) in customers.iter().zip(NAMES) {
        let question = format!("{name} asks, round {round}");
        desk.say(*customer, &question);
        let root = desk.root(*customer).await;
        desk.eventually(&format!("{question} in the thread"), || {
            desk.thread_at(root).find(&question).is_some()
        })
        .await;
        let answer = format!("answer for {name}, round {round}");
        desk.comment(desk.maria, *customer, None, Content::text(&answer))
            .await;
        desk.eventually(&format!("{answer} reaches {name}"), || {
            desk.private(*customer).find(&answer).is_some()
        })
        .await;
    }
}

/// Every message in each customer's private chat and current thread is theirs.
async fn assert_isolated(desk: &Harness, customers: &[UserId]) {
    for (customer, name) in customers.iter().zip(NAMES) {
        let private = desk.private(*customer);
        for other in NAMES.iter().filter(|other| **other != name) {
            assert!(
                private.iter().all(|entry| entry
                    .text
                    .as_deref()
                    .is_none_or(|text| !text.contains(other))),
                "{name}'s chat shows another customer's message:\n{private}"
            );
        }
        let thread = desk.thread_at(desk.root(*customer).await);
        for other in NAMES.iter().filter(|other| **other != name) {
            assert!(
                thread.iter().all(|entry| entry
                    .text
                    .as_deref()
                    .is_none_or(|text| !text.contains(&format!("{other} asks"))
                        && !text.contains(&format!("answer for {other}")))),
                "{name}'s thread shows another customer's message:\n{thread}"
            );
        }
    }
}

/// The texts of a chat, to compare before and after.
fn texts(desk: &Harness, chat: telegram_sim::ChatId) -> Vec<String> {
    desk.sim
        .transcript(chat)
        .iter()
        .map(|entry| entry.text.clone().unwrap_or_default())
        .collect()
}

async fn move_and_check(to_forum: bool) {
    let mut desk = Harness::start().await;
    let customers: Vec<UserId> = NAMES.iter().map(|name| desk.customer(name, "en")).collect();
    converse(&desk, &customers, 1).await;
    desk.stop().await;
    let (old_channel, old_group) = (desk.channel, desk.group);
    let old_cards = texts(&desk, old_channel);
    let old_threads = texts(&desk, old_group);

    if to_forum {
        desk.use_new_forum();
    } else {
        desk.use_new_channel();
    }
    // Without the explicit choice the bot refuses to start, naming both workspaces.
    let refused = tokio::time::timeout(
        WAIT,
        threadesk::app::run(desk.config(), CancellationToken::new()),
    )
    .await
    .expect("the bot refuses to start instead of running")
    .expect_err("another workspace is refused");
    let message = format!("{refused:#}");
    assert!(
        message.contains(&format!("channel {}", old_channel.0))
            && message.contains(&desk.group.0.to_string())
            && message.contains("--new-workspace"),
        "{message}"
    );

    // The doctor says the same, and blocks.
    let report = threadesk::ops::doctor::run(&desk.config()).await;
    assert!(report.is_blocking(), "{report}");
    assert!(report.to_string().contains("--new-workspace"), "{report}");

    desk.settings
        .insert("THREADESK_NEW_WORKSPACE".into(), "1".into());
    desk.run();
    converse(&desk, &customers, 2).await;
    assert_isolated(&desk, &customers).await;
    for customer in &customers {
        let thread = desk.thread_at(desk.root(*customer).await);
        assert!(
            thread.iter().any(|entry| entry
                .text
                .as_deref()
                .is_some_and(|text| text.contains("earlier history")
                    && text.contains(&old_group.0.to_string()))),
            "the new thread says where the earlier history is:\n{thread}"
        );
        assert!(
            thread.find("round 1").is_none(),
            "the old history stays where it was:\n{thread}"
        );
    }
    // Nothing in the old workspace changed: no card rewritten, no message copied there.
    assert_eq!(texts(&desk, old_channel), old_cards);
    assert_eq!(texts(&desk, old_group), old_threads);

    // A later restart is an ordinary one: the data directory now belongs to the new workspace.
    desk.stop().await;
    desk.settings.remove("THREADESK_NEW_WORKSPACE");
    desk.run();
    converse(&desk, &customers, 3).await;
    assert_isolated(&desk, &customers).await;
}

#[tokio::test]
async fn moving_to_another_channel_keeps_every_message_with_its_customer() {
    move_and_check(false).await;
}

#[tokio::test]
async fn moving_from_a_channel_to_a_forum_keeps_every_message_with_its_customer() {
    move_and_check(true).await;
}

/// Rewrites a stopped bot's data directory the way version 1 (3bc8a93) stored it: no workspace
/// record, customers' cards and the thread and post indexes with bare message ids, message
/// links keyed without their chat, queued effects without a workspace. (The byte layouts are
/// checked against records printed by that version in `pipeline::workspace`'s unit tests.)
fn write_as_version_1(data: &std::path::Path) {
    use serde::Serialize;
    use threadesk::domain::{Ban, Customer, MessageId, Reachability, TicketNumber, Timestamp};
    use threadesk::pipeline::outbox::OutboxItem;
    use threadesk::storage::{Store, TreeName, codec};

    #[derive(Serialize)]
    struct CardV1 {
        post: Option<MessageId>,
        root: Option<MessageId>,
        attempts: u32,
        outdated: bool,
        recreated: bool,
    }
    #[derive(Serialize)]
    struct CustomerV1 {
        id: threadesk::domain::UserId,
        first_name: String,
        last_name: Option<String>,
        username: Option<String>,
        language: Option<String>,
        first_seen: Timestamp,
        card: CardV1,
        ticket: TicketNumber,
        reachability: Reachability,
        ban: Option<Ban>,
    }
    #[derive(Serialize)]
    struct OutboxItemV1 {
        effect: threadesk::desk::Effect,
        enqueued_at: Timestamp,
    }
    fn version_1(record: &impl Serialize) -> Vec<u8> {
        let mut bytes = vec![1];
        bytes.extend(bincode::serde::encode_to_vec(record, bincode::config::standard()).unwrap());
        bytes
    }

    let store = Store::open(data, 8 * 1024 * 1024).expect("the data directory opens");
    store.remove(TreeName::Meta, b"workspace").unwrap();
    for entry in store.iter(TreeName::Customers).collect::<Vec<_>>() {
        let (key, value) = entry.unwrap();
        let customer: Customer = codec::decode(&value).unwrap();
        let old = CustomerV1 {
            id: customer.id,
            first_name: customer.first_name,
            last_name: customer.last_name,
            username: customer.username,
            language: customer.language,
            first_seen: customer.first_seen,
            card: CardV1 {
                post: customer.card.post,
                root: customer.card.root,
                attempts: customer.card.attempts,
                outdated: customer.card.outdated,
                recreated: customer.card.recreated,
            },
            ticket: customer.ticket,
            reachability: customer.reachability,
            ban: customer.ban,
        };
        store
            .insert(TreeName::Customers, &key, &version_1(&old))
            .unwrap();
    }
    // Keys of the current layout: a tag, a chat (8 bytes) and a message id (4 bytes).
    for entry in store.iter(TreeName::Index).collect::<Vec<_>>() {
        let (key, value) = entry.unwrap();
        let tag = match key[0] {
            b'R' => b'r',
            b'P' => b'p',
            b'U' => b'u',
            _ => continue,
        };
        store.remove(TreeName::Index, &key).unwrap();
        store
            .insert(TreeName::Index, &[&[tag], &key[9..]].concat(), &value)
            .unwrap();
    }
    for entry in store.iter(TreeName::Links).collect::<Vec<_>>() {
        let (key, value) = entry.unwrap();
        store.remove(TreeName::Links, &key).unwrap();
        match key[0] {
            // Team side: same entries, keyed without the chat.
            b'K' => store
                .insert(
                    TreeName::Links,
                    &[b"T".as_slice(), &key[9..]].concat(),
                    &value,
                )
                .unwrap(),
            // Private side: entries lose their chat (slot, chat, message -> slot, message).
            b'D' => {
                let mut old = vec![value[0]];
                for entry in value[1..].chunks_exact(13) {
                    old.push(entry[0]);
                    old.extend_from_slice(&entry[9..]);
                }
                store
                    .insert(
                        TreeName::Links,
                        &[b"C".as_slice(), &key[1..]].concat(),
                        &old,
                    )
                    .unwrap();
            }
            other => panic!("unexpected link record {other}"),
        }
    }
    for entry in store.iter(TreeName::Outbox).collect::<Vec<_>>() {
        let (key, value) = entry.unwrap();
        let item: OutboxItem = codec::decode(&value).unwrap();
        let old = OutboxItemV1 {
            effect: item.effect,
            enqueued_at: item.enqueued_at,
        };
        store
            .insert(TreeName::Outbox, &key, &version_1(&old))
            .unwrap();
    }
    store.flush_now().unwrap();
}

#[tokio::test]
async fn a_data_directory_of_the_previous_version_keeps_working_in_its_workspace() {
    for forum in [false, true] {
        let mut desk = Harness::start_layout(forum, &[]).await;
        let customers: Vec<UserId> = NAMES.iter().map(|name| desk.customer(name, "en")).collect();
        converse(&desk, &customers, 1).await;
        let roots = {
            let mut roots = Vec::new();
            for customer in &customers {
                roots.push(desk.root(*customer).await);
            }
            roots
        };
        let question = desk.say(customers[0], "where is my parcel?");
        let copy = {
            let root = roots[0];
            desk.eventually("the question is in the thread", || {
                desk.thread_at(root).find("where is my parcel?").is_some()
            })
            .await;
            desk.thread_at(root).find("where is my parcel?").unwrap().id
        };
        desk.stop().await;
        write_as_version_1(desk.data.path());

        desk.run();
        converse(&desk, &customers, 2).await;
        assert_isolated(&desk, &customers).await;
        for (customer, root) in customers.iter().zip(&roots) {
            assert_eq!(
                desk.root(*customer).await,
                *root,
                "the same thread goes on (forum: {forum})"
            );
        }
        // Links survived the upgrade: an answer to the old question replies to it.
        desk.comment(
            desk.maria,
            customers[0],
            Some(copy),
            Content::text("it left today"),
        )
        .await;
        desk.eventually("the answer replies to the customer's question", || {
            desk.private(customers[0])
                .find("it left today")
                .is_some_and(|entry| entry.reply_to == Some(question))
        })
        .await;
        assert_eq!(desk.sim.topics(desk.group).len(), if forum { 3 } else { 0 });
    }
}

#[tokio::test]
async fn a_channel_linked_to_another_group_continues_there_without_mixing_the_two() {
    let mut desk = Harness::start().await;
    let ana = desk.customer(NAMES[0], "en");
    converse(&desk, &[ana], 1).await;
    let old_group = desk.group;
    let old_root = desk.root(ana).await;

    // The team links the channel to a new discussion group while the bot runs.
    let group = desk.sim.create_supergroup("Support chat 2", desk.owner);
    desk.sim
        .promote(group, desk.bot.user_id, telegram_sim::AdminRights::all())
        .unwrap();
    for member in [desk.maria, desk.joao] {
        desk.sim.add_member(group, member).unwrap();
    }
    desk.sim.link_discussion_group(desk.channel, group).unwrap();
    desk.group = group;

    // A new customer's card is forwarded into the new group: the bot learns of it there.
    let bruno = desk.customer(NAMES[1], "en");
    desk.say(bruno, "Bruno asks, round 1");
    desk.thread_len(bruno, 1).await;
    desk.comment(
        desk.maria,
        bruno,
        None,
        Content::text("answer for Bruno, round 1"),
    )
    .await;
    desk.eventually("Bruno gets the answer", || {
        desk.private(bruno)
            .find("answer for Bruno, round 1")
            .is_some()
    })
    .await;

    // Ana's card and thread belong to the old group: her next message gets a new card whose
    // thread is in the new group and says where her history is.
    let old_thread = desk.sim.thread(old_group, old_root).len();
    desk.say(ana, "Ana is back");
    let marker = ana.0.to_string();
    desk.eventually("Ana's new card is posted", || {
        desk.sim
            .transcript(desk.channel)
            .iter()
            .filter(|e| {
                e.service.is_none() && e.text.as_deref().is_some_and(|t| t.contains(&marker))
            })
            .count()
            == 2
    })
    .await;
    converse(&desk, &[ana, bruno], 2).await;
    assert_isolated(&desk, &[ana, bruno]).await;
    let root = desk.root(ana).await;
    let thread = desk.thread_at(root);
    assert!(thread.find("earlier history").is_some(), "{thread}");
    assert_eq!(
        desk.sim.thread(old_group, old_root).len(),
        old_thread,
        "nothing more goes to the old group"
    );

    // A comment in the old group's thread reaches no one; the restart keeps the new group.
    desk.sim
        .as_user(desk.maria)
        .in_chat(old_group)
        .reply_to(old_root)
        .send(Content::text("stale comment"))
        .unwrap();
    desk.stop().await;
    desk.run();
    converse(&desk, &[ana, bruno], 3).await;
    assert!(desk.private(ana).find("stale comment").is_none());
    assert!(desk.private(bruno).find("stale comment").is_none());
}

/// `/healthz`: its status code and its list of problems.
async fn health(port: u16) -> (u16, String) {
    let response = reqwest::get(format!("http://127.0.0.1:{port}/healthz"))
        .await
        .expect("the ops server answers");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

async fn customer_messages_wait_while_the_bot_is_out_of_the_thread_chat(forum: bool) {
    let (desk, port) = Harness::start_with_ops(forum).await;
    let ana = desk.customer(NAMES[0], "en");
    converse(&desk, &[ana], 1).await;
    let root = desk.root(ana).await;

    desk.sim
        .set_status(
            desk.group,
            desk.bot.user_id,
            telegram_sim::MemberStatus::Left,
        )
        .unwrap();
    desk.say(ana, "while the bot is away, 1");
    desk.say(ana, "while the bot is away, 2");
    let group = desk.group.0.to_string();
    let mut named = false;
    for _ in 0..100 {
        let (status, body) = health(port).await;
        if status == 503 && body.contains(&group) {
            named = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        named,
        "/healthz names the team chat the bot cannot write to"
    );
    assert!(desk.thread_at(root).find("while the bot is away").is_none());

    desk.sim
        .promote(
            desk.group,
            desk.bot.user_id,
            telegram_sim::AdminRights::all(),
        )
        .unwrap();
    desk.eventually(
        "the waiting messages arrive in order in Ana's thread",
        || {
            let thread = desk.thread_at(root);
            let texts = thread.texts();
            let first = texts.iter().position(|t| *t == "while the bot is away, 1");
            let second = texts.iter().position(|t| *t == "while the bot is away, 2");
            matches!((first, second), (Some(a), Some(b)) if a < b)
        },
    )
    .await;
    let mut cleared = false;
    for _ in 0..100 {
        let (status, body) = health(port).await;
        if status == 200 && !body.contains(&group) {
            cleared = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(cleared, "/healthz is healthy again once the bot can write");
}

#[tokio::test]
async fn customer_messages_wait_while_the_bot_is_out_of_the_discussion_group() {
    customer_messages_wait_while_the_bot_is_out_of_the_thread_chat(false).await;
}

#[tokio::test]
async fn customer_messages_wait_while_the_bot_is_out_of_the_forum() {
    customer_messages_wait_while_the_bot_is_out_of_the_thread_chat(true).await;
}

async fn a_deleted_card_is_noted_in_the_thread_which_goes_on(forum: bool) {
    let desk = Harness::start_layout(forum, &[]).await;
    let ana = desk.customer(NAMES[0], "en");
    converse(&desk, &[ana], 1).await;
    let card = desk.card(ana).await;
    let root = desk.root(ana).await;
    let card_chat = if forum { desk.group } else { desk.channel };
    desk.sim
        .as_user(desk.owner)
        .in_chat(card_chat)
        .delete(card)
        .expect("the owner deletes the card");
    // The next change of the card finds it gone (commands go to the thread by its root: the
    // harness finds threads through their cards).
    let command = |text: &str| {
        let chat = desk.sim.as_user(desk.maria).in_chat(desk.group);
        let chat = if forum {
            chat.topic(root)
        } else {
            chat.reply_to(root)
        };
        chat.send(Content::text(text)).expect("Maria can comment")
    };
    command("/p 3");
    desk.eventually("the thread says the card was deleted", || {
        desk.thread_at(root).find("card was deleted").is_some()
    })
    .await;
    desk.say(ana, "still there?");
    desk.eventually("Ana's message reaches the thread", || {
        desk.thread_at(root).find("still there?").is_some()
    })
    .await;
    desk.answer_to(command("/p 1")).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let notes = desk
        .thread_at(root)
        .iter()
        .filter(|e| {
            e.text
                .as_deref()
                .is_some_and(|t| t.contains("card was deleted"))
        })
        .count();
    assert_eq!(notes, 1, "said once:\n{}", desk.thread_at(root));
}

#[tokio::test]
async fn a_deleted_channel_post_is_noted_in_the_thread_which_goes_on() {
    a_deleted_card_is_noted_in_the_thread_which_goes_on(false).await;
}

#[tokio::test]
async fn a_deleted_card_message_in_a_topic_is_noted_in_the_topic_which_goes_on() {
    a_deleted_card_is_noted_in_the_thread_which_goes_on(true).await;
}

#[tokio::test]
async fn the_binary_refuses_another_workspace_with_status_1_and_accepts_new_workspace() {
    let mut desk = Harness::start().await;
    let ana = desk.customer(NAMES[0], "en");
    converse(&desk, &[ana], 1).await;
    desk.stop().await;
    let old_channel = desk.channel;
    desk.use_new_channel();
    let binary = |arguments: &[&str]| {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_threadesk"))
            .args(arguments)
            .env_clear()
            .envs(desk.settings.iter())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary starts")
    };
    let refused = tokio::time::timeout(WAIT, binary(&["run"]).wait_with_output())
        .await
        .expect("the binary stops by itself")
        .expect("its output");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&old_channel.0.to_string())
            && stderr.contains(&desk.channel.0.to_string())
            && stderr.contains("--new-workspace"),
        "{stderr}"
    );

    let mut moved = binary(&["run", "--new-workspace"]);
    desk.say(ana, "Ana asks, round 2");
    desk.eventually("Ana's message reaches her new thread", || {
        let marker = ana.0.to_string();
        let card = desk.sim.transcript(desk.channel).iter().find_map(|entry| {
            entry
                .text
                .as_deref()
                .is_some_and(|text| text.contains(&marker))
                .then_some(entry.id)
        });
        card.and_then(|card| desk.sim.discussion_copy_of(desk.channel, card))
            .is_some_and(|root| desk.thread_at(root).find("Ana asks, round 2").is_some())
    })
    .await;
    let _ = std::process::Command::new("kill")
        .arg("-TERM")
        .arg(moved.id().expect("running").to_string())
        .status();
    let stopped = tokio::time::timeout(WAIT, moved.wait())
        .await
        .expect("it stops")
        .expect("its status");
    assert!(stopped.success());
}
