//! The `threadesk` binary: parses the command line, sets up logging and runs the subcommand.

use std::process::ExitCode;

use clap::Parser;
use threadesk::cli::{Cli, Command};
use threadesk::config::Sources;
use tokio_util::sync::CancellationToken;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run { config } => {
            let config = match Sources::load(config.as_deref()).and_then(Sources::resolve) {
                Ok(config) => config,
                Err(error) => {
                    eprintln!("threadesk: {error}");
                    return ExitCode::from(2);
                }
            };
            if let Err(error) = threadesk::telemetry::init(&config.log, config.log_json) {
                eprintln!("threadesk: setting `log` (THREADESK_LOG) is invalid: {error}");
                return ExitCode::from(2);
            }
            let runtime = match tokio::runtime::Runtime::new() {
                Ok(runtime) => runtime,
                Err(error) => {
                    eprintln!("threadesk: cannot start the async runtime: {error}");
                    return ExitCode::FAILURE;
                }
            };
            let shutdown = CancellationToken::new();
            runtime.spawn(stop_on_signal(shutdown.clone()));
            match runtime.block_on(threadesk::app::run(config, shutdown)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("threadesk: {error:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// Cancels `shutdown` on Ctrl-C or SIGTERM.
async fn stop_on_signal(shutdown: CancellationToken) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
        } else {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
    shutdown.cancel();
}
