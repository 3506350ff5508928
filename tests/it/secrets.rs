//! No secret ever reaches a log: the api hash and the session's auth key stay out of
//! everything the daemon, a master and a client write, even at the most verbose level.

use std::process::Stdio;

use serde_json::json;

use crate::window::{ANSWER, SandboxProc, Window, bin, listening, signal, socket_of};

const API_HASH: &str = "5ec12e7a91b0c4d8e6f2a3b5c7d9e1f0";

/// Ways a key could be spelled in a log line: hex (either case) and Rust's byte-list `Debug`.
fn spellings(key: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for window in [&key[..16], &key[100..116], &key[240..256]] {
        let hex: String = window.iter().map(|b| format!("{b:02x}")).collect();
        out.push(hex.to_uppercase());
        out.push(hex);
        let list: Vec<String> = window[..8].iter().map(u8::to_string).collect();
        out.push(list.join(", "));
    }
    out
}

#[tokio::test]
async fn no_secret_reaches_any_log_even_at_trace_level() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session");
    let sandbox = SandboxProc::start(&session).await;
    let key = mcp_telegram::sandbox::read_sandbox_key(&session).await.unwrap().unwrap().to_bytes();
    let daemon_log = dir.path().join("daemon.log");
    let mut daemon = tokio::process::Command::new(bin())
        .arg("serve")
        .env_clear()
        .env("HOME", dir.path())
        .env("TELEGRAM_SESSION_PATH", &session)
        .env("TELEGRAM_API_ID", "12345")
        .env("TELEGRAM_API_HASH", API_HASH)
        .env("RUST_LOG", "trace")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&daemon_log).unwrap())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    listening(&socket_of(&session)).await;

    // A window logging at trace level too, doing what users do.
    let client_log = dir.path().join("client.log");
    let mut command = tokio::process::Command::new(bin());
    command
        .env_clear()
        .env("HOME", dir.path())
        .env("TELEGRAM_SESSION_PATH", &session)
        .env("TELEGRAM_API_HASH", API_HASH)
        .env("RUST_LOG", "trace")
        .stderr(std::fs::File::create(&client_log).unwrap());
    let mut w = Window::from_command(command);
    w.initialize().await;
    w.call_ok("telegram-status", json!({})).await;
    w.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 5})).await;
    w.call_ok("telegram-send-message", json!({"chatId": "me", "text": "secret-free?"})).await;
    let flood = json!({"op": "flood", "method": "messages.sendMessage", "seconds": 7, "times": 1});
    sandbox.control(flood).await;
    w.call("telegram-send-message", json!({"chatId": "me", "text": "again"})).await;
    w.close().await;
    signal(daemon.id().unwrap(), "-TERM");
    tokio::time::timeout(ANSWER, daemon.wait()).await.unwrap().unwrap();

    let daemon = std::fs::read_to_string(&daemon_log).unwrap();
    assert!(
        daemon.contains("TRACE") && daemon.contains("telegram-status ok in"),
        "the daemon logged at trace level"
    );
    let client = std::fs::read_to_string(&client_log).unwrap();
    assert!(client.contains("attached to the owner"), "the client logged too: {client}");
    for (name, logs) in [("daemon", &daemon), ("client", &client)] {
        assert!(!logs.contains(API_HASH), "the api hash leaked into the {name} log");
        for spelling in spellings(&key) {
            assert!(!logs.contains(&spelling), "the auth key leaked into the {name} log as {spelling:?}");
        }
    }
}
