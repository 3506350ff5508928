//! The demo account's side of signing in: its phone number, the pending login code, the 2FA
//! password (kept only as an SRP verifier, see [`srp`]) with the challenge of the latest
//! `account.getPassword`, and QR login tokens. Plain Rust state behind the sandbox's login lock;
//! which key is signed in lives with the keys ([`AuthState`]), TL lives in the RPC layer. The
//! code, the password and token bytes never appear in `Debug` output or logs.

pub(crate) mod srp;

use std::fmt;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::world::Failure;
use srp::{Challenge, Verifier};

/// The demo account's phone number, as a user would type it. Logins compare digits only.
pub const DEMO_PHONE: &str = "+15550100123";

/// Digits of a login code.
pub(crate) const CODE_LENGTH: usize = 5;
/// Seconds a client should wait before asking for the code again (`sentCode.timeout`).
pub(crate) const RESEND_AFTER_SECS: i32 = 60;
/// How long a login code stays valid.
const CODE_LIFETIME: Duration = Duration::from_secs(300);
/// Wrong codes tolerated before the code is burnt.
const CODE_TRIES: u32 = 5;
/// How long an unscanned QR login token stays valid (Telegram's are about 30 s).
const TOKEN_LIFETIME: Duration = Duration::from_secs(30);
/// Tokens remembered (expired ones too, so importing one answers `AUTH_TOKEN_EXPIRED`).
const MAX_TOKENS: usize = 64;

/// How far one auth key got in signing in to the demo account.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthState {
    /// Every RPC works (how keys adopted with [`Sandbox::adopt_key`](super::Sandbox) start).
    #[default]
    SignedIn,
    /// Only login RPCs work; everything else answers `401 AUTH_KEY_UNREGISTERED`.
    SignedOut,
    /// The code (or QR) was accepted and the account has a 2FA password: only
    /// `account.getPassword`/`auth.checkPassword` help; the rest answers
    /// `401 SESSION_PASSWORD_NEEDED`.
    PasswordNeeded,
}

/// Where passing the first factor (a code or a scanned QR token) leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FirstFactor {
    SignedIn,
    PasswordNeeded,
}

/// What `auth.exportLoginToken` answers.
pub(crate) enum Exported {
    /// A new token to show as a QR code, valid until `expires` (unix seconds).
    Token { token: Vec<u8>, expires: i32 },
    /// A token of this key was scanned: the login goes on.
    Scanned(FirstFactor),
}

/// The 2FA parameters of one `account.getPassword` answer.
pub(crate) struct PasswordInfo {
    /// `(srp_id, verifier, challenge)` when a password is set.
    pub(crate) current: Option<(i64, Verifier, Challenge)>,
    pub(crate) hint: Option<String>,
}

/// The account's login state.
#[derive(Default)]
pub(crate) struct Login {
    code: Option<PendingCode>,
    password: Option<Password>,
    /// The challenge of the latest `account.getPassword`, by `srp_id`.
    srp: Option<(i64, Challenge)>,
    tokens: Vec<QrToken>,
}

struct PendingCode {
    hash: String,
    code: String,
    key_id: u64,
    expires: Instant,
    wrong: u32,
}

struct Password {
    verifier: Verifier,
    hint: Option<String>,
}

struct QrToken {
    token: Vec<u8>,
    key_id: u64,
    expires: Instant,
    scanned: bool,
}

impl Login {
    /// `auth.sendCode`: a new code (replacing any older one) bound to the asking key; returns
    /// its `phone_code_hash`.
    pub(crate) fn send_code(&mut self, key_id: u64, phone: &str) -> Result<String, Failure> {
        check_phone(phone)?;
        let hash = hex(&srp::random_bytes(9));
        let number = u32::from_le_bytes(random_array()) % 10u32.pow(CODE_LENGTH as u32);
        let code = format!("{number:0width$}", width = CODE_LENGTH);
        let expires = Instant::now() + CODE_LIFETIME;
        self.code = Some(PendingCode { hash: hash.clone(), code, key_id, expires, wrong: 0 });
        Ok(hash)
    }

    /// `auth.signIn` with Telegram's error names; a right code is used up.
    pub(crate) fn sign_in(
        &mut self,
        key_id: u64,
        phone: &str,
        hash: &str,
        code: Option<&str>,
    ) -> Result<FirstFactor, Failure> {
        check_phone(phone)?;
        if hash.is_empty() {
            return Err(Failure::bad("PHONE_CODE_HASH_EMPTY"));
        }
        let code = code.filter(|c| !c.is_empty()).ok_or_else(|| Failure::bad("PHONE_CODE_EMPTY"))?;
        let expired = || Failure::bad("PHONE_CODE_EXPIRED");
        let pending =
            self.code.as_mut().filter(|p| p.hash == hash && p.key_id == key_id).ok_or_else(expired)?;
        if pending.wrong >= CODE_TRIES || Instant::now() >= pending.expires {
            self.code = None;
            return Err(expired());
        }
        if pending.code != code {
            pending.wrong += 1;
            return Err(Failure::bad("PHONE_CODE_INVALID"));
        }
        self.code = None;
        Ok(self.first_factor())
    }

    /// The code of the latest `auth.sendCode` while it can still be used.
    pub(crate) fn pending_code(&self) -> Option<String> {
        let usable = |p: &&PendingCode| p.wrong < CODE_TRIES && Instant::now() < p.expires;
        self.code.as_ref().filter(usable).map(|p| p.code.clone())
    }

    /// Sets the 2FA password from a verifier, or clears it; pending challenges die either way.
    pub(crate) fn set_password(&mut self, password: Option<(Verifier, Option<String>)>) {
        self.password = password.map(|(verifier, hint)| Password { verifier, hint });
        self.srp = None;
    }

    pub(crate) fn has_password(&self) -> bool {
        self.password.is_some()
    }

    pub(crate) fn hint(&self) -> Option<String> {
        self.password.as_ref().and_then(|p| p.hint.clone())
    }

    /// `account.getPassword`: a fresh challenge (replacing the previous one) if a password is set.
    pub(crate) fn password_info(&mut self) -> PasswordInfo {
        let Some(password) = &self.password else {
            return PasswordInfo { current: None, hint: None };
        };
        let srp_id = i64::from_le_bytes(random_array());
        let challenge = password.verifier.challenge();
        self.srp = Some((srp_id, challenge.clone()));
        PasswordInfo {
            current: Some((srp_id, password.verifier.clone(), challenge)),
            hint: password.hint.clone(),
        }
    }

    /// The verifier and challenge `auth.checkPassword` must be checked against, so the
    /// (slow) check can run without the lock.
    pub(crate) fn srp_for(&self, srp_id: i64) -> Result<(Verifier, Challenge), Failure> {
        match (&self.password, &self.srp) {
            (Some(password), Some((id, challenge))) if *id == srp_id => {
                Ok((password.verifier.clone(), challenge.clone()))
            }
            _ => Err(Failure::bad("SRP_ID_INVALID")),
        }
    }

    /// A successful check uses its challenge up.
    pub(crate) fn srp_used(&mut self, srp_id: i64) {
        if self.srp.as_ref().is_some_and(|(id, _)| *id == srp_id) {
            self.srp = None;
        }
    }

    /// `auth.exportLoginToken` for one key: the outcome of a scanned token, or a new token.
    pub(crate) fn export_token(&mut self, key_id: u64, now_unix: i64) -> Exported {
        if let Some(i) = self.tokens.iter().position(|t| t.key_id == key_id && t.scanned) {
            self.tokens.remove(i);
            return Exported::Scanned(self.first_factor());
        }
        let now = Instant::now();
        if self.tokens.len() >= MAX_TOKENS {
            self.tokens.remove(0);
        }
        let token = srp::random_bytes(32);
        self.tokens.push(QrToken {
            token: token.clone(),
            key_id,
            expires: now + TOKEN_LIFETIME,
            scanned: false,
        });
        Exported::Token { token, expires: (now_unix + TOKEN_LIFETIME.as_secs() as i64) as i32 }
    }

    /// `auth.importLoginToken`: a scanned token completes on whichever key presents it.
    pub(crate) fn import_token(&mut self, token: &[u8]) -> Result<FirstFactor, Failure> {
        let i = self.tokens.iter().position(|t| t.token == token);
        let Some(i) = i else { return Err(Failure::bad("AUTH_TOKEN_INVALID")) };
        if self.tokens[i].scanned {
            self.tokens.remove(i);
            return Ok(self.first_factor());
        }
        if Instant::now() >= self.tokens[i].expires {
            return Err(Failure::bad("AUTH_TOKEN_EXPIRED"));
        }
        Err(Failure::bad("AUTH_TOKEN_INVALID"))
    }

    /// "Scans" the newest unexpired token as the phone app would; returns its key's id.
    pub(crate) fn scan(&mut self) -> Option<u64> {
        let now = Instant::now();
        let token =
            self.tokens.iter_mut().filter(|t| !t.scanned && t.expires > now).max_by_key(|t| t.expires)?;
        token.scanned = true;
        Some(token.key_id)
    }

    /// Expires the pending code and every unscanned token now (for expiry tests).
    pub(crate) fn expire_all(&mut self) {
        let now = Instant::now();
        if let Some(code) = &mut self.code {
            code.expires = now;
        }
        self.tokens.iter_mut().for_each(|t| t.expires = now);
    }

    fn first_factor(&self) -> FirstFactor {
        if self.password.is_some() { FirstFactor::PasswordNeeded } else { FirstFactor::SignedIn }
    }
}

impl fmt::Debug for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Login")
            .field("code_pending", &self.code.is_some())
            .field("has_password", &self.password.is_some())
            .field("tokens", &self.tokens.len())
            .finish()
    }
}

/// The demo phone with all but its first and last two digits hidden, for logs.
pub(crate) fn masked_phone() -> String {
    let digits = digits(DEMO_PHONE);
    let hidden = digits.len().saturating_sub(3);
    format!("+{}{}{}", &digits[..1], "*".repeat(hidden), &digits[digits.len() - 2..])
}

/// Telegram compares phone numbers by their digits: `+1 555-010-0123` is the demo phone too.
fn check_phone(phone: &str) -> Result<(), Failure> {
    let given = digits(phone);
    if given.is_empty() || given != digits(DEMO_PHONE) {
        return Err(Failure::bad("PHONE_NUMBER_INVALID"));
    }
    Ok(())
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn random_array<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).expect("the OS random generator is unavailable");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(login: &Login) -> String {
        login.pending_code().expect("a code is pending")
    }

    #[test]
    fn a_code_works_once_for_its_key_and_hash() {
        let mut login = Login::default();
        let hash = login.send_code(1, "+1 555-010-0123").unwrap();
        let code = code_of(&login);
        assert_eq!(code.len(), CODE_LENGTH);
        let name = |r: Result<FirstFactor, Failure>| r.unwrap_err().name;
        assert_eq!(name(login.sign_in(2, DEMO_PHONE, &hash, Some(&code))), "PHONE_CODE_EXPIRED");
        assert_eq!(name(login.sign_in(1, DEMO_PHONE, "", Some(&code))), "PHONE_CODE_HASH_EMPTY");
        assert_eq!(name(login.sign_in(1, DEMO_PHONE, &hash, None)), "PHONE_CODE_EMPTY");
        assert_eq!(name(login.sign_in(1, "+15550100124", &hash, Some(&code))), "PHONE_NUMBER_INVALID");
        assert_eq!(login.sign_in(1, "15550100123", &hash, Some(&code)).unwrap(), FirstFactor::SignedIn);
        assert_eq!(name(login.sign_in(1, DEMO_PHONE, &hash, Some(&code))), "PHONE_CODE_EXPIRED");
        assert!(login.pending_code().is_none());
    }

    #[test]
    fn five_wrong_codes_burn_the_code_and_expiry_does_too() {
        let mut login = Login::default();
        let hash = login.send_code(1, DEMO_PHONE).unwrap();
        let code = code_of(&login);
        let wrong = if code == "00000" { "11111" } else { "00000" };
        for _ in 0..CODE_TRIES {
            assert_eq!(
                login.sign_in(1, DEMO_PHONE, &hash, Some(wrong)).unwrap_err().name,
                "PHONE_CODE_INVALID"
            );
        }
        assert_eq!(login.sign_in(1, DEMO_PHONE, &hash, Some(&code)).unwrap_err().name, "PHONE_CODE_EXPIRED");
        let hash = login.send_code(1, DEMO_PHONE).unwrap();
        let code = code_of(&login);
        login.expire_all();
        assert!(login.pending_code().is_none());
        assert_eq!(login.sign_in(1, DEMO_PHONE, &hash, Some(&code)).unwrap_err().name, "PHONE_CODE_EXPIRED");
    }

    #[test]
    fn qr_tokens_complete_once_scanned_and_only_then() {
        let mut login = Login::default();
        assert!(login.scan().is_none(), "nothing to scan yet");
        let Exported::Token { token, .. } = login.export_token(7, 0) else { panic!("a token") };
        assert_eq!(login.import_token(&token).unwrap_err().name, "AUTH_TOKEN_INVALID");
        assert_eq!(login.scan(), Some(7));
        assert!(matches!(login.export_token(7, 0), Exported::Scanned(FirstFactor::SignedIn)));
        assert!(matches!(login.export_token(7, 0), Exported::Token { .. }), "used up: a fresh token");
        login.expire_all();
        assert!(login.scan().is_none(), "expired tokens are not scannable");
        let Exported::Token { token, .. } = login.export_token(8, 0) else { panic!("a token") };
        login.scan().unwrap();
        assert_eq!(login.import_token(&token).unwrap(), FirstFactor::SignedIn);
        assert_eq!(login.import_token(&token).unwrap_err().name, "AUTH_TOKEN_INVALID");
        assert_eq!(login.import_token(b"forged").unwrap_err().name, "AUTH_TOKEN_INVALID");
    }

    #[test]
    fn only_the_latest_challenge_counts() {
        let mut login = Login::default();
        assert!(login.password_info().current.is_none());
        let verifier = Verifier::with_salts(b"pw", vec![1], vec![2]);
        login.set_password(Some((verifier, Some("pets".into()))));
        let (old, ..) = login.password_info().current.unwrap();
        let info = login.password_info();
        let (new, ..) = info.current.unwrap();
        assert_eq!(info.hint.as_deref(), Some("pets"));
        assert_eq!(login.srp_for(old).unwrap_err().name, "SRP_ID_INVALID");
        assert!(login.srp_for(new).is_ok());
        login.srp_used(new);
        assert!(login.srp_for(new).is_err());
    }

    #[test]
    fn logs_see_only_a_masked_phone() {
        assert_eq!(masked_phone(), "+1********23");
        assert!(!format!("{:?}", Login::default()).contains("0100"));
    }
}
