//! The thin client's relay: MCP JSON-RPC lines between the host's stdio and an owner, byte for
//! byte. It runs no MCP stack; it only peeks at `id` and `method` so that it can
//! - answer malformed JSON (-32700) and oversized messages (-32600) itself,
//! - fail the calls in flight when the owner goes away (retryable error), and
//! - answer the calls still running when the host closes stdin before it exits, and
//! - replay `initialize`/`notifications/initialized` to a new owner after a failover, so a
//!   legacy-era MCP session continues without the host noticing (the replayed answer is
//!   swallowed).
//!
//! The master uses the same relay towards its in-process server, so every window behaves alike.

use std::collections::HashSet;
use std::pin::Pin;

use serde::Deserialize;
use serde_json::{Value, json};
use tokio::io::{AsyncBufRead, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};

use crate::ipc::{Line, LineReader, MAX_MESSAGE};

/// A connection to an owner: its lines in, our lines out.
pub struct Upstream {
    pub read: Pin<Box<dyn AsyncBufRead + Send>>,
    pub write: Pin<Box<dyn AsyncWrite + Send>>,
}

/// How long a window whose stdin closed keeps waiting for the answers still owed.
/// Shorter than the 2 s official SDKs wait before they send SIGTERM.
const DRAIN: std::time::Duration = std::time::Duration::from_millis(1500);
/// JSON-RPC error code for calls cut off by a lost owner (implementation-defined range).
const OWNER_LOST: i64 = -32001;

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

impl Upstream {
    pub fn new<R, W>(read: R, write: W) -> Self
    where
        R: AsyncRead + Send + 'static,
        W: AsyncWrite + Send + 'static,
    {
        Self { read: Box::pin(BufReader::new(read)), write: Box::pin(write) }
    }
}

/// Relays until the host closes stdin (`Ok`) or no owner can be reached (`Err`).
/// `connect` is asked for an upstream at start and after every loss.
pub async fn run<I, O, C>(stdin: I, mut stdout: O, mut connect: C) -> anyhow::Result<()>
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
    C: AsyncFnMut() -> anyhow::Result<Upstream>,
{
    let mut host = LineReader::new(BufReader::new(stdin), MAX_MESSAGE);
    let mut session = Session::default();
    let mut up = connect().await?;
    let mut owner = LineReader::new(up.read, MAX_MESSAGE);
    let mut draining = false;
    let drain_deadline = tokio::time::sleep(DRAIN);
    tokio::pin!(drain_deadline);
    loop {
        tokio::select! {
            line = host.next(), if !draining => match line? {
                Line::Eof if session.pending.is_empty() => return Ok(()),
                Line::Eof => {
                    // The host is done sending; answer what it is still waiting for first.
                    draining = true;
                    drain_deadline.as_mut().reset(tokio::time::Instant::now() + DRAIN);
                }
                Line::Oversized(n) => {
                    let msg = format!("message of {n} bytes exceeds the {MAX_MESSAGE}-byte limit");
                    write_line(&mut stdout, &error(Value::Null, -32600, &msg)).await?;
                }
                Line::Complete => {
                    if let Some(reply) = session.note_host(host.line()) {
                        write_line(&mut stdout, &reply).await?;
                    } else if forward(&mut up.write, host.line()).await.is_err() {
                        // The owner never got this line: deliver it to the next one.
                        session.unnote(host.line());
                        (up.write, owner) = reconnect(&mut session, &mut stdout, &mut connect).await?;
                        session.note_host(host.line());
                        forward(&mut up.write, host.line()).await?;
                    }
                }
            },
            line = owner.next() => match line {
                Ok(Line::Complete) => {
                    if session.note_owner(owner.line()) {
                        forward(&mut stdout, owner.line()).await?;
                    }
                    if draining && session.pending.is_empty() {
                        return Ok(());
                    }
                }
                Ok(Line::Oversized(n)) => tracing::warn!(bytes = n, "dropped an oversized message from the owner"),
                Ok(Line::Eof) | Err(_) if draining => return Ok(()),
                Ok(Line::Eof) | Err(_) => {
                    (up.write, owner) = reconnect(&mut session, &mut stdout, &mut connect).await?;
                }
            },
            () = &mut drain_deadline, if draining => {
                tracing::warn!(unanswered = session.pending.len(), "stdin closed; giving up on calls still running");
                return Ok(());
            }
        }
    }
}

impl Session {
    /// Notes what a host line means; returns an answer when the relay must reply itself.
    fn note_host(&mut self, line: &[u8]) -> Option<Vec<u8>> {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Some(Vec::new());
        }
        let value = match serde_json::from_slice::<Value>(line) {
            Ok(value) => value,
            Err(e) => return Some(error(Value::Null, -32700, &format!("parse error: {e}"))),
        };
        if let Some((code, message)) = crate::mcp::screen(&value) {
            let id =
                value.get("id").filter(|id| id.is_string() || id.is_number()).cloned().unwrap_or(Value::Null);
            return Some(error(id, code, &message));
        }
        let peek = Peek {
            id: value.get("id").cloned(),
            method: value.get("method").and_then(Value::as_str).map(str::to_owned),
        };
        match (&peek.id, peek.method.as_deref()) {
            (Some(id), Some("initialize")) => {
                self.initialize = serde_json::from_slice(line).ok();
                self.pending.insert(id.to_string());
            }
            (None, Some("notifications/initialized")) => self.initialized = Some(line.to_vec()),
            (Some(id), Some(_)) => {
                self.pending.insert(id.to_string());
            }
            _ => {}
        }
        None
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

/// The owner went away: fail what was in flight, connect again, restore the MCP session.
async fn reconnect<O, C>(
    session: &mut Session,
    stdout: &mut O,
    connect: &mut C,
) -> anyhow::Result<(Pin<Box<dyn AsyncWrite + Send>>, LineReader<Pin<Box<dyn AsyncBufRead + Send>>>)>
where
    O: AsyncWrite + Unpin,
    C: AsyncFnMut() -> anyhow::Result<Upstream>,
{
    tracing::info!(in_flight = session.pending.len(), "lost the owner; reconnecting");
    for id in session.pending.drain() {
        let id: Value = serde_json::from_str(&id).unwrap_or(Value::Null);
        let msg = "the mcp-telegram owner went away during this call; it has been replaced: retry the call";
        write_line(stdout, &error(id, OWNER_LOST, msg)).await?;
    }
    let mut up = connect().await?;
    if let Some(mut init) = session.initialize.clone() {
        session.replays += 1;
        let id = format!("mcp-telegram-replay-{}", session.replays);
        init["id"] = Value::String(id.clone());
        session.swallow = Some(Value::String(id).to_string());
        let mut bytes = serde_json::to_vec(&init)?;
        bytes.push(b'\n');
        if let Some(done) = &session.initialized {
            bytes.extend_from_slice(done);
            bytes.push(b'\n');
        }
        up.write.write_all(&bytes).await?;
        up.write.flush().await?;
    }
    Ok((up.write, LineReader::new(up.read, MAX_MESSAGE)))
}

async fn forward<W: AsyncWrite + Unpin + ?Sized>(to: &mut W, line: &[u8]) -> std::io::Result<()> {
    let mut bytes = Vec::with_capacity(line.len() + 1);
    bytes.extend_from_slice(line);
    bytes.push(b'\n');
    to.write_all(&bytes).await?;
    to.flush().await
}

async fn write_line<W: AsyncWrite + Unpin>(to: &mut W, line: &[u8]) -> std::io::Result<()> {
    if line.is_empty() {
        return Ok(());
    }
    forward(to, line).await
}

fn error(id: Value, code: i64, message: &str) -> Vec<u8> {
    let reply = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    serde_json::to_vec(&reply).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peeks_track_requests_and_answers() {
        let mut s = Session::default();
        assert!(s.note_host(br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#).is_none());
        assert!(s.note_host(br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#).is_none());
        assert!(s.note_host(br#"{"jsonrpc":"2.0","id":"a","method":"tools/list"}"#).is_none());
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
        let reply = s.note_host(b"{not json").expect("a parse error reply");
        let reply: Value = serde_json::from_slice(&reply).unwrap();
        assert_eq!(reply["error"]["code"], -32700);
        assert_eq!(reply["id"], Value::Null);
        let batch: Value = serde_json::from_slice(&s.note_host(b"[1,2]").unwrap()).unwrap();
        assert_eq!((batch["error"]["code"].as_i64(), &batch["id"]), (Some(-32600), &Value::Null));
        assert_eq!(s.note_host(b"   "), Some(Vec::new()), "blank lines are dropped");
    }
}
