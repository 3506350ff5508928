//! The `bots` tools through the real binary against the sandbox: inline bots and keyboard
//! buttons, forum topics, voice transcription, fact checks and stickers. Every tool gets a
//! valid call and a misuse; every write is checked by a following read.

use serde_json::{Value, json};

use crate::window::tool_error;
use crate::window::{SandboxProc, Window};

const BOT: &str = "@sandbox_helper_bot";
const FORUM: i64 = -1_001_500_000_001;
const NEWS: &str = "@sandbox_news";

async fn start() -> (tempfile::TempDir, SandboxProc, Window) {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn_with(&sandbox.session, &[], &[("MCP_TELEGRAM_TOOLS", "all")]);
    w.initialize().await;
    (dir, sandbox, w)
}

async fn newest(w: &mut Window, chat: Value, limit: u32) -> Vec<Value> {
    let page = w.call_ok("telegram-read-messages", json!({"chatId": chat, "limit": limit})).await;
    page["messages"].as_array().unwrap().clone()
}

#[tokio::test]
async fn inline_queries_and_keyboard_buttons() {
    let (_dir, sandbox, mut w) = start().await;
    let first =
        w.call_ok("telegram-inline-query", json!({"bot": BOT, "chatId": "@boris_p", "query": "rust"})).await;
    assert_eq!(first["results"].as_array().unwrap().len(), 5, "{first}");
    assert_eq!(first["results"][0]["type"], "article");
    assert_eq!(first["nextOffset"], "5");
    let args = json!({"bot": BOT, "chatId": "@boris_p", "query": "rust", "offset": "10"});
    let last = w.call_ok("telegram-inline-query", args).await;
    assert_eq!(last["results"].as_array().unwrap().len(), 2);
    assert!(last["nextOffset"].is_null(), "{last}");
    let not_bot = json!({"bot": "@carol_w", "chatId": "@boris_p", "query": "x"});
    assert!(tool_error(&w.call("telegram-inline-query", not_bot).await).contains("BOT_INLINE_DISABLED"));

    let send =
        json!({"chatId": "@boris_p", "queryId": first["queryId"], "resultId": first["results"][1]["id"]});
    let sent = w.call_ok("telegram-inline-query-send", send).await;
    assert!(sent["messageId"].as_i64().unwrap() > 0);
    let latest = newest(&mut w, json!("@boris_p"), 1).await;
    assert_eq!(latest[0]["text"], "🔎 rust — article 2", "{latest:?}");
    let stale = json!({"chatId": "@boris_p", "queryId": "12345", "resultId": "article-0"});
    assert!(tool_error(&w.call("telegram-inline-query-send", stale).await).contains("QUERY_ID_INVALID"));
    let wrong = json!({"chatId": "@boris_p", "queryId": first["queryId"], "resultId": "article-9"});
    assert!(tool_error(&w.call("telegram-inline-query-send", wrong).await).contains("RESULT_ID_INVALID"));

    let keyboard = newest(&mut w, json!(BOT), 1).await[0].clone();
    let id = keyboard["id"].clone();
    let buttons = w.call_ok("telegram-get-message-buttons", json!({"chatId": BOT, "messageId": id})).await;
    assert_eq!(buttons["markupType"], "inline", "{buttons}");
    let list = buttons["buttons"].as_array().unwrap();
    assert_eq!(list.len(), 4);
    assert_eq!((list[0]["type"].clone(), list[0]["data"].clone()), (json!("callback"), json!("bGlrZQ==")));
    assert_eq!(list[3]["url"], "https://example.org/sandbox-bot");
    let plain = newest(&mut w, json!(BOT), 2).await[0]["id"].clone();
    let none = w.call_ok("telegram-get-message-buttons", json!({"chatId": BOT, "messageId": plain})).await;
    assert_eq!((none["markupType"].clone(), none["buttons"].clone()), (json!("none"), json!([])));
    let missing = json!({"chatId": BOT, "messageId": 999_999});
    assert!(
        tool_error(&w.call("telegram-get-message-buttons", missing).await)
            .contains("message 999999 is not in")
    );

    let press = json!({"chatId": BOT, "messageId": id, "row": 0, "column": 0});
    let answer = w.call_ok("telegram-press-button", press).await;
    assert_eq!(answer["message"], "Thanks for your vote!", "{answer}");
    let edited = newest(&mut w, json!(BOT), 1).await[0].clone();
    assert_eq!(edited["text"], "Rate the sandbox: 👍 1 · 👎 0", "the bot edited its message: {edited}");
    let count =
        w.call_ok("telegram-press-button", json!({"chatId": BOT, "messageId": id, "data": "Y291bnQ="})).await;
    assert_eq!((count["alert"].clone(), count["message"].clone()), (json!(true), json!("Pressed 1 time(s)")));
    let url = json!({"chatId": BOT, "messageId": id, "row": 2, "column": 0});
    assert!(tool_error(&w.call("telegram-press-button", url).await).contains("open the link"));
    let outside = json!({"chatId": BOT, "messageId": id, "row": 5, "column": 0});
    assert!(tool_error(&w.call("telegram-press-button", outside).await).contains("3 row(s)"));
    let unknown = json!({"chatId": BOT, "messageId": id, "data": "bm9wZQ=="});
    assert!(tool_error(&w.call("telegram-press-button", unknown).await).contains("DATA_INVALID"));
    let calls = sandbox.calls().await;
    assert!(calls.iter().any(|c| c["method"] == "messages.getBotCallbackAnswer" && c["outcome"] == "ok"));
    assert_eq!(newest(&mut w, json!(BOT), 1).await[0]["text"], edited["text"], "misuse changed nothing");
}

#[tokio::test]
async fn forum_topics_lifecycle() {
    let (_dir, _sandbox, mut w) = start().await;
    let listed = w.call_ok("telegram-list-topics", json!({"chatId": FORUM})).await;
    assert_eq!(listed["count"], 3, "{listed}");
    assert_eq!(listed["topics"][1]["title"], "Releases 🚀");
    let page = w.call_ok("telegram-list-topics", json!({"chatId": FORUM, "limit": 2})).await;
    let rest =
        w.call_ok("telegram-list-topics", json!({"chatId": FORUM, "cursor": page["nextCursor"]})).await;
    assert_eq!(rest["topics"][0]["id"], 3, "{rest}");
    assert!(
        tool_error(&w.call("telegram-list-topics", json!({"chatId": "Hike"})).await).contains("not a forum")
    );

    let read =
        w.call_ok("telegram-read-topic-messages", json!({"chatId": FORUM, "topicId": 2, "limit": 5})).await;
    let messages = read["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 5);
    assert!(messages.iter().all(|m| m["topicId"] == 2), "{read}");
    assert!(read["nextCursor"].is_string());
    let bad = json!({"chatId": "@boris_p", "topicId": 2});
    assert!(tool_error(&w.call("telegram-read-topic-messages", bad).await).contains("not a forum"));

    let created = w
        .call_ok("telegram-create-topic", json!({"chatId": FORUM, "title": "Bots 🤖", "iconColor": 9367192}))
        .await;
    let topic = created["topicId"].as_i64().unwrap();
    assert_eq!(created["topic"]["iconColor"], 9367192, "{created}");
    let listed = w.call_ok("telegram-list-topics", json!({"chatId": FORUM})).await;
    assert!(listed["topics"].as_array().unwrap().iter().any(|t| t["id"] == topic && t["title"] == "Bots 🤖"));
    let color = json!({"chatId": FORUM, "title": "x", "iconColor": 1});
    assert!(tool_error(&w.call("telegram-create-topic", color).await).contains("iconColor 1"));

    let edit = json!({"chatId": FORUM, "topicId": topic, "title": "Bots", "closed": true});
    let edited = w.call_ok("telegram-edit-topic", edit.clone()).await;
    assert_eq!(
        (edited["topic"]["title"].clone(), edited["topic"]["closed"].clone()),
        (json!("Bots"), json!(true))
    );
    assert!(tool_error(&w.call("telegram-edit-topic", edit).await).contains("TOPIC_NOT_MODIFIED"));
    let hide = json!({"chatId": FORUM, "topicId": topic, "hidden": true});
    assert!(tool_error(&w.call("telegram-edit-topic", hide).await).contains("General topic"));
    let general =
        w.call_ok("telegram-edit-topic", json!({"chatId": FORUM, "topicId": 1, "hidden": true})).await;
    assert_eq!(general["topic"]["hidden"], true);

    let refused = w.call("telegram-delete-topic", json!({"chatId": FORUM, "topicId": topic})).await;
    assert!(tool_error(&refused).contains("confirm"), "{refused}");
    let general = json!({"chatId": FORUM, "topicId": 1, "confirm": true});
    assert!(tool_error(&w.call("telegram-delete-topic", general).await).contains("TOPIC_ID_INVALID"));
    let deleted =
        w.call_ok("telegram-delete-topic", json!({"chatId": FORUM, "topicId": topic, "confirm": true})).await;
    assert_eq!(deleted["deletedMessages"], 1, "{deleted}");
    let listed = w.call_ok("telegram-list-topics", json!({"chatId": FORUM})).await;
    assert_eq!(listed["count"], 3);
    assert!(listed["topics"].as_array().unwrap().iter().all(|t| t["id"] != topic));
}

#[tokio::test]
async fn transcription_and_fact_checks() {
    let (_dir, sandbox, mut w) = start().await;
    let recent = newest(&mut w, json!("@boris_p"), 10).await;
    let voice = recent.iter().find(|m| m["media"] == "voice").unwrap()["id"].clone();
    let text = recent.iter().find(|m| m["media"].is_null()).unwrap()["id"].clone();
    let args = json!({"chatId": "@boris_p", "messageId": voice});
    let unseen = tool_error(&w.call("telegram-get-transcription", args.clone()).await);
    assert!(unseen.contains("not transcribed yet: call telegram-transcribe-audio"), "{unseen}");
    let calls = sandbox.calls().await;
    assert!(
        calls.iter().all(|c| c["method"] != "messages.transcribeAudio"),
        "reading is no write: {calls:?}"
    );
    assert!(tool_error(&w.call("telegram-transcribe-audio", args.clone()).await).contains("Premium"));
    sandbox.control(json!({"op": "premium", "on": true})).await;
    let t = w.call_ok("telegram-transcribe-audio", args.clone()).await;
    assert_eq!(t["pending"], false);
    assert!(t["text"].as_str().unwrap().ends_with("(3 s)"), "{t}");
    let again = w.call_ok("telegram-get-transcription", args.clone()).await;
    assert_eq!(
        (again["transcriptionId"].clone(), again["text"].clone()),
        (t["transcriptionId"].clone(), t["text"].clone())
    );
    let not_voice = json!({"chatId": "@boris_p", "messageId": text});
    assert!(
        tool_error(&w.call("telegram-get-transcription", not_voice.clone()).await)
            .contains("not transcribed yet")
    );
    assert!(tool_error(&w.call("telegram-transcribe-audio", not_voice).await).contains("MSG_VOICE_MISSING"));
    let rate = json!({"chatId": "@boris_p", "messageId": voice, "transcriptionId": t["transcriptionId"], "good": true});
    assert_eq!(w.call_ok("telegram-rate-transcription", rate).await["good"], true);
    let wrong = json!({"chatId": "@boris_p", "messageId": voice, "transcriptionId": "42", "good": false});
    assert!(
        tool_error(&w.call("telegram-rate-transcription", wrong).await).contains("TRANSCRIPTION_ID_INVALID")
    );
    let calls = sandbox.calls().await;
    assert!(calls.iter().any(|c| c["method"] == "messages.rateTranscribedAudio" && c["outcome"] == "ok"));

    let posts = newest(&mut w, json!(NEWS), 100).await;
    let (first, second) = (posts[0]["id"].clone(), posts[1]["id"].clone());
    let get = json!({"chatId": NEWS, "messageIds": [first, second]});
    let checks = w.call_ok("telegram-get-fact-check", get.clone()).await;
    assert!(checks["checks"][0]["text"].as_str().unwrap().contains("simulated"), "{checks}");
    assert!(checks["checks"][1]["text"].is_null());
    assert!(
        tool_error(&w.call("telegram-get-fact-check", json!({"chatId": NEWS, "messageIds": []})).await)
            .contains("empty")
    );

    let edit = json!({"chatId": NEWS, "messageId": second, "text": "Context: the numbers are made up."});
    w.call_ok("telegram-edit-fact-check", edit).await;
    let checks = w.call_ok("telegram-get-fact-check", get.clone()).await;
    assert_eq!(checks["checks"][1]["text"], "Context: the numbers are made up.");
    let md = json!({"chatId": NEWS, "messageId": second, "text": "**Context**: made up.", "parseMode": "md"});
    w.call_ok("telegram-edit-fact-check", md).await;
    let checks = w.call_ok("telegram-get-fact-check", get.clone()).await;
    assert_eq!(checks["checks"][1]["text"], "Context: made up.", "markdown parsed, not sent raw: {checks}");
    let private = json!({"chatId": "@boris_p", "messageId": text, "text": "x"});
    assert!(
        tool_error(&w.call("telegram-edit-fact-check", private).await).contains("not a broadcast channel")
    );
    let long = json!({"chatId": NEWS, "messageId": second, "text": "x".repeat(1025)});
    assert!(tool_error(&w.call("telegram-edit-fact-check", long).await).contains("1024"));

    let delete = json!({"chatId": NEWS, "messageId": second, "confirm": true});
    w.call_ok("telegram-delete-fact-check", delete.clone()).await;
    let checks = w.call_ok("telegram-get-fact-check", get).await;
    assert!(checks["checks"][1]["text"].is_null(), "{checks}");
    assert!(checks["checks"][0]["text"].is_string(), "the other check stays");
    assert!(tool_error(&w.call("telegram-delete-fact-check", delete).await).contains("no fact check"));
}

#[tokio::test]
async fn sticker_sets_and_sending_stickers() {
    let (_dir, sandbox, mut w) = start().await;
    let installed = w.call_ok("telegram-get-installed-stickers", json!({})).await;
    assert_eq!(installed["sets"].as_array().unwrap().len(), 1, "{installed}");
    assert_eq!(installed["sets"][0]["shortName"], "SandboxCats");
    let flood = json!({"op": "flood", "method": "messages.getAllStickers", "seconds": 30, "times": 1});
    sandbox.control(flood).await;
    assert!(tool_error(&w.call("telegram-get-installed-stickers", json!({})).await).contains("30"));
    assert_eq!(w.call_ok("telegram-get-installed-stickers", json!({})).await, installed);
    let found = w.call_ok("telegram-search-sticker-sets", json!({"query": "crab"})).await;
    assert_eq!(found["sets"][0]["shortName"], "RustCrabs", "{found}");
    assert_eq!(found["sets"][0]["installed"], false);
    assert!(
        tool_error(&w.call("telegram-search-sticker-sets", json!({"query": " "})).await).contains("empty")
    );

    let set = w.call_ok("telegram-get-sticker-set", json!({"shortName": "SandboxCats"})).await;
    let emojis: Vec<&str> =
        set["stickers"].as_array().unwrap().iter().map(|s| s["emoji"].as_str().unwrap()).collect();
    assert_eq!(emojis, ["😺", "😹", "😻"]);
    let unknown = w.call("telegram-get-sticker-set", json!({"shortName": "NoSuchSet"})).await;
    assert!(tool_error(&unknown).contains("STICKERSET_INVALID"));

    let flood = json!({"op": "flood", "method": "messages.getRecentStickers", "seconds": 12, "times": 1});
    sandbox.control(flood).await;
    assert!(tool_error(&w.call("telegram-get-recent-stickers", json!({})).await).contains("12"));
    let recent = w.call_ok("telegram-get-recent-stickers", json!({})).await;
    assert_eq!(recent["stickers"][0]["emoji"], "😺", "{recent}");
    assert_eq!(recent["stickers"][0]["set"], "SandboxCats");

    let send = json!({"chatId": "@boris_p", "stickerSet": "RustCrabs", "index": 0});
    let sent = w.call_ok("telegram-send-sticker", send).await;
    assert_eq!(sent["message"]["media"], "sticker", "{sent}");
    let recent = w.call_ok("telegram-get-recent-stickers", json!({})).await;
    assert_eq!(
        (recent["stickers"][0]["emoji"].clone(), recent["stickers"][0]["set"].clone()),
        (json!("🦀"), json!("RustCrabs"))
    );
    assert_eq!(recent["stickers"].as_array().unwrap().len(), 2);
    let media =
        sandbox.control(json!({"op": "media", "chat": 7000002, "message": sent["message"]["id"]})).await;
    assert_eq!(media["mime"], "image/webp", "{media}");
    let outside = json!({"chatId": "@boris_p", "stickerSet": "RustCrabs", "index": 9});
    assert!(tool_error(&w.call("telegram-send-sticker", outside).await).contains("has 2 sticker(s)"));
    assert_eq!(w.call_ok("telegram-get-recent-stickers", json!({})).await, recent, "misuse changed nothing");
}
