//! Arguments of the Stars tools (the original's names and parameters).

use schemars::JsonSchema;
use serde::Deserialize;

use crate::mcp::tools::ChatArg;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Status {
    /// Whose wallet: `me`, or a bot or channel you own.
    pub(super) peer: ChatArg,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Transactions {
    /// Whose history: `me`, or a bot or channel you own.
    pub(super) peer: ChatArg,
    /// Only incoming Stars.
    pub(super) inbound: Option<bool>,
    /// Only outgoing Stars.
    pub(super) outbound: Option<bool>,
    /// Oldest first.
    pub(super) ascending: Option<bool>,
    /// Only the payments of this subscription.
    pub(super) subscription_id: Option<String>,
    /// Transactions per page, 1–100 (default 50).
    pub(super) limit: Option<u32>,
    /// `nextOffset` of the previous page.
    pub(super) offset: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Subscriptions {
    /// Whose subscriptions: `me`, or a bot or channel you own.
    pub(super) chat_id: ChatArg,
    /// Only subscriptions the balance cannot renew.
    pub(super) missing_balance: Option<bool>,
    /// `nextOffset` of the previous page.
    pub(super) offset: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ChangeSubscription {
    /// Whose subscription: `me`, or a bot or channel you own.
    pub(super) chat_id: ChatArg,
    /// Subscription id from telegram-get-stars-subscriptions.
    pub(super) subscription_id: String,
    /// `true` to cancel (it stays active until paid up), `false` to renew.
    pub(super) canceled: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AvailableGifts {
    /// Gifts per page, 1–100 (default 50).
    pub(super) limit: Option<u32>,
    /// `nextCursor` of the previous page.
    pub(super) cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SavedGifts {
    /// Whose gifts: `me`, a user or a channel.
    pub(super) chat_id: ChatArg,
    /// Leave out gifts hidden from the profile.
    pub(super) exclude_unsaved: Option<bool>,
    /// Leave out gifts shown on the profile.
    pub(super) exclude_saved: Option<bool>,
    /// Leave out gifts sold without limit.
    pub(super) exclude_unlimited: Option<bool>,
    /// Leave out limited-edition gifts.
    pub(super) exclude_limited: Option<bool>,
    /// Leave out unique (upgraded) gifts.
    pub(super) exclude_unique: Option<bool>,
    /// Most valuable first instead of newest.
    pub(super) sort_by_value: Option<bool>,
    /// Gifts per page, 1–100 (default 20).
    pub(super) limit: Option<u32>,
    /// `nextOffset` of the previous page.
    pub(super) offset: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SaveGift {
    /// `msgId` of a gift you received in a private chat (telegram-get-saved-star-gifts).
    pub(super) msg_id: Option<i32>,
    /// For a channel's gift: the channel (with `savedId`).
    pub(super) chat_id: Option<ChatArg>,
    /// For a channel's gift: its `savedId` (digits).
    pub(super) saved_id: Option<String>,
    /// `true` to hide it from your profile instead.
    pub(super) unsave: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ConvertGift {
    /// `msgId` of a gift you received in a private chat (telegram-get-saved-star-gifts).
    pub(super) msg_id: Option<i32>,
    /// For a channel's gift: the channel (with `savedId`).
    pub(super) chat_id: Option<ChatArg>,
    /// For a channel's gift: its `savedId` (digits).
    pub(super) saved_id: Option<String>,
    /// `true` to convert without being asked.
    pub(super) confirm: Option<bool>,
}
