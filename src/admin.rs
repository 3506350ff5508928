//! The admin protocol on the owner socket (a hello with `"purpose":"admin"`): status, login
//! and logout performed by the owner itself, so a login never opens a second connection with
//! the session's key. One JSON request per line, one JSON answer per line:
//!
//! | request | answer (`ok: true`) |
//! |---|---|
//! | `{"op":"status"}` | `{"ok":true,"status":{…}}` (what `telegram-status` shows) |
//! | `{"op":"send-code","phone":"+44…"}` | `{"ok":true,"step":"code-sent"}` |
//! | `{"op":"code","code":"12345"}` | a step: `done`, or `password` (with `hint`) |
//! | `{"op":"password","password":"…"}` | a step: `done` |
//! | `{"op":"qr"}` | `{"ok":true,"step":"qr","url":"tg://login?token=…","expiresIn":30}`, `password` or `done` |
//! | `{"op":"logout"}` | `{"ok":true}` |
//!
//! Failures: `{"ok":false,"error":"…","retry":true}` (`retry`: the same step may be tried
//! again). Login and logout are only for the owner's own user or root (socket peer
//! credentials); status is for anyone who may connect. Secrets in requests are never logged.

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufRead, AsyncWrite, AsyncWriteExt};

use crate::ipc::{BlockingConnection, Line, LineReader};
use crate::model::{Account, Status};
use crate::owner::{LoginError, OwnerHandle, Step};

/// Largest admin request line.
const MAX_REQUEST: usize = 64 * 1024;

/// A request from `mcp-telegram status|login|logout`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Request {
    Status,
    SendCode { phone: String },
    Code { code: String },
    Password { password: String },
    Qr,
    Logout,
}

/// The owner's answer.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    pub ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retry: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// `code-sent`, `qr`, `password` or `done`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<Account>,
}

impl Answer {
    fn ok() -> Self {
        Self { ok: true, ..Self::default() }
    }

    fn failed(error: impl ToString, retry: bool) -> Self {
        Self { ok: false, error: Some(error.to_string()), retry, ..Self::default() }
    }

    fn step(step: Result<Step, LoginError>) -> Self {
        match step {
            Ok(Step::CodeSent) => Self { step: Some("code-sent".into()), ..Self::ok() },
            Ok(Step::Qr { url, expires_in }) => {
                Self { step: Some("qr".into()), url: Some(url), expires_in: Some(expires_in), ..Self::ok() }
            }
            Ok(Step::PasswordNeeded { hint }) => Self { step: Some("password".into()), hint, ..Self::ok() },
            Ok(Step::Done(account)) => {
                Self { step: Some("done".into()), account: Some(account), ..Self::ok() }
            }
            Err(e @ (LoginError::InvalidCode | LoginError::InvalidPassword)) => Self::failed(e, true),
            Err(e) => Self::failed(e, false),
        }
    }
}

/// Serves one admin connection until the peer leaves. `peer_uid` comes from the socket.
pub async fn serve<R, W>(owner: OwnerHandle, mut reader: R, mut writer: W, peer_uid: Option<u32>)
where
    R: AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let own_uid = rustix::process::geteuid().as_raw();
    let trusted = peer_uid.is_some_and(|uid| uid == own_uid || uid == 0);
    // A starting owner first learns whether the session is signed in (status and login
    // decide on that).
    owner.settled(std::time::Duration::from_secs(10)).await;
    let mut login = owner.login();
    let mut lines = LineReader::new(&mut reader, MAX_REQUEST);
    loop {
        let answer = match lines.next().await {
            Ok(Line::Complete) => match serde_json::from_slice::<Request>(lines.line()) {
                Err(_) => Answer::failed("bad admin request: not one of the documented ops", false),
                Ok(Request::Status) => Answer { status: Some(owner.status()), ..Answer::ok() },
                Ok(_) if !trusted => Answer::failed(
                    format!(
                        "only the owner's user (uid {own_uid}) or root may log in or out here: run the command as \
                         that user (for the service: `sudo runuser -u mcp-telegram -- mcp-telegram login`)"
                    ),
                    false,
                ),
                Ok(Request::SendCode { phone }) => Answer::step(login.send_code(&phone).await),
                Ok(Request::Code { code }) => Answer::step(login.code(&code).await),
                Ok(Request::Password { password }) => Answer::step(login.password(&password).await),
                Ok(Request::Qr) => Answer::step(login.qr().await),
                Ok(Request::Logout) => match owner.log_out().await {
                    Ok(()) => Answer::ok(),
                    Err(e) => Answer::failed(e, false),
                },
            },
            Ok(Line::Oversized(n)) => {
                Answer::failed(format!("admin request of {n} bytes is too large"), false)
            }
            Ok(Line::Eof) | Err(_) => return,
        };
        let mut bytes = serde_json::to_vec(&answer).unwrap_or_default();
        bytes.push(b'\n');
        if writer.write_all(&bytes).await.is_err() {
            return;
        }
    }
}

/// The command-line side: one request, one answer, over a connection from the IPC hello.
pub struct Client {
    connection: BlockingConnection,
}

impl Client {
    pub fn new(connection: BlockingConnection) -> Self {
        Self { connection }
    }

    /// Who answered (account, pid, session).
    pub fn welcome(&self) -> &crate::ipc::Welcome {
        &self.connection.welcome
    }

    /// Sends `request` and waits for the owner's answer.
    pub fn ask(&mut self, request: &Request) -> anyhow::Result<Answer> {
        use anyhow::Context;
        use std::io::Write;
        let mut bytes = serde_json::to_vec(request)?;
        bytes.push(b'\n');
        self.connection.writer.write_all(&bytes).context("failed to send to the owner")?;
        match self.connection.lines.next_blocking().context("failed to read the owner's answer")? {
            Line::Complete => serde_json::from_slice(self.connection.lines.line())
                .context("failed to read the owner's answer: not JSON"),
            Line::Eof => {
                anyhow::bail!("the owner closed the connection (did it stop?): run the command again")
            }
            Line::Oversized(_) => anyhow::bail!("the owner's answer is too large"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_read_as_documented() {
        let r: Request = serde_json::from_str(r#"{"op":"send-code","phone":"+1 555"}"#).unwrap();
        assert!(matches!(r, Request::SendCode { ref phone } if phone == "+1 555"));
        assert!(serde_json::from_str::<Request>(r#"{"op":"frobnicate"}"#).is_err());
        let a = Answer::step(Err(LoginError::InvalidCode));
        let text = serde_json::to_string(&a).unwrap();
        assert!(text.contains(r#""retry":true"#) && text.contains(r#""ok":false"#), "{text}");
    }
}
