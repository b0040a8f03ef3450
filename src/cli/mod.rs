//! The command line: `threadesk run | demo | doctor | export | stats | forget | backup |
//! restore`.
//!
//! Arguments are parsed here; each subcommand loads and validates the settings it needs and
//! reports problems in one line. `demo` exists only with the default `demo` feature.
//! `data_dir.rs`: what the commands that work on the data directory share (`stats`, the
//! running or stopped bot's database).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tokio_util::sync::CancellationToken;

use crate::config::{Config, Sources};
#[cfg(feature = "demo")]
use crate::demo;
use crate::domain::{ExportKind, ExportRequest};
use crate::ops::{backup, control, doctor, export};

mod data_dir;
use data_dir::{forget_stopped, open_stopped, save_stream, stats, with_storage};

/// threadesk: a self-hosted helpdesk that lives inside Telegram.
///
/// Customers write to your bot; your team answers in the comment thread of each customer's
/// card in a private channel. Start with `threadesk demo`, check a real setup with
/// `threadesk doctor`, then `threadesk run`.
#[derive(Debug, Parser)]
#[command(name = "threadesk", version, about, long_about)]
#[cfg_attr(
    not(feature = "demo"),
    command(
        long_about = "threadesk: a self-hosted helpdesk that lives inside Telegram.\n\n\
                      Customers write to your bot; your team answers in the comment thread of each \
                      customer's card in a private channel. Check a real setup with \
                      `threadesk doctor`, then `threadesk run`.",
        after_help = "This build has no `demo` subcommand: build with the default `demo` feature \
                      for `threadesk demo`."
    )
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot with the settings file and THREADESK_* variables (stop with Ctrl-C or SIGTERM).
    Run {
        /// Settings file (TOML); environment variables override it.
        #[arg(short, long, value_name = "PATH", env = "THREADESK_CONFIG")]
        config: Option<PathBuf>,
        /// Move the team to the workspace in the settings although the data directory belongs
        /// to another channel or forum: customers, tickets and canned replies are kept, and each
        /// customer gets a new card and thread there on their next message.
        #[arg(
            long,
            env = "THREADESK_NEW_WORKSPACE",
            value_parser = clap::builder::BoolishValueParser::new(),
            action = clap::ArgAction::SetTrue
        )]
        new_workspace: bool,
    },
    /// Play a scripted conversation against the built-in Telegram simulator and show the result.
    #[cfg(feature = "demo")]
    Demo {
        /// Also save the chart the demo's closing `/stats` answers with to this PNG file.
        #[arg(long, value_name = "PATH")]
        chart: Option<PathBuf>,
    },
    /// Check the settings, the bot's rights, the chats and the data directory; exit 1 if
    /// anything blocks operation.
    Doctor {
        /// Settings file (TOML); environment variables override it.
        #[arg(short, long, value_name = "PATH", env = "THREADESK_CONFIG")]
        config: Option<PathBuf>,
    },
    /// Export customers with their tickets, customers alone, or broadcasts (works while the
    /// bot runs).
    Export {
        /// Settings file (TOML); only the data directory is needed.
        #[arg(short, long, value_name = "PATH", env = "THREADESK_CONFIG")]
        config: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: export::Format,
        /// Customers with their tickets (the default).
        #[arg(long, conflicts_with_all = ["customers", "broadcasts"])]
        tickets: bool,
        /// One row per customer (tags and contact fields), as `/import` reads it.
        #[arg(long, conflicts_with = "broadcasts")]
        customers: bool,
        /// One row per broadcast, with its counts.
        #[arg(long)]
        broadcasts: bool,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// The figures of `/stats` for a period, as text or JSON, and optionally the chart (works
    /// while the bot runs).
    Stats {
        /// Settings file (TOML): the data directory, `timezone`, `working_hours` and
        /// `team_language` are used.
        #[arg(short, long, value_name = "PATH", env = "THREADESK_CONFIG")]
        config: Option<PathBuf>,
        /// `today`, `7d`, `30d` (any `Nd` up to `366d`), `month`, or `2026-11-01..2026-11-30`,
        /// in `timezone`.
        #[arg(long, default_value = "7d")]
        period: String,
        /// Print the figures as JSON (durations in milliseconds) instead of text.
        #[arg(long)]
        json: bool,
        /// Also write the chart `/stats` sends to this PNG file.
        #[arg(long, value_name = "PATH")]
        chart: Option<PathBuf>,
    },
    /// Erase everything stored about a customer, as /forget does (works while the bot runs; when
    /// it is stopped, the card and the thread say so once it starts).
    Forget {
        /// Settings file (TOML); only the data directory is needed.
        #[arg(short, long, value_name = "PATH", env = "THREADESK_CONFIG")]
        config: Option<PathBuf>,
        /// The customer's Telegram user id.
        #[arg(value_name = "USER_ID", allow_negative_numbers = true)]
        user: i64,
    },
    /// Write a consistent snapshot of the data directory to a file (works while the bot runs).
    Backup {
        /// Settings file (TOML); only the data directory is needed.
        #[arg(short, long, value_name = "PATH", env = "THREADESK_CONFIG")]
        config: Option<PathBuf>,
        /// The backup file to write.
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
    },
    /// Restore a backup into the data directory (refuses while the bot runs there).
    Restore {
        /// Settings file (TOML); only the data directory is needed.
        #[arg(short, long, value_name = "PATH", env = "THREADESK_CONFIG")]
        config: Option<PathBuf>,
        /// The backup file to read.
        #[arg(short, long, value_name = "PATH")]
        input: PathBuf,
        /// Replace a data directory that already holds data (never one in use).
        #[arg(long)]
        force: bool,
    },
}

/// Runs the parsed command line.
pub fn execute(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Run {
            config,
            new_workspace,
        } => with_config(config, |mut config| {
            config.move_to_new_workspace = new_workspace;
            runtime_with(config.worker_threads, |shutdown| async move {
                match crate::app::run(config, shutdown).await {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(error) => fail(format!("{error:#}")),
                }
            })
        }),
        #[cfg(feature = "demo")]
        Command::Demo { chart } => {
            init_logs("warn", false);
            runtime(|_| async move {
                match demo::run(chart.as_deref()).await {
                    Ok(report) => {
                        println!("{report}");
                        println!("Every step was observed. Read the README to connect a real bot.");
                        ExitCode::SUCCESS
                    }
                    Err(error) => fail(error.to_string()),
                }
            })
        }
        Command::Doctor { config } => with_config(config, |config| {
            runtime(|_| async move {
                let report = doctor::run(&config).await;
                println!("{report}");
                if report.is_blocking() {
                    ExitCode::FAILURE
                } else {
                    ExitCode::SUCCESS
                }
            })
        }),
        Command::Export {
            config,
            format,
            tickets: _,
            customers,
            broadcasts,
            output,
        } => {
            let hidden = match Sources::load(config.as_deref())
                .and_then(|sources| sources.hides_customer_info())
            {
                Ok(hidden) => hidden,
                Err(error) => {
                    eprintln!("threadesk: {error}");
                    return ExitCode::from(2);
                }
            };
            with_storage(config, |data_dir, cache| {
                let kind = if customers {
                    ExportKind::Customers
                } else if broadcasts {
                    ExportKind::Broadcasts
                } else {
                    ExportKind::Tickets
                };
                let request = ExportRequest {
                    kind,
                    format: format.into(),
                    segment: None,
                    since: None,
                    part_bytes: u64::MAX,
                };
                let command = format!("export {} {}", kind.name(), request.format.name());
                let mut out: Box<dyn std::io::Write> = match &output {
                    Some(path) => match std::fs::File::create(path) {
                        Ok(file) => Box::new(file),
                        Err(error) => {
                            return fail(format!("cannot write {}: {error}", path.display()));
                        }
                    },
                    None => Box::new(std::io::stdout().lock()),
                };
                let result = match control::request(&data_dir, &command) {
                    Ok(mut stream) => std::io::copy(&mut stream, &mut out)
                        .map(drop)
                        .map_err(|error| error.to_string()),
                    Err(control::ControlError::NotRunning(_)) => open_stopped(&data_dir, cache)
                        .and_then(|store| {
                            let pseudonyms = match hidden {
                                true => Some(
                                    crate::storage::pseudonyms::pseudonym_key(&store)
                                        .map_err(|error| error.to_string())?,
                                ),
                                false => None,
                            };
                            let now = crate::pipeline::clock::now();
                            export::write(&store, &request, now, pseudonyms.as_ref(), &mut out)
                                .map(drop)
                                .map_err(|error| error.to_string())
                        }),
                    Err(error) => Err(error.to_string()),
                };
                match result.and_then(|()| out.flush().map_err(|error| error.to_string())) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(error) => fail(error),
                }
            })
        }
        Command::Stats {
            config,
            period,
            json,
            chart,
        } => stats(config, &period, json, chart.as_deref()),
        Command::Forget { config, user } => with_storage(config, |data_dir, cache| {
            let result = match control::request(&data_dir, &format!("forget {user}")) {
                Ok(mut stream) => {
                    let mut answer = String::new();
                    std::io::Read::read_to_string(&mut stream, &mut answer)
                        .map(|_| answer.trim_end().to_owned())
                        .map_err(|error| error.to_string())
                }
                Err(control::ControlError::NotRunning(_)) => {
                    open_stopped(&data_dir, cache).and_then(|store| forget_stopped(&store, user))
                }
                Err(error) => Err(error.to_string()),
            };
            match result {
                Ok(summary) => {
                    println!("{summary}");
                    ExitCode::SUCCESS
                }
                Err(error) => fail(error),
            }
        }),
        Command::Backup { config, output } => with_storage(config, |data_dir, cache| {
            let result = match control::request(&data_dir, "backup") {
                Ok(mut stream) => save_stream(&mut stream, &output),
                Err(control::ControlError::NotRunning(_)) => open_stopped(&data_dir, cache)
                    .and_then(|store| {
                        backup::write_file(&store, &output).map_err(|error| error.to_string())
                    }),
                Err(error) => Err(error.to_string()),
            };
            match result {
                Ok(summary) => {
                    println!(
                        "backup written to {} ({} entries, {} bytes)",
                        output.display(),
                        summary.entries(),
                        summary.bytes
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => fail(error),
            }
        }),
        Command::Restore {
            config,
            input,
            force,
        } => with_storage(config, |data_dir, cache| {
            let file = match std::fs::File::open(&input) {
                Ok(file) => file,
                Err(error) => return fail(format!("cannot read {}: {error}", input.display())),
            };
            match backup::restore(file, &data_dir, cache, force) {
                Ok(summary) => {
                    println!(
                        "restored {} entries into {}",
                        summary.entries(),
                        data_dir.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => fail(error.to_string()),
            }
        }),
    }
}

fn with_config(path: Option<PathBuf>, run: impl FnOnce(Config) -> ExitCode) -> ExitCode {
    let config = match Sources::load(path.as_deref()).and_then(Sources::resolve) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("threadesk: {error}");
            return ExitCode::from(2);
        }
    };
    if let Err(error) = crate::telemetry::init(&config.log, config.log_json) {
        eprintln!("threadesk: setting `log` (THREADESK_LOG) is invalid: {error}");
        return ExitCode::from(2);
    }
    run(config)
}

/// Runs `work` on a runtime with one worker thread (tools and checks).
fn runtime<F: std::future::Future<Output = ExitCode>>(
    work: impl FnOnce(CancellationToken) -> F,
) -> ExitCode {
    runtime_with(1, work)
}

/// Runs `work` on a runtime with `workers` worker threads, until it ends; a signal cancels
/// the token it is given.
fn runtime_with<F: std::future::Future<Output = ExitCode>>(
    workers: usize,
    work: impl FnOnce(CancellationToken) -> F,
) -> ExitCode {
    let built = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build();
    let runtime = match built {
        Ok(runtime) => runtime,
        Err(error) => return fail(format!("cannot start the async runtime: {error}")),
    };
    let shutdown = CancellationToken::new();
    runtime.spawn(stop_on_signal(shutdown.clone()));
    runtime.block_on(work(shutdown))
}

#[cfg(feature = "demo")]
fn init_logs(default: &str, json: bool) {
    let filter = std::env::var("THREADESK_LOG").unwrap_or_else(|_| default.to_owned());
    let _ = crate::telemetry::init(&filter, json);
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("threadesk: {message}");
    ExitCode::FAILURE
}

/// Cancels `shutdown` on Ctrl-C or SIGTERM.
async fn stop_on_signal(shutdown: CancellationToken) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
    shutdown.cancel();
}
