//! An operable service: the demo, the doctor, webhook mode, health and metrics, exports and
//! backups, through the built binary where an operator would use it; the systemd units, single
//! and one per desk.

use std::time::Duration;

use telegram_sim::{AdminRights, SimConfig};
use threadesk::ops::doctor;
use threadesk::storage::{Store, TreeName};

use crate::support::{Harness, WAIT};

const BINARY: &str = env!("CARGO_BIN_EXE_threadesk");

#[cfg(feature = "demo")]
#[tokio::test]
async fn the_demo_runs_every_step_and_exits_zero() {
    let chart = tempfile::tempdir().expect("a directory");
    let png = chart.path().join("report.png");
    let output = tokio::process::Command::new(BINARY)
        .arg("demo")
        .arg("--chart")
        .arg(&png)
        .output()
        .await
        .expect("the demo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("✔ 13."), "{stdout}");
    assert!(
        stdout.contains("✔ 14. Maria sends /stats today"),
        "{stdout}"
    );
    let picture = std::fs::read(&png).expect("the demo saved the chart");
    assert!(picture.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    assert!(
        stdout.contains("Alice's card thread") && stdout.contains("Ticket #2 opened"),
        "{stdout}"
    );
}

#[tokio::test]
async fn the_doctor_passes_a_good_setup_and_names_what_blocks_a_bad_one() {
    let desk = Harness::world(SimConfig::default()).await;
    let report = doctor::run(&desk.config()).await;
    assert!(!report.is_blocking(), "{report}");
    let text = report.to_string();
    assert!(
        text.contains("✔ the token is accepted: the bot is @threadesk_bot"),
        "{text}"
    );
    assert!(
        text.contains("never started the bot") && text.contains("Olga"),
        "the owner never started it:\n{text}"
    );

    let mut rights = AdminRights::all();
    rights.can_edit_messages = false;
    desk.sim
        .promote(desk.channel, desk.bot.user_id, rights)
        .unwrap();
    desk.sim.set_privacy_mode(&desk.bot, true);
    desk.sim
        .set_status(
            desk.group,
            desk.bot.user_id,
            telegram_sim::MemberStatus::Member,
        )
        .unwrap();
    let output = tokio::process::Command::new(BINARY)
        .arg("doctor")
        .env_clear()
        .envs(desk.settings.iter())
        .output()
        .await
        .expect("the doctor runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(
            "✘ in the channel the bot needs the administrator right \"Edit messages of others\""
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "✘ in the discussion group the bot is neither an administrator nor has privacy mode off"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("not ready: 2 problem(s)"), "{stdout}");
}

#[tokio::test]
async fn webhook_mode_relays_and_refuses_requests_without_the_secret() {
    let (desk, url) = Harness::start_webhook("s3cret-token").await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello through the webhook");
    let thread = desk.thread_len(alice, 1).await;
    assert_eq!(thread.texts()[1], "hello through the webhook");
    assert!(
        desk.sim.calls().iter().any(
            |call| call.method == "setWebhook" && call.params["secret_token"] == "s3cret-token"
        )
    );

    let client = reqwest::Client::new();
    let update = serde_json::json!({"update_id": 999_999, "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}, "text": "forged"}});
    let status = |request: reqwest::RequestBuilder| async move {
        request.send().await.unwrap().status().as_u16()
    };
    assert_eq!(
        status(client.post(&url).json(&update)).await,
        403,
        "no secret"
    );
    assert_eq!(
        status(
            client
                .post(&url)
                .header("X-Telegram-Bot-Api-Secret-Token", "wrong")
                .json(&update)
        )
        .await,
        403
    );
    let with_secret = || {
        client
            .post(&url)
            .header("X-Telegram-Bot-Api-Secret-Token", "s3cret-token")
    };
    assert_eq!(
        status(with_secret().body("{not json")).await,
        400,
        "malformed JSON"
    );
    assert_eq!(
        status(with_secret().body(vec![b' '; 2 * 1024 * 1024])).await,
        413,
        "too large"
    );
    assert_eq!(status(with_secret().json(&update)).await, 200);
}

#[tokio::test]
async fn a_webhook_update_is_stored_before_the_answer_is_200() {
    let (mut desk, url) = Harness::start_webhook("k").await;
    // An update from a chat the bot does not know: it is stored, then processed and ignored.
    let update = serde_json::json!({"update_id": 424_242, "message": {"message_id": 1, "date": 0, "chat": {"id": -42, "type": "group", "title": "elsewhere"}, "text": "x"}});
    let client = reqwest::Client::new();
    let mut answered = false;
    for _ in 0..100 {
        match client
            .post(&url)
            .header("X-Telegram-Bot-Api-Secret-Token", "k")
            .json(&update)
            .send()
            .await
        {
            Ok(response) => {
                assert_eq!(response.status().as_u16(), 200);
                answered = true;
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
    assert!(answered, "the webhook answers");
    desk.kill().await;
    let store = open_when_free(desk.data.path()).await;
    assert!(
        store
            .get(TreeName::Seen, &threadesk::storage::keys::signed(424_242))
            .unwrap()
            .is_some(),
        "stored before 200"
    );
}

#[tokio::test]
async fn health_and_metrics_describe_the_running_bot() {
    let (desk, port) = Harness::start_with_ops(false).await;
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    desk.thread_len(alice, 1).await;
    let get = |path: &'static str| async move {
        let response = reqwest::get(format!("http://127.0.0.1:{port}{path}"))
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    };
    let (status, body) = get("/healthz").await;
    assert_eq!(status, 200, "{body}");
    let health: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(health["status"], "ok");
    assert!(
        health["inbox_backlog"].is_number()
            && health["last_telegram_success_seconds_ago"].is_number()
    );
    let (status, metrics) = get("/metrics").await;
    assert_eq!(status, 200);
    for expected in [
        "threadesk_updates_received_total",
        "threadesk_effects_total{kind=\"copy_to_thread\",result=\"sent\"} 1",
        "threadesk_relay_latency_seconds_count",
        "threadesk_queue_depth{class=\"private\"}",
        "threadesk_open_tickets 1",
        "threadesk_telegram_429_total 0",
        "threadesk_admin_notifications_skipped_total ",
    ] {
        assert!(metrics.contains(expected), "missing {expected}:\n{metrics}");
    }
}

#[tokio::test]
async fn backup_while_running_restores_to_the_same_export() {
    let mut desk = Harness::start().await;
    for name in ["Alice", "Bob, \"the\" builder"] {
        let customer = desk.customer(name, "en");
        desk.say(customer, "/start ads");
        desk.say(customer, "hello");
        desk.thread_len(customer, 1).await;
    }
    let work = tempfile::tempdir().unwrap();
    let backup = work.path().join("threadesk.backup");
    let env: Vec<(String, String)> = desk.settings.clone().into_iter().collect();
    let run = |args: Vec<String>| {
        let env = env.clone();
        async move {
            tokio::process::Command::new(BINARY)
                .args(args)
                .env_clear()
                .envs(env)
                .output()
                .await
                .unwrap()
        }
    };
    let output = run(vec![
        "backup".into(),
        "--output".into(),
        backup.display().to_string(),
    ])
    .await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("backup written"));
    let live_export = run(vec!["export".into(), "--format".into(), "csv".into()]).await;
    assert!(
        live_export.status.success(),
        "{}",
        String::from_utf8_lossy(&live_export.stderr)
    );
    let live_csv = String::from_utf8(live_export.stdout).unwrap();
    assert!(
        live_csv.contains("\"Bob, \"\"the\"\" builder\""),
        "{live_csv}"
    );
    assert_eq!(live_csv.lines().count(), 3, "{live_csv}");

    // Restoring over the live directory is refused.
    let refused = run(vec![
        "restore".into(),
        "--input".into(),
        backup.display().to_string(),
        "--force".into(),
    ])
    .await;
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("in use by a running threadesk"));

    desk.stop().await;
    let restored_dir = work.path().join("restored");
    let mut restored_env = env.clone();
    restored_env.retain(|(key, _)| key != "THREADESK_DATA_DIR");
    restored_env.push((
        "THREADESK_DATA_DIR".into(),
        restored_dir.display().to_string(),
    ));
    let restore = tokio::process::Command::new(BINARY)
        .args(["restore", "--input", &backup.display().to_string()])
        .env_clear()
        .envs(restored_env.clone())
        .output()
        .await
        .unwrap();
    assert!(
        restore.status.success(),
        "{}",
        String::from_utf8_lossy(&restore.stderr)
    );
    let export = tokio::process::Command::new(BINARY)
        .args(["export", "--format", "csv"])
        .env_clear()
        .envs(restored_env)
        .output()
        .await
        .unwrap();
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    assert_eq!(
        String::from_utf8(export.stdout).unwrap(),
        live_csv,
        "the restored data is the same"
    );
}

/// Opens a data directory once a killed bot has released it.
async fn open_when_free(path: &std::path::Path) -> Store {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        match Store::open(path, 1 << 20) {
            Ok(store) => return store,
            Err(error) if tokio::time::Instant::now() > deadline => panic!("{error}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

#[test]
fn the_example_settings_file_is_valid() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/systemd/config.toml"))
        .unwrap();
    let file: threadesk::config::RawConfig = toml::from_str(&text).expect("the example parses");
    let env = [("THREADESK_BOT_TOKEN".to_owned(), "123:abc".to_owned())]
        .into_iter()
        .collect();
    let config = threadesk::config::Sources::from_parts(file, env)
        .resolve()
        .expect("the example is valid");
    assert_eq!(
        config.data_dir,
        std::path::PathBuf::from("/var/lib/threadesk")
    );
}

/// A unit file of `systemd/`.
fn unit(name: &str) -> String {
    let path = format!("{}/systemd/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

#[test]
fn the_systemd_units_verify_where_systemd_analyze_is_available() {
    let available = std::process::Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        eprintln!("systemd-analyze is not installed here; skipped");
        return;
    }
    for name in ["threadesk.service", "threadesk@.service"] {
        // Point ExecStart at the freshly built binary, since /usr/local/bin may not have one.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            unit(name).replace("/usr/local/bin/threadesk", BINARY),
        )
        .unwrap();
        let output = std::process::Command::new("systemd-analyze")
            .arg("verify")
            .arg(&path)
            .output()
            .unwrap();
        let messages = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{name}: {messages}");
        let stem = name.trim_end_matches(".service");
        assert!(!messages.contains(stem), "{name} has warnings: {messages}");
    }
}

#[test]
fn each_desk_of_the_template_unit_has_its_own_settings_token_and_data() {
    let template = unit("threadesk@.service");
    let lines: Vec<&str> = template.lines().map(str::trim).collect();
    for line in [
        "LoadCredential=config.toml:/etc/threadesk/%i.toml",
        "ExecStart=/usr/local/bin/threadesk run --config ${CREDENTIALS_DIRECTORY}/config.toml",
        "EnvironmentFile=/etc/threadesk/%i.env",
        "Environment=THREADESK_DATA_DIR=/var/lib/threadesk/%i",
        "DynamicUser=yes",
        "User=threadesk-%i",
        "StateDirectory=threadesk/%i",
        "StateDirectoryMode=0700",
        "KillSignal=SIGTERM",
        "WantedBy=multi-user.target",
    ] {
        assert!(lines.contains(&line), "threadesk@.service lacks {line:?}");
    }
    // As hardened as the single unit: every hardening line of one is in the other.
    let single = unit("threadesk.service");
    let hardening = single
        .split("# Hardening.")
        .nth(1)
        .and_then(|rest| rest.split("[Install]").next())
        .expect("threadesk.service has a hardening block");
    for line in hardening
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
    {
        assert!(lines.contains(&line), "threadesk@.service lacks {line:?}");
    }
}

#[test]
fn the_service_reads_its_settings_through_a_credential() {
    // A DynamicUser service cannot open a root-only file in /etc/threadesk itself.
    let single = unit("threadesk.service");
    assert!(single.contains("LoadCredential=config.toml:/etc/threadesk/config.toml"));
    assert!(single.contains("--config ${CREDENTIALS_DIRECTORY}/config.toml"));
}
