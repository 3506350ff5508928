//! Login and logout on the owner's connection, so that a login never opens a second
//! connection with the session's key: `mcp-telegram login` talks to the owner (a daemon, a
//! master, or itself as the owner) and the owner signs in and writes the session.

use super::telegram::login::LoginState;
pub use super::telegram::login::{LoginError, Step};
use super::{OwnerError, OwnerHandle};

/// One login conversation; holds the tokens between steps (in memory only).
pub struct Login {
    owner: OwnerHandle,
    state: LoginState,
}

impl OwnerHandle {
    /// Starts a login conversation.
    pub fn login(&self) -> Login {
        Login { owner: self.clone(), state: LoginState::new() }
    }

    /// Ends the Telegram authorization of this session (`auth.logOut`).
    pub async fn log_out(&self) -> Result<(), OwnerError> {
        self.inner.tg.log_out().await
    }

    fn api_hash(&self) -> Result<&str, LoginError> {
        match (&self.inner.api_hash, self.inner.tg.has_api_id()) {
            (Some(hash), true) => Ok(hash),
            _ => Err(LoginError::Refused(OwnerError::Invalid(
                "the owner has no TELEGRAM_API_ID/TELEGRAM_API_HASH: set both (from my.telegram.org) where it runs \
                 (/etc/mcp-telegram.env for the service) and restart it"
                    .into(),
            ))),
        }
    }
}

impl Login {
    /// Sends a login code to `phone` (international format).
    pub async fn send_code(&mut self, phone: &str) -> Result<Step, LoginError> {
        let hash = self.owner.api_hash()?.to_owned();
        self.owner.inner.tg.send_code(&mut self.state, phone, &hash).await
    }

    /// Signs in with the code Telegram sent.
    pub async fn code(&mut self, code: &str) -> Result<Step, LoginError> {
        self.owner.inner.tg.sign_in(&mut self.state, code).await
    }

    /// Completes a login that needs the 2FA password.
    pub async fn password(&mut self, password: &str) -> Result<Step, LoginError> {
        self.owner.inner.tg.check_password(&mut self.state, password).await
    }

    /// One round of QR login (call again while it answers [`Step::Qr`]).
    pub async fn qr(&mut self) -> Result<Step, LoginError> {
        let hash = self.owner.api_hash()?.to_owned();
        self.owner.inner.tg.qr_login(&mut self.state, &hash).await
    }
}
