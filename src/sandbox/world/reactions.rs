//! Sandbox state for the `reactions` tools: Reactions (send, list, unread, defaults, paid), polls (create, vote, results, voters, close), and contact, dice, location and venue messages.
//!
//! Who reacted to a message and the polls and cards of messages live on the message
//! ([`Reacted`] in `MsgRec::reacted`, [`PollRec`] and [`Card`] in `MediaRec`), so every
//! rendering of a message shows them; the account-wide settings live in [`State`].

use std::collections::BTreeMap;

use super::{MsgRec, PeerKey, World};

/// Demo peers the seed decorates (see `seed/cast.rs`).
const BORIS: i64 = 7_000_002;
const CAROL: i64 = 7_000_003;
const HIKE: i64 = 4_100_001;
const NEWS: i64 = 1_500_000_002;

/// Telegram's standard reaction emoji, most popular first (what `getTopReactions` lists).
pub(crate) const STANDARD: &[&str] = &[
    "👍",
    "❤",
    "🔥",
    "🥰",
    "👏",
    "😁",
    "🤔",
    "🤯",
    "😱",
    "🤬",
    "😢",
    "🎉",
    "🤩",
    "🤮",
    "💩",
    "🙏",
    "👌",
    "🕊",
    "🤡",
    "🥱",
    "🥴",
    "😍",
    "🐳",
    "❤‍🔥",
    "🌚",
    "🌭",
    "💯",
    "🤣",
    "⚡",
    "🍌",
    "🏆",
    "💔",
    "🤨",
    "😐",
    "🍓",
    "🍾",
    "💋",
    "🖕",
    "😈",
    "😴",
    "😭",
    "🤓",
    "👻",
    "👨‍💻",
    "👀",
    "🎃",
    "🙈",
    "😇",
    "😨",
    "🤝",
    "✍",
    "🤗",
    "🫡",
    "🎅",
    "🎄",
    "☃",
    "💅",
    "🤪",
    "🗿",
    "🆒",
    "💘",
    "🙉",
    "🦄",
    "😘",
    "💊",
    "🙊",
    "😎",
    "👾",
    "🤷‍♂",
    "🤷",
    "🤷‍♀",
    "😡",
];

/// Most reactions one account may put on one message (Premium raises it).
pub(crate) const MAX_OWN: usize = 1;
pub(crate) const MAX_OWN_PREMIUM: usize = 3;

/// What the `reactions` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// The quick reaction (`messages.setDefaultReaction`, shown in `help.getConfig`).
    pub(crate) default_reaction: String,
    /// Reactions the account used, most recent first.
    pub(crate) recent: Vec<String>,
    /// Which reactions a group or channel allows; absent means all standard ones.
    pub(crate) available: BTreeMap<PeerKey, Allowed>,
    /// Whether paid reactions are anonymous by default (`getPaidReactionPrivacy`).
    pub(crate) paid_anonymous: bool,
    /// The id the next poll gets.
    pub(crate) next_poll_id: i64,
}

/// A chat's reaction policy (`chatReactions*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Allowed {
    All { custom: bool },
    Some(Vec<String>),
    None,
}

/// Who reacted to a message; the counts stay in `MsgRec::reactions`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Reacted {
    /// Named reactions, oldest first. The account's own are in the order it chose them.
    pub(crate) by: Vec<Reactor>,
    /// Paid reactions (Stars) per sender.
    pub(crate) paid: Vec<PaidReactor>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reactor {
    pub(crate) peer: PeerKey,
    pub(crate) emoji: String,
    pub(crate) date: i32,
    /// Not yet seen by the account (only others' reactions to the account's messages).
    pub(crate) unread: bool,
    /// The account's own reaction.
    pub(crate) mine: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PaidReactor {
    pub(crate) peer: PeerKey,
    pub(crate) stars: i32,
    pub(crate) anonymous: bool,
    pub(crate) mine: bool,
}

/// A poll with its votes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PollRec {
    pub(crate) id: i64,
    pub(crate) question: String,
    pub(crate) answers: Vec<String>,
    pub(crate) multiple: bool,
    pub(crate) quiz: bool,
    pub(crate) public: bool,
    pub(crate) closed: bool,
    /// Index of the right answer of a quiz.
    pub(crate) correct: Option<usize>,
    /// Who voted for which options, in voting order.
    pub(crate) votes: Vec<Vote>,
    /// The account, so renderings can mark its own choice.
    pub(crate) me: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Vote {
    pub(crate) user: i64,
    pub(crate) options: Vec<usize>,
    pub(crate) date: i32,
}

/// A contact card, dice, live location or venue.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Card {
    Contact {
        phone: String,
        first: String,
        last: String,
        vcard: String,
        user_id: i64,
    },
    Dice {
        emoticon: String,
        value: i32,
    },
    Live {
        lat: f64,
        long: f64,
        accuracy: Option<i32>,
        heading: Option<i32>,
        period: i32,
        proximity: Option<i32>,
    },
    Venue {
        lat: f64,
        long: f64,
        title: String,
        address: String,
        provider: String,
        id: String,
        kind: String,
    },
}

impl Card {
    /// A live location or a venue (what Telegram's location filter finds besides pins).
    pub(crate) fn is_place(&self) -> bool {
        matches!(self, Self::Live { .. } | Self::Venue { .. })
    }
}

impl PollRec {
    /// Voters per option.
    pub(crate) fn tally(&self) -> Vec<i32> {
        let mut counts = vec![0; self.answers.len()];
        for vote in &self.votes {
            vote.options.iter().for_each(|o| counts[*o] += 1);
        }
        counts
    }

    /// The options the account chose (empty when it has not voted).
    pub(crate) fn mine(&self) -> &[usize] {
        self.votes.iter().find(|v| v.user == self.me).map_or(&[], |v| v.options.as_slice())
    }
}

impl Allowed {
    pub(crate) fn permits(&self, emoji: &str) -> bool {
        match self {
            Self::All { .. } => STANDARD.contains(&emoji),
            Self::Some(list) => list.iter().any(|e| e == emoji),
            Self::None => false,
        }
    }
}

/// Adds this family's part of the demo account (runs after the chats and messages exist):
/// reactions by Boris and Carol to some of Alice's messages in the hike group (unread), a paid
/// reaction of Alice's on a channel post, two recent reactions and the quick reaction 👍.
pub(crate) fn seed(w: &mut World, now: i32) {
    w.reactions.default_reaction = "👍".to_owned();
    w.reactions.recent = vec!["❤".to_owned(), "👍".to_owned()];
    w.reactions.next_poll_id = 6_100_000_000_000_001;
    let me = w.self_id;
    let Some(hike) = w.dialogs.get_mut(&PeerKey::Chat(HIKE)) else { return };
    let mine: Vec<i32> =
        hike.messages.values().filter(|m| m.out && m.media.is_none()).map(|m| m.id).collect();
    for (n, id) in mine.iter().rev().take(2).enumerate() {
        let (peer, emoji) = if n == 0 { (BORIS, "❤") } else { (CAROL, "🔥") };
        if let Some(m) = hike.messages.get_mut(id) {
            let reactor = Reactor {
                peer: PeerKey::User(peer),
                emoji: emoji.to_owned(),
                date: now - 600 * (n as i32 + 1),
                unread: true,
                mine: false,
            };
            add_reaction(m, reactor);
        }
    }
    let Some(news) = w.dialogs.get_mut(&PeerKey::Channel(NEWS)) else { return };
    if let Some(post) = news.messages.values_mut().next_back() {
        post.reacted.paid.push(PaidReactor {
            peer: PeerKey::User(me),
            stars: 50,
            anonymous: false,
            mine: true,
        });
    }
}

/// Records a named reaction and counts it.
pub(crate) fn add_reaction(m: &mut MsgRec, reactor: Reactor) {
    match m.reactions.iter_mut().find(|(e, _)| *e == reactor.emoji) {
        Some((_, count)) => *count += 1,
        None => m.reactions.push((reactor.emoji.clone(), 1)),
    }
    m.reacted.by.push(reactor);
}

/// Removes every named reaction of `peer` and uncounts them.
pub(crate) fn remove_reactions(m: &mut MsgRec, peer: PeerKey) {
    let (gone, kept): (Vec<Reactor>, Vec<Reactor>) = m.reacted.by.drain(..).partition(|r| r.peer == peer);
    m.reacted.by = kept;
    for r in gone {
        if let Some((_, count)) = m.reactions.iter_mut().find(|(e, _)| *e == r.emoji) {
            *count -= 1;
        }
    }
    m.reactions.retain(|(_, count)| *count > 0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::world::{MediaFilter, MediaRec, SearchQuery};

    #[test]
    fn venues_and_live_locations_are_places_and_the_seed_has_unread_reactions() {
        let files = crate::sandbox::media::Store::new().unwrap();
        let mut w = World::demo(1_800_000_000, &files).unwrap();
        let peer = PeerKey::User(BORIS);
        let venue = Card::Venue {
            lat: 1.0,
            long: 2.0,
            title: "t".into(),
            address: "a".into(),
            provider: String::new(),
            id: String::new(),
            kind: String::new(),
        };
        let mut m = MsgRec::new(90_000, peer, Some(PeerKey::User(w.self_id)), true, 1, String::new());
        m.media = Some(MediaRec::Card(Box::new(venue)));
        w.dialogs.get_mut(&peer).unwrap().messages.insert(90_000, m);
        let query = SearchQuery { peer: Some(peer), media: MediaFilter::Geo, ..SearchQuery::default() };
        assert!(w.search(&query).unwrap().iter().any(|m| m.id == 90_000));
        let hike = &w.dialogs[&PeerKey::Chat(HIKE)];
        let unread = hike.messages.values().filter(|m| m.reacted.by.iter().any(|r| r.unread)).count();
        assert_eq!(unread, 2);
    }
}
