//! The peer cache beside the session (`<session>.peers`): an owner started after another one
//! exited resolves chats by id, by name and `me` from it without scanning the dialogs, and a
//! logout removes it.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

use crate::window::{ANSWER, SandboxProc, Window, command};

fn peers_of(session: &Path) -> PathBuf {
    mcp_telegram::config::with_suffix(session, ".peers")
}

/// Waits (bounded) until the cache file holds a dialog list and every peer in `ids`.
async fn saved(session: &Path, ids: &[i64]) -> Value {
    let path = peers_of(session);
    let written = tokio::time::timeout(ANSWER, async {
        loop {
            let file = std::fs::read(&path).ok().and_then(|b| serde_json::from_slice::<Value>(&b).ok());
            if let Some(file) = file {
                let peers = file["peers"].as_array().cloned().unwrap_or_default();
                let has = |id: &i64| peers.iter().any(|p| p["id"] == json!(id));
                if file["dialogs"].is_array() && ids.iter().all(has) {
                    return file;
                }
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });
    written.await.expect("the peer cache file is written")
}

/// Reads a chat's latest message and returns the chat's id as the answer names it.
async fn read(w: &mut Window, chat: Value) -> i64 {
    let page = w.call_ok("telegram-read-messages", json!({"chatId": chat, "limit": 1})).await;
    assert!(page["messages"].is_array(), "{chat}: {page}");
    page["chat"]["id"].as_i64().unwrap_or_else(|| panic!("{chat}: {page}"))
}

/// The ids of the seeded world's hiking group and news channel, from `telegram-list-chats`.
async fn hike_and_news(w: &mut Window) -> (i64, i64) {
    let chats = w.call_ok("telegram-list-chats", json!({})).await;
    let id_of = |fragment: &str| {
        let chat = chats["chats"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["title"].as_str().unwrap().contains(fragment));
        chat.unwrap_or_else(|| panic!("no {fragment} in {chats}"))["id"].as_i64().unwrap()
    };
    (id_of("Hike"), id_of("Sandbox News"))
}

#[tokio::test]
async fn a_new_owner_resolves_ids_names_and_me_without_a_dialog_scan() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn(&sandbox.session);
    w.initialize().await;
    let (hike, news) = hike_and_news(&mut w).await;
    assert_eq!(read(&mut w, json!(news.to_string())).await, news);
    assert_eq!(read(&mut w, json!("weekend hike")).await, hike);
    let me = read(&mut w, json!("me")).await;
    let file = saved(&sandbox.session, &[hike, news, me]).await;
    assert_eq!(file["version"], 1, "{file}");
    assert!(w.close().await.success(), "the window (the owner) exits on stdin EOF");
    let meta = std::fs::metadata(peers_of(&sandbox.session)).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600, "the file holds access hashes");

    sandbox.control(json!({"op": "clear-calls"})).await;
    let mut w = Window::spawn(&sandbox.session);
    w.initialize().await;
    assert_eq!(read(&mut w, json!(hike.to_string())).await, hike);
    assert_eq!(read(&mut w, json!(news.to_string())).await, news);
    assert_eq!(read(&mut w, json!("hike")).await, hike);
    assert_eq!(read(&mut w, json!("me")).await, me);
    let calls = sandbox.calls().await;
    let methods: Vec<&str> = calls.iter().filter_map(|c| c["method"].as_str()).collect();
    assert!(methods.contains(&"messages.getHistory"), "the new owner did call Telegram: {methods:?}");
    assert!(!methods.contains(&"messages.getDialogs"), "no dialog scan after the restart: {methods:?}");

    // A name the old list finds twice is checked against a fresh scan, then still ambiguous.
    let both = w.call("telegram-read-messages", json!({"chatId": "sandbox", "limit": 1})).await;
    assert_eq!(both["isError"], true, "{both}");
    let text = both["content"][0]["text"].as_str().unwrap();
    assert!(text.contains("Sandbox News") && text.contains("Sandbox Helper"), "{text}");
    let calls = sandbox.calls().await;
    assert!(calls.iter().any(|c| c["method"] == "messages.getDialogs"), "an ambiguous stale match rescans");
    assert!(w.close().await.success());
    // Every write replaces the file (a new inode): the new owner learned nothing new.
    let after = std::fs::metadata(peers_of(&sandbox.session)).unwrap();
    assert_eq!(after.ino(), meta.ino(), "an unchanged cache is not written again");
}

#[tokio::test]
async fn logout_removes_the_peer_cache() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn(&sandbox.session);
    w.initialize().await;
    let (hike, _) = hike_and_news(&mut w).await;
    assert_eq!(read(&mut w, json!("hike")).await, hike);
    saved(&sandbox.session, &[hike]).await;

    // `logout` is carried out by this window's owner.
    let out = command(&sandbox.session, &["logout"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!peers_of(&sandbox.session).exists(), "the logout removed the peer cache");
    let after = w.call("telegram-read-messages", json!({"chatId": hike.to_string(), "limit": 1})).await;
    assert_eq!(after["isError"], true, "no chat resolves from a forgotten cache: {after}");
    assert!(!peers_of(&sandbox.session).exists(), "and nothing wrote it again");
    assert!(w.close().await.success());
}
