//! Telegram Stars: balance, transactions, subscriptions, top-up options and gifts.

use schemars::JsonSchema;
use serde::Serialize;

/// The Stars balance.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StarsStatus {
    pub balance: i64,
    /// Stars an active subscription is missing to renew, if any.
    pub subscriptions_missing_balance: Option<i64>,
}

/// One Stars transaction.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StarsTransaction {
    pub id: String,
    /// Stars in (positive) or out (negative).
    pub amount: i64,
    pub date: i64,
    /// The other side: a chat id, or `appstore`, `playmarket`, `premiumbot`, `fragment`, `ads`, `api`.
    pub peer: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub refund: bool,
    pub pending: bool,
    pub failed: bool,
    pub gift: bool,
    /// Seconds, for a subscription payment.
    pub subscription_period: Option<i32>,
    pub msg_id: Option<i32>,
}

/// A page of Stars transactions.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StarsTransactions {
    pub balance: i64,
    pub transactions: Vec<StarsTransaction>,
    /// Pass as `offset` for the next page; absent on the last page.
    pub next_offset: Option<String>,
}

/// A Stars subscription (to a channel or a bot).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StarsSubscription {
    pub id: String,
    pub peer_id: i64,
    pub peer_name: Option<String>,
    pub title: Option<String>,
    /// Paid until (unix time).
    pub until_date: i64,
    pub period_seconds: i32,
    /// Stars per period.
    pub amount: i64,
    pub canceled: bool,
    pub can_refulfill: bool,
    pub missing_balance: bool,
}

/// A page of Stars subscriptions.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StarsSubscriptions {
    pub subscriptions: Vec<StarsSubscription>,
    /// Stars missing to renew the subscriptions due soon, if any.
    pub missing_balance: Option<i64>,
    /// Pass as `offset` for the next page; absent on the last page.
    pub next_offset: Option<String>,
}

/// A subscription after a change.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StarsSubscriptionChange {
    pub subscription_id: String,
    pub canceled: bool,
}

/// A way to buy Stars.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StarsTopupOption {
    pub stars: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    /// Price in the currency's smallest unit.
    pub amount: i64,
    /// Shown only when the list is expanded.
    pub extended: bool,
    pub store_product: Option<String>,
}

/// The ways to buy Stars.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StarsTopupOptions {
    pub options: Vec<StarsTopupOption>,
}

/// A gift that can be sent for Stars.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StarGift {
    pub id: i64,
    pub title: Option<String>,
    /// Price in Stars.
    pub stars: i64,
    /// Stars the receiver gets by converting it.
    pub convert_stars: i64,
    pub limited: bool,
    pub sold_out: bool,
    pub availability_remains: Option<i32>,
    pub availability_total: Option<i32>,
    pub birthday: bool,
    pub require_premium: bool,
    /// A collectible (upgraded) gift.
    pub unique: bool,
}

/// A page of the gifts on sale.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StarGifts {
    pub gifts: Vec<StarGift>,
    pub total: usize,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A gift someone received (saved to the profile or not).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SavedStarGift {
    /// The gift's service message in your chat with the sender: pass as `msgId`.
    pub msg_id: Option<i32>,
    /// A channel's gift id.
    pub saved_id: Option<i64>,
    pub gift: StarGift,
    pub from_id: Option<i64>,
    pub from_name: Option<String>,
    pub date: i64,
    /// The sender's note (untrusted text).
    pub message: Option<String>,
    /// Shown on the profile.
    pub saved: bool,
    pub name_hidden: bool,
    /// Stars converting it would give, while it can still be converted.
    pub convert_stars: Option<i64>,
    pub can_upgrade: bool,
}

/// A page of received gifts.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SavedStarGifts {
    pub count: i32,
    pub gifts: Vec<SavedStarGift>,
    /// Pass as `offset` for the next page; absent on the last page.
    pub next_offset: Option<String>,
}

/// A received gift after saving, hiding or converting it.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StarGiftChange {
    pub msg_id: Option<i32>,
    /// A channel's gift id.
    pub saved_id: Option<String>,
    /// `saved`, `unsaved` or `converted`.
    pub action: String,
    /// The Stars balance afterwards, after a conversion.
    pub balance: Option<i64>,
}
