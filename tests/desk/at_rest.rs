//! Nothing of a message's body stays at rest: after a conversation in both directions (texts,
//! captions, file names, an album) and housekeeping (a clean stop runs it), no byte of the data
//! directory, sled's log segments included, holds any of them, and no sealing key is left. The
//! same after the built binary is killed with SIGKILL mid-stream and started again, with nothing
//! lost.

use std::path::Path;
use std::time::Duration;

use std::collections::BTreeSet;

use telegram_sim::{Content, SimConfig, UserId};
use threadesk::harness::BotProcess;
use threadesk::storage::{Store, seal};

use crate::load::BINARY;
use crate::support::{Harness, WAIT, both_layouts};

/// Unique markers for one test run, in everything a message can carry.
struct Markers {
    prefix: String,
}

impl Markers {
    fn new() -> Markers {
        Markers {
            prefix: format!("qz{:016x}", fastrand::u64(..)),
        }
    }

    /// A marker for one place.
    fn of(&self, place: &str) -> String {
        format!("{}{place}", self.prefix)
    }

    /// Every file under `dir` holding any marker, with the marker found.
    fn found_in(&self, dir: &Path) -> Vec<String> {
        let mut found = Vec::new();
        for path in files(dir) {
            let bytes = std::fs::read(&path).expect("a data file reads");
            let needle = self.prefix.as_bytes();
            if let Some(at) = bytes.windows(needle.len()).position(|w| w == needle) {
                let tail = String::from_utf8_lossy(&bytes[at..(at + 40).min(bytes.len())]);
                found.push(format!("{}: {tail}", path.display()));
            }
        }
        found
    }
}

/// Every regular file under `dir`, recursively.
fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the data directory lists") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            all.extend(files(&path));
        } else {
            all.push(path);
        }
    }
    all
}

/// Checks that the sealing keys left in the data directory are only those stored values need
/// (none, when nothing is pending).
fn assert_only_needed_keys(dir: &Path) {
    let seal = dir.join("seal");
    let left: BTreeSet<u64> = if seal.exists() {
        std::fs::read_dir(seal)
            .expect("the key folder lists")
            .map(|entry| {
                let name = entry.expect("an entry").file_name();
                let name = name.to_string_lossy();
                u64::from_str_radix(name.trim_end_matches(".key"), 16).expect("a key file")
            })
            .collect()
    } else {
        BTreeSet::new()
    };
    let store = Store::open(dir, 1 << 20).expect("the data directory opens");
    let mut needed = BTreeSet::new();
    let mut pending = Vec::new();
    for tree in seal::SEALED_TREES {
        for (key, value) in store.raw_entries(tree) {
            if let Some(id) = seal::key_id(&value) {
                needed.insert(id);
                pending.push(format!("{tree:?} {key:?}"));
            }
        }
    }
    assert_eq!(
        left, needed,
        "keys on disk, and keys pending values need:\n{pending:?}"
    );
}

/// A customer writes a text, a captioned document and a captioned album; the team answers
/// with a text and a captioned document. Waits until everything arrived both ways.
async fn converse(desk: &Harness, customer: UserId, markers: &Markers, round: &str) {
    let chat = desk.sim.as_user(customer).in_private(&desk.bot);
    chat.send(Content::text(markers.of(&format!("{round}customertext"))))
        .expect("the customer writes");
    chat.send(
        Content::document(format!(
            "{}.pdf",
            markers.of(&format!("{round}customerfile"))
        ))
        .caption(markers.of(&format!("{round}customercaption"))),
    )
    .expect("the customer sends a file");
    chat.send_album(vec![
        Content::photo().caption(markers.of(&format!("{round}albumcaption"))),
        Content::photo(),
    ])
    .expect("the customer sends an album");
    let root = desk.root(customer).await;
    desk.eventually("the customer's messages reach the thread", || {
        let thread = desk.thread_at(root);
        ["customertext", "customercaption", "albumcaption"]
            .iter()
            .all(|place| {
                thread
                    .find(&markers.of(&format!("{round}{place}")))
                    .is_some()
            })
    })
    .await;
    desk.comment(
        desk.maria,
        customer,
        None,
        Content::text(markers.of(&format!("{round}teamtext"))),
    )
    .await;
    desk.comment(
        desk.joao,
        customer,
        None,
        Content::document(format!("{}.txt", markers.of(&format!("{round}teamfile"))))
            .caption(markers.of(&format!("{round}teamcaption"))),
    )
    .await;
    desk.eventually("both answers reach the customer", || {
        let private = desk.private(customer);
        ["teamtext", "teamcaption"].iter().all(|place| {
            private
                .find(&markers.of(&format!("{round}{place}")))
                .is_some()
        })
    })
    .await;
}

async fn a_conversation_leaves_no_body_at_rest(forum: bool) {
    let mut desk = Harness::start_layout(forum, &[]).await;
    let markers = Markers::new();
    let alice = desk.customer("Alice", "en");
    converse(&desk, alice, &markers, "a").await;
    // A second round after a restart, so both runs' keys are involved.
    desk.stop().await;
    desk.run();
    converse(&desk, alice, &markers, "b").await;
    desk.stop().await;

    let found = markers.found_in(desk.data.path());
    assert!(
        found.is_empty(),
        "message bodies at rest:\n{}",
        found.join("\n")
    );
    assert_only_needed_keys(desk.data.path());
}

both_layouts!(a_conversation_leaves_no_body_at_rest);

#[tokio::test]
async fn a_kill_mid_stream_leaves_no_body_at_rest_and_loses_nothing() {
    let desk = Harness::world(SimConfig::default()).await;
    let logs = tempfile::tempdir().expect("a log directory");
    let log = logs.path().join("threadesk.log");
    let spawn = || {
        let settings = desk
            .settings
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str()))
            .chain([("THREADESK_LOG", "threadesk=warn")]);
        BotProcess::spawn(BINARY, settings, &log).expect("the binary starts")
    };
    let markers = Markers::new();
    let customers: Vec<UserId> = (0..3)
        .map(|n| desk.customer(&format!("Customer {n}"), "en"))
        .collect();
    let mut child = Some(spawn());
    let mut sent = Vec::new();
    let mut answers = Vec::new();
    for round in 0..16 {
        for customer in &customers {
            let text = markers.of(&format!("r{round}c{}", customer.0));
            desk.say(*customer, &text);
            sent.push((*customer, text));
        }
        if round == 0 {
            // The bot is up and relaying before it is killed.
            let first = &sent[0];
            let root = desk.root(first.0).await;
            desk.eventually("the first message is relayed", || {
                desk.thread_at(root).find(&first.1).is_some()
            })
            .await;
        }
        let answer = markers.of(&format!("r{round}team"));
        desk.comment(desk.maria, customers[0], None, Content::text(&answer))
            .await;
        answers.push(answer);
        tokio::time::sleep(Duration::from_millis(20)).await;
        if round == 5 {
            child.take().expect("the bot runs").kill().await;
        }
        if round == 9 {
            child = Some(spawn());
        }
    }
    for (customer, text) in &sent {
        let root = desk.root(*customer).await;
        desk.eventually("every message reaches its thread", || {
            desk.thread_at(root).find(text).is_some()
        })
        .await;
    }
    desk.eventually("every answer reaches the customer", || {
        let private = desk.private(customers[0]);
        answers.iter().all(|answer| private.find(answer).is_some())
    })
    .await;
    let child = child.expect("the bot runs");
    let status = child.stop(WAIT * 3).await.expect("the bot stops");
    assert!(
        status.success(),
        "{}",
        threadesk::harness::log_tail(&log, 40)
    );

    let found = markers.found_in(desk.data.path());
    assert!(
        found.is_empty(),
        "message bodies at rest:\n{}",
        found.join("\n")
    );
    assert_only_needed_keys(desk.data.path());
}
