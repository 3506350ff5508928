//! Group calls with their participants, and quick-reply shortcuts.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::Message;

/// One participant of a group call.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GroupCallParticipant {
    pub peer_id: i64,
    pub name: Option<String>,
    /// Joined at (unix time).
    pub date: i64,
    pub active_date: Option<i64>,
    pub muted: bool,
    pub can_self_unmute: bool,
    pub left: bool,
    /// You.
    pub is_self: bool,
    pub raised_hand: bool,
    pub video: bool,
    pub screen_sharing: bool,
    /// Volume in hundredths of a percent (10000 = 100 %).
    pub volume: Option<i32>,
    pub about: Option<String>,
}

/// A group call (voice chat) of a chat.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GroupCall {
    pub chat_id: i64,
    pub id: i64,
    pub title: Option<String>,
    /// False when the call has ended.
    pub active: bool,
    pub participants_count: i32,
    pub join_muted: bool,
    /// When a scheduled call starts (unix time).
    pub schedule_date: Option<i64>,
    /// Recording since (unix time).
    pub record_start_date: Option<i64>,
    pub rtmp_stream: bool,
    /// Seconds, for an ended call.
    pub duration: Option<i32>,
    /// The first participants (up to `limit`).
    pub participants: Vec<GroupCallParticipant>,
    /// Pass as `offset` to telegram-get-group-call-participants for more.
    pub next_offset: Option<String>,
}

/// A page of a group call's participants.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GroupCallParticipants {
    pub chat_id: i64,
    pub count: i32,
    pub participants: Vec<GroupCallParticipant>,
    /// Pass as `offset` for the next page; absent on the last page.
    pub next_offset: Option<String>,
}

/// A quick-reply shortcut.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct QuickReply {
    pub shortcut_id: i32,
    /// Typed as `/shortcut` in a chat.
    pub shortcut: String,
    pub top_message: i32,
    /// Messages in the shortcut.
    pub count: i32,
}

/// The account's quick-reply shortcuts.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct QuickReplies {
    pub shortcuts: Vec<QuickReply>,
    /// Unchanged since the `hash` given: `shortcuts` is empty.
    pub not_modified: bool,
}

/// The messages of one quick-reply shortcut.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct QuickReplyMessages {
    pub shortcut_id: i32,
    pub messages: Vec<Message>,
    /// Unchanged since the `hash` given: `messages` is empty.
    pub not_modified: bool,
}
