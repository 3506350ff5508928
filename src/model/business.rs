//! Telegram Business (chat links, hours, location, greeting, away and intro), and the original's opt-in groups: Stars, group calls and quick replies.

mod calls;
mod stars;

pub use calls::{
    GroupCall, GroupCallParticipant, GroupCallParticipants, QuickReplies, QuickReply, QuickReplyMessages,
};
pub use stars::{
    SavedStarGift, SavedStarGifts, StarGift, StarGiftChange, StarGifts, StarsStatus, StarsSubscription,
    StarsSubscriptionChange, StarsSubscriptions, StarsTopupOption, StarsTopupOptions, StarsTransaction,
    StarsTransactions,
};

use schemars::JsonSchema;
use serde::Serialize;

/// A Business chat link (t.me/m/…) that opens a chat with you, pre-filled with a message.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ChatLink {
    pub link: String,
    /// The last path segment of the link.
    pub slug: String,
    /// The pre-filled message (its formatting in `entityCount` entities).
    pub message: String,
    /// Admin-facing label.
    pub title: Option<String>,
    pub views: i32,
    pub entity_count: usize,
}

/// The account's Business chat links.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ChatLinks {
    pub links: Vec<ChatLink>,
}

/// A deleted chat link.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ChatLinkDeleted {
    pub slug: String,
    pub deleted: bool,
}

/// Whose chat a Business chat link opens, and with what message.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ResolvedChatLink {
    pub slug: String,
    /// Chat id of the business (accepted back as `chatId`).
    pub peer_id: i64,
    /// `user`, `group` or `channel`.
    pub peer_type: String,
    pub peer_name: Option<String>,
    pub message: String,
    pub entity_count: usize,
}

/// One opening range of the week.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct OpenRange {
    /// `mon` … `sun`.
    pub day: String,
    /// `HH:MM`.
    pub open_from: String,
    /// `HH:MM` (`24:00` for the end of the day).
    pub open_to: String,
}

/// Business work hours.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct WorkHours {
    pub timezone: String,
    /// Manually shown as open now.
    pub open_now: bool,
    pub schedule: Vec<OpenRange>,
}

/// Business location.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// Who gets an automatic Business message.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Recipients {
    /// `all_new`, `contacts_only`, `non_contacts`, `existing_only`, or `custom`.
    pub audience: String,
    /// User ids always included (or, with `excludeSelected`, excluded).
    pub users: Vec<i64>,
    pub exclude_selected: bool,
}

/// The greeting sent to new conversations.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Greeting {
    pub shortcut_id: i32,
    pub recipients: Recipients,
    pub no_activity_days: i32,
}

/// The away message.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Away {
    pub shortcut_id: i32,
    /// `always`, `outside_hours` or `custom`.
    pub schedule: String,
    pub custom_from: Option<i32>,
    pub custom_to: Option<i32>,
    pub offline_only: bool,
    pub recipients: Recipients,
}

/// The intro card shown to new users opening your chat.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Intro {
    pub title: String,
    pub description: String,
    /// Sticker document id, if any.
    pub sticker_id: Option<String>,
}

/// The account's Business profile as Telegram now has it.
#[derive(Debug, Clone, Default, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct BusinessProfile {
    pub hours: Option<WorkHours>,
    pub location: Option<Location>,
    pub greeting: Option<Greeting>,
    pub away: Option<Away>,
    pub intro: Option<Intro>,
}
