//! Inline bots (query, send a result) and message keyboards (list, press).

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::super::{ChatArg, Reply, guard};
use super::digits;
use crate::mcp::{TelegramMcp, render};
use crate::model::bots::{Buttons, CallbackAnswer, InlineOptions, InlineResults, InlineSent, Press};
use crate::owner::OwnerError;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct InlineQuery {
    /// Inline bot: @username or user id.
    bot: ChatArg,
    /// Chat the query is made in.
    chat_id: ChatArg,
    /// Query text (may be empty).
    query: String,
    /// `nextOffset` of the previous call.
    offset: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct InlineSend {
    /// Chat to send the result into.
    chat_id: ChatArg,
    /// `queryId` from telegram-inline-query (valid about a minute).
    query_id: String,
    /// `id` of the chosen result.
    result_id: String,
    /// Message id to reply to.
    reply_to: Option<i32>,
    /// Send without notification.
    silent: Option<bool>,
    /// Hide the "via @bot" label.
    hide_via: Option<bool>,
    /// Clear the chat's draft.
    clear_draft: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MessageButtons {
    /// Chat of the message.
    chat_id: ChatArg,
    /// The message with the keyboard.
    message_id: i32,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PressButton {
    /// Chat of the message.
    chat_id: ChatArg,
    /// The message with the keyboard.
    message_id: i32,
    /// 0-based row (with `column`, unless `data` is given).
    row: Option<u32>,
    /// 0-based column.
    column: Option<u32>,
    /// Raw callback data, base64 (instead of row/column).
    data: Option<String>,
}

#[tool_router(router = inline_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Ask an inline bot (e.g. @gif) for results in a chat. Returns queryId and results for telegram-inline-query-send.
    #[tool(name = "telegram-inline-query", annotations(title = "Inline query", read_only_hint = true, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<InlineResults>())]
    async fn inline_query(
        &self,
        Parameters(a): Parameters<InlineQuery>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let bot = self.chat(&a.bot).await?;
            let chat = self.chat(&a.chat_id).await?;
            let found = self
                .owner
                .telegram()
                .inline_query(&bot, &chat, &a.query, a.offset.as_deref().unwrap_or(""))
                .await?;
            let mut text = format!(
                "{} result(s) from {} (queryId {})",
                found.results.len(),
                render::clean(&bot.title),
                found.query_id
            );
            for r in &found.results {
                let title = r.title.as_deref().map(render::clean).unwrap_or_default();
                text.push_str(&format!("\n- {} [{}] {title}", r.id, r.kind));
            }
            if let Some(next) = &found.next_offset {
                text.push_str(&format!("\nmore: offset {next:?}"));
            }
            Ok((text, found))
        })
        .await
    }

    /// Send a result of telegram-inline-query to a chat by queryId and resultId.
    #[tool(name = "telegram-inline-query-send", annotations(title = "Send inline result", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<InlineSent>())]
    async fn inline_query_send(
        &self,
        Parameters(a): Parameters<InlineSend>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let query_id = digits(&a.query_id, "queryId")?;
            if a.result_id.trim().is_empty() {
                return Err(OwnerError::Invalid(
                    "resultId is empty: pass an id from telegram-inline-query".into(),
                ));
            }
            let chat = self.chat(&a.chat_id).await?;
            let options = InlineOptions {
                reply_to: a.reply_to,
                silent: a.silent.unwrap_or(false),
                hide_via: a.hide_via.unwrap_or(false),
                clear_draft: a.clear_draft.unwrap_or(false),
            };
            let sent = self.owner.telegram().inline_send(&chat, query_id, &a.result_id, options).await?;
            let text = format!("sent to {}: {}", render::clean(&chat.title), render::message(&sent.message));
            Ok((text, sent))
        })
        .await
    }

    /// List a message's keyboard buttons with row/column, type, label, callback data (base64) and url.
    #[tool(name = "telegram-get-message-buttons", annotations(title = "Message buttons", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Buttons>())]
    async fn get_message_buttons(
        &self,
        Parameters(a): Parameters<MessageButtons>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let chat = self.chat(&a.chat_id).await?;
            let found = self.owner.telegram().buttons(&chat, a.message_id).await?;
            let mut text = format!(
                "message {}: {} keyboard, {} button(s)",
                a.message_id,
                found.markup_type,
                found.buttons.len()
            );
            for b in &found.buttons {
                let extra = b.url.as_deref().or(b.data.as_deref()).unwrap_or("");
                text.push_str(&format!(
                    "\n- ({}, {}) {} {:?} {extra}",
                    b.row,
                    b.column,
                    b.kind,
                    render::clean(&b.text)
                ));
            }
            Ok((text, found))
        })
        .await
    }

    /// Press an inline callback button by row/column (or raw base64 data); returns the bot's answer.
    #[tool(name = "telegram-press-button", annotations(title = "Press button", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<CallbackAnswer>())]
    async fn press_button(
        &self,
        Parameters(a): Parameters<PressButton>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let press = match (a.data, a.row, a.column) {
                (Some(data), None, None) => Press::Data(data),
                (None, Some(row), Some(column)) => Press::At { row: row as usize, column: column as usize },
                (Some(_), _, _) => {
                    return Err(OwnerError::Invalid("give either data or row and column, not both".into()));
                }
                _ => {
                    return Err(OwnerError::Invalid(
                        "give row and column (or data): see telegram-get-message-buttons".into(),
                    ));
                }
            };
            let chat = self.chat(&a.chat_id).await?;
            let answer = self.owner.telegram().press(&chat, a.message_id, &press).await?;
            let said = answer.message.as_deref().map(render::clean).unwrap_or_else(|| "(no text)".to_owned());
            let kind = if answer.alert { "alert" } else { "answer" };
            Ok((format!("bot {kind}: {said}"), answer))
        })
        .await
    }
}
