//! The `reactions` tools through the real binary against the sandbox: Reactions (send, list, unread, defaults, paid), polls (create, vote, results, voters, close), and contact, dice, location and venue messages.

use serde_json::{Value, json};

use crate::window::tool_error;
use crate::window::{SandboxProc, Window};

const HIKE: i64 = -4_100_001;

async fn start() -> (tempfile::TempDir, SandboxProc, Window) {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn_with(&sandbox.session, &[], &[("MCP_TELEGRAM_TOOLS", "all")]);
    w.initialize().await;
    (dir, sandbox, w)
}

/// The newest message of a chat matching `pred`.
async fn newest(w: &mut Window, chat: Value, pred: impl Fn(&Value) -> bool) -> Value {
    let page = w.call_ok("telegram-read-messages", json!({"chatId": chat, "limit": 50})).await;
    page["messages"].as_array().unwrap().iter().rev().find(|m| pred(m)).cloned().expect("a matching message")
}

fn chosen(reactions: &Value) -> Vec<String> {
    let list = reactions["reactions"].as_array().unwrap();
    list.iter()
        .filter(|r| r["chosen"] == json!(true))
        .map(|r| r["emoji"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn reactions_are_sent_read_listed_and_limited_by_chat_policy() {
    let (_dir, sandbox, mut w) = start().await;
    let msg = newest(&mut w, json!("@boris_p"), |m| m["out"] == json!(false)).await;
    let id = msg["id"].clone();
    let sent = w
        .call_ok("telegram-send-reaction", json!({"chatId": "@boris_p", "messageId": id, "emoji": "❤️"}))
        .await;
    assert_eq!(chosen(&sent), ["❤"], "{sent}");
    let read = w.call_ok("telegram-get-reactions", json!({"chatId": "@boris_p", "messageId": id})).await;
    assert_eq!(chosen(&read), ["❤"], "{read}");
    assert!(read["reactors"].as_array().unwrap().iter().any(|r| r["mine"] == json!(true)), "{read}");
    // Without Premium one reaction per message; nothing changes.
    let two = json!({"chatId": "@boris_p", "messageId": id, "emoji": ["👍", "🔥"]});
    assert!(tool_error(&w.call("telegram-send-reaction", two).await).contains("REACTIONS_TOO_MANY"));
    let bad = json!({"chatId": "@boris_p", "messageId": 0});
    assert!(tool_error(&w.call("telegram-get-reactions", bad).await).contains("messageId 0"));
    let read = w.call_ok("telegram-get-reactions", json!({"chatId": "@boris_p", "messageId": id})).await;
    assert_eq!(chosen(&read), ["❤"], "{read}");
    sandbox.control(json!({"op": "premium", "on": true})).await;
    let add = json!({"chatId": "@boris_p", "messageId": id, "emoji": "👍", "addToExisting": true});
    let both = w.call_ok("telegram-send-reaction", add).await;
    assert_eq!(chosen(&both), ["❤", "👍"], "{both}");
    let recent = w.call_ok("telegram-get-recent-reactions", json!({"limit": 2})).await;
    assert_eq!(recent["reactions"], json!(["👍", "❤"]), "{recent}");
    let wrong = w
        .request("tools/call", json!({"name": "telegram-get-recent-reactions", "arguments": {"limit": -1}}))
        .await;
    assert!(wrong.get("error").is_some() || wrong["result"]["isError"] == json!(true), "{wrong}");
    let cleared = w.call_ok("telegram-send-reaction", json!({"chatId": "@boris_p", "messageId": id})).await;
    assert!(chosen(&cleared).is_empty(), "{cleared}");

    let top = w.call_ok("telegram-get-top-reactions", json!({"limit": 5})).await;
    assert_eq!(top["reactions"].as_array().unwrap().len(), 5, "{top}");
    assert_eq!(top["reactions"][0], "👍");
    let wrong = w
        .request("tools/call", json!({"name": "telegram-get-top-reactions", "arguments": {"limit": "many"}}))
        .await;
    assert!(wrong.get("error").is_some() || wrong["result"]["isError"] == json!(true), "{wrong}");

    let set = w.call_ok("telegram-set-default-reaction", json!({"emoji": "🔥"})).await;
    assert_eq!(set["emoji"], "🔥", "{set}");
    let crab = w.call("telegram-set-default-reaction", json!({"emoji": "🦀"})).await;
    assert!(tool_error(&crab).contains("REACTION_INVALID"), "{crab}");
    assert!(
        tool_error(&w.call("telegram-set-default-reaction", json!({"emoji": "ok"})).await).contains("emoji")
    );
    let config = sandbox.calls().await;
    assert!(config.iter().any(|c| c["method"] == "help.getConfig"), "the default is read back");

    // A group that allows only 👍.
    let mine = newest(&mut w, json!(HIKE), |m| m["media"].is_null()).await;
    let some = json!({"chatId": HIKE, "reactions": {"type": "some", "emoji": ["👍"]}});
    let policy = w.call_ok("telegram-set-chat-reactions", some).await;
    assert_eq!(policy["policy"], "some", "{policy}");
    let heart = json!({"chatId": HIKE, "messageId": mine["id"], "emoji": "❤"});
    assert!(tool_error(&w.call("telegram-send-reaction", heart).await).contains("REACTION_INVALID"));
    let thumbs = json!({"chatId": HIKE, "messageId": mine["id"], "emoji": "👍"});
    w.call_ok("telegram-send-reaction", thumbs.clone()).await;
    w.call_ok("telegram-set-chat-reactions", json!({"chatId": HIKE, "reactions": {"type": "none"}})).await;
    assert!(tool_error(&w.call("telegram-send-reaction", thumbs.clone()).await).contains("REACTION_INVALID"));
    let private = json!({"chatId": "@boris_p", "reactions": {"type": "all"}});
    assert!(tool_error(&w.call("telegram-set-chat-reactions", private).await).contains("private chat"));
    w.call_ok("telegram-set-chat-reactions", json!({"chatId": HIKE, "reactions": {"type": "all"}})).await;
    w.call_ok("telegram-send-reaction", thumbs).await;
    // Three others react too: who reacted comes a page at a time, newest first.
    for (from, emoji) in [(7_000_002, "🔥"), (7_000_003, "🎉"), (7_000_004, "👍")] {
        let react = json!({"op": "inject-reaction", "chat": 4_100_001, "id": mine["id"], "from": from, "emoji": emoji});
        assert_eq!(sandbox.control(react).await["ok"], true);
    }
    let first = json!({"chatId": HIKE, "messageId": mine["id"], "limit": 3});
    let page = w.call_ok("telegram-get-reactions", first).await;
    assert_eq!(page["reactors"].as_array().unwrap().len(), 3, "{page}");
    assert_eq!(page["reactors"][0]["sender"]["id"], 7_000_004, "{page}");
    let thumbs = page["reactions"].as_array().unwrap().iter().find(|r| r["emoji"] == "👍").unwrap().clone();
    assert_eq!((thumbs["count"].clone(), thumbs["chosen"].clone()), (json!(2), json!(true)), "{page}");
    let next = json!({"chatId": HIKE, "messageId": mine["id"], "limit": 3, "offset": page["nextOffset"]});
    let rest = w.call_ok("telegram-get-reactions", next).await;
    assert_eq!(rest["reactors"][0]["mine"], true, "{rest}");
    assert!(rest["nextOffset"].is_null(), "{rest}");
}

#[tokio::test]
async fn paid_reactions_need_stars_and_their_privacy_is_live() {
    let (_dir, _sandbox, mut w) = start().await;
    let post = newest(&mut w, json!("@sandbox_news"), |_| true).await;
    let id = post["id"].clone();
    let before = w.call_ok("telegram-get-paid-reaction-privacy", json!({})).await;
    assert_eq!(before["private"], false, "{before}");
    let read = w.call_ok("telegram-get-reactions", json!({"chatId": "@sandbox_news", "messageId": id})).await;
    let paid = &read["paid"][0];
    assert_eq!(
        (paid["stars"].clone(), paid["mine"].clone(), paid["anonymous"].clone()),
        (json!(50), json!(true), json!(false)),
        "{read}"
    );
    assert_eq!(read["reactorsVisible"], false, "channel posts hide their reactors: {read}");

    // The demo account has 250 Stars: more is refused, and a paid reaction spends from the
    // same wallet telegram-get-stars-status shows.
    let spend = json!({"chatId": "@sandbox_news", "messageId": id, "count": 2500});
    assert!(tool_error(&w.call("telegram-send-paid-reaction", spend).await).contains("BALANCE_TOO_LOW"));
    let spend = json!({"chatId": "@sandbox_news", "messageId": id, "count": 5});
    w.call_ok("telegram-send-paid-reaction", spend).await;
    let status = w.call_ok("telegram-get-stars-status", json!({"peer": "me"})).await;
    assert_eq!(status["balance"], json!(245), "{status}");
    let history = w.call_ok("telegram-get-stars-transactions", json!({"peer": "me", "limit": 1})).await;
    assert_eq!(history["transactions"][0]["amount"], json!(-5), "{history}");
    let group = w.call("telegram-send-paid-reaction", json!({"chatId": HIKE, "messageId": 1})).await;
    assert!(tool_error(&group).contains("not a channel"), "{group}");

    let toggled = json!({"chatId": "@sandbox_news", "messageId": id, "private": true});
    let after = w.call_ok("telegram-toggle-paid-reaction-privacy", toggled).await;
    assert_eq!(after["paid"][0]["anonymous"], true, "{after}");
    let now = w.call_ok("telegram-get-paid-reaction-privacy", json!({})).await;
    assert_eq!(now["private"], true, "{now}");
    let other = newest(&mut w, json!("@sandbox_news"), |m| m["id"] != id).await;
    let none = json!({"chatId": "@sandbox_news", "messageId": other["id"], "private": false});
    assert!(
        tool_error(&w.call("telegram-toggle-paid-reaction-privacy", none).await).contains("REACTION_EMPTY")
    );
    let read = w.call_ok("telegram-get-reactions", json!({"chatId": "@sandbox_news", "messageId": id})).await;
    assert_eq!(read["paid"][0]["anonymous"], true, "{read}");
}

#[tokio::test]
async fn unread_reactions_are_listed_then_marked_seen() {
    let (_dir, sandbox, mut w) = start().await;
    let first = w.call_ok("telegram-get-unread-reactions", json!({"chatId": HIKE, "limit": 1})).await;
    assert_eq!(first["messages"].as_array().unwrap().len(), 1, "{first}");
    assert_eq!(first["markedRead"], false, "{first}");
    let unread = &first["messages"][0]["reactions"][0];
    assert_eq!(unread["unread"], true, "{first}");
    let all = w.call_ok("telegram-get-unread-reactions", json!({"chatId": HIKE})).await;
    assert_eq!(all["messages"].as_array().unwrap().len(), 2, "{all}");
    assert_eq!(all["markedRead"], true, "{all}");
    let calls = sandbox.calls().await;
    assert!(calls.iter().any(|c| c["method"] == "messages.readReactions" && c["outcome"] == "ok"));
    let again = w.call_ok("telegram-get-unread-reactions", json!({"chatId": HIKE})).await;
    assert_eq!(again["messages"], json!([]), "{again}");
    // Dmitri reacts to one of your messages: unread again.
    let mine = all["messages"][0]["message"]["id"].clone();
    let react =
        json!({"op": "inject-reaction", "chat": 4_100_001, "id": mine, "from": 7_000_004, "emoji": "🎉"});
    assert_eq!(sandbox.control(react).await["ok"], true);
    let fresh = w.call_ok("telegram-get-unread-reactions", json!({"chatId": HIKE})).await;
    let first = &fresh["messages"][0]["reactions"][0];
    assert_eq!(
        (first["emoji"].clone(), first["sender"]["id"].clone()),
        (json!("🎉"), json!(7_000_004)),
        "{fresh}"
    );
    let nowhere = w.call("telegram-get-unread-reactions", json!({"chatId": "no such chat at all"})).await;
    tool_error(&nowhere);
}

#[tokio::test]
async fn a_poll_is_created_voted_counted_listed_and_closed() {
    let (_dir, sandbox, mut w) = start().await;
    let create = json!({"chatId": HIKE, "question": "Куда идём?", "answers": ["Эльбрус", "Казбек", "Домбай"], "publicVoters": true});
    let created = w.call_ok("telegram-create-poll", create).await;
    let id = created["message"]["id"].clone();
    assert_eq!(created["poll"]["options"].as_array().unwrap().len(), 3, "{created}");
    assert_eq!(created["poll"]["totalVoters"], 0);
    let quiz = json!({"chatId": HIKE, "question": "2+2?", "answers": ["3", "4"], "quiz": true});
    assert!(tool_error(&w.call("telegram-create-poll", quiz).await).contains("correctAnswer"));
    let public =
        json!({"chatId": "@sandbox_news", "question": "Q?", "answers": ["a", "b"], "publicVoters": true});
    let public = w.call("telegram-create-poll", public).await;
    assert!(tool_error(&public).contains("BROADCAST_PUBLIC_VOTERS_FORBIDDEN"), "{public}");

    let voted =
        w.call_ok("telegram-vote-poll", json!({"chatId": HIKE, "messageId": id, "optionIndexes": [1]})).await;
    assert_eq!(voted["options"][1]["voters"], 1, "{voted}");
    assert_eq!(voted["options"][1]["chosen"], true, "{voted}");
    let two = json!({"chatId": HIKE, "messageId": id, "optionIndexes": [0, 1]});
    assert!(tool_error(&w.call("telegram-vote-poll", two).await).contains("OPTIONS_TOO_MUCH"));
    let results = w.call_ok("telegram-get-poll-results", json!({"chatId": HIKE, "messageId": id})).await;
    assert_eq!(
        (results["totalVoters"].clone(), results["options"][1]["percent"].clone()),
        (json!(1), json!(100.0)),
        "{results}"
    );
    let seven = json!({"chatId": HIKE, "messageId": id, "optionIndexes": [7]});
    assert!(tool_error(&w.call("telegram-vote-poll", seven).await).contains("option 7 does not exist"));
    let text = w.call_ok("telegram-read-messages", json!({"chatId": HIKE, "limit": 1})).await;
    let media = text["messages"][0]["media"].as_str().unwrap();
    assert!(media.starts_with("poll: Куда идём?") && media.contains("Казбек (1)"), "{media}");

    let voters = w.call_ok("telegram-get-poll-voters", json!({"chatId": HIKE, "messageId": id})).await;
    assert_eq!(voters["count"], 1, "{voters}");
    assert_eq!(voters["voters"][0]["options"], json!([1]), "{voters}");
    let of_first = w
        .call_ok("telegram-get-poll-voters", json!({"chatId": HIKE, "messageId": id, "optionIndex": 0}))
        .await;
    assert_eq!(of_first["voters"], json!([]), "{of_first}");
    // Boris and Carol vote too: the tallies and the voter pages follow.
    for (from, option) in [(7_000_002, 0), (7_000_003, 1)] {
        let vote =
            json!({"op": "inject-vote", "chat": 4_100_001, "id": id, "from": from, "options": [option]});
        assert_eq!(sandbox.control(vote).await["ok"], true);
    }
    let results = w.call_ok("telegram-get-poll-results", json!({"chatId": HIKE, "messageId": id})).await;
    let share = (results["totalVoters"].clone(), results["options"][1]["percent"].clone());
    assert_eq!(share, (json!(3), json!(66.7)), "{results}");
    let page =
        w.call_ok("telegram-get-poll-voters", json!({"chatId": HIKE, "messageId": id, "limit": 2})).await;
    assert_eq!((page["count"].clone(), page["voters"].as_array().unwrap().len()), (json!(3), 2), "{page}");
    let next = json!({"chatId": HIKE, "messageId": id, "limit": 2, "offset": page["nextOffset"]});
    let rest = w.call_ok("telegram-get-poll-voters", next).await;
    assert_eq!(rest["voters"][0]["sender"]["id"], 7_000_001, "oldest vote last: {rest}");
    assert!(rest["nextOffset"].is_null(), "{rest}");
    let not_poll = newest(&mut w, json!(HIKE), |m| m["media"].is_null()).await;
    let results =
        w.call("telegram-get-poll-results", json!({"chatId": HIKE, "messageId": not_poll["id"]})).await;
    assert!(tool_error(&results).contains("is not a poll"));
    let anon = json!({"chatId": HIKE, "question": "Anonymous?", "answers": ["yes", "no"]});
    let anon = w.call_ok("telegram-create-poll", anon).await;
    let hidden =
        w.call("telegram-get-poll-voters", json!({"chatId": HIKE, "messageId": anon["message"]["id"]})).await;
    assert!(tool_error(&hidden).contains("BROADCAST_FORBIDDEN"), "{hidden}");

    let retract =
        w.call_ok("telegram-vote-poll", json!({"chatId": HIKE, "messageId": id, "optionIndexes": []})).await;
    let state = (retract["totalVoters"].clone(), retract["options"][1]["chosen"].clone());
    assert_eq!(state, (json!(2), json!(false)), "{retract}");
    w.call_ok("telegram-vote-poll", json!({"chatId": HIKE, "messageId": id, "optionIndexes": [2]})).await;
    let asked = w.call("telegram-close-poll", json!({"chatId": HIKE, "messageId": id})).await;
    tool_error(&asked);
    let closed =
        w.call_ok("telegram-close-poll", json!({"chatId": HIKE, "messageId": id, "confirm": true})).await;
    assert_eq!(closed["closed"], true, "{closed}");
    let late = json!({"chatId": HIKE, "messageId": id, "optionIndexes": [0]});
    assert!(tool_error(&w.call("telegram-vote-poll", late).await).contains("MESSAGE_POLL_CLOSED"));
    let not_poll = json!({"chatId": HIKE, "messageId": not_poll["id"], "confirm": true});
    assert!(tool_error(&w.call("telegram-close-poll", not_poll).await).contains("is not a poll"));
}

#[tokio::test]
async fn a_quiz_reveals_its_answer_once_and_refuses_a_revote() {
    let (_dir, _sandbox, mut w) = start().await;
    let quiz = json!({"chatId": "@carol_w", "question": "2+2?", "answers": ["3", "4", "5"], "quiz": true, "correctAnswer": 1});
    let created = w.call_ok("telegram-create-poll", quiz).await;
    let id = created["message"]["id"].clone();
    assert_eq!(created["poll"]["options"][1]["correct"], false, "hidden before voting: {created}");
    let voted = w
        .call_ok("telegram-vote-poll", json!({"chatId": "@carol_w", "messageId": id, "optionIndexes": [0]}))
        .await;
    assert_eq!(
        (voted["options"][1]["correct"].clone(), voted["options"][0]["chosen"].clone()),
        (json!(true), json!(true)),
        "{voted}"
    );
    let again = json!({"chatId": "@carol_w", "messageId": id, "optionIndexes": [1]});
    assert!(tool_error(&w.call("telegram-vote-poll", again).await).contains("REVOTE_NOT_ALLOWED"));
}

#[tokio::test]
async fn contacts_dice_locations_and_venues_are_sent_and_read_back() {
    let (_dir, sandbox, mut w) = start().await;
    let contact =
        json!({"chatId": "@elena_k", "phone": "+15550100777", "firstName": "Ivan", "lastName": "Petrov"});
    let sent = w.call_ok("telegram-send-contact", contact).await;
    assert_eq!(sent["message"]["media"], "contact: Ivan Petrov +15550100777", "{sent}");
    let bad = json!({"chatId": "@elena_k", "phone": "call me", "firstName": "Ivan"});
    assert!(tool_error(&w.call("telegram-send-contact", bad).await).contains("6–15 digits"));

    let dice = w.call_ok("telegram-send-dice", json!({"chatId": "@elena_k", "emoji": "🎰"})).await;
    let value = dice["value"].as_i64().unwrap();
    assert!((1..=64).contains(&value), "{dice}");
    assert_eq!(dice["message"]["media"], format!("dice 🎰 = {value}"));
    let plain = w.call_ok("telegram-send-dice", json!({"chatId": "@elena_k"})).await;
    assert!((1..=6).contains(&plain["value"].as_i64().unwrap()), "{plain}");
    assert!(
        tool_error(&w.call("telegram-send-dice", json!({"chatId": "@elena_k", "emoji": "🃏"})).await)
            .contains("not a dice")
    );

    let pin = json!({"chatId": "@elena_k", "latitude": 43.35, "longitude": 42.44, "accuracyRadius": 20});
    assert_eq!(w.call_ok("telegram-send-location", pin).await["message"]["media"], "location");
    let live = json!({"chatId": "@elena_k", "latitude": 43.35, "longitude": 42.44, "livePeriod": 900, "heading": 90});
    let live = w.call_ok("telegram-send-location", live).await;
    assert_eq!(live["message"]["media"], "live location: 43.35000, 42.44000", "{live}");
    let off = json!({"chatId": "@elena_k", "latitude": 91.0, "longitude": 0.0});
    assert!(tool_error(&w.call("telegram-send-location", off).await).contains("not on Earth"));

    let venue = json!({"chatId": "@elena_k", "latitude": 55.7539, "longitude": 37.6208, "title": "Red Square", "address": "Moscow", "replyTo": sent["message"]["id"]});
    let venue = w.call_ok("telegram-send-venue", venue).await;
    assert_eq!(venue["message"]["media"], "venue: Red Square, Moscow", "{venue}");
    assert_eq!(venue["message"]["replyTo"], sent["message"]["id"]);
    let nowhere =
        json!({"chatId": "@elena_k", "latitude": 0.0, "longitude": 200.0, "title": "x", "address": "y"});
    assert!(tool_error(&w.call("telegram-send-venue", nowhere).await).contains("not on Earth"));

    let page = w.call_ok("telegram-read-messages", json!({"chatId": "@elena_k", "limit": 6})).await;
    let kinds: Vec<&str> =
        page["messages"].as_array().unwrap().iter().filter_map(|m| m["media"].as_str()).collect();
    assert!(
        kinds.iter().any(|k| k.starts_with("contact: Ivan")) && kinds.iter().any(|k| k.starts_with("venue:")),
        "{kinds:?}"
    );
    // One random_id per send, each send once.
    let calls = sandbox.calls().await;
    let sends: Vec<&Value> =
        calls.iter().filter(|c| c["method"] == "messages.sendMedia" && c["outcome"] == "ok").collect();
    assert_eq!(sends.len(), 6, "{sends:?}");
    let mut ids: Vec<String> = sends.iter().map(|c| c["random_ids"][0].to_string()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 6);
}

#[tokio::test]
async fn reactors_and_voters_outside_a_windows_chats_are_not_named() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let env = [("MCP_TELEGRAM_TOOLS", "all"), ("MCP_TELEGRAM_ALLOWED_CHATS", "-4100001, @carol_w")];
    let mut w = Window::spawn_with(&sandbox.session, &[], &env);
    w.initialize().await;
    let create = json!({"chatId": HIKE, "question": "Where?", "answers": ["A", "B"], "publicVoters": true});
    let id = w.call_ok("telegram-create-poll", create).await["message"]["id"].clone();
    w.call_ok("telegram-vote-poll", json!({"chatId": HIKE, "messageId": id, "optionIndexes": [1]})).await;
    w.call_ok("telegram-send-reaction", json!({"chatId": HIKE, "messageId": id, "emoji": "👍"})).await;
    for from in [7_000_002, 7_000_003] {
        let vote = json!({"op": "inject-vote", "chat": 4_100_001, "id": id, "from": from, "options": [0]});
        assert_eq!(sandbox.control(vote).await["ok"], true);
        let react =
            json!({"op": "inject-reaction", "chat": 4_100_001, "id": id, "from": from, "emoji": "🔥"});
        assert_eq!(sandbox.control(react).await["ok"], true);
    }
    // Boris is outside the allowlist: his entries stay (counts are whole) without his name.
    let hidden = "(outside this window's allowed chats)";
    let ids = |list: &Value| -> Vec<i64> {
        let mut ids: Vec<i64> =
            list.as_array().unwrap().iter().map(|e| e["sender"]["id"].as_i64().unwrap()).collect();
        ids.sort_unstable();
        ids
    };
    let voters = w.call("telegram-get-poll-voters", json!({"chatId": HIKE, "messageId": id})).await;
    assert_eq!(voters["structuredContent"]["count"], 3, "{voters}");
    assert_eq!(ids(&voters["structuredContent"]["voters"]), vec![0, 7_000_001, 7_000_003], "{voters}");
    let text = voters["content"][0]["text"].as_str().unwrap();
    assert!(text.contains(hidden) && !text.contains("Борис"), "{text}");
    let read = w.call("telegram-get-reactions", json!({"chatId": HIKE, "messageId": id})).await;
    assert_eq!(ids(&read["structuredContent"]["reactors"]), vec![0, 7_000_001, 7_000_003], "{read}");
    assert!(!read.to_string().contains("Борис"), "{read}");
}
