//! Login and logout on the owner's connection, so that a login never opens a second
//! connection with the session's key: `mcp-telegram login` talks to the owner (a daemon, a
//! master, or itself as the owner) and the owner signs in and writes the session.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

use super::telegram::login::LoginState;
pub use super::telegram::login::{LoginError, Step};
use super::{OwnerError, OwnerHandle, State, Telegram};
use crate::model::Account;

/// How long a background QR login (`telegram-login`) waits for a scan before it gives up.
const QR_PATIENCE: Duration = Duration::from_secs(300);
/// How long a caller waits for a new background QR login's first token.
const QR_FIRST: Duration = Duration::from_secs(30);

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

/// Where the background QR login stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QrProgress {
    /// A token to show: `tg://login?token=…`, valid for `expires_in` seconds.
    Showing { url: String, expires_in: u32 },
    /// Signed in.
    Done(Account),
    /// Scanned, but the account has a 2FA password (the terminal login asks for it).
    PasswordNeeded,
    /// It ended without a login (expired, refused, …), in words.
    Failed(String),
}

/// The owner's background QR login, if one was started: its latest progress.
#[derive(Default)]
pub(super) struct QrSlot(Mutex<Option<watch::Receiver<Option<QrProgress>>>>);

impl OwnerHandle {
    /// The QR login run in the background for MCP tools: joins the one waiting for a scan (or
    /// scanned and waiting for the 2FA password, which only the terminal login asks for), or
    /// starts one, and returns its latest progress. Never two at once per owner.
    pub async fn qr_login(&self) -> Result<QrProgress, LoginError> {
        let mut rx = {
            let mut slot = self.inner.qr.0.lock().unwrap_or_else(|p| p.into_inner());
            let running = slot.as_ref().is_some_and(|rx| {
                matches!(&*rx.borrow(), None | Some(QrProgress::Showing { .. } | QrProgress::PasswordNeeded))
            });
            if !running {
                let hash = self.api_hash()?.to_owned();
                let (tx, rx) = watch::channel(None);
                tokio::spawn(qr_in_background(Arc::clone(&self.inner.tg), hash, tx));
                *slot = Some(rx);
            }
            slot.clone().ok_or(LoginError::NoLogin)?
        };
        match tokio::time::timeout(QR_FIRST, rx.wait_for(Option::is_some)).await {
            Ok(Ok(progress)) => Ok(progress.clone().unwrap_or(QrProgress::Failed("no login".into()))),
            _ => Err(LoginError::Refused(OwnerError::Timeout(QR_FIRST))),
        }
    }
}

/// Exports QR tokens until one is scanned (or the patience ends), publishing each step.
async fn qr_in_background(tg: Arc<Telegram>, hash: String, tx: watch::Sender<Option<QrProgress>>) {
    let started = tokio::time::Instant::now();
    let mut state = LoginState::new();
    loop {
        let progress = match tg.qr_login(&mut state, &hash).await {
            Ok(Step::Qr { .. }) if started.elapsed() > QR_PATIENCE => QrProgress::Failed(format!(
                "no scan within {} minutes: call telegram-login again",
                QR_PATIENCE.as_secs() / 60
            )),
            Ok(Step::Qr { url, expires_in }) => QrProgress::Showing { url, expires_in },
            Ok(Step::Done(account)) => QrProgress::Done(account),
            Ok(Step::PasswordNeeded { .. }) => QrProgress::PasswordNeeded,
            Ok(Step::CodeSent) => QrProgress::Failed("unexpected login step".into()),
            Err(e) => QrProgress::Failed(e.to_string()),
        };
        let more = matches!(progress, QrProgress::Showing { .. });
        let password = progress == QrProgress::PasswordNeeded;
        tx.send_replace(Some(progress));
        if password {
            // Scanned: the terminal login asks for the password. Until it does (for a while),
            // calls hear that, not a new code.
            let mut state = tg.state().subscribe();
            let signed_in = state.wait_for(|s| matches!(s, State::Connected(_)));
            let _ = tokio::time::timeout(QR_PATIENCE, signed_in).await;
            let end = match &*tg.state().borrow() {
                State::Connected(account) => QrProgress::Done(account.clone()),
                _ => QrProgress::Failed(
                    "the 2FA password was not given in time: call telegram-login again".into(),
                ),
            };
            tx.send_replace(Some(end));
        }
        if !more {
            return;
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
