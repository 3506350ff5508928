//! Test controls of a sandbox: connection counters per auth key, the duplicate-key policy,
//! kicking connections, delay/stall/flood injection, the log of received RPCs, and the login
//! side of the demo account (`login`: the code, the 2FA password, scanning a QR token, signing
//! keys out), the stored media (`media`: a message's file, a user's profile photo) and the
//! updates (`updates`: messages, edits, deletions and read receipts from the other side,
//! pushed to live connections and logged for `getDifference`). The same operations are
//! reachable in-process ([`Controls`]) and, for a running
//! `mcp-telegram sandbox`, over its control socket.
//!
//! # Control socket protocol
//! A Unix stream socket carrying one JSON object per line in each direction. Requests have an
//! `op` field:
//!
//! | request | effect |
//! |---|---|
//! | `{"op":"stats"}` | `{"ok":true,"keys":[{"key_id","live","max_live","revoked","auth"}]}`, `auth` one of `signed-in`, `signed-out`, `password-needed` |
//! | `{"op":"policy","policy":"allow"\|"reject-newcomer"\|"revoke-key"}` | duplicate-key policy |
//! | `{"op":"restore-keys"}` | un-revokes every key |
//! | `{"op":"kick"}` | closes every MTProto connection |
//! | `{"op":"delay","method":"messages.getHistory","ms":100}` | delays a method (`*` = all; 0 clears) |
//! | `{"op":"stall","on":true}` | reads but never answers (new and open connections) |
//! | `{"op":"flood","method":"messages.sendMessage","seconds":30,"times":1}` | `FLOOD_WAIT_30` |
//! | `{"op":"calls"}` | `{"ok":true,"calls":[…]}`, the RPC log |
//! | `{"op":"clear-calls"}` | empties the log |
//! | `{"op":"login-info"}` | `{"ok":true,"phone":"+15550100123","password":false,"hint":null,"code_pending":false}` |
//! | `{"op":"login-code"}` | `{"ok":true,"phone":"+15550100123","code":"12345"}`: the code of the latest `auth.sendCode` while usable |
//! | `{"op":"password","password":"…","hint":"…"}` | sets the account's 2FA password (`"password":null` clears it; `hint` optional) |
//! | `{"op":"scan-qr"}` | accepts the newest unexpired QR login token as the phone app would: `{"ok":true,"key_id":"…"}` |
//! | `{"op":"expire-login"}` | expires the pending login code and every unscanned QR token now |
//! | `{"op":"sign-out-all"}` | signs every key out (their RPCs answer `401 AUTH_KEY_UNREGISTERED`) |
//! | `{"op":"media","chat":7000002,"message":123}` | `{"ok":true,"id","kind":"photo"\|"document","size","sha256","mime","name","voice","round","grouped_id","caption","w","h"}` of a message's stored file |
//! | `{"op":"profile-photo","user":7000002}` | `{"ok":true,"photo_id","size","sha256","count"}`: the user's current profile photo |
//! | `{"op":"inject","chat":7000002,"from":7000002,"text":"…"}` | a new incoming message (`from` a member; optional in a private chat, which a user who never wrote opens; omitted in a broadcast channel it is a post), pushed to live connections: `{"ok":true,"id":…,"pts":…}` |
//! | `{"op":"inject-edit","chat":…,"id":…,"text":"…"}` | the author edits a message: `{"ok":true,"pts":…}` |
//! | `{"op":"inject-delete","chat":…,"ids":[…]}` | the other side deletes messages: `{"ok":true,"pts":…}` |
//! | `{"op":"inject-read","chat":…,"max_id":…}` | the other side read our messages up to `max_id` (0 = all): `{"ok":true,"pts":…}` |
//! | `{"op":"push","on":false}` | stops pushing updates (events are still logged for `getDifference`); `true` resumes |
//! | `{"op":"premium","on":true}` | gives the account Telegram Premium and Business (off at start): Premium-only RPCs answer `PREMIUM_ACCOUNT_REQUIRED` without it |
//! | `{"op":"compose","chat":7000002}` | `{"ok":true,"typing":"typing"\|null,"reported":false,"ttl":86400\|null,"scheduled":[ids],"draft":"…"\|null}` of a chat |
//! | `{"op":"story-view","peer":7000001,"id":1,"user":7000002,"reaction":"❤"}` | another user views a story (`reaction` optional; `peer` a user id or a channel's raw id) |
//! | `{"op":"story-reports"}` | `{"ok":true,"reports":[{"peer","ids","option","message"}]}`: the stories the account reported |
//! | `{"op":"inject-vote","chat":4100001,"id":…,"from":7000002,"options":[0]}` | another user votes in a poll (`[]` retracts): `{"ok":true}` |
//! | `{"op":"inject-reaction","chat":4100001,"id":…,"from":7000002,"emoji":"👍"}` | another user reacts to a message (unread if it is the account's): `{"ok":true}` |
//!
//! `pts` is the pts of the chat's box after the event: the account's common pts for private
//! chats and basic groups, the channel's own pts for channels and supergroups.
//!
//! Every other answer is `{"ok":true}`, or `{"ok":false,"error":"…"}` for a bad request or
//! when there is no code to read, token to scan, stored file or profile photo. The login code and the password travel only
//! over this socket (mode 0600); they are never logged, nor recorded in `calls`.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{UnixListener, UnixStream};

use super::login::AuthState;
use super::state::Shared;

mod login;
mod media;
mod reactions;
mod stories;
mod updates;

pub use login::{LoginInfo, NothingToScan};
pub use media::{MediaInfo, ProfilePhotoInfo};
pub use updates::Injected;

/// Longest control request line accepted.
const MAX_LINE: usize = 64 * 1024;

/// How the sandbox treats several live connections on one auth key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DuplicatePolicy {
    /// Any number of connections (Telegram allows several per key from one address).
    #[default]
    Allow,
    /// Every RPC on a connection other than the oldest live one fails with
    /// `406 AUTH_KEY_DUPLICATED`; the oldest keeps working.
    RejectNewcomer,
    /// A second live connection burns the key: every later RPC on any connection gets 406.
    RevokeKey,
}

/// Connection counters of one auth key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyStats {
    /// `auth_key_id` in hex.
    pub key_id: String,
    /// Connections open right now.
    pub live: usize,
    /// The most connections ever open at once.
    pub max_live: usize,
    /// Burnt by the `revoke-key` policy.
    pub revoked: bool,
    /// How far the key got in signing in.
    pub auth: AuthState,
}

/// One RPC as the sandbox received it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedCall {
    /// Arrival order (increasing).
    pub seq: u64,
    /// Connection number (increasing per sandbox).
    pub conn: u64,
    /// `auth_key_id` in hex.
    pub key_id: String,
    /// TL method name, e.g. `messages.sendMessage` (wrappers removed).
    pub method: String,
    /// `random_id`s of sends and forwards, so duplicate sends are detectable.
    pub random_ids: Vec<i64>,
    /// `pending` while running (or if the connection died first), then `ok` or the RPC error
    /// name that was answered.
    pub outcome: String,
    /// Layer from `invokeWithLayer`, when the call was wrapped in it.
    pub layer: Option<i32>,
    /// `api_id` and device model from `initConnection`, when present.
    pub api_id: Option<i32>,
    pub device_model: Option<String>,
}

/// Handle to a sandbox's test controls; cheap to clone.
#[derive(Clone)]
pub struct Controls {
    shared: Arc<Shared>,
}

// No `Debug`: a request can carry the 2FA password.
#[derive(Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case", deny_unknown_fields)]
enum Request {
    Stats,
    Policy { policy: DuplicatePolicy },
    RestoreKeys,
    Kick,
    Delay { method: String, ms: u64 },
    Stall { on: bool },
    Flood { method: String, seconds: u32, times: u32 },
    Calls,
    ClearCalls,
    LoginInfo,
    LoginCode,
    Password { password: Option<String>, hint: Option<String> },
    ScanQr,
    ExpireLogin,
    SignOutAll,
    Media { chat: i64, message: i32 },
    ProfilePhoto { user: i64 },
    Inject { chat: i64, from: Option<i64>, text: String },
    InjectEdit { chat: i64, id: i32, text: String },
    InjectDelete { chat: i64, ids: Vec<i32> },
    InjectRead { chat: i64, max_id: i32 },
    Push { on: bool },
    Premium { on: bool },
    Compose { chat: i64 },
    StoryView { peer: i64, id: i32, user: i64, reaction: Option<String> },
    StoryReports,
    InjectVote { chat: i64, id: i32, from: i64, options: Vec<usize> },
    InjectReaction { chat: i64, id: i32, from: i64, emoji: String },
}

impl Controls {
    pub(crate) fn new(shared: Arc<Shared>) -> Self {
        Self { shared }
    }

    /// Counters for every key the sandbox knows.
    pub fn key_stats(&self) -> Vec<KeyStats> {
        self.shared.key_stats()
    }

    /// Live connections summed over all keys.
    pub fn live_connections(&self) -> usize {
        self.key_stats().iter().map(|k| k.live).sum()
    }

    /// The highest `max_live` of any key.
    pub fn max_connections(&self) -> usize {
        self.key_stats().iter().map(|k| k.max_live).max().unwrap_or(0)
    }

    /// Sets the duplicate-key policy for RPCs from now on.
    pub fn set_duplicate_policy(&self, policy: DuplicatePolicy) {
        self.shared.faults().policy = policy;
    }

    /// Un-revokes every key and resets the maximum counters to the live ones.
    pub fn restore_keys(&self) {
        for key in self.shared.keys().values_mut() {
            key.revoked = false;
            key.max_live = key.live.len();
        }
    }

    /// Closes every MTProto connection at once (clients see a reset and reconnect).
    pub fn kick_all(&self) {
        self.shared.kick.send_modify(|generation| *generation += 1);
    }

    /// Delays every call of `method` (`*` for all) before it is answered; zero clears it.
    pub fn set_delay(&self, method: &str, delay: Duration) {
        let mut faults = self.shared.faults();
        if delay.is_zero() {
            faults.delays.remove(method);
        } else {
            faults.delays.insert(method.to_owned(), delay);
        }
    }

    /// In stall mode the sandbox accepts and reads but never answers.
    pub fn set_stall(&self, on: bool) {
        self.shared.faults().stall = on;
    }

    /// The next `times` calls of `method` (`*` for all) fail with `420 FLOOD_WAIT_<seconds>`.
    pub fn inject_flood(&self, method: &str, seconds: u32, times: u32) {
        self.shared.faults().floods.insert(method.to_owned(), (seconds, times));
    }

    /// Every RPC received so far, oldest first.
    pub fn calls(&self) -> Vec<RecordedCall> {
        self.shared.calls().clone()
    }

    /// Forgets the RPC log.
    pub fn clear_calls(&self) {
        self.shared.calls().clear();
    }

    fn handle(&self, request: Request) -> serde_json::Value {
        match request {
            Request::Stats => return serde_json::json!({"ok": true, "keys": self.key_stats()}),
            Request::Calls => return serde_json::json!({"ok": true, "calls": self.calls()}),
            Request::Policy { policy } => self.set_duplicate_policy(policy),
            Request::RestoreKeys => self.restore_keys(),
            Request::Kick => self.kick_all(),
            Request::Delay { method, ms } => self.set_delay(&method, Duration::from_millis(ms)),
            Request::Stall { on } => self.set_stall(on),
            Request::Flood { method, seconds, times } => self.inject_flood(&method, seconds, times),
            Request::ClearCalls => self.clear_calls(),
            Request::LoginInfo => return self.login_info_answer(),
            Request::LoginCode => return self.login_code_answer(),
            Request::Password { password: Some(password), hint } => {
                self.set_password(&password, hint.as_deref())
            }
            Request::Password { password: None, .. } => self.clear_password(),
            Request::ScanQr => return self.scan_answer(),
            Request::ExpireLogin => self.expire_login(),
            Request::SignOutAll => self.sign_out_all(),
            Request::Media { chat, message } => return found(self.media(chat, message), "no stored file"),
            Request::ProfilePhoto { user } => return found(self.profile_photo(user), "no profile photo"),
            Request::Inject { chat, from, text } => return injected(self.inject(chat, from, &text)),
            Request::InjectEdit { chat, id, text } => return injected(self.inject_edit(chat, id, &text)),
            Request::InjectDelete { chat, ids } => return injected(self.inject_delete(chat, &ids)),
            Request::InjectRead { chat, max_id } => return injected(self.inject_read(chat, max_id)),
            Request::Push { on } => self.set_push(on),
            Request::Premium { on } => self.shared.world().premium = on,
            Request::Compose { chat } => {
                return found(self.shared.world().compose_summary(chat), "no such chat");
            }
            Request::StoryView { peer, id, user, reaction } => {
                if let Err(error) = self.story_view(peer, id, user, reaction) {
                    return serde_json::json!({"ok": false, "error": error});
                }
            }
            Request::StoryReports => return serde_json::json!({"ok": true, "reports": self.story_reports()}),
            Request::InjectVote { chat, id, from, options } => {
                return changed(self.inject_vote(chat, id, from, &options));
            }
            Request::InjectReaction { chat, id, from, emoji } => {
                return changed(self.inject_reaction(chat, id, from, &emoji));
            }
        }
        serde_json::json!({"ok": true})
    }
}

/// `{"ok":true, …fields}` or `{"ok":false,"error":…}`.
fn found(info: Option<impl Serialize>, missing: &str) -> serde_json::Value {
    match info.map(serde_json::to_value) {
        Some(Ok(serde_json::Value::Object(mut fields))) => {
            fields.insert("ok".to_owned(), true.into());
            fields.into()
        }
        _ => serde_json::json!({"ok": false, "error": missing}),
    }
}

/// `{"ok":true,"id"?,"pts"}` or `{"ok":false,"error":…}`.
fn injected(result: Result<Injected, String>) -> serde_json::Value {
    match result {
        Ok(info) => found(Some(info), ""),
        Err(error) => serde_json::json!({"ok": false, "error": error}),
    }
}

/// `{"ok":true}` or `{"ok":false,"error":…}`.
fn changed(result: Result<(), String>) -> serde_json::Value {
    match result {
        Ok(()) => serde_json::json!({"ok": true}),
        Err(error) => serde_json::json!({"ok": false, "error": error}),
    }
}

/// Serves the control protocol until `shutdown` resolves.
pub(crate) async fn serve(
    listener: UnixListener,
    controls: Controls,
    shutdown: impl std::future::Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => { tokio::spawn(serve_one(stream, controls.clone())); }
                Err(error) => tracing::warn!(%error, "failed to accept a control connection"),
            },
        }
    }
}

async fn serve_one(stream: UnixStream, controls: Controls) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).take(MAX_LINE as u64 + 1);
    let mut line = String::new();
    loop {
        line.clear();
        lines.set_limit(MAX_LINE as u64 + 1);
        match lines.read_line(&mut line).await {
            Ok(0) => return,
            Ok(_) if line.len() > MAX_LINE => {
                let _ = write.write_all(b"{\"ok\":false,\"error\":\"request line too long\"}\n").await;
                return;
            }
            Ok(_) => {}
            Err(error) => {
                tracing::debug!(%error, "control connection closed");
                return;
            }
        }
        let answer = match serde_json::from_str::<Request>(line.trim()) {
            // Setting a password costs 100 000 PBKDF2 rounds: keep it off the async workers.
            Ok(request) => {
                let controls = controls.clone();
                tokio::task::spawn_blocking(move || controls.handle(request)).await.unwrap_or_else(
                    |_| serde_json::json!({"ok": false, "error": "the control request failed"}),
                )
            }
            Err(error) => serde_json::json!({"ok": false, "error": format!("bad request: {error}")}),
        };
        let mut bytes = answer.to_string().into_bytes();
        bytes.push(b'\n');
        if write.write_all(&bytes).await.is_err() {
            return;
        }
    }
}
