//! Hosting an owner (lock → Telegram → socket → MCP per client) and finding one: the role
//! decision of a window. Connect first (a daemon, a master, or a systemd-held socket answers:
//! be a client); if nobody answers, take the lock and become the master; if the lock is held
//! but the socket is silent, an owner is starting: retry with backoff, then give up clearly.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, bail};
use tokio::net::UnixListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::Config;
use crate::ipc::{self, Welcome};
use crate::lock::{Acquired, OwnerLock};
use crate::owner::{self, OwnerHandle};
use crate::relay::Upstream;

/// How long a window waits for a starting owner before it gives up.
const OWNER_WAIT: Duration = Duration::from_secs(20);

/// An owner serving its socket.
pub(super) struct Hosted {
    owner: OwnerHandle,
    stop: watch::Sender<bool>,
    server: JoinHandle<()>,
    socket: std::path::PathBuf,
}

/// Where a window gets its upstream from, again after every loss.
pub(super) struct Upstreams {
    cfg: Config,
    hosted: Option<Hosted>,
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
        Ok(Self { owner, stop, server, socket: cfg.paths.socket.clone() })
    }

    /// Stops serving and removes the socket this owner created.
    pub(super) async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.server.await;
        let _ = std::fs::remove_file(&self.socket);
    }

    /// An in-process upstream for the master's own window.
    fn local_upstream(&self) -> Upstream {
        let (ours, theirs) = tokio::io::duplex(256 * 1024);
        let (read, write) = tokio::io::split(theirs);
        tokio::spawn(crate::mcp::serve(self.owner.clone(), read, write));
        let (read, write) = tokio::io::split(ours);
        Upstream::new(read, write)
    }
}

impl Upstreams {
    pub(super) fn new(cfg: Config) -> Self {
        Self { cfg, hosted: None }
    }

    /// Connects to the owner, becoming it if nobody is (see the module docs).
    pub(super) async fn next(&mut self) -> anyhow::Result<Upstream> {
        if let Some(hosted) = &self.hosted {
            return Ok(hosted.local_upstream());
        }
        let paths = self.cfg.paths.clone();
        let started = tokio::time::Instant::now();
        let mut delay = Duration::from_millis(10);
        loop {
            match ipc::connect(&paths.socket, &paths.session).await {
                Ok((read, write, welcome)) => {
                    tracing::info!(owner_pid = welcome.pid, account = %welcome.account, "attached to the owner");
                    return Ok(Upstream { read: Box::pin(read), write: Box::pin(write) });
                }
                Err(ipc::Error::NoOwner(_)) => {
                    paths.prepare_dir()?;
                    if let Acquired::Owner(lock) = OwnerLock::try_acquire(&paths.lock)? {
                        let hosted = Hosted::start(lock, &self.cfg).await?;
                        tracing::info!(session = %paths.session.display(), "became the owner (master) of the session");
                        let upstream = hosted.local_upstream();
                        self.hosted = Some(hosted);
                        return Ok(upstream);
                    }
                }
                Err(
                    e @ (ipc::Error::VersionMismatch { .. }
                    | ipc::Error::Refused(_)
                    | ipc::Error::SessionMismatch { .. }),
                ) => {
                    return Err(e.into());
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
            tokio::time::sleep(delay).await;
            delay = (delay * 2).min(Duration::from_millis(250));
        }
    }
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
