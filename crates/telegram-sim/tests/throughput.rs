//! Speed: the simulator answers thousands of calls per second on two cores in a release build.
//! (In debug builds the test only checks that a burst of concurrent calls all succeed.)

use std::time::Instant;

use telegram_sim::{AdminRights, Content, UserSpec};
use teloxide::prelude::*;

use crate::support::{client, start};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_simulator_answers_thousands_of_calls_per_second_in_release_builds() {
    let release = !cfg!(debug_assertions);
    let calls_per_worker = if release { 2_000 } else { 100 };
    let workers = 8;
    let sim = start().await;
    let handle = sim.create_bot("fast_bot");
    let owner = sim.create_user(UserSpec::new("Olga"));
    let group = sim.create_supergroup("Team", owner);
    sim.promote(group, handle.user_id, AdminRights::all())
        .unwrap();
    let customers: Vec<_> = (0..workers)
        .map(|index| {
            let user = sim.create_user(UserSpec::new(&format!("Customer {index}")));
            sim.as_user(user)
                .in_private(&handle)
                .send(Content::text("/start"))
                .unwrap();
            user
        })
        .collect();
    let started = Instant::now();
    let tasks: Vec<_> = customers
        .into_iter()
        .map(|customer| {
            let bot = client(&sim, &handle);
            tokio::spawn(async move {
                for index in 0..calls_per_worker {
                    let sent = bot
                        .send_message(customer, format!("reply {index}"))
                        .await
                        .expect("sent");
                    bot.copy_message(group, customer, sent.id)
                        .await
                        .expect("copied");
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let calls = (workers * calls_per_worker * 2) as f64;
    let rate = calls / started.elapsed().as_secs_f64();
    eprintln!("{calls} calls at {rate:.0} calls/s");
    assert_eq!(sim.transcript(group).len(), workers * calls_per_worker);
    if release {
        assert!(rate > 2_000.0, "{rate:.0} calls/s");
    }
}
