//! Sandbox state for the `bots` tools: the helper bot's inline answers and keyboard, forum
//! topic changes (`topics`), voice transcriptions, fact checks and sticker sets (`seed` makes
//! them). Plain data and the rules Telegram applies; TL rendering lives in `rpc::bots`.

mod seed;
mod topics;

use std::collections::BTreeMap;
use std::sync::Arc;

pub(crate) use seed::{seed, vote_text};
pub(crate) use topics::TopicEdit;

use super::{Failure, MediaKind, PeerKey, StoredMedia, World};

/// The helper bot's inline results per query.
const INLINE_RESULTS: usize = 12;
/// Results per inline page.
const INLINE_PAGE: usize = 5;
/// Inline queries remembered for `messages.sendInlineBotResult`; older ids are stale.
const INLINE_KEPT: usize = 256;
/// How long a query id stays valid (Telegram keeps them for minutes).
const INLINE_TTL: i32 = 600;
/// Recently used stickers kept.
const RECENT_KEPT: usize = 20;

/// One button of an inline keyboard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Button {
    Callback { text: String, data: Vec<u8> },
    Url { text: String, url: String },
}

/// The `documentAttributeSticker` of a sticker: its emoji and its set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StickerAttr {
    pub(crate) emoji: String,
    pub(crate) set_id: i64,
    pub(crate) set_access_hash: i64,
}

/// What the `bots` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Inline queries by query id.
    pub(crate) queries: BTreeMap<i64, InlineQuery>,
    next_query: i64,
    /// Votes (likes, dislikes) on the helper bot's keyboard messages.
    pub(crate) votes: BTreeMap<(PeerKey, i32), (i32, i32)>,
    /// How often the "count" button was pressed.
    pub(crate) presses: i32,
    /// Voice transcriptions by message.
    pub(crate) transcriptions: BTreeMap<(PeerKey, i32), Transcription>,
    next_transcription: i64,
    /// Fact checks by channel id and message id.
    pub(crate) fact_checks: BTreeMap<(i64, i32), String>,
    pub(crate) sticker_sets: Vec<StickerSetRec>,
    /// Recently sent stickers (document ids), newest first, with the date of use.
    pub(crate) recent: Vec<(i64, i32)>,
}

/// An inline query the helper bot answered, with the results of the page it returned.
#[derive(Debug, Clone)]
pub(crate) struct InlineQuery {
    pub(crate) bot: i64,
    pub(crate) date: i32,
    pub(crate) results: Vec<InlineResult>,
}

/// One article result.
#[derive(Debug, Clone)]
pub(crate) struct InlineResult {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) text: String,
    pub(crate) url: String,
}

/// A stored transcription of a voice or round-video message.
#[derive(Debug, Clone)]
pub(crate) struct Transcription {
    pub(crate) id: i64,
    pub(crate) text: String,
    /// The account's rating (`good`), once given.
    pub(crate) rating: Option<bool>,
}

/// A sticker set with its stickers (stored documents carrying a sticker attribute).
#[derive(Debug, Clone)]
pub(crate) struct StickerSetRec {
    pub(crate) id: i64,
    pub(crate) access_hash: i64,
    pub(crate) short_name: String,
    pub(crate) title: String,
    pub(crate) stickers: Vec<Arc<StoredMedia>>,
    /// When the account installed it; `None` when not installed.
    pub(crate) installed: Option<i32>,
}

impl StickerSetRec {
    /// The emoji of a sticker of the set.
    pub(crate) fn emoji(doc: &StoredMedia) -> &str {
        match &doc.kind {
            MediaKind::Document(a) => a.sticker.as_ref().map_or("", |s| s.emoji.as_str()),
            MediaKind::Photo { .. } => "",
        }
    }

    /// Telegram's set hash: changes whenever the stickers do.
    pub(crate) fn hash(&self) -> i32 {
        let ids = self.stickers.iter().fold(self.id as u64, |h, d| h.rotate_left(5) ^ d.id as u64);
        (ids ^ (ids >> 32)) as i32
    }
}

impl State {
    /// The helper bot's answer to an inline query: one page of deterministic articles derived
    /// from the query, remembered under a new query id. `offset` is the previous `next_offset`.
    pub(crate) fn answer_inline(
        &mut self,
        bot: i64,
        query: &str,
        offset: &str,
        now: i32,
    ) -> (i64, Vec<InlineResult>, Option<String>) {
        let start = offset.trim().parse::<usize>().unwrap_or(0).min(INLINE_RESULTS);
        let end = (start + INLINE_PAGE).min(INLINE_RESULTS);
        let query = query.trim();
        let subject = if query.is_empty() { "Sandbox tip" } else { query };
        let results: Vec<InlineResult> = (start..end)
            .map(|n| InlineResult {
                id: format!("article-{n}"),
                title: format!("{subject} #{}", n + 1),
                description: format!("Article {} of {INLINE_RESULTS} about {subject:?}", n + 1),
                text: format!("🔎 {subject} — article {}", n + 1),
                url: format!("https://example.org/articles/{n}"),
            })
            .collect();
        self.next_query += 1;
        let id = 0x5b07_0000_0000 + self.next_query;
        self.queries.insert(id, InlineQuery { bot, date: now, results: results.clone() });
        while self.queries.len() > INLINE_KEPT {
            self.queries.pop_first();
        }
        let next = (end < INLINE_RESULTS).then(|| end.to_string());
        (id, results, next)
    }

    /// A result of a remembered, fresh inline query.
    pub(crate) fn inline_result(
        &self,
        query_id: i64,
        id: &str,
        now: i32,
    ) -> Result<(i64, InlineResult), Failure> {
        let query = self.queries.get(&query_id).filter(|q| now - q.date <= INLINE_TTL);
        let query = query.ok_or_else(|| Failure::bad("QUERY_ID_INVALID"))?;
        let result =
            query.results.iter().find(|r| r.id == id).ok_or_else(|| Failure::bad("RESULT_ID_INVALID"))?;
        Ok((query.bot, result.clone()))
    }

    /// A sticker set by short name (case-insensitive) or id and access hash.
    pub(crate) fn sticker_set(
        &self,
        name: Option<&str>,
        id: Option<(i64, i64)>,
    ) -> Result<&StickerSetRec, Failure> {
        let found = self.sticker_sets.iter().find(|s| match (name, id) {
            (Some(name), _) => s.short_name.eq_ignore_ascii_case(name),
            (None, Some((id, hash))) => s.id == id && s.access_hash == hash,
            (None, None) => false,
        });
        found.ok_or_else(|| Failure::bad("STICKERSET_INVALID"))
    }

    /// Notes a sent document: a sticker moves to the front of the recent stickers.
    pub(crate) fn sticker_sent(&mut self, doc: &StoredMedia, now: i32) {
        let sticker = matches!(&doc.kind, MediaKind::Document(a) if a.sticker.is_some());
        if sticker {
            self.recent.retain(|(id, _)| *id != doc.id);
            self.recent.insert(0, (doc.id, now));
            self.recent.truncate(RECENT_KEPT);
        }
    }

    /// The stored transcription of a message, made on first request (Telegram transcribes
    /// once and answers every later request with the same id and text).
    pub(crate) fn transcribe(&mut self, key: (PeerKey, i32), seconds: i32) -> Transcription {
        let next = &mut self.next_transcription;
        self.transcriptions
            .entry(key)
            .or_insert_with(|| {
                *next += 1;
                let line = PHRASES[(key.1 as usize) % PHRASES.len()];
                Transcription { id: 0x7a00_0000 + *next, text: format!("{line} ({seconds} s)"), rating: None }
            })
            .clone()
    }
}

/// What the sandbox's voice notes say.
const PHRASES: &[&str] = &[
    "Привет! Встречаемся в субботу в десять у станции, не забудь кофе.",
    "Hi, it's me. The build is green again, I'll merge after lunch.",
    "Перезвони, когда будет минутка.",
];

impl World {
    /// Whether the account administers a channel: the seed makes it the creator of every
    /// channel it is a member of (rendered `creator: true`).
    pub(crate) fn administers(&self, channel: i64) -> bool {
        self.channels.get(&channel).is_some_and(|c| c.members.contains(&self.self_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_answers_page_and_remember_their_results() {
        let mut state = State::default();
        let (first, page, next) = state.answer_inline(7, "cats", "", 100);
        assert_eq!((page.len(), next.as_deref()), (INLINE_PAGE, Some("5")));
        let (_, last, next) = state.answer_inline(7, "cats", "10", 100);
        assert_eq!((last.len(), next), (2, None));
        assert_eq!(state.inline_result(first, "article-1", 100).unwrap().1.text, "🔎 cats — article 2");
        assert_eq!(state.inline_result(first, "article-7", 100).unwrap_err().name, "RESULT_ID_INVALID");
        let stale = state.inline_result(first, "article-1", 100 + INLINE_TTL + 1).unwrap_err();
        assert_eq!(stale.name, "QUERY_ID_INVALID");
        for _ in 0..INLINE_KEPT {
            state.answer_inline(7, "x", "", 100);
        }
        assert_eq!(state.inline_result(first, "article-1", 100).unwrap_err().name, "QUERY_ID_INVALID");
    }

    #[test]
    fn a_transcription_is_made_once_per_message() {
        let mut state = State::default();
        let key = (PeerKey::User(7), 3);
        let first = state.transcribe(key, 3);
        let again = state.transcribe(key, 3);
        assert_eq!((first.id, first.text.clone()), (again.id, again.text));
        assert_ne!(state.transcribe((PeerKey::User(7), 4), 3).id, first.id);
    }
}
