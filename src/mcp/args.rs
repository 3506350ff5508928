//! Tool arguments: the original TypeScript server's names and parameters (camelCase), plus
//! `cursor` for paging. Field doc comments become the JSON Schema descriptions.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::owner::{OwnerError, TextFormat};

/// A chat: numeric id (bare, `-100…` or negative), `@username`, `me`, or a name fragment.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged, expecting = "a chat: a numeric id, \"@username\", \"me\", or a chat name")]
pub(crate) enum ChatArg {
    Name(String),
    Id(i64),
}

impl ChatArg {
    pub(crate) fn as_query(&self) -> String {
        match self {
            Self::Name(name) => name.clone(),
            Self::Id(id) => id.to_string(),
        }
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ListChats {
    /// Chats per page, 1–100 (default 20; larger values are capped).
    pub(crate) limit: Option<u32>,
    /// Only chats whose last message is older than this unix time (the original's paging).
    pub(crate) offset_date: Option<i64>,
    /// Only `private`, `group` or `channel` chats.
    pub(crate) filter_type: Option<String>,
    /// `nextCursor` of the previous page.
    pub(crate) cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SearchChats {
    /// Name or username to look for.
    pub(crate) query: String,
    /// Results, 1–100 (default 10).
    pub(crate) limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ChatOnly {
    /// Chat id, @username, `me`, or a name fragment.
    pub(crate) chat_id: ChatArg,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReadMessages {
    /// Chat id, @username, `me`, or a name fragment.
    pub(crate) chat_id: ChatArg,
    /// Messages per page, 1–100 (default 10).
    pub(crate) limit: Option<u32>,
    /// Only messages older than this message id.
    pub(crate) offset_id: Option<i32>,
    /// Only messages at or after this unix time.
    pub(crate) min_date: Option<i64>,
    /// Only messages at or before this unix time.
    pub(crate) max_date: Option<i64>,
    /// `nextCursor` of the previous page (older messages).
    pub(crate) cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SearchMessages {
    /// Chat id, @username, `me`, or a name fragment.
    pub(crate) chat_id: ChatArg,
    /// Text to search for.
    pub(crate) query: String,
    /// Results per page, 1–100 (default 20).
    pub(crate) limit: Option<u32>,
    /// Only messages at or after this unix time.
    pub(crate) min_date: Option<i64>,
    /// Only messages at or before this unix time.
    pub(crate) max_date: Option<i64>,
    /// `nextCursor` of the previous page.
    pub(crate) cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SearchGlobal {
    /// Text to search for in all chats.
    pub(crate) query: String,
    /// Results per page, 1–100 (default 20).
    pub(crate) limit: Option<u32>,
    /// Only messages at or after this unix time.
    pub(crate) min_date: Option<i64>,
    /// Only messages at or before this unix time.
    pub(crate) max_date: Option<i64>,
    /// `nextCursor` of the previous page.
    pub(crate) cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetUnread {
    /// Chats with unread messages to list, 1–100 (default 20).
    pub(crate) limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendMessage {
    /// Chat id, @username, `me`, or a name fragment.
    pub(crate) chat_id: ChatArg,
    /// Message text, up to 4096 characters.
    pub(crate) text: String,
    /// `md` (Markdown) or `html` to send formatting; plain text when absent.
    pub(crate) parse_mode: Option<String>,
    /// Id of the message to reply to.
    pub(crate) reply_to: Option<i32>,
    /// Forum topic id to post into.
    pub(crate) topic_id: Option<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EditMessage {
    /// Chat id, @username, `me`, or a name fragment.
    pub(crate) chat_id: ChatArg,
    /// Id of your message to change.
    pub(crate) message_id: i32,
    /// The new text.
    pub(crate) text: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DeleteMessage {
    /// Chat id, @username, `me`, or a name fragment.
    pub(crate) chat_id: ChatArg,
    /// Ids of the messages to delete for everyone (at most 100).
    pub(crate) message_ids: Vec<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ForwardMessage {
    /// Chat the messages are in.
    pub(crate) from_chat_id: ChatArg,
    /// Chat to forward them to.
    pub(crate) to_chat_id: ChatArg,
    /// Ids of the messages (at most 100).
    pub(crate) message_ids: Vec<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MessageLink {
    /// A channel or supergroup.
    pub(crate) chat_id: ChatArg,
    /// The message.
    pub(crate) message_id: i32,
    /// Link into the discussion thread of the message.
    pub(crate) thread: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetReplies {
    /// Chat id, @username, `me`, or a name fragment.
    pub(crate) chat_id: ChatArg,
    /// The message (or forum topic id) whose replies to read.
    pub(crate) message_id: i32,
    /// Replies per page, 1–100 (default 20).
    pub(crate) limit: Option<u32>,
    /// `nextCursor` of the previous page.
    pub(crate) cursor: Option<String>,
}

impl SendMessage {
    /// The `parseMode` as a text format.
    pub(crate) fn format(&self) -> Result<TextFormat, OwnerError> {
        match self.parse_mode.as_deref().map(str::to_lowercase).as_deref() {
            None | Some("" | "plain" | "text") => Ok(TextFormat::Plain),
            Some("md" | "markdown") => Ok(TextFormat::Markdown),
            Some("html") => Ok(TextFormat::Html),
            Some(other) => Err(OwnerError::Invalid(format!("parseMode {other:?} is not md or html"))),
        }
    }
}

/// A `limit` within 1..=100, or the tool's default.
pub(crate) fn limit(value: Option<u32>, default: usize) -> usize {
    value.map_or(default, |v| (v as usize).clamp(1, 100))
}
