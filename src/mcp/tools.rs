//! The fifteen tools, one short function each: resolve the chat, call the owner, render.
//! Names and parameters follow the TypeScript original so prompts keep working.

use std::future::Future;

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, tool, tool_router};

use super::args::{self, limit};
use super::{TelegramMcp, done, failed, out, render};
use crate::model::{ChatDetails, Status};
use crate::owner::{ChatFilter, Cursor, OwnerError, TextFormat, Window};

type Reply = Result<CallToolResult, ErrorData>;

/// How long `telegram-status` waits for a starting owner's first connection attempt.
const STATUS_SETTLE: std::time::Duration = std::time::Duration::from_secs(5);

#[tool_router(vis = "pub(crate)")]
impl TelegramMcp {
    /// Connection state, account, attached windows and uptime of the owner.
    #[tool(name = "telegram-status", annotations(title = "Status", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = false), output_schema = schema_for_output::<Status>())]
    async fn status(&self) -> Reply {
        // Windows attach before the owner has connected; like every other call, this one waits
        // (bounded) for the first connection attempt, so it names the account when it can.
        self.owner.settled(STATUS_SETTLE).await;
        let status = self.owner.status();
        done(render::status(&status), &status)
    }

    /// Your chats, most recent first, with unread counts. Page with `cursor`.
    #[tool(name = "telegram-list-chats", annotations(title = "List chats", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<out::Chats>())]
    async fn list_chats(
        &self,
        Parameters(a): Parameters<args::ListChats>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let filter = match a.filter_type.as_deref() {
                None | Some("" | "all") => ChatFilter::All,
                Some("private") => ChatFilter::Private,
                Some("group") => ChatFilter::Group,
                Some("channel") => ChatFilter::Channel,
                Some(other) => {
                    return Err(OwnerError::Invalid(format!(
                        "filterType {other:?} is not one of private, group, channel"
                    )));
                }
            };
            let cursor = match (a.cursor.as_deref(), a.offset_date) {
                (Some(c), _) => Some(Cursor::decode(c)?),
                (None, Some(date)) => Some(Cursor::Dialogs { date: date as i32, msg_id: 0, chat: 0 }),
                (None, None) => None,
            };
            let page = self.owner.telegram().list_chats(limit(a.limit, 20), cursor, filter).await?;
            let value = out::Chats { chats: page.items, next_cursor: page.next_cursor };
            Ok((render::chats(&value.chats, value.next_cursor.as_deref()), value))
        })
        .await
    }

    /// Find chats, users, groups and channels by name or username.
    #[tool(name = "telegram-search-chats", annotations(title = "Search chats", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<out::Chats>())]
    async fn search_chats(
        &self,
        Parameters(a): Parameters<args::SearchChats>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let query = non_empty(&a.query, "query")?;
            let chats = self.owner.telegram().search_chats(query, limit(a.limit, 10)).await?;
            let value = out::Chats { chats, next_cursor: None };
            Ok((render::chats(&value.chats, None), value))
        })
        .await
    }

    /// Profile of a chat: kind, username, description, member count, forum topics.
    #[tool(name = "telegram-get-chat-info", annotations(title = "Chat info", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<ChatDetails>())]
    async fn chat_info(
        &self,
        Parameters(a): Parameters<args::ChatOnly>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let target = tg.resolve(&a.chat_id.as_query()).await?;
            let details = tg.chat_info(&target).await?;
            Ok((render::details(&details), details))
        })
        .await
    }

    /// Recent messages of a chat, oldest first within the page. Older pages via `cursor`.
    #[tool(name = "telegram-read-messages", annotations(title = "Read messages", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<out::Messages>())]
    async fn read_messages(
        &self,
        Parameters(a): Parameters<args::ReadMessages>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let target = tg.resolve(&a.chat_id.as_query()).await?;
            let offset_id = offset(a.cursor.as_deref(), a.offset_id)?;
            let w = Window {
                limit: limit(a.limit, 10),
                offset_id,
                min_date: a.min_date.unwrap_or(0),
                max_date: a.max_date.unwrap_or(0),
            };
            let page = tg.history(&target, w).await?;
            let value = out::Messages {
                chat: Some(target.chat(0, None)),
                messages: page.items,
                next_cursor: page.next_cursor,
            };
            Ok((render::messages(Some(&target.title), &value.messages, value.next_cursor.as_deref()), value))
        })
        .await
    }

    /// Messages of one chat that contain the query.
    #[tool(name = "telegram-search-messages", annotations(title = "Search messages", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<out::Messages>())]
    async fn search_messages(
        &self,
        Parameters(a): Parameters<args::SearchMessages>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let query = non_empty(&a.query, "query")?;
            let target = tg.resolve(&a.chat_id.as_query()).await?;
            let offset_id = offset(a.cursor.as_deref(), None)?;
            let w = Window {
                limit: limit(a.limit, 20),
                offset_id,
                min_date: a.min_date.unwrap_or(0),
                max_date: a.max_date.unwrap_or(0),
            };
            let page = tg.search(&target, query, w).await?;
            let value = out::Messages {
                chat: Some(target.chat(0, None)),
                messages: page.items,
                next_cursor: page.next_cursor,
            };
            Ok((render::messages(Some(&target.title), &value.messages, value.next_cursor.as_deref()), value))
        })
        .await
    }

    /// Messages in all your chats that contain the query, newest first.
    #[tool(name = "telegram-search-global", annotations(title = "Search everywhere", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<out::Messages>())]
    async fn search_global(
        &self,
        Parameters(a): Parameters<args::SearchGlobal>,
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
            let page = self.owner.telegram().search_global(query, cursor, w).await?;
            let value = out::Messages { chat: None, messages: page.items, next_cursor: page.next_cursor };
            Ok((render::messages(None, &value.messages, value.next_cursor.as_deref()), value))
        })
        .await
    }

    /// Chats with unread messages, with unread forum topics.
    #[tool(name = "telegram-get-unread", annotations(title = "Unread chats", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<out::Unread>())]
    async fn get_unread(
        &self,
        Parameters(a): Parameters<args::GetUnread>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let page = tg.list_chats(limit(a.limit, 20), None, ChatFilter::Unread).await?;
            let mut chats = Vec::new();
            for chat in page.items {
                let topics = match tg.known(chat.id).filter(|t| t.forum) {
                    Some(target) => tg.topics(&target).await?.into_iter().filter(|t| t.unread > 0).collect(),
                    None => Vec::new(),
                };
                chats.push(out::UnreadChat { chat, topics });
            }
            let text = if chats.is_empty() {
                "nothing unread".to_owned()
            } else {
                let lines = chats.iter().map(|c| {
                    let topics = c
                        .topics
                        .iter()
                        .map(|t| format!("\n  # {} · {} unread", render::clean(&t.title), t.unread));
                    render::chat_line(&c.chat) + &topics.collect::<String>()
                });
                lines.collect::<Vec<_>>().join("\n")
            };
            Ok((text, out::Unread { chats }))
        })
        .await
    }

    /// Send a text message (as you). Optionally reply to a message or post into a forum topic.
    #[tool(name = "telegram-send-message", annotations(title = "Send message", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<out::Sent>())]
    async fn send_message(
        &self,
        Parameters(a): Parameters<args::SendMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let text = non_empty(&a.text, "text")?;
            let format = a.format()?;
            // Formatted text is measured by Telegram after the markup is removed.
            if format == TextFormat::Plain && text.encode_utf16().count() > 4096 {
                return Err(OwnerError::Invalid(
                    "text is longer than Telegram's 4096 characters: split it into several messages".into(),
                ));
            }
            let target = tg.resolve(&a.chat_id.as_query()).await?;
            let message = tg.send(&target, text, format, a.reply_to, a.topic_id).await?;
            let line = format!(
                "sent to {} (id {}): {}",
                render::clean(&target.title),
                target.id,
                render::message(&message)
            );
            Ok((line, out::Sent { message }))
        })
        .await
    }

    /// Change the text of one of your messages.
    #[tool(name = "telegram-edit-message", annotations(title = "Edit message", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<out::Changed>())]
    async fn edit_message(
        &self,
        Parameters(a): Parameters<args::EditMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let text = non_empty(&a.text, "text")?;
            let target = tg.resolve(&a.chat_id.as_query()).await?;
            tg.edit(&target, a.message_id, text).await?;
            let value = out::Changed { chat_id: target.id, message_ids: vec![a.message_id], count: 1 };
            Ok((format!("edited message {} in {}", a.message_id, render::clean(&target.title)), value))
        })
        .await
    }

    /// Delete messages for everyone. Cannot be undone.
    #[tool(name = "telegram-delete-message", annotations(title = "Delete messages", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<out::Changed>())]
    async fn delete_message(
        &self,
        Parameters(a): Parameters<args::DeleteMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            ids_in_range(&a.message_ids)?;
            let target = tg.resolve(&a.chat_id.as_query()).await?;
            let count = tg.delete(&target, &a.message_ids).await?;
            let text = format!(
                "deleted {count} of {} message(s) in {}",
                a.message_ids.len(),
                render::clean(&target.title)
            );
            Ok((text, out::Changed { chat_id: target.id, message_ids: a.message_ids, count }))
        })
        .await
    }

    /// Forward messages from one chat to another.
    #[tool(name = "telegram-forward-message", annotations(title = "Forward messages", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<out::Forwarded>())]
    async fn forward_message(
        &self,
        Parameters(a): Parameters<args::ForwardMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            ids_in_range(&a.message_ids)?;
            let from = tg.resolve(&a.from_chat_id.as_query()).await?;
            let to = tg.resolve(&a.to_chat_id.as_query()).await?;
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
            Ok((text, out::Forwarded { from_chat_id: from.id, to_chat_id: to.id, messages, missing }))
        })
        .await
    }

    /// Mark every message of a chat as read.
    #[tool(name = "telegram-mark-as-read", annotations(title = "Mark as read", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<out::Read>())]
    async fn mark_as_read(
        &self,
        Parameters(a): Parameters<args::ChatOnly>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let target = tg.resolve(&a.chat_id.as_query()).await?;
            tg.mark_read(&target).await?;
            Ok((
                format!("marked {} as read", render::clean(&target.title)),
                out::Read { chat: target.chat(0, None) },
            ))
        })
        .await
    }

    /// A t.me link to a message of a channel or supergroup.
    #[tool(name = "telegram-get-message-link", annotations(title = "Message link", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<out::Link>())]
    async fn message_link(
        &self,
        Parameters(a): Parameters<args::MessageLink>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let target = tg.resolve(&a.chat_id.as_query()).await?;
            let link = tg.link(&target, a.message_id, a.thread.unwrap_or(false)).await?;
            Ok((link.clone(), out::Link { chat_id: target.id, message_id: a.message_id, link }))
        })
        .await
    }

    /// Replies to a message (channel comments or a thread), or the messages of a forum topic.
    #[tool(name = "telegram-get-replies", annotations(title = "Replies", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<out::Messages>())]
    async fn get_replies(
        &self,
        Parameters(a): Parameters<args::GetReplies>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let target = tg.resolve(&a.chat_id.as_query()).await?;
            let offset_id = offset(a.cursor.as_deref(), None)?;
            let w = Window { limit: limit(a.limit, 20), offset_id, ..Window::default() };
            let page = tg.replies(&target, a.message_id, w).await?;
            let value = out::Messages {
                chat: Some(target.chat(0, None)),
                messages: page.items,
                next_cursor: page.next_cursor,
            };
            Ok((render::messages(Some(&target.title), &value.messages, value.next_cursor.as_deref()), value))
        })
        .await
    }
}

/// Runs a tool body, stopping it when the client cancels the request or goes away.
async fn guard<T, F>(ctx: &RequestContext<RoleServer>, body: F) -> Reply
where
    T: serde::Serialize,
    F: Future<Output = Result<(String, T), OwnerError>>,
{
    tokio::select! {
        result = body => match result {
            Ok((text, value)) => done(text, &value),
            Err(error) => failed(error),
        },
        () = ctx.ct.cancelled() => failed(OwnerError::Invalid("cancelled by the client".into())),
    }
}

fn non_empty<'a>(value: &'a str, name: &str) -> Result<&'a str, OwnerError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(OwnerError::Invalid(format!("{name} is empty")));
    }
    Ok(trimmed)
}

fn ids_in_range(ids: &[i32]) -> Result<(), OwnerError> {
    match ids.len() {
        0 => Err(OwnerError::Invalid("messageIds is empty".into())),
        1..=100 => Ok(()),
        n => Err(OwnerError::Invalid(format!("{n} messageIds given; at most 100 per call"))),
    }
}

/// The message offset from a cursor or the original's `offsetId`.
fn offset(cursor: Option<&str>, offset_id: Option<i32>) -> Result<i32, OwnerError> {
    match cursor.map(Cursor::decode).transpose()? {
        Some(Cursor::Messages { offset_id }) => Ok(offset_id),
        Some(_) => Err(OwnerError::Invalid("that cursor belongs to another tool".into())),
        None => Ok(offset_id.unwrap_or(0)),
    }
}
