//! Entry point: parse the command line, set up logging, run the mode, report errors once.

use std::process::ExitCode;

use clap::Parser;
use mcp_telegram::{cli, modes};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    modes::init_logging();
    let result = match cli.mode {
        cli::Mode::Sandbox(args) => modes::sandbox(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("mcp-telegram: {err:#}");
            ExitCode::FAILURE
        }
    }
}
