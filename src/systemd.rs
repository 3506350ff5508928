//! The systemd boundary, and the only module that reads its environment (`LISTEN_*`,
//! `NOTIFY_SOCKET`, `WATCHDOG_*`, `JOURNAL_STREAM`, `CREDENTIALS_DIRECTORY`):
//! - socket activation: the listener a `.socket` unit hands over ([`take_listener`]),
//! - the service manager's notification socket ([`Notifier`]: READY, STATUS, watchdog, …),
//! - journald logging with structured fields ([`journal_layer`]),
//! - systemd credentials ([`credential`], `LoadCredential=`/`SetCredential=`).
//!
//! Everything here is a no-op or `None` when the process was not started by systemd, so the
//! same code runs under systemd, from a shell and in tests.

use std::io::Read;
use std::os::unix::net::UnixListener;
use std::time::Duration;

use anyhow::{Context, bail};

/// The `FileDescriptorName=` our `.socket` units give the owner socket.
pub const SOCKET_NAME: &str = "daemon";

/// The listening socket systemd passed (`LISTEN_FDS`), if any, set non-blocking so that tokio
/// may own it. Picks the descriptor named [`SOCKET_NAME`] (or the only one); refuses anything
/// but a Unix stream socket. Call before any thread starts: listenfd clears `LISTEN_FDS` and
/// `LISTEN_PID` from the environment.
pub fn take_listener() -> anyhow::Result<Option<UnixListener>> {
    let names: Vec<String> = std::env::var("LISTEN_FDNAMES")
        .map(|v| v.split(':').map(str::to_owned).collect())
        .unwrap_or_default();
    let mut fds = listenfd::ListenFd::from_env();
    if fds.len() == 0 {
        return Ok(None);
    }
    let index = match names.iter().position(|n| n == SOCKET_NAME) {
        Some(index) => index,
        None if fds.len() == 1 => 0,
        None => bail!(
            "systemd passed {} sockets and none is named {SOCKET_NAME:?}: set FileDescriptorName={SOCKET_NAME} in the .socket unit",
            fds.len()
        ),
    };
    let listener = fds
        .take_unix_listener(index)
        .context(
            "failed to take the socket systemd passed: the .socket unit must use ListenStream= with a path",
        )?
        .context("systemd's socket was already taken")?;
    listener.set_nonblocking(true).context("failed to make systemd's socket non-blocking")?;
    Ok(Some(listener))
}

/// Talks to the service manager (`sd_notify`). Without `NOTIFY_SOCKET` every call does nothing.
#[derive(Clone, Debug)]
pub struct Notifier {
    enabled: bool,
    watchdog: Option<Duration>,
}

impl Notifier {
    pub fn from_env() -> Self {
        Self { enabled: std::env::var_os("NOTIFY_SOCKET").is_some(), watchdog: sd_notify::watchdog_enabled() }
    }

    /// Whether a service manager listens.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// `WatchdogSec=` of our unit, when it applies to this process.
    pub fn watchdog_interval(&self) -> Option<Duration> {
        self.watchdog
    }

    /// `READY=1` with the state in words.
    pub fn ready(&self, status: &str) {
        self.send(&[sd_notify::NotifyState::Ready, sd_notify::NotifyState::Status(status)]);
    }

    /// `STATUS=` (what `systemctl status` shows).
    pub fn status(&self, status: &str) {
        self.send(&[sd_notify::NotifyState::Status(status)]);
    }

    /// `EXTEND_TIMEOUT_USEC=`: start-up is still progressing; allow `by` more.
    pub fn extend_timeout(&self, by: Duration, status: &str) {
        let usec = u32::try_from(by.as_micros()).unwrap_or(u32::MAX);
        self.send(&[sd_notify::NotifyState::ExtendTimeoutUsec(usec), sd_notify::NotifyState::Status(status)]);
    }

    /// `WATCHDOG=1`: we are alive and healthy.
    pub fn watchdog(&self) {
        self.send(&[sd_notify::NotifyState::Watchdog]);
    }

    /// `STOPPING=1` with the state in words.
    pub fn stopping(&self, status: &str) {
        self.send(&[sd_notify::NotifyState::Stopping, sd_notify::NotifyState::Status(status)]);
    }

    fn send(&self, states: &[sd_notify::NotifyState<'_>]) {
        if !self.enabled {
            return;
        }
        if let Err(error) = sd_notify::notify(states) {
            tracing::warn!(%error, "failed to notify the service manager");
        }
    }
}

/// Which way logs should go, from `MCP_TELEGRAM_LOG` (`journald`, `stderr`) or, when unset,
/// from whether stderr is systemd's journal stream (`JOURNAL_STREAM`).
pub fn wants_journal() -> bool {
    match std::env::var("MCP_TELEGRAM_LOG").as_deref() {
        Ok("journald") => true,
        Ok("stderr") => false,
        _ => libsystemd::logging::connected_to_journal(),
    }
}

/// A tracing layer writing native journal entries: our fields under their own names
/// (`TOOL=…`, `CLIENT_PID=…`), `ROLE=<role>` on every entry, `SYSLOG_IDENTIFIER=mcp-telegram`.
/// `None` when journald is not reachable.
pub fn journal_layer(role: &str) -> Option<tracing_journald::Layer> {
    let layer = tracing_journald::layer().ok()?;
    Some(
        layer
            .with_field_prefix(None)
            .with_syslog_identifier("mcp-telegram".to_owned())
            .with_custom_fields([("ROLE", role)]),
    )
}

/// A systemd credential (`LoadCredential=NAME:…`), trimmed; `None` when not configured.
pub fn credential(name: &str) -> Option<String> {
    let loader = libsystemd::credentials::CredentialsLoader::open().ok()?;
    let mut text = String::new();
    loader.get(name).ok()?.read_to_string(&mut text).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}
