//! The owner lock: an exclusive `flock(2)` (through fs2) on `<session>.daemon.lock`, held for
//! as long as an [`OwnerLock`] lives. The kernel releases it when the process dies, even by
//! SIGKILL, so there is no stale-lock logic; the PID written inside is for humans only.

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use fs2::FileExt;

/// Proof that this process owns the session. Owning Telegram requires one by value.
#[derive(Debug)]
pub struct OwnerLock {
    file: File,
    path: PathBuf,
}

/// Outcome of [`OwnerLock::try_acquire`].
#[derive(Debug)]
pub enum Acquired {
    /// We own the session now.
    Owner(OwnerLock),
    /// Another live process holds it.
    Busy,
}

impl OwnerLock {
    /// Takes the lock without waiting. Errors only for I/O problems (e.g. permissions).
    pub fn try_acquire(path: &Path) -> anyhow::Result<Acquired> {
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path)
            .with_context(|| format!("failed to open lock file {}", path.display()))?;
        match FileExt::try_lock_exclusive(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return Ok(Acquired::Busy),
            Err(e) => return Err(e).with_context(|| format!("failed to lock {}", path.display())),
        }
        // Diagnostics only: `cat` the lock file to see who owns the session.
        let _ = file.set_len(0);
        let _ = file.seek(SeekFrom::Start(0));
        let _ = writeln!(file, "{}", std::process::id());
        Ok(Acquired::Owner(Self { file, path: path.to_owned() }))
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for OwnerLock {
    fn drop(&mut self) {
        let _ = FileExt::unlock(&self.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_owner_at_a_time_and_release_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.daemon.lock");
        let Acquired::Owner(first) = OwnerLock::try_acquire(&path).unwrap() else { panic!("free lock") };
        assert!(matches!(OwnerLock::try_acquire(&path).unwrap(), Acquired::Busy));
        let pid = std::fs::read_to_string(&path).unwrap();
        assert_eq!(pid.trim(), std::process::id().to_string());
        drop(first);
        assert!(matches!(OwnerLock::try_acquire(&path).unwrap(), Acquired::Owner(_)));
    }

    #[test]
    fn unusable_paths_are_errors_not_busy() {
        let err = OwnerLock::try_acquire(Path::new("/proc/definitely/not/here.lock")).unwrap_err();
        assert!(err.to_string().contains("failed to open lock file"), "{err}");
    }
}
