//! `telegram-login` (QR login through the owner, as `mcp-telegram login --qr` does) and
//! `telegram-logout` (as `mcp-telegram logout`). The QR login runs in the owner's background
//! and is shared: a second call shows the same login's current code, never starts another.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::ContentBlock;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::super::{Reply, guard, guard_blocks};
use super::NoArgs;
use crate::mcp::TelegramMcp;
use crate::model::Account;
use crate::model::contacts::LoginState;
use crate::owner::{LoginError, OwnerError, QrProgress, State};

/// How long a call waits for a starting owner to learn whether it is signed in.
const SETTLE: std::time::Duration = std::time::Duration::from_secs(5);

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Logout {
    /// `true` to go ahead without asking (when the client cannot ask the user).
    confirm: Option<bool>,
}

#[tool_router(router = contacts_login_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Log in to Telegram by QR code: returns the code (image and tg:// link) to scan in the Telegram app. Pass the result to the user unchanged.
    #[tool(name = "telegram-login", annotations(title = "Log in", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<LoginState>())]
    async fn login(&self, Parameters(_): Parameters<NoArgs>, ctx: RequestContext<RoleServer>) -> Reply {
        guard_blocks(&ctx, async {
            self.scope.check_account_holder("telegram-login")?;
            self.owner.settled(SETTLE).await;
            match self.owner.state() {
                State::Connected(account) => {
                    let text = format!(
                        "already logged in as {}: to switch accounts, call telegram-logout first",
                        who(&account)
                    );
                    return Ok((text, state("logged_in", Some(account)), Vec::new()));
                }
                // A session with a key that cannot be checked right now is no reason to sign in anew.
                State::Connecting => return Err(OwnerError::Connecting),
                State::Reconnecting { attempt } => return Err(OwnerError::Unreachable { attempt }),
                State::NotLoggedIn | State::SessionBurnt => {}
            }
            match self.owner.qr_login().await.map_err(login_error)? {
                QrProgress::Showing { url, expires_in } => {
                    let png = super::png::qr_png(&url)
                        .map_err(|e| OwnerError::Internal(e.context("failed to draw the QR code")))?;
                    let image = ContentBlock::image(crate::mcp::tools::media::kinds::base64(&png), "image/png");
                    let text = format!(
                        "Scan this QR code with the Telegram app (Settings → Devices → Link Desktop Device), or open \
                         {url} on a device signed in to Telegram. It is valid for {expires_in} s; the login waits \
                         and renews it: call telegram-login again to see the current code or whether it worked."
                    );
                    let value = LoginState { url: Some(url), expires_in: Some(expires_in), ..state("qr", None) };
                    Ok((text, value, vec![image]))
                }
                QrProgress::Done(account) => {
                    let text = format!("logged in as {}", who(&account));
                    Ok((text, state("logged_in", Some(account)), Vec::new()))
                }
                QrProgress::PasswordNeeded => Err(OwnerError::Invalid(
                    "the QR code was scanned, but the account has a 2FA password: finish in a terminal with \
                     `mcp-telegram login`"
                        .into(),
                )),
                QrProgress::Failed(why) => Err(OwnerError::Invalid(format!("the QR login ended: {why}"))),
            }
        })
        .await
    }

    /// Log out of Telegram: ends this session on Telegram's side and deletes it locally. Log in again with telegram-login.
    #[tool(name = "telegram-logout", annotations(title = "Log out", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<LoginState>())]
    async fn logout(&self, Parameters(a): Parameters<Logout>, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            self.scope.check_account_holder("telegram-logout")?;
            let question = "Log out of Telegram and delete this session?".to_owned();
            self.confirm(&ctx, a.confirm, "telegram-logout", question).await?;
            self.owner.log_out().await?;
            let text = "logged out: this session's Telegram authorization has ended; log in again with telegram-login";
            Ok((text.to_owned(), state("logged_out", None)))
        })
        .await
    }
}

fn state(name: &str, account: Option<Account>) -> LoginState {
    LoginState { state: name.to_owned(), account, url: None, expires_in: None }
}

fn who(account: &Account) -> String {
    account.username.as_deref().map_or_else(|| account.name.clone(), |u| format!("@{u}"))
}

fn login_error(e: LoginError) -> OwnerError {
    match e {
        LoginError::Refused(e) => e,
        other => OwnerError::Invalid(other.to_string()),
    }
}
