//! The group tools' arguments: the original's names and parameters (plus `cursor` where a list
//! pages, and `confirm` on what cannot be undone).

use schemars::JsonSchema;
use serde::Deserialize;

use crate::mcp::tools::ChatArg;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ChatMembers {
    /// Group or channel: id, @username or name.
    pub(super) chat_id: ChatArg,
    /// Members per page, 1–100 (default 50).
    pub(super) limit: Option<u32>,
    /// `nextCursor` of the previous page.
    pub(super) cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ChatOnly {
    /// Group or channel: id, @username or name.
    pub(super) chat_id: ChatArg,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreateGroup {
    /// Group name.
    pub(super) title: String,
    /// Users to add: ids or @usernames (a basic group needs at least one).
    pub(super) users: Vec<String>,
    /// Create a supergroup (admin features, more than 200 members).
    pub(super) supergroup: Option<bool>,
    /// Enable topics (needs `supergroup`).
    pub(super) forum: Option<bool>,
    /// Group description.
    pub(super) description: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct JoinChat {
    /// @username, t.me/name link, or invite link (t.me/+hash).
    pub(super) target: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LeaveGroup {
    /// Group or channel: id, @username or name.
    pub(super) chat_id: ChatArg,
    /// `true` to leave without being asked (a private chat may not let you back).
    pub(super) confirm: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct InviteToGroup {
    /// Group or channel: id, @username or name.
    pub(super) chat_id: ChatArg,
    /// Users to add: ids or @usernames (at most 50).
    pub(super) users: Vec<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ChatUser {
    /// Group or channel: id, @username or name.
    pub(super) chat_id: ChatArg,
    /// User: id or @username.
    pub(super) user_id: ChatArg,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EditGroup {
    /// Group or channel: id, @username or name.
    pub(super) chat_id: ChatArg,
    /// New title.
    pub(super) title: Option<String>,
    /// New description.
    pub(super) description: Option<String>,
    /// New photo (JPEG or PNG) in the files directory.
    pub(super) photo_path: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetAdmin {
    /// Supergroup or channel: id, @username or name.
    pub(super) chat_id: ChatArg,
    /// Member to promote: id or @username.
    pub(super) user_id: ChatArg,
    /// Custom admin title (up to 16 characters).
    pub(super) title: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetChatPermissions {
    /// Group or supergroup: id, @username or name.
    pub(super) chat_id: ChatArg,
    pub(super) send_messages: Option<bool>,
    /// Photos, videos, documents.
    pub(super) send_media: Option<bool>,
    pub(super) send_stickers: Option<bool>,
    pub(super) send_gifs: Option<bool>,
    pub(super) send_polls: Option<bool>,
    /// Inline bots.
    pub(super) send_inline: Option<bool>,
    /// Link previews.
    pub(super) embed_links: Option<bool>,
    /// Title, photo, description.
    pub(super) change_info: Option<bool>,
    pub(super) invite_users: Option<bool>,
    pub(super) pin_messages: Option<bool>,
}

impl SetChatPermissions {
    /// The permissions given, in the parameters' names.
    pub(super) fn changes(&self) -> Vec<(&'static str, bool)> {
        let all = [
            ("sendMessages", self.send_messages),
            ("sendMedia", self.send_media),
            ("sendStickers", self.send_stickers),
            ("sendGifs", self.send_gifs),
            ("sendPolls", self.send_polls),
            ("sendInline", self.send_inline),
            ("embedLinks", self.embed_links),
            ("changeInfo", self.change_info),
            ("inviteUsers", self.invite_users),
            ("pinMessages", self.pin_messages),
        ];
        all.into_iter().filter_map(|(name, v)| v.map(|v| (name, v))).collect()
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SlowMode {
    /// Supergroup: id, @username or name.
    pub(super) chat_id: ChatArg,
    /// Seconds between one member's messages: 0 (off), 10, 30, 60, 300, 900 or 3600.
    pub(super) seconds: i32,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Toggle {
    /// The chat: id, @username or name.
    pub(super) chat_id: ChatArg,
    /// `true` to enable, `false` to disable.
    pub(super) enabled: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ToggleForum {
    /// Supergroup: id, @username or name.
    pub(super) chat_id: ChatArg,
    /// `true` to enable topics, `false` to disable.
    pub(super) enabled: bool,
    /// Needed to disable: disabling deletes every topic.
    pub(super) confirm: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TogglePrehistory {
    /// Supergroup: id, @username or name.
    pub(super) chat_id: ChatArg,
    /// `true` hides earlier messages from new members.
    pub(super) hidden: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct JoinRequestAnswer {
    /// Supergroup or channel: id, @username or name.
    pub(super) chat_id: ChatArg,
    /// The requesting user: id or @username.
    pub(super) user_id: ChatArg,
    /// `true` to approve, `false` to decline.
    pub(super) approved: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AdminLogArgs {
    /// Supergroup or channel: id, @username or name.
    pub(super) chat_id: ChatArg,
    /// Events per page, 1–100 (default 20).
    pub(super) limit: Option<u32>,
    /// Only events mentioning this text.
    pub(super) q: Option<String>,
    /// `nextCursor` of the previous page (older events).
    pub(super) cursor: Option<String>,
}
