//! The `contacts` tools through the real binary against the sandbox: The account: signing in and out, contacts and blocks, sessions, privacy, the profile, emoji status, colour, birthday and personal channel.
//!
//! Every tool gets a valid call and a misuse (a clear tool error, nothing changed, the window
//! alive), and every write is read back. The own profile's changes are in `contacts/profile.rs`.

mod profile;

use serde_json::{Value, json};

use crate::window::{ANSWER, SandboxProc, Window};

const API_HASH: &str = "0123456789abcdef0123456789abcdef";
const PASSWORD: &str = "correct horse battery";

pub(super) fn tool_error(result: &Value) -> String {
    assert_eq!(result["isError"], json!(true), "expected a tool error: {result}");
    result["content"][0]["text"].as_str().unwrap().to_owned()
}

/// A sandbox and a window with every tool.
pub(super) async fn start(dir: &std::path::Path) -> (SandboxProc, Window) {
    let sandbox = SandboxProc::start(&dir.join("session")).await;
    let mut w = Window::spawn_with(&sandbox.session, &[], &[("MCP_TELEGRAM_TOOLS", "all")]);
    w.initialize().await;
    (sandbox, w)
}

fn count(calls: &[Value], method: &str) -> usize {
    calls.iter().filter(|c| c["method"] == method).count()
}

/// Waits until the owner is in `state`. The owner has no awaitable state over MCP, so this
/// first waits on the sandbox's RPC log for the call that ends the login (`rpc`, seen `n`
/// times), then asks the owner (bounded): only the moment between the sandbox answering and
/// the owner recording the answer is left, and each question is an answer, not a sleep.
async fn until_state(sandbox: &SandboxProc, w: &mut Window, rpc: &str, n: usize, state: &str) {
    sandbox.until_calls(|calls| count(calls, rpc) >= n).await;
    let waited = tokio::time::timeout(ANSWER, async {
        while w.call_ok("telegram-status", json!({})).await["state"] != state {}
    });
    waited.await.unwrap_or_else(|_| panic!("the owner never became {state}"));
}

#[tokio::test]
async fn qr_login_through_the_owner_then_logout() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start_with(&dir.path().join("session"), &["--signed-out"]).await;
    let env = [("TELEGRAM_API_HASH", API_HASH), ("MCP_TELEGRAM_TOOLS", "all")];
    let mut w = Window::spawn_with(&sandbox.session, &[], &env);
    w.initialize().await;

    let shown = w.call("telegram-login", json!({})).await;
    assert_eq!(shown["isError"], json!(false), "{shown}");
    let qr = &shown["structuredContent"];
    assert_eq!(qr["state"], "qr", "{shown}");
    let url = qr["url"].as_str().unwrap().to_owned();
    assert!(url.starts_with("tg://login?token="), "{url}");
    let image = shown["content"].as_array().unwrap().iter().find(|c| c["type"] == "image").unwrap();
    assert_eq!(image["mimeType"], "image/png");
    assert!(image["data"].as_str().unwrap().starts_with("iVBORw0KGgo"), "a PNG, base64");
    // A second call joins the login that waits for a scan: same code, no second export.
    let again = w.call_ok("telegram-login", json!({})).await;
    assert_eq!(again["url"], url.as_str(), "{again}");
    assert_eq!(count(&sandbox.calls().await, "auth.exportLoginToken"), 1);

    assert_eq!(sandbox.control(json!({"op": "scan-qr"})).await["ok"], true);
    // The owner asks for the token again when the scan is announced; that answer signs it in.
    until_state(&sandbox, &mut w, "auth.exportLoginToken", 2, "connected").await;
    let exports = count(&sandbox.calls().await, "auth.exportLoginToken");
    // Signed in, a call says so and starts nothing.
    let done = w.call("telegram-login", json!({})).await;
    assert!(done["content"][0]["text"].as_str().unwrap().contains("already logged in as @alice_sandbox"));
    assert_eq!(done["structuredContent"]["state"], "logged_in");
    assert_eq!(count(&sandbox.calls().await, "auth.exportLoginToken"), exports);
    w.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 1})).await;
    assert_eq!(w.call_ok("telegram-get-sessions", json!({})).await["sessions"][0]["current"], true);

    // Logout is destructive: refused without confirm, then like `mcp-telegram logout`.
    let refused = tool_error(&w.call("telegram-logout", json!({})).await);
    assert!(refused.contains("confirm"), "{refused}");
    assert_eq!(w.call_ok("telegram-status", json!({})).await["state"], "connected");
    let out = w.call_ok("telegram-logout", json!({"confirm": true})).await;
    assert_eq!(out["state"], "logged_out");
    assert_eq!(w.call_ok("telegram-status", json!({})).await["state"], "not_logged_in");
    let key = mcp_telegram::sandbox::read_sandbox_key(&sandbox.session).await.unwrap();
    assert!(key.is_none(), "logout removed the session's key");
    assert!(count(&sandbox.calls().await, "auth.logOut") == 1);
    for read in ["telegram-get-sessions", "telegram-get-global-privacy-settings"] {
        assert!(tool_error(&w.call(read, json!({})).await).contains("not logged in"), "{read}");
    }

    w.close().await;
}

#[tokio::test]
async fn a_qr_login_that_needs_the_2fa_password_says_to_finish_in_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start_with(&dir.path().join("session"), &["--signed-out"]).await;
    sandbox.control(json!({"op": "password", "password": PASSWORD})).await;
    let mut w = Window::spawn_with(&sandbox.session, &[], &[("TELEGRAM_API_HASH", API_HASH)]);
    w.initialize().await;
    assert_eq!(w.call_ok("telegram-login", json!({})).await["state"], "qr");
    assert_eq!(sandbox.control(json!({"op": "scan-qr"})).await["ok"], true);
    // The scanned login asks for the password's parameters; then the login answers with its end
    // (bounded questions to the owner, as in `until_state`).
    sandbox.until_calls(|calls| count(calls, "account.getPassword") >= 1).await;
    let said = tokio::time::timeout(ANSWER, async {
        loop {
            let answer = w.call("telegram-login", json!({})).await;
            if answer["isError"] == true {
                return tool_error(&answer);
            }
        }
    });
    let said = said.await.expect("the login ends");
    assert!(said.contains("2FA password") && said.contains("mcp-telegram login"), "{said}");
    assert_eq!(w.call_ok("telegram-status", json!({})).await["state"], "not_logged_in");
    let exports = count(&sandbox.calls().await, "auth.exportLoginToken");
    assert!(tool_error(&w.call("telegram-login", json!({})).await).contains("2FA password"));
    assert_eq!(count(&sandbox.calls().await, "auth.exportLoginToken"), exports, "no new code meanwhile");

    // The terminal login finishes it through the same owner; the tool then says so.
    let mut login = crate::window::command(&sandbox.session, &["login"]);
    login.env("TELEGRAM_API_HASH", API_HASH);
    let mut t = crate::pty::Terminal::spawn(login);
    t.expect("Phone number");
    t.type_line(sandbox.ready["phone"].as_str().unwrap());
    t.expect("Code: ");
    let code = sandbox.control(json!({"op": "login-code"})).await;
    t.type_line(code["code"].as_str().unwrap());
    t.expect("2FA password");
    t.type_line(PASSWORD);
    t.expect("Logged in as @alice_sandbox");
    assert!(t.wait().success());
    let done = w.call_ok("telegram-login", json!({})).await;
    assert_eq!(done["state"], "logged_in", "{done}");
    w.close().await;
}

#[tokio::test]
async fn contacts_requests_profiles_and_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(dir.path()).await;

    let first = w.call_ok("telegram-get-contacts", json!({"limit": 3})).await;
    assert_eq!(first["total"], 4, "Boris, Carol, Dmitri, Elena: {first}");
    assert_eq!(first["contacts"].as_array().unwrap().len(), 3);
    let rest = w.call_ok("telegram-get-contacts", json!({"cursor": first["nextCursor"]})).await;
    assert_eq!(rest["contacts"].as_array().unwrap().len(), 1);
    assert!(rest["nextCursor"].is_null());
    let wrong = w.call("telegram-get-contacts", json!({"cursor": "m:5"})).await;
    assert!(tool_error(&wrong).contains("another tool"));

    // A stranger writes: a contact request, with the message.
    let none = w.call_ok("telegram-get-contact-requests", json!({})).await;
    assert_eq!(none["requests"], json!([]), "{none}");
    // A chat whose last message is Alice's is not a request (she wrote or already answered).
    sandbox.control(json!({"op": "inject", "chat": 7000007, "text": "Hello?"})).await;
    w.call_ok("telegram-send-message", json!({"chatId": 7000007, "text": "Hello Quinn"})).await;
    let answered = w.call_ok("telegram-get-contact-requests", json!({})).await;
    assert_eq!(answered["requests"], json!([]), "{answered}");
    let text = "Hi Alice! We met at the Rust meetup";
    let injected = sandbox.control(json!({"op": "inject", "chat": 7000007, "text": text})).await;
    assert_eq!(injected["ok"], true, "{injected}");
    let requests = w.call_ok("telegram-get-contact-requests", json!({"limit": 5})).await;
    let request = &requests["requests"][0];
    assert_eq!(request["user"]["id"], 7000007, "{requests}");
    assert_eq!(request["lastMessage"]["text"], text);
    let bad = w.call("telegram-get-contact-requests", json!({"cursor": "nonsense"})).await;
    assert!(tool_error(&bad).contains("invalid cursor"));

    // Accepting it: added, no longer a request, a contact in the list and the profile.
    let empty = w.call("telegram-add-contact", json!({"userId": "@quinn_harper", "firstName": " "})).await;
    assert!(tool_error(&empty).contains("firstName is empty"));
    let me = w.call("telegram-add-contact", json!({"userId": "me", "firstName": "Me"})).await;
    assert!(tool_error(&me).contains("CONTACT_ID_INVALID"));
    let args =
        json!({"userId": "@quinn_harper", "firstName": "Quinn", "lastName": "H.", "phone": "+31 6 1234"});
    let added = w.call_ok("telegram-add-contact", args).await;
    assert_eq!((added["name"].as_str(), added["phone"].as_str()), (Some("Quinn H."), Some("3161234")));
    let after = w.call_ok("telegram-get-contact-requests", json!({})).await;
    assert_eq!(after["requests"], json!([]), "{after}");
    let all = w.call_ok("telegram-get-contacts", json!({})).await;
    assert!(all["contacts"].as_array().unwrap().iter().any(|c| c["id"] == 7000007), "{all}");
    assert_eq!(w.call_ok("telegram-get-profile", json!({"userId": 7000007})).await["contact"], true);

    let boris = w.call_ok("telegram-get-profile", json!({"userId": "@boris_p"})).await;
    assert_eq!(boris["bio"], "Люблю горы и Rust", "{boris}");
    assert_eq!((boris["blocked"].as_bool(), boris["isSelf"].as_bool()), (Some(false), Some(false)));
    assert!(boris["commonChatsCount"].as_i64().unwrap() >= 2, "{boris}");
    let group = w.call("telegram-get-profile", json!({"userId": -4100001})).await;
    assert!(tool_error(&group).contains("not a user"));

    // Blocks, live in the profile.
    w.call_ok("telegram-block-user", json!({"userId": "@carol_w"})).await;
    assert_eq!(w.call_ok("telegram-get-profile", json!({"userId": "@carol_w"})).await["blocked"], true);
    let yourself = w.call("telegram-block-user", json!({"userId": "me"})).await;
    assert!(tool_error(&yourself).contains("CONTACT_ID_INVALID"));
    let channel = w.call("telegram-unblock-user", json!({"userId": "@sandbox_news"})).await;
    assert!(tool_error(&channel).contains("not a user"));
    w.call_ok("telegram-unblock-user", json!({"userId": "@carol_w"})).await;
    assert_eq!(w.call_ok("telegram-get-profile", json!({"userId": "@carol_w"})).await["blocked"], false);
    let calls = sandbox.calls().await;
    assert_eq!((count(&calls, "contacts.block"), count(&calls, "contacts.unblock")), (2, 1));
    w.close().await;
}

#[tokio::test]
async fn sessions_and_privacy() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(dir.path()).await;

    let stray = w.call("telegram-get-sessions", json!({"limit": 5})).await;
    assert!(tool_error(&stray).contains("unknown field"), "{stray}");
    let sessions = w.call_ok("telegram-get-sessions", json!({})).await;
    let list = sessions["sessions"].as_array().unwrap().clone();
    assert_eq!(list.len(), 3, "{sessions}");
    let current = list.iter().find(|s| s["current"] == true).unwrap();
    let phone = list.iter().find(|s| s["deviceModel"] == "iPhone 15 Pro").unwrap();
    let this = json!({"sessionId": current["hash"], "confirm": true});
    assert!(tool_error(&w.call("telegram-terminate-session", this).await).contains("telegram-logout"));
    let unknown = json!({"sessionId": "12345", "confirm": true});
    assert!(tool_error(&w.call("telegram-terminate-session", unknown).await).contains("HASH_INVALID"));
    let neither = w.call("telegram-terminate-session", json!({"confirm": true})).await;
    assert!(tool_error(&neither).contains("terminateAllOther"));
    let unconfirmed = w.call("telegram-terminate-session", json!({"sessionId": phone["hash"]})).await;
    assert!(tool_error(&unconfirmed).contains("confirm"));
    assert_eq!(w.call_ok("telegram-get-sessions", json!({})).await["sessions"].as_array().unwrap().len(), 3);
    let one = json!({"sessionId": phone["hash"], "confirm": true});
    assert_eq!(w.call_ok("telegram-terminate-session", one).await["sessionId"], phone["hash"]);
    assert_eq!(w.call_ok("telegram-get-sessions", json!({})).await["sessions"].as_array().unwrap().len(), 2);
    let others = json!({"terminateAllOther": true, "confirm": true});
    assert_eq!(w.call_ok("telegram-terminate-session", others).await["allOther"], true);
    let left = w.call_ok("telegram-get-sessions", json!({})).await;
    assert_eq!(left["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(left["sessions"][0]["current"], true);

    // Privacy rules: each change answers with the rules before it (account.getPrivacy).
    let args = json!({"setting": "last_seen", "rule": "contacts", "disallowUsers": ["@boris_p"]});
    let set = w.call_ok("telegram-set-privacy", args).await;
    assert_eq!(set["before"]["rule"], "everyone", "{set}");
    assert_eq!(
        (set["after"]["rule"].as_str(), &set["after"]["disallowUsers"]),
        (Some("contacts"), &json!([7000002]))
    );
    let again = w.call_ok("telegram-set-privacy", json!({"setting": "last_seen", "rule": "nobody"})).await;
    assert_eq!(again["before"], set["after"], "the change was kept: {again}");
    let phone_number =
        w.call_ok("telegram-set-privacy", json!({"setting": "phone_number", "rule": "nobody"})).await;
    assert_eq!(phone_number["before"]["rule"], "contacts");
    let bad = w.call("telegram-set-privacy", json!({"setting": "shoe_size", "rule": "nobody"})).await;
    assert!(tool_error(&bad).contains("not one of phone_number"));
    let group = json!({"setting": "calls", "rule": "nobody", "allowUsers": ["-4100001"]});
    assert!(tool_error(&w.call("telegram-set-privacy", group).await).contains("not a user"));

    // The global switches, merged with what is set, and Premium for one of them.
    let global = w.call_ok("telegram-get-global-privacy-settings", json!({})).await;
    assert_eq!(global["archiveAndMuteNewNoncontactPeers"], false, "{global}");
    let nothing = w.call("telegram-set-global-privacy-settings", json!({})).await;
    assert!(tool_error(&nothing).contains("nothing to change"));
    let archive = json!({"archiveAndMuteNewNoncontactPeers": true});
    let set = w.call_ok("telegram-set-global-privacy-settings", archive).await;
    assert_eq!(set["after"]["archiveAndMuteNewNoncontactPeers"], true);
    let premium_only = json!({"newNoncontactPeersRequirePremium": true});
    let refused = tool_error(&w.call("telegram-set-global-privacy-settings", premium_only.clone()).await);
    assert!(refused.contains("PREMIUM_ACCOUNT_REQUIRED") && refused.contains("Premium"), "{refused}");
    sandbox.control(json!({"op": "premium", "on": true})).await;
    w.call_ok("telegram-set-global-privacy-settings", premium_only).await;
    let now = w.call_ok("telegram-get-global-privacy-settings", json!({})).await;
    assert_eq!(now["archiveAndMuteNewNoncontactPeers"], true, "the first change stays: {now}");
    assert_eq!(now["newNoncontactPeersRequirePremium"], true);
    let calls = sandbox.calls().await;
    assert_eq!(count(&calls, "auth.resetAuthorizations"), 1);
    w.close().await;
}

#[tokio::test]
async fn a_window_limited_to_some_chats_sees_and_names_only_those_people() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let env = [("MCP_TELEGRAM_TOOLS", "all"), ("MCP_TELEGRAM_ALLOWED_CHATS", "@boris_p, @carol_w")];
    let mut w = Window::spawn_with(&sandbox.session, &[], &env);
    w.initialize().await;

    // The count and the cursor cover only the allowed contacts (the account has four).
    let first = w.call("telegram-get-contacts", json!({"limit": 1})).await;
    assert_eq!(first["structuredContent"]["total"], 2, "{first}");
    assert!(first["content"][0]["text"].as_str().unwrap().contains("1 of 2 contacts"), "{first}");
    let cursor = &first["structuredContent"]["nextCursor"];
    let rest = w.call_ok("telegram-get-contacts", json!({"cursor": cursor})).await;
    assert_eq!(rest["contacts"].as_array().unwrap().len(), 1, "{rest}");
    assert!(rest["nextCursor"].is_null(), "{rest}");

    // A stranger outside the allowlist writes: no request here.
    sandbox.control(json!({"op": "inject", "chat": 7000007, "text": "Hi Alice!"})).await;
    let requests = w.call_ok("telegram-get-contact-requests", json!({})).await;
    assert_eq!(requests["requests"], json!([]), "{requests}");

    // People and channels outside it cannot be named in privacy rules or the profile.
    let outside = "not in this window's allowed chats";
    let elena = json!({"setting": "calls", "rule": "nobody", "allowUsers": ["@elena_k"]});
    assert!(tool_error(&w.call("telegram-set-privacy", elena).await).contains(outside));
    let news = json!({"channelId": "@sandbox_news"});
    assert!(tool_error(&w.call("telegram-set-personal-channel", news).await).contains(outside));
    let calls = sandbox.calls().await;
    assert_eq!(count(&calls, "account.setPrivacy") + count(&calls, "account.updatePersonalChannel"), 0);
    w.close().await;
}
