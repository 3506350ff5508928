//! The thin client's relay: MCP JSON-RPC lines between the host's stdio and an owner socket,
//! byte for byte, on two plain threads (no async runtime: a thin client stays small and
//! forwards a line with one wake-up). It runs no MCP stack; it only peeks at `id` and
//! `method` so that it can
//! - answer malformed JSON (-32700), invalid requests and oversized messages itself,
//! - fail the calls in flight when the owner goes away (retryable error),
//! - answer the calls still running when the host closes stdin before it exits, and
//! - replay `initialize`/`notifications/initialized` to a new owner after a failover, so a
//!   legacy-era MCP session continues without the host noticing (the replayed answer is
//!   swallowed).
//!
//! A window that owns the session runs the owner on a background runtime and relays to its
//! own socket like any other client, so every window behaves alike.

use std::collections::HashSet;
use std::io::{BufRead, Write};
use std::os::unix::net::UnixStream;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::{Value, json};

use crate::ipc::{BlockingConnection, Line, LineReader, MAX_MESSAGE};

/// How long a window whose stdin closed keeps waiting for the answers still owed.
/// Shorter than the 2 s official SDKs wait before they send SIGTERM.
const DRAIN: Duration = Duration::from_millis(1500);
/// How long a line from the host waits for a replacement owner.
const REPLACEMENT_WAIT: Duration = Duration::from_secs(60);
/// JSON-RPC error code for calls cut off by a lost owner (implementation-defined range).
const OWNER_LOST: i64 = -32001;

/// Finds (or becomes) an owner and connects to it; called at start and after every loss.
pub type Connector = Box<dyn FnMut() -> anyhow::Result<BlockingConnection> + Send>;

#[derive(Deserialize)]
struct Peek {
    id: Option<Value>,
    method: Option<String>,
}

#[derive(Default)]
struct Session {
    initialize: Option<Value>,
    initialized: Option<Vec<u8>>,
    pending: HashSet<String>,
    swallow: Option<String>,
    replays: u32,
}

/// What both threads share.
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    stdout: Mutex<Box<dyn Write + Send>>,
}

struct State {
    session: Session,
    /// The current owner connection; `None` while a replacement is being found.
    owner: Option<Arc<UnixStream>>,
    generation: u64,
}

/// Relays until the host closes stdin (`Ok`); a window that can find no owner at all exits
/// with an explained error.
pub fn run(
    stdin: impl BufRead,
    stdout: impl Write + Send + 'static,
    mut connect: Connector,
) -> anyhow::Result<()> {
    let first = connect()?;
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            session: Session::default(),
            owner: Some(Arc::new(first.writer)),
            generation: 0,
        }),
        changed: Condvar::new(),
        stdout: Mutex::new(Box::new(stdout)),
    });
    let reader = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("owner-reader".into())
        .spawn(move || reader.read_owner(first.lines, connect))
        .map_err(|e| anyhow::anyhow!("failed to start the relay thread: {e}"))?;
    shared.read_host(stdin)
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn write_out(&self, line: &[u8]) {
        if line.is_empty() {
            return;
        }
        // One write per line: the host wakes once and never sees half a message.
        let mut bytes = Vec::with_capacity(line.len() + 1);
        bytes.extend_from_slice(line);
        bytes.push(b'\n');
        let mut out = self.stdout.lock().unwrap_or_else(|p| p.into_inner());
        // A host that stopped reading is gone; the stdin side notices and ends the relay.
        let _ = out.write_all(&bytes).and_then(|()| out.flush());
    }

    /// The host side: lines from stdin to the owner (or answered here).
    fn read_host(&self, stdin: impl BufRead) -> anyhow::Result<()> {
        let mut host = LineReader::new(stdin, MAX_MESSAGE);
        loop {
            match host.next_blocking()? {
                Line::Eof => {
                    self.drain();
                    return Ok(());
                }
                Line::Oversized(n) => {
                    let msg = format!("message of {n} bytes exceeds the {MAX_MESSAGE}-byte limit");
                    self.write_out(&error(Value::Null, -32600, &msg));
                }
                Line::Complete => self.forward(host.line()),
            }
        }
    }

    fn forward(&self, line: &[u8]) {
        let mut state = self.state();
        let id = match state.session.note_host(line) {
            Ok(id) => id,
            Err(reply) => {
                drop(state);
                self.write_out(&reply);
                return;
            }
        };
        let started = Instant::now();
        let mut noted = true;
        loop {
            if let Some(owner) = state.owner.clone() {
                if !noted {
                    // Re-noted for the new owner (sending it below either succeeds or un-notes).
                    let _ = state.session.note_host(line);
                }
                drop(state);
                if send(&owner, line).is_ok() {
                    return;
                }
                state = self.state();
                if id.as_ref().is_some_and(|id| !state.session.pending.contains(id)) {
                    // The owner thread already answered it as lost: the host will retry.
                    return;
                }
                // The owner is gone before it read this line: hand it to the next one.
                state.session.unnote(line);
                noted = false;
                if state.owner.as_ref().is_some_and(|o| Arc::ptr_eq(o, &owner)) {
                    state.owner = None;
                    let _ = owner.shutdown(std::net::Shutdown::Both);
                }
            }
            let generation = state.generation;
            let wait = REPLACEMENT_WAIT.saturating_sub(started.elapsed());
            let (next, timeout) = self
                .changed
                .wait_timeout_while(state, wait, |s| s.generation == generation)
                .unwrap_or_else(|p| p.into_inner());
            state = next;
            if timeout.timed_out() {
                if noted {
                    state.session.unnote(line);
                }
                drop(state);
                self.write_out(&lost(line, "no mcp-telegram owner could be reached: retry the call"));
                return;
            }
        }
    }

    /// stdin closed: wait (briefly) for the answers still owed, then end.
    fn drain(&self) {
        let state = self.state();
        if !state.session.pending.is_empty() {
            let _ = self.changed.wait_timeout_while(state, DRAIN, |s| !s.session.pending.is_empty());
        }
    }

    /// The owner side: lines from the owner to stdout; replaces a lost owner.
    fn read_owner(&self, mut lines: LineReader<std::io::BufReader<UnixStream>>, mut connect: Connector) {
        loop {
            loop {
                match lines.next_blocking() {
                    Ok(Line::Complete) => {
                        let mut state = self.state();
                        let show = state.session.note_owner(lines.line());
                        let settled = state.session.pending.is_empty();
                        drop(state);
                        if show {
                            self.write_out(lines.line());
                        }
                        if settled {
                            self.changed.notify_all();
                        }
                    }
                    Ok(Line::Oversized(n)) => {
                        tracing::warn!(bytes = n, "dropped an oversized message from the owner")
                    }
                    Ok(Line::Eof) | Err(_) => break,
                }
            }
            lines = match self.replace_owner(&mut connect) {
                Ok(lines) => lines,
                Err(error) => {
                    tracing::error!("{error:#}");
                    eprintln!("mcp-telegram: {error:#}");
                    std::process::exit(1);
                }
            };
        }
    }

    /// Fails what was in flight, connects again, restores the MCP session.
    fn replace_owner(
        &self,
        connect: &mut Connector,
    ) -> anyhow::Result<LineReader<std::io::BufReader<UnixStream>>> {
        let pending: Vec<String> = {
            let mut state = self.state();
            state.owner = None;
            state.session.pending.drain().collect()
        };
        tracing::info!(in_flight = pending.len(), "lost the owner; reconnecting");
        for id in pending {
            let id: Value = serde_json::from_str(&id).unwrap_or(Value::Null);
            let msg =
                "the mcp-telegram owner went away during this call; it has been replaced: retry the call";
            self.write_out(&error(id, OWNER_LOST, msg));
        }
        self.changed.notify_all();
        let connection = connect()?;
        let mut state = self.state();
        if let Some(mut init) = state.session.initialize.clone() {
            state.session.replays += 1;
            let id = format!("mcp-telegram-replay-{}", state.session.replays);
            init["id"] = Value::String(id.clone());
            state.session.swallow = Some(Value::String(id).to_string());
            let mut bytes = serde_json::to_vec(&init)?;
            if let Some(done) = &state.session.initialized {
                bytes.push(b'\n');
                bytes.extend_from_slice(done);
            }
            send(&connection.writer, &bytes)?;
        }
        state.owner = Some(Arc::new(connection.writer));
        state.generation += 1;
        drop(state);
        self.changed.notify_all();
        Ok(connection.lines)
    }
}

fn send(mut owner: &UnixStream, line: &[u8]) -> std::io::Result<()> {
    let mut bytes = Vec::with_capacity(line.len() + 1);
    bytes.extend_from_slice(line);
    bytes.push(b'\n');
    owner.write_all(&bytes)
}

/// An error answer for a request line that could not be delivered.
fn lost(line: &[u8], message: &str) -> Vec<u8> {
    let id = serde_json::from_slice::<Peek>(line).ok().and_then(|p| p.id).unwrap_or(Value::Null);
    error(id, OWNER_LOST, message)
}

fn error(id: Value, code: i64, message: &str) -> Vec<u8> {
    let reply = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    serde_json::to_vec(&reply).unwrap_or_default()
}

impl Session {
    /// Notes what a host line means: `Err(reply)` when the relay answers it itself, else the
    /// key of the request the owner will answer (none for notifications).
    fn note_host(&mut self, line: &[u8]) -> Result<Option<String>, Vec<u8>> {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Err(Vec::new());
        }
        let value = match serde_json::from_slice::<Value>(line) {
            Ok(value) => value,
            Err(e) => return Err(error(Value::Null, -32700, &format!("parse error: {e}"))),
        };
        if let Some((code, message)) = crate::mcp::screen(&value) {
            let id =
                value.get("id").filter(|id| id.is_string() || id.is_number()).cloned().unwrap_or(Value::Null);
            return Err(error(id, code, &message));
        }
        let peek = Peek {
            id: value.get("id").cloned(),
            method: value.get("method").and_then(Value::as_str).map(str::to_owned),
        };
        let key = match (&peek.id, peek.method.as_deref()) {
            (Some(id), Some("initialize")) => {
                self.initialize = Some(value.clone());
                Some(id.to_string())
            }
            (None, Some("notifications/initialized")) => {
                self.initialized = Some(line.to_vec());
                None
            }
            (Some(id), Some(_)) => Some(id.to_string()),
            _ => None,
        };
        if let Some(key) = &key {
            self.pending.insert(key.clone());
        }
        Ok(key)
    }

    /// Forgets a request that never reached an owner.
    fn unnote(&mut self, line: &[u8]) {
        let Ok(peek) = serde_json::from_slice::<Peek>(line) else { return };
        match peek.method.as_deref() {
            Some("initialize") => self.initialize = None,
            Some("notifications/initialized") => self.initialized = None,
            _ => {}
        }
        if let Some(id) = peek.id {
            self.pending.remove(&id.to_string());
        }
    }

    /// Notes an owner line; false when it must not reach the host (a replayed answer).
    fn note_owner(&mut self, line: &[u8]) -> bool {
        let Ok(Peek { id: Some(id), method: None }) = serde_json::from_slice::<Peek>(line) else {
            return true;
        };
        let id = id.to_string();
        if self.swallow.as_ref() == Some(&id) {
            self.swallow = None;
            return false;
        }
        self.pending.remove(&id);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peeks_track_requests_and_answers() {
        let mut s = Session::default();
        let init = br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#;
        assert_eq!(s.note_host(init), Ok(Some("1".to_owned())));
        assert_eq!(s.note_host(br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#), Ok(None));
        assert_eq!(
            s.note_host(br#"{"jsonrpc":"2.0","id":"a","method":"tools/list"}"#),
            Ok(Some("\"a\"".to_owned()))
        );
        assert_eq!(s.pending.len(), 2);
        assert!(s.note_owner(br#"{"jsonrpc":"2.0","id":"a","result":{}}"#));
        assert_eq!(s.pending.len(), 1);
        assert!(s.initialize.is_some() && s.initialized.is_some());
        s.swallow = Some("\"r\"".into());
        assert!(!s.note_owner(br#"{"jsonrpc":"2.0","id":"r","result":{}}"#));
    }

    #[test]
    fn malformed_json_is_answered_locally() {
        let mut s = Session::default();
        let reply = s.note_host(b"{not json").expect_err("a parse error reply");
        let reply: Value = serde_json::from_slice(&reply).unwrap();
        assert_eq!(reply["error"]["code"], -32700);
        assert_eq!(reply["id"], Value::Null);
        let batch: Value = serde_json::from_slice(&s.note_host(b"[1,2]").unwrap_err()).unwrap();
        assert_eq!((batch["error"]["code"].as_i64(), &batch["id"]), (Some(-32600), &Value::Null));
        assert_eq!(s.note_host(b"   "), Err(Vec::new()), "blank lines are dropped");
    }
}
