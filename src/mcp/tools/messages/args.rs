//! The message tools' arguments (the original's names and parameters, plus `cursor`) and
//! structured results.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::mcp::tools::ChatArg;
use crate::model::{Chat, Message};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReadMessages {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// Messages per page, 1–100 (default 10).
    pub(super) limit: Option<u32>,
    /// Only messages older than this message id.
    pub(super) offset_id: Option<i32>,
    /// Only messages at or after this unix time.
    pub(super) min_date: Option<i64>,
    /// Only messages at or before this unix time.
    pub(super) max_date: Option<i64>,
    /// `nextCursor` of the previous page (older messages).
    pub(super) cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SearchMessages {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// Text to search for.
    pub(super) query: String,
    /// Results per page, 1–100 (default 20).
    pub(super) limit: Option<u32>,
    /// Only messages at or after this unix time.
    pub(super) min_date: Option<i64>,
    /// Only messages at or before this unix time.
    pub(super) max_date: Option<i64>,
    /// `nextCursor` of the previous page.
    pub(super) cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SearchGlobal {
    /// Text to search for in all chats.
    pub(super) query: String,
    /// Results per page, 1–100 (default 20).
    pub(super) limit: Option<u32>,
    /// Only messages at or after this unix time.
    pub(super) min_date: Option<i64>,
    /// Only messages at or before this unix time.
    pub(super) max_date: Option<i64>,
    /// `nextCursor` of the previous page.
    pub(super) cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendMessage {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// Message text, up to 4096 characters.
    pub(super) text: String,
    /// `md` (Markdown) or `html` to send formatting; plain text when absent.
    pub(super) parse_mode: Option<String>,
    /// Id of the message to reply to.
    pub(super) reply_to: Option<i32>,
    /// Forum topic id to post into.
    pub(super) topic_id: Option<i32>,
    /// A verbatim excerpt of the replied message, shown as a quote above the reply (needs
    /// `replyTo`).
    pub(super) quote_text: Option<String>,
    /// A message effect id (digits; some effects need Telegram Premium).
    pub(super) effect: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EditMessage {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// Id of your message to change.
    pub(super) message_id: i32,
    /// The new text.
    pub(super) text: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DeleteMessage {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// Ids of the messages to delete for everyone (at most 100).
    pub(super) message_ids: Vec<i32>,
    /// `true` to delete without being asked; otherwise the user is asked (MCP elicitation) or,
    /// where the client cannot ask, the call is refused until `confirm: true` is given.
    pub(super) confirm: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ForwardMessage {
    /// Chat the messages are in.
    pub(super) from_chat_id: ChatArg,
    /// Chat to forward them to.
    pub(super) to_chat_id: ChatArg,
    /// Ids of the messages (at most 100).
    pub(super) message_ids: Vec<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MessageLink {
    /// A channel or supergroup.
    pub(super) chat_id: ChatArg,
    /// The message.
    pub(super) message_id: i32,
    /// Link into the discussion thread of the message.
    pub(super) thread: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetReplies {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// The message (or forum topic id) whose replies to read.
    pub(super) message_id: i32,
    /// Replies per page, 1–100 (default 20).
    pub(super) limit: Option<u32>,
    /// `nextCursor` of the previous page.
    pub(super) cursor: Option<String>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Messages {
    /// The chat read, when the listing is about one chat.
    pub(super) chat: Option<Chat>,
    /// Oldest first within the page.
    pub(super) messages: Vec<Message>,
    /// Pass as `cursor` for older messages; absent on the last page.
    pub(super) next_cursor: Option<String>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Sent {
    pub(super) message: Message,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Changed {
    pub(super) chat_id: i64,
    pub(super) message_ids: Vec<i32>,
    /// How many Telegram changed.
    pub(super) count: usize,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Forwarded {
    pub(super) from_chat_id: i64,
    pub(super) to_chat_id: i64,
    /// The new copies.
    pub(super) messages: Vec<Message>,
    /// Source ids that did not exist.
    pub(super) missing: Vec<i32>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Link {
    pub(super) chat_id: i64,
    pub(super) message_id: i32,
    pub(super) link: String,
}
