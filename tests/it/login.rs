//! `mcp-telegram login`, `status` and `logout` as a person uses them: the real binary on a
//! pseudo-terminal against a sandbox whose key is signed out.

use std::path::Path;

use serde_json::{Value, json};

use crate::pty::Terminal;
use crate::window::{SandboxProc, Window, listening, socket_of};

const API_HASH: &str = "0123456789abcdef0123456789abcdef";
const PASSWORD: &str = "correct horse battery";

/// A command of the binary with the session's environment and the api hash.
fn command(session: &Path, args: &[&str]) -> std::process::Command {
    let mut command = crate::window::command(session, args);
    command.env("TELEGRAM_API_HASH", API_HASH);
    command
}

/// Runs a login without a terminal: once it says the code was sent, reads the code from the
/// sandbox and gives it as a line on stdin. Returns whether it succeeded and what it said.
async fn login_with_code_on_stdin(mut login: std::process::Command, sandbox: &SandboxProc) -> (bool, String) {
    use std::io::{BufRead, Read, Write};
    let mut child =
        login.stdin(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut said = String::new();
    while !said.contains("sent a login code") {
        assert!(stderr.read_line(&mut said).unwrap() > 0, "no 'code sent' line: {said}");
    }
    let code = code(sandbox).await;
    child.stdin.as_mut().unwrap().write_all(format!("{code}\n").as_bytes()).unwrap();
    stderr.read_to_string(&mut said).unwrap();
    (child.wait().unwrap().success(), said)
}

async fn signed_out(dir: &Path) -> SandboxProc {
    SandboxProc::start_with(&dir.join("session"), &["--signed-out"]).await
}

fn phone(sandbox: &SandboxProc) -> String {
    sandbox.ready["phone"].as_str().unwrap().to_owned()
}

async fn code(sandbox: &SandboxProc) -> String {
    let answer = sandbox.control(json!({"op": "login-code"})).await;
    answer["code"].as_str().unwrap_or_else(|| panic!("no code: {answer}")).to_owned()
}

/// `mcp-telegram login` on a terminal, past the phone number, at the code prompt.
fn login_at_code_prompt(sandbox: &SandboxProc) -> Terminal {
    let mut t = Terminal::spawn(command(&sandbox.session, &["login"]));
    t.expect("Phone number");
    t.type_line(&phone(sandbox));
    t.expect("Code: ");
    t
}

/// What the session's owner says through a fresh window.
async fn status_via_window(session: &Path) -> Value {
    let mut w = Window::spawn(session);
    w.initialize().await;
    let status = w.call_ok("telegram-status", json!({})).await;
    w.close().await;
    status
}

#[tokio::test]
async fn phone_and_code_with_a_wrong_code_first() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = signed_out(dir.path()).await;
    let mut t = login_at_code_prompt(&sandbox);
    let code = code(&sandbox).await;
    t.type_line("00000");
    t.expect("the code is not valid");
    t.expect("Code: ");
    t.type_line(&code);
    t.expect("Logged in as @alice_sandbox");
    assert!(t.wait().success(), "{}", t.screen());
    assert_eq!(status_via_window(&sandbox.session).await["state"], "connected");
}

#[tokio::test]
async fn two_factor_with_a_wrong_then_the_right_password_never_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = signed_out(dir.path()).await;
    sandbox.control(json!({"op": "password", "password": PASSWORD, "hint": "a horse"})).await;
    let mut t = login_at_code_prompt(&sandbox);
    let code = code(&sandbox).await;
    t.type_line(&code);
    t.expect("2FA password (hint: a horse): ");
    t.type_line("wrong horse");
    t.expect("the password is not valid");
    t.expect("2FA password");
    t.type_line(PASSWORD);
    t.expect("Logged in as @alice_sandbox");
    assert!(t.wait().success());
    let screen = t.screen();
    assert!(
        !screen.contains(PASSWORD) && !screen.contains("wrong horse"),
        "a password was echoed:\n{screen}"
    );
}

#[tokio::test]
async fn qr_login_with_a_simulated_scan_with_and_without_2fa() {
    for two_factor in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let sandbox = signed_out(dir.path()).await;
        if two_factor {
            sandbox.control(json!({"op": "password", "password": PASSWORD})).await;
        }
        let mut t = Terminal::spawn(command(&sandbox.session, &["login", "--qr"]));
        let shown = t.expect("Scan this with the Telegram app");
        assert!(shown.contains('█') && shown.contains('▀'), "a QR code is drawn:\n{shown}");
        let scanned = sandbox.control(json!({"op": "scan-qr"})).await;
        assert_eq!(scanned["ok"], true, "{scanned}");
        if two_factor {
            t.expect("2FA password: ");
            t.type_line(PASSWORD);
        }
        t.expect("Logged in as @alice_sandbox");
        assert!(t.wait().success());
    }
}

#[tokio::test]
async fn login_through_a_running_daemon_keeps_one_connection_and_the_client_works() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = signed_out(dir.path()).await;
    sandbox.control(json!({"op": "policy", "policy": "reject-newcomer"})).await;
    let log = dir.path().join("daemon.log");
    let mut daemon = tokio::process::Command::from(command(&sandbox.session, &["serve"]));
    let mut daemon = daemon
        .env("RUST_LOG", "trace")
        .stderr(std::fs::File::create(&log).unwrap())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    listening(&socket_of(&sandbox.session)).await;
    let mut w = Window::spawn(&sandbox.session);
    w.initialize().await;
    let before = w.call("telegram-list-chats", json!({})).await;
    assert!(before["content"][0]["text"].as_str().unwrap().contains("mcp-telegram login"), "{before}");

    sandbox.control(json!({"op": "password", "password": PASSWORD})).await;
    let mut t = login_at_code_prompt(&sandbox);
    let code = code(&sandbox).await;
    t.type_line(&code);
    t.expect("2FA password: ");
    t.type_line(PASSWORD);
    t.expect("Logged in as @alice_sandbox");
    assert!(t.wait().success());

    // The attached window's calls work now, served by the same daemon.
    let status = w.call_ok("telegram-status", json!({})).await;
    assert_eq!(status["state"], "connected");
    assert_eq!(status["ownerPid"].as_u64(), daemon.id().map(u64::from));
    w.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 2})).await;
    assert_eq!(sandbox.max_live().await, 1, "the login never opened a second connection");

    // `status` reports it; `logout` ends it through the daemon.
    let out = command(&sandbox.session, &["status"]).output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && report.contains("connected as @alice_sandbox"), "{report}");
    assert!(report.contains(&format!("owner pid: {}", daemon.id().unwrap())), "{report}");
    let out = command(&sandbox.session, &["logout"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let after = w.call("telegram-list-chats", json!({})).await;
    assert!(after["content"][0]["text"].as_str().unwrap().contains("not logged in"), "{after}");
    let key = mcp_telegram::sandbox::read_sandbox_key(&sandbox.session).await.unwrap();
    assert!(key.is_none(), "logout removed the session's key");
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&sandbox.session).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    w.close().await;

    crate::window::signal(daemon.id().unwrap(), "-TERM");
    daemon.wait().await.unwrap();
    let logs = std::fs::read_to_string(&log).unwrap();
    let digits: String = phone(&sandbox).chars().filter(char::is_ascii_digit).collect();
    for secret in [PASSWORD, &code, &digits, API_HASH] {
        assert!(!logs.contains(secret), "a secret reached the daemon's log: {secret:?}");
    }
}

#[tokio::test]
async fn an_aborted_login_leaves_the_session_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = signed_out(dir.path()).await;
    let key = mcp_telegram::sandbox::read_sandbox_key(&sandbox.session).await.unwrap().unwrap().to_bytes();
    let mut t = login_at_code_prompt(&sandbox);
    t.child.kill().unwrap();
    t.wait();
    let after = mcp_telegram::sandbox::read_sandbox_key(&sandbox.session).await.unwrap().unwrap().to_bytes();
    assert_eq!(after, key, "the session keeps its key");
    assert_eq!(status_via_window(&sandbox.session).await["state"], "not_logged_in");
    // And a new login goes through.
    let mut t = login_at_code_prompt(&sandbox);
    t.type_line(&code(&sandbox).await);
    t.expect("Logged in as @alice_sandbox");
    assert!(t.wait().success());
    // A signed-in session is left alone by another login.
    let out = command(&sandbox.session, &["login", "--phone", "+1"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && err.contains("Already logged in as @alice_sandbox"), "{err}");
}

#[tokio::test]
async fn a_flood_wait_on_send_code_says_how_long() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = signed_out(dir.path()).await;
    sandbox.control(json!({"op": "flood", "method": "auth.sendCode", "seconds": 42, "times": 1})).await;
    let mut t = Terminal::spawn(command(&sandbox.session, &["login"]));
    t.expect("Phone number");
    t.type_line(&phone(&sandbox));
    t.expect("42 s");
    assert!(!t.wait().success());
}

#[tokio::test]
async fn without_a_terminal_inputs_come_from_flags_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = signed_out(dir.path()).await;
    let out = command(&sandbox.session, &["login"]).stdin(std::process::Stdio::null()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("pass --phone"), "{err}");

    // --phone, then the code as a line on stdin (requested once the code was sent).
    let login = command(&sandbox.session, &["login", "--phone", &phone(&sandbox)]);
    let (ok, said) = login_with_code_on_stdin(login, &sandbox).await;
    assert!(ok, "{said}");
    assert!(said.contains("Logged in as @alice_sandbox"), "{said}");
}

#[tokio::test]
async fn status_without_an_owner_explains_and_does_not_become_one() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session");
    let out = command(&session, &["status"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("no owner is running"), "{err}");
    assert!(!session.exists(), "status created no session");
}

#[tokio::test]
async fn a_daemon_takes_the_api_id_and_hash_from_systemd_credentials() {
    // LoadCredential= instead of the environment file: the daemon reads
    // $CREDENTIALS_DIRECTORY/telegram-api-id and telegram-api-hash, and a login works.
    let dir = tempfile::tempdir().unwrap();
    let sandbox = signed_out(dir.path()).await;
    let creds = dir.path().join("credentials");
    std::fs::create_dir(&creds).unwrap();
    std::fs::write(creds.join("telegram-api-id"), "12345\n").unwrap();
    std::fs::write(creds.join("telegram-api-hash"), API_HASH).unwrap();
    let mut daemon = command(&sandbox.session, &["serve"]);
    daemon.env_remove("TELEGRAM_API_ID").env_remove("TELEGRAM_API_HASH").env("CREDENTIALS_DIRECTORY", &creds);
    let mut daemon = tokio::process::Command::from(daemon).kill_on_drop(true).spawn().unwrap();
    listening(&socket_of(&sandbox.session)).await;
    let mut login = command(&sandbox.session, &["login", "--phone", &phone(&sandbox)]);
    login.env_remove("TELEGRAM_API_ID").env_remove("TELEGRAM_API_HASH");
    let (ok, said) = login_with_code_on_stdin(login, &sandbox).await;
    assert!(ok && said.contains("Logged in as @alice_sandbox"), "{said}");
    assert_eq!(status_via_window(&sandbox.session).await["ownerPid"].as_u64(), daemon.id().map(u64::from));
    daemon.kill().await.unwrap();
}
