//! The peer cache on disk: `<session>.peers` beside the session file, mode 0600, plain JSON (a
//! format version, the account's own id, the last dialog list, and every remembered peer with
//! its access hash), so ids and names resolve after a restart without a dialog scan. This file
//! owns the format, loading (a missing, corrupt or unknown-version file starts empty) and the
//! atomic writes, done off the runtime by a background task at most once per [`MIN_INTERVAL`].
//! It names no grammers types, and it never logs the contents: access hashes address peers.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::Notify;

use super::peers::{PeerCache, Target};
use crate::model::ChatKind;

/// The format written; a file with any other version is ignored.
const VERSION: u32 = 1;
/// The shortest time between two writes: changes in between are coalesced into one.
const MIN_INTERVAL: Duration = Duration::from_secs(1);

/// What the file holds, as the cache loads and saves it.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Snapshot {
    pub(super) self_id: Option<i64>,
    /// The dialog ids of the last full scan, if there was one.
    pub(super) dialogs: Option<Vec<i64>>,
    pub(super) peers: Vec<Target>,
}

/// The file and its writer's bookkeeping; shared by the cache's owner and the writer task.
pub(super) struct PeerFile {
    path: PathBuf,
    /// Woken after the cache changed.
    wake: Notify,
    /// The cache generation the file holds (or a removal stands for): never written again.
    on_disk: AtomicU64,
    /// Writes and removals take turns, so a removal is never undone by a write in flight.
    io: Mutex<()>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Header {
    version: u32,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct FileV1 {
    version: u32,
    self_id: Option<i64>,
    dialogs: Option<Vec<i64>>,
    peers: Vec<StoredPeer>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredPeer {
    id: i64,
    kind: StoredKind,
    raw_id: i64,
    access_hash: i64,
    title: String,
    username: Option<String>,
    forum: bool,
    /// Absent in files written before contacts were kept.
    #[serde(default)]
    contact: bool,
}

/// The file's own names for [`ChatKind`], so the tools' output may change without it.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum StoredKind {
    User,
    Bot,
    Saved,
    Group,
    Supergroup,
    Channel,
}

impl PeerFile {
    /// The cache file of a session file.
    pub(super) fn beside(session: &Path) -> Arc<Self> {
        Arc::new(Self {
            path: crate::config::with_suffix(session, ".peers"),
            wake: Notify::new(),
            on_disk: AtomicU64::new(0),
            io: Mutex::new(()),
        })
    }

    /// Reads the file; anything unusable is an empty cache (and a warning naming the path).
    pub(super) fn load(&self) -> Snapshot {
        match std::fs::read(&self.path) {
            Ok(bytes) => decode(&bytes).unwrap_or_else(|problem| {
                tracing::warn!(path = %self.path.display(), "ignoring the peer cache file ({problem}); starting empty");
                Snapshot::default()
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Snapshot::default(),
            Err(e) => {
                tracing::warn!(path = %self.path.display(), error = %e, "cannot read the peer cache file; starting empty");
                Snapshot::default()
            }
        }
    }

    /// Asks the writer for a write of the cache as it is now (coalesced, never blocking).
    pub(super) fn changed(&self) {
        self.wake.notify_one();
    }

    /// Removes the file (after a logout): `generation` and everything older is never written.
    pub(super) fn forget(&self, generation: u64) {
        let _turn = self.io.lock().unwrap_or_else(|p| p.into_inner());
        self.on_disk.fetch_max(generation, Ordering::Relaxed);
        match std::fs::remove_file(&self.path) {
            Ok(()) => tracing::info!(path = %self.path.display(), "removed the peer cache"),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                tracing::warn!(path = %self.path.display(), error = %e, "failed to remove the peer cache")
            }
        }
    }

    /// Writes the cache now if it changed since the last write (on a blocking thread).
    pub(super) async fn flush(self: &Arc<Self>, cache: &Mutex<PeerCache>) {
        let Some((generation, bytes)) = self.pending(cache) else { return };
        let file = Arc::clone(self);
        let written = tokio::task::spawn_blocking(move || file.store(generation, &bytes)).await;
        if let Ok(Err(e)) = written {
            tracing::warn!(path = %self.path.display(), error = %e, "failed to write the peer cache");
        }
    }

    /// The encoded cache, when it is newer than the file.
    fn pending(&self, cache: &Mutex<PeerCache>) -> Option<(u64, Vec<u8>)> {
        let cache = cache.lock().unwrap_or_else(|p| p.into_inner());
        let generation = cache.generation();
        (generation > self.on_disk.load(Ordering::Relaxed)).then(|| (generation, encode(&cache.snapshot())))
    }

    /// Replaces the file atomically with `bytes`, unless a newer state is already there.
    fn store(&self, generation: u64, bytes: &[u8]) -> std::io::Result<()> {
        let _turn = self.io.lock().unwrap_or_else(|p| p.into_inner());
        if generation <= self.on_disk.load(Ordering::Relaxed) {
            return Ok(());
        }
        write_atomically(&self.path, bytes)?;
        self.on_disk.store(generation, Ordering::Relaxed);
        Ok(())
    }
}

impl From<&Target> for StoredPeer {
    fn from(t: &Target) -> Self {
        let kind = match t.kind {
            ChatKind::User => StoredKind::User,
            ChatKind::Bot => StoredKind::Bot,
            ChatKind::Saved => StoredKind::Saved,
            ChatKind::Group => StoredKind::Group,
            ChatKind::Supergroup => StoredKind::Supergroup,
            ChatKind::Channel => StoredKind::Channel,
        };
        Self {
            id: t.id,
            kind,
            raw_id: t.raw_id,
            access_hash: t.access_hash,
            title: t.title.clone(),
            username: t.username.clone(),
            forum: t.forum,
            contact: t.contact,
        }
    }
}

impl From<StoredPeer> for Target {
    fn from(p: StoredPeer) -> Self {
        let kind = match p.kind {
            StoredKind::User => ChatKind::User,
            StoredKind::Bot => ChatKind::Bot,
            StoredKind::Saved => ChatKind::Saved,
            StoredKind::Group => ChatKind::Group,
            StoredKind::Supergroup => ChatKind::Supergroup,
            StoredKind::Channel => ChatKind::Channel,
        };
        Self {
            id: p.id,
            kind,
            raw_id: p.raw_id,
            access_hash: p.access_hash,
            title: p.title,
            username: p.username,
            forum: p.forum,
            contact: p.contact,
        }
    }
}

/// Writes the cache whenever it changed, at most once per [`MIN_INTERVAL`]; ends with the cache.
pub(super) async fn write_behind(file: Arc<PeerFile>, cache: Weak<Mutex<PeerCache>>) {
    loop {
        file.wake.notified().await;
        let Some(cache) = cache.upgrade() else { return };
        file.flush(&cache).await;
        drop(cache);
        // Changes during the pause leave the wake-up stored: they are written right after it.
        tokio::time::sleep(MIN_INTERVAL).await;
    }
}

fn encode(snapshot: &Snapshot) -> Vec<u8> {
    let file = FileV1 {
        version: VERSION,
        self_id: snapshot.self_id,
        dialogs: snapshot.dialogs.clone(),
        peers: snapshot.peers.iter().map(StoredPeer::from).collect(),
    };
    serde_json::to_vec(&file).expect("the peer cache serializes")
}

/// The snapshot in `bytes`, or why there is none. The reason never quotes the file: a
/// corrupt file may still hold access hashes.
fn decode(bytes: &[u8]) -> Result<Snapshot, String> {
    let quiet = |e: serde_json::Error| {
        let what = match e.classify() {
            serde_json::error::Category::Data => "unexpected content",
            _ => "malformed JSON",
        };
        format!("{what} at line {}, column {}", e.line(), e.column())
    };
    let header: Header = serde_json::from_slice(bytes).map_err(quiet)?;
    if header.version != VERSION {
        return Err(format!("unknown format version {} (this build reads {VERSION})", header.version));
    }
    let file: FileV1 = serde_json::from_slice(bytes).map_err(quiet)?;
    let peers = file.peers.into_iter().map(Target::from).collect();
    Ok(Snapshot { self_id: file.self_id, dialogs: file.dialogs, peers })
}

/// A temporary file (0600) in the same directory, synced, then renamed over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let temp = crate::config::with_suffix(path, ".tmp");
    match std::fs::remove_file(&temp) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut out = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&temp)?;
    out.write_all(bytes)?;
    out.sync_all()?;
    std::fs::rename(&temp, path)
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn sample() -> Snapshot {
        let target = |id, kind, raw_id, title: &str, username: Option<&str>| Target {
            id,
            kind,
            raw_id,
            access_hash: raw_id * 31,
            title: title.to_owned(),
            username: username.map(str::to_owned),
            forum: kind == ChatKind::Supergroup,
            contact: false,
        };
        Snapshot {
            self_id: Some(7),
            dialogs: Some(vec![7, 8, -41, -1_001_500_000_001]),
            peers: vec![
                target(7, ChatKind::Saved, 7, "Saved Messages", Some("me")),
                target(8, ChatKind::Bot, 8, "Helper", None),
                target(-41, ChatKind::Group, 41, "Hike 🥾", None),
                target(-1_001_500_000_001, ChatKind::Supergroup, 1_500_000_001, "Rust", Some("rust")),
            ],
        }
    }

    fn file_in(dir: &tempfile::TempDir) -> Arc<PeerFile> {
        PeerFile::beside(&dir.path().join("session"))
    }

    #[test]
    fn the_format_round_trips() {
        assert_eq!(decode(&encode(&sample())).unwrap(), sample());
        assert_eq!(decode(&encode(&Snapshot::default())).unwrap(), Snapshot::default());
    }

    #[test]
    fn the_file_is_named_after_the_session() {
        let file = PeerFile::beside(Path::new("/x/session"));
        assert_eq!(file.path, PathBuf::from("/x/session.peers"));
    }

    #[test]
    fn a_written_file_is_private_and_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let file = file_in(&dir);
        assert_eq!(file.load(), Snapshot::default(), "a missing file is an empty cache");
        file.store(1, &encode(&sample())).unwrap();
        let mode = std::fs::metadata(&file.path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(file.load(), sample());
        assert!(!crate::config::with_suffix(&file.path, ".tmp").exists(), "no temporary file is left");
    }

    #[test]
    fn corrupt_or_foreign_files_load_empty() {
        let dir = tempfile::tempdir().unwrap();
        let file = file_in(&dir);
        for junk in [&b"{\"version\":1,\"peers\":[{\"id\":"[..], b"\x00\xff", b"[]", b"{}"] {
            std::fs::write(&file.path, junk).unwrap();
            assert_eq!(file.load(), Snapshot::default(), "{junk:?}");
        }
        std::fs::write(&file.path, br#"{"version":2,"peers":"a new layout"}"#).unwrap();
        assert_eq!(file.load(), Snapshot::default(), "an unknown version is ignored");
    }

    #[test]
    fn a_decoding_error_does_not_quote_the_file() {
        let problem = decode(br#"{"version":1,"selfId":null,"dialogs":null,"peers":[{"id":1,"kind":"user","rawId":1,"accessHash":"s3cr3t"}]}"#)
            .unwrap_err();
        assert!(!problem.contains("s3cr3t"), "{problem}");
    }

    #[test]
    fn a_removal_is_not_undone_by_an_older_write() {
        let dir = tempfile::tempdir().unwrap();
        let file = file_in(&dir);
        file.store(3, &encode(&sample())).unwrap();
        file.forget(4);
        assert!(!file.path.exists());
        file.store(4, &encode(&sample())).unwrap();
        assert!(!file.path.exists(), "generation 4 stood for the removal");
        file.store(5, &encode(&Snapshot::default())).unwrap();
        assert_eq!(file.load(), Snapshot::default());
    }
}
