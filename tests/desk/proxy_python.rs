//! The parallel connection with an existing bot written in Python: tests/python/echo_bot.py,
//! a python-telegram-bot application whose base URLs point at the desk's Bot API proxy. Its
//! answers reach the customer and are mirrored into the thread with their buttons, the team's
//! replies reach the customer, and with `handoff` it stops hearing the customer once the team
//! replied.
//!
//! These tests need the library: `.ci/run` installs it into a virtual environment and runs them
//! with `THREADESK_TEST_PYTHON` set to its interpreter (README.md, "Connect an existing bot").
//! Plain `cargo test` skips them (`#[ignore]`); run with `--ignored` and the variable unset, they
//! fail saying so.

use std::process::Stdio;
use std::sync::{Arc, Mutex};

use telegram_sim::Content;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::{Child, Command};

use crate::proxy::desk_with_proxy;
use crate::support::{Harness, WAIT};

/// The variable naming the Python interpreter that has python-telegram-bot.
const PYTHON: &str = "THREADESK_TEST_PYTHON";

/// How long the script runs at most (the tests end it sooner).
const SCRIPT_SECONDS: &str = "120";

/// The Python bot while it runs (ended when dropped).
struct PythonBot {
    _child: Child,
    /// The texts it received, in order.
    heard: Arc<Mutex<Vec<String>>>,
    /// Everything else it printed, for failures.
    log: Arc<Mutex<String>>,
}

impl PythonBot {
    fn start(token: &str, proxy_url: &str) -> PythonBot {
        let Some(python) = std::env::var_os(PYTHON) else {
            panic!(
                "{PYTHON} is not set: these tests need python-telegram-bot in a virtual \
                 environment; run .ci/run, which installs it and sets {PYTHON}"
            );
        };
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/echo_bot.py");
        let mut child = Command::new(python)
            .arg(script)
            .arg(proxy_url)
            .arg(SCRIPT_SECONDS)
            .env("ECHO_BOT_TOKEN", token)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start the Python bot with {PYTHON}: {error}"));
        let heard = Arc::default();
        let log = Arc::default();
        if let Some(stdout) = child.stdout.take() {
            tokio::spawn(read_lines(stdout, Arc::clone(&heard), Arc::clone(&log)));
        }
        if let Some(stderr) = child.stderr.take() {
            tokio::spawn(read_lines(stderr, Arc::clone(&heard), Arc::clone(&log)));
        }
        PythonBot {
            _child: child,
            heard,
            log,
        }
    }

    fn heard(&self) -> Vec<String> {
        self.heard.lock().unwrap().clone()
    }

    /// Waits until `condition` holds, failing with `what` and the Python bot's output.
    async fn eventually(&self, desk: &Harness, what: &str, mut condition: impl FnMut() -> bool) {
        if !desk.sim.wait_until(WAIT, &mut condition).await {
            panic!(
                "timed out waiting for: {what}\nthe Python bot heard {:?} and printed:\n{}",
                self.heard(),
                self.log.lock().unwrap()
            );
        }
    }
}

/// Sorts the script's lines: `heard: <text>` into `heard`, the rest into `log`.
async fn read_lines(
    output: impl AsyncRead + Unpin,
    heard: Arc<Mutex<Vec<String>>>,
    log: Arc<Mutex<String>>,
) {
    let mut lines = BufReader::new(output).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        match line.strip_prefix("heard: ") {
            Some(text) => heard.lock().unwrap().push(text.to_owned()),
            None => {
                let mut log = log.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        }
    }
}

#[tokio::test]
#[ignore = "needs python-telegram-bot: .ci/run installs it and sets THREADESK_TEST_PYTHON"]
async fn a_python_telegram_bot_answers_through_the_proxy_and_the_thread_shows_both_sides() {
    let (desk, url) = desk_with_proxy(&[]).await;
    let python = PythonBot::start(&desk.bot.token, &url);
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    python
        .eventually(
            &desk,
            "the Python bot's answer reaches the customer",
            || desk.private(alice).find("echo: hello").is_some(),
        )
        .await;
    let thread = desk.thread_len(alice, 2).await;
    assert_eq!(
        thread.texts()[1..],
        ["hello", "🤖 bot: echo: hello\n[Talk to a human]"],
        "{thread}"
    );

    desk.comment(desk.maria, alice, None, Content::text("a human is here"))
        .await;
    desk.eventually("the team's reply reaches the customer", || {
        desk.private(alice).find("a human is here").is_some()
    })
    .await;
    desk.say(alice, "thanks");
    python
        .eventually(&desk, "the Python bot answers the next message", || {
            desk.private(alice).find("echo: thanks").is_some()
        })
        .await;
    let thread = desk.thread_len(alice, 5).await;
    assert_eq!(
        thread.texts()[1..],
        [
            "hello",
            "🤖 bot: echo: hello\n[Talk to a human]",
            "a human is here",
            "thanks",
            "🤖 bot: echo: thanks\n[Talk to a human]",
        ],
        "{thread}"
    );
    assert_eq!(
        python.heard(),
        ["hello", "thanks"],
        "team chat messages are the desk's alone"
    );
}

#[tokio::test]
#[ignore = "needs python-telegram-bot: .ci/run installs it and sets THREADESK_TEST_PYTHON"]
async fn with_handoff_the_python_bot_stops_hearing_the_customer_once_the_team_replied() {
    let (desk, url) = desk_with_proxy(&[("THREADESK_HANDOFF", "true")]).await;
    let python = PythonBot::start(&desk.bot.token, &url);
    let alice = desk.customer("Alice", "en");
    desk.say(alice, "hello");
    python
        .eventually(
            &desk,
            "the Python bot's answer reaches the customer",
            || desk.private(alice).find("echo: hello").is_some(),
        )
        .await;
    desk.thread_len(alice, 2).await;
    desk.comment(desk.maria, alice, None, Content::text("Maria here"))
        .await;
    desk.eventually("the team's reply reaches the customer", || {
        desk.private(alice).find("Maria here").is_some()
    })
    .await;
    desk.say(alice, "thanks Maria");
    let thread = desk.thread_len(alice, 4).await;
    assert!(thread.find("thanks Maria").is_some(), "{thread}");

    desk.command(desk.maria, alice, "/fim").await;
    desk.eventually("the customer hears the ticket closed", || {
        desk.private(alice).find("has been closed").is_some()
    })
    .await;
    desk.say(alice, "back again");
    python
        .eventually(&desk, "the Python bot hears the customer again", || {
            desk.private(alice).find("echo: back again").is_some()
        })
        .await;
    // Updates reach the bot in order: had it been given "thanks Maria", it would have come first.
    assert_eq!(python.heard(), ["hello", "back again"]);
    assert!(desk.private(alice).find("echo: thanks Maria").is_none());
}
