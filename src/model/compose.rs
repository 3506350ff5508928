//! Messages beyond sending: scheduled messages, drafts, pins, typing, unread mentions, read participants and outbox read dates, discussion threads, saved dialogs, translation, web previews, spam reports and auto-delete timers.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Chat, Message};

/// Scheduled messages of a chat (not in its history until Telegram sends them).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Scheduled {
    pub chat_id: i64,
    /// `date` is when each will be sent.
    pub messages: Vec<Message>,
}

/// A message queued for later.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ScheduledSent {
    /// Its id is a scheduled-message id; `date` is when it will be sent.
    pub message: Message,
}

/// What a change touched.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Removed {
    pub chat_id: i64,
    pub message_ids: Vec<i32>,
}

/// A cloud draft.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Draft {
    pub chat_id: i64,
    /// The chat's name, when known.
    pub title: Option<String>,
    pub text: String,
    pub reply_to: Option<i32>,
    /// Unix time it was saved.
    pub date: i64,
}

/// All drafts.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Drafts {
    pub drafts: Vec<Draft>,
}

/// The result of saving or clearing drafts.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DraftChange {
    /// Absent when drafts of every chat were cleared.
    pub chat_id: Option<i64>,
    /// The draft is now empty.
    pub cleared: bool,
}

/// A pin or unpin, with the chat's pinned messages afterwards.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Pin {
    pub chat_id: i64,
    pub message_id: i32,
    pub pinned: bool,
    /// Ids of the chat's pinned messages after the change (up to 100, newest first).
    pub pinned_ids: Vec<i32>,
}

/// A chat action sent.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Typing {
    pub chat_id: i64,
    pub action: String,
}

/// Unread mentions of a chat.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Mentions {
    pub chat_id: i64,
    /// Newest first.
    pub messages: Vec<Message>,
    /// Unread mentions in total.
    pub total: i32,
    /// The mentions of this page were marked read.
    pub marked_read: bool,
    /// Pass as `cursor` for older unread mentions, when there are more.
    pub next_cursor: Option<String>,
}

/// Who read a message.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Reader {
    pub user_id: i64,
    pub name: Option<String>,
    /// Unix time.
    pub read_at: i64,
}

/// The readers of a group message.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ReadParticipants {
    pub chat_id: i64,
    pub message_id: i32,
    pub readers: Vec<Reader>,
}

/// When a private chat read your message.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OutboxRead {
    pub chat_id: i64,
    pub message_id: i32,
    /// Unix time; null while unread.
    pub read_at: Option<i64>,
}

/// The comment thread of a channel post.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Discussion {
    pub discussion_group_id: i64,
    /// The thread's root in the group: pass as `replyTo` to comment.
    pub discussion_msg_id: i32,
    pub unread_count: i32,
    pub read_inbox_max_id: Option<i32>,
    pub read_outbox_max_id: Option<i32>,
    /// Newest comment id.
    pub top_message: Option<i32>,
    pub message: Option<Message>,
}

/// Groups that can be linked to a channel as its discussion group.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DiscussionGroups {
    pub groups: Vec<Chat>,
}

/// One Saved Messages dialog (messages saved from one chat, or your own notes).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SavedDialog {
    /// Where the messages came from (your id for your own notes).
    pub peer_id: i64,
    pub title: Option<String>,
    pub pinned: bool,
    pub top_message: Option<Message>,
}

/// A page of Saved Messages dialogs.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SavedDialogs {
    pub dialogs: Vec<SavedDialog>,
    /// Total, when Telegram says.
    pub count: Option<i32>,
    pub next_cursor: Option<String>,
}

/// One translated message.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Translation {
    pub message_id: i32,
    /// Untrusted text.
    pub text: String,
}

/// Translations of messages.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Translations {
    pub chat_id: i64,
    pub to_lang: String,
    pub translations: Vec<Translation>,
}

/// Telegram's link preview of a URL.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct WebPreview {
    pub url: String,
    /// Telegram has a preview for it.
    pub found: bool,
    pub r#type: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub site_name: Option<String>,
    pub display_url: Option<String>,
}

/// A chat setting changed.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ChatChange {
    pub chat_id: i64,
    /// The auto-delete period in seconds (0 = off), for timers.
    pub period: Option<i32>,
}
