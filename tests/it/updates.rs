//! New messages without polling, through the real binary: a message injected through the
//! sandbox reaches windows subscribed to its chat (raw windows and the official Python SDK),
//! nothing is lost across a kicked connection, the wait tool returns on arrival and on
//! timeout, and the cursor tools see the same events.

use std::path::Path;
use std::process::Stdio;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::python_clients::venv_python;
use crate::window::{ANSWER, SandboxProc, Window, bin, listening, socket_of};

const BORIS: i64 = 7_000_002;

async fn daemon(dir: &Path) -> (SandboxProc, Window) {
    let sandbox = SandboxProc::start(&dir.join("session")).await;
    let daemon = Window::spawn_with(&sandbox.session, &["serve"], &[]);
    listening(&socket_of(&sandbox.session)).await;
    (sandbox, daemon)
}

async fn window(session: &Path) -> Window {
    let mut w = Window::spawn_with(session, &[], &[("MCP_TELEGRAM_TOOLS", "all")]);
    w.initialize().await;
    w
}

fn uri(chat: i64) -> String {
    format!("telegram://chat/{chat}")
}

async fn subscribe(w: &mut Window, chat: i64) {
    let answer = w.request("resources/subscribe", json!({"uri": uri(chat)})).await;
    assert!(answer.get("error").is_none(), "{answer}");
}

/// Reads until a `notifications/resources/updated` for `chat` arrives (bounded).
async fn updated(w: &mut Window, chat: i64) {
    loop {
        let line = w.read().await;
        if line["method"] == "notifications/resources/updated" && line["params"]["uri"] == uri(chat) {
            return;
        }
    }
}

async fn inject(sandbox: &SandboxProc, text: &str) -> i64 {
    let answer = sandbox.control(json!({"op": "inject", "chat": BORIS, "from": BORIS, "text": text})).await;
    assert_eq!(answer["ok"], true, "{answer}");
    answer["id"].as_i64().unwrap()
}

#[tokio::test]
async fn an_injected_message_reaches_every_subscribed_window() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, _daemon) = daemon(dir.path()).await;
    let (mut a, mut b) = (window(&sandbox.session).await, window(&sandbox.session).await);
    let listed = a.request("resources/list", json!({})).await;
    let uris: Vec<&str> =
        listed["result"]["resources"].as_array().unwrap().iter().filter_map(|r| r["uri"].as_str()).collect();
    assert!(uris.contains(&uri(BORIS).as_str()), "{listed}");
    subscribe(&mut a, BORIS).await;
    subscribe(&mut b, BORIS).await;
    inject(&sandbox, "пришло без опроса").await;
    updated(&mut a, BORIS).await;
    updated(&mut b, BORIS).await;
    let read = a.request("resources/read", json!({"uri": uri(BORIS)})).await;
    let text = read["result"]["contents"][0]["text"].as_str().unwrap();
    assert!(text.contains("пришло без опроса"), "{read}");
    // Edits and deletions are changes too.
    let id = inject(&sandbox, "to be edited").await;
    updated(&mut a, BORIS).await;
    sandbox.control(json!({"op": "inject-edit", "chat": BORIS, "id": id, "text": "edited"})).await;
    updated(&mut a, BORIS).await;
    sandbox.control(json!({"op": "inject-delete", "chat": BORIS, "ids": [id]})).await;
    updated(&mut a, BORIS).await;
    // After unsubscribing, the window hears no more about the chat.
    let answer = a.request("resources/unsubscribe", json!({"uri": uri(BORIS)})).await;
    assert!(answer.get("error").is_none(), "{answer}");
    inject(&sandbox, "after unsubscribe").await;
    updated(&mut b, BORIS).await;
    let status = a.call_ok("telegram-status", json!({})).await;
    assert_eq!(status["state"], "connected");
}

#[tokio::test]
async fn the_python_sdk_is_told_when_a_subscribed_chat_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, _daemon) = daemon(dir.path()).await;
    let python = venv_python().await;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/subscribe.py");
    let mut child = tokio::process::Command::new(python)
        .arg(script)
        .args([&uri(BORIS), "--", bin()])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", dir.path())
        .env("TELEGRAM_SESSION_PATH", &sandbox.session)
        .env("TELEGRAM_API_ID", "12345")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let ready = tokio::time::timeout(ANSWER, lines.next_line()).await.unwrap().unwrap();
    assert_eq!(ready.as_deref(), Some("ready"));
    inject(&sandbox, "hello from Boris").await;
    let report = tokio::time::timeout(ANSWER, lines.next_line()).await.unwrap().unwrap().unwrap();
    let report: Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["notified"][0], uri(BORIS), "{report}");
    assert_eq!(report["subscribe"], true, "{report}");
    assert!(report["text"].as_str().unwrap().contains("hello from Boris"), "{report}");
    assert!(tokio::time::timeout(ANSWER, child.wait()).await.unwrap().unwrap().success());
}

#[tokio::test]
async fn the_wait_tool_returns_on_arrival_and_on_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, _daemon) = daemon(dir.path()).await;
    let mut w = window(&sandbox.session).await;
    let quiet = w.call_ok("telegram-wait-for-messages", json!({"chatId": "@boris_p", "timeout": 1})).await;
    assert_eq!(quiet, json!({"messages": [], "timedOut": true}));
    // A wait in flight, and messages injected until it answers (it listens from its start).
    let call = json!({"jsonrpc": "2.0", "id": 777, "method": "tools/call",
        "params": {"name": "telegram-wait-for-messages", "arguments": {"chatId": "@boris_p", "timeout": 20}}});
    w.send_raw(format!("{call}\n").as_bytes()).await;
    let mut sent = Vec::new();
    let answer = loop {
        sent.push(inject(&sandbox, &format!("ping {}", sent.len())).await);
        let next = tokio::time::timeout(std::time::Duration::from_millis(500), w.read()).await;
        if let Ok(line) = next
            && line["id"] == 777
        {
            break line;
        }
        assert!(sent.len() < 30, "the wait never answered");
    };
    let got = &answer["result"]["structuredContent"];
    assert_eq!(got["timedOut"], false, "{answer}");
    let ids: Vec<i64> =
        got["messages"].as_array().unwrap().iter().map(|m| m["id"].as_i64().unwrap()).collect();
    assert!(!ids.is_empty() && ids.iter().all(|id| sent.contains(id)), "{ids:?} of {sent:?}");
    assert!(got["messages"].as_array().unwrap().iter().all(|m| m["chatId"] == BORIS));
}

#[tokio::test]
async fn a_kick_between_two_messages_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, _daemon) = daemon(dir.path()).await;
    let (mut w, mut watcher) = (window(&sandbox.session).await, window(&sandbox.session).await);
    subscribe(&mut watcher, BORIS).await;
    let first = inject(&sandbox, "before the kick").await;
    updated(&mut watcher, BORIS).await;
    sandbox.control(json!({"op": "kick"})).await;
    // Injected while no connection is live: only getDifference can bring it.
    let second = inject(&sandbox, "during the kick").await;
    let got = w.call_ok("telegram-wait-for-messages", json!({"chatId": BORIS, "timeout": 20})).await;
    let ids: Vec<i64> =
        got["messages"].as_array().unwrap().iter().map(|m| m["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![second], "the message sent during the kick arrives: {got}");
    // The subscribed window hears of it too.
    updated(&mut watcher, BORIS).await;
    let calls = sandbox.calls().await;
    assert!(calls.iter().any(|c| c["method"] == "updates.getDifference"), "recovered by getDifference");
    // And the cursor tools agree: from before the first message, both are new.
    let state = w.call_ok("telegram-get-state", json!({})).await;
    let pts = state["pts"].as_i64().unwrap();
    let diff =
        w.call_ok("telegram-get-updates", json!({"pts": pts - 2, "qts": 0, "date": state["date"]})).await;
    let new: Vec<i64> =
        diff["newMessages"].as_array().unwrap().iter().map(|m| m["id"].as_i64().unwrap()).collect();
    assert_eq!(new, vec![first, second], "{diff}");
    let empty = w.call_ok("telegram-get-updates", json!({"pts": pts, "qts": 0, "date": state["date"]})).await;
    assert_eq!(empty["newMessages"], json!([]), "{empty}");
    assert_eq!(empty["isFinal"], true);
}
