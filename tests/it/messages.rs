//! The original's parameters the first tools lacked: `quoteText` and `effect` on
//! `telegram-send-message`, and `filterType: contact_requests` on `telegram-list-chats`.

use serde_json::json;

use crate::window::tool_error;
use crate::window::{SandboxProc, Window};

#[tokio::test]
async fn send_message_quotes_and_effects_and_list_chats_contact_requests() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn(&sandbox.session);
    w.initialize().await;
    let page = w.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 20})).await;
    let replied = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"].as_str().is_some_and(|t| t.chars().count() > 8))
        .unwrap()
        .clone();
    let excerpt: String = replied["text"].as_str().unwrap().chars().take(6).collect();
    let args =
        json!({"chatId": "@boris_p", "text": "quoting", "replyTo": replied["id"], "quoteText": excerpt});
    let sent = w.call_ok("telegram-send-message", args).await;
    assert_eq!(sent["message"]["replyTo"], replied["id"], "{sent}");

    let wrong = json!({"chatId": "@boris_p", "text": "x", "replyTo": replied["id"], "quoteText": "not in the message"});
    assert!(tool_error(&w.call("telegram-send-message", wrong).await).contains("QUOTE_TEXT_INVALID"));
    let alone = json!({"chatId": "@boris_p", "text": "x", "quoteText": "a"});
    assert!(tool_error(&w.call("telegram-send-message", alone).await).contains("give replyTo too"));
    let bad_effect = json!({"chatId": "@boris_p", "text": "x", "effect": "fireworks"});
    assert!(tool_error(&w.call("telegram-send-message", bad_effect).await).contains("digits only"));
    let effect = json!({"chatId": "@boris_p", "text": "with an effect", "effect": "5104841245755180586"});
    w.call_ok("telegram-send-message", effect).await;

    let private = w.call_ok("telegram-list-chats", json!({"filterType": "private", "limit": 100})).await;
    assert!(private["chats"].as_array().unwrap().iter().any(|c| c["kind"] == "user"), "{private}");
    // Every seeded person is a contact: no chat is a contact request.
    let requests =
        w.call_ok("telegram-list-chats", json!({"filterType": "contact_requests", "limit": 100})).await;
    assert_eq!(requests["chats"], json!([]), "{requests}");
    let calls = sandbox.calls().await;
    assert!(calls.iter().any(|c| c["method"] == "messages.sendMessage"));
}
