//! The `threadesk` binary: parses the command line and runs the subcommand.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    threadesk::cli::execute(threadesk::cli::Cli::parse())
}
