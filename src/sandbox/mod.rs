//! The sandbox: a simulated Telegram data center on 127.0.0.1 that the real, unmodified
//! grammers client talks to over TCP with MTProto 2.0 encryption. It skips the key exchange by
//! sharing a pre-made auth key with the session files it writes, serves a seeded demo account
//! whose state changes as clients use it, and exposes test controls ([`Controls`]).
//!
//! Each auth key is signed in to the demo account or not ([`AuthState`]). Keys minted or adopted
//! with [`Sandbox::mint_key`]/[`Sandbox::adopt_key`] start signed in; the `_signed_out` variants
//! give keys that must log in first, through the real login RPCs: phone ([`DEMO_PHONE`]) and
//! code (read through the controls), an optional 2FA password checked with real SRP, or a QR
//! token "scanned" through the controls. A QR client learns of the scan by calling
//! `auth.exportLoginToken` again (Telegram would also push `updateLoginToken`). There is one
//! DC: no `PHONE_MIGRATE_X` or `loginTokenMigrateTo`.
//!
//! Updates work as on Telegram: one pts for the common box (private chats, basic groups, Saved
//! Messages) and one per channel, moved by every new message, edit, deletion and common-box
//! read mark, each logged (the last 10 000 per box) for `updates.getDifference` and
//! `updates.getChannelDifference` (a common-box difference names every channel with newer
//! events in an `updateChannelTooLong`, so a reconnecting client fetches those too). What the
//! controls inject (a message from the other side, an
//! edit, a deletion, a read receipt) is also pushed to every live connection of a signed-in key
//! as an unsolicited `updates`; the account's own writes are pushed the same way to every
//! connection but the one whose RPC answer already carries them.
//!
//! Files are real: uploads (`upload.saveFilePart`/`saveBigFilePart`) land on disk in a private
//! temporary directory, become photos and documents through `messages.sendMedia`,
//! `sendMultiMedia`, `uploadMedia` and `photos.uploadProfilePhoto`, and are served by
//! `upload.getFile` from DC 2, the only one. The directory is removed when the sandbox is.
//!
//! This module (with the owner's Telegram module) is allowed to name grammers types; nothing
//! else imports it except `modes`, which runs it for `mcp-telegram sandbox` and `--sandbox`.
//! Like every server here, [`Sandbox::serve`] takes a ready listener and a shutdown future.

mod conn;
pub mod control;
mod crypto;
mod frame;
mod login;
mod media;
mod push;
mod rpc;
mod session;
mod state;
mod wire;
mod world;

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::net::{TcpListener, UnixListener};

pub use control::{
    Controls, DuplicatePolicy, Injected, KeyStats, LoginInfo, MediaInfo, NothingToScan, ProfilePhotoInfo,
    RecordedCall,
};
pub use crypto::{AUTH_KEY_LEN, AuthKey};
pub use login::{AuthState, DEMO_PHONE};
pub use session::{SANDBOX_DC_IDS, read_sandbox_key, session_data, write_session};

/// A simulated data center with its seeded account. Clones share one state.
#[derive(Clone)]
pub struct Sandbox {
    shared: Arc<state::Shared>,
    next_conn: Arc<AtomicU64>,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    /// A sandbox holding the demo account (its message dates end now) and no auth keys yet.
    /// Its files live in a fresh private directory under the system temp dir, removed when the
    /// last clone is dropped.
    ///
    /// # Panics
    /// If that directory cannot be created or written (the seeded media are stored there).
    pub fn new() -> Self {
        let files = media::Store::new().expect("the sandbox needs a writable temporary directory");
        let world = world::World::demo(state::now_secs() as i32, &files)
            .expect("the sandbox failed to store its seeded media");
        let shared = state::Shared::new(world, files);
        Self { shared: Arc::new(shared), next_conn: Arc::new(AtomicU64::new(1)) }
    }

    /// Creates a random auth key that the sandbox accepts as a signed-in device of the demo
    /// account. Write it into a session with [`write_session`] or [`session_data`].
    pub fn mint_key(&self) -> AuthKey {
        let key = AuthKey::generate();
        self.adopt_key(key.clone());
        key
    }

    /// Accepts an existing key (e.g. from a session file a previous run wrote), signed in if
    /// the sandbox did not know it yet; a known key keeps its state.
    pub fn adopt_key(&self, key: AuthKey) {
        self.shared.add_key(key, AuthState::SignedIn);
    }

    /// Creates a random auth key that the sandbox knows but that is not signed in: every RPC
    /// but the login ones answers `401 AUTH_KEY_UNREGISTERED` until a client logs in with it.
    pub fn mint_key_signed_out(&self) -> AuthKey {
        let key = AuthKey::generate();
        self.adopt_key_signed_out(key.clone());
        key
    }

    /// Accepts a key as a device that is not signed in (signing it out if it was known).
    pub fn adopt_key_signed_out(&self, key: AuthKey) {
        let id = key.id();
        self.shared.add_key(key, AuthState::SignedOut);
        self.shared.set_auth(id, AuthState::SignedOut);
    }

    /// The test controls of this sandbox.
    pub fn controls(&self) -> Controls {
        Controls::new(self.shared.clone())
    }

    /// Accepts MTProto connections until `shutdown` resolves, then closes them all.
    pub async fn serve(&self, listener: TcpListener, shutdown: impl Future<Output = ()>) {
        let mut connections = tokio::task::JoinSet::new();
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                () = &mut shutdown => break,
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => {
                        let id = self.next_conn.fetch_add(1, Ordering::Relaxed);
                        connections.spawn(conn::serve(stream, self.shared.clone(), id));
                    }
                    Err(error) => tracing::warn!(%error, "sandbox failed to accept a connection"),
                },
                Some(_) = connections.join_next(), if !connections.is_empty() => {}
            }
        }
        connections.shutdown().await;
    }

    /// Serves the control socket protocol (see [`control`]) until `shutdown` resolves.
    pub async fn serve_controls(&self, listener: UnixListener, shutdown: impl Future<Output = ()>) {
        control::serve(listener, self.controls(), shutdown).await;
    }
}
