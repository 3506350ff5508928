//! Hosting an owner (lock → Telegram → socket → MCP per client) and finding one: the role
//! decision of a window. Connect first (a daemon, a master, or a systemd-held socket answers:
//! be a client); if nobody answers, take the lock and become the master; if the lock is held
//! but the socket is silent, an owner is starting: retry with backoff, then give up clearly.

use std::io::ErrorKind;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use tokio::net::UnixListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::Config;
use crate::ipc::BlockingConnection;
use crate::ipc::{self, Welcome};
use crate::lock::{Acquired, OwnerLock};
use crate::owner;
use crate::relay::Connector;

/// How long a window waits for a starting owner before it gives up.
const OWNER_WAIT: Duration = Duration::from_secs(20);

/// An owner serving its socket.
pub(super) struct Hosted {
    stop: watch::Sender<bool>,
    server: JoinHandle<()>,
    socket: std::path::PathBuf,
}

impl Hosted {
    /// Owns the session and serves MCP windows on the socket.
    pub(super) async fn start(lock: OwnerLock, cfg: &Config) -> anyhow::Result<Self> {
        let owner = owner::spawn(lock, cfg).await?;
        let listener = bind(&cfg.paths.socket)?;
        let (stop, mut stopped) = watch::channel(false);
        let welcome = {
            let (owner, session) = (owner.clone(), cfg.paths.session.clone());
            move || Welcome {
                ipc: ipc::PROTOCOL_VERSION,
                session: session.clone(),
                account: owner.account_label(),
                pid: std::process::id(),
                version: crate::VERSION.to_owned(),
            }
        };
        let handler = {
            let owner = owner.clone();
            move |client: ipc::Accepted| {
                let owner = owner.clone();
                async move {
                    tracing::info!(
                        pid = client.peer_pid,
                        uid = client.peer_uid,
                        client_pid = client.hello.pid,
                        "client connected"
                    );
                    crate::mcp::serve(owner, client.reader, client.writer).await;
                    tracing::info!(pid = client.peer_pid, "client disconnected");
                }
            }
        };
        let shutdown = async move {
            let _ = stopped.wait_for(|s| *s).await;
        };
        let server = tokio::spawn(ipc::serve(listener, shutdown, welcome, handler));
        Ok(Self { stop, server, socket: cfg.paths.socket.clone() })
    }

    /// Stops serving and removes the socket this owner created.
    pub(super) async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.server.await;
        let _ = std::fs::remove_file(&self.socket);
    }
}

/// The window's way to an owner: connect; if nobody answers, own the session in a background
/// runtime and connect to that; if the lock is held but nobody answers, wait with backoff.
pub(super) fn connector(cfg: Config) -> Connector {
    let mut hosting = false;
    Box::new(move || find_owner(&cfg, &mut hosting))
}

fn find_owner(cfg: &Config, hosting: &mut bool) -> anyhow::Result<BlockingConnection> {
    let paths = &cfg.paths;
    let started = Instant::now();
    let mut delay = Duration::from_millis(5);
    loop {
        match ipc::connect_blocking(&paths.socket, &paths.session) {
            Ok(connection) => {
                let w = &connection.welcome;
                tracing::debug!(owner_pid = w.pid, account = %w.account, "attached to the owner");
                return Ok(connection);
            }
            Err(ipc::Error::NoOwner(_)) if !*hosting => {
                paths.prepare_dir()?;
                if let Acquired::Owner(lock) = OwnerLock::try_acquire(&paths.lock)? {
                    host_in_background(lock, cfg.clone())?;
                    *hosting = true;
                    tracing::info!(session = %paths.session.display(), "became the owner (master) of the session");
                    continue;
                }
            }
            Err(
                e @ (ipc::Error::VersionMismatch { .. }
                | ipc::Error::Refused(_)
                | ipc::Error::SessionMismatch { .. }),
            ) => {
                return Err(e.into());
            }
            Err(ipc::Error::Io(e))
                if matches!(e.kind(), ErrorKind::NotADirectory | ErrorKind::PermissionDenied) =>
            {
                // Explains an unusable session directory, if that is the cause.
                paths.prepare_dir()?;
                return Err(
                    anyhow::Error::new(e).context(format!("failed to connect to {}", paths.socket.display()))
                );
            }
            Err(error) => tracing::debug!(%error, "owner not answering yet"),
        }
        if started.elapsed() > OWNER_WAIT {
            let holder = std::fs::read_to_string(&paths.lock).unwrap_or_default();
            bail!(
                "process {} holds {} but does not answer on {} after {} s: is it stuck? stop it and retry",
                holder.trim(),
                paths.lock.display(),
                paths.socket.display(),
                OWNER_WAIT.as_secs()
            );
        }
        std::thread::sleep(delay);
        delay = (delay * 2).min(Duration::from_millis(250));
    }
}

/// Runs an owner (Telegram, socket, MCP) on its own runtime for the rest of the process.
fn host_in_background(lock: OwnerLock, cfg: Config) -> anyhow::Result<()> {
    super::init_logging();
    let (started, outcome) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("owner".into())
        .spawn(move || {
            let runtime =
                match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
                    Ok(runtime) => runtime,
                    Err(e) => {
                        let _ = started
                            .send(Err(anyhow::Error::new(e).context("failed to start the owner runtime")));
                        return;
                    }
                };
            runtime.block_on(async move {
                match Hosted::start(lock, &cfg).await {
                    Ok(hosted) => {
                        let _ = started.send(Ok(()));
                        std::future::pending::<()>().await;
                        drop(hosted);
                    }
                    Err(e) => {
                        let _ = started.send(Err(e));
                    }
                }
            });
        })
        .context("failed to start the owner thread")?;
    outcome.recv().context("the owner thread ended during start-up")?
}

/// Binds the owner socket (0600). Holding the lock proves any existing file is stale.
fn bind(path: &Path) -> anyhow::Result<UnixListener> {
    if path.exists() {
        std::fs::remove_file(path)
            .with_context(|| format!("failed to remove stale socket {}", path.display()))?;
    }
    let listener =
        UnixListener::bind(path).with_context(|| format!("failed to bind socket {}", path.display()))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .with_context(|| format!("failed to restrict socket {}", path.display()))?;
    Ok(listener)
}
