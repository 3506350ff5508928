//! The `reactions` tools' arguments (the original's names and parameters) and structured
//! results.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::mcp::tools::ChatArg;
use crate::model::reactions::{MessageReactions, Poll, UnreadReaction, Voter};
use crate::model::{Chat, Message};

/// One emoji or several.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub(crate) enum Emojis {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendReaction {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    pub(super) message_id: i32,
    /// Reaction emoji, one or a list; omit to remove your reactions.
    pub(super) emoji: Option<Emojis>,
    /// Add to your reactions instead of replacing them.
    pub(super) add_to_existing: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetReactions {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    pub(super) message_id: i32,
    /// Most reactors listed, 1–100 (default 50).
    pub(super) limit: Option<u32>,
    /// `nextOffset` of the previous page of reactors.
    pub(super) offset: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetDefaultReaction {
    /// The emoji, e.g. 👍.
    pub(super) emoji: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReactionLimit {
    /// Most reactions returned, 1–100 (default 20).
    pub(super) limit: Option<u32>,
}

/// A chat's reaction policy.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
pub(crate) enum Policy {
    /// Every standard emoji.
    #[serde(rename_all = "camelCase")]
    All {
        /// Also custom emoji (for Premium users).
        allow_custom: Option<bool>,
    },
    /// Only the listed emoji.
    Some {
        /// 1–100 emoji.
        emoji: Vec<String>,
    },
    /// No reactions.
    None,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetChatReactions {
    /// A group, supergroup or channel.
    pub(super) chat_id: ChatArg,
    /// `type`: `all`, `some` (with `emoji`) or `none`.
    pub(super) reactions: Policy,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendPaidReaction {
    /// A channel.
    pub(super) chat_id: ChatArg,
    /// The channel post.
    pub(super) message_id: i32,
    /// Stars to send, 1–2500 (default 1).
    pub(super) count: Option<i32>,
    /// `true`: anonymous on the leaderboard; `false`: show your name; absent: your default.
    pub(super) private: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TogglePaidPrivacy {
    /// A channel.
    pub(super) chat_id: ChatArg,
    /// The channel post.
    pub(super) message_id: i32,
    /// `true`: anonymous on the leaderboard; `false`: show your name.
    pub(super) private: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetUnreadReactions {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// Most messages, 1–100 (default 20).
    pub(super) limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreatePoll {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    pub(super) question: String,
    /// 2–10 answer options.
    pub(super) answers: Vec<String>,
    /// Allow several answers.
    pub(super) multiple_choice: Option<bool>,
    /// Quiz mode: one correct answer (`correctAnswer`).
    pub(super) quiz: Option<bool>,
    /// Zero-based index of the correct answer (quiz only).
    pub(super) correct_answer: Option<u32>,
    /// Show who voted (not in channels). Default anonymous.
    pub(super) public_voters: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct VotePoll {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// The poll's message.
    pub(super) message_id: i32,
    /// Zero-based option indexes; `[]` retracts your vote.
    pub(super) option_indexes: Vec<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PollMessage {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// The poll's message.
    pub(super) message_id: i32,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ClosePoll {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// The poll's message.
    pub(super) message_id: i32,
    /// `true` to close without being asked; otherwise the user is asked (MCP elicitation) or,
    /// where the client cannot ask, the call is refused until `confirm: true` is given.
    pub(super) confirm: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetPollVoters {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// The poll's message.
    pub(super) message_id: i32,
    /// Only voters of this zero-based option.
    pub(super) option_index: Option<u32>,
    /// Voters per page, 1–100 (default 20).
    pub(super) limit: Option<u32>,
    /// `nextOffset` of the previous page.
    pub(super) offset: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendContact {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// 6–15 digits, optional leading `+`.
    pub(super) phone: String,
    pub(super) first_name: String,
    pub(super) last_name: Option<String>,
    /// vCard 3.0 text.
    pub(super) vcard: Option<String>,
    /// Id of the message to reply to.
    pub(super) reply_to: Option<i32>,
    /// Forum topic id to post into.
    pub(super) topic_id: Option<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendDice {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// 🎲 🎯 🎳 (1–6), 🏀 ⚽ (1–5) or 🎰 (1–64); default 🎲.
    pub(super) emoji: Option<String>,
    /// Id of the message to reply to.
    pub(super) reply_to: Option<i32>,
    /// Forum topic id to post into.
    pub(super) topic_id: Option<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendLocation {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// -90 to 90.
    pub(super) latitude: f64,
    /// -180 to 180.
    pub(super) longitude: f64,
    /// Accuracy in meters.
    pub(super) accuracy_radius: Option<i32>,
    /// Share a live location for this many seconds (60–86400).
    pub(super) live_period: Option<i32>,
    /// Heading in degrees, 1–360 (live only).
    pub(super) heading: Option<i32>,
    /// Proximity alert radius in meters (live only).
    pub(super) proximity_radius: Option<i32>,
    /// Id of the message to reply to.
    pub(super) reply_to: Option<i32>,
    /// Forum topic id to post into.
    pub(super) topic_id: Option<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendVenue {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// -90 to 90.
    pub(super) latitude: f64,
    /// -180 to 180.
    pub(super) longitude: f64,
    pub(super) title: String,
    pub(super) address: String,
    /// `foursquare` (default) or `gplaces`.
    pub(super) provider: Option<String>,
    /// The provider's venue id.
    pub(super) venue_id: Option<String>,
    /// The provider's venue type.
    pub(super) venue_type: Option<String>,
    /// Id of the message to reply to.
    pub(super) reply_to: Option<i32>,
    /// Forum topic id to post into.
    pub(super) topic_id: Option<i32>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Reactions {
    #[serde(flatten)]
    pub(super) reactions: MessageReactions,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DefaultReaction {
    /// The quick reaction as Telegram now reports it.
    pub(super) emoji: Option<String>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReactionList {
    pub(super) reactions: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ChatReactions {
    pub(super) chat_id: i64,
    /// `all`, `some` or `none`.
    pub(super) policy: String,
    /// The allowed emoji for `some`.
    pub(super) emoji: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PaidPrivacy {
    /// Your paid reactions are anonymous by default.
    pub(super) private: bool,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UnreadReactions {
    pub(super) chat: Chat,
    pub(super) messages: Vec<UnreadReaction>,
    /// Telegram marked them all as seen (they all fit into `limit`).
    pub(super) marked_read: bool,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PollSent {
    pub(super) message: Message,
    pub(super) poll: Poll,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PollState {
    #[serde(flatten)]
    pub(super) poll: Poll,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Voters {
    pub(super) chat_id: i64,
    pub(super) message_id: i32,
    /// All voters matching (of every page).
    pub(super) count: i32,
    pub(super) voters: Vec<Voter>,
    /// Pass as `offset` for the next page; absent on the last page.
    pub(super) next_offset: Option<String>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CardSent {
    pub(super) message: Message,
    /// The value Telegram rolled (dice only).
    pub(super) value: Option<i32>,
}
