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
use crate::ipc::{self, Purpose, Welcome};
use crate::lock::{Acquired, OwnerLock};
use crate::owner;
use crate::relay::Connector;

/// How often a window looks for a starting owner's socket at first, and for how long.
const POLL: Duration = Duration::from_millis(1);
const BRISK: Duration = Duration::from_millis(100);
/// How long a window waits for a starting owner before it gives up.
const OWNER_WAIT: Duration = Duration::from_secs(20);

/// How long a stopping owner lets tool calls in flight finish.
const FINISH_CALLS: Duration = Duration::from_secs(10);
/// How long the answers of the last calls get to reach their windows.
const FLUSH: Duration = Duration::from_millis(100);

/// Where an owner listens.
pub(super) enum Socket {
    /// Bind `cfg.paths.socket` (0600), and remove it on stop.
    Bind,
    /// A listener systemd passed; never unlinked (the `.socket` unit owns the path).
    Inherited(std::os::unix::net::UnixListener),
}

/// An owner serving its socket.
pub(super) struct Hosted {
    owner: owner::OwnerHandle,
    stop: watch::Sender<bool>,
    server: JoinHandle<()>,
    /// The socket file this process created.
    created: Option<std::path::PathBuf>,
}

impl Hosted {
    /// Owns the session and serves MCP windows on the socket.
    pub(super) async fn start(lock: OwnerLock, cfg: &Config, socket: Socket) -> anyhow::Result<Self> {
        // A bad policy stops the owner before it touches the session.
        let policy = std::sync::Arc::new(load_policy(cfg)?);
        cfg.paths.prepare_dir()?;
        // Listen first: windows starting at the same moment connect at once and are welcomed as
        // soon as the owner below is up (opening the session), instead of polling for a socket.
        let (listener, created) = match socket {
            Socket::Bind => (bind(&cfg.paths.socket)?, Some(cfg.paths.socket.clone())),
            Socket::Inherited(listener) => {
                (UnixListener::from_std(listener).context("failed to adopt systemd's socket")?, None)
            }
        };
        let owner = match owner::spawn(lock, cfg).await {
            Ok(owner) => owner,
            Err(e) => {
                if let Some(path) = &created {
                    let _ = std::fs::remove_file(path);
                }
                return Err(e);
            }
        };
        let (stop, mut stopped) = watch::channel(false);
        let welcome = {
            let (owner, session, policy) = (owner.clone(), cfg.paths.session.clone(), policy.clone());
            // The scope is resolved once, at the hello: refused there, or handed to the handler.
            move |hello: &ipc::Hello, peer: Option<(u32, u32)>| {
                let scope = match hello.purpose {
                    Purpose::Mcp => Some(scope_of(&policy, hello, peer)?),
                    Purpose::Admin => None,
                };
                let welcome = Welcome {
                    ipc: ipc::PROTOCOL_VERSION,
                    session: session.clone(),
                    account: owner.account_label(),
                    pid: std::process::id(),
                    version: crate::VERSION.to_owned(),
                };
                Ok((welcome, scope))
            }
        };
        let handler = {
            let owner = owner.clone();
            move |client: ipc::Accepted<Option<crate::mcp::Scope>>| {
                let owner = owner.clone();
                // Every line logged for this window carries who it is (journald: CLIENT_PID=…).
                let span = tracing::info_span!(
                    "client",
                    client_pid = client.peer_pid,
                    client_uid = client.peer_uid,
                    client_version = %client.hello.version,
                );
                let who = match (client.peer_pid, client.peer_uid) {
                    (Some(pid), Some(uid)) => format!(" (pid {pid}, uid {uid})"),
                    _ => String::new(),
                };
                let serve = async move {
                    if client.hello.purpose == Purpose::Admin {
                        tracing::info!("admin connection{who}");
                        crate::admin::serve(owner, client.reader, client.writer, client.peer_uid).await;
                        return;
                    }
                    let Some(scope) = client.grant else { return };
                    let described = scope.describe();
                    tracing::info!(clients = owner.clients() + 1, scope = %described, "client connected{who}, scope {described}");
                    crate::mcp::serve(owner.clone(), scope, client.reader, client.writer).await;
                    tracing::info!(clients = owner.clients(), "client disconnected{who}");
                };
                tracing::Instrument::instrument(serve, span)
            }
        };
        let shutdown = async move {
            let _ = stopped.wait_for(|s| *s).await;
        };
        let drain = {
            let owner = owner.clone();
            async move {
                let unfinished = owner.calls_finished(FINISH_CALLS).await;
                if unfinished > 0 {
                    tracing::warn!(calls = unfinished, "stopping with tool calls still running");
                } else {
                    // The last answers are on their way to the windows' sockets.
                    tokio::time::sleep(FLUSH).await;
                }
            }
        };
        let server = tokio::spawn(ipc::serve(listener, shutdown, drain, welcome, handler));
        Ok(Self { owner, stop, server, created })
    }

    pub(super) fn owner(&self) -> &owner::OwnerHandle {
        &self.owner
    }

    /// Stops accepting windows, lets the tool calls in flight finish (bounded), saves the
    /// peer cache, and removes the socket this owner created.
    pub(super) async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.server.await;
        self.owner.telegram().save_peers().await;
        if let Some(path) = &self.created {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The window's way to an owner: connect; if nobody answers, own the session in a background
/// runtime and connect to that; if the lock is held but nobody answers, wait with backoff.
pub(super) fn connector(cfg: Config) -> Connector {
    let mut hosting = false;
    Box::new(move || find_owner(&cfg, Purpose::Mcp, Some(&mut hosting)))
}

/// Connects to the session's owner for the admin protocol. With `may_host`, becomes the owner
/// (in the background, for the rest of this process) when there is none; without, fails with
/// [`ipc::Error::NoOwner`] in the chain.
pub(super) fn admin_connection(cfg: &Config, may_host: bool) -> anyhow::Result<BlockingConnection> {
    let mut hosting = false;
    find_owner(cfg, Purpose::Admin, may_host.then_some(&mut hosting))
}

/// Finds the owner (see [`connector`]); `hosting` is `None` for a caller that never owns.
fn find_owner(
    cfg: &Config,
    purpose: Purpose,
    mut hosting: Option<&mut bool>,
) -> anyhow::Result<BlockingConnection> {
    let paths = &cfg.paths;
    let expect = cfg.pin_session.then_some(paths.session.as_path());
    let started = Instant::now();
    let mut delay = POLL;
    loop {
        match ipc::connect_blocking(&paths.socket, expect, purpose, &cfg.scope) {
            Ok(connection) => return Ok(attached(connection)),
            Err(ipc::Error::NoOwner(_)) if !hosting.as_deref().is_some_and(|h| *h) => {
                if let Some(connection) = find_service(cfg, purpose)? {
                    return Ok(attached(connection));
                }
                let Some(hosting) = hosting.as_deref_mut() else {
                    return Err(ipc::Error::NoOwner(paths.socket.clone()).into());
                };
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
        // An owner that holds the lock binds its socket within milliseconds: poll briskly at
        // first (a connect is one syscall), then back off for an owner that is slow or stuck.
        if started.elapsed() > BRISK {
            delay = (delay * 2).min(Duration::from_millis(250));
        }
    }
}

/// The owner's access policy (`cfg.policy`), with every grant checked against the catalogue.
fn load_policy(cfg: &Config) -> anyhow::Result<crate::policy::Policy> {
    let check = |grant: &crate::policy::Grant| {
        crate::mcp::Scope::resolve(&std::collections::BTreeMap::new(), grant).map(drop)
    };
    let policy = crate::policy::load_configured(cfg.policy.as_ref(), check)?;
    if let Some(path) = &cfg.policy {
        tracing::info!(policy = %path.display(), "access policy loaded from {}", path.display());
    }
    Ok(policy)
}

/// A window's scope: what it asked for in its hello, within what the policy grants its peer.
fn scope_of(
    policy: &crate::policy::Policy,
    hello: &ipc::Hello,
    peer: Option<(u32, u32)>,
) -> Result<crate::mcp::Scope, String> {
    let uid = peer.map(|(uid, _)| uid);
    let peer = peer.map(|(uid, gid)| crate::policy::Peer { uid, gid });
    crate::mcp::Scope::resolve(&hello.scope, &policy.grant(peer)).map(|scope| scope.for_peer(uid))
}

fn attached(connection: BlockingConnection) -> BlockingConnection {
    let w = &connection.welcome;
    tracing::debug!(owner_pid = w.pid, account = %w.account, session = %w.session.display(), "attached to the owner");
    connection
}

/// Discovery beyond the session's own socket: a per-user service serving this user's session
/// (or any, when the user has none), then the packaged system service if the user has no
/// session of their own. Connecting starts a socket-activated daemon.
fn find_service(cfg: &Config, purpose: Purpose) -> anyhow::Result<Option<BlockingConnection>> {
    let own = cfg.paths.session.exists();
    for service in cfg.service_sockets.iter().filter(|s| !(s.system && own)) {
        let expect = own.then_some(cfg.paths.session.as_path());
        match ipc::connect_blocking(&service.path, expect, purpose, &cfg.scope) {
            Ok(connection) => return Ok(Some(connection)),
            Err(ipc::Error::Io(e)) if e.kind() == ErrorKind::PermissionDenied && service.system => bail!(
                "the mcp-telegram service on {} does not let this user in: ask an admin to run \
                 `usermod -aG mcp-telegram {}` (then log in again), or set TELEGRAM_SESSION_PATH to use an account of your own",
                service.path.display(),
                user_name()
            ),
            Err(error) => tracing::debug!(socket = %service.path.display(), %error, "no service there"),
        }
    }
    Ok(None)
}

/// This user's login name (from `/etc/passwd`; `$USER` may be unset, e.g. under ssh -T).
fn user_name() -> String {
    let uid = rustix::process::getuid().as_raw().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let name = passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid).then(|| name.to_owned())
    });
    name.or_else(|| std::env::var("USER").ok()).unwrap_or(uid)
}

/// Runs an owner (Telegram, socket, MCP) on its own runtime for the rest of the process.
fn host_in_background(lock: OwnerLock, cfg: Config) -> anyhow::Result<()> {
    super::init_logging(super::Role::Master);
    let (started, outcome) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("owner".into())
        .spawn(move || {
            let runtime = match super::runtime() {
                Ok(runtime) => runtime,
                Err(e) => {
                    let _ = started.send(Err(e));
                    return;
                }
            };
            runtime.block_on(async move {
                match Hosted::start(lock, &cfg, Socket::Bind).await {
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
