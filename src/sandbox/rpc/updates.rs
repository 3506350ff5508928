//! `updates.getDifference` and `updates.getChannelDifference`, answered from the world's update
//! logs: empty when the client is current, the missed events in pts order (sliced at the
//! client's limit), or "too long" when the client is older than the log. `updates.getState`
//! lives with the peers (`peers::state`), as it also feeds `messages.getPeerDialogs`.

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::input_channel;
use super::peers::state;
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{Entry, Event, Failure, PeerKey, Since, World};

type Answer = Result<Vec<u8>, Failure>;

/// `pts_limit` when the client sets none, as Telegram documents.
const DEFAULT_PTS_LIMIT: i32 = 100;
/// The channel difference `limit` when the client sends 0 or less.
const DEFAULT_CHANNEL_LIMIT: i32 = 100;
/// Seconds a client should wait before polling a channel again.
const CHANNEL_TIMEOUT: i32 = 30;

pub(super) fn difference(w: &World, req: f::updates::GetDifference, now: i32) -> Answer {
    let empty = || enums::updates::Difference::Empty(types::updates::DifferenceEmpty { date: now, seq: 0 });
    let too_long = || enums::updates::Difference::TooLong(types::updates::DifferenceTooLong { pts: w.pts });
    if req.pts_total_limit.is_some_and(|total| w.pts - req.pts > total) {
        return Ok(too_long().to_bytes());
    }
    let limit = limit_of(req.pts_limit.unwrap_or(DEFAULT_PTS_LIMIT), DEFAULT_PTS_LIMIT);
    let channels = channels_changed_since(w, req.date);
    let since = match w.log.since(req.pts, w.pts, limit) {
        Since::UpToDate if req.pts == w.pts && !channels.is_empty() => {
            Since::Events { events: Vec::new(), more: false }
        }
        since => since,
    };
    let answer = match since {
        Since::UpToDate => empty(),
        Since::TooLong => too_long(),
        Since::Events { events, more } => {
            let Replay { new_messages, mut other_updates, users, chats } = replay(w, &events);
            other_updates.extend(channels);
            let mut reached = state(w, now);
            if more {
                let enums::updates::State::State(s) = &mut reached;
                s.pts = events.last().map_or(req.pts, |e| e.pts);
                let slice = types::updates::DifferenceSlice {
                    new_messages,
                    new_encrypted_messages: Vec::new(),
                    other_updates,
                    chats,
                    users,
                    intermediate_state: reached,
                };
                enums::updates::Difference::Slice(slice)
            } else {
                enums::updates::Difference::Difference(types::updates::Difference {
                    new_messages,
                    new_encrypted_messages: Vec::new(),
                    other_updates,
                    chats,
                    users,
                    state: reached,
                })
            }
        }
    };
    Ok(answer.to_bytes())
}

pub(super) fn channel_difference(w: &World, req: f::updates::GetChannelDifference) -> Answer {
    let PeerKey::Channel(id) = input_channel(w, &req.channel)? else {
        return Err(Failure::bad("CHANNEL_INVALID"));
    };
    let channel = &w.channels[&id];
    if !channel.members.contains(&w.self_id) {
        return Err(Failure::bad("CHANNEL_PRIVATE"));
    }
    let limit = limit_of(req.limit, DEFAULT_CHANNEL_LIMIT);
    let since =
        w.log_of(PeerKey::Channel(id)).map_or(Since::TooLong, |log| log.since(req.pts, channel.pts, limit));
    let answer = match since {
        Since::UpToDate => enums::updates::ChannelDifference::Empty(types::updates::ChannelDifferenceEmpty {
            r#final: true,
            pts: channel.pts,
            timeout: Some(CHANNEL_TIMEOUT),
        }),
        Since::TooLong => channel_too_long(w, PeerKey::Channel(id), limit)?,
        Since::Events { events, more } => {
            let Replay { new_messages, other_updates, users, chats } = replay(w, &events);
            enums::updates::ChannelDifference::Difference(types::updates::ChannelDifference {
                r#final: !more,
                pts: events.last().map_or(req.pts, |e| e.pts),
                timeout: Some(CHANNEL_TIMEOUT),
                new_messages,
                other_updates,
                chats,
                users,
            })
        }
    };
    Ok(answer.to_bytes())
}

/// The channel's dialog (with its current pts) and its newest `limit` messages.
fn channel_too_long(
    w: &World,
    key: PeerKey,
    limit: usize,
) -> Result<enums::updates::ChannelDifference, Failure> {
    let dialog = w.dialog(key)?;
    let mut peers = Peers::default();
    peers.add(key);
    let recent: Vec<_> = dialog.messages.values().rev().take(limit).collect();
    recent.iter().for_each(|m| peers.add_message(m));
    let messages = recent.iter().map(|m| conv::message(m)).collect();
    let (users, chats) = peers.build(w);
    let too_long = types::updates::ChannelDifferenceTooLong {
        r#final: true,
        timeout: Some(CHANNEL_TIMEOUT),
        dialog: conv::dialog(w, dialog),
        messages,
        chats,
        users,
    };
    Ok(enums::updates::ChannelDifference::TooLong(too_long))
}

/// Logged events as a difference carries them: new messages apart, everything else as updates.
struct Replay {
    new_messages: Vec<enums::Message>,
    other_updates: Vec<enums::Update>,
    users: Vec<enums::User>,
    chats: Vec<enums::Chat>,
}

fn replay(w: &World, events: &[&Entry]) -> Replay {
    let mut peers = Peers::default();
    let mut new_messages = Vec::new();
    let mut other_updates = Vec::new();
    for e in events {
        conv::add_event_peers(&mut peers, &e.event);
        match &e.event {
            Event::New(m) => new_messages.push(conv::message(m)),
            _ => other_updates.push(conv::update(e)),
        }
    }
    let (users, chats) = peers.build(w);
    Replay { new_messages, other_updates, users, chats }
}

/// `updateChannelTooLong` (without pts) for every channel with events at `date` or later: a
/// client that tracks the channel then asks for its difference from the pts it knows, so a
/// reconnect loses no channel message; one that does not track it ignores the hint.
fn channels_changed_since(w: &World, date: i32) -> Vec<enums::Update> {
    let changed = w.channel_logs.iter().filter(|(_, log)| log.changed_since(date));
    changed
        .map(|(id, _)| {
            enums::Update::ChannelTooLong(types::UpdateChannelTooLong { channel_id: *id, pts: None })
        })
        .collect()
}

fn limit_of(asked: i32, default: i32) -> usize {
    let limit = if asked <= 0 { default } else { asked };
    usize::try_from(limit).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use grammers_tl_types::Deserializable;

    use super::*;
    use crate::sandbox::media::Store;

    const BORIS: i64 = 7_000_002;
    const FORUM: i64 = 1_500_000_001;

    fn now() -> i32 {
        crate::sandbox::state::now_secs() as i32
    }

    fn ask(w: &World, pts: i32, pts_limit: Option<i32>, date: i32) -> enums::updates::Difference {
        let req = f::updates::GetDifference {
            pts,
            pts_limit,
            pts_total_limit: None,
            date,
            qts: 0,
            qts_limit: None,
        };
        enums::updates::Difference::from_bytes(&difference(w, req, date).unwrap()).unwrap()
    }

    #[test]
    fn difference_slices_at_the_pts_limit_and_names_changed_channels() {
        let files = Store::new().unwrap();
        // The log dates events by the wall clock.
        let at = now();
        let mut w = World::demo(at, &files).unwrap();
        let start = w.pts;
        for n in 0..3 {
            w.receive(PeerKey::User(BORIS), None, &format!("m{n}"), at).unwrap();
        }
        let enums::updates::Difference::Slice(slice) = ask(&w, start, Some(2), at) else { panic!("a slice") };
        let enums::updates::State::State(mid) = &slice.intermediate_state;
        assert_eq!((slice.new_messages.len(), mid.pts), (2, start + 2));
        let enums::updates::Difference::Difference(rest) = ask(&w, mid.pts, Some(2), at) else {
            panic!("the rest")
        };
        assert_eq!(rest.new_messages.len(), 1);
        assert!(matches!(ask(&w, w.pts, None, at), enums::updates::Difference::Empty(_)));

        let member = w.channels[&FORUM].members[1];
        w.receive(PeerKey::Channel(FORUM), Some(member), "в канале", at).unwrap();
        let enums::updates::Difference::Difference(d) = ask(&w, w.pts, None, at) else {
            panic!("a channel event makes a difference even when the common box is current")
        };
        assert!(matches!(&d.other_updates[..], [enums::Update::ChannelTooLong(c)] if c.channel_id == FORUM));
        assert!(matches!(ask(&w, w.pts, None, at + 60), enums::updates::Difference::Empty(_)));
        assert!(matches!(ask(&w, start - 1, None, at), enums::updates::Difference::TooLong(_)));
    }
}
