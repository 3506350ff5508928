//! Reactions (send, list, unread, defaults, paid), polls (create, vote, results, voters, close), and contact, dice, location and venue messages.
//!
//! The Telegram side of the `reactions` tools: `react` (reactions), `polls` and `cards`
//! (contact, dice, location and venue sends). This module holds what they share: one message
//! fetched raw, the updates of an answer, and TL reactions as model values.

mod cards;
mod polls;
mod react;

use grammers_client::tl;

use super::Telegram;
use super::peers::{Target, peer_id};
use crate::model::Sender;
use crate::model::reactions::{MessageReactions, PaidReactor, ReactionCount, Reactor};

pub use cards::{Card, Live};
pub use polls::PollSpec;
pub use react::ReactionPolicy;

impl Telegram {
    /// The updates of an answer, after learning its peers.
    fn updates_of(&self, updates: tl::enums::Updates) -> Vec<tl::enums::Update> {
        match updates {
            tl::enums::Updates::Updates(u) => {
                self.learn(&u.users, &u.chats);
                u.updates
            }
            tl::enums::Updates::Combined(u) => {
                self.learn(&u.users, &u.chats);
                u.updates
            }
            tl::enums::Updates::UpdateShort(u) => vec![u.update],
            _ => Vec::new(),
        }
    }

    /// A message's reactions as the model has them (no reactor list: see `reactors`).
    fn reactions_model(
        &self,
        target: &Target,
        message_id: i32,
        raw: Option<&tl::enums::MessageReactions>,
    ) -> MessageReactions {
        let mut out = MessageReactions {
            chat_id: target.id,
            message_id,
            reactions: Vec::new(),
            reactors: Vec::new(),
            reactors_visible: false,
            paid: Vec::new(),
            next_offset: None,
        };
        let Some(tl::enums::MessageReactions::Reactions(r)) = raw else { return out };
        out.reactors_visible = r.can_see_list;
        out.reactions = r
            .results
            .iter()
            .map(|tl::enums::ReactionCount::Count(c)| ReactionCount {
                emoji: emoji_of(&c.reaction),
                count: c.count,
                chosen: c.chosen_order.is_some(),
            })
            .collect();
        out.reactors = r.recent_reactions.iter().flatten().map(|p| self.reactor(p)).collect();
        out.paid = r
            .top_reactors
            .iter()
            .flatten()
            .map(|tl::enums::MessageReactor::Reactor(p)| PaidReactor {
                sender: p
                    .peer_id
                    .as_ref()
                    .filter(|_| !p.anonymous || p.my)
                    .map(|peer| self.who(peer_id(peer))),
                stars: p.count,
                anonymous: p.anonymous,
                mine: p.my,
            })
            .collect();
        out
    }

    fn reactor(&self, raw: &tl::enums::MessagePeerReaction) -> Reactor {
        let tl::enums::MessagePeerReaction::Reaction(r) = raw;
        Reactor {
            sender: self.who(peer_id(&r.peer_id)),
            emoji: emoji_of(&r.reaction),
            date: i64::from(r.date),
            unread: r.unread,
            mine: r.my,
        }
    }

    /// A peer as a sender, named from the peer cache.
    fn who(&self, id: i64) -> Sender {
        match self.known(id) {
            Some(t) => Sender { id, name: t.title, username: t.username },
            None => Sender { id, name: format!("unknown ({id})"), username: None },
        }
    }
}

/// A reaction in words: the emoji, `custom` or `⭐` (paid).
fn emoji_of(r: &tl::enums::Reaction) -> String {
    match r {
        tl::enums::Reaction::Emoji(e) => e.emoticon.clone(),
        tl::enums::Reaction::CustomEmoji(_) => "custom".to_owned(),
        tl::enums::Reaction::Paid => "⭐".to_owned(),
        tl::enums::Reaction::Empty => "?".to_owned(),
    }
}

/// An emoji as Telegram's reaction list spells it (no variation selector: `❤️` is `❤`).
fn reaction(emoji: &str) -> tl::enums::Reaction {
    let emoticon: String = emoji.trim().chars().filter(|c| *c != '\u{fe0f}').collect();
    tl::enums::Reaction::Emoji(tl::types::ReactionEmoji { emoticon })
}

/// A poll in one line for message listings: question, options with votes, state.
pub(super) fn poll_summary(media: &tl::types::MessageMediaPoll) -> String {
    let tl::enums::Poll::Poll(poll) = &media.poll;
    let tl::enums::PollResults::Results(results) = &media.results;
    let tl::enums::TextWithEntities::Entities(question) = &poll.question;
    let counts: Vec<&tl::types::PollAnswerVoters> =
        results.results.iter().flatten().map(|tl::enums::PollAnswerVoters::Voters(v)| v).collect();
    let options: Vec<String> = poll
        .answers
        .iter()
        .map(|answer| {
            let (text, option) = match answer {
                tl::enums::PollAnswer::Answer(a) => (&a.text, Some(&a.option)),
                tl::enums::PollAnswer::InputPollAnswer(a) => (&a.text, None),
            };
            let tl::enums::TextWithEntities::Entities(text) = text;
            let votes = counts.iter().find(|v| Some(&v.option) == option).and_then(|v| v.voters);
            match votes {
                Some(n) => format!("{} ({n})", text.text),
                None => text.text.clone(),
            }
        })
        .collect();
    let kind = if poll.quiz { "quiz" } else { "poll" };
    let state = if poll.closed { ", closed" } else { "" };
    let total = results.total_voters.unwrap_or(0);
    format!("{kind}: {} — {} [{total} votes{state}]", question.text, options.join(" / "))
}

/// Coordinates of a point, or `unknown`.
pub(super) fn geo_summary(geo: &tl::enums::GeoPoint) -> String {
    match geo {
        tl::enums::GeoPoint::Point(p) => format!("{:.5}, {:.5}", p.lat, p.long),
        tl::enums::GeoPoint::Empty => "unknown".to_owned(),
    }
}
