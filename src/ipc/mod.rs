//! IPC between an owner and its thin clients over a Unix stream socket. This is the one place
//! the wire format is written down:
//!
//! 1. The client connects and sends one line, a JSON hello:
//!    `{"ipc":2,"session":"/abs/path/session","pid":123,"version":"0.1.0","scope":{…}}`.
//!    `session` is `null` (or absent) when the client found the socket by discovery and
//!    accepts whichever session it serves (e.g. the packaged daemon's
//!    `/run/mcp-telegram/daemon.sock`). `scope` (optional) holds the window's scope settings
//!    as variable → value (`{"MCP_TELEGRAM_READ_ONLY":"1"}`); the owner applies them to this
//!    connection. Version 2 added `scope`: an owner that ignored it would widen a window.
//! 2. The owner answers one line: `{"ok":true,"ipc":2,"session":"…","account":"@alice",
//!    "pid":456,"version":"0.1.0"}`, or `{"ok":false,"error":"…"}` and closes. It refuses a
//!    different `ipc` version, a hello naming another session file (the client checks the
//!    answer too), so a client never drives the wrong account, and a scope it cannot apply.
//!    A hello may say `"purpose":"admin"`: then the lines that follow are the admin protocol
//!    (`crate::admin`: status, login, logout) instead of MCP.
//! 3. From then on both directions carry MCP JSON-RPC messages, one per `\n`-terminated line of
//!    at most [`MAX_MESSAGE`] bytes, relayed byte for byte. Lines are split on the byte `\n`
//!    and never decoded on the way, so multi-byte UTF-8 is never cut.
//!
//! This module knows neither Telegram nor tool semantics.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod lines;

pub use lines::{Line, LineReader, read_line};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::unix::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{UnixListener, UnixStream};

/// Version of the hello exchange and framing above.
pub const PROTOCOL_VERSION: u32 = 2;
/// Largest MCP message relayed (a JSON-RPC error answers anything bigger).
pub const MAX_MESSAGE: usize = 16 * 1024 * 1024;
/// Largest hello line.
const MAX_HELLO: usize = 64 * 1024;
/// How long an owner waits for a connecting client's hello.
const HELLO_TIMEOUT: Duration = Duration::from_secs(5);

/// What a client says first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Hello {
    /// [`PROTOCOL_VERSION`] of the client.
    pub ipc: u32,
    /// Absolute path of the session file the client expects to use; `None`: any.
    #[serde(default)]
    pub session: Option<PathBuf>,
    /// Client process id (diagnostics).
    pub pid: u32,
    /// Client package version (diagnostics).
    pub version: String,
    /// What the connection is for.
    #[serde(default)]
    pub purpose: Purpose,
    /// The window's scope settings (variable → value), applied by the owner; opaque here.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub scope: std::collections::BTreeMap<String, String>,
}

/// What a connection carries after the hello.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Purpose {
    /// MCP JSON-RPC (a window).
    #[default]
    Mcp,
    /// The admin protocol (`mcp-telegram status|login|logout`).
    Admin,
}

/// Who answered: the owner's identity.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Welcome {
    pub ipc: u32,
    pub session: PathBuf,
    /// The signed-in account (`@username`, a name, or a state such as "not logged in").
    pub account: String,
    pub pid: u32,
    pub version: String,
}

/// Failures a caller branches on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Nobody listens on the socket (no file, or a stale one).
    #[error("no owner is listening on {0}")]
    NoOwner(PathBuf),
    #[error(
        "the owner speaks IPC version {theirs}, this client {ours}: restart the owner so both run the same mcp-telegram"
    )]
    VersionMismatch { ours: u32, theirs: u32 },
    #[error("the owner refused this client: {0}")]
    Refused(String),
    #[error(
        "the owner on this socket serves {owner}, not {expected}: give each session its own MCP_TELEGRAM_SOCKET"
    )]
    SessionMismatch { expected: PathBuf, owner: PathBuf },
    #[error("the owner sent an unreadable hello answer")]
    Malformed,
    #[error("failed to talk to the owner")]
    Io(#[source] std::io::Error),
}

/// The owner's answer to a hello: `ok` plus either the welcome fields or `error`.
#[derive(Serialize, Deserialize)]
struct Answer {
    ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ipc: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    session: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pid: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    version: Option<String>,
}

impl Answer {
    fn refused(error: String) -> Self {
        Self {
            ok: false,
            error: Some(error),
            ipc: None,
            session: None,
            account: None,
            pid: None,
            version: None,
        }
    }

    fn welcome(w: Welcome) -> Self {
        Self {
            ok: true,
            error: None,
            ipc: Some(w.ipc),
            session: Some(w.session),
            account: Some(w.account),
            pid: Some(w.pid),
            version: Some(w.version),
        }
    }
}

/// Connects to an owner and exchanges hellos (`session`: the canonical session path expected, or
/// `None` for whichever this socket serves). Blocking:
/// the thin client's relay runs on plain threads.
pub fn connect_blocking(
    socket: &Path,
    session: Option<&Path>,
    purpose: Purpose,
    scope: &std::collections::BTreeMap<String, String>,
) -> Result<BlockingConnection, Error> {
    use std::io::Write;
    let stream = match std::os::unix::net::UnixStream::connect(socket) {
        Ok(stream) => stream,
        Err(e)
            if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused) =>
        {
            return Err(Error::NoOwner(socket.to_owned()));
        }
        Err(e) => return Err(Error::Io(e)),
    };
    let hello = Hello {
        ipc: PROTOCOL_VERSION,
        session: session.map(Path::to_owned),
        pid: std::process::id(),
        version: crate::VERSION.to_owned(),
        purpose,
        scope: scope.clone(),
    };
    let mut bytes = serde_json::to_vec(&hello).map_err(|e| Error::Io(std::io::Error::other(e)))?;
    bytes.push(b'\n');
    let mut writer = stream.try_clone().map_err(Error::Io)?;
    writer.write_all(&bytes).map_err(Error::Io)?;
    stream.set_read_timeout(Some(HELLO_TIMEOUT)).map_err(Error::Io)?;
    let mut lines = LineReader::new(std::io::BufReader::new(stream), MAX_MESSAGE);
    let line = lines.next_blocking().map_err(Error::Io)?;
    lines.get_ref().get_ref().set_read_timeout(None).map_err(Error::Io)?;
    match line {
        Line::Complete => {}
        Line::Eof => return Err(Error::Io(std::io::ErrorKind::UnexpectedEof.into())),
        Line::Oversized(_) => return Err(Error::Malformed),
    }
    let welcome = check_answer(lines.line(), session)?;
    Ok(BlockingConnection { lines, writer, welcome })
}

/// A blocking connection to an owner after the hello.
pub struct BlockingConnection {
    /// The owner's MCP lines (capped at [`MAX_MESSAGE`]).
    pub lines: LineReader<std::io::BufReader<std::os::unix::net::UnixStream>>,
    /// Where our MCP lines go.
    pub writer: std::os::unix::net::UnixStream,
    pub welcome: Welcome,
}

fn check_answer(line: &[u8], session: Option<&Path>) -> Result<Welcome, Error> {
    let answer: Answer = serde_json::from_slice(line).map_err(|_| Error::Malformed)?;
    if !answer.ok {
        return Err(Error::Refused(answer.error.unwrap_or_default()));
    }
    let (Some(ipc), Some(owner), Some(pid)) = (answer.ipc, answer.session, answer.pid) else {
        return Err(Error::Malformed);
    };
    if ipc != PROTOCOL_VERSION {
        return Err(Error::VersionMismatch { ours: PROTOCOL_VERSION, theirs: ipc });
    }
    if let Some(expected) = session.filter(|s| *s != owner) {
        return Err(Error::SessionMismatch { expected: expected.to_owned(), owner });
    }
    let account = answer.account.unwrap_or_default();
    Ok(Welcome { ipc, session: owner, account, pid, version: answer.version.unwrap_or_default() })
}

/// A client that passed the hello, handed to the owner's handler.
pub struct Accepted<G = ()> {
    pub reader: BufReader<OwnedReadHalf>,
    pub writer: OwnedWriteHalf,
    pub hello: Hello,
    /// What `welcome` decided for this client along with its welcome (opaque here).
    pub grant: G,
    /// Peer credentials from the socket (pid, uid, gid), when the OS provides them.
    pub peer_pid: Option<i32>,
    pub peer_uid: Option<u32>,
    pub peer_gid: Option<u32>,
}

/// Accepts clients until `shutdown` resolves; each runs the hello, then `handler`.
/// `welcome` is asked at each hello (with the hello and the peer's uid and gid) for the owner's
/// identity plus whatever it decided for the client (handed to `handler` in
/// [`Accepted::grant`]), or for a refusal to send instead. After `shutdown` the listener
/// closes, the connected clients keep being served until `drain` resolves, then they end.
pub async fn serve<W, G, H, Fut>(
    listener: UnixListener,
    shutdown: impl Future<Output = ()>,
    drain: impl Future<Output = ()>,
    welcome: W,
    handler: H,
) where
    W: Fn(&Hello, Option<(u32, u32)>) -> Result<(Welcome, G), String> + Clone + Send + 'static,
    G: Send + 'static,
    H: Fn(Accepted<G>) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    tokio::pin!(shutdown);
    let mut clients = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let (welcome, handler) = (welcome.clone(), handler.clone());
                    clients.spawn(async move {
                        if let Some(client) = handshake(stream, welcome).await {
                            handler(client).await;
                        }
                    });
                }
                Err(error) => {
                    tracing::warn!(%error, "failed to accept a client");
                    // Out of file descriptors and the like: do not spin.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            Some(_) = clients.join_next(), if !clients.is_empty() => {}
        }
    }
    drop(listener);
    tokio::select! {
        () = drain => {}
        () = async { while clients.join_next().await.is_some() {} } => {}
    }
    clients.shutdown().await;
}

async fn handshake<W, G>(stream: UnixStream, welcome: W) -> Option<Accepted<G>>
where
    W: Fn(&Hello, Option<(u32, u32)>) -> Result<(Welcome, G), String>,
{
    let cred = stream.peer_cred().ok();
    let (read, mut writer) = stream.into_split();
    let mut reader = BufReader::new(read);
    let mut line = Vec::new();
    let read = tokio::time::timeout(HELLO_TIMEOUT, read_line(&mut reader, &mut line, MAX_HELLO)).await;
    let hello = match read {
        Ok(Ok(Line::Complete)) => serde_json::from_slice::<Hello>(&line).ok(),
        _ => None,
    };
    let peer = cred.as_ref().map(|c| (c.uid(), c.gid()));
    let answer = match &hello {
        None => Err("expected a JSON hello line first (is this an mcp-telegram client?)".to_owned()),
        Some(h) if h.ipc != PROTOCOL_VERSION => Err(format!(
            "this owner speaks IPC version {PROTOCOL_VERSION}, the client {}: run the same mcp-telegram version",
            h.ipc
        )),
        Some(h) => welcome(h, peer).and_then(|(ours, grant)| match &h.session {
            Some(theirs) if *theirs != ours.session => {
                Err(format!("this owner serves {}, not {}", ours.session.display(), theirs.display()))
            }
            _ => Ok((ours, grant)),
        }),
    };
    let (ours, grant) = match answer {
        Ok(answer) => answer,
        Err(error) => {
            tracing::info!(%error, "refused a client");
            let _ = write_json_line(&mut writer, &Answer::refused(error)).await;
            return None;
        }
    };
    write_json_line(&mut writer, &Answer::welcome(ours)).await.ok()?;
    let hello = hello?;
    Some(Accepted {
        reader,
        writer,
        hello,
        grant,
        peer_pid: cred.as_ref().and_then(|c| c.pid()),
        peer_uid: peer.map(|p| p.0),
        peer_gid: peer.map(|p| p.1),
    })
}

async fn write_json_line<T: Serialize>(writer: &mut OwnedWriteHalf, value: &T) -> std::io::Result<()> {
    let mut bytes = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    writer.write_all(&bytes).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hello_checks_version_and_session() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("s.sock");
        let listener = UnixListener::bind(&socket).unwrap();
        let session = dir.path().join("session");
        let owner = Welcome {
            ipc: PROTOCOL_VERSION,
            session: session.clone(),
            account: "@alice".into(),
            pid: 1,
            version: "t".into(),
        };
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve(
            listener,
            async move {
                let _ = stopped.await;
            },
            async {},
            move |hello: &Hello, _| {
                if hello.scope.contains_key("BAD") {
                    Err("bad scope".to_owned())
                } else {
                    Ok((owner.clone(), ()))
                }
            },
            |mut client: Accepted| async move {
                let _ = client.writer.write_all(b"relayed\n").await;
            },
        ));
        let other = dir.path().join("other");
        let nope = dir.path().join("nope.sock");
        tokio::task::spawn_blocking(move || {
            let none = std::collections::BTreeMap::new();
            let connect_blocking = |socket: &Path, session: Option<&Path>, purpose| {
                connect_blocking(socket, session, purpose, &none)
            };
            let mut connection = connect_blocking(&socket, Some(&session), Purpose::Mcp).unwrap();
            assert_eq!(connection.welcome.account, "@alice");
            assert_eq!(connection.lines.next_blocking().unwrap(), Line::Complete);
            assert_eq!(connection.lines.line(), b"relayed");
            let any = connect_blocking(&socket, None, Purpose::Mcp).unwrap();
            assert_eq!(any.welcome.session, session, "a discovering client learns the session");
            let err = connect_blocking(&socket, Some(&other), Purpose::Mcp).err().unwrap();
            assert!(matches!(err, Error::Refused(ref m) if m.contains("not")), "{err}");
            let missing = connect_blocking(&nope, Some(&session), Purpose::Mcp).err().unwrap();
            assert!(matches!(missing, Error::NoOwner(_)));
            let bad = [("BAD".to_owned(), "1".to_owned())].into();
            let err = super::connect_blocking(&socket, None, Purpose::Mcp, &bad).err().unwrap();
            assert!(matches!(err, Error::Refused(ref m) if m == "bad scope"), "{err}");
        })
        .await
        .unwrap();
        let _ = stop.send(());
        server.await.unwrap();
    }
}
