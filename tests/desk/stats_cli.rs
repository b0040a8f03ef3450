//! `threadesk stats`: the figures `/stats` shows, printed from the command line as text or
//! JSON with the chart as a PNG file, from the running bot (through its control socket) and
//! from the data directory of a stopped one; an unreadable period is refused with exit code 2.
//! `threadesk export --tickets` carries the timing columns a spreadsheet redoes them from.

use telegram_sim::Content;

use crate::support::Harness;

const BINARY: &str = env!("CARGO_BIN_EXE_threadesk");

/// Runs `threadesk stats <args>` with the desk's settings: exit code, stdout, stderr.
async fn stats(desk: &Harness, args: &[&str]) -> (i32, String, String) {
    threadesk(desk, "stats", args).await
}

/// Runs `threadesk <command> <args>` with the desk's settings: exit code, stdout, stderr.
async fn threadesk(desk: &Harness, command: &str, args: &[&str]) -> (i32, String, String) {
    let output = tokio::process::Command::new(BINARY)
        .arg(command)
        .args(args)
        .env_clear()
        .envs(desk.settings.clone())
        .output()
        .await
        .expect("threadesk stats runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn threadesk_stats_prints_the_figures_of_stats_running_or_stopped() {
    let mut desk = Harness::start_layout(false, &[]).await;
    let (alice, bob) = (desk.customer("Alice", "en"), desk.customer("Bob", "en"));
    desk.say(alice, "my order is late");
    desk.say(bob, "how do I pay?");
    desk.thread_len(alice, 1).await;
    desk.thread_len(bob, 1).await;
    desk.comment(desk.maria, alice, None, Content::text("on its way"))
        .await;
    desk.thread_len(alice, 2).await;
    desk.command(desk.maria, alice, "/mark vip").await;
    desk.command(desk.maria, alice, "/fim").await;

    let (code, text, stderr) = stats(&desk, &[]).await;
    assert_eq!(code, 0, "{stderr}");
    assert!(text.contains("📊 Report"), "{text}");
    assert!(
        text.contains("Tickets: 2 opened, 1 closed, 1 still open"),
        "{text}"
    );
    assert!(text.contains("By tag at closing: vip (1)"), "{text}");
    assert!(!text.contains('<'), "plain text, no HTML: {text}");

    let chart = tempfile::tempdir().expect("a directory");
    let png = chart.path().join("report.png");
    let png_arg = png.to_string_lossy().into_owned();
    let (code, json, stderr) =
        stats(&desk, &["--period", "30d", "--json", "--chart", &png_arg]).await;
    assert_eq!(code, 0, "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["figures"]["opened"], 2, "{json}");
    assert_eq!(value["figures"]["closed"], 1, "{json}");
    assert_eq!(value["figures"]["still_open"], 1, "{json}");
    assert_eq!(value["period"]["zone"], "UTC", "{json}");
    let picture = std::fs::read(&png).expect("the chart is written");
    assert!(picture.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");

    let (code, _, stderr) = stats(&desk, &["--period", "fortnight"]).await;
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown period"), "{stderr}");

    // The same figures from the data directory once the bot has stopped.
    desk.stop().await;
    let (code, text, stderr) = stats(&desk, &["--period", "today"]).await;
    assert_eq!(code, 0, "{stderr}");
    assert!(
        text.contains("Tickets: 2 opened, 1 closed, 1 still open"),
        "{text}"
    );

    // The ticket export has what the figures are made from.
    let (code, csv, stderr) = threadesk(&desk, "export", &["--format", "csv"]).await;
    assert_eq!(code, 0, "{stderr}");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|c| *c == name)
            .unwrap_or_else(|| panic!("a {name} column in {header:?}"))
    };
    let alice_row: Vec<&str> = lines
        .find(|line| line.contains("Alice"))
        .expect("Alice's ticket")
        .split(',')
        .collect();
    assert_eq!(alice_row[column("opened_by")], "customer");
    assert_eq!(alice_row[column("first_reply_by")], "Maria Souza");
    assert_eq!(alice_row[column("team_replies")], "1");
    assert_eq!(alice_row[column("customer_messages")], "1");
    assert_eq!(alice_row[column("closed_automatically")], "false");
    assert_eq!(alice_row[column("tags_at_close")], "vip");
    let seconds: i64 = alice_row[column("first_response_seconds")]
        .parse()
        .expect("whole seconds");
    let resolution: i64 = alice_row[column("resolution_seconds")]
        .parse()
        .expect("whole seconds");
    assert!(
        (0..60).contains(&seconds) && seconds <= resolution,
        "{alice_row:?}"
    );
}
