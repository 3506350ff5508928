//! `mcp-telegram sandbox`: a simulated data center in the foreground, its control socket, and
//! the one documented stdout line.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use anyhow::{Context, bail};
use tokio::net::{TcpListener, UnixListener, UnixStream};
use tokio::sync::watch;

use crate::cli::SandboxArgs;
use crate::config::with_suffix;
use crate::sandbox::{self, Sandbox};

/// `mcp-telegram sandbox`: serve a simulated DC and its control socket until a signal.
pub(crate) fn run(args: SandboxArgs) -> anyhow::Result<()> {
    if !args.listen.ip().is_loopback() || !args.listen.is_ipv4() {
        bail!("the sandbox only listens on IPv4 loopback, not {}: use --listen 127.0.0.1:PORT", args.listen);
    }
    super::runtime()?.block_on(run_sandbox(args))
}

async fn run_sandbox(args: SandboxArgs) -> anyhow::Result<()> {
    let listener = TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("failed to listen on {}", args.listen))?;
    let addr = listener.local_addr().context("failed to read the listening address")?;
    let sandbox = Sandbox::new();
    let existing = sandbox::read_sandbox_key(&args.session).await?;
    let key = match existing {
        // A fresh key, so nothing a previous run signed in carries over.
        _ if args.signed_out => sandbox.mint_key_signed_out(),
        Some(key) => {
            sandbox.adopt_key(key.clone());
            key
        }
        None => sandbox.mint_key(),
    };
    sandbox::write_session(&args.session, addr, &key).await?;
    let control_path = args.control.unwrap_or_else(|| with_suffix(&args.session, ".control"));
    let control = bind_control(&control_path).await?;
    announce(addr, &args.session, &control_path);
    tracing::info!(%addr, session = %args.session.display(), "sandbox data center ready");

    let (stop, stopped) = watch::channel(false);
    let wait = |mut rx: watch::Receiver<bool>| async move {
        let _ = rx.wait_for(|stop| *stop).await;
    };
    let signals = async move {
        wait_for_signal().await;
        let _ = stop.send(true);
    };
    tokio::join!(
        signals,
        sandbox.serve(listener, wait(stopped.clone())),
        sandbox.serve_controls(control, wait(stopped))
    );
    let _ = std::fs::remove_file(&control_path);
    tracing::info!("sandbox stopped");
    Ok(())
}

/// The one documented stdout line of `sandbox`: where it listens, what it wrote and the demo
/// account's phone number (for logging in with a `--signed-out` session).
#[allow(clippy::print_stdout)]
fn announce(addr: std::net::SocketAddr, session: &Path, control: &Path) {
    let line = serde_json::json!({
        "listen": addr.to_string(),
        "session": session.display().to_string(),
        "control": control.display().to_string(),
        "phone": sandbox::DEMO_PHONE,
    });
    println!("{line}");
}

/// Binds the control socket, replacing a stale one but never a live sandbox's.
async fn bind_control(path: &Path) -> anyhow::Result<UnixListener> {
    if path.exists() {
        if UnixStream::connect(path).await.is_ok() {
            bail!(
                "another sandbox is running with control socket {}: stop it or pass --control",
                path.display()
            );
        }
        std::fs::remove_file(path)
            .with_context(|| format!("failed to remove stale socket {}", path.display()))?;
    }
    let listener = UnixListener::bind(path)
        .with_context(|| format!("failed to bind control socket {}", path.display()))?;
    // The controls can kick, stall and revoke: only the owner of the sandbox may use them.
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .with_context(|| format!("failed to restrict control socket {}", path.display()))?;
    Ok(listener)
}

pub(super) async fn wait_for_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).ok();
    let term = async {
        match term.as_mut() {
            Some(term) => {
                term.recv().await;
            }
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = term => {}
    }
}
