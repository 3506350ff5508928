//! The reading half of the `compose` tools: mentions, read receipts, discussion threads,
//! discussion groups, Saved Messages dialogs, translation and link previews.

use serde_json::{Value, json};

use super::{BORIS, HIKE, count, start, tool_error};

const NEWS: i64 = -1_001_500_000_002;
const NEWS_CHAT: i64 = -1_001_500_000_003;

fn texts(v: &Value) -> Vec<String> {
    v["messages"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn mentions_are_read_once_and_receipts_follow_the_other_side() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(&dir).await;
    let seeded = w.call_ok("telegram-get-unread-mentions", json!({"chatId": HIKE})).await;
    assert_eq!(texts(&seeded), vec!["@alice_sandbox, возьмёшь горелку? 🔥"], "{seeded}");
    assert_eq!(seeded["markedRead"], json!(true));
    let again = w.call_ok("telegram-get-unread-mentions", json!({"chatId": HIKE})).await;
    assert_eq!(again["messages"], json!([]), "read once: {again}");
    for text in ["@alice_sandbox раз", "@Alice_Sandbox два", "@alice_sandbox три"] {
        let injected =
            sandbox.control(json!({"op": "inject", "chat": 4_100_001, "from": BORIS, "text": text})).await;
        assert_eq!(injected["ok"], json!(true), "{injected}");
    }
    let partial = w.call_ok("telegram-get-unread-mentions", json!({"chatId": HIKE, "limit": 1})).await;
    assert_eq!(texts(&partial), vec!["@alice_sandbox три"], "{partial}");
    assert_eq!((&partial["total"], &partial["markedRead"]), (&json!(3), &json!(true)));
    let cursor = partial["nextCursor"].clone();
    assert!(cursor.is_string(), "{partial}");
    let paged = w
        .call_ok("telegram-get-unread-mentions", json!({"chatId": HIKE, "limit": 1, "cursor": cursor}))
        .await;
    assert_eq!(texts(&paged), vec!["@Alice_Sandbox два"], "the next older page: {paged}");
    let calls = sandbox.calls().await;
    assert!(calls.iter().any(|c| c["method"] == "messages.readMessageContents" && c["outcome"] == "ok"));
    let rest = w.call_ok("telegram-get-unread-mentions", json!({"chatId": HIKE, "limit": 5})).await;
    assert_eq!(texts(&rest), vec!["@alice_sandbox раз"], "only what was not returned: {rest}");
    assert!(rest["nextCursor"].is_null(), "{rest}");
    let foreign = json!({"chatId": HIKE, "cursor": "o:5"});
    assert!(tool_error(&w.call("telegram-get-unread-mentions", foreign).await).contains("another tool"));
    let nowhere = w.call("telegram-get-unread-mentions", json!({"chatId": "no such chat at all"})).await;
    assert!(tool_error(&nowhere).contains("not found"));

    let sent = w.call_ok("telegram-send-message", json!({"chatId": HIKE, "text": "кто читал?"})).await;
    let id = sent["message"]["id"].clone();
    let args = json!({"chatId": HIKE, "messageId": id});
    let none = w.call_ok("telegram-get-message-read-participants", args.clone()).await;
    assert_eq!(none["readers"], json!([]), "{none}");
    sandbox.control(json!({"op": "inject", "chat": 4_100_001, "from": 7_000_003, "text": "я!"})).await;
    let read = w.call_ok("telegram-get-message-read-participants", args).await;
    assert_eq!(read["readers"][0]["userId"], json!(7_000_003), "{read}");
    assert_eq!(read["readers"][0]["name"], "Carol White");
    let private = json!({"chatId": "@boris_p", "messageId": id});
    assert!(
        tool_error(&w.call("telegram-get-message-read-participants", private).await)
            .contains("only in groups")
    );
    let incoming = json!({"chatId": HIKE, "messageId": rest["messages"][0]["id"]});
    let theirs = tool_error(&w.call("telegram-get-message-read-participants", incoming).await);
    assert!(theirs.contains("MSG_ID_INVALID"), "{theirs}");

    let ping = w.call_ok("telegram-send-message", json!({"chatId": "@boris_p", "text": "ping"})).await;
    let args = json!({"chatId": "@boris_p", "messageId": ping["message"]["id"]});
    let unread = w.call_ok("telegram-get-outbox-read-date", args.clone()).await;
    assert_eq!(unread["readAt"], json!(null), "{unread}");
    assert_eq!(
        sandbox.control(json!({"op": "inject-read", "chat": BORIS, "max_id": 0})).await["ok"],
        json!(true)
    );
    let read = w.call_ok("telegram-get-outbox-read-date", args).await;
    assert!(read["readAt"].as_i64().unwrap() >= super::now() - 60, "{read}");
    let history = w.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 10})).await;
    let theirs = history["messages"].as_array().unwrap().iter().find(|m| m["out"] == json!(false)).unwrap();
    let incoming = json!({"chatId": "@boris_p", "messageId": theirs["id"]});
    let refused = tool_error(&w.call("telegram-get-outbox-read-date", incoming).await);
    assert!(refused.contains("MESSAGE_ID_INVALID"), "{refused}");
    let elena = w.call_ok("telegram-send-message", json!({"chatId": "@elena_k", "text": "привет"})).await;
    sandbox.control(json!({"op": "inject-read", "chat": 7_000_005, "max_id": 0})).await;
    let hidden = json!({"chatId": "@elena_k", "messageId": elena["message"]["id"]});
    let hidden = tool_error(&w.call("telegram-get-outbox-read-date", hidden).await);
    assert!(hidden.contains("USER_PRIVACY_RESTRICTED"), "Elena hides her read times: {hidden}");
    let group = json!({"chatId": HIKE, "messageId": id});
    assert!(tool_error(&w.call("telegram-get-outbox-read-date", group).await).contains("private chats"));
    assert_eq!(count(&sandbox, "messages.getOutboxReadDate").await, 4);
}

#[tokio::test]
async fn channel_comments_saved_dialogs_translation_and_previews() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(&dir).await;
    let posts = w.call_ok("telegram-read-messages", json!({"chatId": NEWS, "limit": 5})).await;
    let posts = posts["messages"].as_array().unwrap().clone();
    let (oldest, newest) = (posts[0]["id"].clone(), posts[posts.len() - 1]["id"].clone());
    let args = json!({"chatId": NEWS, "messageId": newest});
    let thread = w.call_ok("telegram-get-discussion-message", args.clone()).await;
    assert_eq!(thread["discussionGroupId"], json!(NEWS_CHAT), "{thread}");
    assert!(thread["unreadCount"].as_i64().unwrap() >= 1, "{thread}");
    let comment =
        json!({"chatId": NEWS_CHAT, "text": "мой комментарий", "replyTo": thread["discussionMsgId"]});
    let posted = w.call_ok("telegram-send-message", comment).await;
    let after = w.call_ok("telegram-get-discussion-message", args).await;
    assert_eq!(after["topMessage"], posted["message"]["id"], "{after}");
    let no_thread = json!({"chatId": NEWS, "messageId": oldest});
    assert!(
        tool_error(&w.call("telegram-get-discussion-message", no_thread).await).contains("MSG_ID_INVALID")
    );
    let private = json!({"chatId": "@boris_p", "messageId": 1});
    assert!(tool_error(&w.call("telegram-get-discussion-message", private).await).contains("channels"));

    let groups = w.call_ok("telegram-get-groups-for-discussion", json!({})).await;
    let ids: Vec<i64> =
        groups["groups"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![HIKE, NEWS_CHAT], "no forum, no channel: {groups}");
    let extra = w.call("telegram-get-groups-for-discussion", json!({"channel": NEWS})).await;
    assert!(tool_error(&extra).contains("unknown field"), "{extra}");

    let peers = |v: &Value| -> Vec<i64> {
        v["dialogs"].as_array().unwrap().iter().map(|d| d["peerId"].as_i64().unwrap()).collect()
    };
    let saved = w.call_ok("telegram-get-saved-dialogs", json!({})).await;
    assert_eq!(peers(&saved), vec![NEWS, 7_000_001], "{saved}");
    let boris = w.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 1})).await;
    let forward =
        json!({"fromChatId": "@boris_p", "toChatId": "me", "messageIds": [boris["messages"][0]["id"]]});
    w.call_ok("telegram-forward-message", forward).await;
    let first = w.call_ok("telegram-get-saved-dialogs", json!({"limit": 1})).await;
    assert_eq!(peers(&first), vec![BORIS], "the newest first: {first}");
    let next = json!({"limit": 5, "cursor": first["nextCursor"]});
    assert_eq!(peers(&w.call_ok("telegram-get-saved-dialogs", next).await), vec![NEWS, 7_000_001]);
    let bogus = w.call("telegram-get-saved-dialogs", json!({"cursor": "bogus"})).await;
    assert!(tool_error(&bogus).contains("invalid cursor"));

    let notes =
        w.call_ok("telegram-search-messages", json!({"chatId": "me", "query": "Список покупок"})).await;
    let note = notes["messages"][0]["id"].clone();
    let args = json!({"chatId": "me", "messageIds": [note], "toLang": "en"});
    assert!(tool_error(&w.call("telegram-translate-message", args.clone()).await).contains("Premium"));
    sandbox.control(json!({"op": "premium", "on": true})).await;
    let translated = w.call_ok("telegram-translate-message", args).await;
    let text = &translated["translations"][0]["text"];
    assert_eq!(text, "[en] Shopping list: bread, cheese, coffee ☕", "{translated}");
    let xx = json!({"chatId": "me", "messageIds": [note], "toLang": "xx"});
    assert!(tool_error(&w.call("telegram-translate-message", xx).await).contains("TO_LANG_INVALID"));
    let words = json!({"chatId": "me", "messageIds": [note], "toLang": "English"});
    assert!(tool_error(&w.call("telegram-translate-message", words).await).contains("language code"));

    let url = json!({"url": "https://example.org/trail-map?x=1"});
    let preview = w.call_ok("telegram-get-web-preview", url).await;
    assert_eq!((&preview["found"], &preview["siteName"]), (&json!(true), &json!("example.org")));
    assert_eq!(preview["title"], "trail map", "{preview}");
    let nothing = w.call_ok("telegram-get-web-preview", json!({"url": "https://intranet/"})).await;
    assert_eq!(nothing["found"], json!(false), "{nothing}");
    let before = count(&sandbox, "messages.getWebPagePreview").await;
    let private = w.call("telegram-get-web-preview", json!({"url": "http://169.254.169.254/latest"})).await;
    assert!(tool_error(&private).contains("private"));
    assert_eq!(count(&sandbox, "messages.getWebPagePreview").await, before, "refused before Telegram");
}
