//! The `admin` tools through the real binary against the sandbox: members and roles, bans,
//! kicks and admins read back live; creating, joining (by username and invite link), inviting
//! and leaving; a window's chat allowlist; the settings tools in `settings.rs`. Every tool
//! gets a valid call and a misuse that changes nothing.

use serde_json::{Value, json};

use crate::window::{SandboxProc, Window};

mod settings;

const FORUM: i64 = -1_001_500_000_001;
const NEWS: i64 = -1_001_500_000_002;
const HIKE: i64 = -4_100_001;
/// Boris's supergroup, where the account is a plain member.
const BOARD: i64 = -1_001_500_000_401;
const BORIS: i64 = 7_000_002;
const CAROL: i64 = 7_000_003;
const DMITRI: i64 = 7_000_004;
const ELENA: i64 = 7_000_005;

async fn start() -> (tempfile::TempDir, SandboxProc, Window) {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn_with(&sandbox.session, &[], &[("MCP_TELEGRAM_TOOLS", "all")]);
    w.initialize().await;
    (dir, sandbox, w)
}

/// The text of a tool error, asserting it is one.
async fn refused(w: &mut Window, tool: &str, args: Value) -> String {
    let result = w.call(tool, args).await;
    assert_eq!(result["isError"], json!(true), "{tool}: expected a tool error: {result}");
    result["content"][0]["text"].as_str().unwrap().to_owned()
}

fn ids(members: &Value) -> Vec<i64> {
    members["members"].as_array().unwrap().iter().map(|m| m["id"].as_i64().unwrap()).collect()
}

fn role_of(members: &Value, id: i64) -> Option<String> {
    let found = members["members"].as_array().unwrap().iter().find(|m| m["id"] == id);
    found.map(|m| m["role"].as_str().unwrap().to_owned())
}

async fn members(w: &mut Window, chat: i64) -> Value {
    w.call_ok("telegram-get-chat-members", json!({"chatId": chat, "limit": 100})).await
}

#[tokio::test]
async fn members_roles_bans_kicks_and_admins_are_live() {
    let (_dir, _sandbox, mut w) = start().await;
    let all = members(&mut w, FORUM).await;
    assert_eq!(all["total"], 5, "{all}");
    assert_eq!(role_of(&all, 7_000_001).as_deref(), Some("creator"), "{all}");
    let first = w.call_ok("telegram-get-chat-members", json!({"chatId": FORUM, "limit": 2})).await;
    assert_eq!(ids(&first).len(), 2);
    let cursor = first["nextCursor"].as_str().unwrap();
    let second = w.call_ok("telegram-get-chat-members", json!({"chatId": FORUM, "cursor": cursor})).await;
    assert_eq!(ids(&second), ids(&all)[2..].to_vec(), "{second}");
    let hike = members(&mut w, HIKE).await;
    assert_eq!(
        (hike["total"].clone(), role_of(&hike, 7_000_001)),
        (json!(4), Some("creator".into())),
        "{hike}"
    );
    assert!(
        refused(&mut w, "telegram-get-chat-members", json!({"chatId": "@boris_p"}))
            .await
            .contains("no members")
    );

    let mine = w.call_ok("telegram-get-my-role", json!({"chatId": FORUM})).await;
    assert_eq!(
        (mine["role"].as_str(), mine["name"].as_str()),
        (Some("creator"), Some("Alice Sandbox")),
        "{mine}"
    );
    let board = w.call_ok("telegram-get-my-role", json!({"chatId": BOARD})).await;
    assert_eq!(
        (board["role"].as_str(), board["chat"]["title"].as_str()),
        (Some("member"), Some("Board Games Club 🎲"))
    );
    let outside = w.call_ok("telegram-get-my-role", json!({"chatId": "@chess_evenings"})).await;
    assert_eq!((outside["role"].as_str(), outside["name"].as_str()), (Some("left"), Some("Alice Sandbox")));
    assert!(
        refused(&mut w, "telegram-get-my-role", json!({"chatId": "@carol_w"})).await.contains("no members")
    );

    // A ban removes the member and shows in the member list and the role.
    let banned = w.call_ok("telegram-ban-user", json!({"chatId": FORUM, "userId": DMITRI})).await;
    assert_eq!(banned["member"]["role"], "banned", "{banned}");
    assert!(!ids(&members(&mut w, FORUM).await).contains(&DMITRI));
    let text = refused(&mut w, "telegram-ban-user", json!({"chatId": BOARD, "userId": CAROL})).await;
    assert!(text.contains("CHAT_ADMIN_REQUIRED") && text.contains("admin right"), "{text}");
    assert!(
        refused(&mut w, "telegram-ban-user", json!({"chatId": HIKE, "userId": CAROL}))
            .await
            .contains("basic group")
    );
    let text = refused(&mut w, "telegram-ban-user", json!({"chatId": BOARD, "userId": BORIS})).await;
    assert!(text.contains("CHAT_ADMIN_REQUIRED"), "{text}");

    let unbanned = w.call_ok("telegram-unban-user", json!({"chatId": FORUM, "userId": DMITRI})).await;
    assert_eq!(unbanned["member"]["role"], "left", "{unbanned}");
    let text = refused(&mut w, "telegram-unban-user", json!({"chatId": FORUM, "userId": CAROL})).await;
    assert!(text.contains("is not banned"), "{text}");

    let kicked = w.call_ok("telegram-kick-user", json!({"chatId": FORUM, "userId": "@elena_k"})).await;
    assert_eq!(kicked["member"]["role"], "left", "{kicked}");
    let after = members(&mut w, FORUM).await;
    assert_eq!((after["total"].clone(), ids(&after).contains(&ELENA)), (json!(3), false), "{after}");
    assert!(
        refused(&mut w, "telegram-kick-user", json!({"chatId": FORUM, "userId": ELENA}))
            .await
            .contains("not a member")
    );
    w.call_ok("telegram-kick-user", json!({"chatId": HIKE, "userId": DMITRI})).await;
    assert!(!ids(&members(&mut w, HIKE).await).contains(&DMITRI));
    let text = refused(&mut w, "telegram-kick-user", json!({"chatId": BOARD, "userId": CAROL})).await;
    assert!(text.contains("CHAT_ADMIN_REQUIRED"), "{text}");

    let promoted = w
        .call_ok("telegram-set-admin", json!({"chatId": FORUM, "userId": BORIS, "title": "Moderator"}))
        .await;
    assert_eq!(
        (promoted["member"]["role"].as_str(), promoted["member"]["rank"].as_str()),
        (Some("admin"), Some("Moderator"))
    );
    assert!(promoted["member"]["rights"].as_array().unwrap().contains(&json!("ban_users")), "{promoted}");
    assert_eq!(role_of(&members(&mut w, FORUM).await, BORIS).as_deref(), Some("admin"));
    let text = refused(&mut w, "telegram-set-admin", json!({"chatId": BOARD, "userId": CAROL})).await;
    assert!(text.contains("CHAT_ADMIN_REQUIRED"), "{text}");
    let long = json!({"chatId": FORUM, "userId": CAROL, "title": "a title far too long"});
    assert!(refused(&mut w, "telegram-set-admin", long).await.contains("16 characters"));
    let text = refused(&mut w, "telegram-set-admin", json!({"chatId": FORUM, "userId": ELENA})).await;
    assert!(text.contains("USER_NOT_PARTICIPANT"), "{text}");

    let demoted = w.call_ok("telegram-remove-admin", json!({"chatId": FORUM, "userId": BORIS})).await;
    assert_eq!(demoted["member"]["role"], "member", "{demoted}");
    let text = refused(&mut w, "telegram-remove-admin", json!({"chatId": FORUM, "userId": CAROL})).await;
    assert!(text.contains("is not an admin"), "{text}");

    let log = w.call_ok("telegram-get-admin-log", json!({"chatId": FORUM, "limit": 100})).await;
    let actions: Vec<&str> =
        log["events"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["demote", "promote", "unban", "ban", "unban", "ban"], "{log}");
    let boris = w.call_ok("telegram-get-admin-log", json!({"chatId": FORUM, "q": "Борис"})).await;
    assert_eq!(boris["events"].as_array().unwrap().len(), 2, "{boris}");
    let page = w.call_ok("telegram-get-admin-log", json!({"chatId": FORUM, "limit": 4})).await;
    let older =
        w.call_ok("telegram-get-admin-log", json!({"chatId": FORUM, "cursor": page["nextCursor"]})).await;
    assert_eq!(older["events"].as_array().unwrap().len(), 2, "{older}");
    let text = refused(&mut w, "telegram-get-admin-log", json!({"chatId": BOARD})).await;
    assert!(text.contains("CHAT_ADMIN_REQUIRED"), "{text}");
    assert!(refused(&mut w, "telegram-get-admin-log", json!({"chatId": HIKE})).await.contains("basic group"));
}

#[tokio::test]
async fn creating_joining_inviting_and_leaving() {
    let (_dir, sandbox, mut w) = start().await;
    // Dmitri has no username and no private chat: the account learns him from Hike's members.
    assert!(ids(&members(&mut w, HIKE).await).contains(&7_000_004));
    // Dmitri's privacy settings keep him out of groups the account makes.
    let args = json!({"title": "Trip 2027", "users": ["@carol_w", "7000004"]});
    let trip = w.call_ok("telegram-create-group", args).await;
    assert_eq!(trip["failed"][0]["user"], "7000004", "{trip}");
    assert!(trip["failed"][0]["reason"].as_str().unwrap().contains("privacy"), "{trip}");
    assert_eq!(
        (trip["chat"]["kind"].as_str(), trip["invited"].clone()),
        (Some("group"), json!([CAROL])),
        "{trip}"
    );
    let trip_id = trip["chat"]["id"].as_i64().unwrap();
    assert_eq!(ids(&members(&mut w, trip_id).await).len(), 2);
    let none = json!({"title": "Alone", "users": []});
    assert!(refused(&mut w, "telegram-create-group", none).await.contains("at least one other member"));
    let forum_only = json!({"title": "X", "users": ["@boris_p"], "forum": true});
    assert!(refused(&mut w, "telegram-create-group", forum_only).await.contains("supergroup: true"));

    let args = json!({"title": "Book Club", "users": ["@boris_p", "@elena_k"], "supergroup": true, "forum": true, "description": "Books we read"});
    let club = w.call_ok("telegram-create-group", args).await;
    assert_eq!(
        (club["chat"]["kind"].as_str(), club["chat"]["forum"].as_bool()),
        (Some("supergroup"), Some(true)),
        "{club}"
    );
    assert_eq!(club["invited"], json!([BORIS, ELENA]), "{club}");
    let club_id = club["chat"]["id"].as_i64().unwrap();
    let info = w.call_ok("telegram-get-chat-info", json!({"chatId": club_id})).await;
    assert_eq!(
        (info["description"].as_str(), info["members"].as_i64()),
        (Some("Books we read"), Some(3)),
        "{info}"
    );

    let invited = w
        .call_ok("telegram-invite-to-group", json!({"chatId": club_id, "users": ["@carol_w", "@boris_p"]}))
        .await;
    assert_eq!(
        (invited["invited"].clone(), invited["alreadyMembers"].clone()),
        (json!([CAROL]), json!([BORIS])),
        "{invited}"
    );
    assert!(ids(&members(&mut w, club_id).await).contains(&CAROL));
    let args = json!({"chatId": club_id, "users": [DMITRI.to_string()]});
    let private = w.call_ok("telegram-invite-to-group", args).await;
    assert_eq!(private["invited"], json!([]), "{private}");
    assert_eq!(private["failed"][0]["user"], "7000004", "{private}");
    assert!(!ids(&members(&mut w, club_id).await).contains(&DMITRI));
    let text =
        refused(&mut w, "telegram-invite-to-group", json!({"chatId": club_id, "users": ["@sandbox_news"]}))
            .await;
    assert!(text.contains("not a user"), "{text}");
    let hike = w.call_ok("telegram-invite-to-group", json!({"chatId": HIKE, "users": ["@elena_k"]})).await;
    assert_eq!(hike["invited"], json!([ELENA]), "{hike}");

    let joined = w.call_ok("telegram-join-chat", json!({"target": "@chess_evenings"})).await;
    assert_eq!(
        (joined["chat"]["title"].as_str(), joined["alreadyMember"].as_bool()),
        (Some("Chess Evenings ♟"), Some(false))
    );
    let chess = joined["chat"]["id"].as_i64().unwrap();
    assert_eq!(w.call_ok("telegram-get-my-role", json!({"chatId": chess})).await["role"], "member");
    let again = w.call_ok("telegram-join-chat", json!({"target": "https://t.me/chess_evenings"})).await;
    assert_eq!(again["alreadyMember"], true, "{again}");
    let walks = w.call_ok("telegram-join-chat", json!({"target": "https://t.me/+PhWalks7xQ2b"})).await;
    assert_eq!(walks["chat"]["title"], "Photo Walks 📷", "{walks}");
    let text = refused(&mut w, "telegram-join-chat", json!({"target": "t.me/+NoSuchHash1"})).await;
    assert!(text.contains("INVITE_HASH_INVALID"), "{text}");
    assert!(
        refused(&mut w, "telegram-join-chat", json!({"target": "@boris_p"})).await.contains("not a group")
    );
    assert!(
        refused(&mut w, "telegram-join-chat", json!({"target": "not a link"})).await.contains("invite link")
    );

    // Leaving asks first; a confirmed leave shows in the role, and a second leave is refused.
    let text = refused(&mut w, "telegram-leave-group", json!({"chatId": chess})).await;
    assert!(text.contains("\"confirm\": true"), "{text}");
    assert_eq!(w.call_ok("telegram-get-my-role", json!({"chatId": chess})).await["role"], "member");
    let left = w.call_ok("telegram-leave-group", json!({"chatId": chess, "confirm": true})).await;
    assert_eq!(left["member"]["role"], "left", "{left}");
    let text = refused(&mut w, "telegram-leave-group", json!({"chatId": chess, "confirm": true})).await;
    assert!(text.contains("USER_NOT_PARTICIPANT"), "{text}");
    let left = w.call_ok("telegram-leave-group", json!({"chatId": trip_id, "confirm": true})).await;
    assert_eq!(left["member"]["role"], "left", "{left}");
    let calls = sandbox.calls().await;
    for method in
        ["messages.createChat", "channels.createChannel", "channels.inviteToChannel", "messages.addChatUser"]
    {
        assert!(calls.iter().any(|c| c["method"] == method && c["outcome"] == "ok"), "{method}");
    }
    for method in [
        "channels.joinChannel",
        "messages.importChatInvite",
        "channels.leaveChannel",
        "messages.deleteChatUser",
    ] {
        assert!(calls.iter().any(|c| c["method"] == method && c["outcome"] == "ok"), "{method}");
    }
}

#[tokio::test]
async fn a_window_limited_to_some_chats_joins_none_outside_them() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    // Another window, with every chat, lets Boris into the channel.
    let mut open = Window::spawn_with(&sandbox.session, &[], &[("MCP_TELEGRAM_TOOLS", "all")]);
    open.initialize().await;
    let approve = json!({"chatId": NEWS, "userId": "@boris_p", "approved": true});
    open.call_ok("telegram-approve-join-request", approve).await;
    let env = [("MCP_TELEGRAM_TOOLS", "all"), ("MCP_TELEGRAM_ALLOWED_CHATS", "@sandbox_news, @elena_k")];
    let mut w = Window::spawn_with(&sandbox.session, &[], &env);
    w.initialize().await;
    let text = refused(&mut w, "telegram-join-chat", json!({"target": "@chess_evenings"})).await;
    assert!(text.contains("allowed chats"), "{text}");
    let text = refused(&mut w, "telegram-join-chat", json!({"target": "t.me/+PhWalks7xQ2b"})).await;
    assert!(text.contains("invite link"), "{text}");
    let text = refused(&mut w, "telegram-ban-user", json!({"chatId": FORUM, "userId": "@elena_k"})).await;
    assert!(text.contains("allowed chats"), "{text}");
    let calls = sandbox.calls().await;
    let joins = ["channels.joinChannel", "messages.importChatInvite", "channels.editBanned"];
    assert!(!calls.iter().any(|c| joins.contains(&c["method"].as_str().unwrap())), "nothing was sent");
    // Inside the allowlist the tools work as usual.
    let news = w.call_ok("telegram-get-my-role", json!({"chatId": "@sandbox_news"})).await;
    assert_eq!(news["role"], "creator", "{news}");
    // Listings of an allowed chat name nobody outside the allowlist, but keep every entry.
    let listed = w.call("telegram-get-chat-members", json!({"chatId": NEWS, "limit": 100})).await;
    let page = &listed["structuredContent"];
    let shown = |id: &Value| [json!(7_000_001), json!(ELENA), json!(0)].contains(id);
    assert!(page["members"].as_array().unwrap().iter().all(|m| shown(&m["id"])), "{page}");
    let hidden: Vec<&Value> = page["members"].as_array().unwrap().iter().filter(|m| m["id"] == 0).collect();
    assert!(!hidden.is_empty() && hidden.iter().all(|m| m["username"].is_null()), "{page}");
    assert_eq!(page["total"].as_u64(), Some(page["members"].as_array().unwrap().len() as u64));
    assert!(!listed.to_string().contains("Борис"), "{listed}");
    let log = w.call("telegram-get-admin-log", json!({"chatId": NEWS})).await;
    let join =
        log["structuredContent"]["events"].as_array().unwrap().iter().find(|e| e["action"] == "joinRequest");
    let join = join.unwrap_or_else(|| panic!("Boris's join is logged: {log}"));
    assert_eq!(
        (join["userId"].clone(), join["text"].clone()),
        (json!(0), json!("joined, approved by Alice Sandbox"))
    );
    assert!(!log.to_string().contains("Борис"), "{log}");
    // The open window still sees him.
    let log = open.call_ok("telegram-get-admin-log", json!({"chatId": NEWS})).await;
    assert_eq!(log["events"][0]["userId"], BORIS, "{log}");
}

#[tokio::test]
async fn a_chat_left_takes_no_more_messages() {
    let (_dir, sandbox, mut w) = start().await;
    let send = |chat: i64| json!({"chatId": chat, "text": "still here?"});
    for chat in [BOARD, HIKE] {
        w.call_ok("telegram-send-message", send(chat)).await;
        w.call_ok("telegram-leave-group", json!({"chatId": chat, "confirm": true})).await;
    }
    // Boris's club is private: outside it, Telegram does not even show it.
    let text = refused(&mut w, "telegram-send-message", send(BOARD)).await;
    assert!(text.contains("CHANNEL_PRIVATE"), "{text}");
    let text = refused(&mut w, "telegram-send-message", send(HIKE)).await;
    assert!(text.contains("CHAT_WRITE_FORBIDDEN"), "{text}");
    // A public supergroup is visible but takes messages from its members only.
    w.call_ok("telegram-join-chat", json!({"target": "@chess_evenings"})).await;
    w.call_ok("telegram-send-message", json!({"chatId": "@chess_evenings", "text": "hello"})).await;
    w.call_ok("telegram-leave-group", json!({"chatId": "@chess_evenings", "confirm": true})).await;
    let text =
        refused(&mut w, "telegram-send-message", json!({"chatId": "@chess_evenings", "text": "hi"})).await;
    assert!(text.contains("CHAT_WRITE_FORBIDDEN"), "{text}");
    let refusals = sandbox.calls().await;
    let refusals = refusals.iter().filter(|c| c["method"] == "messages.sendMessage" && c["outcome"] != "ok");
    assert_eq!(refusals.count(), 3);
}
