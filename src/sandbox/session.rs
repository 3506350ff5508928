//! Session files for the sandbox: grammers' SQLite session format (the one `mcp-telegram
//! login` writes) with every DC entry pointing at the sandbox and holding the shared key.
//! It refuses to touch a file that holds a real Telegram session, and never writes a
//! non-loopback address.

use std::collections::HashMap;
use std::net::{Ipv6Addr, SocketAddr, SocketAddrV6};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use anyhow::{Context, bail};
use grammers_session::{Session, SessionData, storages::SqliteSession, types::DcOption};

use super::crypto::AuthKey;

/// The DC ids written into sandbox sessions: all five, because grammers falls back to real
/// Telegram addresses for any id the session does not store.
pub const SANDBOX_DC_IDS: [i32; 5] = [1, 2, 3, 4, 5];

/// The sandbox's own DC id: the session's home DC, `this_dc` of the config and the `dc_id` of
/// every file it serves.
pub(crate) const HOME_DC: i32 = 2;

/// Session data whose every DC points at `addr` with `key`, home DC 2. For in-process
/// clients (`MemorySession::from`).
pub fn session_data(addr: SocketAddr, key: &AuthKey) -> anyhow::Result<SessionData> {
    let SocketAddr::V4(v4) = addr else { bail!("the sandbox address {addr} is not IPv4") };
    if !v4.ip().is_loopback() {
        bail!("refusing to point a session at {addr}: the sandbox only lives on loopback");
    }
    let v6 = SocketAddrV6::new(v4.ip().to_ipv6_mapped(), v4.port(), 0, 0);
    let dc_options: HashMap<i32, DcOption> = SANDBOX_DC_IDS
        .iter()
        .map(|&id| (id, DcOption { id, ipv4: v4, ipv6: v6, auth_key: Some(key.to_bytes()) }))
        .collect();
    Ok(SessionData { home_dc: HOME_DC, dc_options, ..SessionData::default() })
}

/// Writes (or updates) a sandbox session file at `path`, mode 0600, in a 0700 directory if it
/// has to create one. Fails if `path` holds a session of a real account.
pub async fn write_session(path: &Path, addr: SocketAddr, key: &AuthKey) -> anyhow::Result<()> {
    let data = session_data(addr, key)?;
    read_sandbox_key(path).await?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("failed to create directory {}", dir.display()))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("failed to restrict directory {}", dir.display()))?;
    }
    let session = SqliteSession::open(path)
        .await
        .with_context(|| format!("failed to open session file {}", path.display()))?;
    data.import_to(&session)
        .await
        .with_context(|| format!("failed to write session file {}", path.display()))?;
    drop(session);
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .with_context(|| format!("failed to restrict session file {}", path.display()))?;
    Ok(())
}

/// The key of an existing sandbox session at `path`: `None` if there is no file, an error if
/// the file is a real account's session (any DC not on loopback) or unreadable.
pub async fn read_sandbox_key(path: &Path) -> anyhow::Result<Option<AuthKey>> {
    if !path.exists() {
        return Ok(None);
    }
    let session = SqliteSession::open(path)
        .await
        .with_context(|| format!("failed to open session file {}", path.display()))?;
    let mut key = None;
    for id in SANDBOX_DC_IDS {
        let option = session
            .dc_option(id)
            .with_context(|| format!("failed to read session file {}", path.display()))?;
        let sandboxed = option.as_ref().is_some_and(|o| o.ipv4.ip().is_loopback() && is_loopback_v6(&o.ipv6));
        if !sandboxed {
            bail!(
                "{} holds a real Telegram session (DC {id} is not on loopback): choose another --session path",
                path.display()
            );
        }
        key = key.or(option.and_then(|o| o.auth_key).map(AuthKey::from_bytes));
    }
    Ok(key)
}

fn is_loopback_v6(addr: &SocketAddrV6) -> bool {
    addr.ip().is_loopback()
        || addr.ip().to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        || *addr.ip() == Ipv6Addr::UNSPECIFIED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn writes_a_loopback_only_session_and_reads_its_key_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/session");
        let key = AuthKey::generate();
        write_session(&path, "127.0.0.1:4444".parse().unwrap(), &key).await.unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dir_mode = std::fs::metadata(path.parent().unwrap()).unwrap().permissions().mode() & 0o777;
        assert_eq!(dir_mode, 0o700);
        assert_eq!(read_sandbox_key(&path).await.unwrap(), Some(key.clone()));
        let session = SqliteSession::open(&path).await.unwrap();
        for id in SANDBOX_DC_IDS {
            let option = session.dc_option(id).unwrap().unwrap();
            assert_eq!(option.ipv4, "127.0.0.1:4444".parse().unwrap());
            assert!(option.ipv6.ip().to_ipv4_mapped().unwrap().is_loopback());
        }
        assert_eq!(session.home_dc_id().unwrap(), 2);
    }

    #[tokio::test]
    async fn refuses_real_sessions_and_public_addresses() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("real");
        let real = SqliteSession::open(&path).await.unwrap();
        SessionData::default().import_to(&real).await.unwrap();
        drop(real);
        let err = read_sandbox_key(&path).await.unwrap_err().to_string();
        assert!(err.contains("real Telegram session"), "{err}");
        let key = AuthKey::generate();
        assert!(write_session(&path, "127.0.0.1:1".parse().unwrap(), &key).await.is_err());
        assert!(session_data("10.0.0.1:443".parse().unwrap(), &key).is_err());
    }
}
