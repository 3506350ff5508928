//! The `business` tools through the real binary against the sandbox: Telegram Business (chat links, hours, location, greeting, away and intro), and the original's opt-in groups: Stars, group calls and quick replies.

mod calls;
mod stars;

use serde_json::{Value, json};

use crate::window::{SandboxProc, Window};

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

/// How often the sandbox saw `method`.
pub(super) async fn count(sandbox: &SandboxProc, method: &str) -> usize {
    sandbox.calls().await.iter().filter(|c| c["method"] == method).count()
}

/// A tool outside the window's profile is refused before anything reaches Telegram.
pub(super) async fn refused_outside_profile(sandbox: &SandboxProc, tool: &str, method: &str) {
    let mut core = Window::spawn_with(&sandbox.session, &[], &[("MCP_TELEGRAM_TOOLS", "core")]);
    core.initialize().await;
    let before = count(sandbox, method).await;
    let why = tool_error(&core.call(tool, json!({})).await);
    assert!(why.contains("MCP_TELEGRAM_TOOLS"), "{tool}: {why}");
    assert_eq!(count(sandbox, method).await, before, "{tool} reached Telegram");
}

#[tokio::test]
async fn business_chat_links_need_business_and_live_through_create_edit_resolve_delete() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(&dir).await;
    // Without Business: your own links are refused with the reason; anyone's link resolves.
    let why = tool_error(&w.call("telegram-get-business-chat-links", json!({})).await);
    assert!(why.contains("PREMIUM_ACCOUNT_REQUIRED") && why.contains("Premium"), "{why}");
    let why = tool_error(&w.call("telegram-create-business-chat-link", json!({"message": "hi"})).await);
    assert!(why.contains("PREMIUM_ACCOUNT_REQUIRED"), "{why}");
    let elena = w
        .call_ok("telegram-resolve-business-chat-link", json!({"slug": "https://t.me/m/elenasbakery"}))
        .await;
    assert_eq!(
        (elena["peerId"].clone(), elena["peerType"].clone()),
        (json!(7_000_005), json!("user")),
        "{elena}"
    );
    assert!(elena["message"].as_str().unwrap().contains("cake"), "{elena}");
    let why = tool_error(&w.call("telegram-resolve-business-chat-link", json!({"slug": "nosuchslug"})).await);
    assert!(why.contains("CHATLINK_SLUG_EXPIRED"), "{why}");

    sandbox.control(json!({"op": "premium", "on": true})).await;
    let empty = w.call_ok("telegram-get-business-chat-links", json!({})).await;
    assert_eq!(empty["links"], json!([]), "{empty}");
    let args = json!({"message": "I'd like to book a **tour**", "title": "Tours", "parseMode": "md"});
    let link = w.call_ok("telegram-create-business-chat-link", args).await;
    let slug = link["slug"].as_str().unwrap().to_owned();
    assert_eq!(link["link"], json!(format!("https://t.me/m/{slug}")), "{link}");
    assert_eq!(
        (link["message"].clone(), link["entityCount"].clone()),
        (json!("I'd like to book a tour"), json!(1))
    );
    let long_title = json!({"message": "x", "title": "t".repeat(33)});
    let why = tool_error(&w.call("telegram-create-business-chat-link", long_title).await);
    assert!(why.contains("32 characters"), "{why}");
    let why = tool_error(&w.call("telegram-create-business-chat-link", json!({"message": "  "})).await);
    assert!(why.contains("message is empty"), "{why}");

    let edited =
        w.call_ok("telegram-edit-business-chat-link", json!({"slug": slug, "message": "Book a tour"})).await;
    assert_eq!(
        (edited["message"].clone(), edited["title"].clone()),
        (json!("Book a tour"), Value::Null),
        "{edited}"
    );
    let why = tool_error(
        &w.call("telegram-edit-business-chat-link", json!({"slug": "sbx99999", "message": "x"})).await,
    );
    assert!(why.contains("CHATLINK_SLUG_EXPIRED"), "{why}");

    // Resolving your own link counts a view.
    let mine = w.call_ok("telegram-resolve-business-chat-link", json!({"slug": slug})).await;
    assert_eq!((mine["peerId"].clone(), mine["message"].clone()), (json!(7_000_001), json!("Book a tour")));
    let listed = w.call_ok("telegram-get-business-chat-links", json!({})).await;
    assert_eq!(listed["links"][0]["views"], json!(1), "{listed}");
    assert_eq!(listed["links"][0]["message"], json!("Book a tour"), "{listed}");

    // Deleting asks first; without a yes nothing is deleted.
    let why = tool_error(&w.call("telegram-delete-business-chat-link", json!({"slug": slug})).await);
    assert!(why.contains("confirm"), "{why}");
    assert_eq!(count(&sandbox, "account.deleteBusinessChatLink").await, 0);
    let deleted =
        w.call_ok("telegram-delete-business-chat-link", json!({"slug": slug, "confirm": true})).await;
    assert_eq!(deleted["deleted"], json!(true));
    let after = w.call_ok("telegram-get-business-chat-links", json!({})).await;
    assert_eq!(after["links"], json!([]), "{after}");
    let again = json!({"slug": slug, "confirm": true});
    assert!(
        tool_error(&w.call("telegram-delete-business-chat-link", again).await)
            .contains("CHATLINK_SLUG_EXPIRED")
    );
    let why = tool_error(&w.call("telegram-resolve-business-chat-link", json!({"slug": "t.me/m/"})).await);
    assert!(why.contains("slug"), "{why}");
}

#[tokio::test]
async fn business_hours_location_greeting_away_and_intro_are_set_read_back_and_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(&dir).await;
    let week = json!([
        {"day": "mon", "openFrom": "09:00", "openTo": "18:00"},
        {"day": "fri", "openFrom": "22:00", "openTo": "24:00"},
        {"day": "sat", "openFrom": "00:00", "openTo": "02:00"},
    ]);
    let hours = json!({"timezone": "Europe/Berlin", "schedule": week});
    let why = tool_error(&w.call("telegram-set-business-hours", hours.clone()).await);
    assert!(why.contains("PREMIUM_ACCOUNT_REQUIRED"), "{why}");
    sandbox.control(json!({"op": "premium", "on": true})).await;

    let p = w.call_ok("telegram-set-business-hours", hours).await;
    assert_eq!(p["hours"]["timezone"], json!("Europe/Berlin"), "{p}");
    // Friday night into Saturday is one range for Telegram, shown per day.
    let days: Vec<&str> =
        p["hours"]["schedule"].as_array().unwrap().iter().map(|r| r["day"].as_str().unwrap()).collect();
    assert_eq!(days, ["mon", "fri", "sat"], "{p}");
    assert_eq!(p["hours"]["schedule"][1]["openTo"], json!("24:00"), "{p}");
    let bad_day = json!({"timezone": "Europe/Berlin", "schedule": [{"day": "someday", "openFrom": "09:00", "openTo": "10:00"}]});
    assert!(tool_error(&w.call("telegram-set-business-hours", bad_day).await).contains("is not one of mon"));
    let bad_zone =
        json!({"timezone": "Nowhere", "schedule": [{"day": "mon", "openFrom": "09:00", "openTo": "10:00"}]});
    assert!(tool_error(&w.call("telegram-set-business-hours", bad_zone).await).contains("TIMEZONE_INVALID"));

    let at = json!({"address": "1 Trail Road, Bergen", "latitude": 60.39, "longitude": 5.32});
    let p = w.call_ok("telegram-set-business-location", at).await;
    assert_eq!(p["location"]["address"], json!("1 Trail Road, Bergen"), "{p}");
    assert_eq!(p["hours"]["timezone"], json!("Europe/Berlin"), "the hours are still set: {p}");
    let half = json!({"address": "x", "latitude": 1.0});
    assert!(
        tool_error(&w.call("telegram-set-business-location", half).await)
            .contains("both latitude and longitude")
    );

    let greet = json!({"shortcutId": 1, "audience": "contacts_only", "includeUsers": ["@elena_k"], "noActivityDays": 14});
    let p = w.call_ok("telegram-set-business-greeting", greet).await;
    let g = &p["greeting"];
    assert_eq!((g["shortcutId"].clone(), g["noActivityDays"].clone()), (json!(1), json!(14)), "{p}");
    assert_eq!(
        (g["recipients"]["audience"].clone(), g["recipients"]["users"].clone()),
        (json!("contacts_only"), json!([7_000_005]))
    );
    let unknown = json!({"shortcutId": 99});
    assert!(
        tool_error(&w.call("telegram-set-business-greeting", unknown).await).contains("SHORTCUT_INVALID")
    );
    let both = json!({"shortcutId": 1, "includeUsers": ["@boris_p"], "excludeUsers": ["@carol_w"]});
    assert!(tool_error(&w.call("telegram-set-business-greeting", both).await).contains("cannot be combined"));

    let away = json!({"shortcutId": 2, "schedule": "custom", "customFrom": 1_900_000_000, "customTo": 1_900_086_400, "excludeUsers": ["@boris_p"], "offlineOnly": false});
    let p = w.call_ok("telegram-set-business-away", away).await;
    let a = &p["away"];
    assert_eq!(
        (a["schedule"].clone(), a["customTo"].clone(), a["offlineOnly"].clone()),
        (json!("custom"), json!(1_900_086_400), json!(false)),
        "{p}"
    );
    assert_eq!(
        (a["recipients"]["excludeSelected"].clone(), a["recipients"]["users"].clone()),
        (json!(true), json!([7_000_002]))
    );
    let open_ended = json!({"shortcutId": 2, "schedule": "custom", "customFrom": 1_900_000_000});
    assert!(
        tool_error(&w.call("telegram-set-business-away", open_ended).await)
            .contains("customFrom and customTo")
    );

    let intro = json!({"title": "Trail guides", "description": "Ask about guided hikes"});
    let p = w.call_ok("telegram-set-business-intro", intro).await;
    assert_eq!(p["intro"]["title"], json!("Trail guides"), "{p}");
    let partial = json!({"title": "t", "description": "d", "stickerId": "1"});
    assert!(tool_error(&w.call("telegram-set-business-intro", partial).await).contains("together"));
    let unknown = json!({"title": "t", "description": "d", "stickerId": "42", "stickerAccessHash": "7", "stickerFileReference": "00ff"});
    assert!(tool_error(&w.call("telegram-set-business-intro", unknown).await).contains("STICKER_INVALID"));

    // Clearing one setting leaves the others; clear with settings is refused.
    let mixed = json!({"clear": true, "address": "x"});
    assert!(tool_error(&w.call("telegram-set-business-location", mixed).await).contains("no other settings"));
    let p = w.call_ok("telegram-set-business-location", json!({"clear": true})).await;
    assert_eq!(p["location"], Value::Null, "{p}");
    assert_eq!(p["intro"]["title"], json!("Trail guides"), "{p}");
    let defaults = json!({"clear": true, "audience": "all_new", "noActivityDays": 7});
    assert_eq!(w.call_ok("telegram-set-business-greeting", defaults).await["greeting"], Value::Null);
    // Other values than the original's defaults would be dropped by clear: refused.
    let days = json!({"clear": true, "noActivityDays": 30});
    assert!(tool_error(&w.call("telegram-set-business-greeting", days).await).contains("no other settings"));
    let away =
        json!({"clear": true, "schedule": "outside_hours", "offlineOnly": true, "audience": "all_new"});
    assert_eq!(w.call_ok("telegram-set-business-away", away).await["away"], Value::Null);
    let always = json!({"clear": true, "schedule": "always"});
    assert!(tool_error(&w.call("telegram-set-business-away", always).await).contains("no other settings"));
    let with_shortcut = json!({"clear": true, "shortcutId": 2});
    assert!(
        tool_error(&w.call("telegram-set-business-away", with_shortcut).await).contains("no other settings")
    );
    for tool in [
        "telegram-set-business-hours",
        "telegram-set-business-greeting",
        "telegram-set-business-away",
        "telegram-set-business-intro",
    ] {
        w.call_ok(tool, json!({"clear": true})).await;
    }
    let p = w.call_ok("telegram-set-business-intro", json!({"clear": true})).await;
    assert_eq!(p, json!({"hours": null, "location": null, "greeting": null, "away": null, "intro": null}));
    assert!(count(&sandbox, "users.getFullUser").await >= 8, "each write is read back");
}
