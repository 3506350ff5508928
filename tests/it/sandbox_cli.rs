//! `mcp-telegram sandbox` driven from outside, as a user's shell would.

use std::sync::Arc;

use grammers_client::session::storages::SqliteSession;
use grammers_client::{Client, SenderPool};
use tokio::io::AsyncReadExt;
use tokio::process::Child;

use crate::window::SandboxProc;

#[tokio::test]
async fn sandbox_command_writes_a_session_grammers_can_use() {
    let dir = tempfile::tempdir().unwrap();
    let session_path = dir.path().join("session");
    let mut running = SandboxProc::start(&session_path).await;
    let control_path = running.control.clone();
    assert_eq!(running.ready["session"], session_path.display().to_string());

    let session = Arc::new(SqliteSession::open(&session_path).await.unwrap());
    let pool = SenderPool::new(session, 1);
    let client = Client::new(pool.handle);
    let runner = tokio::spawn(pool.runner.run());
    let me = client.get_me().await.unwrap();
    assert_eq!(me.username(), Some("alice_sandbox"));

    let stats = running.control_raw(r#"{"op":"stats"}"#).await;
    assert_eq!(stats["ok"], true);
    assert_eq!(stats["keys"][0]["live"], 1);
    let calls = running.control_raw(r#"{"op":"calls"}"#).await;
    assert!(calls["calls"].as_array().unwrap().iter().any(|c| c["method"] == "users.getUsers"));
    let bad = running.control_raw(r#"{"op":"launch-rockets"}"#).await;
    assert_eq!(bad["ok"], false);
    assert_eq!(running.control_raw("not json").await["ok"], false);
    assert_eq!(running.control_raw(r#"{"op":"kick"}"#).await["ok"], true);
    runner.abort();

    send_sigterm(&running.child);
    let status = running.child.wait().await.unwrap();
    assert!(status.success(), "clean exit on SIGTERM: {status}");
    let mut rest = String::new();
    running.child.stdout.take().unwrap().read_to_string(&mut rest).await.unwrap();
    assert_eq!(rest, "", "nothing but the ready line on stdout");
    assert!(!control_path.exists(), "control socket removed on exit");

    // A second run reuses the session and its key.
    let again = SandboxProc::start(&session_path).await;
    assert_ne!(again.ready["listen"], serde_json::Value::Null);
}

#[tokio::test]
async fn sandbox_refuses_a_real_session_and_public_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real-session");
    let session = SqliteSession::open(&real).await.unwrap();
    grammers_client::session::SessionData::default().import_to(&session).await.unwrap();
    drop(session);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mcp-telegram"))
        .args(["sandbox", "--session"])
        .arg(&real)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("real Telegram session"), "{err}");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mcp-telegram"))
        .args(["sandbox", "--listen", "0.0.0.0:0", "--session"])
        .arg(dir.path().join("s"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("loopback"));
}

fn send_sigterm(child: &Child) {
    let pid = child.id().unwrap().to_string();
    let status = std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
}
