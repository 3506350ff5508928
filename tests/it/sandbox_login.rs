//! Logging in to the sandbox with the real grammers client: signed-out keys and logging out.

use grammers_client::InvocationError;
use mcp_telegram::sandbox::{AuthKey, AuthState};

use crate::support::{TestDc, Tg, rpc_error};

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

#[tokio::test]
async fn a_signed_out_key_gets_401_but_others_stay_signed_in() {
    let (dc, key, tg) = signed_out().await;
    let c = &tg.client;
    assert!(!c.is_authorized().await.unwrap(), "updates.getState answers 401");
    assert_eq!(rpc_name(c.get_me().await), (401, "AUTH_KEY_UNREGISTERED".into()));
    assert_eq!(rpc_name(c.iter_dialogs().next().await), (401, "AUTH_KEY_UNREGISTERED".into()));
    c.invoke(&grammers_client::tl::functions::help::GetNearestDc {})
        .await
        .expect("harmless calls work signed out");
    assert_eq!(auth_of(&dc, &key), AuthState::SignedOut);
    dc.client().client.get_me().await.expect("keys adopted the old way stay signed in");
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
