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
    let role = match (&cli.mode, daemon) {
        (Some(cli::Mode::Sandbox(_)), _) => modes::Role::Sandbox,
        (Some(cli::Mode::Serve), _) | (None, true) => modes::Role::Daemon,
        (Some(cli::Mode::Login(_) | cli::Mode::Status | cli::Mode::Logout), _) => modes::Role::Command,
        (None, false) => modes::Role::Client,
    };
    if modes::logs_at_start(role == modes::Role::Client) {
        modes::init_logging(role);
    }
    let result = match cli.mode {
        Some(cli::Mode::Sandbox(args)) => modes::sandbox(args),
        Some(cli::Mode::Serve) => modes::serve(cli.sandbox),
        Some(cli::Mode::Login(args)) => modes::login(args, cli.sandbox),
        Some(cli::Mode::Status) => modes::status(cli.sandbox),
        Some(cli::Mode::Logout) => modes::logout(cli.sandbox),
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
