//! The owner's connection care, seen from an MCP window: dropped connections are hidden,
//! stalls are detected and rebuilt, cancelled calls stop, sends are never doubled.

use std::time::Duration;

use serde_json::{Value, json};

use crate::window::{ANSWER, SandboxProc, Window};

/// Polls `telegram-status` until the owner reports `state` (bounded).
async fn until_state(w: &mut Window, state: &str) {
    let waited = tokio::time::timeout(ANSWER, async {
        while w.call_ok("telegram-status", json!({})).await["state"] != state {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    waited.await.unwrap_or_else(|_| panic!("the owner never reported {state}"));
}

#[tokio::test]
async fn a_kicked_connection_is_invisible_to_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn(&sandbox.session);
    w.initialize().await;
    w.call_ok("telegram-read-messages", json!({"chatId": "@carol_w", "limit": 1})).await;
    for _ in 0..3 {
        sandbox.control(json!({"op": "kick"})).await;
        w.call_ok("telegram-read-messages", json!({"chatId": "@carol_w", "limit": 1})).await;
    }
}

#[tokio::test]
async fn a_send_cut_off_by_a_drop_is_delivered_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn(&sandbox.session);
    w.initialize().await;
    w.call_ok("telegram-status", json!({})).await;
    w.call_ok("telegram-read-messages", json!({"chatId": "@carol_w", "limit": 1})).await;
    sandbox.control(json!({"op": "delay", "method": "messages.sendMessage", "ms": 300})).await;
    let send = json!({"jsonrpc": "2.0", "id": 77, "method": "tools/call",
        "params": {"name": "telegram-send-message", "arguments": {"chatId": "@carol_w", "text": "exactly once"}}});
    w.send_raw(format!("{send}\n").as_bytes()).await;
    sandbox.until_calls(|c| c.iter().any(|c| c["method"] == "messages.sendMessage")).await;
    sandbox.control(json!({"op": "kick"})).await;
    sandbox.control(json!({"op": "delay", "method": "messages.sendMessage", "ms": 0})).await;
    let answer = w.read().await;
    assert_eq!(answer["id"], 77);
    assert_eq!(answer["result"]["isError"], false, "{answer}");
    let page = w.call_ok("telegram-read-messages", json!({"chatId": "@carol_w", "limit": 5})).await;
    let copies = page["messages"].as_array().unwrap().iter().filter(|m| m["text"] == "exactly once").count();
    assert_eq!(copies, 1, "{page}");
    let sends: Vec<Value> =
        sandbox.calls().await.into_iter().filter(|c| c["method"] == "messages.sendMessage").collect();
    let first = &sends[0]["random_ids"];
    assert!(sends.iter().all(|s| &s["random_ids"] == first), "every attempt reused the random_id: {sends:?}");
}

#[tokio::test]
async fn a_stalled_server_is_detected_and_the_connection_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn_with(&sandbox.session, &[], &[("MCP_TELEGRAM_CALL_TIMEOUT", "1")]);
    w.initialize().await;
    w.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 1})).await;
    sandbox.control(json!({"op": "stall", "on": true})).await;
    let stuck = w.call("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 1})).await;
    assert_eq!(stuck["isError"], true);
    let text = stuck["content"][0]["text"].as_str().unwrap();
    assert!(text.contains("did not answer within 1 s"), "{text}");
    // The supervisor's ping times out too: the owner reports it is reconnecting.
    until_state(&mut w, "reconnecting").await;
    let fast = w.call("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 1})).await;
    let text = fast["content"][0]["text"].as_str().unwrap().to_owned();
    assert!(text.contains("reconnecting") || text.contains("did not answer"), "{text}");
    sandbox.control(json!({"op": "stall", "on": false})).await;
    until_state(&mut w, "connected").await;
    w.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 1})).await;
}

#[tokio::test]
async fn a_cancelled_call_gets_no_answer_and_the_window_carries_on() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn(&sandbox.session);
    w.initialize().await;
    w.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 1})).await;
    sandbox.control(json!({"op": "delay", "method": "messages.getHistory", "ms": 500})).await;
    let slow = json!({"jsonrpc": "2.0", "id": 500, "method": "tools/call",
        "params": {"name": "telegram-read-messages", "arguments": {"chatId": "@boris_p", "limit": 1}}});
    w.send_raw(format!("{slow}\n").as_bytes()).await;
    sandbox.until_calls(|c| c.iter().filter(|c| c["method"] == "messages.getHistory").count() == 2).await;
    let cancel = json!({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 500, "reason": "test"}});
    w.send_raw(format!("{cancel}\n").as_bytes()).await;
    // Wait until the delayed RPC has been answered by the sandbox, then make one more call:
    // every line before its answer is checked, and none may answer the cancelled id.
    sandbox
        .until_calls(|c| {
            c.iter().filter(|c| c["method"] == "messages.getHistory" && c["outcome"] == "ok").count() == 2
        })
        .await;
    sandbox.control(json!({"op": "delay", "method": "messages.getHistory", "ms": 0})).await;
    let probe = json!({"jsonrpc": "2.0", "id": 501, "method": "tools/call", "params": {"name": "telegram-status", "arguments": {}}});
    w.send_raw(format!("{probe}\n").as_bytes()).await;
    loop {
        let line = w.read().await;
        assert_ne!(line["id"], 500, "a cancelled call was answered: {line}");
        if line["id"] == 501 {
            break;
        }
    }
}

#[tokio::test]
async fn parse_mode_sends_formatting_not_markup() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn(&sandbox.session);
    w.initialize().await;
    for (mode, text) in [("md", "**bold** and _italic_"), ("html", "<b>bold</b> and <i>italic</i>")] {
        let sent = w
            .call_ok("telegram-send-message", json!({"chatId": "me", "text": text, "parseMode": mode}))
            .await;
        assert_eq!(sent["message"]["text"], "bold and italic", "{mode}: {sent}");
        let page = w.call_ok("telegram-read-messages", json!({"chatId": "me", "limit": 1})).await;
        assert_eq!(page["messages"][0]["text"], "bold and italic", "{mode}: {page}");
    }
    let plain = w.call_ok("telegram-send-message", json!({"chatId": "me", "text": "**as is**"})).await;
    assert_eq!(plain["message"]["text"], "**as is**");
    let bad = w.call("telegram-send-message", json!({"chatId": "me", "text": "x", "parseMode": "rtf"})).await;
    assert_eq!(bad["isError"], true);
    assert!(bad["content"][0]["text"].as_str().unwrap().contains("parseMode"), "{bad}");
}
