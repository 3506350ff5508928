//! Group calls (the seeded call in Hike) and quick-reply shortcuts.

use serde_json::{Value, json};

use super::{count, refused_outside_profile, start, tool_error};

#[tokio::test]
async fn group_calls_and_quick_replies_are_read_with_their_pages_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(&dir).await;
    let call = w.call_ok("telegram-get-group-call", json!({"chat": "Hike", "limit": 2})).await;
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

    let rest =
        w.call_ok("telegram-get-group-call-participants", json!({"chat": -4_100_001, "offset": next})).await;
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
    let all = w.call_ok("telegram-get-group-call-participants", json!({"chat": "Hike"})).await;
    assert_eq!(all["participants"].as_array().unwrap().len(), 4, "{all}");
    let carol =
        w.call_ok("telegram-get-group-call-participants", json!({"chat": "Hike", "ids": ["@carol_w"]})).await;
    assert_eq!(
        (carol["participants"].as_array().unwrap().len(), carol["participants"][0]["peerId"].clone()),
        (1, json!(7_000_003))
    );
    let by_source =
        w.call_ok("telegram-get-group-call-participants", json!({"chat": "Hike", "sources": [1_003]})).await;
    assert_eq!(by_source["participants"][0]["peerId"], json!(7_000_004), "{by_source}");
    let bare = w.call_ok("telegram-get-group-call", json!({"chat": "Hike"})).await;
    assert_eq!(
        (bare["participants"].clone(), bare["participantsCount"].clone()),
        (json!([]), json!(4)),
        "the call only: {bare}"
    );
    let why = tool_error(
        &w.call("telegram-get-group-call-participants", json!({"chat": "Hike", "offset": "zz"})).await,
    );
    assert!(why.contains("OFFSET_INVALID"), "{why}");

    // No call in the forum; none in a private chat.
    let why = tool_error(&w.call("telegram-get-group-call", json!({"chat": -1_001_500_000_001_i64})).await);
    assert!(why.contains("has no group call"), "{why}");
    let why = tool_error(&w.call("telegram-get-group-call", json!({"chat": "@boris_p"})).await);
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
    let one = w.call_ok("telegram-get-quick-reply-messages", json!({"shortcutId": id, "ids": [2]})).await;
    assert_eq!(one["messages"].as_array().unwrap().len(), 1, "{one}");
    let why = tool_error(&w.call("telegram-get-quick-replies", json!({"hash": "not-a-hash"})).await);
    assert!(why.contains("digits"), "{why}");
    let why = tool_error(&w.call("telegram-get-quick-reply-messages", json!({"shortcutId": 0})).await);
    assert!(why.contains("not an id"), "{why}");
    refused_outside_profile(&sandbox, "telegram-get-quick-replies", "messages.getQuickReplies").await;
    // The window is still there.
    w.call_ok("telegram-get-quick-replies", json!({})).await;
}
