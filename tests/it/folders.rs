//! The `folders` tools through the real binary against the sandbox: dialogs archived, pinned,
//! marked unread and muted; chat folders; invite links; channel statistics and boosts. Every
//! tool gets a valid call and a misuse, and every write is checked by a following read.

use serde_json::{Value, json};

use crate::window::tool_error;
use crate::window::{SandboxProc, Window};

const HIKE: i64 = -4_100_001;
const FORUM: i64 = -1_001_500_000_001;
const NEWS: &str = "@sandbox_news";

async fn start(dir: &tempfile::TempDir) -> (SandboxProc, Window) {
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn_with(&sandbox.session, &[], &[("MCP_TELEGRAM_TOOLS", "all")]);
    w.initialize().await;
    (sandbox, w)
}

#[tokio::test]
async fn dialogs_are_archived_pinned_marked_unread_and_muted() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(&dir).await;

    let bot = "@sandbox_helper_bot";
    let archived = w.call_ok("telegram-archive-chat", json!({"chatId": bot, "archive": true})).await;
    assert_eq!((archived["archived"].clone(), archived["chatId"].clone()), (json!(true), json!(7_000_006)));
    // The seeded bot chat is muted forever.
    assert_eq!((archived["muted"].clone(), archived["mutedUntil"].clone()), (json!(true), Value::Null));
    let back = w.call_ok("telegram-archive-chat", json!({"chatId": bot, "archive": false})).await;
    assert_eq!(back["archived"], json!(false), "{back}");
    let missing =
        w.call("telegram-archive-chat", json!({"chatId": "@nobody_like_that", "archive": true})).await;
    assert!(tool_error(&missing).contains("not found"), "{missing}");

    // The forum is pinned already: four more reach the limit of five without Premium.
    for chat in [json!("@boris_p"), json!("@carol_w"), json!("@elena_k"), json!(HIKE)] {
        let pinned = w.call_ok("telegram-pin-chat", json!({"chatId": chat, "pin": true})).await;
        assert_eq!(pinned["pinned"], json!(true), "{pinned}");
    }
    let sixth = w.call("telegram-pin-chat", json!({"chatId": NEWS, "pin": true})).await;
    assert!(tool_error(&sixth).contains("PINNED_DIALOGS_TOO_MUCH"), "{sixth}");
    let unpinned = w.call_ok("telegram-pin-chat", json!({"chatId": "@elena_k", "pin": false})).await;
    assert_eq!(unpinned["pinned"], json!(false));
    let news = w.call_ok("telegram-pin-chat", json!({"chatId": NEWS, "pin": true})).await;
    assert_eq!(news["pinned"], json!(true), "a freed place takes a new pin: {news}");
    assert_eq!(sandbox.control(json!({"op": "premium", "on": true})).await["ok"], json!(true));
    let premium = w.call_ok("telegram-pin-chat", json!({"chatId": "@elena_k", "pin": true})).await;
    assert_eq!(premium["pinned"], json!(true), "Premium allows ten: {premium}");

    let marked =
        w.call_ok("telegram-mark-dialog-unread", json!({"chatId": "@carol_w", "unread": true})).await;
    assert_eq!(marked["unreadMark"], json!(true), "{marked}");
    let cleared =
        w.call_ok("telegram-mark-dialog-unread", json!({"chatId": "@carol_w", "unread": false})).await;
    assert_eq!(cleared["unreadMark"], json!(false));
    let nobody = w.call("telegram-mark-dialog-unread", json!({"chatId": 123_456_789, "unread": true})).await;
    assert!(tool_error(&nobody).contains("not found"), "{nobody}");

    let muted =
        w.call_ok("telegram-mute-chat", json!({"chatId": "@carol_w", "muted": true, "duration": 3600})).await;
    let until = muted["mutedUntil"].as_i64().unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    assert!((now + 3590..=now + 3610).contains(&until), "{muted}");
    let unmuted = w.call_ok("telegram-mute-chat", json!({"chatId": "@carol_w", "muted": false})).await;
    assert_eq!((unmuted["muted"].clone(), unmuted["mutedUntil"].clone()), (json!(false), Value::Null));
    let zero =
        w.call("telegram-mute-chat", json!({"chatId": "@carol_w", "muted": true, "duration": 0})).await;
    assert!(tool_error(&zero).contains("more than 0 seconds"), "{zero}");
    let calls = sandbox.calls().await;
    let sent = |m: &str| calls.iter().filter(|c| c["method"] == m && c["outcome"] == "ok").count();
    assert_eq!(sent("account.updateNotifySettings"), 2, "the misuse never reached Telegram");
    assert_eq!(sent("folders.editPeerFolders"), 2);
}

#[tokio::test]
async fn chat_folders_are_created_edited_reordered_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(&dir).await;

    let seeded = w.call_ok("telegram-get-chat-folders", json!({})).await;
    let work = &seeded["folders"][0];
    assert_eq!(
        (work["id"].clone(), work["title"].clone(), work["groups"].clone()),
        (json!(2), json!("Work"), json!(true))
    );
    assert_eq!(work["includePeers"][0]["id"], json!(FORUM), "{seeded}");
    assert_eq!(seeded["tagsEnabled"], json!(false));
    sandbox
        .control(json!({"op": "flood", "method": "messages.getDialogFilters", "seconds": 30, "times": 1}))
        .await;
    let flood = w.call("telegram-get-chat-folders", json!({})).await;
    assert!(tool_error(&flood).contains("wait 30 s"), "{flood}");

    let args = json!({"title": "Friends", "emoticon": "🍻", "includePeers": ["@boris_p", "@carol_w"], "pinnedPeers": ["@elena_k"]});
    let created = w.call_ok("telegram-create-folder", args).await;
    assert_eq!((created["id"].clone(), created["chatCount"].clone()), (json!(3), json!(3)), "{created}");
    // A window limited to some chats sees only those in a folder, and can add no others.
    let env = [("MCP_TELEGRAM_TOOLS", "all"), ("MCP_TELEGRAM_ALLOWED_CHATS", "@boris_p")];
    let mut narrow = Window::spawn_with(&sandbox.session, &[], &env);
    narrow.initialize().await;
    let seen = narrow.call_ok("telegram-get-chat-folders", json!({})).await;
    let friends = seen["folders"].as_array().unwrap().iter().find(|f| f["id"] == 3).unwrap().clone();
    assert_eq!(
        (friends["includePeers"].clone(), friends["pinnedPeers"].clone()),
        (json!([{"id": 7_000_002, "title": "Борис Петров"}]), json!([])),
        "{friends}"
    );
    let other =
        narrow.call("telegram-create-folder", json!({"title": "Sneaky", "includePeers": ["@carol_w"]})).await;
    assert!(tool_error(&other).contains("allowed chats"), "{other}");
    // Its edit replaces only the chats it sees: the folder's other chats stay.
    let folder_3 =
        |list: &Value| list["folders"].as_array().unwrap().iter().find(|f| f["id"] == 3).unwrap().clone();
    let before = folder_3(&w.call_ok("telegram-get-chat-folders", json!({})).await);
    narrow
        .call_ok("telegram-edit-folder", json!({"id": 3, "includePeers": ["@boris_p"], "pinnedPeers": []}))
        .await;
    let after = folder_3(&w.call_ok("telegram-get-chat-folders", json!({})).await);
    for list in ["includePeers", "pinnedPeers", "excludePeers"] {
        assert_eq!(after[list], before[list], "{list} kept what the narrow window could not see: {after}");
    }
    drop(narrow);
    let empty = w.call("telegram-create-folder", json!({"title": "Nothing"})).await;
    assert!(tool_error(&empty).contains("FILTER_INCLUDE_EMPTY"), "{empty}");

    let edited =
        w.call_ok("telegram-edit-folder", json!({"id": 3, "title": "Pals", "excludeRead": true})).await;
    assert_eq!((edited["title"].clone(), edited["excludeRead"].clone()), (json!("Pals"), json!(true)));
    let kept: Vec<&Value> = edited["includePeers"].as_array().unwrap().iter().map(|c| &c["id"]).collect();
    assert_eq!(kept, [&json!(7_000_002), &json!(7_000_003)], "unnamed fields are kept: {edited}");
    let ghost = w.call("telegram-edit-folder", json!({"id": 99, "title": "Ghost"})).await;
    assert!(tool_error(&ghost).contains("no folder with id 99"), "{ghost}");

    let partial = w.call("telegram-reorder-folders", json!({"order": [3]})).await;
    assert!(tool_error(&partial).contains("missing: [2]"), "{partial}");
    let reordered = w.call_ok("telegram-reorder-folders", json!({"order": [3, 2]})).await;
    let ids: Vec<&Value> = reordered["folders"].as_array().unwrap().iter().map(|f| &f["id"]).collect();
    assert_eq!(ids, [&json!(3), &json!(2)]);
    let listed = w.call_ok("telegram-get-chat-folders", json!({})).await;
    assert_eq!(listed["folders"][0]["title"], json!("Pals"), "the order holds: {listed}");

    let suggested = w.call_ok("telegram-get-suggested-folders", json!({})).await;
    let titles: Vec<&str> =
        suggested["folders"].as_array().unwrap().iter().map(|f| f["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Unread") && titles.contains(&"Channels"), "{suggested}");
    let made = w.call_ok("telegram-create-folder", json!({"title": "Channels", "broadcasts": true})).await;
    assert_eq!(made["id"], json!(4));
    let again = w.call_ok("telegram-get-suggested-folders", json!({})).await;
    assert!(!again["folders"].as_array().unwrap().iter().any(|f| f["title"] == "Channels"), "{again}");
    sandbox
        .control(
            json!({"op": "flood", "method": "messages.getSuggestedDialogFilters", "seconds": 9, "times": 1}),
        )
        .await;
    assert!(tool_error(&w.call("telegram-get-suggested-folders", json!({})).await).contains("wait 9 s"));

    let no_premium = w.call("telegram-toggle-folder-tags", json!({"enabled": true})).await;
    assert!(tool_error(&no_premium).contains("PREMIUM_ACCOUNT_REQUIRED"), "{no_premium}");
    sandbox.control(json!({"op": "premium", "on": true})).await;
    let tags = w.call_ok("telegram-toggle-folder-tags", json!({"enabled": true})).await;
    assert_eq!(tags["tagsEnabled"], json!(true));
    sandbox.control(json!({"op": "premium", "on": false})).await;

    let system = w.call("telegram-delete-folder", json!({"id": 1, "confirm": true})).await;
    assert!(tool_error(&system).contains("system folder"), "{system}");
    let unconfirmed = w.call("telegram-delete-folder", json!({"id": 3})).await;
    assert!(tool_error(&unconfirmed).contains("confirm"), "{unconfirmed}");
    let deleted = w.call_ok("telegram-delete-folder", json!({"id": 3, "confirm": true})).await;
    assert_eq!(deleted, json!({"id": 3, "title": "Pals"}));
    let left = w.call_ok("telegram-get-chat-folders", json!({})).await;
    let ids: Vec<&Value> = left["folders"].as_array().unwrap().iter().map(|f| &f["id"]).collect();
    assert_eq!(ids, [&json!(2), &json!(4)], "{left}");

    // Ten folders without Premium: the eleventh is refused.
    for n in 0..8 {
        w.call_ok("telegram-create-folder", json!({"title": format!("F{n}"), "bots": true})).await;
    }
    let eleventh = w.call("telegram-create-folder", json!({"title": "One more", "bots": true})).await;
    assert!(tool_error(&eleventh).contains("DIALOG_FILTERS_TOO_MUCH"), "{eleventh}");
}

#[tokio::test]
async fn invite_links_are_created_listed_paged_and_revoked() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(&dir).await;

    let seeded = w.call_ok("telegram-get-invite-links", json!({"chatId": NEWS})).await;
    assert_eq!(seeded["count"], json!(2), "{seeded}");
    let primary =
        seeded["links"].as_array().unwrap().iter().find(|l| l["permanent"] == true).unwrap().clone();
    let not_user = w.call("telegram-get-invite-links", json!({"chatId": NEWS, "adminId": HIKE})).await;
    assert!(tool_error(&not_user).contains("is not a user"), "{not_user}");

    let args = json!({"chatId": NEWS, "title": "Spring", "memberLimit": 5, "expireDate": 2_100_000_000});
    let created = w.call_ok("telegram-create-invite-link", args).await;
    assert_eq!((created["title"].clone(), created["usageLimit"].clone()), (json!("Spring"), json!(5)));
    let link = created["link"].as_str().unwrap().to_owned();
    assert!(link.starts_with("https://t.me/+"), "{created}");
    let private = w.call("telegram-create-invite-link", json!({"chatId": "@boris_p"})).await;
    assert!(tool_error(&private).contains("only for groups and channels"), "{private}");
    let past = w.call("telegram-create-invite-link", json!({"chatId": NEWS, "expireDate": 1_000})).await;
    assert!(tool_error(&past).contains("EXPIRE_DATE_INVALID"), "{past}");

    let first = w.call_ok("telegram-get-invite-links", json!({"chatId": NEWS, "limit": 1})).await;
    assert_eq!(
        (first["count"].clone(), first["links"][0]["link"].clone()),
        (json!(3), json!(link)),
        "newest first"
    );
    // Links made within one second share a date: paging must still show each once.
    for title in ["Second", "Third"] {
        w.call_ok("telegram-create-invite-link", json!({"chatId": NEWS, "title": title})).await;
    }
    let first = w.call_ok("telegram-get-invite-links", json!({"chatId": NEWS, "limit": 1})).await;
    let mut seen = vec![first["links"][0]["link"].as_str().unwrap().to_owned()];
    let mut cursor = first["nextCursor"].clone();
    while let Some(c) = cursor.as_str() {
        let page =
            w.call_ok("telegram-get-invite-links", json!({"chatId": NEWS, "limit": 1, "cursor": c})).await;
        seen.extend(page["links"].as_array().unwrap().iter().map(|l| l["link"].as_str().unwrap().to_owned()));
        assert_eq!(page["links"].as_array().unwrap().len(), 1, "no empty last page: {page}");
        cursor = page["nextCursor"].clone();
    }
    let all = w.call_ok("telegram-get-invite-links", json!({"chatId": NEWS, "limit": 100})).await;
    let mut every: Vec<String> =
        all["links"].as_array().unwrap().iter().map(|l| l["link"].as_str().unwrap().to_owned()).collect();
    assert_eq!((every.len(), all["nextCursor"].clone()), (5, Value::Null), "{all}");
    every.sort();
    seen.sort();
    assert_eq!(seen, every, "paging visits every link once");

    let unconfirmed = w.call("telegram-revoke-invite-link", json!({"chatId": NEWS, "link": link})).await;
    assert!(tool_error(&unconfirmed).contains("confirm"), "{unconfirmed}");
    let revoked = w
        .call_ok("telegram-revoke-invite-link", json!({"chatId": NEWS, "link": link, "confirm": true}))
        .await;
    assert_eq!(
        (revoked["revoked"]["revoked"].clone(), revoked["replacement"].clone()),
        (json!(true), Value::Null)
    );
    let gone = w.call_ok("telegram-get-invite-links", json!({"chatId": NEWS, "revoked": true})).await;
    assert_eq!(gone["links"][0]["link"], json!(link), "{gone}");
    let args = json!({"chatId": NEWS, "link": primary["link"], "confirm": true});
    let replaced = w.call_ok("telegram-revoke-invite-link", args).await;
    assert_eq!(replaced["replacement"]["permanent"], json!(true), "a primary link is replaced: {replaced}");
    let active = w.call_ok("telegram-get-invite-links", json!({"chatId": NEWS})).await;
    let links: Vec<&Value> = active["links"].as_array().unwrap().iter().map(|l| &l["link"]).collect();
    assert!(links.contains(&&replaced["replacement"]["link"]) && !links.contains(&&json!(link)), "{active}");
    let twice = w
        .call(
            "telegram-revoke-invite-link",
            json!({"chatId": NEWS, "link": "https://t.me/+nope", "confirm": true}),
        )
        .await;
    assert!(tool_error(&twice).contains("INVITE_HASH_EXPIRED"), "{twice}");
    let calls = sandbox.calls().await;
    let revokes = calls.iter().filter(|c| c["method"] == "messages.editExportedChatInvite").count();
    assert_eq!(revokes, 3, "the unconfirmed revoke never reached Telegram");
}

#[tokio::test]
async fn statistics_and_boosts_come_from_the_world() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(&dir).await;

    let channel = w.call_ok("telegram-get-broadcast-stats", json!({"chatId": NEWS})).await;
    assert_eq!(channel["followers"], json!({"current": 1.0, "previous": 1.0}), "{channel}");
    assert!(channel["viewsPerPost"]["current"].as_f64().unwrap() > 0.0, "{channel}");
    assert_eq!(channel["recentPosts"].as_array().unwrap().len(), 10);
    assert_eq!(channel["graphs"], json!([]));
    let graphs =
        w.call_ok("telegram-get-broadcast-stats", json!({"chatId": NEWS, "includeGraphs": true})).await;
    assert!(graphs["graphs"][0]["error"].is_string(), "{graphs}");
    let group = w.call("telegram-get-broadcast-stats", json!({"chatId": FORUM})).await;
    assert!(tool_error(&group).contains("BROADCAST_REQUIRED"), "{group}");

    let forum = w.call_ok("telegram-get-megagroup-stats", json!({"chatId": FORUM})).await;
    assert_eq!(forum["members"]["current"], json!(5.0), "{forum}");
    assert!(forum["messages"]["current"].as_f64().unwrap() >= 90.0, "{forum}");
    assert!(!forum["topPosters"].as_array().unwrap().is_empty(), "{forum}");
    let sent = w.call_ok("telegram-send-message", json!({"chatId": FORUM, "text": "one more"})).await;
    assert!(sent["message"]["id"].is_number());
    let after = w.call_ok("telegram-get-megagroup-stats", json!({"chatId": FORUM})).await;
    let count = |s: &Value| s["messages"]["current"].as_f64().unwrap();
    assert_eq!(count(&after), count(&forum) + 1.0, "a new message is counted");
    let wrong = w.call("telegram-get-megagroup-stats", json!({"chatId": NEWS})).await;
    assert!(tool_error(&wrong).contains("MEGAGROUP_REQUIRED"), "{wrong}");

    let none = w.call_ok("telegram-get-my-boosts", json!({})).await;
    assert_eq!(none["boosts"], json!([]));
    sandbox.control(json!({"op": "flood", "method": "premium.getMyBoosts", "seconds": 5, "times": 1})).await;
    assert!(tool_error(&w.call("telegram-get-my-boosts", json!({})).await).contains("wait 5 s"));
    sandbox.control(json!({"op": "premium", "on": true})).await;
    let slots = w.call_ok("telegram-get-my-boosts", json!({})).await;
    assert_eq!(slots["boosts"].as_array().unwrap().len(), 4, "{slots}");

    let status = w.call_ok("telegram-get-boosts-status", json!({"chat": NEWS})).await;
    assert_eq!((status["boosts"].clone(), status["level"].clone()), (json!(4), json!(2)), "{status}");
    assert_eq!(status["boostUrl"], json!("https://t.me/boost/sandbox_news"));
    let person = w.call("telegram-get-boosts-status", json!({"chat": "@boris_p"})).await;
    assert!(tool_error(&person).contains("only for channels and supergroups"), "{person}");

    let page = w.call_ok("telegram-get-boosts-list", json!({"chat": NEWS, "limit": 2})).await;
    assert_eq!((page["count"].clone(), page["boosts"].as_array().unwrap().len()), (json!(3), 2), "{page}");
    let rest =
        w.call_ok("telegram-get-boosts-list", json!({"chat": NEWS, "offset": page["nextOffset"]})).await;
    assert_eq!((rest["boosts"].as_array().unwrap().len(), rest["nextOffset"].clone()), (1, Value::Null));
    let gifts = w.call_ok("telegram-get-boosts-list", json!({"chat": NEWS, "gifts": true})).await;
    assert_eq!(gifts["boosts"][0]["unclaimed"], json!(true), "{gifts}");
    let bad = w.call("telegram-get-boosts-list", json!({"chat": NEWS, "offset": "zzz"})).await;
    assert!(tool_error(&bad).contains("OFFSET_INVALID"), "{bad}");
}
