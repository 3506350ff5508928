//! The own profile: every change is read back through `telegram-get-profile` of `me`.

use serde_json::{Value, json};

use super::{start, tool_error};
use crate::window::Window;

async fn me(w: &mut Window) -> Value {
    w.call_ok("telegram-get-profile", json!({"userId": "me"})).await
}

#[tokio::test]
async fn names_bio_and_username() {
    let dir = tempfile::tempdir().unwrap();
    let (_sandbox, mut w) = start(dir.path()).await;
    let changed =
        w.call_ok("telegram-update-profile", json!({"firstName": "Alicia", "bio": "Hello 👋"})).await;
    assert_eq!(changed["firstName"], "Alicia", "{changed}");
    let profile = me(&mut w).await;
    assert_eq!((profile["firstName"].as_str(), profile["bio"].as_str()), (Some("Alicia"), Some("Hello 👋")));
    assert_eq!(profile["lastName"], "Sandbox", "an omitted field is kept");
    w.call_ok("telegram-update-profile", json!({"username": "@alice_renamed"})).await;
    assert_eq!(me(&mut w).await["username"], "alice_renamed");

    let long = "x".repeat(71);
    let too_long = tool_error(&w.call("telegram-update-profile", json!({"bio": long})).await);
    assert!(too_long.contains("ABOUT_TOO_LONG") && too_long.contains("70"), "{too_long}");
    let taken = tool_error(&w.call("telegram-update-profile", json!({"username": "boris_p"})).await);
    assert!(taken.contains("USERNAME_OCCUPIED"), "{taken}");
    let invalid = tool_error(&w.call("telegram-update-profile", json!({"username": "a!"})).await);
    assert!(invalid.contains("USERNAME_INVALID") && invalid.contains("5–32"), "{invalid}");
    let nothing = tool_error(&w.call("telegram-update-profile", json!({})).await);
    assert!(nothing.contains("nothing to change"));
    let profile = me(&mut w).await;
    assert_eq!(
        (profile["bio"].as_str(), profile["username"].as_str()),
        (Some("Hello 👋"), Some("alice_renamed"))
    );
    w.close().await;
}

#[tokio::test]
async fn emoji_statuses_and_colours_with_and_without_premium() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(dir.path()).await;
    let defaults = w.call_ok("telegram-list-emoji-statuses", json!({"limit": 3})).await;
    assert_eq!((defaults["total"].as_u64(), defaults["statuses"].as_array().unwrap().len()), (Some(4), 3));
    let rest = w.call_ok("telegram-list-emoji-statuses", json!({"cursor": defaults["nextCursor"]})).await;
    assert_eq!(rest["statuses"].as_array().unwrap().len(), 1);
    let channel = w.call_ok("telegram-list-emoji-statuses", json!({"kind": "channel_default"})).await;
    assert_eq!(channel["total"], 2);
    let collectible = w.call_ok("telegram-list-emoji-statuses", json!({"kind": "collectible"})).await;
    assert_eq!(collectible["statuses"][0]["title"], "Plush Pepe #1", "{collectible}");
    let weird = w.call("telegram-list-emoji-statuses", json!({"kind": "weird"})).await;
    assert!(tool_error(&weird).contains("not one of default"));
    let document = defaults["statuses"][1]["documentId"].as_str().unwrap().to_owned();

    // Premium only.
    let status = json!({"documentId": document});
    let refused = tool_error(&w.call("telegram-set-emoji-status", status.clone()).await);
    assert!(refused.contains("PREMIUM_ACCOUNT_REQUIRED"), "{refused}");
    assert!(me(&mut w).await["emojiStatus"].is_null());
    w.call_ok("telegram-set-profile-color", json!({"color": 3})).await;
    assert_eq!(me(&mut w).await["color"]["color"], 3);
    let profile_colour =
        tool_error(&w.call("telegram-set-profile-color", json!({"forProfile": true, "color": 2})).await);
    assert!(profile_colour.contains("PREMIUM_ACCOUNT_REQUIRED"));
    sandbox.control(json!({"op": "premium", "on": true})).await;

    let set = w
        .call_ok("telegram-set-emoji-status", json!({"documentId": document, "untilUnix": 2_000_000_000_i64}))
        .await;
    assert_eq!(set["emojiStatus"]["documentId"], document.as_str(), "{set}");
    assert_eq!(me(&mut w).await["emojiStatus"]["until"], 2_000_000_000_i64);
    let pepe = collectible["statuses"][0]["collectibleId"].clone();
    w.call_ok("telegram-set-emoji-status", json!({"collectibleId": pepe})).await;
    assert_eq!(me(&mut w).await["emojiStatus"]["title"], "Plush Pepe #1");
    let late = w
        .call("telegram-set-emoji-status", json!({"documentId": document, "untilUnix": 4102444800_i64}))
        .await;
    assert!(tool_error(&late).contains("2038"));
    let unknown = tool_error(&w.call("telegram-set-emoji-status", json!({"documentId": "123"})).await);
    assert!(unknown.contains("DOCUMENT_INVALID"));
    let both =
        w.call("telegram-set-emoji-status", json!({"documentId": document, "collectibleId": pepe})).await;
    assert!(tool_error(&both).contains("not both"));
    let recent = w.call_ok("telegram-list-emoji-statuses", json!({"kind": "recent"})).await;
    assert_eq!(recent["total"], 2, "{recent}");
    w.call_ok("telegram-set-emoji-status", json!({})).await;
    assert!(me(&mut w).await["emojiStatus"].is_null(), "cleared");

    let cleared = w.call_ok("telegram-clear-recent-emoji-statuses", json!({})).await;
    assert_eq!(cleared["total"], 0);
    let mut read_only = Window::spawn_with(
        &sandbox.session,
        &[],
        &[("MCP_TELEGRAM_TOOLS", "all"), ("MCP_TELEGRAM_READ_ONLY", "1")],
    );
    read_only.initialize().await;
    let refused = read_only.call("telegram-clear-recent-emoji-statuses", json!({})).await;
    assert!(tool_error(&refused).contains("read-only"), "{refused}");
    read_only.close().await;

    let pattern = json!({"forProfile": true, "color": 9, "backgroundEmojiId": document});
    w.call_ok("telegram-set-profile-color", pattern).await;
    let profile = me(&mut w).await;
    assert_eq!(profile["profileColor"]["color"], 9, "{profile}");
    assert_eq!(profile["profileColor"]["backgroundEmojiId"], document.as_str());
    assert_eq!(profile["color"]["color"], 3, "the name colour stays");
    let out_of_range = w.call("telegram-set-profile-color", json!({"color": 21})).await;
    assert!(tool_error(&out_of_range).contains("0–20"));
    w.call_ok("telegram-set-profile-color", json!({})).await;
    assert!(me(&mut w).await["color"].is_null(), "reset");
    w.close().await;
}

#[tokio::test]
async fn birthday_and_personal_channel() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(dir.path()).await;
    let set = w.call_ok("telegram-set-birthday", json!({"day": 29, "month": 2})).await;
    assert_eq!(set["birthday"], json!({"day": 29, "month": 2, "year": null}), "{set}");
    let april = w.call("telegram-set-birthday", json!({"day": 31, "month": 4, "year": 1990})).await;
    assert!(tool_error(&april).contains("does not exist"));
    let no_month = w.call("telegram-set-birthday", json!({"day": 3})).await;
    assert!(tool_error(&no_month).contains("day and month"));
    w.call_ok("telegram-set-birthday", json!({"day": 3, "month": 7, "year": 1990})).await;
    assert_eq!(me(&mut w).await["birthday"]["year"], 1990);
    let both = w.call("telegram-set-birthday", json!({"clear": true, "day": 4, "month": 7})).await;
    assert!(tool_error(&both).contains("not both"), "{both}");
    assert_eq!(me(&mut w).await["birthday"]["year"], 1990, "nothing changed");
    w.call_ok("telegram-set-birthday", json!({"clear": true})).await;
    assert!(me(&mut w).await["birthday"].is_null());

    let forum = w.call("telegram-set-personal-channel", json!({"channelId": "@rust_ru_sandbox"})).await;
    assert!(tool_error(&forum).contains("not a broadcast channel"));
    let neither = w.call("telegram-set-personal-channel", json!({})).await;
    assert!(tool_error(&neither).contains("channelId"));
    let set = w.call_ok("telegram-set-personal-channel", json!({"channelId": "@sandbox_news"})).await;
    assert_eq!(set["personalChannelId"], -1001500000002_i64, "{set}");
    assert_eq!(me(&mut w).await["personalChannelId"], -1001500000002_i64);
    w.call_ok("telegram-set-personal-channel", json!({"clear": true})).await;
    assert!(me(&mut w).await["personalChannelId"].is_null());
    let calls = sandbox.calls().await;
    assert!(calls.iter().any(|c| c["method"] == "account.updatePersonalChannel" && c["outcome"] == "ok"));
    w.close().await;
}
