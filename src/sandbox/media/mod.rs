//! Files the sandbox stores, kept on disk in a temporary directory the sandbox owns and
//! removes when it is dropped: upload parts per auth key and `file_id` while a client uploads,
//! then frozen blobs (the same part files, renamed into place, never copied or loaded whole)
//! that messages and profile photos point at and `upload.getFile` reads in windows. It knows
//! the part rules (`rules`) but not messages or peers: the world holds the metadata and refers
//! to blobs by id. Disk I/O is blocking; callers run it off the async workers.

pub(crate) mod rules;

use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::DirBuilderExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use sha2::{Digest, Sha256};

use crate::sandbox::world::Failure;

/// Bytes the store may hold on disk at once, uploads and blobs together.
pub(crate) const STORE_CAP: u64 = 4 * 1024 * 1024 * 1024;

/// The sandbox's file store; one per sandbox.
pub(crate) struct Store {
    dir: PathBuf,
    next: AtomicU64,
    inner: Mutex<Inner>,
}

/// A stored file: part files `0..n` of `part_size` bytes each but the last.
#[derive(Debug)]
pub(crate) struct Blob {
    dir: PathBuf,
    part_size: u64,
    /// Total length in bytes.
    pub(crate) size: u64,
}

/// An upload the client named in an `InputFile`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FileRef {
    pub(crate) id: i64,
    pub(crate) parts: i32,
    /// `inputFileBig` (uploaded with `upload.saveBigFilePart`).
    pub(crate) big: bool,
}

#[derive(Default)]
struct Inner {
    uploads: HashMap<(u64, i64), Upload>,
    blobs: HashMap<u64, Arc<Blob>>,
    /// Bytes on disk.
    used: u64,
}

struct Upload {
    dir: PathBuf,
    /// Part number → length.
    parts: BTreeMap<i32, usize>,
    /// `file_total_parts` of a big upload.
    total: Option<i32>,
}

impl Store {
    /// Creates the store's private directory (mode 0700) under the system temp dir.
    pub(crate) fn new() -> io::Result<Self> {
        let tag = getrandom::u64().unwrap_or_default();
        let dir =
            std::env::temp_dir().join(format!("mcp-telegram-sandbox-{}-{tag:016x}", std::process::id()));
        fs::DirBuilder::new().mode(0o700).create(&dir)?;
        Ok(Self { dir, next: AtomicU64::new(1), inner: Mutex::new(Inner::default()) })
    }

    /// The directory holding every part and blob.
    #[cfg(test)]
    pub(crate) fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// Stores one part of the upload `file_id` of auth key `key_id` (replacing an earlier copy of
    /// the same part). `total` is `file_total_parts` for `upload.saveBigFilePart`.
    pub(crate) fn save_part(
        &self,
        key_id: u64,
        file_id: i64,
        part: i32,
        total: Option<i32>,
        bytes: &[u8],
    ) -> Result<(), Failure> {
        rules::check_part(part, total, bytes.len())?;
        let path = {
            let mut inner = self.inner();
            let old = inner.uploads.get(&(key_id, file_id)).and_then(|u| u.parts.get(&part)).copied();
            if inner.used - old.unwrap_or(0) as u64 + bytes.len() as u64 > STORE_CAP {
                return Err(Failure::bad("FILE_TOO_BIG"));
            }
            let upload = match inner.uploads.entry((key_id, file_id)) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    let dir = self.dir.join(format!("upload-{}", self.next.fetch_add(1, Ordering::Relaxed)));
                    fs::create_dir(&dir).map_err(io_failure)?;
                    e.insert(Upload { dir, parts: BTreeMap::new(), total })
                }
            };
            if upload.total != total {
                return Err(Failure::bad("FILE_PARTS_INVALID"));
            }
            upload.dir.join(part.to_string())
        };
        fs::write(&path, bytes).map_err(io_failure)?;
        let mut inner = self.inner();
        let Some(upload) = inner.uploads.get_mut(&(key_id, file_id)) else {
            return Err(Failure::bad("FILE_PART_INVALID"));
        };
        let old = upload.parts.insert(part, bytes.len()).unwrap_or(0);
        inner.used = inner.used - old as u64 + bytes.len() as u64;
        Ok(())
    }

    /// Turns a finished upload into a blob, as Telegram does when an `InputFile` is used. The
    /// upload is consumed: naming the same file again fails with `FILE_PART_0_MISSING`.
    pub(crate) fn take_upload(&self, key_id: u64, file: FileRef) -> Result<(u64, Arc<Blob>), Failure> {
        let mut inner = self.inner();
        let missing = || Failure::bad("FILE_PART_0_MISSING");
        let upload = inner.uploads.get(&(key_id, file.id)).ok_or_else(missing)?;
        if !(1..=rules::MAX_PARTS).contains(&file.parts)
            || upload.total.is_some() != file.big
            || upload.total.is_some_and(|t| t != file.parts)
        {
            return Err(Failure::bad("FILE_PARTS_INVALID"));
        }
        let mut sizes = Vec::with_capacity(file.parts as usize);
        for part in 0..file.parts {
            let size =
                upload.parts.get(&part).ok_or_else(|| Failure::bad(&format!("FILE_PART_{part}_MISSING")))?;
            sizes.push(*size);
        }
        rules::check_sizes(&sizes)?;
        let size: u64 = sizes.iter().map(|s| *s as u64).sum();
        if !file.big && size > rules::SMALL_FILE_MAX {
            return Err(Failure::bad("FILE_PARTS_INVALID"));
        }
        let upload = inner.uploads.remove(&(key_id, file.id)).ok_or_else(missing)?;
        let blob = Arc::new(Blob { dir: upload.dir, part_size: sizes[0] as u64, size });
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        inner.blobs.insert(id, blob.clone());
        Ok((id, blob))
    }

    /// Stores bytes the sandbox itself provides (the seeded media) as a blob.
    pub(crate) fn put(&self, bytes: &[u8]) -> io::Result<u64> {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let dir = self.dir.join(format!("blob-{id}"));
        fs::create_dir(&dir)?;
        for (n, chunk) in bytes.chunks(rules::PART_MAX).enumerate() {
            fs::write(dir.join(n.to_string()), chunk)?;
        }
        let blob = Blob { dir, part_size: rules::PART_MAX as u64, size: bytes.len() as u64 };
        let mut inner = self.inner();
        inner.used += blob.size;
        inner.blobs.insert(id, Arc::new(blob));
        Ok(id)
    }

    pub(crate) fn blob(&self, id: u64) -> Option<Arc<Blob>> {
        self.inner().blobs.get(&id).cloned()
    }

    fn inner(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        if let Err(error) = fs::remove_dir_all(&self.dir) {
            tracing::warn!(%error, dir = %self.dir.display(), "failed to remove the sandbox's media directory");
        }
    }
}

impl Blob {
    /// Up to `limit` bytes from `offset`; fewer (or none) past the end.
    pub(crate) fn read(&self, offset: u64, limit: usize) -> io::Result<Vec<u8>> {
        let end = self.size.min(offset.saturating_add(limit as u64));
        let mut out = Vec::with_capacity(end.saturating_sub(offset) as usize);
        let mut pos = offset;
        while pos < end {
            let (part, within) = (pos / self.part_size, pos % self.part_size);
            let take = (self.part_size - within).min(end - pos);
            let mut file = File::open(self.dir.join(part.to_string()))?;
            file.seek(SeekFrom::Start(within))?;
            let before = out.len();
            file.take(take).read_to_end(&mut out)?;
            if out.len() - before != take as usize {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "a stored part is shorter than recorded",
                ));
            }
            pos += take;
        }
        Ok(out)
    }

    /// The SHA-256 of the whole blob, read in parts.
    pub(crate) fn sha256(&self) -> io::Result<[u8; 32]> {
        let mut hash = Sha256::new();
        let mut pos = 0;
        while pos < self.size {
            let chunk = self.read(pos, self.part_size as usize)?;
            hash.update(&chunk);
            pos += chunk.len().max(1) as u64;
        }
        Ok(hash.finalize().into())
    }
}

fn io_failure(error: io::Error) -> Failure {
    tracing::warn!(%error, "the sandbox failed to store a file part");
    Failure::new(500, "FILE_WRITE_FAILED")
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: u64 = 7;

    fn file(id: i64, parts: i32, big: bool) -> FileRef {
        FileRef { id, parts, big }
    }

    #[test]
    fn parts_live_on_disk_and_read_back_in_windows() {
        let store = Store::new().unwrap();
        let data: Vec<u8> = (0..3 * 4096 + 100).map(|i| (i % 251) as u8).collect();
        for (n, chunk) in data.chunks(4096).enumerate() {
            store.save_part(KEY, 1, n as i32, None, chunk).unwrap();
        }
        let on_disk = fs::read_dir(store.dir()).unwrap().count();
        assert_eq!(on_disk, 1, "one upload directory");
        let (_, blob) = store.take_upload(KEY, file(1, 4, false)).unwrap();
        assert_eq!(blob.size, data.len() as u64);
        assert_eq!(blob.read(0, 1 << 20).unwrap(), data);
        assert_eq!(blob.read(4096, 8192).unwrap(), data[4096..12288]);
        assert_eq!(blob.read(12288, 4096).unwrap(), data[12288..], "short at the end");
        assert!(blob.read(1 << 20, 4096).unwrap().is_empty(), "nothing past the end");
        assert_eq!(blob.sha256().unwrap(), <[u8; 32]>::from(Sha256::digest(&data)));
        let err = store.take_upload(KEY, file(1, 4, false)).unwrap_err();
        assert_eq!(err.name, "FILE_PART_0_MISSING", "an upload is used once");
    }

    #[test]
    fn missing_parts_and_foreign_keys_are_refused() {
        let store = Store::new().unwrap();
        store.save_part(KEY, 2, 0, None, &[1; 1024]).unwrap();
        store.save_part(KEY, 2, 2, None, &[1; 10]).unwrap();
        assert_eq!(store.take_upload(KEY, file(2, 3, false)).unwrap_err().name, "FILE_PART_1_MISSING");
        assert_eq!(store.take_upload(KEY + 1, file(2, 1, false)).unwrap_err().name, "FILE_PART_0_MISSING");
        assert_eq!(store.take_upload(KEY, file(2, 1, true)).unwrap_err().name, "FILE_PARTS_INVALID");
        store.save_part(KEY, 3, 0, Some(2), &[1; 1024]).unwrap();
        let err = store.save_part(KEY, 3, 1, Some(3), &[1; 1024]).unwrap_err();
        assert_eq!(err.name, "FILE_PARTS_INVALID", "the total may not change");
        store.save_part(KEY, 3, 1, Some(2), &[1; 7]).unwrap();
        assert_eq!(store.take_upload(KEY, file(3, 2, false)).unwrap_err().name, "FILE_PARTS_INVALID");
        let (_, blob) = store.take_upload(KEY, file(3, 2, true)).unwrap();
        assert_eq!(blob.size, 1031);
    }

    #[test]
    fn the_directory_goes_away_with_the_store() {
        let store = Store::new().unwrap();
        store.put(b"hello").unwrap();
        let dir = store.dir().to_owned();
        assert!(dir.exists());
        drop(store);
        assert!(!dir.exists());
    }
}
