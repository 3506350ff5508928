//! Group calls of a chat with their participants, and quick-reply shortcuts.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::super::{ChatArg, Reply, guard, limit};
use super::offset;
use crate::mcp::{TelegramMcp, render};
use crate::model::business::{
    GroupCall, GroupCallParticipant, GroupCallParticipants, QuickReplies, QuickReplyMessages,
};
use crate::owner::OwnerError;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetCall {
    /// Group or channel with a call: id, @username, or a name fragment.
    chat: ChatArg,
    /// Participants to include, 0–100 (default 0: the call only).
    limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetParticipants {
    /// Group or channel with a call: id, @username, or a name fragment.
    chat: ChatArg,
    /// Only these participants (at most 100).
    ids: Option<Vec<ChatArg>>,
    /// Only these audio source ids (at most 100).
    sources: Option<Vec<i32>>,
    /// Participants per page, 1–100 (default 100).
    limit: Option<u32>,
    /// `nextOffset` of the previous page.
    offset: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ShortcutMessages {
    /// Shortcut id from telegram-get-quick-replies.
    shortcut_id: i32,
    /// Only these message ids of the shortcut.
    ids: Option<Vec<i32>>,
    /// Hash of what you have (digits): unchanged shortcuts answer `notModified`.
    hash: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetQuickReplies {
    /// Hash of what you have (digits): an unchanged list answers `notModified`.
    hash: Option<String>,
}

#[tool_router(router = calls_router, vis = "pub(super)")]
impl TelegramMcp {
    /// The group call (voice chat) of a group or channel: title, state and first participants.
    #[tool(name = "telegram-get-group-call", annotations(title = "Group call", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<GroupCall>())]
    async fn get_group_call(
        &self,
        Parameters(a): Parameters<GetCall>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat).await?;
            let participants = a.limit.map_or(0, |l| l.min(100) as usize);
            let call = self.owner.telegram().group_call(&target, participants).await?;
            let title = call.title.as_deref().map(|t| format!(" {:?}", render::clean(t))).unwrap_or_default();
            let state = if call.active { "active" } else { "ended" };
            let mut text = format!(
                "{state} group call{title} in {}: {} participant(s)",
                render::clean(&target.title),
                call.participants_count
            );
            call.participants.iter().for_each(|p| text.push_str(&format!("\n{}", line(p))));
            Ok((text, call))
        })
        .await
    }

    /// Participants of a chat's group call: muted, hand raised, video. More via `offset`.
    #[tool(name = "telegram-get-group-call-participants", annotations(title = "Group call participants", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<GroupCallParticipants>())]
    async fn get_group_call_participants(
        &self,
        Parameters(a): Parameters<GetParticipants>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat).await?;
            let (ids, sources) = (a.ids.unwrap_or_default(), a.sources.unwrap_or_default());
            if ids.len() > 100 || sources.len() > 100 {
                return Err(OwnerError::Invalid("at most 100 ids and 100 sources per call".into()));
            }
            let mut peers = Vec::with_capacity(ids.len());
            for id in &ids {
                peers.push(self.chat(id).await?);
            }
            let tg = self.owner.telegram();
            let page = tg
                .group_call_participants(
                    &target,
                    (&peers, &sources),
                    offset(a.offset.as_deref()),
                    limit(a.limit, 100),
                )
                .await?;
            let mut text = format!(
                "{} of {} participant(s) in {}",
                page.participants.len(),
                page.count,
                render::clean(&target.title)
            );
            page.participants.iter().for_each(|p| text.push_str(&format!("\n{}", line(p))));
            if let Some(next) = &page.next_offset {
                text.push_str(&format!("\nmore: pass offset {next:?}"));
            }
            Ok((text, page))
        })
        .await
    }

    /// Your quick-reply shortcuts (/shortcut) with their message counts.
    #[tool(name = "telegram-get-quick-replies", annotations(title = "Quick replies", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<QuickReplies>())]
    async fn get_quick_replies(
        &self,
        Parameters(a): Parameters<GetQuickReplies>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let Some(shortcuts) = self.owner.telegram().quick_replies(hash(a.hash.as_deref())?).await? else {
                return Ok((
                    "quick replies not modified".into(),
                    QuickReplies { shortcuts: Vec::new(), not_modified: true },
                ));
            };
            let mut text = format!("{} quick repl(ies)", shortcuts.len());
            for s in &shortcuts {
                text.push_str(&format!(
                    "\n{}: /{} ({} message(s))",
                    s.shortcut_id,
                    render::clean(&s.shortcut),
                    s.count
                ));
            }
            Ok((text, QuickReplies { shortcuts, not_modified: false }))
        })
        .await
    }

    /// The messages of one quick-reply shortcut, in sending order.
    #[tool(name = "telegram-get-quick-reply-messages", annotations(title = "Quick reply messages", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<QuickReplyMessages>())]
    async fn get_quick_reply_messages(
        &self,
        Parameters(a): Parameters<ShortcutMessages>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            if a.shortcut_id <= 0 {
                return Err(OwnerError::Invalid(format!(
                    "shortcutId {} is not an id from telegram-get-quick-replies",
                    a.shortcut_id
                )));
            }
            let tg = self.owner.telegram();
            let found = tg.quick_reply_messages(a.shortcut_id, a.ids, hash(a.hash.as_deref())?).await?;
            let Some(messages) = found else {
                let value = QuickReplyMessages {
                    shortcut_id: a.shortcut_id,
                    messages: Vec::new(),
                    not_modified: true,
                };
                return Ok((format!("shortcut {} not modified", a.shortcut_id), value));
            };
            let mut text = format!("{} message(s) in shortcut {}", messages.len(), a.shortcut_id);
            messages.iter().for_each(|m| text.push_str(&format!("\n{}", render::message(m))));
            Ok((text, QuickReplyMessages { shortcut_id: a.shortcut_id, messages, not_modified: false }))
        })
        .await
    }
}

/// A Telegram hash given as digits (0 when absent).
fn hash(raw: Option<&str>) -> Result<i64, OwnerError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(0),
        Some(digits) => digits.parse::<u64>().map(|h| h as i64).map_err(|_| {
            OwnerError::Invalid(format!("hash {digits:?} is not a hash from a previous answer (digits)"))
        }),
    }
}

fn line(p: &GroupCallParticipant) -> String {
    let name = p.name.as_deref().map(render::clean).unwrap_or_else(|| p.peer_id.to_string());
    let mut flags = vec![if p.muted { "muted" } else { "speaking" }];
    if p.raised_hand {
        flags.push("hand raised");
    }
    if p.video {
        flags.push("video");
    }
    if p.screen_sharing {
        flags.push("screen");
    }
    format!("{name} ({}): {}", p.peer_id, flags.join(", "))
}
