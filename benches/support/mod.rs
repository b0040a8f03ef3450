//! What the benchmarks share: a simulated support desk, the bot as a separate process (the
//! release binary, so its CPU time and memory are read from `/proc` apart from the simulator's),
//! a tracker of relayed messages fed by the simulator's message feed, percentiles, arguments and
//! a description of the machine.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::str::FromStr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use telegram_sim::{
    BotHandle, ChatId, ChatRef, Content, MessageFeed, MessageId, Scene, SceneSpec, SimConfig,
    Simulator, UserId, UserSpec,
};
use threadesk::harness;
pub use threadesk::harness::BotProcess;

mod sched;
// Each benchmark compiles this module on its own; not all of them read the scheduler.
#[allow(unused_imports)]
pub use sched::{Sched, SchedSampler};
use tokio::sync::Notify;

/// Command-line arguments as `--name value` (or `--name=value`); the `--bench` flag cargo adds
/// is ignored.
pub struct Args {
    values: HashMap<String, String>,
}

impl Args {
    /// Reads the process arguments.
    pub fn parse() -> Args {
        let mut values = HashMap::new();
        let mut args = std::env::args().skip(1).peekable();
        while let Some(arg) = args.next() {
            let Some(name) = arg.strip_prefix("--") else {
                continue;
            };
            if name == "bench" {
                continue;
            }
            match name.split_once('=') {
                Some((name, value)) => {
                    values.insert(name.to_owned(), value.to_owned());
                }
                None => {
                    let value = match args.peek() {
                        Some(next) if !next.starts_with("--") => args.next().unwrap_or_default(),
                        _ => "true".to_owned(),
                    };
                    values.insert(name.to_owned(), value);
                }
            }
        }
        Args { values }
    }

    /// A value, or `default` when absent. Panics with the argument's name when unparsable.
    pub fn get<T: FromStr>(&self, name: &str, default: T) -> T {
        match self.values.get(name) {
            Some(text) => text
                .parse()
                .unwrap_or_else(|_| panic!("--{name}: cannot read {text:?}")),
            None => default,
        }
    }

    /// A comma-separated list of numbers, or `default`.
    pub fn list(&self, name: &str, default: &[usize]) -> Vec<usize> {
        match self.values.get(name) {
            Some(text) => text
                .split(',')
                .map(|item| {
                    item.trim()
                        .replace('_', "")
                        .parse()
                        .unwrap_or_else(|_| panic!("--{name}: cannot read {item:?}"))
                })
                .collect(),
            None => default.to_vec(),
        }
    }
}

/// Where and when a benchmark runs, to print above its figures.
pub fn describe_run(name: &str) -> String {
    let command = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .output()
            .ok()
            .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
            .unwrap_or_default()
    };
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_owned())
        })
        .unwrap_or_default();
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| info.lines().next().map(str::to_owned))
        .unwrap_or_default();
    format!(
        "benchmark: {name}\ndate: {}\ncommit: {}\nmachine: nproc {}, {cpu}, {}\nload average at start: {}",
        command("date", &["-u", "+%F %T UTC"]),
        command("git", &["rev-parse", "--short", "HEAD"]),
        command("nproc", &[]),
        memory.split_whitespace().collect::<Vec<_>>().join(" "),
        load_average(),
    )
}

/// The first three fields of `/proc/loadavg`.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// Clock ticks per second of `/proc/<pid>/stat` times.
fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|output| String::from_utf8_lossy(&output.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// User plus system CPU time of a process (all its threads, dead ones included).
pub fn cpu_time(pid: &str) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The command name is in parentheses and may hold spaces: count fields after it.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |index: usize| -> f64 {
        fields
            .get(index)
            .and_then(|value| value.parse().ok())
            .unwrap_or(0.0)
    };
    // Fields 14 and 15 of stat(5) are utime and stime; the list starts at field 3.
    Duration::from_secs_f64((ticks(11) + ticks(12)) / clock_ticks())
}

/// A `kB` line of `/proc/<pid>/status` (`VmHWM`, `VmRSS`), in bytes.
pub fn status_bytes(pid: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|line| {
            let value = line.strip_prefix(field)?.strip_prefix(':')?;
            value.split_whitespace().next()?.parse::<u64>().ok()
        })
        .map_or(0, |kib| kib * 1024)
}

/// CPU time of this process: the simulator and the load generator.
pub fn own_cpu() -> Duration {
    cpu_time("self")
}

/// Bytes a directory occupies on disk (allocated blocks of every file below it).
pub fn disk_usage(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| match entry.metadata() {
            Ok(meta) if meta.is_dir() => disk_usage(&entry.path()),
            Ok(meta) => meta.blocks() * 512,
            Err(_) => 0,
        })
        .sum()
}

/// Megabytes (10^6 bytes), for printing.
pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// A support desk in the simulator: the bot, a channel with its discussion group, the owner and
/// one team member.
#[derive(Clone)]
pub struct World {
    pub sim: Arc<Simulator>,
    pub bot: BotHandle,
    pub owner: UserId,
    pub team: UserId,
    /// The channel (in the forum layout: the forum, which has no channel).
    pub channel: ChatId,
    pub group: ChatId,
    scene: Scene,
}

impl World {
    /// Builds the desk (channel layout) in a new simulator.
    pub async fn new(config: SimConfig) -> World {
        World::with_layout(config, false).await
    }

    /// Builds the desk in a new simulator: in the forum layout when `forum`, else in the
    /// channel layout.
    pub async fn with_layout(config: SimConfig, forum: bool) -> World {
        let sim = Simulator::start(config)
            .await
            .expect("the simulator starts");
        let mut spec = SceneSpec::new("threadesk_bot")
            .owner(UserSpec::new("Olga").username("olga"))
            .member(UserSpec::new("Maria").username("maria"));
        if forum {
            spec = spec.forum("Support");
        }
        let scene = spec.build(&sim).expect("the desk is set up");
        World {
            bot: scene.bot.clone(),
            owner: scene.owner,
            team: scene.team[0],
            channel: scene.channel.unwrap_or(scene.group),
            group: scene.group,
            sim: Arc::new(sim),
            scene,
        }
    }

    /// Creates `count` customers.
    pub fn customers(&self, count: usize) -> Vec<UserId> {
        self.scene.customers(&self.sim, "Customer", count, "en")
    }

    /// The bot's settings for this world: limits off, the ops listener off, warnings only.
    pub fn settings(&self, data_dir: &Path) -> Vec<(String, String)> {
        let mut settings = harness::settings(&self.sim, &self.scene, data_dir);
        settings.insert("THREADESK_LOG".into(), "warn".into());
        settings.into_iter().collect()
    }

    /// A customer writes to the bot.
    pub fn customer_says(&self, customer: UserId, text: &str) {
        self.sim
            .as_user(customer)
            .in_private(&self.bot)
            .send(Content::text(text))
            .expect("the customer can write");
    }

    /// The team member comments in a thread (its root post, or its forum topic).
    pub fn team_says(&self, root: MessageId, text: &str) {
        team_send(
            &self.sim,
            self.team,
            self.group,
            self.scene.forum,
            root,
            text,
        );
    }
}

/// Who sends a scripted message, and where.
#[derive(Clone, Copy, Debug)]
pub enum Sender {
    /// A customer writes to the bot.
    Customer(UserId),
    /// The team member comments in the thread with this root.
    Team(MessageId),
}

/// Runs a benchmark's main future on a two-thread runtime (the machine the targets are set for).
pub fn block_on(future: impl std::future::Future<Output = ()>) {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(future);
}

/// First contact: every customer writes once ("hello N") and the bot posts their cards and
/// copies the greeting into each new thread; returns the thread roots, in `customers` order.
pub async fn first_contact(
    world: &World,
    tracker: &Tracker,
    bot: &mut BotProcess,
    customers: &[UserId],
    stall: Duration,
) -> Vec<MessageId> {
    let hellos = hellos(customers, "hello");
    let hello_texts: Vec<String> = hellos.iter().map(|(_, text)| text.clone()).collect();
    send_all(world, hellos, None).await;
    tracker.wait_for_copies(&hello_texts, bot, stall).await;
    tracker.threads_of(&hello_texts)
}

/// A first message from each of `customers`: "`prefix` N".
pub fn hellos(customers: &[UserId], prefix: &str) -> Vec<(Sender, String)> {
    customers
        .iter()
        .enumerate()
        .map(|(index, customer)| (Sender::Customer(*customer), format!("{prefix} {index}")))
        .collect()
}

/// Sends `messages` from a separate thread, as fast as possible (`rate` `None`) or paced at
/// `rate` messages per second; returns when all are sent.
pub async fn send_all(world: &World, messages: Vec<(Sender, String)>, rate: Option<f64>) {
    let sim = Arc::clone(&world.sim);
    let (bot, team, group, forum) = (
        world.bot.clone(),
        world.team,
        world.group,
        world.scene.forum,
    );
    tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        for (index, (sender, text)) in messages.into_iter().enumerate() {
            if let Some(rate) = rate {
                let due = started + Duration::from_secs_f64(index as f64 / rate);
                let now = Instant::now();
                if due > now {
                    std::thread::sleep(due - now);
                }
            }
            match sender {
                Sender::Customer(customer) => {
                    sim.as_user(customer)
                        .in_private(&bot)
                        .send(Content::text(text))
                        .expect("the customer can write");
                }
                Sender::Team(root) => team_send(&sim, team, group, forum, root, &text),
            }
        }
    })
    .await
    .expect("the sending thread does not panic");
}

/// `team` comments in the thread `root` of `group`: a reply to the root post, or a post in the
/// forum topic `root`.
fn team_send(
    sim: &Simulator,
    team: UserId,
    group: ChatId,
    forum: bool,
    root: MessageId,
    text: &str,
) {
    let chat = sim.as_user(team).in_chat(group);
    let chat = if forum {
        chat.topic(root)
    } else {
        chat.reply_to(root)
    };
    chat.send(Content::text(text))
        .expect("the team member can comment");
}

/// Starts the bot as its own process (`threadesk run`, the release build) with exactly these
/// settings, its standard error in `log`.
pub fn spawn_bot(settings: &[(String, String)], log: &Path) -> BotProcess {
    let binary = bot_binaries().swap_remove(0);
    spawn_bot_binary(&binary, settings, log)
}

/// [`spawn_bot`] with the given `threadesk` binary.
pub fn spawn_bot_binary(binary: &str, settings: &[(String, String)], log: &Path) -> BotProcess {
    BotProcess::spawn(binary, settings.iter().cloned(), log).expect("the threadesk binary starts")
}

/// The builds to measure: THREADESK_BENCH_BINARY (one path, or several separated by commas for
/// before/after comparisons in one run), else this build's `threadesk`.
pub fn bot_binaries() -> Vec<String> {
    match std::env::var("THREADESK_BENCH_BINARY") {
        Ok(list) if !list.trim().is_empty() => list
            .split(',')
            .map(|path| path.trim().to_owned())
            .filter(|path| !path.is_empty())
            .collect(),
        _ => vec![env!("CARGO_BIN_EXE_threadesk").to_owned()],
    }
}

/// Stops the bot with SIGTERM and waits for it; panics if it does not stop cleanly.
pub async fn stop_bot(bot: BotProcess) {
    let status = bot
        .stop(Duration::from_secs(60))
        .await
        .expect("the bot stops within a minute of SIGTERM");
    assert!(status.success(), "the bot stopped with {status}");
}

/// What the benchmarks read of the bot's process in `/proc`.
pub trait Measure {
    /// CPU time the bot used so far.
    fn cpu(&self) -> Duration;
    /// The bot's peak resident memory so far (`VmHWM`).
    fn peak_rss(&self) -> u64;
    /// The bot's resident memory now (`VmRSS`).
    fn rss(&self) -> u64;
}

impl Measure for BotProcess {
    fn cpu(&self) -> Duration {
        cpu_time(&self.pid().to_string())
    }

    fn peak_rss(&self) -> u64 {
        status_bytes(&self.pid().to_string(), "VmHWM")
    }

    fn rss(&self) -> u64 {
        status_bytes(&self.pid().to_string(), "VmRSS")
    }
}

/// A message as the feed announced it.
#[derive(Clone, Copy, Debug)]
pub struct Seen {
    /// Its id in its chat.
    pub id: MessageId,
    /// When it was stored.
    pub at: Instant,
    /// Its chat.
    pub chat: ChatRef,
    /// Its comment thread.
    pub thread: Option<MessageId>,
}

/// Tagged messages (texts the benchmark made up) and their copies by the bot, as announced by
/// the simulator's message feed.
#[derive(Default)]
pub struct Log {
    /// Messages written by people (customers, the team), by text.
    pub originals: HashMap<String, Seen>,
    /// The bot's copies, by text (the first copy of each).
    pub copies: HashMap<String, Seen>,
    /// Every message the bot sent, with its chat (in order).
    pub bot_messages: Vec<Seen>,
}

/// Follows the message feed in the background.
#[derive(Clone)]
pub struct Tracker {
    log: Arc<Mutex<Log>>,
    changed: Arc<Notify>,
}

impl Tracker {
    /// Starts following `feed`; `bot` is the bot whose sends are copies.
    pub fn start(mut feed: MessageFeed, bot: UserId) -> Tracker {
        let tracker = Tracker {
            log: Arc::default(),
            changed: Arc::new(Notify::new()),
        };
        let following = tracker.clone();
        tokio::spawn(async move {
            while let Some(message) = feed.recv().await {
                let seen = Seen {
                    id: message.id,
                    at: message.at,
                    chat: message.chat,
                    thread: message.thread,
                };
                {
                    let mut log = following.log();
                    if message.sender == bot {
                        log.bot_messages.push(seen);
                        log.copies.entry(message.text).or_insert(seen);
                    } else if !message.text.is_empty() {
                        log.originals.entry(message.text).or_insert(seen);
                    }
                }
                following.changed.notify_waiters();
            }
        });
        tracker
    }

    /// The log, locked.
    pub fn log(&self) -> MutexGuard<'_, Log> {
        self.log.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until every text in `texts` was copied by the bot; panics if nothing new is copied
    /// for `stall` (the bot is checked for being alive meanwhile).
    pub async fn wait_for_copies(&self, texts: &[String], bot: &mut BotProcess, stall: Duration) {
        let mut last_count = usize::MAX;
        let mut last_progress = Instant::now();
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let missing = {
                let log = self.log();
                texts
                    .iter()
                    .filter(|text| !log.copies.contains_key(*text))
                    .count()
            };
            if missing == 0 {
                return;
            }
            if missing != last_count {
                last_count = missing;
                last_progress = Instant::now();
            }
            bot.assert_running();
            if last_progress.elapsed() >= stall {
                let tail = bot.log_tail(40);
                let example = {
                    let log = self.log();
                    texts
                        .iter()
                        .find(|text| !log.copies.contains_key(*text))
                        .cloned()
                        .unwrap_or_default()
                };
                panic!(
                    "{missing} of {} messages (e.g. {example:?}) were not relayed within {stall:?}; the bot's log ends:\n{}",
                    texts.len(),
                    tail
                );
            }
            let _ = tokio::time::timeout(Duration::from_millis(100), notified).await;
        }
    }

    /// Waits until the bot has sent nothing for `quiet` (at most `limit`).
    pub async fn wait_quiet(&self, quiet: Duration, limit: Duration) {
        let started = Instant::now();
        let mut count = self.log().bot_messages.len();
        while started.elapsed() < limit {
            tokio::time::sleep(quiet).await;
            let now = self.log().bot_messages.len();
            if now == count {
                return;
            }
            count = now;
        }
    }

    /// The threads the bot copied `texts` into, in order (each must have been copied).
    pub fn threads_of(&self, texts: &[String]) -> Vec<MessageId> {
        let log = self.log();
        texts
            .iter()
            .map(|text| log.copies[text].thread.expect("copies are in a thread"))
            .collect()
    }

    /// Latencies from each original to its copy, with the first original's and the last
    /// copy's instants.
    pub fn latencies(&self, texts: &[String]) -> (Vec<Duration>, Instant, Instant) {
        let log = self.log();
        let mut latencies = Vec::with_capacity(texts.len());
        let mut first = None::<Instant>;
        let mut last = None::<Instant>;
        for text in texts {
            let (Some(original), Some(copy)) = (log.originals.get(text), log.copies.get(text))
            else {
                continue;
            };
            latencies.push(copy.at.saturating_duration_since(original.at));
            first = Some(first.map_or(original.at, |first| first.min(original.at)));
            last = Some(last.map_or(copy.at, |last| last.max(copy.at)));
        }
        let now = Instant::now();
        (latencies, first.unwrap_or(now), last.unwrap_or(now))
    }
}

/// Percentiles of a set of durations.
#[derive(Clone, Copy, Debug, Default)]
pub struct Spread {
    pub p50: Duration,
    pub p95: Duration,
    pub p99: Duration,
    pub max: Duration,
}

impl Spread {
    /// The nearest-rank percentiles of `values`.
    pub fn of(values: &mut [Duration]) -> Spread {
        values.sort_unstable();
        let rank = |p: f64| -> Duration {
            if values.is_empty() {
                return Duration::ZERO;
            }
            let index = ((p / 100.0) * values.len() as f64).ceil() as usize;
            values[index.clamp(1, values.len()) - 1]
        };
        Spread {
            p50: rank(50.0),
            p95: rank(95.0),
            p99: rank(99.0),
            max: rank(100.0),
        }
    }
}

/// Milliseconds with two decimals, for tables.
pub fn ms(duration: Duration) -> String {
    format!("{:.2}", duration.as_secs_f64() * 1000.0)
}

/// The median of some numbers.
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}
