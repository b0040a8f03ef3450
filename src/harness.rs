//! The bot against a simulated Telegram, as `threadesk demo`, the tests and the benchmarks run
//! it: the settings for a scene of the simulator, the bot in this process (`app::run` with a
//! cancellation token), and the built binary as a child process (stopped with SIGTERM, killed
//! with SIGKILL). Only built with the `demo` feature.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use telegram_sim::{Scene, Simulator};
use tokio::process::{Child, Command};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::config::{Config, RawConfig, Sources};

/// Settings that make the bot quick to react and to stop in tests: a short album wait, thread
/// timeout and long poll, and a small cache.
pub const FAST: [(&str, &str); 4] = [
    ("THREADESK_ALBUM_WAIT", "150ms"),
    ("THREADESK_THREAD_TIMEOUT", "5s"),
    ("THREADESK_POLL_TIMEOUT", "1s"),
    ("THREADESK_CACHE_MB", "8"),
];

/// The settings (environment variables) that run the bot against `scene` in `sim`, on
/// `data_dir`: the scene's bot token, the simulator's URL, the scene's channel or forum, rate
/// limits off and no ops listener.
pub fn settings(sim: &Simulator, scene: &Scene, data_dir: &Path) -> HashMap<String, String> {
    let mut settings: HashMap<String, String> = [
        ("THREADESK_BOT_TOKEN", scene.bot.token.clone()),
        ("THREADESK_API_URL", sim.url().to_string()),
        ("THREADESK_DATA_DIR", data_dir.display().to_string()),
        ("THREADESK_RATE_PRIVATE", "off".into()),
        ("THREADESK_RATE_GROUP", "off".into()),
        ("THREADESK_RATE_GLOBAL", "off".into()),
        ("THREADESK_OPS_LISTEN", "off".into()),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), value))
    .collect();
    point_at(&mut settings, scene);
    settings
}

/// Points `settings` at the scene's current workspace: its channel, or its forum.
pub fn point_at(settings: &mut HashMap<String, String>, scene: &Scene) {
    match (scene.forum, scene.channel) {
        (false, Some(channel)) => {
            settings.remove("THREADESK_LAYOUT");
            settings.remove("THREADESK_FORUM_ID");
            settings.insert("THREADESK_CHANNEL_ID".into(), channel.0.to_string());
        }
        _ => {
            settings.remove("THREADESK_CHANNEL_ID");
            settings.insert("THREADESK_LAYOUT".into(), "forum".into());
            settings.insert("THREADESK_FORUM_ID".into(), scene.group.0.to_string());
        }
    }
}

/// The validated configuration of these settings over a settings file's text (TOML).
pub fn config(settings: &HashMap<String, String>, file: &str) -> anyhow::Result<Config> {
    let file: RawConfig = toml::from_str(file).context("the settings file")?;
    Ok(Sources::from_parts(file, settings.clone()).resolve()?)
}

/// The bot running in this process, as `threadesk run` runs it. Dropping it kills it.
pub struct InProcessBot {
    shutdown: CancellationToken,
    task: Option<JoinHandle<anyhow::Result<()>>>,
}

impl InProcessBot {
    /// Starts the bot; while a killed instance still holds the database lock, it retries (for
    /// up to five seconds).
    pub fn start(config: Config) -> InProcessBot {
        let shutdown = CancellationToken::new();
        let stop = shutdown.clone();
        let task = tokio::spawn(async move {
            let mut attempts = 0;
            loop {
                let result = crate::app::run(config.clone(), stop.clone()).await;
                match result {
                    Err(error) if attempts < 100 && format!("{error:#}").contains("lock") => {
                        attempts += 1;
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                    other => return other,
                }
            }
        });
        InProcessBot {
            shutdown,
            task: Some(task),
        }
    }

    /// Whether the bot stopped (it should not on its own).
    pub fn is_finished(&self) -> bool {
        self.task.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// Stops the bot gracefully and waits for it, `within` at most; its own error if it failed.
    pub async fn stop(mut self, within: Duration) -> anyhow::Result<()> {
        self.shutdown.cancel();
        let task = self.task.take().context("the bot is not running")?;
        match tokio::time::timeout(within, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(error)) => Err(anyhow::anyhow!("the bot task failed: {error}")),
            Err(_) => anyhow::bail!("the bot did not stop within {within:?}"),
        }
    }

    /// Kills the bot mid-stream: every task is dropped where it stands.
    pub async fn kill(mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
    }
}

impl Drop for InProcessBot {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// The last `lines` lines of a log file (empty if it cannot be read), for failure messages.
pub fn log_tail(log: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// The built binary running `threadesk run` as a child process. Dropping it kills it.
pub struct BotProcess {
    child: Child,
    pid: u32,
    /// Where its standard error goes.
    pub log: PathBuf,
    /// When it was started.
    pub started: Instant,
}

impl BotProcess {
    /// Starts `binary run` with exactly these settings (nothing else from the environment), its
    /// standard error appended to `log`.
    pub fn spawn<K, V>(
        binary: impl AsRef<OsStr>,
        settings: impl IntoIterator<Item = (K, V)>,
        log: &Path,
    ) -> std::io::Result<BotProcess>
    where
        K: AsRef<OsStr>,
        V: AsRef<OsStr>,
    {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)?;
        let started = Instant::now();
        let child = Command::new(binary)
            .arg("run")
            .env_clear()
            .envs(settings)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(file)
            .kill_on_drop(true)
            .spawn()?;
        let pid = child.id().unwrap_or_default();
        Ok(BotProcess {
            child,
            pid,
            log: log.to_owned(),
            started,
        })
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// How it exited, if it did.
    pub fn exited(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// The last `lines` lines of its log.
    pub fn log_tail(&self, lines: usize) -> String {
        log_tail(&self.log, lines)
    }

    /// Panics with its log if it exited.
    pub fn assert_running(&mut self) {
        if let Some(status) = self.exited() {
            panic!(
                "the bot exited ({status}); its log:\n{}",
                self.log_tail(200)
            );
        }
    }

    /// Sends SIGTERM and waits for it to exit, `within` at most (then it is killed).
    pub async fn stop(mut self, within: Duration) -> std::io::Result<ExitStatus> {
        std::process::Command::new("kill")
            .arg("-TERM")
            .arg(self.pid.to_string())
            .status()?;
        match tokio::time::timeout(within, self.child.wait()).await {
            Ok(status) => status,
            Err(_) => Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!("the bot did not stop within {within:?} of SIGTERM"),
            )),
        }
    }

    /// Kills it with SIGKILL and reaps it.
    pub async fn kill(mut self) {
        let _ = self.child.start_kill();
        let _ = self.child.wait().await;
    }
}
