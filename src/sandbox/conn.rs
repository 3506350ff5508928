//! One MTProto connection, server side: frames in, decrypt, session and salt bookkeeping,
//! service messages (containers, gzip, acks, pings, future salts) answered inline, RPCs run
//! concurrently in their own tasks; a push task forwards server-initiated updates; a writer
//! task numbers, batches, encrypts and frames the answers and the pushes. Any protocol violation closes this connection with one log line and nothing else.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use std::time::Duration;

use grammers_tl_types::{self as tl, Deserializable, Identifiable, Serializable};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio::time::Instant;

use super::crypto::{self, AuthKey};
use super::frame::{FrameError, FrameReader, FrameWriter, transport_error};
use super::push::Push;
use super::rpc::{self, Call, Caller};
use super::state::{Shared, now_secs};
use super::wire::{self, GZIP_PACKED, MSG_CONTAINER, Message, ServerIds};

/// Outgoing queue depth; a peer that stops reading stalls only its own connection.
const QUEUE: usize = 256;
/// Most messages and bytes the writer packs into one container. A message larger than
/// `BATCH_BYTES` (a 1 MiB `upload.file`) travels alone: grammers reads frames into a fixed
/// buffer of 1 MiB + 8 KiB, so a container may never grow past one such message.
const BATCH_MESSAGES: usize = 64;
const BATCH_BYTES: usize = 256 * 1024;

/// Why a connection ended.
#[derive(Debug, thiserror::Error)]
enum Close {
    #[error("peer closed the connection")]
    Eof,
    #[error("bad frame: {0}")]
    Frame(#[from] FrameError),
    #[error("unknown auth key {0:016x} (answered -404)")]
    UnknownKey(u64),
    #[error("packet too short to carry an auth key id")]
    Short,
    #[error("undecryptable packet: {0}")]
    Crypto(#[from] crypto::CryptoError),
    #[error("malformed message: {0}")]
    Wire(#[from] wire::WireError),
    #[error("kicked by the sandbox controls")]
    Kicked,
    #[error("no ping within the requested disconnect delay")]
    PingTimeout,
    #[error("writer stopped")]
    WriterGone,
}

/// A message for the writer task.
pub(super) struct Out {
    pub(super) session_id: i64,
    pub(super) body: Vec<u8>,
    pub(super) content_related: bool,
    pub(super) response: bool,
}

struct Conn {
    shared: Arc<Shared>,
    id: u64,
    key: Option<AuthKey>,
    write: Option<OwnedWriteHalf>,
    out: Option<mpsc::Sender<Out>>,
    session: Option<i64>,
    /// The current session id for the push task (0 until the first message).
    push_session: Arc<AtomicI64>,
    tasks: JoinSet<()>,
    disconnect_at: Option<Instant>,
}

/// Serves one accepted TCP connection until the peer leaves, misbehaves or is kicked.
pub(crate) async fn serve(stream: TcpStream, shared: Arc<Shared>, id: u64) {
    let peer = stream.peer_addr().map(|a| a.to_string()).unwrap_or_default();
    let _ = stream.set_nodelay(true);
    let (read, write) = stream.into_split();
    let mut kick = shared.kick.subscribe();
    kick.mark_unchanged();
    let mut conn = Conn {
        shared,
        id,
        key: None,
        write: Some(write),
        out: None,
        session: None,
        push_session: Arc::new(AtomicI64::new(0)),
        tasks: JoinSet::new(),
        disconnect_at: None,
    };
    let reason = tokio::select! {
        reason = conn.read_loop(read) => reason,
        _ = kick.changed() => Close::Kicked,
    };
    match reason {
        Close::Eof | Close::Kicked => {
            tracing::debug!(conn = id, %peer, "sandbox connection closed: {reason}")
        }
        _ => tracing::warn!(conn = id, %peer, "sandbox closed a connection: {reason}"),
    }
    if let Some(key) = &conn.key {
        conn.shared.unregister(key.id(), id);
    }
    if let (Close::UnknownKey(_), Some(mut write)) = (&reason, conn.write.take()) {
        let _ = write.write_all(&transport_error(404)).await;
    }
    conn.tasks.shutdown().await;
}

impl Conn {
    async fn read_loop(&mut self, read: OwnedReadHalf) -> Close {
        let mut frames = FrameReader::new(read);
        loop {
            let deadline = self.disconnect_at;
            let frame = tokio::select! {
                frame = frames.next() => frame,
                () = sleep_until(deadline) => return Close::PingTimeout,
            };
            let payload = match frame {
                Ok(Some(payload)) => payload,
                Ok(None) => return Close::Eof,
                Err(e) => return Close::Frame(e),
            };
            if let Err(reason) = self.on_packet(&payload).await {
                return reason;
            }
            while self.tasks.try_join_next().is_some() {}
        }
    }

    async fn on_packet(&mut self, payload: &[u8]) -> Result<(), Close> {
        let key = self.key_for(payload)?;
        let plain = crypto::decrypt_from_client(&key, payload)?;
        let plain = wire::parse_plaintext(&plain)?;
        if self.key.is_none() {
            self.start(key);
        }
        if self.shared.faults().stall {
            return Ok(());
        }
        let session = plain.session_id;
        let message = plain.message;
        if !self.shared.salt_is_valid(plain.salt) {
            let bad = tl::enums::BadMsgNotification::BadServerSalt(tl::types::BadServerSalt {
                bad_msg_id: message.msg_id,
                bad_msg_seqno: message.seq_no,
                error_code: 48,
                new_server_salt: self.shared.current_salt(),
            });
            return self.send(session, bad.to_bytes(), false, true).await;
        }
        if self.session != Some(session) {
            self.session = Some(session);
            self.push_session.store(session, Ordering::Relaxed);
            let mut unique_id = [0u8; 8];
            getrandom::fill(&mut unique_id).expect("the OS random generator is unavailable");
            let created = tl::enums::NewSession::Created(tl::types::NewSessionCreated {
                first_msg_id: message.msg_id,
                unique_id: i64::from_le_bytes(unique_id),
                server_salt: self.shared.current_salt(),
            });
            self.send(session, created.to_bytes(), true, false).await?;
        }
        let mut acks = Vec::new();
        self.process(session, message, true, &mut acks).await?;
        if acks.is_empty() {
            return Ok(());
        }
        let ack = tl::enums::MsgsAck::Ack(tl::types::MsgsAck { msg_ids: acks });
        self.send(session, ack.to_bytes(), false, false).await
    }

    /// The connection's key, checking that a packet uses it (or learning it on the first one).
    fn key_for(&self, payload: &[u8]) -> Result<AuthKey, Close> {
        let key_id = crypto::packet_key_id(payload).ok_or(Close::Short)?;
        match &self.key {
            Some(key) if key.id() == key_id => Ok(key.clone()),
            Some(_) => Err(Close::UnknownKey(key_id)),
            None => self.shared.key(key_id).ok_or(Close::UnknownKey(key_id)),
        }
    }

    /// First valid packet: count the connection and hand the socket to a writer task.
    fn start(&mut self, key: AuthKey) {
        self.shared.register(key.id(), self.id);
        let (tx, rx) = mpsc::channel(QUEUE);
        if let Some(write) = self.write.take() {
            self.tasks.spawn(write_loop(write, rx, key.clone(), self.shared.clone()));
        }
        let pushes = self.shared.pushes.subscribe();
        let push = Push {
            shared: self.shared.clone(),
            conn: self.id,
            key_id: key.id(),
            session: self.push_session.clone(),
        };
        self.tasks.spawn(push.run(pushes, tx.clone()));
        self.out = Some(tx);
        self.key = Some(key);
    }

    async fn process(
        &mut self,
        session: i64,
        message: Message,
        top: bool,
        acks: &mut Vec<i64>,
    ) -> Result<(), Close> {
        match message.constructor() {
            Some(MSG_CONTAINER) if top => {
                for inner in wire::parse_container(&message.body)? {
                    Box::pin(self.process(session, inner, false, acks)).await?;
                }
            }
            Some(GZIP_PACKED) => {
                let body = wire::gunzip(&message.body)?;
                Box::pin(self.process(session, Message { body, ..message }, top, acks)).await?;
            }
            Some(tl::types::MsgsAck::CONSTRUCTOR_ID) => {}
            Some(tl::functions::Ping::CONSTRUCTOR_ID) => {
                let ping = tl::functions::Ping::from_bytes(&message.body[4..])
                    .map_err(|_| wire::WireError::Truncated)?;
                self.pong(session, message.msg_id, ping.ping_id).await?;
            }
            Some(tl::functions::PingDelayDisconnect::CONSTRUCTOR_ID) => {
                let ping = tl::functions::PingDelayDisconnect::from_bytes(&message.body[4..])
                    .map_err(|_| wire::WireError::Truncated)?;
                let delay = Duration::from_secs(u64::try_from(ping.disconnect_delay).unwrap_or(0));
                self.disconnect_at = (!delay.is_zero()).then(|| Instant::now() + delay);
                self.pong(session, message.msg_id, ping.ping_id).await?;
            }
            Some(tl::functions::GetFutureSalts::CONSTRUCTOR_ID) => {
                let req = tl::functions::GetFutureSalts::from_bytes(&message.body[4..])
                    .map_err(|_| wire::WireError::Truncated)?;
                self.future_salts(session, message.msg_id, req.num).await?;
            }
            _ => {
                if message.is_content_related() {
                    acks.push(message.msg_id);
                }
                self.spawn_rpc(session, message);
            }
        }
        Ok(())
    }

    fn spawn_rpc(&mut self, session: i64, message: Message) {
        let (Some(out), Some(key)) = (self.out.clone(), &self.key) else { return };
        let shared = self.shared.clone();
        let caller = Caller { conn: self.id, key_id: key.id() };
        self.tasks.spawn(async move {
            let msg_id = message.msg_id;
            let answer = match Call::unwrap(message.body) {
                Ok(call) => rpc::run(&shared, caller, call).await,
                Err(failure) => Err(failure),
            };
            let body = match answer {
                Ok(result) => wire::rpc_result(msg_id, &result),
                Err(failure) => {
                    tracing::debug!(conn = caller.conn, error = %failure.name, "sandbox answered an rpc error");
                    wire::rpc_error(msg_id, failure.code, &failure.name)
                }
            };
            let _ = out.send(Out { session_id: session, body, content_related: true, response: true }).await;
        });
    }

    async fn pong(&mut self, session: i64, msg_id: i64, ping_id: i64) -> Result<(), Close> {
        let pong = tl::enums::Pong::Pong(tl::types::Pong { msg_id, ping_id });
        self.send(session, pong.to_bytes(), false, true).await
    }

    /// A *bare* `future_salts`: grammers holds every request back until it arrives unwrapped.
    async fn future_salts(&mut self, session: i64, req_msg_id: i64, num: i32) -> Result<(), Close> {
        let salts = self.shared.future_salts(usize::try_from(num).unwrap_or(1));
        let salts = salts.into_iter().map(|(valid_since, valid_until, salt)| tl::types::FutureSalt {
            valid_since,
            valid_until,
            salt,
        });
        let answer = tl::enums::FutureSalts::Salts(tl::types::FutureSalts {
            req_msg_id,
            now: now_secs() as i32,
            salts: tl::RawVec(salts.collect()),
        });
        self.send(session, answer.to_bytes(), false, true).await
    }

    async fn send(
        &self,
        session_id: i64,
        body: Vec<u8>,
        content_related: bool,
        response: bool,
    ) -> Result<(), Close> {
        let out = self.out.as_ref().ok_or(Close::WriterGone)?;
        out.send(Out { session_id, body, content_related, response }).await.map_err(|_| Close::WriterGone)
    }
}

/// Numbers, batches into containers, encrypts and frames everything the connection sends.
async fn write_loop(
    mut write: OwnedWriteHalf,
    mut rx: mpsc::Receiver<Out>,
    key: AuthKey,
    shared: Arc<Shared>,
) {
    let mut ids = ServerIds::default();
    let mut frames = FrameWriter::default();
    let mut pending = rx.recv().await;
    while let Some(first) = pending.take() {
        let session_id = first.session_id;
        let mut bytes = first.body.len();
        let mut batch = vec![number(&mut ids, first)];
        while batch.len() < BATCH_MESSAGES && bytes < BATCH_BYTES {
            match rx.try_recv() {
                Ok(next) if next.session_id == session_id && bytes + next.body.len() <= BATCH_BYTES => {
                    bytes += next.body.len();
                    batch.push(number(&mut ids, next));
                }
                Ok(other_session_or_too_big) => {
                    pending = Some(other_session_or_too_big);
                    break;
                }
                Err(_) => break,
            }
        }
        if flush(&mut write, &mut frames, &key, &shared, session_id, &mut ids, batch).await.is_err() {
            return;
        }
        if pending.is_none() {
            pending = rx.recv().await;
        }
    }
}

fn number(ids: &mut ServerIds, out: Out) -> Message {
    Message { msg_id: ids.msg_id(out.response), seq_no: ids.seq_no(out.content_related), body: out.body }
}

async fn flush(
    write: &mut OwnedWriteHalf,
    frames: &mut FrameWriter,
    key: &AuthKey,
    shared: &Shared,
    session_id: i64,
    ids: &mut ServerIds,
    batch: Vec<Message>,
) -> std::io::Result<()> {
    let message = if batch.len() == 1 {
        batch.into_iter().next().expect("one message")
    } else {
        Message { msg_id: ids.msg_id(false), seq_no: ids.seq_no(false), body: wire::container(&batch) }
    };
    let plain = wire::plaintext(shared.current_salt(), session_id, &message);
    let packet = crypto::encrypt_to_client(key, plain);
    write.write_all(&frames.encode(&packet)).await
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
