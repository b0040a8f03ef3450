//! Nothing lost: restarts (graceful or abrupt), Telegram's 429s and dropped connections never
//! lose a message or reorder a conversation; a throttled team chat does not delay customers.

use std::collections::HashSet;
use std::time::Duration;

use telegram_sim::{Content, Faults, Limits, Rate, SimConfig, Transcript, UserId};

use crate::support::{Harness, WAIT};

/// The texts of a thread or chat that carry `prefix`, in order.
fn tagged(transcript: &Transcript, prefix: &str) -> Vec<String> {
    transcript
        .texts()
        .into_iter()
        .filter(|text| text.starts_with(prefix))
        .map(str::to_owned)
        .collect()
}

/// Checks that every expected text arrived, in order of first arrival; returns the duplicates.
fn check_delivery(arrived: &[String], expected: &[String]) -> usize {
    let mut seen = HashSet::new();
    let first_arrivals: Vec<&String> = arrived
        .iter()
        .filter(|text| seen.insert(text.as_str()))
        .collect();
    let missing: Vec<_> = expected
        .iter()
        .filter(|text| !seen.contains(text.as_str()))
        .collect();
    assert!(missing.is_empty(), "lost: {missing:?}");
    assert_eq!(
        first_arrivals,
        expected.iter().collect::<Vec<_>>(),
        "order kept"
    );
    arrived.len() - expected.len()
}

async fn wait_for_all(desk: &Harness, customer: UserId, prefix: &str, count: usize) -> Vec<String> {
    let root = desk.root(customer).await;
    desk.eventually(&format!("{count} messages tagged {prefix}"), || {
        tagged(&desk.sim.thread(desk.group, root), prefix)
            .iter()
            .collect::<HashSet<_>>()
            .len()
            >= count
    })
    .await;
    tagged(&desk.sim.thread(desk.group, root), prefix)
}

#[tokio::test]
async fn a_graceful_restart_loses_nothing_and_keeps_the_order() {
    let mut desk = Harness::start().await;
    let alice = desk.customer("Alice", "en");
    let expected: Vec<String> = (0..30).map(|n| format!("a{n}")).collect();
    for text in &expected[..10] {
        desk.say(alice, text);
    }
    desk.stop().await;
    for text in &expected[10..20] {
        desk.say(alice, text);
    }
    desk.run();
    for text in &expected[20..] {
        desk.say(alice, text);
    }
    let arrived = wait_for_all(&desk, alice, "a", expected.len()).await;
    assert_eq!(
        check_delivery(&arrived, &expected),
        0,
        "a graceful stop repeats nothing"
    );
}

#[tokio::test]
async fn killing_the_bot_mid_stream_loses_nothing_and_only_repeats_what_was_in_flight() {
    let mut desk = Harness::start().await;
    let customers: Vec<UserId> = (0..3)
        .map(|n| desk.customer(&format!("Customer{n}"), "en"))
        .collect();
    for customer in &customers {
        desk.say(*customer, "hello");
    }
    for customer in &customers {
        desk.thread_len(*customer, 1).await;
    }
    let rounds = 4;
    let per_round = 15;
    let mut expected_threads: Vec<Vec<String>> = vec![Vec::new(); customers.len()];
    let mut expected_answers: Vec<Vec<String>> = vec![Vec::new(); customers.len()];
    for round in 0..rounds {
        for n in 0..per_round {
            for (index, customer) in customers.iter().enumerate() {
                let text = format!("c{index}-{round}-{n}");
                desk.say(*customer, &text);
                expected_threads[index].push(text);
                let answer = format!("t{index}-{round}-{n}");
                desk.comment(desk.maria, *customer, None, Content::text(&answer))
                    .await;
                expected_answers[index].push(answer);
            }
            if n == per_round / 2 {
                // Let the bot get busy, then pull the plug at a random point.
                tokio::time::sleep(Duration::from_millis(fastrand::u64(0..40))).await;
                desk.kill().await;
                desk.run();
            }
        }
    }
    let mut duplicates = 0;
    for (index, customer) in customers.iter().enumerate() {
        let arrived = wait_for_all(
            &desk,
            *customer,
            &format!("c{index}-"),
            expected_threads[index].len(),
        )
        .await;
        duplicates += check_delivery(&arrived, &expected_threads[index]);
        desk.eventually("every answer reaches the customer", || {
            tagged(&desk.private(*customer), &format!("t{index}-"))
                .iter()
                .collect::<HashSet<_>>()
                .len()
                >= expected_answers[index].len()
        })
        .await;
        duplicates += check_delivery(
            &tagged(&desk.private(*customer), &format!("t{index}-")),
            &expected_answers[index],
        );
    }
    // A kill can only repeat a call Telegram carried out whose completion was not yet stored:
    // at most one per lane in flight (16 at most) per kill.
    println!("duplicates after {rounds} kills: {duplicates}");
    assert!(duplicates <= rounds * 16, "{duplicates} duplicates");
}

#[tokio::test]
async fn injected_429s_and_dropped_connections_lose_nothing_and_keep_each_conversation_in_order() {
    let faults = Faults {
        seed: 42,
        drop_before: 0.05,
        drop_after: 0.05,
        slow: 0.05,
        slow_delay: Duration::from_millis(200),
        too_many: 0.1,
        retry_after: 1,
        include_get_updates: true,
    };
    let desk = Harness::start_with(
        SimConfig {
            faults,
            ..SimConfig::default()
        },
        &[],
    )
    .await;
    let customers: Vec<UserId> = (0..3)
        .map(|n| desk.customer(&format!("Customer{n}"), "en"))
        .collect();
    let mut expected: Vec<Vec<String>> = vec![Vec::new(); customers.len()];
    let mut answers: Vec<Vec<String>> = vec![Vec::new(); customers.len()];
    for n in 0..12 {
        for (index, customer) in customers.iter().enumerate() {
            let text = format!("m{index}-{n}");
            desk.say(*customer, &text);
            expected[index].push(text);
        }
    }
    for (index, customer) in customers.iter().enumerate() {
        for n in 0..6 {
            let answer = format!("r{index}-{n}");
            desk.comment(desk.maria, *customer, None, Content::text(&answer))
                .await;
            answers[index].push(answer);
        }
    }
    let mut duplicates = 0;
    for (index, customer) in customers.iter().enumerate() {
        let arrived = wait_for_all(
            &desk,
            *customer,
            &format!("m{index}-"),
            expected[index].len(),
        )
        .await;
        duplicates += check_delivery(&arrived, &expected[index]);
        let prefix = format!("r{index}-");
        desk.eventually("every answer arrives", || {
            tagged(&desk.private(*customer), &prefix)
                .iter()
                .collect::<HashSet<_>>()
                .len()
                >= answers[index].len()
        })
        .await;
        duplicates += check_delivery(&tagged(&desk.private(*customer), &prefix), &answers[index]);
    }
    let counters = desk.sim.counters();
    println!(
        "429s: {}, dropped after processing: {}, duplicates: {duplicates}",
        counters.too_many_requests, counters.dropped_after
    );
    assert!(
        counters.too_many_requests > 0 && counters.dropped_before + counters.dropped_after > 0,
        "faults were injected"
    );
    assert!(
        duplicates as u64 <= counters.dropped_after,
        "only lost answers cause repeats"
    );
}

#[tokio::test]
async fn a_throttled_team_group_never_delays_replies_to_customers() {
    let limits = Limits {
        private_chat: Some(Rate::new(1, Duration::from_millis(200))),
        group: Some(Rate::new(3, Duration::from_secs(2))),
        global: None,
    };
    let desk = Harness::start_with(
        SimConfig {
            limits,
            ..SimConfig::default()
        },
        &[
            ("THREADESK_RATE_GROUP", "3/2s"),
            ("THREADESK_RATE_PRIVATE", "1/200ms"),
        ],
    )
    .await;
    let bob = desk.customer("Bob", "en");
    desk.say(bob, "hi");
    desk.thread_len(bob, 1).await;
    let alice = desk.customer("Alice", "en");
    for n in 0..12 {
        desk.say(alice, &format!("flood {n}"));
    }
    // The group can take 3 messages every 2 s: Alice's backlog needs several seconds.
    let root = desk.root(alice).await;
    desk.comment(desk.maria, bob, None, Content::text("answer for Bob"))
        .await;
    let started = tokio::time::Instant::now();
    desk.eventually("Bob's answer arrives", || {
        desk.private(bob).find("answer for Bob").is_some()
    })
    .await;
    let waited = started.elapsed();
    let backlog = 12 - tagged(&desk.sim.thread(desk.group, root), "flood").len();
    assert!(
        backlog > 0,
        "the group was still throttled when Bob's answer arrived"
    );
    assert!(waited < Duration::from_secs(2), "Bob waited {waited:?}");
    desk.eventually("Alice's flood drains", || {
        tagged(&desk.sim.thread(desk.group, root), "flood").len() == 12
    })
    .await;
    assert_eq!(
        desk.sim.counters().too_many_requests,
        0,
        "the bot kept within the limits"
    );
    let _ = WAIT;
}
