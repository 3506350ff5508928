//! Logging in to the sandbox with the real grammers client: signed-out keys, phone and code,
//! 2FA with real SRP, QR tokens, logging out, and no login secret in any log.

use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use grammers_client::client::PasswordToken;
use grammers_client::session::storages::SqliteSession;
use grammers_client::{Client, InvocationError, SenderPool, SignInError, tl};
use mcp_telegram::sandbox::{AuthKey, AuthState, DEMO_PHONE};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::UnixStream;

use crate::support::{API_ID, TestDc, Tg, rpc_error};

const API_HASH: &str = "0123456789abcdef0123456789abcdef";
const PASSWORD: &str = "Tr0ub4dor&3-sandbox";

/// A sandbox plus a client on a fresh key that the sandbox knows but that is not signed in.
async fn signed_out() -> (TestDc, AuthKey, Tg) {
    let dc = TestDc::start().await;
    let key = dc.sandbox.mint_key_signed_out();
    let tg = dc.client_with_key(&key);
    (dc, key, tg)
}

fn auth_of(dc: &TestDc, key: &AuthKey) -> AuthState {
    let id = format!("{:016x}", key.id());
    dc.sandbox.controls().key_stats().into_iter().find(|k| k.key_id == id).expect("key known").auth
}

fn rpc_name<T: std::fmt::Debug>(result: Result<T, InvocationError>) -> (i32, String) {
    let err = result.expect_err("the call must fail");
    rpc_error(&err).map(|(code, name, _)| (code, name)).unwrap_or_else(|| panic!("not an rpc error: {err}"))
}

/// A code that differs from `code` in its last digit.
fn wrong(code: &str) -> String {
    let (head, last) = code.split_at(code.len() - 1);
    let last = (last.parse::<u8>().unwrap() + 1) % 10;
    format!("{head}{last}")
}

/// `auth.sendCode` by hand, to see the answer and its `phone_code_hash`.
async fn send_code(c: &Client, phone: &str) -> Result<tl::types::auth::SentCode, InvocationError> {
    let settings = tl::types::CodeSettings {
        allow_flashcall: false,
        current_number: false,
        allow_app_hash: false,
        allow_missed_call: false,
        allow_firebase: false,
        unknown_number: false,
        logout_tokens: None,
        token: None,
        app_sandbox: None,
    };
    let request = tl::functions::auth::SendCode {
        phone_number: phone.into(),
        api_id: API_ID,
        api_hash: API_HASH.into(),
        settings: settings.into(),
    };
    match c.invoke(&request).await? {
        tl::enums::auth::SentCode::Code(sent) => Ok(sent),
        other => panic!("grammers only copes with auth.sentCode, got {other:?}"),
    }
}

async fn raw_sign_in(
    c: &Client,
    hash: &str,
    code: &str,
) -> Result<tl::enums::auth::Authorization, InvocationError> {
    let request = tl::functions::auth::SignIn {
        phone_number: DEMO_PHONE.into(),
        phone_code_hash: hash.into(),
        phone_code: Some(code.into()),
        email_verification: None,
    };
    c.invoke(&request).await
}

async fn export(c: &Client) -> Result<tl::enums::auth::LoginToken, InvocationError> {
    let request = tl::functions::auth::ExportLoginToken {
        api_id: API_ID,
        api_hash: API_HASH.into(),
        except_ids: Vec::new(),
    };
    c.invoke(&request).await
}

async fn export_new_token(c: &Client) -> tl::types::auth::LoginToken {
    match export(c).await.unwrap() {
        tl::enums::auth::LoginToken::Token(token) => token,
        other => panic!("expected a new token, got {other:?}"),
    }
}

async fn import(c: &Client, token: Vec<u8>) -> Result<tl::enums::auth::LoginToken, InvocationError> {
    c.invoke(&tl::functions::auth::ImportLoginToken { token }).await
}

fn is_success(answer: &tl::enums::auth::LoginToken) -> bool {
    matches!(
        answer,
        tl::enums::auth::LoginToken::Success(s)
            if matches!(&s.authorization, tl::enums::auth::Authorization::Authorization(a)
                if matches!(&a.user, tl::enums::User::User(u) if u.is_self && u.access_hash.is_some()))
    )
}

#[tokio::test]
async fn a_signed_out_key_logs_in_with_phone_and_code() {
    let (dc, key, tg) = signed_out().await;
    let c = &tg.client;
    assert!(!c.is_authorized().await.unwrap(), "updates.getState answers 401");
    assert_eq!(rpc_name(c.get_me().await), (401, "AUTH_KEY_UNREGISTERED".into()));
    assert_eq!(rpc_name(c.iter_dialogs().next().await), (401, "AUTH_KEY_UNREGISTERED".into()));
    c.invoke(&tl::functions::help::GetNearestDc {}).await.expect("harmless calls work signed out");
    assert_eq!(auth_of(&dc, &key), AuthState::SignedOut);

    let token = c.request_login_code(DEMO_PHONE, API_HASH).await.unwrap();
    let code = dc.sandbox.controls().login_code().expect("the code can be read through the controls");
    assert_eq!(code.len(), 5);
    assert!(matches!(c.sign_in(&token, &wrong(&code)).await, Err(SignInError::InvalidCode)));
    let me = c.sign_in(&token, &code).await.unwrap();
    assert_eq!(me.username(), Some("alice_sandbox"));
    assert!(c.is_authorized().await.unwrap());
    assert_eq!(c.get_me().await.unwrap().phone(), Some("15550100123"));
    assert_eq!(auth_of(&dc, &key), AuthState::SignedIn);
    assert!(dc.sandbox.controls().login_code().is_none(), "a used code is gone");
    dc.client().client.get_me().await.expect("keys adopted the old way stay signed in");

    let calls = serde_json::to_string(&dc.sandbox.controls().calls()).unwrap();
    assert!(!contains_number(&calls, &code), "the RPC log holds the code");
    assert!(!calls.contains("5550100123"), "the RPC log holds the phone");
    assert!(calls.contains("PHONE_CODE_INVALID") && calls.contains("auth.signIn"));
}

#[tokio::test]
async fn codes_expire_after_five_wrong_tries_a_newer_send_or_time() {
    let (dc, _key, tg) = signed_out().await;
    let c = &tg.client;
    let controls = dc.sandbox.controls();
    let sent = send_code(c, "+1 (555) 010-0123").await.expect("digits are what counts");
    assert!(matches!(sent.r#type, tl::enums::auth::SentCodeType::App(ref app) if app.length == 5));
    assert!(sent.timeout.is_some_and(|t| t > 0));
    let code = controls.login_code().unwrap();
    for _ in 0..5 {
        assert_eq!(
            rpc_name(raw_sign_in(c, &sent.phone_code_hash, &wrong(&code)).await).1,
            "PHONE_CODE_INVALID"
        );
    }
    assert_eq!(rpc_name(raw_sign_in(c, &sent.phone_code_hash, &code).await).1, "PHONE_CODE_EXPIRED");

    let old = send_code(c, DEMO_PHONE).await.unwrap();
    let new = send_code(c, DEMO_PHONE).await.unwrap();
    let code = controls.login_code().unwrap();
    assert_eq!(rpc_name(raw_sign_in(c, &old.phone_code_hash, &code).await).1, "PHONE_CODE_EXPIRED");
    assert_eq!(rpc_name(raw_sign_in(c, "", &code).await).1, "PHONE_CODE_HASH_EMPTY");
    controls.expire_login();
    assert!(controls.login_code().is_none());
    assert_eq!(rpc_name(raw_sign_in(c, &new.phone_code_hash, &code).await).1, "PHONE_CODE_EXPIRED");
    assert!(!c.is_authorized().await.unwrap());
}

#[tokio::test]
async fn a_wrong_phone_is_invalid_and_send_code_can_be_flooded() {
    let (dc, _key, tg) = signed_out().await;
    let c = &tg.client;
    let Err(err) = c.request_login_code("+1 555 010 0999", API_HASH).await else { panic!("not our phone") };
    assert_eq!(rpc_error(&err), Some((400, "PHONE_NUMBER_INVALID".into(), None)));
    dc.sandbox.controls().inject_flood("auth.sendCode", 17, 1);
    let Err(err) = c.request_login_code(DEMO_PHONE, API_HASH).await else { panic!("flooded") };
    assert_eq!(rpc_error(&err), Some((420, "FLOOD_WAIT".into(), Some(17))));
    c.request_login_code(DEMO_PHONE, API_HASH).await.expect("the flood was one call long");
}

#[tokio::test]
async fn two_factor_login_checks_the_password_with_srp() {
    let (dc, key, tg) = signed_out().await;
    let c = &tg.client;
    dc.sandbox.controls().set_password(PASSWORD, Some("the usual"));
    let token = c.request_login_code(DEMO_PHONE, API_HASH).await.unwrap();
    let code = dc.sandbox.controls().login_code().unwrap();
    let Err(SignInError::PasswordRequired(password)) = c.sign_in(&token, &code).await else {
        panic!("a 2FA account needs the password after the code")
    };
    assert_eq!(password.hint(), Some("the usual"));
    assert_eq!(auth_of(&dc, &key), AuthState::PasswordNeeded);
    assert!(!c.is_authorized().await.unwrap());
    assert_eq!(rpc_name(c.get_me().await), (401, "SESSION_PASSWORD_NEEDED".into()));

    let Err(SignInError::InvalidPassword(password)) = c.check_password(password, "hunter2").await else {
        panic!("a wrong password is PASSWORD_HASH_INVALID")
    };
    let me = c.check_password(password, PASSWORD).await.expect("the right password signs in");
    assert!(me.is_self());
    assert!(c.is_authorized().await.unwrap());

    let stale = tl::types::InputCheckPasswordSrp { srp_id: 42, a: vec![1; 256], m1: vec![0; 32] };
    let request = tl::functions::auth::CheckPassword { password: stale.into() };
    assert_eq!(rpc_name(c.invoke(&request).await).1, "SRP_ID_INVALID");
}

#[tokio::test]
async fn qr_login_completes_once_the_token_is_scanned() {
    let (dc, key, tg) = signed_out().await;
    let c = &tg.client;
    let controls = dc.sandbox.controls();
    assert!(controls.scan_qr().is_err(), "nothing to scan yet");
    let first = export_new_token(c).await;
    let ahead = first.expires as i64 - unix_now();
    assert!((25..=31).contains(&ahead), "tokens live about 30 s, this one {ahead} s");
    let second = export_new_token(c).await;
    assert_ne!(first.token, second.token, "not scanned yet: another fresh token");
    assert_eq!(controls.scan_qr().unwrap(), format!("{:016x}", key.id()));
    assert!(is_success(&export(c).await.unwrap()));
    assert!(c.is_authorized().await.unwrap());
    c.get_me().await.unwrap();

    // Expired tokens cannot be scanned; a new export brings a fresh one.
    let other_key = dc.sandbox.mint_key_signed_out();
    let other = dc.client_with_key(&other_key);
    let stale = export_new_token(&other.client).await;
    controls.expire_login();
    assert!(controls.scan_qr().is_err());
    assert_eq!(rpc_name(import(&other.client, stale.token.clone()).await).1, "AUTH_TOKEN_EXPIRED");
    let fresh = export_new_token(&other.client).await;
    assert_ne!(fresh.token, stale.token);
    assert_eq!(rpc_name(import(&other.client, fresh.token.clone()).await).1, "AUTH_TOKEN_INVALID");
    controls.scan_qr().unwrap();

    // importLoginToken completes a scanned token on whichever key presents it.
    let third = dc.client_with_key(&dc.sandbox.mint_key_signed_out());
    assert_eq!(rpc_name(import(&third.client, b"forged".to_vec()).await).1, "AUTH_TOKEN_INVALID");
    assert!(is_success(&import(&third.client, fresh.token.clone()).await.unwrap()));
    assert!(third.client.is_authorized().await.unwrap());
    assert_eq!(rpc_name(import(&third.client, fresh.token).await).1, "AUTH_TOKEN_INVALID", "used once");
    assert!(!other.client.is_authorized().await.unwrap(), "the exporting key was not the one signed in");
}

#[tokio::test]
async fn qr_login_with_2fa_asks_for_the_password() {
    let (dc, key, tg) = signed_out().await;
    let c = &tg.client;
    dc.sandbox.controls().set_password(PASSWORD, None);
    export_new_token(c).await;
    dc.sandbox.controls().scan_qr().unwrap();
    assert_eq!(rpc_name(export(c).await), (401, "SESSION_PASSWORD_NEEDED".into()));
    assert_eq!(auth_of(&dc, &key), AuthState::PasswordNeeded);
    let tl::enums::account::Password::Password(password) =
        c.invoke(&tl::functions::account::GetPassword {}).await.unwrap();
    assert!(password.has_password && password.srp_b.is_some() && password.hint.is_none());
    c.check_password(PasswordToken::new(password), PASSWORD)
        .await
        .expect("the password completes a QR login");
    assert!(c.is_authorized().await.unwrap());
}

#[tokio::test]
async fn log_out_and_sign_out_all_turn_keys_away() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    let c = &tg.client;
    assert!(c.is_authorized().await.unwrap());
    c.sign_out().await.unwrap();
    assert!(!c.is_authorized().await.unwrap());
    assert_eq!(rpc_name(c.get_me().await), (401, "AUTH_KEY_UNREGISTERED".into()));
    assert_eq!(rpc_name(c.sign_out().await).0, 401, "already signed out");

    let key = dc.sandbox.mint_key();
    let other = dc.client_with_key(&key);
    other.client.get_me().await.unwrap();
    dc.sandbox.controls().sign_out_all();
    assert!(!other.client.is_authorized().await.unwrap());
}

fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// `mcp-telegram sandbox --signed-out` logging at trace level: a full phone + 2FA login and a
/// QR login through its session file and control socket leave no code, password, phone number
/// or token in its log or its RPC log.
#[tokio::test]
async fn sandbox_cli_signed_out_login_leaks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session");
    let log = dir.path().join("sandbox.log");
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_mcp-telegram"))
        .args(["sandbox", "--signed-out", "--session"])
        .arg(&session)
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut ready = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut ready).await.unwrap();
    let ready: Value = serde_json::from_str(&ready).unwrap();
    assert_eq!(ready["phone"], DEMO_PHONE);
    let control = Path::new(ready["control"].as_str().unwrap()).to_owned();

    let pool = SenderPool::new(Arc::new(SqliteSession::open(&session).await.unwrap()), API_ID);
    let c = Client::new(pool.handle);
    let runner = tokio::spawn(pool.runner.run());
    assert!(!c.is_authorized().await.unwrap(), "--signed-out writes a key that must log in");
    assert_eq!(control_op(&control, json!({"op": "login-code"})).await["ok"], false);
    let set = json!({"op": "password", "password": PASSWORD, "hint": "usual"});
    assert_eq!(control_op(&control, set).await["ok"], true);
    let info = control_op(&control, json!({"op": "login-info"})).await;
    assert_eq!((info["phone"].as_str(), info["password"].as_bool()), (Some(DEMO_PHONE), Some(true)));

    let token = c.request_login_code(ready["phone"].as_str().unwrap(), API_HASH).await.unwrap();
    let answer = control_op(&control, json!({"op": "login-code"})).await;
    let code = answer["code"].as_str().unwrap().to_owned();
    let Err(SignInError::PasswordRequired(password)) = c.sign_in(&token, &code).await else {
        panic!("2FA is on")
    };
    c.check_password(password, PASSWORD).await.unwrap();
    let stats = control_op(&control, json!({"op": "stats"})).await;
    assert_eq!(stats["keys"][0]["auth"], "signed-in");

    // QR on the same key after logging out, the password cleared.
    c.sign_out().await.unwrap();
    assert_eq!(control_op(&control, json!({"op": "password", "password": null})).await["ok"], true);
    let qr = export_new_token(&c).await;
    assert_eq!(control_op(&control, json!({"op": "scan-qr"})).await["ok"], true);
    assert!(is_success(&export(&c).await.unwrap()));
    let calls = control_op(&control, json!({"op": "calls"})).await.to_string();
    runner.abort();

    let pid = child.id().unwrap().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    tokio::time::timeout(Duration::from_secs(10), child.wait()).await.unwrap().unwrap();
    let logs = std::fs::read_to_string(&log).unwrap();
    assert!(
        logs.contains("+1********23") && logs.contains("signed a key in"),
        "the login was logged: {logs}"
    );
    for (name, text) in [("log", &logs), ("RPC log", &calls)] {
        assert!(!contains_number(text, &code), "the code leaked into the {name}");
        assert!(!text.contains(PASSWORD), "the password leaked into the {name}");
        for phone in ["15550100123", "5550100123", "555-010", "555 010"] {
            assert!(!text.contains(phone), "the phone leaked into the {name} as {phone:?}");
        }
        for spelling in token_spellings(&qr.token) {
            assert!(!text.contains(&spelling), "the QR token leaked into the {name} as {spelling:?}");
        }
    }
}

async fn control_op(path: &Path, request: Value) -> Value {
    let mut stream = UnixStream::connect(path).await.unwrap();
    stream.write_all(format!("{request}\n").as_bytes()).await.unwrap();
    let mut line = String::new();
    BufReader::new(&mut stream).read_line(&mut line).await.unwrap();
    serde_json::from_str(&line).unwrap()
}

/// `code` as a number of its own: not inside a longer run of digits or letters (timestamps,
/// hex ids) and not a port after a colon.
fn contains_number(text: &str, code: &str) -> bool {
    text.match_indices(code).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + code.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == ':')
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// Hex (both cases) and Rust's byte-list `Debug` of the token's first bytes.
fn token_spellings(token: &[u8]) -> Vec<String> {
    let hex: String = token[..12].iter().map(|b| format!("{b:02x}")).collect();
    let list: Vec<String> = token[..6].iter().map(u8::to_string).collect();
    vec![hex.to_uppercase(), hex, list.join(", ")]
}
