//! RPCs of the `reactions` tools: Reactions (send, list, unread, defaults, paid), polls (create, vote, results, voters, close), and contact, dice, location and venue messages.
//!
//! `react` answers the reaction methods, `polls` the poll methods, `cards` the
//! `messages.sendMedia` kinds that carry no file (polls, contacts, dice, locations, venues):
//! `media::send_media` hands those over, and `messages::edit` hands over a poll's closing.

mod cards;
mod polls;
mod react;

use grammers_tl_types::{Identifiable, Serializable, enums, functions as f, types};

use super::{Call, input_peer, parse};
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{Failure, MsgRec, PeerKey, World};

pub(crate) use cards::{owns_media, send_media};
pub(crate) use polls::close as close_poll;
pub(crate) use react::config;

type Answer = Result<Vec<u8>, Failure>;

/// Answers the call if it is one of this family's methods.
pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Result<Vec<u8>, Failure>> {
    let b = &call.body;
    let answer = match call.method {
        f::messages::SendReaction::CONSTRUCTOR_ID => parse(b).and_then(|r| react::send(w, r, now)),
        f::messages::GetMessagesReactions::CONSTRUCTOR_ID => parse(b).and_then(|r| react::get(w, r, now)),
        f::messages::GetMessageReactionsList::CONSTRUCTOR_ID => parse(b).and_then(|r| react::list(w, r)),
        f::messages::SetChatAvailableReactions::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| react::set_available(w, r, now))
        }
        f::messages::SetDefaultReaction::CONSTRUCTOR_ID => parse(b).and_then(|r| react::set_default(w, r)),
        f::messages::GetTopReactions::CONSTRUCTOR_ID => parse(b).and_then(|r| react::top(w, r)),
        f::messages::GetRecentReactions::CONSTRUCTOR_ID => parse(b).and_then(|r| react::recent(w, r)),
        f::messages::SendPaidReaction::CONSTRUCTOR_ID => parse(b).and_then(|r| react::send_paid(w, r, now)),
        f::messages::TogglePaidReactionPrivacy::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| react::toggle_paid_privacy(w, r))
        }
        f::messages::GetPaidReactionPrivacy::CONSTRUCTOR_ID => Ok(react::paid_privacy(w, now)),
        f::messages::GetUnreadReactions::CONSTRUCTOR_ID => parse(b).and_then(|r| react::unread(w, r)),
        f::messages::ReadReactions::CONSTRUCTOR_ID => parse(b).and_then(|r| react::read(w, r)),
        f::messages::SendVote::CONSTRUCTOR_ID => parse(b).and_then(|r| polls::vote(w, r, now)),
        f::messages::GetPollResults::CONSTRUCTOR_ID => parse(b).and_then(|r| polls::results(w, r, now)),
        f::messages::GetPollVotes::CONSTRUCTOR_ID => parse(b).and_then(|r| polls::votes(w, r)),
        _ => return None,
    };
    Some(answer)
}

/// A message of a chat, or `MESSAGE_ID_INVALID`.
fn message_mut(w: &mut World, peer: PeerKey, id: i32) -> Result<&mut MsgRec, Failure> {
    let dialog = w.dialogs.get_mut(&peer).ok_or_else(|| Failure::bad("PEER_ID_INVALID"))?;
    dialog.messages.get_mut(&id).ok_or_else(|| Failure::bad("MESSAGE_ID_INVALID"))
}

/// The peer and message an `InputPeer` and id name.
fn located<'w>(
    w: &'w mut World,
    peer: &enums::InputPeer,
    id: i32,
) -> Result<(PeerKey, &'w mut MsgRec), Failure> {
    let key = input_peer(w, peer)?;
    Ok((key, message_mut(w, key, id)?))
}

fn is_broadcast(w: &World, peer: PeerKey) -> bool {
    matches!(peer, PeerKey::Channel(id) if w.channels.get(&id).is_some_and(|c| c.broadcast))
}

/// `updates` carrying the given updates and every peer the messages and extra peers name.
fn updates_answer(w: &World, list: Vec<enums::Update>, named: &[PeerKey], now: i32) -> Vec<u8> {
    let mut peers = Peers::default();
    named.iter().for_each(|p| peers.add(*p));
    let (users, chats) = peers.build(w);
    enums::Updates::Updates(types::Updates { updates: list, users, chats, date: now, seq: 0 }).to_bytes()
}

/// A list of messages in Telegram's shape for the peer (`channelMessages` for channels).
fn messages_answer(w: &World, peer: PeerKey, page: &[&MsgRec], count: usize) -> Vec<u8> {
    let mut peers = Peers::default();
    peers.add(peer);
    page.iter().for_each(|m| peers.add_message(m));
    let messages = page.iter().map(|m| conv::message(m)).collect();
    let (users, chats) = peers.build(w);
    let answer = match peer {
        PeerKey::Channel(id) => {
            enums::messages::Messages::ChannelMessages(types::messages::ChannelMessages {
                inexact: false,
                pts: w.channels.get(&id).map_or(0, |c| c.pts),
                count: count as i32,
                offset_id_offset: None,
                messages,
                topics: Vec::new(),
                chats,
                users,
            })
        }
        _ => enums::messages::Messages::Slice(types::messages::MessagesSlice {
            inexact: false,
            count: count as i32,
            next_rate: None,
            offset_id_offset: None,
            search_flood: None,
            messages,
            topics: Vec::new(),
            chats,
            users,
        }),
    };
    answer.to_bytes()
}
