//! Reactions (send, list, unread, defaults, paid), polls (create, vote, results, voters, close), and contact, dice, location and venue messages.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Message, Sender};

/// A message's reactions: counts, who reacted (where Telegram shows it) and paid reactions.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MessageReactions {
    pub chat_id: i64,
    pub message_id: i32,
    pub reactions: Vec<ReactionCount>,
    /// Who reacted, newest first (empty where Telegram hides it, e.g. channel posts).
    pub reactors: Vec<Reactor>,
    /// Whether Telegram lets you see who reacted.
    pub reactors_visible: bool,
    /// Top senders of paid reactions (Stars).
    pub paid: Vec<PaidReactor>,
    /// More reactors: pass as `offset` to `telegram-get-reactions`; absent on the last page.
    pub next_offset: Option<String>,
}

/// One reaction and how many chose it.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ReactionCount {
    /// The emoji, `custom` for a custom emoji, `⭐` for paid (Stars).
    pub emoji: String,
    pub count: i32,
    /// Chosen by you.
    pub chosen: bool,
}

/// Someone's reaction.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Reactor {
    pub sender: Sender,
    pub emoji: String,
    /// Unix time.
    pub date: i64,
    /// Not yet seen by you.
    pub unread: bool,
    /// Your own reaction.
    pub mine: bool,
}

/// A sender of paid reactions.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PaidReactor {
    /// Absent when anonymous.
    pub sender: Option<Sender>,
    pub stars: i32,
    pub anonymous: bool,
    pub mine: bool,
}

/// A poll with its results as you see them.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Poll {
    pub chat_id: i64,
    pub message_id: i32,
    pub question: String,
    pub closed: bool,
    pub quiz: bool,
    pub multiple_choice: bool,
    /// Voters are visible (not anonymous).
    pub public_voters: bool,
    pub total_voters: i32,
    pub options: Vec<PollOption>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PollOption {
    /// Zero-based.
    pub index: usize,
    pub text: String,
    /// Absent until Telegram shows results (e.g. before you vote).
    pub voters: Option<i32>,
    /// Share of all voters, 0–100.
    pub percent: Option<f64>,
    /// Chosen by you.
    pub chosen: bool,
    /// The quiz's right answer (known once you voted or the quiz closed).
    pub correct: bool,
}

/// Someone's vote in a public poll.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Voter {
    pub sender: Sender,
    /// Zero-based option indexes.
    pub options: Vec<usize>,
    /// Unix time.
    pub date: i64,
}

/// A message with reactions you have not seen.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UnreadReaction {
    pub message: Message,
    /// The unseen reactions (where Telegram lists them).
    pub reactions: Vec<Reactor>,
}
