//! The `compose` tools' arguments: the original's names and JSON types (`chatId` also takes an
//! integer id), plus `confirm` on destructive tools and `cursor` on lists.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::mcp::tools::ChatArg;

/// No arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoArgs {}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ChatOnly {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DeleteScheduled {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// Scheduled message ids (1–100).
    pub(super) message_ids: Vec<i32>,
    /// `true` to delete without being asked.
    pub(super) confirm: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendScheduled {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// Message text.
    pub(super) text: String,
    /// Unix time to send at (in the future, at most a year ahead).
    pub(super) schedule_date: i64,
    /// Message id to reply to.
    pub(super) reply_to: Option<i32>,
    /// `md` or `html`; plain when absent.
    pub(super) parse_mode: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SaveDraft {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// Draft text; empty clears the draft.
    pub(super) text: String,
    /// Message id the draft replies to.
    pub(super) reply_to: Option<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ClearDrafts {
    /// Clear only this chat's draft.
    pub(super) chat_id: Option<ChatArg>,
    /// Must be `true` to clear the drafts of ALL chats when `chatId` is absent.
    pub(super) confirm_all_chats: Option<bool>,
    /// `true` to clear without being asked.
    pub(super) confirm: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PinMessage {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// Message to pin.
    pub(super) message_id: i32,
    /// Pin without notifying members (default false).
    pub(super) silent: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ChatMessage {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// The message.
    pub(super) message_id: i32,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendTyping {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// `typing` (default), `upload_photo`, `upload_document` or `cancel`.
    pub(super) action: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UnreadMentions {
    /// Chat id, @username, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// Mentions to return, 1–100 (default 20).
    pub(super) limit: Option<u32>,
    /// `nextCursor` of a previous page, for older unread mentions.
    pub(super) cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SavedDialogsArgs {
    /// Dialogs per page, 1–100 (default 20).
    pub(super) limit: Option<u32>,
    /// `nextCursor` of the previous page.
    pub(super) cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Translate {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// Messages to translate (1–100).
    pub(super) message_ids: Vec<i32>,
    /// ISO 639-1 code (`en`, `ru`) or locale (`en-US`).
    pub(super) to_lang: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WebPreviewArgs {
    /// http(s) URL; literal private, loopback and reserved IPs are refused.
    pub(super) url: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AutoDelete {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// Seconds; 0 turns it off. Whole days up to 365 (86400, 604800, 2592000 …).
    pub(super) period: u32,
}
