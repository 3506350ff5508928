//! Forum topics: list, read, create, edit, delete.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::super::{ChatArg, Reply, guard, limit, non_empty, offset};
use super::digits;
use crate::mcp::{TelegramMcp, render};
use crate::model::bots::{ForumTopic, TopicChange, TopicChanged, TopicMessages, Topics};
use crate::owner::{Cursor, OwnerError, Window};

/// The icon colours Telegram accepts for new topics.
const ICON_COLORS: [i64; 6] = [7_322_096, 16_766_590, 13_338_331, 9_367_192, 16_749_490, 16_225_862];

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ListTopics {
    /// A forum supergroup.
    chat_id: ChatArg,
    /// Topics per page, 1–100 (default 100).
    limit: Option<u32>,
    /// `nextCursor` of the previous page.
    cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReadTopic {
    /// A forum supergroup.
    chat_id: ChatArg,
    /// Topic id (from telegram-list-topics).
    topic_id: i32,
    /// Messages per page, 1–100 (default 20).
    limit: Option<u32>,
    /// Only messages older than this id.
    offset_id: Option<i32>,
    /// `nextCursor` of the previous page.
    cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreateTopic {
    /// A forum supergroup.
    chat_id: ChatArg,
    /// Topic title (up to 128 characters).
    title: String,
    /// One of 7322096, 16766590, 13338331, 9367192, 16749490, 16225862.
    icon_color: Option<i64>,
    /// Custom emoji document id for the icon (digits).
    icon_emoji_id: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EditTopic {
    /// A forum supergroup.
    chat_id: ChatArg,
    /// Topic id (from telegram-list-topics).
    topic_id: i32,
    /// New title.
    title: Option<String>,
    /// New custom emoji document id for the icon (digits; 0 removes it).
    icon_emoji_id: Option<String>,
    /// Close (true) or reopen (false).
    closed: Option<bool>,
    /// Hide (true) or show (false) the General topic (id 1).
    hidden: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DeleteTopic {
    /// A forum supergroup.
    chat_id: ChatArg,
    /// Topic to delete with all its messages.
    topic_id: i32,
    /// `true` to delete without being asked; otherwise the user is asked (or the call is refused).
    confirm: Option<bool>,
}

#[tool_router(router = topics_router, vis = "pub(super)")]
impl TelegramMcp {
    /// List the topics of a forum group: names, unread counts, closed/hidden state.
    #[tool(name = "telegram-list-topics", annotations(title = "List topics", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Topics>())]
    async fn list_topics(
        &self,
        Parameters(a): Parameters<ListTopics>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let after = match a.cursor.as_deref().map(Cursor::decode).transpose()? {
                Some(Cursor::Offset { offset }) => i32::try_from(offset).unwrap_or(0),
                Some(_) => return Err(OwnerError::Invalid("that cursor belongs to another tool".into())),
                None => 0,
            };
            let chat = self.chat(&a.chat_id).await?;
            let page = self.owner.telegram().forum_topics(&chat, limit(a.limit, 100), after).await?;
            let next_cursor = page.next.map(|id| Cursor::Offset { offset: i64::from(id) }.encode());
            let mut text = format!("{} topic(s) in {}", page.count, render::clean(&chat.title));
            page.topics.iter().for_each(|t| text.push_str(&format!("\n- {}", topic_line(t))));
            if let Some(next) = &next_cursor {
                text.push_str(&format!("\nmore: cursor {next}"));
            }
            Ok((
                text,
                Topics { chat: chat.chat(0, None), count: page.count, topics: page.topics, next_cursor },
            ))
        })
        .await
    }

    /// Read the messages of one forum topic, oldest first within the page.
    #[tool(name = "telegram-read-topic-messages", annotations(title = "Read topic", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<TopicMessages>())]
    async fn read_topic_messages(
        &self,
        Parameters(a): Parameters<ReadTopic>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let offset_id = offset(a.cursor.as_deref(), a.offset_id)?;
            let chat = self.chat(&a.chat_id).await?;
            if !chat.forum {
                return Err(OwnerError::Invalid(format!(
                    "{} is not a forum: use telegram-get-replies for threads",
                    chat.title
                )));
            }
            let w = Window { limit: limit(a.limit, 20), offset_id, ..Window::default() };
            let page = self.owner.telegram().replies(&chat, a.topic_id, w).await?;
            let text = render::messages(Some(&chat.title), &page.items, page.next_cursor.as_deref());
            let value = TopicMessages {
                chat: chat.chat(0, None),
                topic_id: a.topic_id,
                messages: page.items,
                next_cursor: page.next_cursor,
            };
            Ok((text, value))
        })
        .await
    }

    /// Create a topic in a forum supergroup.
    #[tool(name = "telegram-create-topic", annotations(title = "Create topic", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<TopicChanged>())]
    async fn create_topic(
        &self,
        Parameters(a): Parameters<CreateTopic>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let title = non_empty(&a.title, "title")?;
            let color = match a.icon_color {
                Some(c) if !ICON_COLORS.contains(&c) => {
                    return Err(OwnerError::Invalid(format!("iconColor {c} is not one of {ICON_COLORS:?}")));
                }
                c => c.map(|c| c as i32),
            };
            let emoji = a.icon_emoji_id.as_deref().map(|e| digits(e, "iconEmojiId")).transpose()?;
            let chat = self.chat(&a.chat_id).await?;
            let tg = self.owner.telegram();
            let id = tg.create_topic(&chat, title, color, emoji).await?;
            let topic = tg.forum_topic(&chat, id).await?;
            let text =
                format!("created topic {id} {:?} in {}", render::clean(title), render::clean(&chat.title));
            Ok((text, TopicChanged { chat_id: chat.id, topic_id: id, topic, deleted_messages: None }))
        })
        .await
    }

    /// Edit a forum topic: rename, change icon, close/reopen, or hide/show General.
    #[tool(name = "telegram-edit-topic", annotations(title = "Edit topic", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<TopicChanged>())]
    async fn edit_topic(
        &self,
        Parameters(a): Parameters<EditTopic>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let title = a.title.as_deref().map(|t| non_empty(t, "title").map(str::to_owned)).transpose()?;
            let icon_emoji_id = a.icon_emoji_id.as_deref().map(|e| digits(e, "iconEmojiId")).transpose()?;
            if a.hidden.is_some() && a.topic_id != 1 {
                return Err(OwnerError::Invalid(
                    "hidden applies only to the General topic (topicId 1)".into(),
                ));
            }
            let change = TopicChange { title, icon_emoji_id, closed: a.closed, hidden: a.hidden };
            if change == TopicChange::default() {
                return Err(OwnerError::Invalid(
                    "nothing to change: give title, iconEmojiId, closed or hidden".into(),
                ));
            }
            let chat = self.chat(&a.chat_id).await?;
            let tg = self.owner.telegram();
            tg.edit_topic(&chat, a.topic_id, &change).await?;
            let topic = tg.forum_topic(&chat, a.topic_id).await?;
            let line = topic.as_ref().map_or_else(|| a.topic_id.to_string(), topic_line);
            let value =
                TopicChanged { chat_id: chat.id, topic_id: a.topic_id, topic, deleted_messages: None };
            Ok((format!("edited topic {line}"), value))
        })
        .await
    }

    /// Delete a forum topic and all its messages. Cannot be undone.
    #[tool(name = "telegram-delete-topic", annotations(title = "Delete topic", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<TopicChanged>())]
    async fn delete_topic(
        &self,
        Parameters(a): Parameters<DeleteTopic>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let chat = self.chat(&a.chat_id).await?;
            let tg = self.owner.telegram();
            let Some(title) = tg.forum_topic(&chat, a.topic_id).await?.map(|t| t.title) else {
                return Err(OwnerError::Invalid(format!(
                    "no topic {} in {}: see telegram-list-topics",
                    a.topic_id, chat.title
                )));
            };
            let question = format!(
                "Delete topic {:?} and all its messages in {}?",
                render::clean(&title),
                render::clean(&chat.title)
            );
            self.confirm(&ctx, a.confirm, "telegram-delete-topic", question).await?;
            let deleted = tg.delete_topic(&chat, a.topic_id).await?;
            let text =
                format!("deleted topic {} {:?} with {deleted} message(s)", a.topic_id, render::clean(&title));
            Ok((
                text,
                TopicChanged {
                    chat_id: chat.id,
                    topic_id: a.topic_id,
                    topic: None,
                    deleted_messages: Some(deleted),
                },
            ))
        })
        .await
    }
}

fn topic_line(t: &ForumTopic) -> String {
    let mut flags = String::new();
    for (on, name) in [(t.closed, " closed"), (t.hidden, " hidden"), (t.pinned, " pinned")] {
        if on {
            flags.push_str(name);
        }
    }
    format!("{} {:?} ({} unread){flags}", t.id, render::clean(&t.title), t.unread)
}
