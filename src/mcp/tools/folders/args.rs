//! The arguments of the `folders` tools: the original's names and JSON types, plus `cursor`
//! where a list pages.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::mcp::tools::ChatArg;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ArchiveChat {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// `true` to archive, `false` to unarchive.
    pub(super) archive: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PinChat {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// `true` to pin, `false` to unpin.
    pub(super) pin: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MarkUnread {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// `true` to mark unread, `false` to clear the mark.
    pub(super) unread: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MuteChat {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// `true` to mute, `false` to unmute.
    pub(super) muted: bool,
    /// Seconds to mute for (> 0, only with `muted: true`); forever when absent.
    pub(super) duration: Option<i64>,
}

/// The folder fields shared by create and edit.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FolderFields {
    /// Single emoji icon.
    pub(super) emoticon: Option<String>,
    /// Include all contacts.
    pub(super) contacts: Option<bool>,
    /// Include all non-contacts.
    pub(super) non_contacts: Option<bool>,
    /// Include all groups.
    pub(super) groups: Option<bool>,
    /// Include all channels.
    pub(super) broadcasts: Option<bool>,
    /// Include all bots.
    pub(super) bots: Option<bool>,
    /// Exclude muted chats.
    pub(super) exclude_muted: Option<bool>,
    /// Exclude read chats.
    pub(super) exclude_read: Option<bool>,
    /// Exclude archived chats.
    pub(super) exclude_archived: Option<bool>,
    /// Chats to include (at most 100).
    pub(super) include_peers: Option<Vec<ChatArg>>,
    /// Chats to exclude (at most 100).
    pub(super) exclude_peers: Option<Vec<ChatArg>>,
    /// Chats pinned at the top of the folder (at most 5).
    pub(super) pinned_peers: Option<Vec<ChatArg>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreateFolder {
    /// Folder name, 1–12 characters.
    pub(super) title: String,
    #[serde(flatten)]
    pub(super) fields: FolderFields,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EditFolder {
    /// Folder id (2 or more) from telegram-get-chat-folders.
    pub(super) id: i32,
    /// New name, 1–12 characters.
    pub(super) title: Option<String>,
    /// Lists given replace the folder's lists; omitted fields keep their values.
    #[serde(flatten)]
    pub(super) fields: FolderFields,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DeleteFolder {
    /// Folder id (2 or more).
    pub(super) id: i32,
    /// `true` to delete without being asked; otherwise the user is asked (MCP elicitation) or,
    /// where the client cannot ask, the call is refused until `confirm: true` is given.
    pub(super) confirm: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReorderFolders {
    /// Every folder id (2 or more), in the new order.
    pub(super) order: Vec<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ToggleTags {
    /// `true` to show folder tags, `false` to hide them.
    pub(super) enabled: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreateInvite {
    /// A group or channel you administer.
    pub(super) chat_id: ChatArg,
    /// Unix time the link expires.
    pub(super) expire_date: Option<i64>,
    /// How many users may join through it (1–99999).
    pub(super) member_limit: Option<i64>,
    /// Joins need an admin's approval.
    pub(super) request_approval: Option<bool>,
    /// Label only admins see (up to 32 characters).
    pub(super) title: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetInvites {
    /// A group or channel you administer.
    pub(super) chat_id: ChatArg,
    /// Links per page, 1–100 (default 20).
    pub(super) limit: Option<u32>,
    /// Admin whose links to list (default: you).
    pub(super) admin_id: Option<ChatArg>,
    /// List revoked links instead of active ones.
    pub(super) revoked: Option<bool>,
    /// `nextCursor` of the previous page.
    pub(super) cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RevokeInvite {
    /// The link's group or channel.
    pub(super) chat_id: ChatArg,
    /// The invite link to revoke.
    pub(super) link: String,
    /// `true` to revoke without being asked; otherwise the user is asked (MCP elicitation) or,
    /// where the client cannot ask, the call is refused until `confirm: true` is given.
    pub(super) confirm: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetStats {
    /// A channel or supergroup you administer.
    pub(super) chat_id: ChatArg,
    /// Include each graph's raw data (default false).
    pub(super) include_graphs: Option<bool>,
    /// Prefer the dark palette for graphs.
    pub(super) dark: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BoostsStatusArgs {
    /// Channel or supergroup: id, @username, or a name fragment.
    pub(super) chat: ChatArg,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BoostsListArgs {
    /// Channel or supergroup: id, @username, or a name fragment.
    pub(super) chat: ChatArg,
    /// Only gift boosts.
    pub(super) gifts: Option<bool>,
    /// `nextOffset` of the previous page.
    pub(super) offset: Option<String>,
    /// Boosts per page, 1–100 (default 50).
    pub(super) limit: Option<u32>,
}
