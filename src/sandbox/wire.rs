//! MTProto envelope pieces below the RPC layer: the decrypted plaintext header, message
//! containers, `gzip_packed`, `rpc_result`/`rpc_error` and server message ids. Constructor ids
//! that grammers keeps private are written out here. Parsing is bounded: a hostile body can
//! make a call fail, never allocate without limit or panic.

use std::io::{Read, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use grammers_tl_types::{self as tl, Serializable};

pub(crate) const MSG_CONTAINER: u32 = 0x73f1f8dc;
pub(crate) const GZIP_PACKED: u32 = 0x3072cfa1;
pub(crate) const RPC_RESULT: u32 = 0xf35c6d01;
/// Results at least this long are gzipped inside `rpc_result`, as Telegram does.
const GZIP_THRESHOLD: usize = 512;
/// Cap on what one `gzip_packed` may inflate to (a zip bomb must not take the server down).
const MAX_UNPACKED: usize = 16 * 1024 * 1024;
/// Cap on messages in one container (Telegram allows 1020).
const MAX_CONTAINER_LEN: usize = 1024;

/// Why a decrypted payload was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum WireError {
    #[error("message is truncated")]
    Truncated,
    #[error("message body length {0} does not fit the packet or its padding")]
    BadLength(i64),
    #[error("container holds {0} messages")]
    BadContainer(i64),
    #[error("gzip_packed payload is corrupt or inflates past {MAX_UNPACKED} bytes")]
    BadGzip,
}

/// One MTProto message: id, sequence number and TL body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message {
    pub(crate) msg_id: i64,
    pub(crate) seq_no: i32,
    pub(crate) body: Vec<u8>,
}

/// The clear fields of a decrypted client packet.
#[derive(Debug)]
pub(crate) struct Plaintext {
    pub(crate) salt: i64,
    pub(crate) session_id: i64,
    pub(crate) message: Message,
}

/// Allocates increasing server msg_ids for one connection (seconds in the high half; low bits
/// 1 for responses, 3 for anything else) and sequence numbers (odd for content-related).
#[derive(Default)]
pub(crate) struct ServerIds {
    last_msg_id: i64,
    content_count: i32,
}

impl Message {
    /// Whether the peer must acknowledge it (odd seq_no).
    pub(crate) fn is_content_related(&self) -> bool {
        self.seq_no % 2 == 1
    }

    pub(crate) fn constructor(&self) -> Option<u32> {
        constructor_of(&self.body)
    }
}

impl ServerIds {
    pub(crate) fn msg_id(&mut self, response: bool) -> i64 {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        let base = ((now.as_secs() as i64) << 32) | (i64::from(now.subsec_nanos()) << 2);
        let low = if response { 1 } else { 3 };
        let mut id = (base & !3) | low;
        if id <= self.last_msg_id {
            id = (self.last_msg_id & !3) + 4 + low;
        }
        self.last_msg_id = id;
        id
    }

    pub(crate) fn seq_no(&mut self, content_related: bool) -> i32 {
        if content_related {
            self.content_count += 1;
            self.content_count * 2 - 1
        } else {
            self.content_count * 2
        }
    }
}

/// The TL constructor id at the start of a body.
pub(crate) fn constructor_of(body: &[u8]) -> Option<u32> {
    Some(u32::from_le_bytes(body.get(..4)?.try_into().ok()?))
}

/// Splits a decrypted plaintext into header and message, checking the MTProto 2.0 padding.
pub(crate) fn parse_plaintext(plain: &[u8]) -> Result<Plaintext, WireError> {
    let mut r = Reader(plain);
    let salt = r.i64()?;
    let session_id = r.i64()?;
    let msg_id = r.i64()?;
    let seq_no = r.i32()?;
    let len = r.i32()?;
    let padding = plain.len() as i64 - 32 - i64::from(len);
    if len < 0 || !(12..=1024).contains(&padding) {
        return Err(WireError::BadLength(i64::from(len)));
    }
    let body = r.take(len as usize)?.to_vec();
    Ok(Plaintext { salt, session_id, message: Message { msg_id, seq_no, body } })
}

/// Serializes a server plaintext (`salt ‖ session_id ‖ message`) ready for encryption.
pub(crate) fn plaintext(salt: i64, session_id: i64, message: &Message) -> Vec<u8> {
    let mut out = Vec::with_capacity(32 + message.body.len());
    salt.serialize(&mut out);
    session_id.serialize(&mut out);
    write_message(&mut out, message);
    out
}

/// Unpacks a `msg_container` body into its messages.
pub(crate) fn parse_container(body: &[u8]) -> Result<Vec<Message>, WireError> {
    let mut r = Reader(body.get(4..).ok_or(WireError::Truncated)?);
    let count = r.i32()?;
    if !(0..=MAX_CONTAINER_LEN as i32).contains(&count) {
        return Err(WireError::BadContainer(i64::from(count)));
    }
    let mut messages = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let msg_id = r.i64()?;
        let seq_no = r.i32()?;
        let len = r.i32()?;
        let len = usize::try_from(len).map_err(|_| WireError::BadLength(i64::from(len)))?;
        messages.push(Message { msg_id, seq_no, body: r.take(len)?.to_vec() });
    }
    Ok(messages)
}

/// Builds a `msg_container` body from already numbered messages.
pub(crate) fn container(messages: &[Message]) -> Vec<u8> {
    let mut out = Vec::new();
    MSG_CONTAINER.serialize(&mut out);
    (messages.len() as i32).serialize(&mut out);
    for message in messages {
        write_message(&mut out, message);
    }
    out
}

/// Inflates a `gzip_packed` body.
pub(crate) fn gunzip(body: &[u8]) -> Result<Vec<u8>, WireError> {
    let mut r = Reader(body.get(4..).ok_or(WireError::Truncated)?);
    let packed = r.tl_bytes()?;
    let mut out = Vec::new();
    GzDecoder::new(packed)
        .take(MAX_UNPACKED as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| WireError::BadGzip)?;
    if out.len() > MAX_UNPACKED {
        return Err(WireError::BadGzip);
    }
    Ok(out)
}

/// Wraps a body into `gzip_packed`.
pub(crate) fn gzip(body: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(body).expect("writing to a Vec cannot fail");
    let packed = encoder.finish().expect("writing to a Vec cannot fail");
    let mut out = Vec::with_capacity(packed.len() + 8);
    GZIP_PACKED.serialize(&mut out);
    packed.serialize(&mut out);
    out
}

/// `rpc_result` for a successful call; large results are gzipped, except file parts
/// (`upload.file`): media is compressed already, and Telegram sends those plain too.
pub(crate) fn rpc_result(req_msg_id: i64, result: &[u8]) -> Vec<u8> {
    use tl::Identifiable;
    let mut out = Vec::with_capacity(12 + result.len());
    RPC_RESULT.serialize(&mut out);
    req_msg_id.serialize(&mut out);
    let file_part = constructor_of(result) == Some(tl::types::upload::File::CONSTRUCTOR_ID);
    if result.len() >= GZIP_THRESHOLD && !file_part {
        out.extend_from_slice(&gzip(result));
    } else {
        out.extend_from_slice(result);
    }
    out
}

/// `rpc_result` carrying an `rpc_error`.
pub(crate) fn rpc_error(req_msg_id: i64, code: i32, message: &str) -> Vec<u8> {
    let error = tl::enums::RpcError::Error(tl::types::RpcError {
        error_code: code,
        error_message: message.to_owned(),
    });
    let mut out = Vec::new();
    RPC_RESULT.serialize(&mut out);
    req_msg_id.serialize(&mut out);
    error.serialize(&mut out);
    out
}

fn write_message(out: &mut Vec<u8>, message: &Message) {
    message.msg_id.serialize(out);
    message.seq_no.serialize(out);
    (message.body.len() as i32).serialize(out);
    out.extend_from_slice(&message.body);
}

/// A bounds-checked little-endian reader over a byte slice.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        if n > self.0.len() {
            return Err(WireError::Truncated);
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }

    fn i32(&mut self) -> Result<i32, WireError> {
        Ok(i32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }

    fn i64(&mut self) -> Result<i64, WireError> {
        Ok(i64::from_le_bytes(self.take(8)?.try_into().expect("8 bytes")))
    }

    /// TL `bytes`: a 1-byte length (or 254 + 3-byte length), data, padding to 4.
    fn tl_bytes(&mut self) -> Result<&'a [u8], WireError> {
        let first = self.take(1)?[0];
        let (len, header) = if first == 254 {
            let b = self.take(3)?;
            (usize::from(b[0]) | usize::from(b[1]) << 8 | usize::from(b[2]) << 16, 4)
        } else {
            (usize::from(first), 1)
        };
        let data = self.take(len)?;
        let pad = (4 - (header + len) % 4) % 4;
        self.take(pad.min(self.0.len()))?;
        Ok(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn msg_ids_increase_and_mark_responses() {
        let mut ids = ServerIds::default();
        let a = ids.msg_id(true);
        let b = ids.msg_id(false);
        let c = ids.msg_id(true);
        assert!(a < b && b < c);
        assert_eq!((a & 3, b & 3, c & 3), (1, 3, 1));
        assert_eq!([ids.seq_no(true), ids.seq_no(false), ids.seq_no(true)], [1, 2, 3]);
    }

    #[test]
    fn container_and_gzip_round_trip() {
        let messages = vec![
            Message { msg_id: 4, seq_no: 1, body: vec![1, 2, 3, 4] },
            Message { msg_id: 8, seq_no: 2, body: vec![9; 600] },
        ];
        assert_eq!(parse_container(&container(&messages)).unwrap(), messages);
        let body: Vec<u8> = "привет 👋 ".repeat(200).into_bytes();
        assert_eq!(gunzip(&gzip(&body)).unwrap(), body);
    }

    #[test]
    fn hostile_bodies_are_refused() {
        let mut lying = container(&[Message { msg_id: 4, seq_no: 1, body: vec![0; 8] }]);
        lying.truncate(lying.len() - 4);
        assert_eq!(parse_container(&lying), Err(WireError::Truncated));
        let mut huge = Vec::new();
        MSG_CONTAINER.serialize(&mut huge);
        i32::MAX.serialize(&mut huge);
        assert_eq!(parse_container(&huge), Err(WireError::BadContainer(i64::from(i32::MAX))));
        let mut bogus = Vec::new();
        GZIP_PACKED.serialize(&mut bogus);
        vec![1u8, 2, 3].serialize(&mut bogus);
        assert_eq!(gunzip(&bogus), Err(WireError::BadGzip));
        let bomb = gzip(&vec![0u8; MAX_UNPACKED + 1]);
        assert_eq!(gunzip(&bomb), Err(WireError::BadGzip));
    }

    #[test]
    fn plaintext_round_trip_checks_padding() {
        let message = Message { msg_id: 12, seq_no: 3, body: vec![5; 20] };
        let mut plain = plaintext(7, 9, &message);
        plain.extend([0u8; 12]);
        let parsed = parse_plaintext(&plain).unwrap();
        assert_eq!((parsed.salt, parsed.session_id), (7, 9));
        assert_eq!(parsed.message, message);
        plain.truncate(plain.len() - 1);
        assert!(parse_plaintext(&plain).is_err());
    }
}
