//! How it starts: settings are validated with one clear line, the bot's rights are checked and
//! every missing one is named, and the token never reaches the logs.

use std::process::Stdio;
use std::time::Duration;

use telegram_sim::{AdminRights, Faults, SimConfig};
use tokio::io::AsyncReadExt;
use tokio_util::sync::CancellationToken;

use crate::support::Harness;

#[tokio::test]
async fn a_missing_setting_stops_start_up_with_one_line_naming_it() {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_threadesk"))
        .arg("run")
        .env_clear()
        .env("THREADESK_CHANNEL_ID", "-1001234567890")
        .output()
        .await
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("bot_token") && stderr.contains("THREADESK_BOT_TOKEN"),
        "{stderr}"
    );
}

#[tokio::test]
async fn missing_rights_are_named_one_by_one() {
    let desk = Harness::world(SimConfig::default()).await;
    let mut rights = AdminRights::all();
    rights.can_post_messages = false;
    rights.can_edit_messages = false;
    desk.sim
        .promote(desk.channel, desk.bot.user_id, rights)
        .unwrap();
    let error = threadesk::app::run(desk.config(), CancellationToken::new())
        .await
        .expect_err("start-up refuses");
    let message = format!("{error:#}");
    assert!(message.contains("\"Post messages\""), "{message}");
    assert!(message.contains("\"Edit messages of others\""), "{message}");
}

#[tokio::test]
async fn an_unlinked_channel_is_reported_with_the_fix() {
    let desk = Harness::world(SimConfig::default()).await;
    let lonely = desk.sim.create_channel("Lonely", desk.owner);
    desk.sim
        .promote(lonely, desk.bot.user_id, AdminRights::all())
        .unwrap();
    let mut config = desk.config();
    config.layout = threadesk::config::Layout::Channel {
        channel: threadesk::domain::ChatId(lonely.0),
    };
    let error = threadesk::app::run(config, CancellationToken::new())
        .await
        .expect_err("start-up refuses");
    assert!(format!("{error:#}").contains("Discussion"), "{error:#}");
}

#[tokio::test]
async fn the_bot_token_never_reaches_the_logs_even_on_network_errors() {
    let faults = Faults {
        seed: 3,
        drop_before: 0.3,
        drop_after: 0.2,
        include_get_updates: true,
        ..Faults::none()
    };
    let desk = Harness::world(SimConfig {
        faults,
        ..SimConfig::default()
    })
    .await;
    let mut child = run_binary(&desk, "trace");
    // Read the logs while the bot runs, or a full pipe would block it.
    let mut stderr = child.stderr.take().unwrap();
    let reader = tokio::spawn(async move {
        let mut logs = String::new();
        let _ = stderr.read_to_string(&mut logs).await;
        logs
    });
    let alice = desk.customer("Alice", "en");
    for n in 0..5 {
        desk.say(alice, &format!("hello {n}"));
    }
    desk.eventually("the customer's messages are relayed", || {
        desk.sim
            .transcript(desk.group)
            .texts()
            .iter()
            .filter(|text| text.starts_with("hello"))
            .count()
            == 5
    })
    .await;
    let status = terminate(&mut child).await;
    assert!(status.success(), "a SIGTERM stops the bot cleanly");
    let logs = reader.await.unwrap();
    assert!(logs.contains("threadesk is running"), "{logs}");
    let secret = desk.bot.token.split(':').nth(1).unwrap();
    assert!(!logs.contains(secret), "the token leaked into the logs");
    assert!(
        desk.data.path().join("db").exists() || desk.data.path().join("conf").exists(),
        "the database lives in the data directory"
    );
}

#[tokio::test]
async fn the_bots_rights_are_one_info_line_per_chat_and_a_lost_right_is_a_warning_naming_it() {
    let desk = Harness::world(SimConfig::default()).await;
    let mut child = run_binary(&desk, "info");
    let stderr = child.stderr.take().unwrap();
    let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let collected = std::sync::Arc::clone(&lines);
    let reader = tokio::spawn(async move {
        use tokio::io::AsyncBufReadExt;
        let mut stderr = tokio::io::BufReader::new(stderr).lines();
        while let Ok(Some(line)) = stderr.next_line().await {
            collected.lock().unwrap().push(line);
        }
    });
    let logged = |text: &str| {
        lines
            .lock()
            .unwrap()
            .iter()
            .filter(|line| line.contains(text))
            .cloned()
            .collect::<Vec<_>>()
    };
    let channel_line = format!(
        "channel {}: the bot is an administrator (may post messages, edit messages of others)",
        desk.channel
    );
    let group_line = format!(
        "discussion group {}: the bot is an administrator (sees every message)",
        desk.group
    );
    desk.eventually("the start-up lines are logged", || {
        !logged(&channel_line).is_empty() && !logged(&group_line).is_empty()
    })
    .await;

    // The channel's owner takes "Edit messages of others" away: Telegram tells the bot.
    let mut rights = AdminRights::all();
    rights.can_edit_messages = false;
    desk.sim
        .promote(desk.channel, desk.bot.user_id, rights)
        .unwrap();
    desk.eventually("the lost right is named", || {
        !logged("lacks the administrator right \"Edit messages of others\"").is_empty()
    })
    .await;

    terminate(&mut child).await;
    reader.await.unwrap();
    let lines = lines.lock().unwrap().clone();
    let logs = lines.join("\n");
    for line in logged(&channel_line).iter().chain(&logged(&group_line)) {
        assert!(line.contains("INFO"), "{line}");
    }
    let lost = logged("lacks the administrator right");
    assert!(
        lost.iter().all(
            |line| line.contains("WARN") && line.contains(&format!("channel {}", desk.channel))
        ),
        "{logs}"
    );
    assert!(
        !logs.contains("Administrator {") && !logs.contains("Administrator("),
        "no internal structures in the logs:\n{logs}"
    );
    assert!(
        lines
            .iter()
            .filter(|line| line.contains("WARN"))
            .all(|line| line.contains("lacks")),
        "nothing else is a warning in the normal case:\n{logs}"
    );
}

/// The built binary running against the harness's world, logging at `log` to a pipe.
fn run_binary(desk: &Harness, log: &str) -> tokio::process::Child {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_threadesk"))
        .arg("run")
        .env_clear()
        .envs(desk.settings.iter())
        .env("THREADESK_LOG", log)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("the binary starts")
}

/// Stops the binary with SIGTERM, as systemd does, and waits for it.
async fn terminate(child: &mut tokio::process::Child) -> std::process::ExitStatus {
    let pid = child.id().expect("running");
    let _ = std::process::Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status();
    tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("stops")
        .expect("the exit status")
}
