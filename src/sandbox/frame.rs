//! The MTProto "full" TCP transport, server side: `len ‖ seq ‖ payload ‖ crc32`, one sequence
//! counter per direction. It checks everything a hostile peer can get wrong (length bounds,
//! sequence, checksum) and never allocates more than [`MAX_FRAME`]. It knows nothing about
//! encryption or messages.

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt};

/// Largest frame accepted or produced. grammers reads at most 1 MiB + 8 KiB at once, and
/// Telegram closes connections that send more than about a megabyte.
pub(crate) const MAX_FRAME: usize = 1024 * 1024 + 8 * 1024;
const MIN_FRAME: usize = 12;

/// Why a frame could not be read. Every variant except `Io` means the peer misbehaved.
#[derive(Debug, thiserror::Error)]
pub(crate) enum FrameError {
    #[error("frame length {0} is outside 12..={MAX_FRAME} or not a multiple of 4")]
    BadLength(i64),
    #[error("frame sequence {got}, expected {expected}")]
    BadSeq { expected: i32, got: i32 },
    #[error("frame checksum mismatch")]
    BadCrc,
    #[error("connection closed in the middle of a frame")]
    Truncated,
    #[error("failed to read from the socket")]
    Io(#[source] io::Error),
}

/// Reads frames from one connection.
pub(crate) struct FrameReader<R> {
    inner: R,
    seq: i32,
}

/// Numbers and checksums frames written to one connection.
#[derive(Default)]
pub(crate) struct FrameWriter {
    seq: i32,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self { inner, seq: 0 }
    }

    /// The next frame's payload, or `None` when the peer closed cleanly between frames.
    pub(crate) async fn next(&mut self) -> Result<Option<Vec<u8>>, FrameError> {
        let mut len_bytes = [0u8; 4];
        match self.inner.read(&mut len_bytes[..1]).await {
            Ok(0) => return Ok(None),
            Ok(_) => {}
            Err(e) => return Err(FrameError::Io(e)),
        }
        self.read_exact(&mut len_bytes[1..]).await?;
        let len = i32::from_le_bytes(len_bytes);
        let size = usize::try_from(len).unwrap_or(0);
        if !(MIN_FRAME..=MAX_FRAME).contains(&size) || size % 4 != 0 {
            return Err(FrameError::BadLength(i64::from(len)));
        }
        let mut rest = vec![0u8; size - 4];
        self.read_exact(&mut rest).await?;
        let seq = i32::from_le_bytes(rest[..4].try_into().expect("4 bytes"));
        let crc_at = rest.len() - 4;
        let crc = u32::from_le_bytes(rest[crc_at..].try_into().expect("4 bytes"));
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(&len_bytes);
        hasher.update(&rest[..crc_at]);
        if hasher.finalize() != crc {
            return Err(FrameError::BadCrc);
        }
        if seq != self.seq {
            return Err(FrameError::BadSeq { expected: self.seq, got: seq });
        }
        self.seq += 1;
        rest.truncate(crc_at);
        rest.drain(..4);
        Ok(Some(rest))
    }

    async fn read_exact(&mut self, buf: &mut [u8]) -> Result<(), FrameError> {
        match self.inner.read_exact(buf).await {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Err(FrameError::Truncated),
            Err(e) => Err(FrameError::Io(e)),
        }
    }
}

impl FrameWriter {
    /// Wraps one payload (a multiple of 4 bytes) into a frame.
    pub(crate) fn encode(&mut self, payload: &[u8]) -> Vec<u8> {
        let len = i32::try_from(payload.len() + MIN_FRAME).expect("frame fits in i32");
        let mut frame = Vec::with_capacity(payload.len() + MIN_FRAME);
        frame.extend_from_slice(&len.to_le_bytes());
        frame.extend_from_slice(&self.seq.to_le_bytes());
        frame.extend_from_slice(payload);
        let crc = crc32fast::hash(&frame);
        frame.extend_from_slice(&crc.to_le_bytes());
        self.seq += 1;
        frame
    }
}

/// A transport error: a bare negative length instead of a frame (e.g. -404 for an unknown key).
pub(crate) fn transport_error(code: i32) -> [u8; 4] {
    (-code).to_le_bytes()
}

#[cfg(test)]
mod tests {
    use grammers_crypto::DequeBuffer;
    use grammers_mtproto::transport::{Full, Transport};

    use super::*;

    #[tokio::test]
    async fn reads_what_grammers_packs_and_vice_versa() {
        let mut client = Full::new();
        let mut wire = Vec::new();
        for n in [4usize, 16, 400] {
            let mut buf = DequeBuffer::with_capacity(n, 8);
            buf.extend((0..n).map(|i| i as u8));
            client.pack(&mut buf);
            wire.extend_from_slice(buf.as_ref());
        }
        let mut reader = FrameReader::new(&wire[..]);
        for n in [4usize, 16, 400] {
            assert_eq!(reader.next().await.unwrap().unwrap().len(), n);
        }
        assert!(reader.next().await.unwrap().is_none());

        let mut writer = FrameWriter::default();
        let mut frame = writer.encode(&[1, 2, 3, 4]);
        frame.extend(writer.encode(&[5, 6, 7, 8]));
        let first = client.unpack(&mut frame).unwrap();
        assert_eq!(first.data_range, 8..12);
        let second = client.unpack(&mut frame[first.next_offset..]).unwrap();
        assert_eq!(second.data_range, 8..12);
    }

    #[tokio::test]
    async fn refuses_hostile_frames() {
        let huge = i32::MAX.to_le_bytes();
        let err = FrameReader::new(&huge[..]).next().await.unwrap_err();
        assert!(matches!(err, FrameError::BadLength(_)), "{err}");

        let negative = (-5i32).to_le_bytes();
        let err = FrameReader::new(&negative[..]).next().await.unwrap_err();
        assert!(matches!(err, FrameError::BadLength(-5)), "{err}");

        let mut frame = FrameWriter::default().encode(&[0; 8]);
        frame.truncate(frame.len() - 2);
        let err = FrameReader::new(&frame[..]).next().await.unwrap_err();
        assert!(matches!(err, FrameError::Truncated), "{err}");

        let mut frame = FrameWriter::default().encode(&[0; 8]);
        frame[9] ^= 0xff;
        let err = FrameReader::new(&frame[..]).next().await.unwrap_err();
        assert!(matches!(err, FrameError::BadCrc), "{err}");

        let mut writer = FrameWriter::default();
        let _skipped = writer.encode(&[0; 4]);
        let frame = writer.encode(&[0; 4]);
        let err = FrameReader::new(&frame[..]).next().await.unwrap_err();
        assert!(matches!(err, FrameError::BadSeq { expected: 0, got: 1 }), "{err}");
    }

    #[test]
    fn transport_error_is_a_negative_length() {
        assert_eq!(i32::from_le_bytes(transport_error(404)), -404);
    }
}
