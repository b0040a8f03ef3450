//! The command line: `threadesk run | demo | doctor | export | backup | restore`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// A helpdesk that lives inside Telegram.
#[derive(Debug, Parser)]
#[command(name = "threadesk", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot (long polling) with the settings file and THREADESK_* variables.
    Run {
        /// Settings file (TOML). Environment variables override it.
        #[arg(short, long, value_name = "PATH", env = "THREADESK_CONFIG")]
        config: Option<PathBuf>,
    },
}
