//! Messages: reading, searching, sending, editing, deleting, forwarding, links and replies.

mod args;

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use args::{
    Changed, DeleteMessage, EditMessage, ForwardMessage, Forwarded, GetReplies, Link, MessageLink, Messages,
    ReadMessages, SearchGlobal, SearchMessages, SendMessage, Sent,
};

use super::{Access, Entry, Profile, Reply, guard, ids_in_range, limit, non_empty, offset, text_format};
use crate::mcp::{TelegramMcp, render};
use crate::model::{Message, Page};
use crate::owner::{Cursor, OwnerError, SendOptions, Target, TextFormat, Window};

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[
    Entry { name: "telegram-read-messages", profile: Profile::Core, access: Access::Read },
    Entry { name: "telegram-search-messages", profile: Profile::Core, access: Access::Read },
    Entry { name: "telegram-search-global", profile: Profile::Core, access: Access::Read },
    Entry { name: "telegram-send-message", profile: Profile::Core, access: Access::Write },
    Entry { name: "telegram-edit-message", profile: Profile::Core, access: Access::Write },
    Entry { name: "telegram-delete-message", profile: Profile::Core, access: Access::Destructive },
    Entry { name: "telegram-forward-message", profile: Profile::Core, access: Access::Write },
    Entry { name: "telegram-get-message-link", profile: Profile::Core, access: Access::Read },
    Entry { name: "telegram-get-replies", profile: Profile::Core, access: Access::Read },
];

#[tool_router(router = messages_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Recent messages of a chat, oldest first within the page. Older pages via `cursor`.
    #[tool(name = "telegram-read-messages", annotations(title = "Read messages", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Messages>())]
    async fn read_messages(
        &self,
        Parameters(a): Parameters<ReadMessages>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let target = self.chat(&a.chat_id).await?;
            let offset_id = offset(a.cursor.as_deref(), a.offset_id)?;
            let w = Window {
                limit: limit(a.limit, 10),
                offset_id,
                min_date: a.min_date.unwrap_or(0),
                max_date: a.max_date.unwrap_or(0),
            };
            let page = tg.history(&target, w).await?;
            Ok(chat_page(&target, page))
        })
        .await
    }

    /// Messages of one chat that contain the query.
    #[tool(name = "telegram-search-messages", annotations(title = "Search messages", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Messages>())]
    async fn search_messages(
        &self,
        Parameters(a): Parameters<SearchMessages>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let query = non_empty(&a.query, "query")?;
            let target = self.chat(&a.chat_id).await?;
            let offset_id = offset(a.cursor.as_deref(), None)?;
            let w = Window {
                limit: limit(a.limit, 20),
                offset_id,
                min_date: a.min_date.unwrap_or(0),
                max_date: a.max_date.unwrap_or(0),
            };
            let page = tg.search(&target, query, w).await?;
            Ok(chat_page(&target, page))
        })
        .await
    }

    /// Messages in all your chats that contain the query, newest first.
    #[tool(name = "telegram-search-global", annotations(title = "Search everywhere", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Messages>())]
    async fn search_global(
        &self,
        Parameters(a): Parameters<SearchGlobal>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let query = non_empty(&a.query, "query")?;
            let cursor = a.cursor.as_deref().map(Cursor::decode).transpose()?;
            let w = Window {
                limit: limit(a.limit, 20),
                offset_id: 0,
                min_date: a.min_date.unwrap_or(0),
                max_date: a.max_date.unwrap_or(0),
            };
            let tg = self.owner.telegram();
            let mut page = tg.search_global(query, cursor, w).await?;
            if self.scope.limits_chats() {
                // Only messages of allowed chats; every chat of a result page is known by now.
                page.items
                    .retain(|m| tg.known(m.chat_id).is_some_and(|t| self.scope.permits(&t.chat(0, None))));
            }
            let value = Messages { chat: None, messages: page.items, next_cursor: page.next_cursor };
            Ok((render::messages(None, &value.messages, value.next_cursor.as_deref()), value))
        })
        .await
    }

    /// Send a text message (as you). Optionally reply to a message or post into a forum topic.
    #[tool(name = "telegram-send-message", annotations(title = "Send message", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<Sent>())]
    async fn send_message(
        &self,
        Parameters(a): Parameters<SendMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let text = non_empty(&a.text, "text")?;
            let format = text_format(a.parse_mode.as_deref())?;
            // Formatted text is measured by Telegram after the markup is removed.
            if format == TextFormat::Plain && text.encode_utf16().count() > 4096 {
                return Err(OwnerError::Invalid(
                    "text is longer than Telegram's 4096 characters: split it into several messages".into(),
                ));
            }
            let target = self.chat(&a.chat_id).await?;
            if a.quote_text.is_some() && a.reply_to.is_none() {
                return Err(OwnerError::Invalid(
                    "quoteText quotes the replied message: give replyTo too".into(),
                ));
            }
            let effect = match a.effect.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(id) => Some(id.parse::<i64>().map_err(|_| {
                    OwnerError::Invalid(format!("effect {id:?} is not a message effect id (digits only)"))
                })?),
            };
            let options =
                SendOptions { to: a.reply_to, topic: a.topic_id, quote: a.quote_text.as_deref(), effect };
            let message = tg.send(&target, text, format, options).await?;
            let line = format!(
                "sent to {} (id {}): {}",
                render::clean(&target.title),
                target.id,
                render::message(&message)
            );
            Ok((line, Sent { message }))
        })
        .await
    }

    /// Change the text of one of your messages.
    #[tool(name = "telegram-edit-message", annotations(title = "Edit message", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Changed>())]
    async fn edit_message(
        &self,
        Parameters(a): Parameters<EditMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let text = non_empty(&a.text, "text")?;
            let target = self.chat(&a.chat_id).await?;
            tg.edit(&target, a.message_id, text).await?;
            let value = Changed { chat_id: target.id, message_ids: vec![a.message_id], count: 1 };
            Ok((format!("edited message {} in {}", a.message_id, render::clean(&target.title)), value))
        })
        .await
    }

    /// Delete messages for everyone. Cannot be undone.
    #[tool(name = "telegram-delete-message", annotations(title = "Delete messages", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Changed>())]
    async fn delete_message(
        &self,
        Parameters(a): Parameters<DeleteMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            ids_in_range(&a.message_ids)?;
            let target = self.chat(&a.chat_id).await?;
            // Only ids of this chat: a delete by id elsewhere would reach other chats.
            let ids = tg.in_chat(&target, &a.message_ids).await?;
            let title = render::clean(&target.title);
            if ids.is_empty() {
                return Err(OwnerError::Invalid(format!(
                    "none of these messages is in {title}: nothing was deleted"
                )));
            }
            let question = format!("Delete {} message(s) in {title} for everyone?", ids.len());
            self.confirm(&ctx, a.confirm, "telegram-delete-message", question).await?;
            let count = tg.delete(&target, &ids).await?;
            let missing = a.message_ids.len() - ids.len();
            let mut text = format!("deleted {count} of {} message(s) in {title}", a.message_ids.len());
            if missing > 0 {
                text.push_str(&format!(" ({missing} not in this chat)"));
            }
            Ok((text, Changed { chat_id: target.id, message_ids: ids, count }))
        })
        .await
    }

    /// Forward messages from one chat to another.
    #[tool(name = "telegram-forward-message", annotations(title = "Forward messages", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<Forwarded>())]
    async fn forward_message(
        &self,
        Parameters(a): Parameters<ForwardMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            ids_in_range(&a.message_ids)?;
            let from = self.chat(&a.from_chat_id).await?;
            let to = self.chat(&a.to_chat_id).await?;
            let copies = tg.forward(&from, &to, &a.message_ids).await?;
            let missing =
                a.message_ids.iter().zip(&copies).filter(|(_, c)| c.is_none()).map(|(id, _)| *id).collect();
            let messages: Vec<_> = copies.into_iter().flatten().collect();
            let text = format!(
                "forwarded {} message(s) from {} to {}",
                messages.len(),
                render::clean(&from.title),
                render::clean(&to.title)
            );
            Ok((text, Forwarded { from_chat_id: from.id, to_chat_id: to.id, messages, missing }))
        })
        .await
    }

    /// A t.me link to a message of a channel or supergroup.
    #[tool(name = "telegram-get-message-link", annotations(title = "Message link", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Link>())]
    async fn message_link(
        &self,
        Parameters(a): Parameters<MessageLink>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let target = self.chat(&a.chat_id).await?;
            let link = tg.link(&target, a.message_id, a.thread.unwrap_or(false)).await?;
            Ok((link.clone(), Link { chat_id: target.id, message_id: a.message_id, link }))
        })
        .await
    }

    /// Replies to a message (channel comments or a thread), or the messages of a forum topic.
    #[tool(name = "telegram-get-replies", annotations(title = "Replies", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Messages>())]
    async fn get_replies(
        &self,
        Parameters(a): Parameters<GetReplies>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let target = self.chat(&a.chat_id).await?;
            let offset_id = offset(a.cursor.as_deref(), None)?;
            let w = Window { limit: limit(a.limit, 20), offset_id, ..Window::default() };
            let mut page = tg.replies(&target, a.message_id, w).await?;
            if self.scope.limits_chats() {
                // A channel post's comments live in its discussion group, another chat.
                page.items
                    .retain(|m| tg.known(m.chat_id).is_some_and(|t| self.scope.permits(&t.chat(0, None))));
            }
            Ok(chat_page(&target, page))
        })
        .await
    }
}

/// One chat's page of messages, rendered.
fn chat_page(target: &Target, page: Page<Message>) -> (String, Messages) {
    let value =
        Messages { chat: Some(target.chat(0, None)), messages: page.items, next_cursor: page.next_cursor };
    (render::messages(Some(&target.title), &value.messages, value.next_cursor.as_deref()), value)
}
