//! Scheduled messages, drafts, pins and typing.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use super::args::{
    ChatMessage, ChatOnly, ClearDrafts, DeleteScheduled, NoArgs, PinMessage, SaveDraft, SendScheduled,
    SendTyping,
};
use crate::mcp::tools::{Reply, guard, ids_in_range, text_format};
use crate::mcp::{TelegramMcp, render};
use crate::model::compose::{DraftChange, Drafts, Pin, Removed, Scheduled, ScheduledSent, Typing};
use crate::owner::{OwnerError, Target};

#[tool_router(router = compose_queue_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Scheduled messages of a chat, in sending order.
    #[tool(name = "telegram-get-scheduled", annotations(title = "Scheduled messages", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Scheduled>())]
    async fn get_scheduled(
        &self,
        Parameters(a): Parameters<ChatOnly>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let messages = self.owner.telegram().scheduled(&target).await?;
            let mut text = format!("{} scheduled in {}", messages.len(), render::clean(&target.title));
            for m in &messages {
                text.push('\n');
                text.push_str(&render::message(m));
            }
            Ok((text, Scheduled { chat_id: target.id, messages }))
        })
        .await
    }

    /// Delete scheduled messages before Telegram sends them. Cannot be undone.
    #[tool(name = "telegram-delete-scheduled", annotations(title = "Delete scheduled messages", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Removed>())]
    async fn delete_scheduled(
        &self,
        Parameters(a): Parameters<DeleteScheduled>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            ids_in_range(&a.message_ids)?;
            let target = self.chat(&a.chat_id).await?;
            let title = render::clean(&target.title);
            let question = format!("Delete {} scheduled message(s) in {title}?", a.message_ids.len());
            self.confirm(&ctx, a.confirm, "telegram-delete-scheduled", question).await?;
            let ids = self.owner.telegram().delete_scheduled(&target, &a.message_ids).await?;
            let text = format!("deleted {} scheduled message(s) in {title}", ids.len());
            Ok((text, Removed { chat_id: target.id, message_ids: ids }))
        })
        .await
    }

    /// Schedule a text message; Telegram sends it at `scheduleDate`.
    #[tool(name = "telegram-send-scheduled", annotations(title = "Schedule message", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<ScheduledSent>())]
    async fn send_scheduled(
        &self,
        Parameters(a): Parameters<SendScheduled>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let text = crate::mcp::tools::non_empty(&a.text, "text")?;
            let format = text_format(a.parse_mode.as_deref())?;
            let date = i32::try_from(a.schedule_date).map_err(|_| {
                OwnerError::Invalid("scheduleDate is not a unix time in seconds: pass e.g. 1767225600".into())
            })?;
            let target = self.chat(&a.chat_id).await?;
            let message = self.owner.telegram().schedule(&target, text, format, a.reply_to, date).await?;
            let line = format!(
                "scheduled in {} for {} (scheduled id {})",
                render::clean(&target.title),
                render::date(message.date),
                message.id
            );
            Ok((line, ScheduledSent { message }))
        })
        .await
    }

    /// Save a chat's draft; empty text clears it.
    #[tool(name = "telegram-save-draft", annotations(title = "Save draft", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<DraftChange>())]
    async fn save_draft(
        &self,
        Parameters(a): Parameters<SaveDraft>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            self.owner.telegram().save_draft(&target, &a.text, a.reply_to).await?;
            let cleared = a.text.is_empty() && a.reply_to.is_none();
            let verb = if cleared { "cleared the draft" } else { "saved a draft" };
            let text = format!("{verb} in {}", render::clean(&target.title));
            Ok((text, DraftChange { chat_id: Some(target.id), cleared }))
        })
        .await
    }

    /// Every chat's saved draft.
    #[tool(name = "telegram-get-drafts", annotations(title = "Drafts", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Drafts>())]
    async fn get_drafts(&self, Parameters(_): Parameters<NoArgs>, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let mut drafts = self.owner.telegram().drafts().await?;
            if self.scope.limits_chats() {
                let tg = self.owner.telegram();
                drafts.retain(|d| tg.known(d.chat_id).is_some_and(|t| self.scope.permits(&t.chat(0, None))));
            }
            let mut text = format!("{} draft(s)", drafts.len());
            for d in &drafts {
                let title = d.title.as_deref().map_or_else(|| d.chat_id.to_string(), render::clean);
                text.push_str(&format!("\n{title} ({}): {}", d.chat_id, render::clean(&d.text)));
            }
            Ok((text, Drafts { drafts }))
        })
        .await
    }

    /// Delete drafts: one chat's with `chatId`, or ALL chats' with `confirmAllChats: true`.
    #[tool(name = "telegram-clear-drafts", annotations(title = "Clear drafts", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<DraftChange>())]
    async fn clear_drafts(
        &self,
        Parameters(a): Parameters<ClearDrafts>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let Some(chat) = &a.chat_id else {
                if a.confirm_all_chats != Some(true) {
                    return Err(OwnerError::Invalid(
                        "without chatId this clears the drafts of ALL chats: pass confirmAllChats: true"
                            .into(),
                    ));
                }
                if self.scope.limits_chats() {
                    return Err(OwnerError::Refused(
                        "this window may see only some chats: clear drafts one chatId at a time".into(),
                    ));
                }
                let question = "Delete the drafts of all chats?".to_owned();
                self.confirm(&ctx, a.confirm, "telegram-clear-drafts", question).await?;
                tg.clear_all_drafts().await?;
                return Ok((
                    "cleared the drafts of all chats".to_owned(),
                    DraftChange { chat_id: None, cleared: true },
                ));
            };
            let target: Target = self.chat(chat).await?;
            let title = render::clean(&target.title);
            self.confirm(&ctx, a.confirm, "telegram-clear-drafts", format!("Delete the draft in {title}?"))
                .await?;
            tg.save_draft(&target, "", None).await?;
            Ok((
                format!("cleared the draft in {title}"),
                DraftChange { chat_id: Some(target.id), cleared: true },
            ))
        })
        .await
    }

    /// Pin a message in a chat.
    #[tool(name = "telegram-pin-message", annotations(title = "Pin message", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Pin>())]
    async fn pin_message(
        &self,
        Parameters(a): Parameters<PinMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let pin =
                self.owner.telegram().pin(&target, a.message_id, true, a.silent.unwrap_or(false)).await?;
            Ok((pin_line(&target, &pin), pin))
        })
        .await
    }

    /// Unpin a message in a chat.
    #[tool(name = "telegram-unpin-message", annotations(title = "Unpin message", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Pin>())]
    async fn unpin_message(
        &self,
        Parameters(a): Parameters<ChatMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let pin = self.owner.telegram().pin(&target, a.message_id, false, false).await?;
            Ok((pin_line(&target, &pin), pin))
        })
        .await
    }

    /// Show a typing or upload indicator in a chat, or cancel it.
    #[tool(name = "telegram-send-typing", annotations(title = "Send typing", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Typing>())]
    async fn send_typing(
        &self,
        Parameters(a): Parameters<SendTyping>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let action = a.action.as_deref().unwrap_or("typing").trim().to_lowercase();
            if !["typing", "upload_photo", "upload_document", "cancel"].contains(&action.as_str()) {
                return Err(OwnerError::Invalid(format!(
                    "action {action:?} is not typing, upload_photo, upload_document or cancel"
                )));
            }
            let target = self.chat(&a.chat_id).await?;
            self.owner.telegram().send_action(&target, &action).await?;
            let text = format!("{action} shown in {}", render::clean(&target.title));
            Ok((text, Typing { chat_id: target.id, action }))
        })
        .await
    }
}

fn pin_line(target: &Target, pin: &Pin) -> String {
    let verb = if pin.pinned { "pinned" } else { "unpinned" };
    let ids: Vec<String> = pin.pinned_ids.iter().map(|id| format!("#{id}")).collect();
    let now = if ids.is_empty() { "none".to_owned() } else { ids.join(" ") };
    format!("{verb} #{} in {}; pinned now: {now}", pin.message_id, render::clean(&target.title))
}
