//! Chats: listing, searching, profiles, unread counts, marking as read.
use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Access, ChatArg, Entry, Profile, Reply, guard, limit, non_empty};
use crate::mcp::{TelegramMcp, render};
use crate::model::{Chat, ChatDetails, Topic};
use crate::owner::{ChatFilter, Cursor, OwnerError};

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[
    Entry { name: "telegram-list-chats", profile: Profile::Core, access: Access::Read },
    Entry { name: "telegram-search-chats", profile: Profile::Core, access: Access::Read },
    Entry { name: "telegram-get-chat-info", profile: Profile::Core, access: Access::Read },
    Entry { name: "telegram-get-unread", profile: Profile::Core, access: Access::Read },
    Entry { name: "telegram-mark-as-read", profile: Profile::Core, access: Access::Write },
];

#[tool_router(router = chats_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Your chats, most recent first, with unread counts. Page with `cursor`.
    #[tool(name = "telegram-list-chats", annotations(title = "List chats", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Chats>())]
    async fn list_chats(
        &self,
        Parameters(a): Parameters<ListChats>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let filter = match a.filter_type.as_deref() {
                None | Some("" | "all") => ChatFilter::All,
                Some("private") => ChatFilter::Private,
                Some("group") => ChatFilter::Group,
                Some("channel") => ChatFilter::Channel,
                Some("contact_requests") => ChatFilter::ContactRequests,
                Some(other) => {
                    return Err(OwnerError::Invalid(format!(
                        "filterType {other:?} is not one of private, group, channel, contact_requests"
                    )));
                }
            };
            let cursor = match (a.cursor.as_deref(), a.offset_date) {
                (Some(c), _) => Some(Cursor::decode(c)?),
                (None, Some(date)) => Some(Cursor::Dialogs { date: date as i32, msg_id: 0, chat: 0 }),
                (None, None) => None,
            };
            let mut page = self.owner.telegram().list_chats(limit(a.limit, 20), cursor, filter).await?;
            page.items.retain(|c| self.scope.permits(c));
            let value = Chats { chats: page.items, next_cursor: page.next_cursor };
            Ok((render::chats(&value.chats, value.next_cursor.as_deref()), value))
        })
        .await
    }

    /// Find chats, users, groups and channels by name or username.
    #[tool(name = "telegram-search-chats", annotations(title = "Search chats", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Chats>())]
    async fn search_chats(
        &self,
        Parameters(a): Parameters<SearchChats>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let query = non_empty(&a.query, "query")?;
            let mut chats = self.owner.telegram().search_chats(query, limit(a.limit, 10)).await?;
            chats.retain(|c| self.scope.permits(c));
            let value = Chats { chats, next_cursor: None };
            Ok((render::chats(&value.chats, None), value))
        })
        .await
    }

    /// Profile of a chat: kind, username, description, member count, forum topics.
    #[tool(name = "telegram-get-chat-info", annotations(title = "Chat info", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<ChatDetails>())]
    async fn chat_info(&self, Parameters(a): Parameters<ChatOnly>, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let target = self.chat(&a.chat_id).await?;
            let details = tg.chat_info(&target).await?;
            Ok((render::details(&details), details))
        })
        .await
    }

    /// Chats with unread messages, with unread forum topics.
    #[tool(name = "telegram-get-unread", annotations(title = "Unread chats", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Unread>())]
    async fn get_unread(
        &self,
        Parameters(a): Parameters<GetUnread>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let page = tg.list_chats(limit(a.limit, 20), None, ChatFilter::Unread).await?;
            let mut chats = Vec::new();
            for chat in page.items.into_iter().filter(|c| self.scope.permits(c)) {
                let topics = match tg.known(chat.id).filter(|t| t.forum) {
                    Some(target) => tg.topics(&target).await?.into_iter().filter(|t| t.unread > 0).collect(),
                    None => Vec::new(),
                };
                chats.push(UnreadChat { chat, topics });
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
            Ok((text, Unread { chats }))
        })
        .await
    }

    /// Mark every message of a chat as read.
    #[tool(name = "telegram-mark-as-read", annotations(title = "Mark as read", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Read>())]
    async fn mark_as_read(
        &self,
        Parameters(a): Parameters<ChatOnly>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let target = self.chat(&a.chat_id).await?;
            tg.mark_read(&target).await?;
            Ok((
                format!("marked {} as read", render::clean(&target.title)),
                Read { chat: target.chat(0, None) },
            ))
        })
        .await
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(super) struct ListChats {
    /// Chats per page, 1–100 (default 20; larger values are capped).
    pub(super) limit: Option<u32>,
    /// Only chats whose last message is older than this unix time (the original's paging).
    pub(super) offset_date: Option<i64>,
    /// Only `private`, `group` or `channel` chats, or `contact_requests`: private chats with
    /// people who are not in your contacts.
    pub(super) filter_type: Option<String>,
    /// `nextCursor` of the previous page.
    pub(super) cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(super) struct SearchChats {
    /// Name or username to look for.
    pub(super) query: String,
    /// Results, 1–100 (default 10).
    pub(super) limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(super) struct ChatOnly {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(super) struct GetUnread {
    /// Chats with unread messages to list, 1–100 (default 20).
    pub(super) limit: Option<u32>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(super) struct Chats {
    pub(super) chats: Vec<Chat>,
    /// Pass as `cursor` for the next page; absent on the last one.
    pub(super) next_cursor: Option<String>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(super) struct Unread {
    pub(super) chats: Vec<UnreadChat>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(super) struct UnreadChat {
    #[serde(flatten)]
    pub(super) chat: Chat,
    /// Forum topics with unread messages.
    pub(super) topics: Vec<Topic>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(super) struct Read {
    pub(super) chat: Chat,
}
