//! The `stories` tools through the real binary against the sandbox: Stories (read, post, edit,
//! delete, react, pin, archive, stealth mode, report) and saved music. Every tool gets a valid
//! call and a misuse (a clear tool error, nothing changed), and every write is read back.

mod rules;

use std::io::Write;

use serde_json::{Value, json};

use crate::window::tool_error;
use crate::window::{SandboxProc, Window};

pub(super) const BORIS: i64 = 7_000_002;
const ELENA: i64 = 7_000_005;
const DMITRI: i64 = 7_000_004;

async fn start() -> (tempfile::TempDir, SandboxProc, Window) {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn_with(&sandbox.session, &[], &[("MCP_TELEGRAM_TOOLS", "stories")]);
    w.initialize().await;
    (dir, sandbox, w)
}

fn story(list: &Value, id: i64) -> &Value {
    let stories = list["stories"].as_array().unwrap();
    stories.iter().find(|s| s["id"] == json!(id)).unwrap_or_else(|| panic!("no story {id} in {list}"))
}

#[tokio::test]
async fn the_feed_reads_reactions_links_reports_and_saved_music() {
    let (_dir, sandbox, mut w) = start().await;

    // The feed: Boris (two unread) and Elena; Dmitri only in the hidden feed.
    let feed = w.call_ok("telegram-get-all-stories", json!({})).await;
    let peers: Vec<i64> =
        feed["peers"].as_array().unwrap().iter().map(|p| p["chatId"].as_i64().unwrap()).collect();
    assert_eq!(peers, vec![BORIS, ELENA], "{feed}");
    assert_eq!(feed["peers"][0]["unread"], json!(2), "{feed}");
    let hidden = w.call_ok("telegram-get-all-stories", json!({"hidden": true})).await;
    assert_eq!(hidden["peers"][0]["chatId"], json!(DMITRI), "{hidden}");
    let same = w.call_ok("telegram-get-all-stories", json!({"state": feed["state"]})).await;
    assert_eq!(same["notModified"], json!(true), "{same}");
    assert!(tool_error(&w.call("telegram-get-all-stories", json!({"next": true})).await).contains("state"));

    // One peer: the active stories with the read mark; an expired pinned one by id.
    let boris = w.call_ok("telegram-get-peer-stories", json!({"chat": "@boris_p"})).await;
    assert_eq!(
        (boris["maxReadId"].clone(), boris["stories"].as_array().unwrap().len()),
        (json!(2), 3),
        "{boris}"
    );
    assert_eq!(story(&boris, 3)["seen"], json!(false));
    let group = w.call("telegram-get-peer-stories", json!({"chat": -4_100_001})).await;
    assert!(tool_error(&group).contains("PEER_ID_INVALID"));
    let by_id = w.call_ok("telegram-get-stories-by-id", json!({"chat": "@boris_p", "ids": [1, 99]})).await;
    assert_eq!(story(&by_id, 1)["pinned"], json!(true), "{by_id}");
    assert_eq!((by_id["missing"].clone(), by_id["pinnedToTop"].clone()), (json!([99]), json!([1])));
    let empty = w.call("telegram-get-stories-by-id", json!({"chat": "@boris_p", "ids": []})).await;
    assert!(tool_error(&empty).contains("ids is empty"));

    // Reading moves the mark.
    let read = w.call_ok("telegram-read-stories", json!({"chatId": "@boris_p", "maxId": 3})).await;
    assert_eq!(read["ids"], json!([3]), "{read}");
    let boris = w.call_ok("telegram-get-peer-stories", json!({"chat": "@boris_p"})).await;
    assert_eq!((boris["maxReadId"].clone(), boris["unread"].clone()), (json!(3), json!(1)), "{boris}");
    let beyond = w.call("telegram-read-stories", json!({"chatId": "@boris_p", "maxId": 99})).await;
    assert!(tool_error(&beyond).contains("STORY_ID_INVALID"));

    // A reaction shows on the story, and goes again.
    w.call_ok("telegram-react-to-story", json!({"chatId": "@boris_p", "storyId": 4, "emoji": "🔥"})).await;
    let boris = w.call_ok("telegram-get-peer-stories", json!({"chat": "@boris_p"})).await;
    assert_eq!(
        (story(&boris, 4)["sentReaction"].clone(), story(&boris, 4)["reactions"].clone()),
        (json!("🔥"), json!(1))
    );
    let removed =
        w.call_ok("telegram-react-to-story", json!({"chatId": "@boris_p", "storyId": 4, "emoji": ""})).await;
    assert_eq!(removed["emoji"], Value::Null);
    let boris = w.call_ok("telegram-get-peer-stories", json!({"chat": "@boris_p"})).await;
    assert_eq!(story(&boris, 4)["sentReaction"], Value::Null, "{boris}");
    let missing =
        w.call("telegram-react-to-story", json!({"chatId": "@boris_p", "storyId": 99, "emoji": "👍"})).await;
    assert!(tool_error(&missing).contains("STORY_ID_INVALID"));

    // Links exist for public usernames only.
    let link = w.call_ok("telegram-export-story-link", json!({"chatId": "@boris_p", "storyId": 2})).await;
    assert_eq!(link["link"], json!("https://t.me/boris_p/s/2"));
    let private = w.call("telegram-export-story-link", json!({"chatId": DMITRI, "storyId": 1})).await;
    assert!(tool_error(&private).contains("USER_PUBLIC_MISSING"));

    // The report flow: choose an option, then a comment for "Other", then reported.
    let start = json!({"chatId": "@elena_k", "ids": [1], "option": ""});
    let step = w.call_ok("telegram-report-story", start).await;
    assert_eq!(step["result"], json!("choose_option"), "{step}");
    let other =
        step["options"].as_array().unwrap().iter().find(|o| o["text"] == "Other").unwrap()["option"].clone();
    let step =
        w.call_ok("telegram-report-story", json!({"chatId": "@elena_k", "ids": [1], "option": other})).await;
    assert_eq!(
        (step["result"].clone(), step["option"].clone()),
        (json!("add_comment"), other.clone()),
        "{step}"
    );
    assert_eq!(sandbox.control(json!({"op": "story-reports"})).await["reports"], json!([]));
    let done = json!({"chatId": "@elena_k", "ids": [1], "option": other, "message": "not my photo"});
    assert_eq!(w.call_ok("telegram-report-story", done).await["result"], json!("reported"));
    let reports = sandbox.control(json!({"op": "story-reports"})).await;
    assert_eq!(reports["reports"][0]["option"], json!("other"), "{reports}");
    let junk = w
        .call("telegram-report-story", json!({"chatId": "@elena_k", "ids": [1], "option": "bm9wZQ=="}))
        .await;
    assert!(tool_error(&junk).contains("OPTION_INVALID"));
    let not_b64 =
        w.call("telegram-report-story", json!({"chatId": "@elena_k", "ids": [1], "option": "??"})).await;
    assert!(tool_error(&not_b64).contains("not base64"));

    // Saved music: yours by default, Boris's in pages.
    let mine = w.call_ok("telegram-get-saved-music", json!({})).await;
    assert_eq!(
        (mine["count"].clone(), mine["tracks"][0]["title"].clone()),
        (json!(1), json!("Coffee Morning"))
    );
    let page = w.call_ok("telegram-get-saved-music", json!({"user": "@boris_p", "limit": 2})).await;
    assert_eq!(
        (page["tracks"].as_array().unwrap().len(), page["nextOffset"].clone()),
        (2, json!(2)),
        "{page}"
    );
    let rest = w.call_ok("telegram-get-saved-music", json!({"user": "@boris_p", "offset": 2})).await;
    assert_eq!(
        (rest["tracks"][0]["performer"].clone(), rest["nextOffset"].clone()),
        (json!("Trail Band"), Value::Null)
    );
    let group = w.call("telegram-get-saved-music", json!({"user": -4_100_001})).await;
    assert!(tool_error(&group).contains("not a user"));

    let calls = sandbox.calls().await;
    for method in
        ["stories.getAllStories", "stories.readStories", "stories.sendReaction", "users.getSavedMusic"]
    {
        assert!(calls.iter().any(|c| c["method"] == method), "{method} never called");
    }
}

#[tokio::test]
async fn own_stories_post_edit_view_pin_archive_stealth_and_delete() {
    let (dir, sandbox, mut w) = start().await;
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("sunset.png"), png(32, 24)).unwrap();
    std::fs::write(files.join("notes.txt"), b"not a picture").unwrap();
    std::fs::write(files.join("clip.mp4"), [0x5a_u8; 3000]).unwrap();

    // Misuse first: nothing may be posted by any of these.
    let premium = w.call("telegram-send-story", json!({"filePath": "sunset.png", "period": 21600})).await;
    assert!(tool_error(&premium).contains("PREMIUM_ACCOUNT_REQUIRED"));
    let period = w.call("telegram-send-story", json!({"filePath": "sunset.png", "period": 1000})).await;
    assert!(tool_error(&period).contains("not a story lifetime"));
    let text = w.call("telegram-send-story", json!({"filePath": "notes.txt"})).await;
    assert!(tool_error(&text).contains("neither a photo"));
    let selected =
        w.call("telegram-send-story", json!({"filePath": "sunset.png", "privacy": "selected"})).await;
    assert!(tool_error(&selected).contains("allowUserIds"));
    let archive = w.call_ok("telegram-get-stories-archive", json!({})).await;
    assert_eq!(archive["count"], json!(0), "{archive}");

    // Post, then read it back in the own peer stories and the archive.
    let posted =
        w.call_ok("telegram-send-story", json!({"filePath": "sunset.png", "caption": "Sunset"})).await;
    assert_eq!(
        (posted["id"].clone(), posted["out"].clone(), posted["privacy"].clone()),
        (json!(1), json!(true), json!("everyone"))
    );
    assert_eq!(posted["mediaType"], json!("photo"), "{posted}");
    let me = w.call_ok("telegram-get-peer-stories", json!({"chat": "me"})).await;
    assert_eq!(story(&me, 1)["caption"], json!("Sunset"), "{me}");
    let feed = w.call_ok("telegram-get-all-stories", json!({})).await;
    assert_eq!(
        (feed["peers"][0]["chatId"].clone(), feed["hasMore"].clone()),
        (json!(7_000_001), json!(true)),
        "{feed}"
    );
    let next = w.call_ok("telegram-get-all-stories", json!({"next": true, "state": feed["state"]})).await;
    assert_eq!(next["peers"][0]["chatId"], json!(ELENA), "{next}");

    // With Premium: a 6-hour story for Boris only, then stealth mode.
    let stealth = w.call("telegram-activate-stealth-mode", json!({"future": true})).await;
    assert!(tool_error(&stealth).contains("PREMIUM_ACCOUNT_REQUIRED"));
    sandbox.control(json!({"op": "premium", "on": true})).await;
    let args = json!({"filePath": "sunset.png", "period": 21600, "privacy": "selected", "allowUserIds": ["7000002"]});
    let second = w.call_ok("telegram-send-story", args).await;
    assert_eq!((second["id"].clone(), second["privacy"].clone()), (json!(2), json!("selected")));
    assert_eq!(second["expireDate"].as_i64().unwrap() - second["date"].as_i64().unwrap(), 21600);
    let mode = w.call_ok("telegram-activate-stealth-mode", json!({"past": true, "future": true})).await;
    assert!(mode["activeUntil"].as_i64().is_some(), "{mode}");
    let feed = w.call_ok("telegram-get-all-stories", json!({})).await;
    assert_eq!(feed["stealthMode"], mode, "{feed}");
    assert!(tool_error(&w.call("telegram-activate-stealth-mode", json!({})).await).contains("past"));

    // Edit the caption; the change is read back by id.
    let edited =
        w.call_ok("telegram-edit-story", json!({"storyId": 1, "caption": "Sunset at the lake"})).await;
    assert_eq!(edited["edited"], json!(true), "{edited}");
    let by_id = w.call_ok("telegram-get-stories-by-id", json!({"chat": "me", "ids": [1]})).await;
    assert_eq!(story(&by_id, 1)["caption"], json!("Sunset at the lake"), "{by_id}");
    let video = w.call_ok("telegram-edit-story", json!({"storyId": 1, "filePath": "clip.mp4"})).await;
    assert_eq!(
        (video["mediaType"].clone(), video["caption"].clone()),
        (json!("video"), json!("Sunset at the lake"))
    );
    let unknown = w.call("telegram-edit-story", json!({"storyId": 99, "caption": "x"})).await;
    assert!(tool_error(&unknown).contains("STORY_ID_INVALID"));
    assert!(
        tool_error(&w.call("telegram-edit-story", json!({"storyId": 1})).await).contains("nothing to change")
    );

    // Viewers (from the other side), reactions first.
    let view = json!({"op": "story-view", "peer": 7_000_001, "id": 1, "user": 7_000_003});
    assert_eq!(sandbox.control(view).await["ok"], json!(true));
    let view = json!({"op": "story-view", "peer": 7_000_001, "id": 1, "user": BORIS, "reaction": "❤"});
    assert_eq!(sandbox.control(view).await["ok"], json!(true));
    let views = w
        .call_ok("telegram-get-story-views", json!({"chat": "me", "storyId": 1, "reactionsFirst": true}))
        .await;
    assert_eq!(
        (views["viewsCount"].clone(), views["reactionsCount"].clone()),
        (json!(2), json!(1)),
        "{views}"
    );
    assert_eq!(
        (views["viewers"][0]["userId"].clone(), views["viewers"][0]["reaction"].clone()),
        (json!(BORIS), json!("❤"))
    );
    let theirs = w.call("telegram-get-story-views", json!({"chat": "@boris_p", "storyId": 2})).await;
    assert!(tool_error(&theirs).contains("PEER_ID_INVALID"));

    // Pin to the profile, then to the top row.
    let pinned = w.call_ok("telegram-toggle-story-pinned", json!({"ids": [1, 42], "pinned": true})).await;
    assert_eq!((pinned["ids"].clone(), pinned["unchanged"].clone()), (json!([1]), json!([42])));
    assert!(
        tool_error(&w.call("telegram-toggle-story-pinned", json!({"ids": [], "pinned": true})).await)
            .contains("empty")
    );
    w.call_ok("telegram-toggle-story-pinned-to-top", json!({"ids": [1]})).await;
    let archive = w.call_ok("telegram-get-stories-archive", json!({"limit": 1})).await;
    assert_eq!(
        (archive["count"].clone(), archive["pinnedToTop"].clone()),
        (json!(2), json!([1])),
        "{archive}"
    );
    assert_eq!((story(&archive, 2)["id"].clone(), archive["nextOffsetId"].clone()), (json!(2), json!(2)));
    let older = w.call_ok("telegram-get-stories-archive", json!({"offsetId": 2})).await;
    assert_eq!(story(&older, 1)["pinned"], json!(true), "{older}");
    let unpinned = w.call("telegram-toggle-story-pinned-to-top", json!({"ids": [2]})).await;
    assert!(tool_error(&unpinned).contains("STORY_ID_INVALID"));
    let many = w.call("telegram-toggle-story-pinned-to-top", json!({"ids": [1, 2, 3, 4]})).await;
    assert!(tool_error(&many).contains("at most 3"));
    assert!(
        tool_error(&w.call("telegram-get-stories-archive", json!({"offsetId": -1})).await)
            .contains("negative")
    );

    // Delete: refused without confirmation, then done.
    let refused = w.call("telegram-delete-stories", json!({"ids": [2], "confirm": false})).await;
    assert!(tool_error(&refused).contains("not confirmed"));
    assert_eq!(w.call_ok("telegram-get-stories-archive", json!({})).await["count"], json!(2));
    let deleted = w.call_ok("telegram-delete-stories", json!({"ids": [2, 99], "confirm": true})).await;
    assert_eq!((deleted["ids"].clone(), deleted["unchanged"].clone()), (json!([2]), json!([99])));
    let archive = w.call_ok("telegram-get-stories-archive", json!({})).await;
    assert_eq!(
        (archive["count"].clone(), archive["stories"][0]["id"].clone()),
        (json!(1), json!(1)),
        "{archive}"
    );

    let calls = sandbox.calls().await;
    let sends = calls.iter().filter(|c| c["method"] == "stories.sendStory" && c["outcome"] == "ok").count();
    assert_eq!(sends, 2, "two stories posted");
}

/// A valid RGB PNG of `w`×`h` pixels.
pub(super) fn png(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(data);
        out.extend(kind);
        out.extend(data);
        out.extend(crc.finalize().to_be_bytes());
    }
    let mut raw = Vec::new();
    for y in 0..h {
        raw.push(0);
        (0..w).for_each(|x| raw.extend([(x * 8) as u8, (y * 8) as u8, 200]));
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&raw).unwrap();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", &[]);
    out
}
