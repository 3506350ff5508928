//! Groups and channels: members and roles, creating, joining and leaving, inviting, kicking and
//! banning, admin rights, permissions, slow mode, the channel toggles, join requests and the
//! admin log, as the owner reports them.

use schemars::JsonSchema;
use serde::Serialize;

use super::Chat;

/// A participant of a group or channel and where they stand.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    /// User id.
    pub id: i64,
    /// Display name (untrusted text).
    pub name: String,
    pub username: Option<String>,
    /// `creator`, `admin`, `member`, `restricted`, `banned` or `left`.
    pub role: String,
    /// Custom admin title.
    pub rank: Option<String>,
    /// Admin rights (admins, creator), or the rights taken away (restricted, banned), in
    /// Telegram's names.
    pub rights: Vec<String>,
    /// Unix time they joined, were promoted or restricted, when Telegram says.
    pub since: Option<i64>,
    /// Unix time a restriction or ban ends; absent when it is forever.
    pub until: Option<i64>,
}

/// One page of a chat's members.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Members {
    pub chat: Chat,
    /// Members in all pages.
    pub total: i32,
    pub members: Vec<Member>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Your own standing in a chat.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MyRole {
    pub chat: Chat,
    #[serde(flatten)]
    pub member: Member,
}

/// A user an invitation did not reach, and why.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct NotInvited {
    /// The user as given.
    pub user: String,
    pub reason: String,
}

/// Who an invitation (or a new group) added.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct Invitations {
    /// User ids added.
    pub invited: Vec<i64>,
    /// User ids that were members already.
    pub already_members: Vec<i64>,
    pub failed: Vec<NotInvited>,
}

/// A group or channel created.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Created {
    pub chat: Chat,
    #[serde(flatten)]
    pub invitations: Invitations,
}

/// A chat joined.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Joined {
    pub chat: Chat,
    /// You were a member already: nothing changed.
    pub already_member: bool,
}

/// A change of one member's standing (kick, ban, unban, promote, demote).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MemberChange {
    pub chat_id: i64,
    /// The member after the change.
    pub member: Member,
}

/// What an edit of a group changed.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct GroupEdit {
    pub chat_id: i64,
    /// `title`, `description`, `photo`: fields Telegram changed.
    pub changed: Vec<String>,
    /// Fields that already had the value given.
    pub unchanged: Vec<String>,
}

/// The default permissions of a chat's members.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Permissions {
    pub chat_id: i64,
    /// Permissions members have, in the tool's names (`sendMessages`, …).
    pub allowed: Vec<String>,
    /// Permissions members lack.
    pub denied: Vec<String>,
    /// Whether Telegram changed anything.
    pub changed: bool,
}

/// A chat setting that can be switched.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum Setting {
    SlowMode,
    Signatures,
    AntiSpam,
    Forum,
    PrehistoryHidden,
}

/// A setting after a switch.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Switched {
    pub chat_id: i64,
    pub setting: Setting,
    pub enabled: bool,
    /// Slow mode's interval.
    pub seconds: Option<i32>,
    /// False when the chat had this value already.
    pub changed: bool,
}

/// An answered join request.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct JoinRequest {
    pub chat_id: i64,
    pub user_id: i64,
    pub approved: bool,
}

/// One admin-log event.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AdminEvent {
    /// Event id (a string: it exceeds JavaScript's safe integers).
    pub id: String,
    /// Unix time.
    pub date: i64,
    pub user_id: i64,
    /// Who did it (untrusted text).
    pub user: String,
    /// The kind of event (`title`, `ban`, `promote`, `slowMode`, …).
    pub action: String,
    /// The event in words (untrusted text inside).
    pub text: String,
}

/// A page of a chat's admin log, newest first.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AdminLog {
    pub chat: Chat,
    pub events: Vec<AdminEvent>,
    /// Pass as `cursor` for older events; absent on the last page.
    pub next_cursor: Option<String>,
}
