//! The account and the owner: connection state, who is signed in, attached windows.
use rmcp::handler::server::tool::schema_for_output;
use rmcp::{tool, tool_router};
use schemars::JsonSchema;
use serde::Serialize;

use super::{Access, Entry, Profile, Reply};
use crate::mcp::{TelegramMcp, done, render};
use crate::model::Status;

/// How long `telegram-status` waits for a starting owner's first connection attempt.
const STATUS_SETTLE: std::time::Duration = std::time::Duration::from_secs(5);

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] =
    &[Entry { name: "telegram-status", profile: Profile::Core, access: Access::Read }];

#[tool_router(router = account_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Connection state, account, attached windows and uptime of the owner.
    #[tool(name = "telegram-status", annotations(title = "Status", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = false), output_schema = schema_for_output::<WindowStatus>())]
    async fn status(&self) -> Reply {
        // Windows attach before the owner has connected; like every other call, this one waits
        // (bounded) for the first connection attempt, so it names the account when it can.
        self.owner.settled(STATUS_SETTLE).await;
        let status = WindowStatus { status: self.owner.status(), scope: self.scope.describe() };
        done(format!("{}\nthis window: {}", render::status(&status.status), status.scope), &status)
    }
}

/// The owner's status and this window's scope.
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
struct WindowStatus {
    #[serde(flatten)]
    status: Status,
    /// This window's scope: who granted it, its profiles and tool count, read-only, chats.
    scope: String,
}
