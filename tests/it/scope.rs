//! Per-window scopes through the real binary: profiles and their `tools/list` sizes, read-only
//! windows, chat allowlists, confirmation of destructive tools (the `confirm` fallback and MCP
//! elicitation through the official Python SDK), per-uid grants from a policy file on one
//! daemon, and a malformed policy file.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Stdio;

use serde_json::{Value, json};

use crate::python_clients::venv_python;
use crate::window::tool_error;
use crate::window::{ANSWER, SandboxProc, Window, bin, command, listening, socket_of};

/// The most the default `tools/list` may weigh (issue: ≤ 40 KB of client context).
const DEFAULT_LIST_MAX: usize = 40_000;

async fn tools_of(w: &mut Window) -> (Vec<Value>, usize) {
    let answer = w.request("tools/list", json!({})).await;
    let size = answer["result"].to_string().len();
    (answer["result"]["tools"].as_array().unwrap().clone(), size)
}

fn names(tools: &[Value]) -> Vec<String> {
    tools.iter().map(|t| t["name"].as_str().unwrap().to_owned()).collect()
}

async fn window(session: &Path, env: &[(&str, &str)]) -> Window {
    let mut w = Window::spawn_with(session, &[], env);
    w.initialize().await;
    w
}

/// A sandbox with a daemon serving its session.
async fn daemon(dir: &Path, env: &[(&str, &str)]) -> (SandboxProc, Window) {
    let sandbox = SandboxProc::start(&dir.join("session")).await;
    let daemon = Window::spawn_with(&sandbox.session, &["serve"], env);
    listening(&socket_of(&sandbox.session)).await;
    (sandbox, daemon)
}

async fn sent_methods(sandbox: &SandboxProc) -> Vec<String> {
    let writes = [
        "messages.sendMessage",
        "messages.editMessage",
        "messages.deleteMessages",
        "messages.forwardMessages",
        "messages.readHistory",
        "channels.readHistory",
    ];
    let calls = sandbox.calls().await;
    calls
        .iter()
        .filter_map(|c| c["method"].as_str())
        .filter(|m| writes.contains(m))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn every_profile_lists_its_tools_and_the_default_fits_in_40_kb() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, _daemon) = daemon(dir.path(), &[]).await;
    let mut default = window(&sandbox.session, &[]).await;
    let (core, core_size) = tools_of(&mut default).await;
    eprintln!("tools/list sizes: default (core) {} tools, {core_size} bytes", core.len());
    assert!(core_size <= DEFAULT_LIST_MAX, "the default tools/list is {core_size} bytes");
    assert!(names(&core).contains(&"telegram-send-message".to_owned()));
    let mut all = window(&sandbox.session, &[("MCP_TELEGRAM_TOOLS", "all")]).await;
    let (every, every_size) = tools_of(&mut all).await;
    eprintln!("tools/list sizes: all {} tools, {every_size} bytes", every.len());
    let profiles = ["messaging", "media", "groups", "account", "stories", "business", "stars", "calls"];
    for profile in ["core", "quick-replies", "core,media"].into_iter().chain(profiles) {
        let mut w = window(&sandbox.session, &[("MCP_TELEGRAM_TOOLS", profile)]).await;
        let (tools, size) = tools_of(&mut w).await;
        eprintln!("tools/list sizes: {profile} {} tools, {size} bytes", tools.len());
        let listed = names(&tools);
        assert!(names(&core).iter().all(|t| listed.contains(t)), "{profile} includes core");
        assert!(listed.iter().all(|t| names(&every).contains(t)), "{profile} is within all");
    }
    // The original's opt-in flags add the same tools as their profiles.
    let mut starred = window(&sandbox.session, &[("MCP_TELEGRAM_ENABLE_STARS", "1")]).await;
    let mut stars = window(&sandbox.session, &[("MCP_TELEGRAM_TOOLS", "core,stars")]).await;
    assert_eq!(names(&tools_of(&mut starred).await.0), names(&tools_of(&mut stars).await.0));
    // Allow and deny lists change one window only.
    let mut narrowed = window(
        &sandbox.session,
        &[("MCP_TELEGRAM_TOOLS_DENY", "telegram-send-message, telegram-edit-message")],
    )
    .await;
    let listed = names(&tools_of(&mut narrowed).await.0);
    assert!(
        !listed.contains(&"telegram-send-message".to_owned())
            && listed.contains(&"telegram-read-messages".to_owned())
    );
    let why = tool_error(&narrowed.call("telegram-send-message", json!({"chatId": "me", "text": "x"})).await);
    assert!(why.contains("in this window's MCP_TELEGRAM_TOOLS_DENY: remove it from there"), "{why}");
    assert_eq!(sent_methods(&sandbox).await, Vec::<String>::new(), "nothing was sent");
    // The status names the window's scope.
    let status = default.call_ok("telegram-status", json!({})).await;
    assert!(status["scope"].as_str().unwrap().contains("core"), "{status}");
}

#[tokio::test]
async fn a_read_only_window_hides_and_refuses_every_write_tool() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, _daemon) = daemon(dir.path(), &[]).await;
    let mut full = window(&sandbox.session, &[("MCP_TELEGRAM_TOOLS", "all")]).await;
    let (every, _) = tools_of(&mut full).await;
    let mut ro =
        window(&sandbox.session, &[("MCP_TELEGRAM_TOOLS", "all"), ("MCP_TELEGRAM_READ_ONLY", "1")]).await;
    let (visible, _) = tools_of(&mut ro).await;
    assert!(!visible.is_empty());
    for tool in &visible {
        assert_eq!(tool["annotations"]["readOnlyHint"], true, "a write tool is listed: {}", tool["name"]);
    }
    let writes: Vec<&Value> = every.iter().filter(|t| t["annotations"]["readOnlyHint"] != true).collect();
    assert!(writes.len() >= 5, "the write tools: {}", writes.len());
    let args = json!({"chatId": "me", "text": "x", "messageId": 1, "messageIds": [1], "fromChatId": "me", "toChatId": "me", "confirm": true});
    for tool in writes {
        let name = tool["name"].as_str().unwrap();
        let why = tool_error(&ro.call(name, args.clone()).await);
        assert!(why.contains("read-only (MCP_TELEGRAM_READ_ONLY=1)"), "{name}: {why}");
    }
    assert_eq!(sent_methods(&sandbox).await, Vec::<String>::new(), "no write reached Telegram");
    // The read tools still work, and another window of the same daemon still writes.
    ro.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 1})).await;
    full.call_ok("telegram-send-message", json!({"chatId": "me", "text": "still writable"})).await;
}

#[tokio::test]
async fn a_chat_allowlist_refuses_other_chats_and_filters_listings() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, _daemon) = daemon(dir.path(), &[]).await;
    let mut w = window(&sandbox.session, &[("MCP_TELEGRAM_ALLOWED_CHATS", "@boris_p, @sandbox_news")]).await;
    w.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 1})).await;
    w.call_ok("telegram-read-messages", json!({"chatId": 7_000_002, "limit": 1})).await;
    for (tool, args) in [
        ("telegram-read-messages", json!({"chatId": "me"})),
        ("telegram-send-message", json!({"chatId": "me", "text": "leak"})),
        ("telegram-get-chat-info", json!({"chatId": "@rust_ru_sandbox"})),
        ("telegram-forward-message", json!({"fromChatId": "@boris_p", "toChatId": "me", "messageIds": [1]})),
    ] {
        let why = tool_error(&w.call(tool, args).await);
        assert!(
            why.contains("not in this window's allowed chats (MCP_TELEGRAM_ALLOWED_CHATS)"),
            "{tool}: {why}"
        );
    }
    assert_eq!(sent_methods(&sandbox).await, Vec::<String>::new(), "nothing was sent or forwarded");
    let chats = w.call_ok("telegram-list-chats", json!({"limit": 100})).await;
    let mut ids: Vec<i64> =
        chats["chats"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    let news =
        w.call_ok("telegram-search-chats", json!({"query": "sandbox_news"})).await["chats"][0]["id"].clone();
    let mut expected = vec![7_000_002, news.as_i64().unwrap()];
    expected.sort_unstable();
    assert_eq!(ids, expected, "exactly the allowed chats are listed: {chats}");
    let found = w.call_ok("telegram-search-chats", json!({"query": "Rust"})).await;
    assert_eq!(found["chats"], json!([]), "search shows no other chat: {found}");
    // An ambiguous name lists no candidates the window may not see.
    let why = tool_error(&w.call("telegram-read-messages", json!({"chatId": "sandbox"})).await);
    assert!(why.contains("matches several chats") && !why.contains('('), "{why}");
    // A refusal names nothing about the refused chat.
    let why = tool_error(&w.call("telegram-read-messages", json!({"chatId": "Rust"})).await);
    assert!(!why.contains("Rust") && !why.contains("-100"), "{why}");
}

#[tokio::test]
async fn a_bad_scope_setting_stops_the_window_with_the_variable_named() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, _daemon) = daemon(dir.path(), &[]).await;
    for (var, value, expected) in [
        ("MCP_TELEGRAM_TOOLS", "core,medai", "MCP_TELEGRAM_TOOLS: unknown profile \"medai\""),
        ("MCP_TELEGRAM_TOOLS_ALLOW", "telegram-sned", "no tool is named \"telegram-sned\""),
        ("MCP_TELEGRAM_READ_ONLY", "maybe", "MCP_TELEGRAM_READ_ONLY=\"maybe\": use 1 or 0"),
        ("MCP_TELEGRAM_ALLOWED_CHATS", "Boris Petrov", "is not a chat id or an @username"),
    ] {
        let out = command(&sandbox.session, &[]).env(var, value).stdin(Stdio::null()).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{var}={value} was accepted");
        assert!(stderr.contains(expected), "{var}={value}: {stderr}");
    }
    // The daemon is unaffected.
    window(&sandbox.session, &[]).await.call_ok("telegram-status", json!({})).await;
}

async fn send_to_me(w: &mut Window, text: &str) -> i64 {
    let sent = w.call_ok("telegram-send-message", json!({"chatId": "me", "text": text})).await;
    sent["message"]["id"].as_i64().unwrap()
}

async fn exists_in_me(w: &mut Window, id: i64) -> bool {
    let page = w.call_ok("telegram-read-messages", json!({"chatId": "me", "limit": 50})).await;
    page["messages"].as_array().unwrap().iter().any(|m| m["id"] == id)
}

#[tokio::test]
async fn without_elicitation_a_destructive_tool_needs_confirm_true() {
    let dir = tempfile::tempdir().unwrap();
    let (_sandbox, _daemon) = daemon(dir.path(), &[]).await;
    let mut w = window(&dir.path().join("session"), &[]).await;
    let id = send_to_me(&mut w, "delete me").await;
    let why =
        tool_error(&w.call("telegram-delete-message", json!({"chatId": "me", "messageIds": [id]})).await);
    assert!(why.contains("\"confirm\": true"), "{why}");
    let why = tool_error(
        &w.call("telegram-delete-message", json!({"chatId": "me", "messageIds": [id], "confirm": false}))
            .await,
    );
    assert!(why.contains("not confirmed"), "{why}");
    assert!(exists_in_me(&mut w, id).await, "nothing was deleted");
    // Ids of another chat are not deleted through this one (private chats share one id space).
    let other = json!({"chatId": "@boris_p", "messageIds": [id], "confirm": true});
    let why = tool_error(&w.call("telegram-delete-message", other).await);
    assert!(why.contains("none of these messages is in"), "{why}");
    assert!(exists_in_me(&mut w, id).await, "nothing was deleted");
    let done = w
        .call_ok("telegram-delete-message", json!({"chatId": "me", "messageIds": [id], "confirm": true}))
        .await;
    assert_eq!(done["count"], 1, "{done}");
    assert!(!exists_in_me(&mut w, id).await);
}

/// Runs `elicit.py` (the official Python SDK, declaring elicitation) against a window.
async fn elicit(session: &Path, home: &Path, era: &str, answer: &str, args: &Value) -> Value {
    let python = venv_python().await;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/elicit.py");
    let mut cmd = tokio::process::Command::new(python);
    cmd.arg(script)
        .args([era, answer, "telegram-delete-message", &args.to_string(), "--", bin()])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("TELEGRAM_SESSION_PATH", session)
        .env("TELEGRAM_API_ID", "12345")
        .stdin(Stdio::null())
        .kill_on_drop(true);
    let out = tokio::time::timeout(ANSWER * 2, cmd.output()).await.unwrap().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "elicit.py {answer}: {}\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("elicit.py printed {stdout:?}: {e}"))
}

/// Decline, cancel, then accept a deletion through the SDK's elicitation callback in one era.
async fn elicitation_in(era: &str) {
    let dir = tempfile::tempdir().unwrap();
    let (_sandbox, _daemon) = daemon(dir.path(), &[]).await;
    let session = dir.path().join("session");
    let mut w = window(&session, &[]).await;
    let id = send_to_me(&mut w, "ask before deleting").await;
    let args = json!({"chatId": "me", "messageIds": [id]});
    // `confirm: true` from the model does not skip asking a client that can ask.
    let eager = json!({"chatId": "me", "messageIds": [id], "confirm": true});
    let answers = [
        ("decline", &args),
        ("cancel", &args),
        ("accept-no", &args),
        ("accept-empty", &args),
        ("decline", &eager),
    ];
    for (answer, args) in answers {
        let report = elicit(&session, dir.path(), era, answer, args).await;
        assert_eq!(report["is_error"], true, "{report}");
        assert!(report["text"].as_str().unwrap().contains("declined by the user"), "{report}");
        let asked = &report["asked"][0];
        assert!(
            asked["message"].as_str().unwrap().contains("Delete 1 message(s) in Saved Messages"),
            "{report}"
        );
        assert_eq!(asked["schema"]["properties"]["confirm"]["type"], "boolean", "{report}");
        assert!(exists_in_me(&mut w, id).await, "{era} {answer}: nothing was deleted");
    }
    let report = elicit(&session, dir.path(), era, "accept", &args).await;
    assert_eq!(report["is_error"], false, "{report}");
    assert_eq!(report["asked"].as_array().map(Vec::len), Some(1), "asked once: {report}");
    assert_eq!(report["structured"]["count"], 1, "{report}");
    assert!(!exists_in_me(&mut w, id).await, "deleted after the user's yes");
}

#[tokio::test]
async fn python_sdk_elicitation_confirms_or_declines_a_destructive_call() {
    elicitation_in("legacy").await;
}

#[tokio::test]
async fn python_sdk_2026_era_confirms_through_input_required() {
    elicitation_in("modern").await;
}

/// A daemon whose socket another user may reach: the directory is traversable and the socket
/// writable for everyone (the packaged service does this with a group instead).
async fn shared_daemon(dir: &Path, policy: &Path) -> (SandboxProc, std::process::Child, std::path::PathBuf) {
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o711)).unwrap();
    let sandbox = SandboxProc::start(&dir.join("session")).await;
    let log = dir.join("daemon.log");
    let daemon = command(&sandbox.session, &["serve"])
        .env("MCP_TELEGRAM_POLICY", policy)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let socket = socket_of(&sandbox.session);
    listening(&socket).await;
    std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o666)).unwrap();
    (sandbox, daemon, log)
}

#[tokio::test]
async fn two_uids_on_one_daemon_get_the_scopes_the_policy_grants() {
    if !rustix::process::getuid().is_root() {
        eprintln!("skipped: needs root to run a client as another user");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, "[default]\nread_only = true\n\n[[client]]\nuid = 0\ntools = \"all\"\n").unwrap();
    let (sandbox, mut daemon, log) = shared_daemon(dir.path(), &policy).await;

    let mut root = window(&sandbox.session, &[("MCP_TELEGRAM_TOOLS", "all")]).await;
    assert!(names(&tools_of(&mut root).await.0).contains(&"telegram-send-message".to_owned()));
    root.call_ok("telegram-send-message", json!({"chatId": "me", "text": "from root"})).await;

    // The same binary as `nobody`, through runuser, with the same settings.
    let mut as_nobody = tokio::process::Command::new("runuser");
    as_nobody
        .args(["-u", "nobody", "--", bin()])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", dir.path())
        .env("TELEGRAM_SESSION_PATH", &sandbox.session)
        .env("MCP_TELEGRAM_TOOLS", "all")
        .stderr(Stdio::inherit());
    let mut nobody = Window::from_command(as_nobody);
    nobody.initialize().await;
    let visible = names(&tools_of(&mut nobody).await.0);
    assert!(!visible.is_empty() && !visible.contains(&"telegram-send-message".to_owned()), "{visible:?}");
    nobody.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 1})).await;
    let why = tool_error(
        &nobody.call("telegram-send-message", json!({"chatId": "me", "text": "from nobody"})).await,
    );
    assert!(why.contains("read-only (the policy for [default])"), "{why}");
    let status = nobody.call_ok("telegram-status", json!({})).await;
    assert!(status["scope"].as_str().unwrap().contains("read-only"), "{status}");
    let sends = sent_methods(&sandbox).await;
    assert_eq!(sends, vec!["messages.sendMessage".to_owned()], "only root's message was sent");

    nobody.close().await;
    root.close().await;
    daemon.kill().unwrap();
    daemon.wait().unwrap();
    let logs = std::fs::read_to_string(&log).unwrap();
    assert!(logs.contains("access policy loaded from"), "{logs}");
    assert!(
        logs.contains("uid 0: all (") && logs.contains("[default]: all ("),
        "the scope of each client is logged:\n{logs}"
    );
    let call_line =
        logs.lines().find(|l| l.contains("telegram-send-message error (refused)")).unwrap_or_default();
    assert!(call_line.contains("read-only"), "the refused call names its scope:\n{logs}");
}

#[tokio::test]
async fn a_malformed_policy_file_stops_the_daemon_with_the_line_and_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    for (text, line, why) in [
        ("[default]\nread_only = true\nreadonly = true\n", "line 3", "unknown field `readonly`"),
        (
            "[default]\nread_only = true\n\n[[client]]\nuser = \"alice\"\ntools = \"core,medai\"\n",
            "line 4",
            "tools: unknown profile \"medai\"",
        ),
        (
            "[[client]]\nuid = 1\ndeny = [\"telegram-sned\"]\n",
            "line 1",
            "deny: no tool is named \"telegram-sned\"",
        ),
        ("[default\n", "line 1", ""),
    ] {
        let policy = dir.path().join("policy.toml");
        std::fs::write(&policy, text).unwrap();
        let out = command(&sandbox.session, &["serve"])
            .env("MCP_TELEGRAM_POLICY", &policy)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{text:?} was accepted");
        assert!(stderr.contains(&format!("is invalid at {line}: {why}")), "{text:?}: {stderr}");
        assert!(stderr.contains("fix the file"), "{stderr}");
        assert!(!socket_of(&sandbox.session).exists(), "no socket was left behind");
    }
    // A missing file named explicitly is an error too.
    let out = command(&sandbox.session, &["serve"])
        .env("MCP_TELEGRAM_POLICY", dir.path().join("nope.toml"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("failed to read the access policy"));
}

#[tokio::test]
async fn only_the_owners_user_or_root_may_log_the_account_in_or_out() {
    if !rustix::process::getuid().is_root() {
        eprintln!("skipped: needs root to run a client as another user");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, "[default]\ntools = \"all\"\n").unwrap();
    let (sandbox, mut daemon, _log) = shared_daemon(dir.path(), &policy).await;
    let mut as_nobody = tokio::process::Command::new("runuser");
    as_nobody
        .args(["-u", "nobody", "--", bin()])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", dir.path())
        .env("TELEGRAM_SESSION_PATH", &sandbox.session)
        .env("MCP_TELEGRAM_TOOLS", "all")
        .stderr(Stdio::inherit());
    let mut nobody = Window::from_command(as_nobody);
    nobody.initialize().await;
    // Every other write is granted to nobody; signing out is not.
    nobody.call_ok("telegram-send-message", json!({"chatId": "me", "text": "from nobody"})).await;
    for (tool, args) in [("telegram-logout", json!({"confirm": true})), ("telegram-login", json!({}))] {
        let why = tool_error(&nobody.call(tool, args).await);
        assert!(why.contains("only the owner's user (uid 0) or root may log in or out"), "{tool}: {why}");
    }
    let status = nobody.call_ok("telegram-status", json!({})).await;
    assert_eq!(status["state"], json!("connected"), "still signed in: {status}");
    assert!(!sandbox.calls().await.iter().any(|c| c["method"] == "auth.logOut"));
    nobody.close().await;
    daemon.kill().unwrap();
    daemon.wait().unwrap();
}
