//! Entry point: parse the command line, set up logging, run the mode, report errors once.

use std::process::ExitCode;

use clap::Parser;
use mcp_telegram::{cli, modes};

fn main() -> ExitCode {
    // The common case (an MCP host starting a window) needs no argument parsing.
    let cli = match std::env::args_os().len() {
        1 => cli::Cli { sandbox: false, mode: None },
        _ => cli::Cli::parse(),
    };
    let daemon = std::env::var("MCP_TELEGRAM_DAEMON").is_ok_and(|v| v == "1");
    if modes::logs_at_start(cli.mode.is_none() && !daemon) {
        modes::init_logging();
    }
    let result = match cli.mode {
        Some(cli::Mode::Sandbox(args)) => modes::sandbox(args),
        Some(cli::Mode::Serve) => modes::serve(cli.sandbox),
        None if daemon => modes::serve(cli.sandbox),
        None => modes::window(cli.sandbox),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("mcp-telegram: {err:#}");
            ExitCode::FAILURE
        }
    }
}
