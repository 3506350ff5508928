//! Roles of the built binary: one owner per session file, thin clients, failover, daemon.

use serde_json::json;

use crate::window::{SandboxProc, Window, signal};

async fn read_boris(w: &mut Window) {
    let page = w.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 3})).await;
    assert_eq!(page["messages"].as_array().unwrap().len(), 3, "{page}");
}

/// Five windows at once against a sandbox that rejects duplicate keys.
async fn five_windows(sandbox: &SandboxProc) -> (Vec<Window>, u64) {
    sandbox.control(json!({"op": "policy", "policy": "reject-newcomer"})).await;
    let mut windows: Vec<Window> = (0..5).map(|_| Window::spawn(&sandbox.session)).collect();
    for w in &mut windows {
        let answer = w.initialize().await;
        assert_eq!(answer["result"]["serverInfo"]["name"], "mcp-telegram", "{answer}");
    }
    let mut owners = Vec::new();
    for w in &mut windows {
        owners.push(w.owner_pid().await);
        read_boris(w).await;
    }
    let owner = owners[0];
    assert!(owners.iter().all(|o| *o == owner), "one owner for all: {owners:?}");
    let pids: Vec<u64> = windows.iter().map(|w| u64::from(w.pid())).collect();
    assert_eq!(pids.iter().filter(|p| **p == owner).count(), 1, "the owner is one of the windows");
    (windows, owner)
}

#[tokio::test]
async fn five_windows_share_one_owner_and_survive_its_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let (mut windows, owner) = five_windows(&sandbox).await;
    assert_eq!(sandbox.max_live().await, 1, "one MTProto connection for five windows");

    let master = windows.iter().position(|w| u64::from(w.pid()) == owner).unwrap();
    let mut killed = windows.remove(master);
    signal(killed.pid(), "-KILL");
    let _ = killed.child.wait().await;

    let mut new_owners = Vec::new();
    for w in &mut windows {
        // No re-initialize: the relay restores the MCP session on the new owner.
        read_boris(w).await;
        new_owners.push(w.owner_pid().await);
    }
    let new_owner = new_owners[0];
    assert!(new_owners.iter().all(|o| *o == new_owner), "{new_owners:?}");
    assert_ne!(new_owner, owner);
    assert!(windows.iter().any(|w| u64::from(w.pid()) == new_owner), "a survivor was promoted");
    assert_eq!(sandbox.max_live().await, 1, "never two live connections on the key");
    for w in windows {
        assert!(w.close().await.success(), "clean exit on stdin EOF");
    }
}

#[tokio::test]
async fn two_session_files_in_one_directory_get_two_owners() {
    let dir = tempfile::tempdir().unwrap();
    let a = SandboxProc::start(&dir.path().join("a")).await;
    let b = SandboxProc::start(&dir.path().join("b")).await;
    let mut wa = Window::spawn(&a.session);
    wa.initialize().await;
    let mut wb = Window::spawn(&b.session);
    wb.initialize().await;
    let (oa, ob) = (wa.owner_pid().await, wb.owner_pid().await);
    assert_eq!(oa, u64::from(wa.pid()));
    assert_eq!(ob, u64::from(wb.pid()));
    let mut wa2 = Window::spawn(&a.session);
    wa2.initialize().await;
    assert_eq!(wa2.owner_pid().await, oa, "a second window of session a attaches to a's owner");
    let status = wa2.call_ok("telegram-status", json!({})).await;
    assert_eq!(status["session"], a.session.display().to_string());
}

#[tokio::test]
async fn daemon_serves_windows_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut daemon = Window::spawn_with(&sandbox.session, &["serve"], &[]);
    wait_for_socket(&crate::window::socket_of(&sandbox.session)).await;
    let mut w = Window::spawn(&sandbox.session);
    w.initialize().await;
    assert_eq!(w.owner_pid().await, u64::from(daemon.pid()));
    read_boris(&mut w).await;
    let again = Window::spawn_with(&sandbox.session, &["serve"], &[]).close().await;
    assert!(!again.success(), "a second daemon refuses to start");

    signal(daemon.pid(), "-TERM");
    let status = tokio::time::timeout(crate::window::ANSWER, daemon.child.wait()).await.unwrap().unwrap();
    assert!(status.success(), "clean exit on SIGTERM: {status}");
    // The window carries on: it becomes the owner itself.
    read_boris(&mut w).await;
    assert_eq!(w.owner_pid().await, u64::from(w.pid()));
}

#[tokio::test]
async fn sandbox_switch_gives_a_complete_try_out() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let fake_session = home.join("unused");
    let env = [("HOME", home.to_str().unwrap())];
    let mut first = Window::spawn_with(&fake_session, &["--sandbox"], &env);
    first.initialize().await;
    let status = first.call_ok("telegram-status", json!({})).await;
    assert_eq!(status["sandbox"], true);
    assert!(status["session"].as_str().unwrap().starts_with(home.to_str().unwrap()));
    let mut second = Window::spawn_with(&fake_session, &["--sandbox"], &env);
    second.initialize().await;
    assert_eq!(second.owner_pid().await, u64::from(first.pid()), "sandbox windows share one owner too");
    let sent = second
        .call_ok("telegram-send-message", json!({"chatId": "me", "text": "from the second window"}))
        .await;
    let id = sent["message"]["id"].as_i64().unwrap();
    let page = first.call_ok("telegram-read-messages", json!({"chatId": "me", "limit": 1})).await;
    assert_eq!(page["messages"][0]["id"].as_i64(), Some(id));
}

async fn wait_for_socket(path: &std::path::Path) {
    let ready = tokio::time::timeout(crate::window::ANSWER, async {
        while tokio::net::UnixStream::connect(path).await.is_err() {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    });
    ready.await.expect("the daemon listens");
}
