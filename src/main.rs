//! Entry point: parse the command line, set up logging, run the mode, report errors once.

use std::process::ExitCode;

use clap::Parser;
use mcp_telegram::{cli, modes};

fn main() -> ExitCode {
    // An MCP host starts a window with no argument or with `--sandbox` alone; the argument
    // parser's code would add about 0.3 MiB to the resident memory of every such window.
    let mut args = std::env::args_os().skip(1);
    let cli = match (args.next(), args.next()) {
        (None, _) => cli::Cli { sandbox: false, mode: None },
        (Some(only), None) if only == "--sandbox" => cli::Cli { sandbox: true, mode: None },
        _ => cli::Cli::parse(),
    };
    let daemon = std::env::var("MCP_TELEGRAM_DAEMON").is_ok_and(|v| v == "1");
    let role = match (&cli.mode, daemon) {
        (Some(cli::Mode::Sandbox(_)), _) => modes::Role::Sandbox,
        (Some(cli::Mode::Serve), _) | (None, true) => modes::Role::Daemon,
        (Some(cli::Mode::Login(_) | cli::Mode::Status | cli::Mode::Logout | cli::Mode::Tools(_)), _) => {
            modes::Role::Command
        }
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
        Some(cli::Mode::Tools(args)) => modes::tools(args),
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
