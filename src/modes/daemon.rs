//! `serve`: the owner daemon. Takes systemd's socket when socket-activated (or binds its own),
//! and keeps the service manager told: `READY=1` once tool calls get real answers (Telegram
//! connected and signed in, or definitely not signed in), `STATUS=` in words at every change,
//! `EXTEND_TIMEOUT_USEC=` while the first connection is still being attempted (for at most
//! two minutes; then READY anyway, so a start never hangs), `WATCHDOG=1`
//! only while the connection is verified alive, `STOPPING=1` on SIGTERM.

use std::time::Duration;

use anyhow::bail;

use super::host::{Hosted, Socket};
use crate::config::Config;
use crate::lock::{Acquired, OwnerLock};
use crate::owner::{OwnerHandle, State};
use crate::systemd::Notifier;

/// While start-up is still connecting, how often to ask systemd for more time, and how much.
const EXTEND_EVERY: Duration = Duration::from_secs(10);
const EXTEND_BY: Duration = Duration::from_secs(30);
/// How long start-up waits for Telegram before it reports READY anyway: a start (and so a
/// restart or a package upgrade) must not hang while Telegram is unreachable; tool calls then
/// fail fast with "Telegram unreachable, reconnecting" and `STATUS=` says so.
const START_PATIENCE: Duration = Duration::from_secs(120);

pub(super) fn run(use_sandbox: bool) -> anyhow::Result<()> {
    // Before any thread exists: taking the socket edits the environment.
    let inherited = crate::systemd::take_listener()?;
    let notifier = Notifier::from_env();
    let mut cfg = Config::from_env(use_sandbox)?;
    if let Some(period) = notifier.watchdog_interval() {
        // Verify the connection often enough to feed the watchdog from fresh evidence.
        cfg.ping_every = cfg.ping_every.min(period / 3).max(Duration::from_secs(1));
    }
    let runtime = super::runtime()?;
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
        let socket = match inherited {
            Some(listener) => Socket::Inherited(listener),
            None => Socket::Bind,
        };
        let activated = matches!(socket, Socket::Inherited(_));
        let hosted = Hosted::start(lock, &cfg, socket).await?;
        match activated {
            true => tracing::info!("owner daemon listening on the socket systemd passed"),
            false => tracing::info!(socket = %cfg.paths.socket.display(), "owner daemon listening"),
        }
        let reporter = tokio::spawn(report(hosted.owner().clone(), notifier.clone()));
        super::sandbox::wait_for_signal().await;
        reporter.abort();
        let calls = hosted.owner().calls();
        tracing::info!(calls, "stopping");
        notifier.stopping(&format!("stopping: finishing {calls} tool call(s)"));
        hosted.stop().await;
        Ok(())
    })
}

/// The state in words, as `systemctl status` shows it.
fn status_line(state: &State, clients: usize) -> String {
    let plural = if clients == 1 { "" } else { "s" };
    format!("{} · {clients} client{plural}", state.describe())
}

/// Whether tool calls get real answers in this state (READY may be sent).
fn answers(state: &State) -> bool {
    matches!(state, State::Connected(_) | State::NotLoggedIn | State::SessionBurnt)
}

/// Follows the owner and tells the service manager; runs until aborted.
async fn report(owner: OwnerHandle, notifier: Notifier) {
    if !notifier.enabled() {
        return;
    }
    let mut states = owner.subscribe();
    let mut clients = owner.subscribe_clients();
    let mut ready = false;
    let mut told = String::new();
    let started = tokio::time::Instant::now();
    let mut extend = tokio::time::interval(EXTEND_EVERY);
    let watchdog_period = notifier.watchdog_interval();
    let mut watchdog = tokio::time::interval(watchdog_period.map_or(Duration::from_secs(3600), |p| p / 2));
    loop {
        let state = states.borrow_and_update().clone();
        let status = status_line(&state, *clients.borrow_and_update());
        if !ready && answers(&state) {
            ready = true;
            tracing::info!(status = %status, "ready");
            notifier.ready(&status);
        } else if status != told {
            notifier.status(&status);
        }
        told = status;
        tokio::select! {
            changed = states.changed() => if changed.is_err() { return },
            changed = clients.changed() => if changed.is_err() { return },
            _ = extend.tick(), if !ready => {
                if started.elapsed() < START_PATIENCE {
                    notifier.extend_timeout(EXTEND_BY, &told);
                } else {
                    ready = true;
                    tracing::warn!(status = %told, "Telegram still not connected after {} s: ready anyway, calls fail fast until it connects", START_PATIENCE.as_secs());
                    notifier.ready(&told);
                }
            }
            _ = watchdog.tick(), if watchdog_period.is_some() => {
                if watchdog_period.is_some_and(|p| owner.healthy_within(p)) {
                    notifier.watchdog();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_say_the_state_and_the_clients() {
        assert_eq!(
            status_line(&State::Reconnecting { attempt: 4 }, 1),
            "reconnecting (attempt 4) · 1 client"
        );
        assert_eq!(status_line(&State::Connecting, 0), "connecting to Telegram · 0 clients");
        assert!(answers(&State::NotLoggedIn));
        assert!(!answers(&State::Reconnecting { attempt: 1 }));
    }
}
