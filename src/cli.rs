//! Command-line types (clap derive). Doc comments are the `--help` text; no logic lives here.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// MCP server for a Telegram user account: one shared Telegram connection for every MCP window.
///
/// Without a subcommand it serves MCP on stdin/stdout: it attaches to the running owner of the
/// session (a daemon, or another window), or becomes that owner itself. Configure it with
/// TELEGRAM_API_ID, TELEGRAM_API_HASH, TELEGRAM_SESSION_PATH and MCP_TELEGRAM_SOCKET.
#[derive(Debug, Parser)]
#[command(name = "mcp-telegram", version, about)]
pub struct Cli {
    /// Use a simulated Telegram (a demo account) living in the owner instead of the real one.
    #[arg(long, global = true)]
    pub sandbox: bool,
    /// What to run; none = an MCP window on stdio.
    #[command(subcommand)]
    pub mode: Option<Mode>,
}

/// The modes of the binary.
#[derive(Debug, Subcommand)]
pub enum Mode {
    /// Run the owner as a daemon: holds the Telegram connection, serves windows on the socket,
    /// no stdio; runs until SIGTERM or SIGINT. Same as MCP_TELEGRAM_DAEMON=1.
    Serve,
    /// Run a simulated Telegram data center on loopback and write a session file for it.
    ///
    /// Once it listens, prints one JSON line on stdout and nothing else:
    /// {"control":"PATH","listen":"127.0.0.1:PORT","phone":"+15550100123","session":"PATH"}
    /// (phone: the demo account's number, for logging in). Serves until SIGINT or SIGTERM.
    /// Logs go to stderr.
    Sandbox(SandboxArgs),
    /// Sign in to Telegram: phone number, code and (if set) the 2FA password, or a QR code.
    ///
    /// When an owner runs for the session (a daemon, the service, a window) the login happens
    /// through it, so the session is never used from two places; otherwise this process owns
    /// the session while it logs in. On a terminal it asks for what it needs (the password
    /// without echo). Without a terminal, pass --phone (or --qr) and give the code and the 2FA
    /// password as lines on stdin.
    Login(LoginArgs),
    /// Show the owner's state: account, connection, clients, uptime; or why there is none.
    Status,
    /// Sign out of Telegram (ends this session's authorization) and forget the account.
    Logout,
    /// List the tools a window would offer, one line each, with the size of its `tools/list`.
    ///
    /// Without --profile: the tools of this environment's settings (MCP_TELEGRAM_TOOLS,
    /// MCP_TELEGRAM_TOOLS_ALLOW, MCP_TELEGRAM_TOOLS_DENY, MCP_TELEGRAM_READ_ONLY; default
    /// profile core). A daemon's access policy may narrow them further for a given user.
    Tools(ToolsArgs),
}

/// Options of `mcp-telegram tools`.
#[derive(Debug, Args)]
pub struct ToolsArgs {
    /// Profiles to list instead of MCP_TELEGRAM_TOOLS: core, messaging, media, groups, account
    /// or all (a comma list).
    #[arg(long)]
    pub profile: Option<String>,
}

/// Options of `mcp-telegram login`.
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Phone number in international format, e.g. +44 7700 900123 (asked for if omitted).
    #[arg(long, conflicts_with = "qr")]
    pub phone: Option<String>,
    /// Log in by scanning a QR code with the Telegram app (Settings → Devices → Link Desktop
    /// Device) instead of a code; useful when codes do not arrive.
    #[arg(long)]
    pub qr: bool,
}

/// Options of `mcp-telegram sandbox`.
#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Loopback address to listen on; port 0 picks a free port (reported on stdout).
    #[arg(long, default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,
    /// Session file to write (grammers' SQLite format, every DC pointing at the sandbox).
    /// An existing sandbox session there is reused with its key; a real account's is refused.
    #[arg(long)]
    pub session: PathBuf,
    /// Unix socket for the test controls (JSON lines). Default: the session path plus ".control".
    #[arg(long)]
    pub control: Option<PathBuf>,
    /// Write the session with a fresh key that is not signed in: only login RPCs work until a
    /// client logs in (phone from the ready line, code from the control {"op":"login-code"},
    /// or a QR token accepted with {"op":"scan-qr"}).
    #[arg(long)]
    pub signed_out: bool,
}
