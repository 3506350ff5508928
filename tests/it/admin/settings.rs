//! The settings tools: editing groups (title, description, photo), member permissions, slow
//! mode, the toggles, join requests, and the admin log that records them.

use serde_json::json;

use super::{BOARD, BORIS, ELENA, FORUM, HIKE, NEWS, ids, members, refused, start};

#[tokio::test]
async fn settings_permissions_toggles_requests_and_the_admin_log() {
    let (dir, _sandbox, mut w) = start().await;
    let edit = json!({"chatId": FORUM, "title": "Rust RU 🦀", "description": "Новое описание"});
    let edited = w.call_ok("telegram-edit-group", edit.clone()).await;
    assert_eq!(edited["changed"], json!(["title", "description"]), "{edited}");
    let info = w.call_ok("telegram-get-chat-info", json!({"chatId": FORUM})).await;
    assert_eq!(
        (info["title"].as_str(), info["description"].as_str()),
        (Some("Rust RU 🦀"), Some("Новое описание"))
    );
    assert_eq!(w.call_ok("telegram-edit-group", edit).await["unchanged"], json!(["title", "description"]));
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("logo.png"), png(64, 64)).unwrap();
    let photo = w.call_ok("telegram-edit-group", json!({"chatId": FORUM, "photoPath": "logo.png"})).await;
    assert_eq!(photo["changed"], json!(["photo"]), "{photo}");
    let hike = w.call_ok("telegram-edit-group", json!({"chatId": HIKE, "title": "Autumn Hike"})).await;
    assert_eq!(hike["changed"], json!(["title"]));
    assert_eq!(w.call_ok("telegram-get-chat-info", json!({"chatId": HIKE})).await["title"], "Autumn Hike");
    assert!(
        refused(&mut w, "telegram-edit-group", json!({"chatId": FORUM})).await.contains("nothing to change")
    );
    // A photo that cannot be read stops the whole edit before anything changes.
    let outside = json!({"chatId": FORUM, "title": "Never", "photoPath": "/etc/passwd"});
    refused(&mut w, "telegram-edit-group", outside).await;
    assert_eq!(w.call_ok("telegram-get-chat-info", json!({"chatId": FORUM})).await["title"], "Rust RU 🦀");
    let text = refused(&mut w, "telegram-edit-group", json!({"chatId": BOARD, "title": "Mine now"})).await;
    assert!(text.contains("CHAT_ADMIN_REQUIRED"), "{text}");
    assert_eq!(
        w.call_ok("telegram-get-chat-info", json!({"chatId": BOARD})).await["title"],
        "Board Games Club 🎲"
    );

    let perms = json!({"chatId": FORUM, "sendMessages": false, "sendMedia": false});
    let set = w.call_ok("telegram-set-chat-permissions", perms.clone()).await;
    assert_eq!(
        (set["denied"].clone(), set["changed"].clone()),
        (json!(["sendMessages", "sendMedia"]), json!(true)),
        "{set}"
    );
    // Omitted permissions keep their state: a second change adds to the first.
    let more =
        w.call_ok("telegram-set-chat-permissions", json!({"chatId": FORUM, "pinMessages": false})).await;
    assert_eq!(more["denied"], json!(["sendMessages", "sendMedia", "pinMessages"]), "{more}");
    assert_eq!(w.call_ok("telegram-set-chat-permissions", perms).await["changed"], false);
    let group =
        w.call_ok("telegram-set-chat-permissions", json!({"chatId": HIKE, "inviteUsers": false})).await;
    assert_eq!(group["denied"], json!(["inviteUsers"]), "{group}");
    assert!(
        refused(&mut w, "telegram-set-chat-permissions", json!({"chatId": NEWS, "sendMessages": false}))
            .await
            .contains("broadcast")
    );
    assert!(
        refused(&mut w, "telegram-set-chat-permissions", json!({"chatId": FORUM}))
            .await
            .contains("no permission")
    );

    let slow = w.call_ok("telegram-set-slow-mode", json!({"chatId": FORUM, "seconds": 30})).await;
    assert_eq!((slow["enabled"].clone(), slow["changed"].clone()), (json!(true), json!(true)), "{slow}");
    assert!(
        refused(&mut w, "telegram-set-slow-mode", json!({"chatId": FORUM, "seconds": 45}))
            .await
            .contains("SECONDS_INVALID")
    );
    assert!(
        refused(&mut w, "telegram-set-slow-mode", json!({"chatId": NEWS, "seconds": 10}))
            .await
            .contains("broadcast")
    );

    let signed =
        w.call_ok("telegram-toggle-channel-signatures", json!({"chatId": NEWS, "enabled": true})).await;
    assert_eq!(signed["changed"], true, "{signed}");
    let again =
        w.call_ok("telegram-toggle-channel-signatures", json!({"chatId": NEWS, "enabled": true})).await;
    assert_eq!(again["changed"], false, "{again}");
    let text =
        refused(&mut w, "telegram-toggle-channel-signatures", json!({"chatId": FORUM, "enabled": true}))
            .await;
    assert!(text.contains("broadcast channels"), "{text}");

    let spam = w.call_ok("telegram-toggle-anti-spam", json!({"chatId": FORUM, "enabled": true})).await;
    assert_eq!(spam["changed"], true, "{spam}");
    let solo =
        w.call_ok("telegram-create-group", json!({"title": "Solo", "users": [], "supergroup": true})).await;
    let solo = solo["chat"]["id"].as_i64().unwrap();
    let text = refused(&mut w, "telegram-toggle-anti-spam", json!({"chatId": solo, "enabled": true})).await;
    assert!(text.contains("PARTICIPANTS_TOO_FEW"), "{text}");

    let forum = w.call_ok("telegram-toggle-forum-mode", json!({"chatId": solo, "enabled": true})).await;
    assert_eq!(forum["changed"], true, "{forum}");
    let info = w.call_ok("telegram-get-chat-info", json!({"chatId": solo})).await;
    assert_eq!(
        (info["forum"].as_bool(), info["topics"][0]["title"].as_str()),
        (Some(true), Some("General")),
        "{info}"
    );
    let text = refused(&mut w, "telegram-toggle-forum-mode", json!({"chatId": solo, "enabled": false})).await;
    assert!(text.contains("\"confirm\": true"), "{text}");
    assert_eq!(w.call_ok("telegram-get-chat-info", json!({"chatId": solo})).await["forum"], true);
    w.call_ok("telegram-toggle-forum-mode", json!({"chatId": solo, "enabled": false, "confirm": true})).await;
    assert_eq!(w.call_ok("telegram-get-chat-info", json!({"chatId": solo})).await["forum"], false);

    let hidden =
        w.call_ok("telegram-toggle-prehistory-hidden", json!({"chatId": FORUM, "hidden": true})).await;
    assert_eq!(
        (hidden["enabled"].clone(), hidden["changed"].clone()),
        (json!(true), json!(true)),
        "{hidden}"
    );
    let text =
        refused(&mut w, "telegram-toggle-prehistory-hidden", json!({"chatId": BOARD, "hidden": true})).await;
    assert!(text.contains("CHAT_ADMIN_REQUIRED"), "{text}");

    let approved = w
        .call_ok("telegram-approve-join-request", json!({"chatId": NEWS, "userId": BORIS, "approved": true}))
        .await;
    assert_eq!(approved["approved"], true, "{approved}");
    w.call_ok("telegram-approve-join-request", json!({"chatId": NEWS, "userId": ELENA, "approved": false}))
        .await;
    let subscribers = ids(&members(&mut w, NEWS).await);
    assert!(subscribers.contains(&BORIS) && !subscribers.contains(&ELENA), "{subscribers:?}");
    let again = json!({"chatId": NEWS, "userId": BORIS, "approved": true});
    assert!(refused(&mut w, "telegram-approve-join-request", again).await.contains("HIDE_REQUESTER_MISSING"));

    let log = w.call_ok("telegram-get-admin-log", json!({"chatId": FORUM})).await;
    let actions: Vec<&str> =
        log["events"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    let want = [
        "prehistoryHidden",
        "antiSpam",
        "slowMode",
        "permissions",
        "permissions",
        "photo",
        "description",
        "title",
    ];
    assert_eq!(actions, want, "{log}");
    let news = w.call_ok("telegram-get-admin-log", json!({"chatId": NEWS})).await;
    let actions: Vec<&str> =
        news["events"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["joinRequest", "signatures"], "{news}");
}

/// A PNG header claiming `w`×`h`, padded (the sandbox reads only the header).
fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    out.extend_from_slice(&w.to_be_bytes());
    out.extend_from_slice(&h.to_be_bytes());
    out.extend((0..200).map(|i: u32| (i * 7 % 253) as u8));
    out
}
