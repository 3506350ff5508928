//! Poll RPCs: a new poll (from `messages.sendMedia`), votes with live tallies, results, the
//! voters of public polls, and closing a poll (`messages.editMessage` with the poll closed).

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::{Answer, is_broadcast, located, updates_answer};
use crate::sandbox::rpc::input_peer;
use crate::sandbox::world::reactions::{PollRec, Vote};
use crate::sandbox::world::tl::Peers;
use crate::sandbox::world::tl::reactions::{option, poll, poll_results};
use crate::sandbox::world::{Failure, MediaRec, MsgRec, PeerKey, World};

/// Most answers a poll may have.
const MAX_ANSWERS: usize = 10;

/// Checks an `inputMediaPoll` as Telegram does and numbers the new poll.
pub(super) fn new_poll(w: &mut World, peer: PeerKey, m: &types::InputMediaPoll) -> Result<PollRec, Failure> {
    let enums::Poll::Poll(p) = &m.poll;
    let question = text(&p.question);
    if question.trim().is_empty() || question.chars().count() > 255 {
        return Err(Failure::bad("POLL_QUESTION_INVALID"));
    }
    let answers: Vec<String> = p
        .answers
        .iter()
        .map(|a| match a {
            enums::PollAnswer::Answer(a) => text(&a.text),
            enums::PollAnswer::InputPollAnswer(a) => text(&a.text),
        })
        .collect();
    if !(2..=MAX_ANSWERS).contains(&answers.len()) {
        return Err(Failure::bad("POLL_ANSWERS_INVALID"));
    }
    if answers.iter().any(|a| a.trim().is_empty() || a.chars().count() > 100) {
        return Err(Failure::bad("POLL_ANSWER_INVALID"));
    }
    if answers.iter().enumerate().any(|(i, a)| answers[..i].contains(a)) {
        return Err(Failure::bad("POLL_OPTION_DUPLICATE"));
    }
    if p.public_voters && is_broadcast(w, peer) {
        return Err(Failure::bad("BROADCAST_PUBLIC_VOTERS_FORBIDDEN"));
    }
    if p.quiz && p.multiple_choice {
        return Err(Failure::bad("QUIZ_MULTIPLE_INVALID"));
    }
    let correct = match (p.quiz, m.correct_answers.as_deref()) {
        (false, _) => None,
        (true, None | Some([])) => return Err(Failure::bad("QUIZ_CORRECT_ANSWERS_EMPTY")),
        (true, Some([one])) => {
            let index = usize::try_from(*one).ok().filter(|i| *i < answers.len());
            Some(index.ok_or_else(|| Failure::bad("QUIZ_CORRECT_ANSWER_INVALID"))?)
        }
        (true, Some(_)) => return Err(Failure::bad("QUIZ_CORRECT_ANSWERS_TOO_MUCH")),
    };
    let id = w.reactions.next_poll_id;
    w.reactions.next_poll_id += 1;
    Ok(PollRec {
        id,
        question,
        answers,
        multiple: p.multiple_choice,
        quiz: p.quiz,
        public: p.public_voters,
        closed: false,
        correct,
        votes: Vec::new(),
        me: w.self_id,
    })
}

pub(super) fn vote(w: &mut World, q: f::messages::SendVote, now: i32) -> Answer {
    let me = w.self_id;
    let (peer, m) = located(w, &q.peer, q.msg_id)?;
    let poll = poll_of(m)?;
    if poll.closed {
        return Err(Failure::bad("MESSAGE_POLL_CLOSED"));
    }
    let mut chosen = Vec::new();
    for bytes in &q.options {
        let i = (0..poll.answers.len())
            .find(|i| option(*i) == *bytes)
            .ok_or_else(|| Failure::bad("OPTION_INVALID"))?;
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    if chosen.len() > 1 && !poll.multiple {
        return Err(Failure::bad("OPTIONS_TOO_MUCH"));
    }
    if poll.quiz && poll.votes.iter().any(|v| v.user == me) {
        return Err(Failure::bad("REVOTE_NOT_ALLOWED"));
    }
    poll.votes.retain(|v| v.user != me);
    if !chosen.is_empty() {
        chosen.sort_unstable();
        poll.votes.push(Vote { user: me, options: chosen, date: now });
    }
    let update = poll_update(peer, q.msg_id, poll);
    Ok(updates_answer(w, vec![update], &[peer], now))
}

pub(super) fn results(w: &mut World, q: f::messages::GetPollResults, now: i32) -> Answer {
    let (peer, m) = located(w, &q.peer, q.msg_id)?;
    let update = poll_update(peer, q.msg_id, poll_of(m)?);
    Ok(updates_answer(w, vec![update], &[peer], now))
}

/// Voters are listed for public polls only, and only to those who voted (or once closed).
pub(super) fn votes(w: &mut World, q: f::messages::GetPollVotes) -> Answer {
    let me = w.self_id;
    let broadcast = is_broadcast(w, input_peer(w, &q.peer)?);
    let (_, m) = located(w, &q.peer, q.id)?;
    let poll = poll_of(m)?.clone();
    if broadcast || !poll.public {
        return Err(Failure::bad("BROADCAST_FORBIDDEN"));
    }
    if !poll.closed && !poll.votes.iter().any(|v| v.user == me) {
        return Err(Failure::new(403, "POLL_VOTE_REQUIRED"));
    }
    let only = match &q.option {
        Some(bytes) => Some(
            (0..poll.answers.len())
                .find(|i| option(*i) == *bytes)
                .ok_or_else(|| Failure::bad("OPTION_INVALID"))?,
        ),
        None => None,
    };
    let all: Vec<&Vote> =
        poll.votes.iter().rev().filter(|v| only.is_none_or(|o| v.options.contains(&o))).collect();
    let start =
        q.offset.as_deref().map_or(Ok(0), str::parse::<usize>).map_err(|_| Failure::bad("OFFSET_INVALID"))?;
    let limit = q.limit.clamp(1, 100) as usize;
    let page: Vec<&Vote> = all.iter().skip(start).take(limit).copied().collect();
    let mut peers = Peers::default();
    let votes = page
        .iter()
        .map(|v| {
            let peer = crate::sandbox::world::tl::peer(PeerKey::User(v.user));
            peers.add(PeerKey::User(v.user));
            match (only, v.options.as_slice()) {
                (Some(o), _) => enums::MessagePeerVote::Vote(types::MessagePeerVote {
                    peer,
                    option: option(o),
                    date: v.date,
                }),
                (None, [one]) => enums::MessagePeerVote::Vote(types::MessagePeerVote {
                    peer,
                    option: option(*one),
                    date: v.date,
                }),
                (None, many) => enums::MessagePeerVote::Multiple(types::MessagePeerVoteMultiple {
                    peer,
                    options: many.iter().map(|o| option(*o)).collect(),
                    date: v.date,
                }),
            }
        })
        .collect();
    let next = start + page.len();
    let (users, chats) = peers.build(w);
    let list = types::messages::VotesList {
        count: all.len() as i32,
        votes,
        chats,
        users,
        next_offset: (next < all.len()).then(|| next.to_string()),
    };
    Ok(enums::messages::VotesList::List(list).to_bytes())
}

/// `messages.editMessage` with `inputMediaPoll` closed: only the poll's author may, once.
pub(crate) fn close(w: &mut World, q: f::messages::EditMessage, now: i32) -> Answer {
    let Some(enums::InputMedia::Poll(input)) = &q.media else { return Err(Failure::bad("MEDIA_INVALID")) };
    let enums::Poll::Poll(wanted) = &input.poll;
    let (peer, m) = located(w, &q.peer, q.id)?;
    let out = m.out;
    let poll = poll_of(m)?;
    if !out {
        return Err(Failure::new(403, "MESSAGE_AUTHOR_REQUIRED"));
    }
    if wanted.id != poll.id {
        return Err(Failure::bad("MEDIA_INVALID"));
    }
    if poll.closed {
        return Err(Failure::bad("MESSAGE_POLL_CLOSED"));
    }
    if !wanted.closed {
        return Err(Failure::bad("MESSAGE_NOT_MODIFIED"));
    }
    poll.closed = true;
    let update = poll_update(peer, q.id, poll);
    Ok(updates_answer(w, vec![update], &[peer], now))
}

fn poll_of(m: &mut MsgRec) -> Result<&mut PollRec, Failure> {
    match &mut m.media {
        Some(MediaRec::Poll(p)) => Ok(p),
        _ => Err(Failure::bad("MESSAGE_ID_INVALID")),
    }
}

fn poll_update(peer: PeerKey, msg_id: i32, p: &PollRec) -> enums::Update {
    enums::Update::MessagePoll(types::UpdateMessagePoll {
        peer: Some(crate::sandbox::world::tl::peer(peer)),
        msg_id: Some(msg_id),
        top_msg_id: None,
        poll_id: p.id,
        poll: Some(poll(p)),
        results: poll_results(p),
    })
}

fn text(t: &enums::TextWithEntities) -> String {
    let enums::TextWithEntities::Entities(t) = t;
    t.text.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HIKE: i64 = 4_100_001;
    const BORIS: i64 = 7_000_002;

    fn closing(id: i32, poll: &PollRec) -> f::messages::EditMessage {
        let closed = PollRec { closed: true, ..poll.clone() };
        f::messages::EditMessage {
            no_webpage: false,
            invert_media: false,
            peer: enums::InputPeer::Chat(types::InputPeerChat { chat_id: HIKE }),
            id,
            message: None,
            media: Some(enums::InputMedia::Poll(Box::new(types::InputMediaPoll {
                poll: crate::sandbox::world::tl::reactions::poll(&closed),
                correct_answers: None,
                attached_media: None,
                solution: None,
                solution_entities: None,
                solution_media: None,
            }))),
            reply_markup: None,
            entities: None,
            schedule_date: None,
            schedule_repeat_period: None,
            quick_reply_shortcut_id: None,
            rich_message: None,
        }
    }

    #[test]
    fn only_the_author_closes_a_poll_and_only_once() {
        let files = crate::sandbox::media::Store::new().unwrap();
        let mut w = World::demo(1_800_000_000, &files).unwrap();
        let poll = PollRec {
            id: 9,
            question: "Когда?".into(),
            answers: vec!["Сб".into(), "Вс".into()],
            multiple: false,
            quiz: false,
            public: true,
            closed: false,
            correct: None,
            votes: Vec::new(),
            me: w.self_id,
        };
        let id = w.next_msg_id;
        w.next_msg_id += 1;
        let peer = PeerKey::Chat(HIKE);
        let mut msg = MsgRec::new(id, peer, Some(PeerKey::User(BORIS)), false, 1, String::new());
        msg.media = Some(MediaRec::Poll(Box::new(poll.clone())));
        w.dialogs.get_mut(&peer).unwrap().messages.insert(id, msg);

        let refused = close(&mut w, closing(id, &poll), 2).unwrap_err();
        assert_eq!((refused.code, refused.name.as_str()), (403, "MESSAGE_AUTHOR_REQUIRED"));
        w.dialogs.get_mut(&peer).unwrap().messages.get_mut(&id).unwrap().out = true;
        let wrong = PollRec { id: 10, ..poll.clone() };
        assert_eq!(close(&mut w, closing(id, &wrong), 2).unwrap_err().name, "MEDIA_INVALID");
        close(&mut w, closing(id, &poll), 2).unwrap();
        assert_eq!(close(&mut w, closing(id, &poll), 2).unwrap_err().name, "MESSAGE_POLL_CLOSED");
    }
}
