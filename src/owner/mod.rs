//! The owner: the one process that holds the Telegram connection for a session file. Owning
//! requires the [`OwnerLock`] by value. A supervisor task keeps the connection verified with
//! MTProto pings, rebuilds it after a drop or a stall with backoff, and publishes the state
//! that calls, `telegram-status` and (later) systemd's `STATUS=` read.

mod cursor;
mod error;
mod login;
mod telegram;

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use cursor::Cursor;
pub use error::OwnerError;
pub use login::{Login, LoginError, QrProgress, Step};
pub(crate) use telegram::Target;
pub use telegram::Telegram;
pub(crate) use telegram::business::{
    AwayInput, AwayWhen, GiftFilter, GiftRef, GreetingInput, HoursInput, IntroInput, LocationInput,
    RecipientsInput, TransactionFilter,
};
pub(crate) use telegram::contacts::PrivacyChange;
pub use telegram::contacts::{EmojiStatusKind, ProfileChange};
pub use telegram::fetch::{Media, ProfilePhoto};
pub use telegram::folders::{FolderSpec, InviteTerms, MUTE_FOREVER};
pub use telegram::media::{Outgoing, SendAs, Uploaded};
pub use telegram::reactions::{Card, Live, PollSpec, ReactionPolicy};
pub use telegram::read::{ChatFilter, Window};
pub use telegram::stories::ViewsQuery;
pub(crate) use telegram::stories::{NewStory, StoryEdit, StoryPrivacy};
pub use telegram::updates::{Difference, UpdateState};
pub use telegram::write::{SendOptions, TextFormat};

use crate::config::Config;
use crate::lock::OwnerLock;
use crate::model::{Account, Status};
use crate::sandbox::{self, Sandbox};

/// Deadline of a health ping; a server silent for longer is considered stalled.
const PING_DEADLINE: Duration = Duration::from_secs(5);
/// Deadline of the sign-in check on (re)connect.
const PROBE_DEADLINE: Duration = Duration::from_secs(10);
/// How often an owner without a usable session looks again.
const IDLE_RECHECK: Duration = Duration::from_secs(30);

/// Connection state of the owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Connecting,
    Connected(Account),
    NotLoggedIn,
    Reconnecting { attempt: u32 },
    SessionBurnt,
}

/// Handle to the running owner; clone freely.
#[derive(Clone)]
pub struct OwnerHandle {
    inner: Arc<Inner>,
}

struct Inner {
    tg: Arc<Telegram>,
    started: Instant,
    /// Attached MCP windows.
    clients: watch::Sender<usize>,
    /// Tool calls in flight.
    calls: watch::Sender<usize>,
    session: std::path::PathBuf,
    /// `TELEGRAM_API_HASH`, needed to sign in; never logged.
    api_hash: Option<String>,
    sandbox: Option<SandboxTask>,
    /// What media tools may read and write.
    files: crate::files::Files,
    /// The QR login `telegram-login` runs in the background (one per owner, shared by windows).
    qr: login::QrSlot,
    supervisor: JoinHandle<()>,
    _lock: OwnerLock,
}

/// An in-process sandbox that stops with the owner.
struct SandboxTask {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

/// Counts one attached MCP window while it lives.
pub struct ClientGuard {
    owner: OwnerHandle,
}

/// Counts one tool call in flight while it lives.
pub struct CallGuard {
    owner: OwnerHandle,
}

impl State {
    /// Machine-readable name.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Connecting => "connecting",
            Self::Connected(_) => "connected",
            Self::NotLoggedIn => "not_logged_in",
            Self::Reconnecting { .. } => "reconnecting",
            Self::SessionBurnt => "session_revoked",
        }
    }

    /// The state in words.
    pub fn describe(&self) -> String {
        match self {
            Self::Connecting => "connecting to Telegram".to_owned(),
            Self::Connected(a) => match &a.username {
                Some(u) => format!("connected as @{u}"),
                None => format!("connected as {}", a.name),
            },
            Self::NotLoggedIn => OwnerError::NotLoggedIn.to_string(),
            Self::Reconnecting { attempt } => format!("reconnecting (attempt {attempt})"),
            Self::SessionBurnt => OwnerError::SessionBurnt.to_string(),
        }
    }
}

/// Starts owning the session: opens it (starting an in-process sandbox first when configured)
/// and spawns the supervisor. Returns at once; the connection comes up in the background.
pub async fn spawn(lock: OwnerLock, cfg: &Config) -> anyhow::Result<OwnerHandle> {
    let cfg = &cfg.clone().with_credentials()?;
    cfg.paths.prepare_dir()?;
    let sandbox = if cfg.sandbox { Some(start_sandbox(cfg).await?) } else { None };
    let api_id = match (cfg.api_id, cfg.sandbox) {
        (Some(id), _) => id,
        (None, true) => 1,
        (None, false) => 0,
    };
    let tg = Arc::new(Telegram::open(&cfg.paths.session, api_id, cfg.call_timeout).await?);
    restrict(&cfg.paths.session)?;
    let usable = tg.has_key() && api_id != 0;
    if !usable {
        tg.state().send_replace(State::NotLoggedIn);
    }
    tg.start_events();
    let supervisor = tokio::spawn(supervise(Arc::clone(&tg), usable, cfg.ping_every));
    let inner = Inner {
        tg,
        started: Instant::now(),
        clients: watch::Sender::new(0),
        calls: watch::Sender::new(0),
        session: cfg.paths.session.clone(),
        api_hash: cfg.api_hash.clone().or_else(|| cfg.sandbox.then(|| "sandbox".to_owned())),
        sandbox,
        files: cfg.files.clone(),
        qr: login::QrSlot::default(),
        supervisor,
        _lock: lock,
    };
    Ok(OwnerHandle { inner: Arc::new(inner) })
}

impl OwnerHandle {
    /// The Telegram operations.
    pub fn telegram(&self) -> &Telegram {
        &self.inner.tg
    }

    /// The directory and caps of media tools.
    pub fn files(&self) -> &crate::files::Files {
        &self.inner.files
    }

    pub fn state(&self) -> State {
        self.inner.tg.state().borrow().clone()
    }

    /// Changes of state, for readiness reporting.
    pub fn subscribe(&self) -> watch::Receiver<State> {
        self.inner.tg.state().subscribe()
    }

    /// Waits (at most `within`) for the first connection attempt to finish, so a window that
    /// arrives during start-up is told the account rather than "connecting".
    pub async fn settled(&self, within: Duration) {
        let mut rx = self.subscribe();
        let _ = tokio::time::timeout(within, rx.wait_for(|s| *s != State::Connecting)).await;
    }

    /// Counts an attached window until the guard drops.
    pub fn attach(&self) -> ClientGuard {
        self.inner.clients.send_modify(|n| *n += 1);
        ClientGuard { owner: self.clone() }
    }

    pub fn clients(&self) -> usize {
        *self.inner.clients.borrow()
    }

    /// Changes of the number of attached windows, for status reporting.
    pub fn subscribe_clients(&self) -> watch::Receiver<usize> {
        self.inner.clients.subscribe()
    }

    /// Counts a tool call in flight until the guard drops.
    pub fn begin_call(&self) -> CallGuard {
        self.inner.calls.send_modify(|n| *n += 1);
        CallGuard { owner: self.clone() }
    }

    /// Tool calls in flight.
    pub fn calls(&self) -> usize {
        *self.inner.calls.borrow()
    }

    /// Waits (at most `within`) until no tool call is in flight; returns how many still are.
    pub async fn calls_finished(&self, within: Duration) -> usize {
        let mut rx = self.inner.calls.subscribe();
        let _ = tokio::time::timeout(within, rx.wait_for(|n| *n == 0)).await;
        self.calls()
    }

    /// Whether the service is healthy for a watchdog of period `window`: Telegram answered
    /// within it while connected; an owner with nothing to connect (not logged in, session
    /// revoked) has nothing to verify and counts as healthy.
    pub fn healthy_within(&self, window: Duration) -> bool {
        match self.state() {
            State::Connected(_) => self.inner.tg.answered_within(window),
            State::NotLoggedIn | State::SessionBurnt => true,
            State::Connecting | State::Reconnecting { .. } => false,
        }
    }

    /// Who we are, as the IPC welcome and logs name it.
    pub fn account_label(&self) -> String {
        self.state().describe()
    }

    /// The full status for `telegram-status`.
    pub fn status(&self) -> Status {
        let state = self.state();
        Status {
            state: state.name().to_owned(),
            description: state.describe(),
            account: match &state {
                State::Connected(a) => Some(a.clone()),
                _ => None,
            },
            owner_pid: std::process::id(),
            clients: self.clients(),
            uptime_seconds: self.inner.started.elapsed().as_secs(),
            version: crate::VERSION.to_owned(),
            session: self.inner.session.display().to_string(),
            sandbox: self.inner.sandbox.is_some(),
        }
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.supervisor.abort();
        if let Some(sandbox) = &self.sandbox {
            let _ = sandbox.stop.send(true);
            sandbox.task.abort();
        }
    }
}

impl Drop for ClientGuard {
    fn drop(&mut self) {
        self.owner.inner.clients.send_modify(|n| *n = n.saturating_sub(1));
    }
}

impl Drop for CallGuard {
    fn drop(&mut self) {
        self.owner.inner.calls.send_modify(|n| *n = n.saturating_sub(1));
    }
}

/// Keeps the connection verified; reconnects with backoff; never loops on a burnt key.
async fn supervise(tg: Arc<Telegram>, usable: bool, ping_every: Duration) {
    // Nothing to connect until a login on this owner succeeds.
    while !usable && !matches!(*tg.state().borrow(), State::Connected(_)) {
        idle(&tg).await;
    }
    let mut attempt = 0u32;
    loop {
        // A logged-out session has nothing to check until a login on this owner.
        while tg.awaits_login() {
            idle(&tg).await;
        }
        match tg.probe(PROBE_DEADLINE).await {
            Ok(Some(account)) => {
                if attempt > 0 {
                    tracing::info!(attempt, "reconnected to Telegram");
                }
                let state = State::Connected(account);
                tracing::info!("{}", state.describe());
                tg.state().send_replace(state);
                attempt = 0;
                watch_health(&tg, ping_every).await;
                if matches!(*tg.state().borrow(), State::NotLoggedIn | State::SessionBurnt) {
                    continue;
                }
            }
            Ok(None) => {
                tg.state().send_replace(State::NotLoggedIn);
                idle(&tg).await;
                continue;
            }
            Err(OwnerError::SessionBurnt) => {
                tracing::error!("{}", OwnerError::SessionBurnt);
                tg.state().send_replace(State::SessionBurnt);
                idle(&tg).await;
                continue;
            }
            Err(OwnerError::NotLoggedIn) => {
                tg.state().send_replace(State::NotLoggedIn);
                idle(&tg).await;
                continue;
            }
            Err(error) => tracing::warn!(attempt, %error, "Telegram connection check failed"),
        }
        attempt += 1;
        tg.state().send_replace(State::Reconnecting { attempt });
        tg.rebuild();
        tokio::time::sleep(backoff(attempt)).await;
    }
}

/// Returns when the connection stopped answering pings (or the state left `Connected`).
async fn watch_health(tg: &Telegram, ping_every: Duration) {
    loop {
        tokio::select! {
            () = tokio::time::sleep(ping_every) => {}
            () = tg.trouble.notified() => {}
        }
        if !matches!(*tg.state().borrow(), State::Connected(_)) {
            return;
        }
        if let Err(error) = tg.ping(PING_DEADLINE).await {
            tracing::warn!(%error, "Telegram stopped answering pings; rebuilding the connection");
            return;
        }
    }
}

async fn idle(tg: &Telegram) {
    tokio::select! {
        () = tokio::time::sleep(IDLE_RECHECK) => {}
        () = tg.trouble.notified() => {}
    }
}

fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(250u64.saturating_mul(1 << attempt.min(7))).min(Duration::from_secs(30))
}

/// Runs a sandbox inside the owner and points the session file at it.
async fn start_sandbox(cfg: &Config) -> anyhow::Result<SandboxTask> {
    let listener =
        tokio::net::TcpListener::bind("127.0.0.1:0").await.context("failed to start the sandbox")?;
    let addr = listener.local_addr().context("failed to read the sandbox address")?;
    let sandbox = Sandbox::new();
    let key = match sandbox::read_sandbox_key(&cfg.paths.session).await? {
        Some(key) => key,
        None => sandbox::AuthKey::generate(),
    };
    sandbox.adopt_key(key.clone());
    sandbox::write_session(&cfg.paths.session, addr, &key).await?;
    let (stop, mut stopped) = watch::channel(false);
    let task = tokio::spawn(async move {
        sandbox
            .serve(listener, async move {
                let _ = stopped.wait_for(|s| *s).await;
            })
            .await;
    });
    tracing::info!(%addr, "sandbox data center running in this owner");
    Ok(SandboxTask { stop, task })
}

pub(crate) fn restrict(path: &std::path::Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    if path.exists() {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("failed to restrict session file {}", path.display()))?;
    }
    Ok(())
}
