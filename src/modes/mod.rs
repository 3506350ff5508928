//! One short function per mode of the binary. This is the composition root: the only module
//! that wires the others together and decides which role a process plays.

mod commands;
mod daemon;
mod host;
mod sandbox;

pub use commands::{login, logout, status, tools};

use anyhow::Context;

use crate::cli::SandboxArgs;
use crate::config::Config;

/// Default log filter: our lifecycle lines, only warnings from the libraries.
const DEFAULT_LOG: &str = "info,grammers_mtproto=warn,grammers_mtsender=warn,grammers_session=warn,rmcp=warn";

/// Logs go to stderr (stdout is reserved for protocol output); `RUST_LOG` filters them with
/// `target=level` directives, e.g. `RUST_LOG=debug` or `RUST_LOG=info,grammers_mtsender=debug`.
/// Under systemd (stderr is the journal, or `MCP_TELEGRAM_LOG=journald`) they go to journald
/// as structured entries stamped `ROLE=<role>`. The first call wins.
pub fn init_logging(role: Role) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| install_logging(role));
}

/// What this process is, as logs name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `serve`: the owner daemon.
    Daemon,
    /// A window that owns the session.
    Master,
    /// A window relaying to an owner.
    Client,
    /// `sandbox`: a simulated data center.
    Sandbox,
    /// `login`, `status`, `logout`: a terminal command (warnings only, unless `RUST_LOG`).
    Command,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Self::Daemon => "daemon",
            Self::Master => "master",
            Self::Client => "client",
            Self::Sandbox => "sandbox",
            Self::Command => "command",
        }
    }
}

/// Whether logging is wanted before anything else happens: always, except for a thin client,
/// which stays quiet (and small) unless `RUST_LOG` asks for its lines; a window that becomes the
/// owner installs logging then.
pub fn logs_at_start(is_window: bool) -> bool {
    !is_window || std::env::var_os("RUST_LOG").is_some_and(|v| !v.is_empty())
}

fn install_logging(role: Role) {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let wanted = std::env::var("RUST_LOG").ok().filter(|v| !v.trim().is_empty());
    let filter: tracing_subscriber::filter::Targets =
        wanted.as_deref().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
            let default = if role == Role::Command { "warn" } else { DEFAULT_LOG };
            default.parse().expect("the default filter parses")
        });
    let journal =
        if crate::systemd::wants_journal() { crate::systemd::journal_layer(role.name()) } else { None };
    let stderr = journal
        .is_none()
        .then(|| tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_ansi(false));
    tracing_subscriber::registry().with(filter).with(journal).with(stderr).init();
}

/// `mcp-telegram sandbox`: a simulated DC in the foreground.
/// The runtime of every async mode (an owner: daemon or master; the sandbox): one thread. An
/// owner waits on sockets almost all the time, so one thread serves every window, with no
/// hand-offs between worker threads (each can wake an idle vCPU). It also keeps tokio's
/// multi-thread scheduler, whose statistics were the binary's only use of libm's `pow`, out of
/// the build, so that a thin client does not load libm at all (ARCHITECTURE.md, "Memory of a
/// thin client").
fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("failed to start the async runtime")
}

pub fn sandbox(args: SandboxArgs) -> anyhow::Result<()> {
    sandbox::run(args)
}

/// `mcp-telegram serve` / `MCP_TELEGRAM_DAEMON=1`: own the session, serve windows on the
/// socket (systemd's, when socket-activated), no stdio, until SIGTERM or SIGINT.
pub fn serve(use_sandbox: bool) -> anyhow::Result<()> {
    daemon::run(use_sandbox)
}

/// No subcommand: serve MCP on stdio, as a thin client of the session's owner or as the owner.
pub fn window(use_sandbox: bool) -> anyhow::Result<()> {
    let cfg = Config::from_env(use_sandbox)?;
    crate::relay::run(std::io::stdin().lock(), std::io::stdout(), host::connector(cfg))
}
