//! Plain data of the `folders` tools: a dialog's list settings (archive, pin, unread mark,
//! mute), chat folders, invite links, channel statistics and boosts.

use schemars::JsonSchema;
use serde::Serialize;

/// Where a dialog stands after a change, as Telegram reports it.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DialogState {
    pub chat_id: i64,
    pub title: String,
    /// In the Archive folder.
    pub archived: bool,
    pub pinned: bool,
    /// Marked unread by hand.
    pub unread_mark: bool,
    /// Unread incoming messages.
    pub unread: i32,
    /// Notifications are off.
    pub muted: bool,
    /// Unix time notifications come back; absent when not muted or muted forever.
    pub muted_until: Option<i64>,
}

/// A chat named by a folder.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct FolderChat {
    pub id: i64,
    /// Absent when the chat is not known to this session yet.
    pub title: Option<String>,
}

/// A chat folder (dialog filter).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Folder {
    /// Folder id (2 and up); absent for a suggestion.
    pub id: Option<i32>,
    pub title: String,
    pub emoticon: Option<String>,
    pub contacts: bool,
    pub non_contacts: bool,
    pub groups: bool,
    pub broadcasts: bool,
    pub bots: bool,
    pub exclude_muted: bool,
    pub exclude_read: bool,
    pub exclude_archived: bool,
    pub pinned_peers: Vec<FolderChat>,
    pub include_peers: Vec<FolderChat>,
    pub exclude_peers: Vec<FolderChat>,
    /// Chats named explicitly (pinned and included).
    pub chat_count: usize,
    /// Why Telegram suggests it (suggestions only).
    pub description: Option<String>,
}

/// The account's folders.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Folders {
    pub folders: Vec<Folder>,
    /// Folder tags are shown on chats (Premium).
    pub tags_enabled: bool,
}

/// An exported invite link.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct InviteLink {
    pub link: String,
    /// Label visible to admins.
    pub title: Option<String>,
    pub admin_id: i64,
    /// Unix time it was created.
    pub date: i64,
    pub expire_date: Option<i64>,
    pub usage_limit: Option<i32>,
    /// Users who joined through it.
    pub usage: i32,
    /// Pending join requests.
    pub requested: Option<i32>,
    pub request_approval: bool,
    pub revoked: bool,
    /// The admin's primary link.
    pub permanent: bool,
}

/// A value for this period and the previous one.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StatValue {
    pub current: f64,
    pub previous: f64,
}

/// A statistics graph: its JSON data, a token still to load, or Telegram's reason for none.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Graph {
    pub name: String,
    pub json: Option<String>,
    pub token: Option<String>,
    pub error: Option<String>,
}

/// Views, forwards and reactions of one post or story.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PostCounters {
    pub message_id: Option<i32>,
    pub story_id: Option<i32>,
    pub views: i32,
    pub forwards: i32,
    pub reactions: i32,
}

/// Broadcast channel statistics.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct BroadcastStats {
    pub chat_id: i64,
    /// Unix times the current period spans.
    pub period_start: i64,
    pub period_end: i64,
    pub followers: StatValue,
    pub views_per_post: StatValue,
    pub shares_per_post: StatValue,
    pub reactions_per_post: StatValue,
    pub views_per_story: StatValue,
    pub shares_per_story: StatValue,
    pub reactions_per_story: StatValue,
    /// Share of followers with notifications on, in percent.
    pub notifications_percent: f64,
    pub recent_posts: Vec<PostCounters>,
    /// Only with `includeGraphs`.
    pub graphs: Vec<Graph>,
}

/// A member and what they did in the period.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct TopMember {
    pub user_id: i64,
    pub name: Option<String>,
    /// Posters: messages and average length.
    pub messages: Option<i32>,
    pub avg_chars: Option<i32>,
    /// Admins: moderation actions.
    pub deleted: Option<i32>,
    pub kicked: Option<i32>,
    pub banned: Option<i32>,
    /// Inviters: users invited.
    pub invitations: Option<i32>,
}

/// Supergroup statistics.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MegagroupStats {
    pub chat_id: i64,
    pub period_start: i64,
    pub period_end: i64,
    pub members: StatValue,
    pub messages: StatValue,
    pub viewers: StatValue,
    pub posters: StatValue,
    pub top_posters: Vec<TopMember>,
    pub top_admins: Vec<TopMember>,
    pub top_inviters: Vec<TopMember>,
    /// Only with `includeGraphs`.
    pub graphs: Vec<Graph>,
}

/// One of the account's boost slots.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct MyBoost {
    pub slot: i32,
    /// The chat the slot boosts, if any.
    pub chat_id: Option<i64>,
    pub chat_title: Option<String>,
    pub date: i64,
    pub expires: i64,
    /// When the slot can be moved to another chat.
    pub cooldown_until_date: Option<i64>,
}

/// A prepaid giveaway of a channel.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PrepaidGiveaway {
    pub id: i64,
    pub months: i32,
    pub quantity: i32,
    pub date: i64,
}

/// A channel's boost level.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct BoostsStatus {
    pub chat_id: i64,
    pub level: i32,
    pub boosts: i32,
    /// Boosts the current level needed.
    pub current_level_boosts: i32,
    /// Boosts the next level needs; absent at the top.
    pub next_level_boosts: Option<i32>,
    pub gift_boosts: Option<i32>,
    /// Share of Premium users among the audience, in percent.
    pub premium_audience_percent: Option<f64>,
    pub boost_url: String,
    /// You boost this chat.
    pub my_boost: bool,
    pub my_boost_slots: Vec<i32>,
    pub prepaid_giveaways: Vec<PrepaidGiveaway>,
}

/// A boost applied to a channel.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Boost {
    pub id: String,
    /// Absent for an unclaimed gift boost.
    pub user_id: Option<i64>,
    pub date: i64,
    pub expires: i64,
    pub gift: bool,
    pub giveaway: bool,
    pub unclaimed: bool,
    pub giveaway_msg_id: Option<i32>,
    pub used_gift_slug: Option<String>,
    pub multiplier: Option<i32>,
    pub stars: Option<i64>,
}

/// A deleted folder.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct FolderDeleted {
    pub id: i32,
    pub title: String,
}

/// Telegram's folder suggestions.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SuggestedFolders {
    pub folders: Vec<Folder>,
}

/// A page of a chat's invite links.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct InviteLinks {
    pub chat_id: i64,
    /// Links of this admin in total.
    pub count: i32,
    pub links: Vec<InviteLink>,
    /// Pass as `cursor` for older links; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A revoked link, and its replacement when it was the admin's primary link.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RevokedLink {
    pub chat_id: i64,
    pub revoked: InviteLink,
    pub replacement: Option<InviteLink>,
}

/// The account's boost slots.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct MyBoosts {
    pub boosts: Vec<MyBoost>,
}

/// A page of a channel's boosts.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct BoostsList {
    pub chat_id: i64,
    pub count: i32,
    pub boosts: Vec<Boost>,
    /// Pass as `offset` for the next page; absent on the last page.
    pub next_offset: Option<String>,
}
