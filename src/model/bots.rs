//! Inline bots and keyboard buttons, forum topics, voice transcription, fact checks and stickers:
//! the `bots` tools' results (and the plain requests the owner takes for them).

use schemars::JsonSchema;
use serde::Serialize;

use super::{Chat, Message};

/// An inline bot's answer to a query.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct InlineResults {
    pub bot_id: i64,
    /// Pass to `telegram-inline-query-send` (valid about a minute).
    pub query_id: String,
    /// Seconds the bot allows the answer to be cached.
    pub cache_time: i32,
    /// Pass as `offset` for more results; absent on the last page.
    pub next_offset: Option<String>,
    pub results: Vec<InlineResult>,
}

/// One inline result (texts are untrusted, from the bot).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct InlineResult {
    /// Pass as `resultId`.
    pub id: String,
    /// `article`, `photo`, `gif`, …
    #[serde(rename = "type")]
    pub kind: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
}

/// A message sent from an inline result.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct InlineSent {
    pub message_id: i32,
    pub message: Message,
}

/// How an inline result is sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InlineOptions {
    pub reply_to: Option<i32>,
    pub silent: bool,
    pub hide_via: bool,
    pub clear_draft: bool,
}

/// The keyboard of a message.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Buttons {
    pub chat_id: i64,
    pub message_id: i32,
    /// `inline`, `keyboard`, `remove`, `forceReply` or `none`.
    pub markup_type: String,
    pub buttons: Vec<ButtonInfo>,
}

/// One keyboard button.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ButtonInfo {
    /// 0-based row.
    pub row: usize,
    /// 0-based column within the row.
    pub column: usize,
    /// `callback`, `url`, `switchInline`, `copy`, `userProfile`, `webView`, `game`, `buy`, `text`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// Label (untrusted text).
    pub text: String,
    /// Callback data, base64.
    pub data: Option<String>,
    pub url: Option<String>,
    pub switch_query: Option<String>,
    pub user_id: Option<i64>,
    pub copy_text: Option<String>,
}

/// Which button `telegram-press-button` presses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Press {
    At {
        row: usize,
        column: usize,
    },
    /// Raw callback data, base64.
    Data(String),
}

/// A bot's answer to a pressed button.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CallbackAnswer {
    /// The label of the pressed button, when pressed by position.
    pub button: Option<String>,
    /// Show `message` as an alert rather than a toast.
    pub alert: bool,
    pub has_url: bool,
    pub native_ui: bool,
    /// What the bot says (untrusted text).
    pub message: Option<String>,
    pub url: Option<String>,
    pub cache_time: i32,
}

/// A forum topic with its state.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ForumTopic {
    pub id: i32,
    pub title: String,
    pub unread: i32,
    pub closed: bool,
    pub hidden: bool,
    pub pinned: bool,
    pub icon_color: i32,
    /// Custom emoji document id of the icon.
    pub icon_emoji_id: Option<String>,
    /// Id of the topic's latest message.
    pub top_message: i32,
    /// Unix time the topic was created.
    pub date: i64,
}

/// A page of forum topics.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Topics {
    pub chat: Chat,
    /// Topics in the forum.
    pub count: i32,
    pub topics: Vec<ForumTopic>,
    /// Pass as `cursor` for more; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Messages of one forum topic.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TopicMessages {
    pub chat: Chat,
    pub topic_id: i32,
    /// Oldest first within the page.
    pub messages: Vec<Message>,
    /// Pass as `cursor` for older messages; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Requested changes of a forum topic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopicChange {
    pub title: Option<String>,
    /// 0 removes the custom icon.
    pub icon_emoji_id: Option<i64>,
    pub closed: Option<bool>,
    pub hidden: Option<bool>,
}

/// A forum topic created, changed or deleted.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TopicChanged {
    pub chat_id: i64,
    pub topic_id: i32,
    /// The topic after the change; absent once deleted.
    pub topic: Option<ForumTopic>,
    /// Messages deleted with the topic.
    pub deleted_messages: Option<i32>,
}

/// A voice or video note's transcription.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Transcription {
    pub chat_id: i64,
    pub message_id: i32,
    pub transcription_id: String,
    /// Telegram is still transcribing: poll `telegram-get-transcription`.
    pub pending: bool,
    /// The recognised text (untrusted).
    pub text: String,
    /// Free transcriptions left without Premium, when Telegram says.
    pub trial_remains: Option<i32>,
}

/// A transcription rated.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptionRated {
    pub chat_id: i64,
    pub message_id: i32,
    pub transcription_id: String,
    pub good: bool,
}

/// The fact check of one message.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FactCheck {
    pub message_id: i32,
    /// The note (untrusted text); absent when the message has none.
    pub text: Option<String>,
    /// Country of the fact checkers.
    pub country: Option<String>,
    /// Telegram asks fact checkers to look at the message.
    pub need_check: bool,
}

/// Fact checks of channel messages.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FactChecks {
    pub chat_id: i64,
    pub checks: Vec<FactCheck>,
}

/// A fact check added, changed or removed.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FactCheckChanged {
    pub chat_id: i64,
    pub message_id: i32,
    /// The new note; absent once removed.
    pub text: Option<String>,
}

/// A sticker set.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StickerSetInfo {
    pub id: String,
    /// Pass as `shortName` / `stickerSet`.
    pub short_name: String,
    pub title: String,
    pub count: i32,
    pub installed: bool,
    pub archived: bool,
    pub official: bool,
}

/// One sticker.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Sticker {
    /// Position in its list (the set, or the recent stickers).
    pub index: usize,
    pub emoji: String,
    pub document_id: String,
    /// Short name of its set, when known.
    pub set: Option<String>,
    /// Unix time it was last used (recent stickers).
    pub date: Option<i64>,
}

/// A sticker set with its stickers.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StickerSetFull {
    pub set: StickerSetInfo,
    pub stickers: Vec<Sticker>,
}

/// A list of sticker sets.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StickerSets {
    pub sets: Vec<StickerSetInfo>,
}

/// A list of stickers.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Stickers {
    pub stickers: Vec<Sticker>,
}

/// A sticker sent.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StickerSent {
    pub sticker: Sticker,
    pub message: Message,
}
