//! Configuration from the environment and the paths derived from it. Precedence, highest
//! first: command-line switches (`--sandbox`), then environment variables, then defaults.
//! No I/O here beyond reading the environment and the user id.
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `TELEGRAM_API_ID`, `TELEGRAM_API_HASH` | app credentials from my.telegram.org | none (needed to sign in) |
//! | `TELEGRAM_SESSION_PATH` | the session file | `$HOME/.mcp-telegram/session` |
//! | `MCP_TELEGRAM_SOCKET` | the owner's Unix socket | `<session>.daemon.sock` |
//! | `MCP_TELEGRAM_LOG` | `journald` or `stderr` | journald when stderr is the journal |
//! | `MCP_TELEGRAM_CALL_TIMEOUT` | seconds one Telegram call may take | 30 |
//! | `MCP_TELEGRAM_TOOLS` | the window's profiles: `core`, `messaging`, `media`, `groups`, `account`, `stories`, `business`, `stars`, `calls`, `quick-replies`, `all` (comma list) | `core` |
//! | `MCP_TELEGRAM_ENABLE_GROUP_CALLS`, `_STARS`, `_QUICK_REPLIES` | `1` adds the `calls`, `stars` or `quick-replies` profile (the original's opt-in flags) | `0` |
//! | `MCP_TELEGRAM_TOOLS_ALLOW`, `_DENY` | tool names added to / removed from the profiles | none |
//! | `MCP_TELEGRAM_READ_ONLY` | `1`: hide and refuse every tool that writes | `0` |
//! | `MCP_TELEGRAM_ALLOWED_CHATS` | chat ids, @usernames or `me`: refuse calls touching other chats | every chat |
//! | `MCP_TELEGRAM_FILES_DIR` | the only directory media tools read and write | `files/` beside the session |
//! | `MCP_TELEGRAM_MAX_UPLOAD`, `_MAX_DOWNLOAD` | byte caps of one transfer (`50M`, `2G`) | 2000 MiB |
//! | `MCP_TELEGRAM_MAX_INLINE_IMAGE` | largest image shown to the model inline | 1 MiB |
//! | `MCP_TELEGRAM_POLICY` | an owner's access policy file (per-client scopes, TOML) | `/etc/mcp-telegram/policy.toml` if it exists |
//!
//! A window sends its `MCP_TELEGRAM_TOOLS…`/`READ_ONLY`/`ALLOWED_CHATS` settings to its owner,
//! which applies them to that window only, within what the policy grants its uid.
//!
//! The owner lock is always `<session>.daemon.lock`: lock and socket belong to one session
//! *file*, so two session files in one directory get two independent owners. With
//! `--sandbox` the session lives in a per-user sandbox location instead
//! (`$HOME/.mcp-telegram/sandbox/session`, or `/tmp/mcp-telegram-sandbox-<uid>/session`).
//!
//! Socket discovery (a window with no configuration at all): `<session>.daemon.sock` of the
//! default session; then the per-user service's socket (`$XDG_RUNTIME_DIR/mcp-telegram/
//! daemon.sock`, `packaging/user/`); then, only if the user has no session file of their own,
//! the packaged system service's `/run/mcp-telegram/daemon.sock`; if none answers, the window
//! owns the default session itself. `MCP_TELEGRAM_SOCKET` or `TELEGRAM_SESSION_PATH` turn
//! discovery off.

use std::fmt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};

/// The packaged system service's socket (`systemd/mcp-telegram.socket`).
pub const SYSTEM_SOCKET: &str = "/run/mcp-telegram/daemon.sock";

/// Longest socket path `sockaddr_un` holds (108 bytes including the terminating NUL).
const MAX_SOCKET_PATH: usize = 107;

/// Everything a mode needs to know; built once in `modes`.
#[derive(Clone)]
pub struct Config {
    /// Files this session owns.
    pub paths: Paths,
    /// `TELEGRAM_API_ID` (needed for a real account; the sandbox accepts any).
    pub api_id: Option<i32>,
    /// `TELEGRAM_API_HASH`; a secret, never printed.
    pub api_hash: Option<String>,
    /// Run against an in-process sandbox instead of Telegram.
    pub sandbox: bool,
    /// Deadline of one Telegram call.
    pub call_timeout: Duration,
    /// Sockets of service daemons a window tries when it configured nothing (see the module
    /// docs), per-user service first; empty otherwise.
    pub service_sockets: Vec<ServiceSocket>,
    /// Whether a client insists that its owner serves `paths.session`. False when only
    /// `MCP_TELEGRAM_SOCKET` names the owner: the user chose that socket, whatever it serves.
    pub pin_session: bool,
    /// How often the owner verifies a healthy connection with an MTProto ping (30 s; a
    /// systemd watchdog shortens it).
    pub ping_every: Duration,
    /// The window's scope settings (`MCP_TELEGRAM_TOOLS` and the rest, see the module docs), as
    /// set: sent to the owner in the IPC hello.
    pub scope: std::collections::BTreeMap<String, String>,
    /// What media tools may read and write (owners only).
    pub files: crate::files::Files,
    /// The access policy an owner applies (`MCP_TELEGRAM_POLICY`, else the default path if that
    /// file exists).
    pub policy: Option<PathBuf>,
}

/// Where an owner looks for its access policy when `MCP_TELEGRAM_POLICY` is unset.
pub const POLICY_PATH: &str = "/etc/mcp-telegram/policy.toml";

/// A service daemon's socket found by discovery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceSocket {
    pub path: PathBuf,
    /// The packaged system service (serves its own account, not the user's).
    pub system: bool,
}

/// The session file and the owner's meeting points beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    /// The session file (grammers SQLite format), mode 0600.
    pub session: PathBuf,
    /// Where the owner listens and clients connect.
    pub socket: PathBuf,
    /// The owner lock (an `flock` on this file).
    pub lock: PathBuf,
}

impl Config {
    /// Reads the environment. `sandbox` comes from the `--sandbox` switch.
    pub fn from_env(sandbox: bool) -> anyhow::Result<Self> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let session = match (sandbox, var("TELEGRAM_SESSION_PATH")) {
            (false, Some(path)) => PathBuf::from(path),
            (false, None) => home()?.join(".mcp-telegram/session"),
            (true, _) => sandbox_dir().join("session"),
        };
        let session = absolute(&session)?;
        let socket = match var("MCP_TELEGRAM_SOCKET") {
            Some(path) if !sandbox => absolute(Path::new(&path))?,
            _ => with_suffix(&session, ".daemon.sock"),
        };
        let paths = Paths { lock: with_suffix(&session, ".daemon.lock"), socket, session };
        paths.check()?;
        let files = files_config(&var, &paths.session)?;
        let api_id = match var("TELEGRAM_API_ID") {
            Some(raw) => Some(raw.trim().parse().with_context(|| {
                format!("TELEGRAM_API_ID must be a number, got {raw:?}: copy it from my.telegram.org")
            })?),
            None => None,
        };
        let call_timeout =
            match var("MCP_TELEGRAM_CALL_TIMEOUT") {
                Some(raw) => Duration::from_secs(raw.trim().parse().with_context(|| {
                    format!("MCP_TELEGRAM_CALL_TIMEOUT must be whole seconds, got {raw:?}")
                })?),
                None => Duration::from_secs(30),
            };
        let api_hash = var("TELEGRAM_API_HASH");
        let (socket_set, session_set) =
            (var("MCP_TELEGRAM_SOCKET").is_some(), var("TELEGRAM_SESSION_PATH").is_some());
        let service_sockets = if sandbox || socket_set || session_set {
            Vec::new()
        } else {
            let user = var("XDG_RUNTIME_DIR").map(|dir| ServiceSocket {
                path: Path::new(&dir).join("mcp-telegram/daemon.sock"),
                system: false,
            });
            user.into_iter().chain([ServiceSocket { path: SYSTEM_SOCKET.into(), system: true }]).collect()
        };
        Ok(Self {
            paths,
            api_id,
            api_hash,
            sandbox,
            call_timeout,
            service_sockets,
            pin_session: sandbox || session_set || !socket_set,
            ping_every: Duration::from_secs(30),
            scope: crate::mcp::scope::VARIABLES
                .iter()
                .filter_map(|name| var(name).map(|v| ((*name).to_owned(), v)))
                .collect(),
            files,
            policy: match var("MCP_TELEGRAM_POLICY") {
                Some(path) => Some(absolute(Path::new(&path))?),
                None => Some(PathBuf::from(POLICY_PATH)).filter(|p| p.exists()),
            },
        })
    }

    /// For an owner: the api id and hash from systemd credentials (`telegram-api-id`,
    /// `telegram-api-hash`, via `LoadCredential=`) where the environment has none. Thin
    /// clients never need them, so they never look.
    pub fn with_credentials(mut self) -> anyhow::Result<Self> {
        if self.api_id.is_none()
            && let Some(raw) = crate::systemd::credential("telegram-api-id")
        {
            let id = raw.parse().with_context(|| {
                format!("the telegram-api-id credential must be a number, got {raw:?}: copy it from my.telegram.org")
            })?;
            self.api_id = Some(id);
        }
        if self.api_hash.is_none() {
            self.api_hash = crate::systemd::credential("telegram-api-hash");
        }
        Ok(self)
    }
}

impl Paths {
    /// Checks what can be checked before touching the file system.
    pub fn check(&self) -> anyhow::Result<()> {
        let len = self.socket.as_os_str().len();
        if len > MAX_SOCKET_PATH {
            bail!(
                "socket path {} is {len} bytes, longer than the {MAX_SOCKET_PATH} a Unix socket allows: \
                 set MCP_TELEGRAM_SOCKET to a shorter path",
                self.socket.display()
            );
        }
        Ok(())
    }

    /// Creates the session directory (0700) if needed and checks that it is usable.
    pub fn prepare_dir(&self) -> anyhow::Result<()> {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        let Some(dir) = self.session.parent() else { return Ok(()) };
        if !dir.exists() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .with_context(|| format!("failed to create session directory {}", dir.display()))?;
        }
        let meta = std::fs::metadata(dir).with_context(|| format!("failed to inspect {}", dir.display()))?;
        if !meta.is_dir() {
            bail!("{} is not a directory: point TELEGRAM_SESSION_PATH elsewhere", dir.display());
        }
        if meta.permissions().readonly() || !writable(dir) {
            bail!(
                "session directory {} is not writable by this user: fix its owner or permissions",
                dir.display()
            );
        }
        if self.session.exists() {
            let mode = std::fs::metadata(&self.session)
                .with_context(|| format!("failed to inspect {}", self.session.display()))?
                .permissions()
                .mode();
            if mode & 0o077 != 0 {
                bail!(
                    "session file {} is accessible by other users (mode {:o}): run `chmod 600 {}`",
                    self.session.display(),
                    mode & 0o777,
                    self.session.display()
                );
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("paths", &self.paths)
            .field("api_id", &self.api_id)
            .field("api_hash", &self.api_hash.as_ref().map(|_| "<redacted>"))
            .field("sandbox", &self.sandbox)
            .field("call_timeout", &self.call_timeout)
            .field("service_sockets", &self.service_sockets)
            .field("pin_session", &self.pin_session)
            .field("ping_every", &self.ping_every)
            .field("scope", &self.scope)
            .field("files", &self.files)
            .field("policy", &self.policy)
            .finish()
    }
}

/// The media directory and caps from the environment.
fn files_config(var: &dyn Fn(&str) -> Option<String>, session: &Path) -> anyhow::Result<crate::files::Files> {
    use crate::files::{DEFAULT_MAX_INLINE, DEFAULT_MAX_TRANSFER, parse_size};
    let size = |name: &str, default: u64| match var(name) {
        Some(raw) => {
            parse_size(&raw).with_context(|| format!("{name} must be a size such as 50M or 2G, got {raw:?}"))
        }
        None => Ok(default),
    };
    let root = match var("MCP_TELEGRAM_FILES_DIR") {
        Some(dir) => absolute(Path::new(&dir))?,
        None => session.parent().unwrap_or(Path::new("/")).join("files"),
    };
    Ok(crate::files::Files::new(
        root,
        size("MCP_TELEGRAM_MAX_UPLOAD", DEFAULT_MAX_TRANSFER)?,
        size("MCP_TELEGRAM_MAX_DOWNLOAD", DEFAULT_MAX_TRANSFER)?,
        // Base64 of the image must fit in one relayed MCP line (16 MiB).
        size("MCP_TELEGRAM_MAX_INLINE_IMAGE", DEFAULT_MAX_INLINE)?.min(8 << 20),
    ))
}

/// `path` + `suffix` on the file name (`/a/session` → `/a/session.daemon.sock`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn home() -> anyhow::Result<PathBuf> {
    match std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        Some(home) => Ok(PathBuf::from(home)),
        None => bail!("HOME is not set: set TELEGRAM_SESSION_PATH to an absolute path"),
    }
}

fn sandbox_dir() -> PathBuf {
    match home() {
        Ok(home) => home.join(".mcp-telegram/sandbox"),
        Err(_) => std::env::temp_dir().join(format!("mcp-telegram-sandbox-{}", uid())),
    }
}

fn uid() -> u32 {
    std::fs::metadata("/proc/self").map_or(0, |m| m.uid())
}

fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    std::path::absolute(path).with_context(|| format!("failed to resolve path {}", path.display()))
}

/// Whether this process may create files in `dir` (checked by trying, the only reliable way).
fn writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".mcp-telegram-probe-{}", std::process::id()));
    let ok = std::fs::File::create(&probe).is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_and_socket_follow_the_session_file() {
        let a = Paths {
            session: "/x/a".into(),
            socket: with_suffix(Path::new("/x/a"), ".daemon.sock"),
            lock: with_suffix(Path::new("/x/a"), ".daemon.lock"),
        };
        assert_eq!(a.socket, PathBuf::from("/x/a.daemon.sock"));
        assert_eq!(a.lock, PathBuf::from("/x/a.daemon.lock"));
        a.check().unwrap();
    }

    #[test]
    fn over_long_socket_paths_are_refused_with_a_hint() {
        let long = format!("/{}", "d".repeat(120));
        let paths = Paths { session: "/s".into(), socket: long.into(), lock: "/l".into() };
        let err = paths.check().unwrap_err().to_string();
        assert!(err.contains("MCP_TELEGRAM_SOCKET"), "{err}");
    }

    #[test]
    fn api_hash_is_redacted_in_debug() {
        let cfg = Config {
            paths: Paths { session: "/s".into(), socket: "/k".into(), lock: "/l".into() },
            api_id: Some(1),
            api_hash: Some("deadbeefcafe".into()),
            sandbox: false,
            call_timeout: Duration::from_secs(1),
            service_sockets: Vec::new(),
            pin_session: true,
            ping_every: Duration::from_secs(30),
            scope: Default::default(),
            files: crate::files::Files::new("/f".into(), 1, 1, 1),
            policy: None,
        };
        assert!(!format!("{cfg:?}").contains("deadbeef"));
    }
}
