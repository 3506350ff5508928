//! One short function per mode of the binary. This is the composition root: the only module
//! that wires the others together and decides which role a process plays.

mod host;
mod sandbox;

use anyhow::{Context, bail};

use crate::cli::SandboxArgs;
use crate::config::Config;
use crate::lock::{Acquired, OwnerLock};

/// Default log filter: our lifecycle lines, only warnings from the libraries.
const DEFAULT_LOG: &str = "info,grammers_mtproto=warn,grammers_mtsender=warn,grammers_session=warn,rmcp=warn";

/// Logs go to stderr (stdout is reserved for protocol output); `RUST_LOG` filters them with
/// `target=level` directives, e.g. `RUST_LOG=debug` or `RUST_LOG=info,grammers_mtsender=debug`.
pub fn init_logging() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(install_logging);
}

/// Whether logging is wanted before anything else happens: always, except for a thin client,
/// which stays quiet (and small) unless `RUST_LOG` asks for its lines; a window that becomes the
/// owner installs logging then.
pub fn logs_at_start(is_window: bool) -> bool {
    !is_window || std::env::var_os("RUST_LOG").is_some_and(|v| !v.is_empty())
}

fn install_logging() {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let wanted = std::env::var("RUST_LOG").ok().filter(|v| !v.trim().is_empty());
    let filter: tracing_subscriber::filter::Targets = wanted
        .as_deref()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| DEFAULT_LOG.parse().expect("the default filter parses"));
    let fmt = tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_ansi(false);
    tracing_subscriber::registry().with(filter).with(fmt).init();
}

/// `mcp-telegram sandbox`: a simulated DC in the foreground.
pub fn sandbox(args: SandboxArgs) -> anyhow::Result<()> {
    sandbox::run(args)
}

/// `mcp-telegram serve` / `MCP_TELEGRAM_DAEMON=1`: own the session, serve windows on the
/// socket, no stdio, until SIGTERM or SIGINT.
pub fn serve(use_sandbox: bool) -> anyhow::Result<()> {
    let cfg = Config::from_env(use_sandbox)?;
    let runtime = tokio::runtime::Runtime::new().context("failed to start the async runtime")?;
    runtime.block_on(async {
        cfg.paths.prepare_dir()?;
        let lock = match OwnerLock::try_acquire(&cfg.paths.lock)? {
            Acquired::Owner(lock) => lock,
            Acquired::Busy => bail!(
                "already running: another process owns {} (its pid is in {}); stop it or use another TELEGRAM_SESSION_PATH",
                cfg.paths.session.display(),
                cfg.paths.lock.display()
            ),
        };
        let hosted = host::Hosted::start(lock, &cfg).await?;
        tracing::info!(socket = %cfg.paths.socket.display(), "owner daemon listening");
        sandbox::wait_for_signal().await;
        tracing::info!("stopping");
        hosted.stop().await;
        Ok(())
    })
}

/// No subcommand: serve MCP on stdio, as a thin client of the session's owner or as the owner.
pub fn window(use_sandbox: bool) -> anyhow::Result<()> {
    let cfg = Config::from_env(use_sandbox)?;
    crate::relay::run(std::io::stdin().lock(), std::io::stdout(), host::connector(cfg))
}
