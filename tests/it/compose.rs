//! The `compose` tools through the real binary against the sandbox: Messages beyond sending: scheduled messages, drafts, pins, typing, unread mentions, read participants and outbox read dates, discussion threads, saved dialogs, translation, web previews, spam reports and auto-delete timers.
//!
//! Every tool gets a valid call and a misuse (a clear error, nothing changed, the window still
//! answering); writes are checked by a following read. Reads live in `compose/reads.rs`.

mod reads;

use serde_json::{Value, json};

use crate::window::{SandboxProc, Window};

const BORIS: i64 = 7_000_002;
const HIKE: i64 = -4_100_001;

/// The text of a tool error.
pub(super) fn tool_error(result: &Value) -> String {
    assert_eq!(result["isError"], json!(true), "expected a tool error: {result}");
    result["content"][0]["text"].as_str().unwrap().to_owned()
}

/// A sandbox and a window with every tool.
pub(super) async fn start(dir: &tempfile::TempDir) -> (SandboxProc, Window) {
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn_with(&sandbox.session, &[], &[("MCP_TELEGRAM_TOOLS", "all")]);
    w.initialize().await;
    (sandbox, w)
}

pub(super) fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// How often the sandbox saw `method`.
pub(super) async fn count(sandbox: &SandboxProc, method: &str) -> usize {
    sandbox.calls().await.iter().filter(|c| c["method"] == method).count()
}

#[tokio::test]
async fn scheduled_messages_stay_out_of_history_until_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(&dir).await;
    let seeded = w.call_ok("telegram-get-scheduled", json!({"chatId": "me"})).await;
    assert_eq!(seeded["messages"].as_array().unwrap().len(), 1, "{seeded}");
    let nowhere = w.call("telegram-get-scheduled", json!({"chatId": "no such chat at all"})).await;
    assert!(tool_error(&nowhere).contains("not found"));

    let at = now() + 3600;
    let args = json!({"chatId": "@boris_p", "text": "**later**", "scheduleDate": at, "parseMode": "md"});
    let sent = w.call_ok("telegram-send-scheduled", args).await;
    let id = sent["message"]["id"].clone();
    assert_eq!(sent["message"]["date"], json!(at), "{sent}");
    assert_eq!(sent["message"]["text"], "later", "{sent}");
    let past = json!({"chatId": "@boris_p", "text": "too late", "scheduleDate": now() - 60});
    assert!(tool_error(&w.call("telegram-send-scheduled", past).await).contains("SCHEDULE_DATE_INVALID"));

    let queue = w.call_ok("telegram-get-scheduled", json!({"chatId": "@boris_p"})).await;
    let ids: Vec<&Value> = queue["messages"].as_array().unwrap().iter().map(|m| &m["id"]).collect();
    assert_eq!(ids, vec![&id], "only the accepted message is queued: {queue}");
    let history = w.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 5})).await;
    assert!(!history["messages"].as_array().unwrap().iter().any(|m| m["text"] == "later"), "{history}");

    let unconfirmed = json!({"chatId": "@boris_p", "messageIds": [id]});
    assert!(tool_error(&w.call("telegram-delete-scheduled", unconfirmed).await).contains("confirm"));
    let missing = json!({"chatId": "@boris_p", "messageIds": [987_654], "confirm": true});
    assert!(tool_error(&w.call("telegram-delete-scheduled", missing).await).contains("MESSAGE_ID_INVALID"));
    let still = w.call_ok("telegram-get-scheduled", json!({"chatId": "@boris_p"})).await;
    assert_eq!(still["messages"].as_array().unwrap().len(), 1, "nothing deleted yet: {still}");
    let deleted = w
        .call_ok(
            "telegram-delete-scheduled",
            json!({"chatId": "@boris_p", "messageIds": [id], "confirm": true}),
        )
        .await;
    assert_eq!(deleted["messageIds"], json!([id]), "{deleted}");
    let empty = w.call_ok("telegram-get-scheduled", json!({"chatId": "@boris_p"})).await;
    assert_eq!(empty["messages"], json!([]), "{empty}");
    assert!(count(&sandbox, "messages.getScheduledHistory").await >= 4);

    // Its time come, Telegram sends it: out of the queue, into history.
    let soon = json!({"chatId": "me", "text": "in two seconds", "scheduleDate": now() + 2});
    w.call_ok("telegram-send-scheduled", soon).await;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let page = w.call_ok("telegram-read-messages", json!({"chatId": "me", "limit": 3})).await;
        if page["messages"].as_array().unwrap().iter().any(|m| m["text"] == "in two seconds") {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "never delivered: {page}");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let left = w.call_ok("telegram-get-scheduled", json!({"chatId": "me"})).await;
    assert_eq!(left["messages"].as_array().unwrap().len(), 1, "only the reminder waits: {left}");
}

#[tokio::test]
async fn drafts_are_saved_listed_and_cleared_one_chat_or_all() {
    let dir = tempfile::tempdir().unwrap();
    let (_sandbox, mut w) = start(&dir).await;
    let drafts = |v: &Value| -> Vec<(i64, String)> {
        let list = v["drafts"].as_array().unwrap().iter();
        list.map(|d| (d["chatId"].as_i64().unwrap(), d["text"].as_str().unwrap().to_owned())).collect()
    };
    let seeded = w.call_ok("telegram-get-drafts", json!({})).await;
    assert_eq!(drafts(&seeded), vec![(7_000_003, "Черновик: ответить про субботу".to_owned())]);
    let bare = w.request("tools/call", json!({"name": "telegram-get-drafts"})).await;
    assert_eq!(bare["result"]["structuredContent"], seeded, "no arguments at all is fine: {bare}");
    let unknown = tool_error(&w.call("telegram-get-drafts", json!({"chatId": 1})).await);
    assert!(unknown.contains("unknown field"), "{unknown}");

    let page = w.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 1})).await;
    let last = page["messages"][0]["id"].clone();
    let saved = json!({"chatId": "@boris_p", "text": "черновик ✍️", "replyTo": last});
    assert_eq!(w.call_ok("telegram-save-draft", saved).await["cleared"], json!(false));
    let bad_reply = json!({"chatId": "@boris_p", "text": "x", "replyTo": 987_654});
    assert!(tool_error(&w.call("telegram-save-draft", bad_reply).await).contains("REPLY_MESSAGE_ID_INVALID"));
    let listed = w.call_ok("telegram-get-drafts", json!({})).await;
    let boris = listed["drafts"].as_array().unwrap().iter().find(|d| d["chatId"] == BORIS).unwrap().clone();
    assert_eq!((&boris["text"], &boris["replyTo"]), (&json!("черновик ✍️"), &last), "{listed}");

    let one = json!({"chatId": "@boris_p", "confirm": true});
    assert_eq!(w.call_ok("telegram-clear-drafts", one).await["chatId"], json!(BORIS));
    assert_eq!(drafts(&w.call_ok("telegram-get-drafts", json!({})).await).len(), 1, "only Carol's is left");
    let careless = tool_error(&w.call("telegram-clear-drafts", json!({"confirm": true})).await);
    assert!(careless.contains("confirmAllChats"), "{careless}");
    assert_eq!(drafts(&w.call_ok("telegram-get-drafts", json!({})).await).len(), 1, "nothing cleared");
    let all = json!({"confirmAllChats": true, "confirm": true});
    assert_eq!(w.call_ok("telegram-clear-drafts", all).await["chatId"], json!(null));
    assert_eq!(w.call_ok("telegram-get-drafts", json!({})).await["drafts"], json!([]));
}

#[tokio::test]
async fn pins_typing_spam_reports_and_auto_delete_change_the_chat() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(&dir).await;
    let page = w.call_ok("telegram-read-messages", json!({"chatId": HIKE, "limit": 2})).await;
    let (first, second) = (page["messages"][0]["id"].clone(), page["messages"][1]["id"].clone());
    let pinned = w.call_ok("telegram-pin-message", json!({"chatId": HIKE, "messageId": first})).await;
    assert_eq!(pinned["pinnedIds"], json!([first]), "{pinned}");
    let both =
        w.call_ok("telegram-pin-message", json!({"chatId": HIKE, "messageId": second, "silent": true})).await;
    assert_eq!(both["pinnedIds"], json!([second, first]), "{both}");
    let missing = json!({"chatId": HIKE, "messageId": 987_654});
    assert!(
        tool_error(&w.call("telegram-pin-message", missing.clone()).await).contains("MESSAGE_ID_INVALID")
    );
    assert!(tool_error(&w.call("telegram-unpin-message", missing).await).contains("MESSAGE_ID_INVALID"));
    let unpinned = w.call_ok("telegram-unpin-message", json!({"chatId": HIKE, "messageId": second})).await;
    assert_eq!(unpinned["pinnedIds"], json!([first]), "{unpinned}");

    w.call_ok("telegram-send-typing", json!({"chatId": "@boris_p"})).await;
    assert_eq!(summary(&sandbox, BORIS).await["typing"], "typing");
    let before = count(&sandbox, "messages.setTyping").await;
    let dance =
        tool_error(&w.call("telegram-send-typing", json!({"chatId": "@boris_p", "action": "dance"})).await);
    assert!(dance.contains("not typing"), "{dance}");
    assert_eq!(count(&sandbox, "messages.setTyping").await, before, "refused before Telegram");
    let upload = json!({"chatId": "@boris_p", "action": "upload_photo"});
    assert_eq!(w.call_ok("telegram-send-typing", upload).await["action"], "upload_photo");
    assert_eq!(summary(&sandbox, BORIS).await["typing"], "upload_photo");
    w.call_ok("telegram-send-typing", json!({"chatId": "@boris_p", "action": "cancel"})).await;
    assert_eq!(summary(&sandbox, BORIS).await["typing"], json!(null));

    assert!(
        tool_error(&w.call("telegram-report-spam", json!({"chatId": "me"})).await).contains("Saved Messages")
    );
    assert_eq!(summary(&sandbox, BORIS).await["reported"], json!(false));
    w.call_ok("telegram-report-spam", json!({"chatId": "@boris_p"})).await;
    assert_eq!(summary(&sandbox, BORIS).await["reported"], json!(true));

    let week = w.call_ok("telegram-set-auto-delete", json!({"chatId": HIKE, "period": 604_800})).await;
    assert_eq!(week["period"], json!(604_800));
    assert_eq!(summary(&sandbox, 4_100_001).await["ttl"], json!(604_800));
    let odd = tool_error(&w.call("telegram-set-auto-delete", json!({"chatId": HIKE, "period": 1000})).await);
    assert!(odd.contains("TTL_PERIOD_INVALID"), "{odd}");
    assert_eq!(summary(&sandbox, 4_100_001).await["ttl"], json!(604_800), "unchanged");
    w.call_ok("telegram-set-auto-delete", json!({"chatId": HIKE, "period": 0})).await;
    assert_eq!(summary(&sandbox, 4_100_001).await["ttl"], json!(null));
}

/// The sandbox's `compose` state of one chat.
pub(super) async fn summary(sandbox: &SandboxProc, chat: i64) -> Value {
    let answer = sandbox.control(json!({"op": "compose", "chat": chat})).await;
    assert_eq!(answer["ok"], json!(true), "{answer}");
    answer
}

#[tokio::test]
async fn a_window_limited_to_some_chats_sees_only_their_drafts_and_threads() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let env = [("MCP_TELEGRAM_TOOLS", "all"), ("MCP_TELEGRAM_ALLOWED_CHATS", "@boris_p, @sandbox_news")];
    let mut w = Window::spawn_with(&sandbox.session, &[], &env);
    w.initialize().await;
    assert_eq!(w.call_ok("telegram-get-drafts", json!({})).await["drafts"], json!([]), "Carol's is hidden");
    w.call_ok("telegram-save-draft", json!({"chatId": "@boris_p", "text": "только Борису"})).await;
    let drafts = w.call_ok("telegram-get-drafts", json!({})).await;
    assert_eq!(drafts["drafts"].as_array().unwrap().len(), 1, "{drafts}");
    let all =
        tool_error(&w.call("telegram-clear-drafts", json!({"confirmAllChats": true, "confirm": true})).await);
    assert!(all.contains("one chatId at a time"), "{all}");
    assert_eq!(summary(&sandbox, 7_000_003).await["draft"], "Черновик: ответить про субботу", "untouched");

    let posts = w.call_ok("telegram-read-messages", json!({"chatId": "@sandbox_news", "limit": 1})).await;
    let args = json!({"chatId": "@sandbox_news", "messageId": posts["messages"][0]["id"]});
    let thread = tool_error(&w.call("telegram-get-discussion-message", args).await);
    assert!(thread.contains("allowed chats"), "the discussion group is not allowed: {thread}");
    let groups = w.call_ok("telegram-get-groups-for-discussion", json!({})).await;
    assert_eq!(groups["groups"], json!([]), "{groups}");
    assert!(tool_error(&w.call("telegram-get-saved-dialogs", json!({})).await).contains("allowed chats"));
}
