//! The stories tools' arguments: the original's names and parameters.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::mcp::tools::ChatArg;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetAllStories {
    /// Load the next page (with `state` from the previous one).
    pub(super) next: Option<bool>,
    /// The hidden (archived) peers' feed instead of the main one.
    pub(super) hidden: Option<bool>,
    /// `state` of a previous answer.
    pub(super) state: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetPeerStories {
    /// User or channel: id, @username, `me`, or a name fragment.
    pub(super) chat: ChatArg,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetStoriesById {
    /// User or channel: id, @username, `me`, or a name fragment.
    pub(super) chat: ChatArg,
    /// Story ids, 1–100.
    pub(super) ids: Vec<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetStoryViews {
    /// Owner of the story: `me` or a channel you manage.
    pub(super) chat: ChatArg,
    pub(super) story_id: i32,
    /// Only viewers whose name contains this.
    pub(super) q: Option<String>,
    /// Only contacts.
    pub(super) just_contacts: Option<bool>,
    /// Viewers who reacted first.
    pub(super) reactions_first: Option<bool>,
    /// Forwards and reposts first.
    pub(super) forwards_first: Option<bool>,
    /// `nextOffset` of the previous page.
    pub(super) offset: Option<String>,
    /// Viewers per page, 1–100 (default 50).
    pub(super) limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendStory {
    /// Where to post: `me` (default) or a channel you manage.
    pub(super) chat_id: Option<ChatArg>,
    /// Photo or video in the files directory.
    pub(super) file_path: String,
    /// `photo` or `video`; detected from the file name when absent.
    #[serde(rename = "type")]
    pub(super) kind: Option<String>,
    /// Caption (200 characters, 2048 with Premium).
    pub(super) caption: Option<String>,
    /// `md` or `html`.
    pub(super) parse_mode: Option<String>,
    /// `everyone` (default), `contacts`, `close_friends` or `selected`.
    pub(super) privacy: Option<String>,
    /// User ids allowed to see it (needed for `selected`).
    pub(super) allow_user_ids: Option<Vec<String>>,
    /// User ids kept from seeing it (not with `selected`).
    pub(super) disallow_user_ids: Option<Vec<String>>,
    /// Lifetime in seconds: 86400 (default); 21600, 43200 or 172800 need Premium.
    pub(super) period: Option<f64>,
    /// Keep it on the profile after it expires.
    pub(super) pinned: Option<bool>,
    /// Others may not forward or save it.
    pub(super) noforwards: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EditStory {
    /// Owner of the story: `me` (default) or a channel you manage.
    pub(super) chat_id: Option<ChatArg>,
    pub(super) story_id: i32,
    /// Replacement photo or video in the files directory.
    pub(super) file_path: Option<String>,
    /// `photo` or `video` for the new file; detected when absent.
    #[serde(rename = "type")]
    pub(super) kind: Option<String>,
    /// New caption; `""` clears it.
    pub(super) caption: Option<String>,
    /// `md` or `html`.
    pub(super) parse_mode: Option<String>,
    /// `everyone`, `contacts`, `close_friends` or `selected`.
    pub(super) privacy: Option<String>,
    /// User ids allowed (needed for `selected`).
    pub(super) allow_user_ids: Option<Vec<String>>,
    /// User ids kept out (not with `selected`).
    pub(super) disallow_user_ids: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DeleteStories {
    /// Owner of the stories: `me` (default) or a channel you manage.
    pub(super) chat_id: Option<ChatArg>,
    /// Story ids, 1–100.
    pub(super) ids: Vec<i32>,
    /// `true` to delete (the user is asked instead where the client can ask).
    pub(super) confirm: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReactToStory {
    /// Who posted the story.
    pub(super) chat_id: ChatArg,
    pub(super) story_id: i32,
    /// Reaction emoji; `""` removes yours.
    pub(super) emoji: String,
    /// Add it to your recent reactions.
    pub(super) add_to_recent: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StoryRef {
    /// Who posted the story.
    pub(super) chat_id: ChatArg,
    pub(super) story_id: i32,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReadStories {
    /// Whose stories.
    pub(super) chat_id: ChatArg,
    /// Stories up to this id (inclusive) become seen.
    pub(super) max_id: i32,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ToggleStoryPinned {
    /// Owner of the stories: `me` (default) or a channel you manage.
    pub(super) chat_id: Option<ChatArg>,
    /// Story ids, 1–100.
    pub(super) ids: Vec<i32>,
    /// `true` to pin, `false` to unpin.
    pub(super) pinned: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TogglePinnedToTop {
    /// Owner of the stories: `me` (default) or a channel you manage.
    pub(super) chat_id: Option<ChatArg>,
    /// Pinned story ids for the top row (at most 3); `[]` clears it.
    pub(super) ids: Vec<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ActivateStealthMode {
    /// Remove your views of the last 5 minutes.
    pub(super) past: Option<bool>,
    /// Hide your views for the next 25 minutes.
    pub(super) future: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetStoriesArchive {
    /// `me` (default) or a channel you manage.
    pub(super) chat_id: Option<ChatArg>,
    /// Stories older than this id (0 starts).
    pub(super) offset_id: Option<i32>,
    /// Stories per page, 1–100 (default 50).
    pub(super) limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReportStory {
    /// Who posted the stories.
    pub(super) chat_id: ChatArg,
    /// Story ids, 1–100.
    pub(super) ids: Vec<i32>,
    /// `option` from the previous step (base64); `""` starts.
    pub(super) option: Option<String>,
    /// Comment for the report.
    pub(super) message: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetSavedMusic {
    /// User: id, @username or a name fragment; you when absent.
    pub(super) user: Option<ChatArg>,
    /// Tracks to skip (default 0).
    pub(super) offset: Option<u32>,
    /// Tracks per page, 1–100 (default 50).
    pub(super) limit: Option<u32>,
}
