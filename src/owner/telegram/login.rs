//! Signing in and out on the owner's own connection: the phone code, the 2FA password (grammers
//! does the SRP proof), QR login tokens (raw `auth.exportLoginToken`, which grammers has no
//! helper for), and `auth.logOut`. Tokens live only in memory, inside [`LoginState`]; secrets
//! are passed through and never logged.

use grammers_client::client::{LoginToken, PasswordToken};
use grammers_client::session::Session as _;
use grammers_client::session::types::{PeerAuth, PeerInfo, UpdateState, UpdatesState};
use grammers_client::{InvocationError, SignInError, tl};

use super::{Telegram, classify, convert};
use crate::model::Account;
use crate::owner::OwnerError;

/// Where a login stands between two steps, held by the owner for one login conversation.
#[derive(Default)]
pub(crate) struct LoginState {
    code: Option<LoginToken>,
    password: Option<PasswordToken>,
    /// When the QR token shown last expires.
    qr_expires: Option<tokio::time::Instant>,
}

/// Longest wait between two QR exports: a token accepted on the phone is noticed at once
/// through `updateLoginToken`, and at the latest after this.
const QR_POLL: std::time::Duration = std::time::Duration::from_secs(5);

/// What a login step produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The code was sent (to the Telegram app, or by SMS).
    CodeSent,
    /// A QR login token to show: `tg://login?token=…`, valid for `expires_in` seconds.
    Qr { url: String, expires_in: u32 },
    /// The account has a 2FA password; the hint, if the account set one.
    PasswordNeeded { hint: Option<String> },
    /// Signed in.
    Done(Account),
}

/// Why a step failed; `retry` when the same step may be tried again.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("the code is not valid: check it and try again")]
    InvalidCode,
    #[error("the password is not valid: try again")]
    InvalidPassword,
    #[error("the code has expired: request a new one")]
    CodeExpired,
    #[error("{0}")]
    Refused(OwnerError),
    #[error("this account has no Telegram sign-up yet: create it with an official Telegram app first")]
    SignUpRequired,
    #[error("no login is in progress for this step: start again")]
    NoLogin,
}

impl LoginState {
    pub(crate) fn new() -> Self {
        Self::default()
    }
}

impl Telegram {
    /// `auth.sendCode` for `phone`.
    pub(crate) async fn send_code(
        &self,
        state: &mut LoginState,
        phone: &str,
        api_hash: &str,
    ) -> Result<Step, LoginError> {
        let client = self.client_for_login();
        let token = self.bounded(client.request_login_code(phone, api_hash)).await?.map_err(refused)?;
        state.code = Some(token);
        state.password = None;
        Ok(Step::CodeSent)
    }

    /// `auth.signIn` with the code from the last [`Self::send_code`].
    pub(crate) async fn sign_in(&self, state: &mut LoginState, code: &str) -> Result<Step, LoginError> {
        let token = state.code.as_ref().ok_or(LoginError::NoLogin)?;
        let client = self.client_for_login();
        match self.bounded(client.sign_in(token, code)).await? {
            Ok(user) => self.signed_in(state, user.raw).await,
            Err(SignInError::PasswordRequired(password)) => {
                let hint = password.hint().map(str::to_owned);
                state.password = Some(password);
                Ok(Step::PasswordNeeded { hint })
            }
            Err(SignInError::InvalidCode) => Err(LoginError::InvalidCode),
            Err(SignInError::SignUpRequired) => Err(LoginError::SignUpRequired),
            Err(SignInError::Other(e)) if is(&e, "PHONE_CODE_EXPIRED") => {
                state.code = None;
                Err(LoginError::CodeExpired)
            }
            Err(SignInError::Other(e)) => Err(refused(e)),
            Err(SignInError::InvalidPassword(_)) => Err(LoginError::InvalidPassword),
        }
    }

    /// `auth.checkPassword` (SRP) after [`Step::PasswordNeeded`].
    pub(crate) async fn check_password(
        &self,
        state: &mut LoginState,
        password: &str,
    ) -> Result<Step, LoginError> {
        let token = state.password.take().ok_or(LoginError::NoLogin)?;
        let client = self.client_for_login();
        match self.bounded(client.check_password(token, password)).await? {
            Ok(user) => self.signed_in(state, user.raw).await,
            Err(SignInError::InvalidPassword(token)) => {
                state.password = Some(token);
                Err(LoginError::InvalidPassword)
            }
            Err(SignInError::Other(e)) => Err(refused(e)),
            Err(_) => Err(LoginError::NoLogin),
        }
    }

    /// One round of QR login: a token to show, or the end of it (signed in, or 2FA needed).
    /// Waits (while a token is on screen) for it to be accepted or to expire first.
    pub(crate) async fn qr_login(&self, state: &mut LoginState, api_hash: &str) -> Result<Step, LoginError> {
        if let Some(expires) = state.qr_expires.take() {
            let wake = expires.min(tokio::time::Instant::now() + QR_POLL);
            tokio::select! {
                () = self.login_accepted.notified() => {}
                () = tokio::time::sleep_until(wake) => {}
            }
        }
        let client = self.client_for_login();
        let api_id = self.api_id;
        let request = tl::functions::auth::ExportLoginToken {
            api_id,
            api_hash: api_hash.to_owned(),
            except_ids: Vec::new(),
        };
        let answer = match self.bounded(client.invoke(&request)).await? {
            Ok(answer) => answer,
            Err(e) if is(&e, "SESSION_PASSWORD_NEEDED") => return self.password_needed(state).await,
            Err(e) => return Err(refused(e)),
        };
        match answer {
            tl::enums::auth::LoginToken::Token(t) => {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64);
                let expires_in = u32::try_from(i64::from(t.expires) - now).unwrap_or(0).max(1);
                let valid = std::time::Duration::from_secs(u64::from(expires_in));
                state.qr_expires = Some(tokio::time::Instant::now() + valid);
                Ok(Step::Qr { url: format!("tg://login?token={}", base64url(&t.token)), expires_in })
            }
            tl::enums::auth::LoginToken::Success(s) => self.authorized(state, s.authorization).await,
            tl::enums::auth::LoginToken::MigrateTo(m) => {
                // The account lives on another DC: import the token there.
                let import = tl::functions::auth::ImportLoginToken { token: m.token };
                let answer = self.bounded(client.invoke_in_dc(m.dc_id, &import)).await?;
                match answer {
                    Ok(tl::enums::auth::LoginToken::Success(s)) => {
                        self.authorized(state, s.authorization).await
                    }
                    Ok(_) => Err(LoginError::Refused(OwnerError::Invalid(
                        "unexpected answer to importLoginToken".into(),
                    ))),
                    Err(e) if is(&e, "SESSION_PASSWORD_NEEDED") => self.password_needed(state).await,
                    Err(e) => Err(refused(e)),
                }
            }
        }
    }

    /// `auth.logOut`: ends the authorization of this session's key.
    pub(crate) async fn log_out(&self) -> Result<(), OwnerError> {
        let client = self.client();
        match self.bounded(client.sign_out()).await {
            Ok(Ok(_)) => {}
            // Already signed out (or an unknown key): the goal is reached.
            Ok(Err(e)) if matches!(classify(&e), OwnerError::NotLoggedIn) => {}
            Ok(Err(e)) => return Err(classify(&e)),
            Err(LoginError::Refused(e)) => return Err(e),
            Err(other) => return Err(OwnerError::Invalid(other.to_string())),
        }
        if let Err(error) = self.forget_session().await {
            tracing::warn!("{error:#}");
        }
        tracing::info!("logged out; the session was removed");
        self.state.send_replace(super::State::NotLoggedIn);
        Ok(())
    }

    async fn password_needed(&self, state: &mut LoginState) -> Result<Step, LoginError> {
        let client = self.client_for_login();
        let request = tl::functions::account::GetPassword {};
        let tl::enums::account::Password::Password(password) =
            self.bounded(client.invoke(&request)).await?.map_err(refused)?;
        let hint = password.hint.clone();
        state.password = Some(PasswordToken::new(password));
        Ok(Step::PasswordNeeded { hint })
    }

    /// Finishes a QR login the way grammers finishes the others: remember who we are.
    async fn authorized(
        &self,
        state: &mut LoginState,
        auth: tl::enums::auth::Authorization,
    ) -> Result<Step, LoginError> {
        let tl::enums::auth::Authorization::Authorization(auth) = auth else {
            return Err(LoginError::SignUpRequired);
        };
        let client = self.client();
        if let tl::enums::User::User(u) = &auth.user {
            let peer = PeerInfo::User {
                id: u.id,
                auth: u.access_hash.map(PeerAuth::from_hash),
                bot: Some(u.bot),
                is_self: Some(true),
            };
            let _ = self.session().cache_peer(peer).await;
        }
        if let Ok(Ok(tl::enums::updates::State::State(s))) =
            self.bounded(client.invoke(&tl::functions::updates::GetState {})).await
        {
            let state =
                UpdatesState { pts: s.pts, qts: s.qts, date: s.date, seq: s.seq, channels: Vec::new() };
            let _ = self.session().set_update_state(UpdateState::All(state)).await;
        }
        self.signed_in(state, auth.user).await
    }

    async fn signed_in(&self, state: &mut LoginState, user: tl::enums::User) -> Result<Step, LoginError> {
        *state = LoginState::default();
        let tl::enums::User::User(me) = &user else {
            return Err(LoginError::Refused(OwnerError::Invalid("Telegram returned an empty user".into())));
        };
        self.learn(std::slice::from_ref(&user), &[]);
        self.logged_in();
        let account = convert::account(me);
        tracing::info!("{}", super::State::Connected(account.clone()).describe());
        self.state.send_replace(super::State::Connected(account.clone()));
        self.trouble.notify_one();
        Ok(Step::Done(account))
    }

    /// The client, reconnected first if the old connection was revoked or broken.
    fn client_for_login(&self) -> grammers_client::Client {
        if matches!(*self.state.borrow(), super::State::SessionBurnt | super::State::Reconnecting { .. }) {
            self.rebuild();
        }
        self.client()
    }

    /// Runs a login call with the call deadline.
    async fn bounded<T>(&self, call: impl std::future::Future<Output = T>) -> Result<T, LoginError> {
        tokio::time::timeout(self.call_timeout, call)
            .await
            .map_err(|_| LoginError::Refused(OwnerError::Timeout(self.call_timeout)))
    }
}

/// Whether an update says a QR login token was accepted.
pub(super) fn is_login_token(update: &grammers_client::session::updates::UpdatesLike) -> bool {
    use grammers_client::session::updates::UpdatesLike;
    use tl::enums::{Update, Updates};
    match update {
        UpdatesLike::Updates(Updates::UpdateShort(short)) => matches!(short.update, Update::LoginToken),
        UpdatesLike::Updates(Updates::Updates(all)) => {
            all.updates.iter().any(|u| matches!(u, Update::LoginToken))
        }
        _ => false,
    }
}

fn is(e: &InvocationError, name: &str) -> bool {
    matches!(e, InvocationError::Rpc(rpc) if rpc.name == name)
}

fn refused(e: InvocationError) -> LoginError {
    LoginError::Refused(classify(&e))
}

/// URL-safe base64 without padding, as `tg://login?token=` expects.
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_url_safe_base64_without_padding() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff, 0xbf]), "-_-_");
    }
}
