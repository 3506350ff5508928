//! Updates without polling: waiting for new messages (`telegram-wait-for-messages`, for clients
//! without resource subscriptions), and the original's stateless cursor tools over
//! `updates.getState` / `getDifference` / `getChannelDifference`.

use std::time::Duration;

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast::error::RecvError;

use super::{Access, ChatArg, Entry, Profile, Reply, guard, limit};
use crate::mcp::{TelegramMcp, render};
use crate::model::{ChatEvent, Message};
use crate::owner::{Difference, OwnerError, UpdateState};

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[
    Entry { name: "telegram-wait-for-messages", profile: Profile::Core, access: Access::Read },
    Entry { name: "telegram-get-state", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-get-updates", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-get-channel-updates", profile: Profile::Messaging, access: Access::Read },
];

/// The longest a wait may take, and its default.
const WAIT_MAX: u64 = 300;
const WAIT_DEFAULT: u64 = 30;
/// After the first message, how long more may follow before the wait returns (a burst of
/// messages comes back together).
const SETTLE: Duration = Duration::from_millis(300);

#[tool_router(router = updates_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Wait until new messages arrive (in one chat, or any chat this window may see), then
    /// return them; returns empty with `timedOut` after `timeout` seconds (default 30, at most
    /// 300). For clients that cannot subscribe to chat resources.
    #[tool(name = "telegram-wait-for-messages", annotations(title = "Wait for messages", read_only_hint = true, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<Waited>())]
    async fn wait_for_messages(
        &self,
        Parameters(a): Parameters<WaitForMessages>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            // Listen first: a message arriving while the chat resolves is not missed.
            let mut events = self.owner.telegram().subscribe_events();
            // And ask what was missed: pushes lost while a connection was down come now.
            self.owner.telegram().resync();
            let chat = match &a.chat_id {
                Some(arg) => Some(self.chat(arg).await?.id),
                None => None,
            };
            let timeout = Duration::from_secs(a.timeout.map_or(WAIT_DEFAULT, |t| t.clamp(1, WAIT_MAX)));
            let most = limit(a.limit, 20);
            let deadline = tokio::time::Instant::now() + timeout;
            let mut messages: Vec<Message> = Vec::new();
            loop {
                let until = if messages.is_empty() {
                    deadline
                } else {
                    deadline.min(tokio::time::Instant::now() + SETTLE)
                };
                let event = match tokio::time::timeout_at(until, events.recv()).await {
                    Err(_) => break,
                    Ok(Err(RecvError::Lagged(_))) => continue,
                    Ok(Err(RecvError::Closed)) => break,
                    Ok(Ok(event)) => event,
                };
                let ChatEvent::NewMessage { message } = event else { continue };
                if message.out || chat.is_some_and(|c| c != message.chat_id) || !self.visible(message.chat_id)
                {
                    continue;
                }
                messages.push(message);
                if messages.len() >= most {
                    break;
                }
            }
            let timed_out = messages.is_empty();
            let text = if timed_out {
                format!("no new message within {} s", timeout.as_secs())
            } else {
                render::messages(None, &messages, None)
            };
            Ok((text, Waited { messages, timed_out }))
        })
        .await
    }

    /// The current update state {pts, qts, date, seq, unreadCount}: the cursor for
    /// telegram-get-updates. The server keeps no cursor; you do.
    #[tool(name = "telegram-get-state", annotations(title = "Update state", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<UpdateState>())]
    async fn get_state(&self, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let state = self.owner.telegram().update_state().await?;
            let text = format!(
                "pts {} · qts {} · date {} · seq {} · {} unread",
                state.pts, state.qts, state.date, state.seq, state.unread_count
            );
            Ok((text, state))
        })
        .await
    }

    /// New and deleted messages and other updates since a {pts, qts, date} cursor (from
    /// telegram-get-state or a previous call); `isFinal: false` means call again with the new
    /// cursor.
    #[tool(name = "telegram-get-updates", annotations(title = "Updates since a cursor", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Difference>())]
    async fn get_updates(
        &self,
        Parameters(a): Parameters<GetUpdates>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let narrow = |v: i64, name: &str| {
                i32::try_from(v).map_err(|_| OwnerError::Invalid(format!("{name} {v} is out of range")))
            };
            let (pts, qts, date) = (narrow(a.pts, "pts")?, narrow(a.qts, "qts")?, narrow(a.date, "date")?);
            let per = a.pts_limit.map_or(100, |l| l.clamp(1, 1000)) as i32;
            let total = a.pts_total_limit.map_or(1000, |l| l.clamp(1, 1000)) as i32;
            let mut diff = self.owner.telegram().difference(pts, qts, date, per, total).await?;
            diff.new_messages.retain(|m| self.visible(m.chat_id));
            Ok((difference_text(&diff), diff))
        })
        .await
    }

    /// New messages and updates of one channel or supergroup since its own pts cursor.
    #[tool(name = "telegram-get-channel-updates", annotations(title = "Channel updates since a cursor", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Difference>())]
    async fn get_channel_updates(
        &self,
        Parameters(a): Parameters<GetChannelUpdates>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let pts = i32::try_from(a.pts)
                .map_err(|_| OwnerError::Invalid(format!("pts {} is out of range", a.pts)))?;
            let most = a.limit.map_or(100, |l| l.clamp(1, 1000)) as i32;
            let diff = self
                .owner
                .telegram()
                .channel_difference(&target, pts, most, a.force.unwrap_or(false))
                .await?;
            Ok((difference_text(&diff), diff))
        })
        .await
    }
}

impl TelegramMcp {
    /// Whether this window may see a chat (its allowlists), by id.
    fn visible(&self, chat: i64) -> bool {
        if !self.scope.limits_chats() {
            return true;
        }
        self.owner.telegram().known(chat).is_some_and(|t| self.scope.permits(&t.chat(0, None)))
    }
}

fn difference_text(d: &Difference) -> String {
    let mut out = format!(
        "{} new message(s), {} deleted, {} other update(s); next pts {}{}",
        d.new_messages.len(),
        d.deleted_message_ids.len(),
        d.other_updates.len(),
        d.pts,
        if d.is_final { "" } else { " (more: call again)" }
    );
    if !d.new_messages.is_empty() {
        out.push('\n');
        out.push_str(&render::messages(None, &d.new_messages, None));
    }
    if let Some(hint) = &d.hint {
        out.push_str(&format!("\n{hint}"));
    }
    out
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(super) struct WaitForMessages {
    /// Only this chat (id, @username, `me`, or a name fragment); default: any chat.
    chat_id: Option<ChatArg>,
    /// Seconds to wait, 1–300 (default 30).
    timeout: Option<u64>,
    /// Return after this many messages, 1–100 (default 20).
    limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(super) struct GetUpdates {
    /// Last known pts (from telegram-get-state or a previous call).
    pts: i64,
    /// Last known qts (0 if unknown).
    qts: i64,
    /// Last known date (unix seconds).
    date: i64,
    /// Updates per batch, 1–1000 (default 100).
    pts_limit: Option<u32>,
    /// Updates in all, 1–1000 (default 1000).
    pts_total_limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(super) struct GetChannelUpdates {
    /// Channel or supergroup: id or @username.
    chat_id: ChatArg,
    /// Last known pts of this channel.
    pts: i64,
    /// Updates per batch, 1–1000 (default 100).
    limit: Option<u32>,
    /// Ask even if earlier updates were not processed (rarely needed).
    force: Option<bool>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(super) struct Waited {
    /// The messages that arrived, oldest first.
    messages: Vec<Message>,
    /// Nothing arrived in time.
    timed_out: bool,
}
