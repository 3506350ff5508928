//! The only code that names grammers types on the owner side. It holds one grammers client
//! built from the session file, runs every call with a deadline, retries a call (up to three times) after a
//! dropped connection (the same request bytes, so a send keeps its `random_id`), rebuilds the
//! connection on demand, and converts everything to [`crate::model`] types. The peer cache
//! is kept beside the session file (`<session>.peers`, see `peer_file.rs`).

pub(super) mod admin;
pub(super) mod bots;
pub(super) mod business;
mod calls;
pub(super) mod compose;
pub(super) mod contacts;
mod convert;
pub(super) mod fetch;
pub(super) mod folders;
pub(super) mod login;
mod lookup;
pub(super) mod media;
mod peer_file;
mod peers;
mod target;
use calls::classify;
pub(crate) use peers::Target;
pub(super) mod reactions;
pub(super) mod read;
pub(super) mod stories;
pub(super) mod updates;
pub(super) mod write;

use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use grammers_client::session::storages::SqliteSession;
use grammers_client::tl;
use grammers_client::{Client, SenderPool};
use tokio::sync::{Notify, broadcast, mpsc, watch};
use tokio::task::JoinHandle;

use super::{OwnerError, State};
use crate::model::Account;

/// The owner's Telegram connection. Cheap to share behind an `Arc`.
pub struct Telegram {
    /// The session file, for replacing the session after a logout.
    path: std::path::PathBuf,
    api_id: i32,
    conn: RwLock<Conn>,
    state: watch::Sender<State>,
    peers: Arc<Mutex<peers::PeerCache>>,
    /// `<session>.peers`, written behind the cache by `peer_writer`.
    peer_file: Arc<peer_file::PeerFile>,
    peer_writer: JoinHandle<()>,
    call_timeout: Duration,
    /// Wakes the supervisor when a call saw a dead or stalled connection.
    pub(crate) trouble: Notify,
    /// When Telegram last answered anything (proof the connection was alive then).
    last_answer: Mutex<Option<tokio::time::Instant>>,
    /// Set by a logout (the session holds no key); cleared by a login.
    keyless: std::sync::atomic::AtomicBool,
    /// Woken by `updateLoginToken`: a QR login token was accepted on a phone.
    pub(crate) login_accepted: Arc<Notify>,
    /// Where every connection's updates go, and the fan-out's end (taken once).
    batches: mpsc::Sender<updates::Batch>,
    batches_rx: Mutex<Option<mpsc::Receiver<updates::Batch>>>,
    /// The account's events, for every window.
    events: broadcast::Sender<crate::model::ChatEvent>,
    /// DCs other than home that this authorization was copied to (for file downloads).
    dcs_authorized: Mutex<std::collections::HashSet<i32>>,
    /// Transcriptions seen (answers of `transcribeAudio`, `updateTranscribedAudio`), so reading
    /// one again costs no write (see `bots/notes.rs`).
    transcriptions: Mutex<bots::Transcriptions>,
}

struct Conn {
    client: Client,
    runner: JoinHandle<()>,
    session: Arc<SqliteSession>,
    /// Into this connection's update receiver: an `updatesTooLong` there makes it ask
    /// `getDifference` (after a reconnect, and with every health ping).
    resync: mpsc::Sender<grammers_client::session::updates::UpdatesLike>,
}

impl Telegram {
    /// Opens the session file and loads the peer cache beside it; connects lazily on the
    /// first call.
    pub(crate) async fn open(
        session_path: &std::path::Path,
        api_id: i32,
        call_timeout: Duration,
    ) -> anyhow::Result<Self> {
        use anyhow::Context;
        let peer_file = peer_file::PeerFile::beside(session_path);
        let cache = if session_path.exists() {
            peers::PeerCache::restore(peer_file.load())
        } else {
            // A new session has no account yet: peers cached for an old one are not its own.
            peer_file.forget(0);
            peers::PeerCache::default()
        };
        let session = SqliteSession::open(session_path)
            .await
            .with_context(|| format!("failed to open session file {}", session_path.display()))?;
        let peers = Arc::new(Mutex::new(cache));
        let peer_writer =
            tokio::spawn(peer_file::write_behind(Arc::clone(&peer_file), Arc::downgrade(&peers)));
        let session = Arc::new(session);
        let login_accepted = Arc::new(Notify::new());
        let (batches, batches_rx) = mpsc::channel(256);
        let sinks = updates::Sinks { login_accepted: Arc::clone(&login_accepted), batches: batches.clone() };
        let conn = RwLock::new(connect(&session, api_id, &sinks));
        Ok(Self {
            path: session_path.to_owned(),
            api_id,
            conn,
            state: watch::Sender::new(State::Connecting),
            peers,
            peer_file,
            peer_writer,
            call_timeout,
            trouble: Notify::new(),
            last_answer: Mutex::new(None),
            keyless: std::sync::atomic::AtomicBool::new(false),
            login_accepted,
            batches,
            batches_rx: Mutex::new(Some(batches_rx)),
            events: broadcast::Sender::new(updates::EVENT_BACKLOG),
            dcs_authorized: Mutex::default(),
            transcriptions: Mutex::default(),
        })
    }

    /// Writes the peer cache now if it changed since the last write (for a clean stop).
    pub(crate) async fn save_peers(&self) {
        self.peer_file.flush(&self.peers).await;
    }

    fn sinks(&self) -> updates::Sinks {
        updates::Sinks { login_accepted: Arc::clone(&self.login_accepted), batches: self.batches.clone() }
    }

    /// Starts turning updates into events (once; the owner calls it when it starts).
    pub(crate) fn start_events(self: &Arc<Self>) {
        if let Some(rx) = self.batches_rx.lock().unwrap_or_else(|p| p.into_inner()).take() {
            tokio::spawn(Arc::clone(self).fan_out(rx));
        }
    }

    /// Whether an api id was configured (needed to sign in).
    pub(crate) fn has_api_id(&self) -> bool {
        self.api_id != 0
    }

    /// The connection state, observable.
    pub(crate) fn state(&self) -> &watch::Sender<State> {
        &self.state
    }

    /// Drops the current connection and starts a new one on the same session.
    pub(crate) fn rebuild(&self) {
        let fresh = connect(&self.session(), self.api_id, &self.sinks());
        let old = std::mem::replace(&mut *self.conn.write().unwrap_or_else(|p| p.into_inner()), fresh);
        // Aborting the runner closes its sockets; a stuck handshake cannot hold it.
        old.runner.abort();
    }

    /// The session storage of the current connection.
    pub(crate) fn session(&self) -> Arc<SqliteSession> {
        Arc::clone(&self.conn.read().unwrap_or_else(|p| p.into_inner()).session)
    }

    /// After a logout: deletes the session file and the peer cache, and starts over with a
    /// fresh session that keeps only the data centers' addresses (no key, no account), where a
    /// later login writes.
    pub(crate) async fn forget_session(&self) -> anyhow::Result<()> {
        use anyhow::Context;
        use grammers_client::session::Session as _;
        let old = self.session();
        let home = old.home_dc_id().ok();
        let options: Vec<_> = (1..=5).filter_map(|id| old.dc_option(id).ok().flatten()).collect();
        self.forget_peers();
        std::fs::remove_file(&self.path)
            .with_context(|| format!("failed to remove the session file {}", self.path.display()))?;
        let fresh = SqliteSession::open(&self.path)
            .await
            .with_context(|| format!("failed to create session file {}", self.path.display()))?;
        crate::owner::restrict(&self.path)?;
        for mut option in options {
            option.auth_key = None;
            fresh.set_dc_option(&option).await.context("failed to write the new session")?;
        }
        if let Some(home) = home {
            fresh.set_home_dc_id(home).await.context("failed to write the new session")?;
        }
        self.keyless.store(true, std::sync::atomic::Ordering::Relaxed);
        let conn = connect(&Arc::new(fresh), self.api_id, &self.sinks());
        let old = std::mem::replace(&mut *self.conn.write().unwrap_or_else(|p| p.into_inner()), conn);
        old.runner.abort();
        Ok(())
    }

    /// Whether the session holds an auth key for its home data center (a fresh or logged-out
    /// session holds none: it is "not logged in" without asking Telegram).
    pub(crate) fn has_key(&self) -> bool {
        use grammers_client::session::Session as _;
        let session = self.session();
        let home = session.home_dc_id().ok();
        home.and_then(|dc| session.dc_option(dc).ok().flatten()).is_some_and(|o| o.auth_key.is_some())
    }

    /// Whether the session was logged out and waits for a login on this owner.
    pub(crate) fn awaits_login(&self) -> bool {
        self.keyless.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub(crate) fn logged_in(&self) {
        self.keyless.store(false, std::sync::atomic::Ordering::Relaxed);
    }

    /// Checks the session: signed in (and as whom), not signed in, or unreachable.
    pub(crate) async fn probe(&self, deadline: Duration) -> Result<Option<Account>, OwnerError> {
        let client = self.client();
        let authorized = match tokio::time::timeout(deadline, client.is_authorized()).await {
            Ok(result) => result.map_err(|e| classify(&e))?,
            Err(_) => return Err(OwnerError::Timeout(deadline)),
        };
        if !authorized {
            return Ok(None);
        }
        let users = self
            .raw_call(&tl::functions::users::GetUsers { id: vec![tl::enums::InputUser::UserSelf] }, deadline)
            .await?;
        self.learn(&users, &[]);
        let me = users.iter().find_map(|u| match u {
            tl::enums::User::User(u) if u.is_self => Some(u),
            _ => None,
        });
        let me = me.ok_or_else(|| OwnerError::Internal(anyhow::anyhow!("Telegram returned no self user")))?;
        Ok(Some(convert::account(me)))
    }

    /// Makes the update receiver fetch what it may have missed (`getDifference`).
    pub(crate) fn resync(&self) {
        use grammers_client::session::updates::UpdatesLike;
        let conn = self.conn.read().unwrap_or_else(|p| p.into_inner());
        let _ = conn.resync.try_send(UpdatesLike::Updates(tl::enums::Updates::TooLong));
    }

    fn client(&self) -> Client {
        self.conn.read().unwrap_or_else(|p| p.into_inner()).client.clone()
    }
}

impl Drop for Telegram {
    fn drop(&mut self) {
        self.peer_writer.abort();
    }
}

fn connect(session: &Arc<SqliteSession>, api_id: i32, sinks: &updates::Sinks) -> Conn {
    use grammers_client::sender::{ConnectionParams, NoRetries};
    // Every field is given: grammers' `Default` asks os_info, which runs `lsb_release -a` (a
    // shell script and several processes, 15–20 ms) before the owner can serve anyone.
    let lang = language();
    let params = ConnectionParams {
        device_model: "mcp-telegram".to_owned(),
        system_version: std::env::consts::OS.to_owned(),
        app_version: crate::VERSION.to_owned(),
        system_lang_code: lang.clone(),
        lang_code: lang,
        use_ipv6: false,
        // Flood waits are returned to the agent with their seconds, never slept silently.
        retry_policy: Box::new(NoRetries),
        updates_channel_capacity: std::num::NonZeroUsize::new(100).unwrap_or(std::num::NonZeroUsize::MIN),
        __non_exhaustive: (),
    };
    let pool = SenderPool::with_configuration(Arc::clone(session), api_id, params);
    let handle = pool.handle.clone();
    let client = Client::new(pool.handle);
    let runner = tokio::spawn(async move {
        pool.runner.run().await;
    });
    let session = Arc::clone(session);
    let resync = updates::spawn(handle, pool.updates, sinks.clone());
    Conn { client, runner, session, resync }
}

/// The user's language for Telegram (`initConnection`), from `LC_ALL`/`LANG` (`de_DE.UTF-8` →
/// `de`); `en` when unset or `C`/`POSIX`.
fn language() -> String {
    let raw = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()));
    let code: String = raw
        .unwrap_or_default()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_lowercase();
    if code.len() == 2 || code.len() == 3 { code } else { "en".to_owned() }
}

fn rand_u32() -> u32 {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).expect("the OS random generator is unavailable");
    u32::from_le_bytes(bytes)
}

fn rand_i64() -> i64 {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).expect("the OS random generator is unavailable");
    i64::from_le_bytes(bytes)
}
