//! Stories (read, post, edit, delete, react, pin, archive, stealth mode, report) and saved music:
//! the stories tools' results, and the plain inputs the tools hand the owner.

use schemars::JsonSchema;
use serde::Serialize;

/// One story, without its media bytes.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Story {
    pub id: i32,
    /// Who posted it (Bot API id).
    pub chat_id: i64,
    /// Unix time posted.
    pub date: i64,
    /// Unix time it leaves the feed (pinned ones stay on the profile).
    pub expire_date: i64,
    /// Caption (untrusted text).
    pub caption: Option<String>,
    /// `photo`, `video`, `document`, or Telegram's media class name.
    pub media_type: Option<String>,
    /// Who may see it (`everyone`, `contacts`, `close_friends`, `selected`), when Telegram says.
    pub privacy: Option<String>,
    /// Kept on the profile after it expires.
    pub pinned: bool,
    pub noforwards: bool,
    pub edited: bool,
    /// Posted by you (or a channel you manage).
    pub out: bool,
    /// Seen by you (its id is at most the peer's read mark).
    pub seen: Option<bool>,
    pub views: Option<i32>,
    pub forwards: Option<i32>,
    pub reactions: Option<i32>,
    /// Your reaction, if any.
    pub sent_reaction: Option<String>,
    /// Telegram sent only the id and dates (fetch it by id for the rest).
    pub skipped: bool,
}

/// The active stories of one peer.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PeerStories {
    pub chat_id: i64,
    /// Display name (untrusted text).
    pub title: Option<String>,
    /// The highest story id you have seen.
    pub max_read_id: i32,
    /// Stories newer than the read mark.
    pub unread: i32,
    pub stories: Vec<Story>,
}

/// Stealth mode: your views stay hidden until `activeUntil`; usable again after `cooldownUntil`.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct StealthMode {
    pub active_until: Option<i64>,
    pub cooldown_until: Option<i64>,
}

/// A page of the story feed.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AllStories {
    /// Nothing changed since the `state` given: no peers listed.
    pub not_modified: bool,
    /// Peers in the whole feed.
    pub count: Option<i32>,
    /// More peers follow: call again with `next: true` and this `state`.
    pub has_more: bool,
    /// Pass back as `state`.
    pub state: String,
    pub peers: Vec<PeerStories>,
    pub stealth_mode: StealthMode,
}

/// Stories of one peer by id or from the archive.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StoryList {
    pub chat_id: i64,
    /// Stories in the whole list (the archive), or found (by id).
    pub count: i32,
    pub stories: Vec<Story>,
    /// Ids shown first on the profile.
    pub pinned_to_top: Vec<i32>,
    /// Asked-for ids Telegram did not return (deleted, expired or never there).
    pub missing: Vec<i32>,
    /// Pass as `offsetId` for the next page of the archive.
    pub next_offset_id: Option<i32>,
}

/// One viewer of your story.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StoryViewer {
    pub user_id: i64,
    /// Display name (untrusted text).
    pub name: Option<String>,
    pub date: i64,
    pub reaction: Option<String>,
}

/// Viewers of one of your stories.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StoryViews {
    pub story_id: i32,
    /// Viewers matching the filters.
    pub count: i32,
    pub views_count: i32,
    pub forwards_count: i32,
    pub reactions_count: i32,
    pub viewers: Vec<StoryViewer>,
    /// Pass as `offset` for the next page.
    pub next_offset: Option<String>,
}

/// Ids a change applied to.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct StoryIds {
    pub chat_id: i64,
    /// Ids changed (deleted, pinned, read …).
    pub ids: Vec<i32>,
    /// Ids asked for that were not changed.
    pub unchanged: Vec<i32>,
}

/// A reaction set or removed.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct StoryReaction {
    pub chat_id: i64,
    pub story_id: i32,
    /// The reaction now set; none when removed.
    pub emoji: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct StoryLink {
    pub link: String,
}

/// One choice of a report step.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ReportOption {
    pub text: String,
    /// Pass back as `option` (base64).
    pub option: String,
}

/// Where a report stands.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ReportStep {
    /// `choose_option` (pick one of `options`), `add_comment` (call again with `option` and a
    /// `message`) or `reported` (done).
    pub result: String,
    pub title: Option<String>,
    pub options: Vec<ReportOption>,
    /// For `add_comment`: the option to pass back (base64).
    pub option: Option<String>,
    /// For `add_comment`: whether the message may be left empty.
    pub comment_optional: Option<bool>,
}

/// A song on a profile.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Track {
    /// Document id.
    pub id: String,
    pub title: Option<String>,
    pub performer: Option<String>,
    /// Seconds.
    pub duration: Option<i32>,
    pub file_name: Option<String>,
    pub mime_type: String,
    pub size: i64,
}

/// The songs on a user's profile; the first is the one shown.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SavedMusic {
    pub user_id: i64,
    pub count: i32,
    pub tracks: Vec<Track>,
    /// Pass as `offset` for the next page.
    pub next_offset: Option<i32>,
}

/// Who may see a story being posted or edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    Everyone,
    Contacts,
    CloseFriends,
    /// Only the listed users.
    Selected,
}

/// The file of a story being posted: a photo, or a video with its MIME type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryMedia {
    pub video: bool,
    pub mime: String,
    /// The file name, for Telegram.
    pub name: String,
}
