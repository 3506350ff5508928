//! Group calls (the seeded call in Hike) and quick-reply shortcuts.

use serde_json::{Value, json};

use super::{count, refused_outside_profile, start, tool_error};

#[tokio::test]
async fn group_calls_and_quick_replies_are_read_with_their_pages_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(&dir).await;
    let call = w.call_ok("telegram-get-group-call", json!({"chatId": "Hike", "limit": 2})).await;
    assert_eq!(
        (call["active"].clone(), call["participantsCount"].clone()),
        (json!(true), json!(4)),
        "{call}"
    );
    assert_eq!(call["title"], json!("Route planning"), "{call}");
    assert_eq!(call["participants"].as_array().unwrap().len(), 2, "{call}");
    assert_eq!(call["participants"][0]["isSelf"], json!(true), "{call}");
    let next = call["nextOffset"].as_str().unwrap().to_owned();
    assert!(
        count(&sandbox, "messages.getFullChat").await >= 1
            && count(&sandbox, "phone.getGroupCall").await == 1
    );

    let rest = w
        .call_ok("telegram-get-group-call-participants", json!({"chatId": -4_100_001, "offset": next}))
        .await;
    assert_eq!(rest["count"], json!(4), "{rest}");
    let people = rest["participants"].as_array().unwrap();
    assert_eq!(people.len(), 2, "{rest}");
    assert_eq!(
        (people[0]["peerId"].clone(), people[0]["raisedHand"].clone()),
        (json!(7_000_003), json!(true)),
        "{rest}"
    );
    assert_eq!(people[1]["video"], json!(true), "{rest}");
    assert_eq!(rest["nextOffset"], Value::Null, "{rest}");
    let all = w.call_ok("telegram-get-group-call-participants", json!({"chatId": "Hike"})).await;
    assert_eq!(all["participants"].as_array().unwrap().len(), 4, "{all}");
    let why = tool_error(
        &w.call("telegram-get-group-call-participants", json!({"chatId": "Hike", "offset": "zz"})).await,
    );
    assert!(why.contains("OFFSET_INVALID"), "{why}");

    // No call in the forum; none in a private chat.
    let why = tool_error(&w.call("telegram-get-group-call", json!({"chatId": -1_001_500_000_001_i64})).await);
    assert!(why.contains("has no group call"), "{why}");
    let why = tool_error(&w.call("telegram-get-group-call", json!({"chatId": "@boris_p"})).await);
    assert!(why.contains("not a group or channel"), "{why}");

    let replies = w.call_ok("telegram-get-quick-replies", json!({})).await;
    let shortcuts = replies["shortcuts"].as_array().unwrap();
    assert_eq!(shortcuts.len(), 2, "{replies}");
    assert_eq!((shortcuts[0]["shortcut"].clone(), shortcuts[0]["count"].clone()), (json!("hello"), json!(2)));
    let id = shortcuts[0]["shortcutId"].clone();
    let got = w.call_ok("telegram-get-quick-reply-messages", json!({"shortcutId": id})).await;
    let texts: Vec<&str> =
        got["messages"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Hi! Thanks for writing.", "We usually answer within an hour."], "{got}");
    let why = tool_error(&w.call("telegram-get-quick-reply-messages", json!({"shortcutId": 42})).await);
    assert!(why.contains("SHORTCUT_INVALID"), "{why}");
    let why = tool_error(&w.call("telegram-get-quick-reply-messages", json!({"shortcutId": 0})).await);
    assert!(why.contains("not an id"), "{why}");
    refused_outside_profile(&sandbox, "telegram-get-quick-replies", "messages.getQuickReplies").await;
    // The window is still there.
    w.call_ok("telegram-get-quick-replies", json!({})).await;
}
