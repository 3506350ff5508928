//! The files an owner may read and write for media tools: one directory (`MCP_TELEGRAM_FILES_DIR`,
//! default `files/` beside the session, e.g. `~/.mcp-telegram/files`; the service's is under its
//! StateDirectory) and byte caps for uploads and downloads. A path is taken relative to that
//! directory or absolute inside it; `..`, and symlinks that lead outside it, are refused.
//! Downloads go to a temporary file that becomes the named file only when complete, never
//! replacing an existing one, so a cancelled or failed download leaves nothing behind.

use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

/// The media file policy of an owner.
#[derive(Debug, Clone)]
pub struct Files {
    /// The directory as configured (for messages).
    root: PathBuf,
    /// Largest file an upload reads (`MCP_TELEGRAM_MAX_UPLOAD`, default 2000 MiB: Telegram's own).
    pub max_upload: u64,
    /// Largest file a download writes (`MCP_TELEGRAM_MAX_DOWNLOAD`, default 2000 MiB).
    pub max_download: u64,
    /// Largest image returned inline to the model (`MCP_TELEGRAM_MAX_INLINE_IMAGE`, default 1 MiB).
    pub max_inline: u64,
}

/// A file opened for an upload.
#[derive(Debug)]
pub struct Source {
    pub file: std::fs::File,
    pub size: u64,
    /// The file name, for Telegram.
    pub name: String,
}

/// A download in progress: written to a temporary file, published by [`Sink::finish`]; dropped
/// unfinished, the temporary file is removed.
#[derive(Debug)]
pub struct Sink {
    temp: PathBuf,
    dest: PathBuf,
    file: Option<std::fs::File>,
}

/// The default caps.
pub const DEFAULT_MAX_TRANSFER: u64 = 2000 * 1024 * 1024;
pub const DEFAULT_MAX_INLINE: u64 = 1024 * 1024;

impl Files {
    pub fn new(root: PathBuf, max_upload: u64, max_download: u64, max_inline: u64) -> Self {
        Self { root, max_upload, max_download, max_inline }
    }

    /// The directory, as configured.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Opens a file to upload: inside the directory, a regular file, within the cap.
    pub fn open(&self, raw: &str) -> Result<Source, String> {
        let path = self.lexical(raw)?;
        let real = std::fs::canonicalize(&path).map_err(|e| match e.kind() {
            ErrorKind::NotFound => format!("no file {raw} in {}", self.root.display()),
            _ => format!("failed to open {raw}: {e}"),
        })?;
        self.inside(&real, raw)?;
        let meta = std::fs::metadata(&real).map_err(|e| format!("failed to open {raw}: {e}"))?;
        if !meta.is_file() {
            return Err(format!("{raw} is not a regular file"));
        }
        if meta.len() > self.max_upload {
            return Err(format!(
                "{raw} is {}, over the upload cap of {} (MCP_TELEGRAM_MAX_UPLOAD)",
                human(meta.len()),
                human(self.max_upload)
            ));
        }
        // The resolved path has no symlinks left; NOFOLLOW closes the gap to a swap since, and
        // NONBLOCK keeps a FIFO swapped in from blocking the owner.
        let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
        let file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(flags.bits() as i32)
            .open(&real)
            .map_err(|e| format!("failed to open {raw}: {e}"))?;
        // What was opened is what counts: a regular file, not a second name of another file.
        let meta = file.metadata().map_err(|e| format!("failed to open {raw}: {e}"))?;
        if !meta.is_file() {
            return Err(format!("{raw} is not a regular file"));
        }
        if std::os::unix::fs::MetadataExt::nlink(&meta) > 1 {
            return Err(format!("{raw} has several names (a hard link): copy the file instead"));
        }
        if meta.len() > self.max_upload {
            return Err(format!(
                "{raw} is {}, over the upload cap of {} (MCP_TELEGRAM_MAX_UPLOAD)",
                human(meta.len()),
                human(self.max_upload)
            ));
        }
        let name =
            real.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "file".into());
        Ok(Source { file, size: meta.len(), name })
    }

    /// Prepares a download to `raw` (a file, or a directory to put `suggested` in), or to
    /// `suggested` in the directory when `raw` is `None`. An existing file is never replaced.
    pub fn create(&self, raw: Option<&str>, suggested: &str) -> Result<Sink, String> {
        let suggested = safe_name(suggested);
        let mut dest = match raw {
            Some(raw) => self.lexical(raw)?,
            None => self.root.join(&suggested),
        };
        if dest.is_dir() {
            dest = dest.join(&suggested);
        }
        let shown = raw.unwrap_or(&suggested).to_owned();
        let name = match dest.file_name() {
            Some(name) => name.to_owned(),
            None => return Err(format!("{shown} names no file")),
        };
        let parent = dest.parent().map(Path::to_owned).unwrap_or_else(|| self.root.clone());
        // Check where the existing part of the path leads before creating anything below it.
        let existing = parent.ancestors().find(|a| a.exists()).unwrap_or(&parent);
        let real = std::fs::canonicalize(existing).map_err(|e| format!("failed to prepare {shown}: {e}"))?;
        self.inside(&real, &shown)?;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&parent)
            .map_err(|e| format!("failed to create the directory for {shown}: {e}"))?;
        let parent = std::fs::canonicalize(&parent).map_err(|e| format!("failed to prepare {shown}: {e}"))?;
        self.inside(&parent, &shown)?;
        let dest = parent.join(&name);
        if std::fs::symlink_metadata(&dest).is_ok() {
            return Err(format!("{} exists already: give another downloadPath", dest.display()));
        }
        // A random suffix: two downloads to one name in one process do not collide.
        let mut salt = [0u8; 6];
        getrandom::fill(&mut salt).map_err(|e| format!("failed to prepare {shown}: {e}"))?;
        let salt: String = salt.iter().map(|b| format!("{b:02x}")).collect();
        let short: String = name.to_string_lossy().chars().take(100).collect();
        let temp = parent.join(format!(".{short}.part-{salt}"));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)
            .map_err(|e| format!("failed to create {}: {e}", temp.display()))?;
        Ok(Sink { temp, dest, file: Some(file) })
    }

    /// Creates the directory (0700) if it is missing.
    pub fn prepare(&self) -> Result<(), String> {
        if !self.root.exists() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(&self.root)
                .map_err(|e| format!("failed to create the files directory {}: {e}", self.root.display()))?;
        }
        Ok(())
    }

    /// The path a user wrote, before symlinks: relative to the directory, no `..`.
    fn lexical(&self, raw: &str) -> Result<PathBuf, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err("the path is empty".into());
        }
        if raw.contains("://") {
            return Err(format!("{raw} is a URL: only files in {} can be sent", self.root.display()));
        }
        let path = Path::new(raw);
        if path.components().any(|c| c == Component::ParentDir) {
            return Err(format!("{raw}: `..` is not allowed; name a path inside {}", self.root.display()));
        }
        self.prepare()?;
        Ok(if path.is_absolute() { path.to_owned() } else { self.root.join(path) })
    }

    /// Refuses a resolved path outside the directory.
    fn inside(&self, real: &Path, shown: &str) -> Result<(), String> {
        let root = std::fs::canonicalize(&self.root)
            .map_err(|e| format!("failed to open the files directory {}: {e}", self.root.display()))?;
        if real.starts_with(&root) {
            Ok(())
        } else {
            Err(format!(
                "{shown} is outside the files directory {} (a symlink counts where it leads): copy the file \
                 there, or set MCP_TELEGRAM_FILES_DIR",
                self.root.display()
            ))
        }
    }
}

impl Sink {
    /// Where the file goes.
    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// The temporary file the download is written to.
    pub fn partial(&self) -> &Path {
        &self.temp
    }

    /// The temporary file to write into.
    pub fn file(&mut self) -> Option<&mut std::fs::File> {
        self.file.as_mut()
    }

    /// Takes the open file out for async writing (returned through [`Sink::finish`]).
    pub fn take(&mut self) -> Option<std::fs::File> {
        self.file.take()
    }

    /// Publishes the complete download under its name (never over an existing file).
    pub fn finish(mut self) -> Result<PathBuf, String> {
        let moved = rustix::fs::renameat_with(
            rustix::fs::CWD,
            &self.temp,
            rustix::fs::CWD,
            &self.dest,
            rustix::fs::RenameFlags::NOREPLACE,
        );
        let result = match moved {
            Ok(()) => {
                let _ = std::fs::set_permissions(&self.dest, std::fs::Permissions::from_mode(0o600));
                Ok(self.dest.clone())
            }
            Err(e) if e == rustix::io::Errno::EXIST => {
                Err(format!("{} appeared meanwhile: give another downloadPath", self.dest.display()))
            }
            // Filesystems without RENAME_NOREPLACE (NFS, some FUSE): a hard link also refuses
            // to replace; then the temporary name goes.
            Err(e) if e == rustix::io::Errno::INVAL => match std::fs::hard_link(&self.temp, &self.dest) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&self.temp);
                    let _ = std::fs::set_permissions(&self.dest, std::fs::Permissions::from_mode(0o600));
                    Ok(self.dest.clone())
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                    Err(format!("{} appeared meanwhile: give another downloadPath", self.dest.display()))
                }
                Err(e) => Err(format!("failed to save {}: {e}", self.dest.display())),
            },
            Err(e) => Err(format!("failed to save {}: {e}", self.dest.display())),
        };
        if result.is_ok() {
            self.temp = PathBuf::new();
        }
        result
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        if !self.temp.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// A file name made of safe characters (no separators, no leading dot).
pub fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
        .take(120)
        .collect();
    let cleaned = cleaned.trim_start_matches('.');
    if cleaned.is_empty() { "file".to_owned() } else { cleaned.to_owned() }
}

/// `12.3 MB` style sizes for messages.
pub fn human(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000_000 => format!("{:.1} GB", b as f64 / 1e9),
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{:.1} KB", b as f64 / 1e3),
        b => format!("{b} bytes"),
    }
}

/// A byte size as the caps' variables take it: `1048576`, `512K`, `50M`, `2G` (binary units).
pub fn parse_size(raw: &str) -> Option<u64> {
    let raw = raw.trim();
    let (digits, unit) = raw.split_at(raw.find(|c: char| !c.is_ascii_digit()).unwrap_or(raw.len()));
    let n: u64 = digits.parse().ok()?;
    let factor = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        _ => return None,
    };
    n.checked_mul(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Files {
        Files::new(dir.join("files"), 1000, 1000, 100)
    }

    #[test]
    fn uploads_stay_inside_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let f = files(dir.path());
        f.prepare().unwrap();
        std::fs::write(dir.path().join("files/a.txt"), b"hello").unwrap();
        std::fs::write(dir.path().join("secret"), b"no").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), dir.path().join("files/link")).unwrap();
        std::fs::write(dir.path().join("files/big"), vec![0u8; 1001]).unwrap();
        std::fs::write(dir.path().join("files/twin"), b"x").unwrap();
        std::fs::hard_link(dir.path().join("files/twin"), dir.path().join("files/twin2")).unwrap();
        assert_eq!(f.open("a.txt").unwrap().size, 5);
        let absolute = dir.path().join("files/a.txt");
        assert_eq!(f.open(absolute.to_str().unwrap()).unwrap().name, "a.txt");
        assert!(f.open("../secret").unwrap_err().contains("`..` is not allowed"));
        assert!(f.open("link").unwrap_err().contains("outside the files directory"));
        assert!(f.open(dir.path().join("secret").to_str().unwrap()).unwrap_err().contains("outside"));
        assert!(f.open("big").unwrap_err().contains("over the upload cap"));
        assert!(f.open("nope").unwrap_err().starts_with("no file nope"));
        assert!(f.open("https://example.org/x").unwrap_err().contains("is a URL"));
        assert!(f.open(".").unwrap_err().contains("not a regular file"));
        assert!(f.open("twin").unwrap_err().contains("hard link"));
    }

    #[test]
    fn downloads_never_replace_and_vanish_when_unfinished() {
        let dir = tempfile::tempdir().unwrap();
        let f = files(dir.path());
        let mut sink = f.create(Some("sub/out.bin"), "x").unwrap();
        std::io::Write::write_all(sink.file().unwrap(), b"data").unwrap();
        let saved = sink.finish().unwrap();
        assert_eq!(std::fs::read(&saved).unwrap(), b"data");
        assert!(f.create(Some("sub/out.bin"), "x").unwrap_err().contains("exists already"));
        let unfinished = f.create(None, "../../evil name.jpg").unwrap();
        assert_eq!(unfinished.dest().file_name().unwrap(), "_.._evil_name.jpg");
        drop(unfinished);
        let left: Vec<_> = std::fs::read_dir(dir.path().join("files")).unwrap().collect();
        assert_eq!(left.len(), 1, "only sub/ is left: {left:?}");
        std::os::unix::fs::symlink(dir.path(), dir.path().join("files/out")).unwrap();
        assert!(f.create(Some("out/x"), "x").unwrap_err().contains("outside the files directory"));
        assert!(f.create(Some("../x"), "x").unwrap_err().contains("`..`"));
        let into_dir = f.create(Some("sub"), "named.txt").unwrap();
        assert!(into_dir.dest().ends_with("sub/named.txt"));
    }

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("1048576"), Some(1 << 20));
        assert_eq!(parse_size("50M"), Some(50 << 20));
        assert_eq!(parse_size("2g"), Some(2 << 30));
        assert_eq!(parse_size("12 KiB"), Some(12 << 10));
        assert_eq!(parse_size("many"), None);
        assert_eq!(parse_size("5X"), None);
    }
}
