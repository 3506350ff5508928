//! Line framing for MCP over byte streams: `\n`-terminated lines, split on the byte and never
//! decoded (multi-byte UTF-8 is never cut), with a cap on one line's size. Used by the owner
//! socket (async) and the thin client's threads (blocking).

use tokio::io::{AsyncBufRead, AsyncBufReadExt};

/// One framed line, as read by [`LineReader`].
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// A complete line is in the buffer (without its `\n`).
    Complete,
    /// A line of this many bytes exceeded the cap and was skipped.
    Oversized(usize),
    /// The stream ended (a partial last line without `\n` is dropped).
    Eof,
}

/// Reads `\n`-terminated lines from a stream, never buffering more than `cap` bytes of one.
/// The async form is cancel-safe: a partial line survives a dropped `next()` future; the
/// blocking form ([`LineReader::next_blocking`]) serves the thin client's threads.
pub struct LineReader<R> {
    inner: R,
    state: LineState,
}

/// The part of a [`LineReader`] that survives between reads.
struct LineState {
    cap: usize,
    line: Vec<u8>,
    skipped: Option<usize>,
    done: bool,
}

impl<R> LineReader<R> {
    pub fn new(inner: R, cap: usize) -> Self {
        Self { inner, state: LineState { cap, line: Vec::new(), skipped: None, done: false } }
    }

    /// The last complete line (without `\n`).
    pub fn line(&self) -> &[u8] {
        &self.state.line
    }

    /// The underlying reader.
    pub fn get_ref(&self) -> &R {
        &self.inner
    }
}

impl LineState {
    fn start(&mut self) {
        if self.done {
            self.line.clear();
            self.done = false;
        }
    }

    /// Takes bytes from `buf`; returns how many were used and the line if one ended.
    fn take(&mut self, buf: &[u8]) -> (usize, Option<Line>) {
        if buf.is_empty() {
            return (0, Some(Line::Eof));
        }
        let (chunk, end) = match buf.iter().position(|b| *b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        match self.skipped.as_mut() {
            Some(n) => *n += chunk.len(),
            None if self.line.len() + chunk.len() > self.cap => {
                self.skipped = Some(self.line.len() + chunk.len());
                self.line.clear();
            }
            None => self.line.extend_from_slice(chunk),
        }
        let Some(used) = end else { return (chunk.len(), None) };
        self.done = true;
        let line = match self.skipped.take() {
            Some(n) => Line::Oversized(n),
            None => Line::Complete,
        };
        (used, Some(line))
    }
}

impl<R: AsyncBufRead + Unpin> LineReader<R> {
    /// The next line; after [`Line::Complete`] its bytes are in [`Self::line`].
    pub async fn next(&mut self) -> std::io::Result<Line> {
        self.state.start();
        loop {
            let buf = self.inner.fill_buf().await?;
            let (used, line) = self.state.take(buf);
            self.inner.consume(used);
            if let Some(line) = line {
                return Ok(line);
            }
        }
    }
}

impl<R: std::io::BufRead> LineReader<R> {
    /// The next line, blocking the thread.
    pub fn next_blocking(&mut self) -> std::io::Result<Line> {
        self.state.start();
        loop {
            let buf = match self.inner.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let (used, line) = self.state.take(buf);
            self.inner.consume(used);
            if let Some(line) = line {
                return Ok(line);
            }
        }
    }
}

/// Reads one line into `out` (see [`LineReader`]; this one-shot form is not cancel-safe).
pub async fn read_line<R: AsyncBufRead + Unpin>(
    reader: &mut R,
    out: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<Line> {
    let mut lines = LineReader::new(reader, cap);
    let line = lines.next().await?;
    out.clear();
    out.extend_from_slice(lines.line());
    Ok(line)
}

#[cfg(test)]
mod tests {
    use tokio::io::BufReader;

    use super::*;

    #[tokio::test]
    async fn lines_split_on_bytes_and_respect_the_cap() {
        let data = "привет\n{\"a\":1}\nxxxxxxxxxxxxxxxxxxxx\nlast".as_bytes().to_vec();
        let mut reader = BufReader::with_capacity(3, &data[..]);
        let mut line = Vec::new();
        assert_eq!(read_line(&mut reader, &mut line, 16).await.unwrap(), Line::Complete);
        assert_eq!(std::str::from_utf8(&line).unwrap(), "привет");
        assert_eq!(read_line(&mut reader, &mut line, 16).await.unwrap(), Line::Complete);
        assert_eq!(line, b"{\"a\":1}");
        assert_eq!(read_line(&mut reader, &mut line, 16).await.unwrap(), Line::Oversized(20));
        assert!(line.is_empty());
        assert_eq!(read_line(&mut reader, &mut line, 16).await.unwrap(), Line::Eof);
    }
}
