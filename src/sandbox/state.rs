//! State shared by every connection of one sandbox: known auth keys with their connection
//! counters and authorization, the duplicate-key policy, fault injection, the call log, salts,
//! the account's login state, the world, the file store and the hub that pushes updates to
//! live connections.
//! Locks are std mutexes held only for short, await-free sections.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use grammers_tl_types::Serializable;
use tokio::sync::{broadcast, watch};

use super::control::{DuplicatePolicy, KeyStats, RecordedCall};
use super::crypto::AuthKey;
use super::login::{AuthState, Login};
use super::media::Store;
use super::world::World;

/// Pushed updates a slow connection may fall behind by before it skips some (its client then
/// sees a pts gap and asks for the difference, as after any loss).
const PUSH_BACKLOG: usize = 1024;
/// Salts rotate every 30 minutes, as Telegram's do.
const SALT_WINDOW_SECS: i64 = 1800;

pub(crate) struct Shared {
    pub(crate) keys: Mutex<HashMap<u64, KeyState>>,
    pub(crate) faults: Mutex<Faults>,
    pub(crate) calls: Mutex<Vec<RecordedCall>>,
    /// Numbers logged calls in arrival order.
    pub(crate) call_seq: std::sync::atomic::AtomicU64,
    pub(crate) world: Mutex<World>,
    pub(crate) login: Mutex<Login>,
    /// Uploaded parts and stored files, on disk; locked on its own, after `world` if both.
    pub(crate) files: Store,
    /// Bumped by `kick_all`; every connection watches it.
    pub(crate) kick: watch::Sender<u64>,
    /// Serialized `Updates` for every live connection; each subscribes when it starts.
    pub(crate) pushes: broadcast::Sender<Pushed>,
    /// Cleared by the `push` control: events are then only logged.
    push_on: AtomicBool,
    salt_secret: i64,
}

/// One pushed `Updates`, and the connection whose RPC caused it (it has the answer already).
#[derive(Clone)]
pub(crate) struct Pushed {
    pub(crate) origin: Option<u64>,
    pub(crate) body: Arc<Vec<u8>>,
}

pub(crate) struct KeyState {
    pub(crate) key: AuthKey,
    /// Live connections in registration order (oldest first).
    pub(crate) live: Vec<u64>,
    pub(crate) max_live: usize,
    pub(crate) revoked: bool,
    pub(crate) auth: AuthState,
}

/// Fault injection and policies set through the controls.
#[derive(Default)]
pub(crate) struct Faults {
    pub(crate) policy: DuplicatePolicy,
    pub(crate) stall: bool,
    /// Per-method delay; the key `*` applies to every method.
    pub(crate) delays: BTreeMap<String, Duration>,
    /// Per-method flood wait: (seconds, calls left to fail).
    pub(crate) floods: BTreeMap<String, (u32, u32)>,
}

/// What the duplicate-key policy says about one RPC.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Admission {
    Allowed,
    Duplicated,
}

impl Shared {
    pub(crate) fn new(world: World, files: Store) -> Self {
        let mut secret = [0u8; 8];
        getrandom::fill(&mut secret).expect("the OS random generator is unavailable");
        Self {
            keys: Mutex::new(HashMap::new()),
            faults: Mutex::new(Faults::default()),
            calls: Mutex::new(Vec::new()),
            call_seq: std::sync::atomic::AtomicU64::new(1),
            world: Mutex::new(world),
            login: Mutex::new(Login::default()),
            files,
            kick: watch::Sender::new(0),
            pushes: broadcast::Sender::new(PUSH_BACKLOG),
            push_on: AtomicBool::new(true),
            salt_secret: i64::from_le_bytes(secret),
        }
    }

    pub(crate) fn keys(&self) -> MutexGuard<'_, HashMap<u64, KeyState>> {
        lock(&self.keys)
    }

    pub(crate) fn faults(&self) -> MutexGuard<'_, Faults> {
        lock(&self.faults)
    }

    pub(crate) fn world(&self) -> MutexGuard<'_, World> {
        lock(&self.world)
    }

    pub(crate) fn calls(&self) -> MutexGuard<'_, Vec<RecordedCall>> {
        lock(&self.calls)
    }

    pub(crate) fn login(&self) -> MutexGuard<'_, Login> {
        lock(&self.login)
    }

    /// Learns a key in state `auth`; a key already known keeps its state.
    pub(crate) fn add_key(&self, key: AuthKey, auth: AuthState) {
        self.keys().entry(key.id()).or_insert(KeyState {
            key,
            live: Vec::new(),
            max_live: 0,
            revoked: false,
            auth,
        });
    }

    /// How far a key got in signing in; unknown keys count as signed out.
    pub(crate) fn auth_of(&self, key_id: u64) -> AuthState {
        self.keys().get(&key_id).map_or(AuthState::SignedOut, |k| k.auth)
    }

    pub(crate) fn set_auth(&self, key_id: u64, auth: AuthState) {
        if let Some(state) = self.keys().get_mut(&key_id) {
            state.auth = auth;
        }
    }

    pub(crate) fn key(&self, id: u64) -> Option<AuthKey> {
        self.keys().get(&id).map(|k| k.key.clone())
    }

    /// Counts a connection as live on its key and applies the revoke policy.
    pub(crate) fn register(&self, key_id: u64, conn: u64) {
        let policy = self.faults().policy;
        let mut keys = self.keys();
        let Some(state) = keys.get_mut(&key_id) else { return };
        state.live.push(conn);
        state.max_live = state.max_live.max(state.live.len());
        if policy == DuplicatePolicy::RevokeKey && state.live.len() > 1 {
            state.revoked = true;
        }
    }

    pub(crate) fn unregister(&self, key_id: u64, conn: u64) {
        if let Some(state) = self.keys().get_mut(&key_id) {
            state.live.retain(|c| *c != conn);
        }
    }

    /// Whether a connection may run an RPC under the duplicate-key policy.
    pub(crate) fn admit(&self, key_id: u64, conn: u64) -> Admission {
        let policy = self.faults().policy;
        let keys = self.keys();
        let Some(state) = keys.get(&key_id) else { return Admission::Duplicated };
        let newcomer = state.live.first().is_some_and(|oldest| *oldest != conn);
        match policy {
            _ if state.revoked => Admission::Duplicated,
            DuplicatePolicy::RejectNewcomer if newcomer => Admission::Duplicated,
            _ => Admission::Allowed,
        }
    }

    pub(crate) fn key_stats(&self) -> Vec<KeyStats> {
        let keys = self.keys();
        let mut stats: Vec<KeyStats> = keys
            .values()
            .map(|k| KeyStats {
                key_id: format!("{:016x}", k.key.id()),
                live: k.live.len(),
                max_live: k.max_live,
                revoked: k.revoked,
                auth: k.auth,
            })
            .collect();
        stats.sort_by(|a, b| a.key_id.cmp(&b.key_id));
        stats
    }

    /// Sends `updates` to every live connection of a signed-in key but `origin`, unless
    /// pushing is off.
    pub(crate) fn push(&self, origin: Option<u64>, updates: &grammers_tl_types::enums::Updates) {
        if self.push_on.load(Ordering::Relaxed) {
            // No receivers just means no live connection: the log still has the event.
            let _ = self.pushes.send(Pushed { origin, body: Arc::new(updates.to_bytes()) });
        }
    }

    /// Pushes the events logged since the last push, to every connection but `origin`. A
    /// concurrent RPC's events may ride along and reach their own connection too, which
    /// grammers drops as already applied (same pts).
    pub(crate) fn push_fresh(&self, origin: Option<u64>) {
        let updates = {
            let mut world = self.world();
            let fresh = world.take_fresh();
            super::world::tl::pushed_entries(&world, &fresh, now_secs() as i32)
        };
        if let Some(updates) = updates {
            self.push(origin, &updates);
        }
    }

    pub(crate) fn set_push(&self, on: bool) {
        self.push_on.store(on, Ordering::Relaxed);
    }

    /// The salt clients should use now.
    pub(crate) fn current_salt(&self) -> i64 {
        self.salt_for(salt_window(now_secs()))
    }

    /// Accepts salts from the last two windows through the 64 handed out as future salts.
    pub(crate) fn salt_is_valid(&self, salt: i64) -> bool {
        let now = salt_window(now_secs());
        (now - 2..=now + 64).any(|w| self.salt_for(w) == salt)
    }

    /// `(valid_since, valid_until, salt)` for `count` windows starting with the current one.
    pub(crate) fn future_salts(&self, count: usize) -> Vec<(i32, i32, i64)> {
        let now = salt_window(now_secs());
        (now..now + count.clamp(1, 64) as i64)
            .map(|w| ((w * SALT_WINDOW_SECS) as i32, ((w + 1) * SALT_WINDOW_SECS) as i32, self.salt_for(w)))
            .collect()
    }

    fn salt_for(&self, window: i64) -> i64 {
        self.salt_secret ^ window.wrapping_mul(0x9e37_79b9_7f4a_7c15_u64 as i64)
    }
}

pub(crate) fn now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

fn salt_window(secs: i64) -> i64 {
    secs / SALT_WINDOW_SECS
}

/// A poisoned lock only means another connection task panicked; the data is still usable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
