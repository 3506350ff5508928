//! TL rendering of the `reactions` family's parts of a message: who reacted (the account's
//! `chosen_order`, recent reactors, paid top reactors), polls with their results, and contact,
//! dice, live location and venue media.

use grammers_tl_types::{enums, types};

use super::peer;
use crate::sandbox::world::reactions::{Card, PollRec};
use crate::sandbox::world::{MsgRec, PeerKey};

/// Most recent reactors shown on a message.
const RECENT: usize = 10;

/// The counts of `base` completed with the account's choices, recent reactors and paid ones.
pub(crate) fn with_reactors(
    m: &MsgRec,
    base: Option<enums::MessageReactions>,
) -> Option<enums::MessageReactions> {
    let paid: i32 = m.reacted.paid.iter().map(|p| p.stars).sum();
    if base.is_none() && paid == 0 {
        return None;
    }
    let mut results = match base {
        Some(enums::MessageReactions::Reactions(r)) => r.results,
        None => Vec::new(),
    };
    let mine: Vec<&str> = m.reacted.by.iter().filter(|r| r.mine).map(|r| r.emoji.as_str()).collect();
    for enums::ReactionCount::Count(c) in &mut results {
        if let enums::Reaction::Emoji(e) = &c.reaction {
            c.chosen_order = mine.iter().position(|x| *x == e.emoticon).map(|i| i as i32);
        }
    }
    if paid > 0 {
        let count = types::ReactionCount { chosen_order: None, reaction: enums::Reaction::Paid, count: paid };
        results.insert(0, enums::ReactionCount::Count(count));
    }
    let recent = m.reacted.by.iter().rev().take(RECENT).map(|r| {
        enums::MessagePeerReaction::Reaction(types::MessagePeerReaction {
            big: false,
            unread: r.unread,
            my: r.mine,
            peer_id: peer(r.peer),
            date: r.date,
            reaction: emoji(&r.emoji),
        })
    });
    let top = m.reacted.paid.iter().map(|p| {
        enums::MessageReactor::Reactor(types::MessageReactor {
            top: true,
            my: p.mine,
            anonymous: p.anonymous,
            peer_id: (!p.anonymous || p.mine).then(|| peer(p.peer)),
            count: p.stars,
        })
    });
    let top: Vec<_> = top.collect();
    Some(enums::MessageReactions::Reactions(types::MessageReactions {
        min: false,
        // Broadcast posts (no sender) keep their reactors private.
        can_see_list: m.from.is_some(),
        reactions_as_tags: false,
        results,
        recent_reactions: Some(recent.collect()),
        top_reactors: (!top.is_empty()).then_some(top),
    }))
}

pub(crate) fn emoji(e: &str) -> enums::Reaction {
    enums::Reaction::Emoji(types::ReactionEmoji { emoticon: e.to_owned() })
}

/// `messageMediaPoll`.
pub(crate) fn poll_media(p: &PollRec) -> enums::MessageMedia {
    enums::MessageMedia::Poll(Box::new(types::MessageMediaPoll {
        poll: poll(p),
        results: poll_results(p),
        attached_media: None,
    }))
}

pub(crate) fn poll(p: &PollRec) -> enums::Poll {
    let answers = p.answers.iter().enumerate().map(|(i, text)| {
        enums::PollAnswer::Answer(types::PollAnswer {
            text: text_entities(text),
            option: option(i),
            media: None,
            added_by: None,
            date: None,
        })
    });
    enums::Poll::Poll(types::Poll {
        id: p.id,
        closed: p.closed,
        public_voters: p.public,
        multiple_choice: p.multiple,
        quiz: p.quiz,
        open_answers: false,
        revoting_disabled: false,
        shuffle_answers: false,
        hide_results_until_close: false,
        creator: false,
        subscribers_only: false,
        question: text_entities(&p.question),
        answers: answers.collect(),
        close_period: None,
        close_date: None,
        countries_iso2: None,
        hash: 0,
    })
}

/// Results as the account sees them: counts, its choice, and a quiz's answer once it voted.
pub(crate) fn poll_results(p: &PollRec) -> enums::PollResults {
    let mine = p.mine();
    let reveal = p.closed || !mine.is_empty();
    let tally = p.tally();
    let results = tally.iter().enumerate().map(|(i, count)| {
        enums::PollAnswerVoters::Voters(types::PollAnswerVoters {
            chosen: mine.contains(&i),
            correct: reveal && p.correct == Some(i),
            option: option(i),
            voters: Some(*count),
            // Shares its flag with `voters`: both present or both absent.
            recent_voters: Some(Vec::new()),
        })
    });
    let recent: Vec<enums::Peer> = if p.public {
        p.votes.iter().rev().take(3).map(|v| peer(PeerKey::User(v.user))).collect()
    } else {
        Vec::new()
    };
    enums::PollResults::Results(Box::new(types::PollResults {
        min: false,
        has_unread_votes: false,
        can_view_stats: false,
        results: Some(results.collect()),
        total_voters: Some(p.votes.len() as i32),
        recent_voters: (!recent.is_empty()).then_some(recent),
        solution: None,
        solution_entities: None,
        solution_media: None,
    }))
}

/// The option bytes of answer `i`, as Telegram clients number them ("0", "1", …).
pub(crate) fn option(i: usize) -> Vec<u8> {
    i.to_string().into_bytes()
}

fn text_entities(text: &str) -> enums::TextWithEntities {
    enums::TextWithEntities::Entities(types::TextWithEntities { text: text.to_owned(), entities: Vec::new() })
}

/// `messageMediaContact`, `messageMediaDice`, `messageMediaGeoLive` or `messageMediaVenue`.
pub(crate) fn card_media(c: &Card) -> enums::MessageMedia {
    match c {
        Card::Contact { phone, first, last, vcard, user_id } => {
            enums::MessageMedia::Contact(types::MessageMediaContact {
                phone_number: phone.clone(),
                first_name: first.clone(),
                last_name: last.clone(),
                vcard: vcard.clone(),
                user_id: *user_id,
            })
        }
        Card::Dice { emoticon, value } => enums::MessageMedia::Dice(types::MessageMediaDice {
            value: *value,
            emoticon: emoticon.clone(),
            game_outcome: None,
        }),
        Card::Live { lat, long, accuracy, heading, period, proximity } => {
            enums::MessageMedia::GeoLive(types::MessageMediaGeoLive {
                geo: geo(*lat, *long, *accuracy),
                heading: *heading,
                period: *period,
                proximity_notification_radius: *proximity,
            })
        }
        Card::Venue { lat, long, title, address, provider, id, kind } => {
            enums::MessageMedia::Venue(types::MessageMediaVenue {
                geo: geo(*lat, *long, None),
                title: title.clone(),
                address: address.clone(),
                provider: provider.clone(),
                venue_id: id.clone(),
                venue_type: kind.clone(),
            })
        }
    }
}

fn geo(lat: f64, long: f64, accuracy_radius: Option<i32>) -> enums::GeoPoint {
    enums::GeoPoint::Point(types::GeoPoint { long, lat, access_hash: 1, accuracy_radius })
}

#[cfg(test)]
mod tests {
    use grammers_tl_types::{Deserializable, Serializable};

    use super::*;
    use crate::sandbox::world::reactions::{PaidReactor, Reactor, Vote};

    /// Every rendering must read back: fields sharing a flag bit are both set or both absent.
    fn round_trip(media: enums::MessageMedia) -> enums::MessageMedia {
        enums::MessageMedia::from_bytes(&media.to_bytes()).expect("the client can read it")
    }

    #[test]
    fn polls_reactions_and_cards_read_back() {
        let mut poll = PollRec {
            id: 1,
            question: "Q?".into(),
            answers: vec!["a".into(), "b".into()],
            multiple: false,
            quiz: true,
            public: true,
            closed: false,
            correct: Some(1),
            votes: vec![Vote { user: 2, options: vec![0], date: 5 }],
            me: 1,
        };
        let enums::MessageMedia::Poll(read) = round_trip(poll_media(&poll)) else { panic!("not a poll") };
        let enums::PollResults::Results(r) = &read.results;
        assert_eq!(r.total_voters, Some(1));
        let correct = |r: &types::PollResults| {
            r.results.iter().flatten().any(|enums::PollAnswerVoters::Voters(v)| v.correct)
        };
        assert!(!correct(r), "a quiz's answer stays hidden until you vote");
        poll.votes.push(Vote { user: 1, options: vec![1], date: 6 });
        let enums::MessageMedia::Poll(read) = round_trip(poll_media(&poll)) else { panic!("not a poll") };
        let enums::PollResults::Results(r) = &read.results;
        assert!(correct(r));

        let live = Card::Live {
            lat: 1.0,
            long: 2.0,
            accuracy: Some(5),
            heading: Some(90),
            period: 900,
            proximity: None,
        };
        assert!(matches!(round_trip(card_media(&live)), enums::MessageMedia::GeoLive(_)));

        let mut m = MsgRec::new(7, PeerKey::User(2), Some(PeerKey::User(2)), false, 1, String::new());
        m.reactions.push(("👍".into(), 2));
        m.reacted.by.push(Reactor {
            peer: PeerKey::User(1),
            emoji: "👍".into(),
            date: 1,
            unread: false,
            mine: true,
        });
        m.reacted.paid.push(PaidReactor { peer: PeerKey::User(1), stars: 3, anonymous: true, mine: true });
        let rendered = with_reactors(&m, None).expect("paid reactions alone are reactions");
        let bytes = rendered.to_bytes();
        let enums::MessageReactions::Reactions(read) = enums::MessageReactions::from_bytes(&bytes).unwrap();
        assert_eq!(read.results.len(), 1, "only the paid count: the emoji counts come from the base");
        assert_eq!(read.top_reactors.map(|t| t.len()), Some(1));
    }
}
