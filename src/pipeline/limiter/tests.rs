//! Windows, fairness, pauses after a 429 and probing, on Tokio's paused clock.

use super::*;

fn limits(count: u32, per_ms: u64) -> Limits {
    let rate = Rate {
        count,
        per: Duration::from_millis(per_ms),
    };
    Limits {
        private_chat: Some(rate),
        group: Some(rate),
        global: None,
    }
}

#[tokio::test(start_paused = true)]
async fn a_burst_fits_then_the_window_spaces_the_rest() {
    let limiter = Limiter::new(limits(2, 1000));
    let start = Instant::now();
    for _ in 0..2 {
        limiter.acquire(ChatId(-100), ChatClass::Group, 1).await;
    }
    assert!(start.elapsed() < Duration::from_millis(1));
    limiter.acquire(ChatId(-100), ChatClass::Group, 1).await;
    assert!(start.elapsed() >= Duration::from_millis(1000));
    assert!(start.elapsed() < Duration::from_millis(1100));
}

#[tokio::test(start_paused = true)]
async fn a_pause_holds_only_its_own_chat() {
    let limiter = Limiter::new(limits(100, 1000));
    limiter.pause(ChatId(-100), ChatClass::Group, Duration::from_secs(5));
    let start = Instant::now();
    limiter.acquire(ChatId(7), ChatClass::Private, 1).await;
    assert!(start.elapsed() < Duration::from_millis(1));
    limiter.acquire(ChatId(-100), ChatClass::Group, 1).await;
    assert!(start.elapsed() >= Duration::from_secs(5));
}

#[tokio::test(start_paused = true)]
async fn for_a_window_after_the_start_each_message_waits_for_the_previous_answer() {
    let limiter = Arc::new(Limiter::new(limits(100, 1000)));
    let probe = limiter.acquire(ChatId(-100), ChatClass::Group, 1).await;
    let next = tokio::spawn({
        let limiter = Arc::clone(&limiter);
        async move {
            limiter
                .acquire(ChatId(-100), ChatClass::Group, 1)
                .await
                .accepted();
        }
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(
        !next.is_finished(),
        "the second message waits for the first's answer"
    );
    // Other chats are not held up.
    limiter
        .acquire(ChatId(7), ChatClass::Private, 1)
        .await
        .accepted();
    probe.accepted();
    next.await.unwrap();
    // Accepted, but within the first window: Telegram's window may still hold what an
    // earlier process sent, so messages still go one at a time.
    let held = limiter.acquire(ChatId(-100), ChatClass::Group, 1).await;
    let waiting = tokio::spawn({
        let limiter = Arc::clone(&limiter);
        async move { drop(limiter.acquire(ChatId(-100), ChatClass::Group, 1).await) }
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(
        !waiting.is_finished(),
        "still probing within the first window"
    );
    held.accepted();
    waiting.await.unwrap();
    // A message sent a whole window after the start is accepted: the window is trusted, and
    // messages go without waiting for answers.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    limiter
        .acquire(ChatId(-100), ChatClass::Group, 1)
        .await
        .accepted();
    let start = Instant::now();
    let first = limiter.acquire(ChatId(-100), ChatClass::Group, 1).await;
    let second = limiter.acquire(ChatId(-100), ChatClass::Group, 1).await;
    assert!(start.elapsed() < Duration::from_millis(1));
    drop((first, second));
}

#[tokio::test(start_paused = true)]
async fn after_a_429_one_message_probes_before_the_others() {
    let limiter = Arc::new(Limiter::new(limits(100, 1000)));
    limiter
        .acquire(ChatId(-100), ChatClass::Group, 1)
        .await
        .accepted();
    let refused = limiter.acquire(ChatId(-100), ChatClass::Group, 1).await;
    limiter.pause(ChatId(-100), ChatClass::Group, Duration::from_secs(2));
    drop(refused);
    let start = Instant::now();
    let probe = limiter.acquire(ChatId(-100), ChatClass::Group, 1).await;
    assert!(start.elapsed() >= Duration::from_secs(2));
    let next = tokio::spawn({
        let limiter = Arc::clone(&limiter);
        async move { drop(limiter.acquire(ChatId(-100), ChatClass::Group, 1).await) }
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(
        !next.is_finished(),
        "the others wait for the probe's answer"
    );
    probe.accepted();
    next.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn an_album_counts_as_several_messages() {
    let limiter = Limiter::new(limits(3, 1000));
    let start = Instant::now();
    limiter.acquire(ChatId(-100), ChatClass::Group, 3).await;
    limiter.acquire(ChatId(-100), ChatClass::Group, 1).await;
    assert!(start.elapsed() >= Duration::from_millis(1000));
}
