//! Misconfiguration gives one clear line on stderr and a failing exit, before anything runs.

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

use crate::window::bin;

/// Runs a window with `env` and returns (success, stderr).
fn window_with(env: &[(&str, &str)]) -> (bool, String) {
    let mut command = Command::new(bin());
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", "/nonexistent-home");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).output().unwrap();
    assert!(out.stdout.is_empty(), "nothing but MCP on stdout");
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn an_over_long_socket_path_names_the_fix() {
    let long = format!("/tmp/{}/s.sock", "x".repeat(120));
    let (ok, err) = window_with(&[("TELEGRAM_SESSION_PATH", "/tmp/s"), ("MCP_TELEGRAM_SOCKET", &long)]);
    assert!(!ok);
    assert!(err.contains("longer than the 107") && err.contains("MCP_TELEGRAM_SOCKET"), "{err}");
}

#[test]
fn a_session_file_readable_by_others_is_refused_with_the_chmod() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session");
    std::fs::write(&session, b"").unwrap();
    std::fs::set_permissions(&session, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (ok, err) = window_with(&[("TELEGRAM_SESSION_PATH", session.to_str().unwrap())]);
    assert!(!ok);
    assert!(err.contains("chmod 600"), "{err}");
}

#[test]
fn a_session_directory_that_is_a_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, b"x").unwrap();
    let session = file.join("session");
    let (ok, err) = window_with(&[("TELEGRAM_SESSION_PATH", session.to_str().unwrap())]);
    assert!(!ok);
    assert!(err.contains("failed to create session directory") || err.contains("not a directory"), "{err}");
}

#[test]
fn a_non_numeric_api_id_is_explained() {
    let (ok, err) = window_with(&[("TELEGRAM_SESSION_PATH", "/tmp/s"), ("TELEGRAM_API_ID", "abc")]);
    assert!(!ok);
    assert!(err.contains("TELEGRAM_API_ID must be a number"), "{err}");
}

#[test]
fn a_new_session_directory_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("fresh/session");
    // stdin is empty: the window becomes the owner (not logged in), then exits on EOF.
    let (ok, err) =
        window_with(&[("TELEGRAM_SESSION_PATH", session.to_str().unwrap()), ("TELEGRAM_API_ID", "1")]);
    assert!(ok, "{err}");
    let mode = std::fs::metadata(dir.path().join("fresh")).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    let mode = std::fs::metadata(&session).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
