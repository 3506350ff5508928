//! The account: signing in and out, contacts and blocks, sessions, privacy, the profile, emoji status, colour, birthday and personal channel.
//!
//! Plain data for the `contacts` tools' `structuredContent`; no Telegram or MCP types here.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Account, Message};

/// A person in your contacts (or asking to be).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// User id (accepted back as `userId`).
    pub id: i64,
    /// First and last name (untrusted text).
    pub name: String,
    pub username: Option<String>,
    /// Digits without `+`, when Telegram shows it.
    pub phone: Option<String>,
    /// You are in their contacts too.
    pub mutual: bool,
}

/// Your contacts.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Contacts {
    pub contacts: Vec<Contact>,
    /// All contacts, including those beyond `limit` (in a window limited to some chats: all
    /// those it may see).
    pub total: usize,
}

/// A non-contact who wrote to you, with the last message of that chat.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ContactRequest {
    pub user: Contact,
    pub unread: i32,
    pub last_message: Option<Message>,
}

/// Non-contacts who wrote to you.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ContactRequests {
    pub requests: Vec<ContactRequest>,
}

/// A birthday; `year` when shown.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Birthday {
    pub day: i32,
    pub month: i32,
    pub year: Option<i32>,
}

/// An emoji status: a custom emoji (or a collectible), until a time or for good.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct EmojiStatus {
    /// Custom emoji document id (a string: it exceeds JSON's safe integers).
    pub document_id: Option<String>,
    /// Collectible id, for a collectible status.
    pub collectible_id: Option<String>,
    /// Collectible title, e.g. "Plush Pepe #1".
    pub title: Option<String>,
    /// Unix time it expires.
    pub until: Option<i64>,
}

/// A name or profile colour.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PeerColor {
    /// Palette index.
    pub color: Option<i32>,
    /// Background pattern custom emoji id.
    pub background_emoji_id: Option<String>,
}

/// A user's full profile.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub phone: Option<String>,
    /// Bio (untrusted text).
    pub bio: Option<String>,
    pub bot: bool,
    pub premium: bool,
    pub contact: bool,
    pub is_self: bool,
    /// You blocked this user.
    pub blocked: bool,
    pub common_chats_count: i32,
    pub birthday: Option<Birthday>,
    /// Chat id (`-100…`) of the personal channel shown on the profile.
    pub personal_channel_id: Option<i64>,
    pub emoji_status: Option<EmojiStatus>,
    /// Name colour in chat lists.
    pub color: Option<PeerColor>,
    /// Profile page colour.
    pub profile_color: Option<PeerColor>,
    /// Last seen, as Telegram describes it (`online`, `recently`, a date …).
    pub status: Option<String>,
}

/// A signed-in device.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    /// Pass as `sessionId` to terminate it (a string: it exceeds JSON's safe integers).
    pub hash: String,
    /// This connection's session (cannot be terminated; log out instead).
    pub current: bool,
    pub device_model: String,
    pub platform: String,
    pub system_version: String,
    pub app_name: String,
    pub app_version: String,
    pub official_app: bool,
    pub ip: String,
    pub country: String,
    pub region: String,
    /// Unix times.
    pub date_created: i64,
    pub date_active: i64,
}

/// The account's sessions.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Sessions {
    pub sessions: Vec<Session>,
    /// Inactive sessions end after this many days.
    pub ttl_days: i32,
}

/// A privacy setting's rules.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PrivacyRules {
    /// `everyone`, `contacts`, `nobody` (or another rule Telegram set).
    pub rule: String,
    /// User ids always allowed.
    pub allow_users: Vec<i64>,
    /// User ids never allowed.
    pub disallow_users: Vec<i64>,
}

/// Account-level privacy switches.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct GlobalPrivacy {
    pub archive_and_mute_new_noncontact_peers: bool,
    pub keep_archived_unmuted: bool,
    pub keep_archived_folders: bool,
    pub hide_read_marks: bool,
    pub new_noncontact_peers_require_premium: bool,
}

/// An emoji status list (`kind`).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct EmojiStatuses {
    pub kind: String,
    pub statuses: Vec<EmojiStatus>,
    /// All statuses of the list, including those beyond `limit`.
    pub total: usize,
}

/// The account after a login attempt or a logout.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct LoginState {
    /// `logged_in`, `qr`, `password_needed`, `failed` or `logged_out`.
    pub state: String,
    pub account: Option<Account>,
    /// `tg://login?token=…` to scan in Telegram (Settings → Devices → Link Desktop Device).
    pub url: Option<String>,
    /// Seconds the QR token stays valid (a new one follows while the login waits).
    pub expires_in: Option<u32>,
}
