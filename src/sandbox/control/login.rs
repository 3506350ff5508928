//! The login side of the controls: what a test needs to play the user's phone (read the code,
//! scan a QR token), set the account's 2FA password, expire login material and sign keys out.
//! The code and the password pass through here and are never logged.

use serde::Serialize;

use super::Controls;
use crate::sandbox::login::srp::Verifier;
use crate::sandbox::login::{AuthState, DEMO_PHONE};

/// What a test may know about the demo account's login.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoginInfo {
    /// The phone number that `auth.sendCode` accepts ([`DEMO_PHONE`]).
    pub phone: String,
    /// Whether a 2FA password is set.
    pub password: bool,
    /// Its hint, if any.
    pub hint: Option<String>,
    /// Whether a login code is waiting to be used.
    pub code_pending: bool,
}

/// `scan_qr` found no unexpired, unscanned login token.
#[derive(Debug, thiserror::Error)]
#[error("no unexpired QR login token to scan: call auth.exportLoginToken first")]
pub struct NothingToScan;

impl Controls {
    /// The demo account's login facts.
    pub fn login_info(&self) -> LoginInfo {
        let login = self.shared.login();
        LoginInfo {
            phone: DEMO_PHONE.to_owned(),
            password: login.has_password(),
            hint: login.hint(),
            code_pending: login.pending_code().is_some(),
        }
    }

    /// The code sent by the latest `auth.sendCode`, while it can still be used (as the phone
    /// app would show it).
    pub fn login_code(&self) -> Option<String> {
        self.shared.login().pending_code()
    }

    /// Sets the account's 2FA password (stored only as an SRP verifier). Costs 100 000
    /// PBKDF2-HMAC-SHA512 rounds; challenges already handed out stop working.
    pub fn set_password(&self, password: &str, hint: Option<&str>) {
        let verifier = Verifier::new(password.as_bytes());
        self.shared.login().set_password(Some((verifier, hint.map(str::to_owned))));
    }

    /// Removes the account's 2FA password.
    pub fn clear_password(&self) {
        self.shared.login().set_password(None);
    }

    /// Accepts the newest unexpired QR login token as the phone app would. The key that
    /// exported it completes the login with its next `auth.exportLoginToken`. Returns that key's
    /// `auth_key_id` in hex.
    pub fn scan_qr(&self) -> Result<String, NothingToScan> {
        let key_id = self.shared.login().scan().ok_or(NothingToScan)?;
        Ok(format!("{key_id:016x}"))
    }

    /// Expires the pending login code and every unscanned QR token now.
    pub fn expire_login(&self) {
        self.shared.login().expire_all();
    }

    /// Signs every key out, as "terminate all sessions" would.
    pub fn sign_out_all(&self) {
        for key in self.shared.keys().values_mut() {
            key.auth = AuthState::SignedOut;
        }
    }

    pub(super) fn login_info_answer(&self) -> serde_json::Value {
        let mut answer = serde_json::to_value(self.login_info()).unwrap_or_default();
        answer["ok"] = true.into();
        answer
    }

    pub(super) fn login_code_answer(&self) -> serde_json::Value {
        match self.login_code() {
            Some(code) => serde_json::json!({"ok": true, "phone": DEMO_PHONE, "code": code}),
            None => {
                serde_json::json!({"ok": false, "error": "no login code is pending: call auth.sendCode first"})
            }
        }
    }

    pub(super) fn scan_answer(&self) -> serde_json::Value {
        match self.scan_qr() {
            Ok(key_id) => serde_json::json!({"ok": true, "key_id": key_id}),
            Err(error) => serde_json::json!({"ok": false, "error": error.to_string()}),
        }
    }
}
