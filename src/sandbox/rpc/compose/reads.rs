//! Reads of the `compose` tools: unread mentions (and marking them read), who read a group
//! message, when a private chat read yours, discussion threads of channel posts, groups that
//! can be discussion groups, and Saved Messages dialogs.

use grammers_tl_types::{Identifiable, Serializable, enums, functions as f, types};

use super::super::{Call, input_channel, input_peer, parse};
use super::Answer;
use crate::sandbox::rpc::messages::chat_messages_answer as messages_answer;
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{Failure, MsgRec, Paging, PeerKey, World};

pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Answer> {
    let b = &call.body;
    let answer = match call.method {
        f::messages::GetUnreadMentions::CONSTRUCTOR_ID => parse(b).and_then(|r| unread_mentions(w, r)),
        f::messages::ReadMentions::CONSTRUCTOR_ID => parse(b).and_then(|r| read_mentions(w, r)),
        f::messages::ReadMessageContents::CONSTRUCTOR_ID => parse(b).and_then(|r| read_contents(w, r)),
        f::channels::ReadMessageContents::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| read_channel_contents(w, r))
        }
        f::messages::GetMessageReadParticipants::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| read_participants(w, r, now))
        }
        f::messages::GetOutboxReadDate::CONSTRUCTOR_ID => parse(b).and_then(|r| outbox_read_date(w, r, now)),
        f::messages::GetDiscussionMessage::CONSTRUCTOR_ID => parse(b).and_then(|r| discussion(w, r)),
        f::channels::GetGroupsForDiscussion::CONSTRUCTOR_ID => Ok(groups_for_discussion(w)),
        f::messages::GetSavedDialogs::CONSTRUCTOR_ID => parse(b).and_then(|r| saved_dialogs(w, r)),
        _ => return None,
    };
    Some(answer)
}

fn unread_mentions(w: &World, r: f::messages::GetUnreadMentions) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    let all: Vec<&MsgRec> = w
        .unread_mentions(peer)?
        .into_iter()
        .filter(|m| r.top_msg_id.is_none_or(|top| m.top_id == Some(top)))
        .collect();
    let paging = Paging {
        offset_id: r.offset_id,
        offset_date: 0,
        add_offset: r.add_offset,
        limit: r.limit,
        max_id: r.max_id,
        min_id: r.min_id,
    };
    Ok(messages_answer(w, peer, &paging.apply(&all), all.len()))
}

/// Marks the chat's mentions read (all topics: the sandbox keeps one mark per chat).
fn read_mentions(w: &mut World, r: f::messages::ReadMentions) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    w.read_mentions(peer)?;
    let answer = types::messages::AffectedHistory { pts: w.pts_of(peer), pts_count: 0, offset: 0 };
    Ok(enums::messages::AffectedHistory::History(answer).to_bytes())
}

/// Marks single messages' mentions read in the private chats and basic groups.
fn read_contents(w: &mut World, r: f::messages::ReadMessageContents) -> Answer {
    w.read_contents(None, &r.id)?;
    let pts = w.pts_of(PeerKey::User(w.self_id));
    Ok(enums::messages::AffectedMessages::Messages(types::messages::AffectedMessages { pts, pts_count: 0 })
        .to_bytes())
}

/// Marks single messages' mentions read in a channel or supergroup.
fn read_channel_contents(w: &mut World, r: f::channels::ReadMessageContents) -> Answer {
    let PeerKey::Channel(id) = input_channel(w, &r.channel)? else {
        return Err(Failure::bad("CHANNEL_INVALID"));
    };
    w.read_contents(Some(id), &r.id)?;
    Ok(true.to_bytes())
}

fn read_participants(w: &World, r: f::messages::GetMessageReadParticipants, now: i32) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    let readers = w.read_participants(peer, r.msg_id, now)?;
    let list: Vec<enums::ReadParticipantDate> = readers
        .into_iter()
        .map(|(user_id, date)| enums::ReadParticipantDate::Date(types::ReadParticipantDate { user_id, date }))
        .collect();
    Ok(list.to_bytes())
}

fn outbox_read_date(w: &World, r: f::messages::GetOutboxReadDate, now: i32) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    let date = w.outbox_read_date(peer, r.msg_id, now)?;
    Ok(enums::OutboxReadDate::Date(types::OutboxReadDate { date }).to_bytes())
}

/// The thread of a channel post (its copy in the linked group) or of a supergroup message.
fn discussion(w: &World, r: f::messages::GetDiscussionMessage) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    let (group, root) = match peer {
        PeerKey::Channel(id) if w.channels[&id].broadcast => {
            w.message(peer, r.msg_id).ok_or_else(|| Failure::bad("MSG_ID_INVALID"))?;
            let group = w.discussion_group(id).ok_or_else(|| Failure::bad("CHANNEL_INVALID"))?;
            let root =
                w.compose.threads.get(&(id, r.msg_id)).ok_or_else(|| Failure::bad("MSG_ID_INVALID"))?;
            (PeerKey::Channel(group), *root)
        }
        PeerKey::Channel(_) => (peer, r.msg_id),
        _ => return Err(Failure::bad("PEER_ID_INVALID")),
    };
    let dialog = w.dialog(group)?;
    let root_msg = dialog.messages.get(&root).ok_or_else(|| Failure::bad("MSG_ID_INVALID"))?;
    let replies = w.replies(group, root)?;
    let read = dialog.read_inbox_max_id;
    let unread = replies.iter().filter(|m| !m.out && m.id > read).count();
    let mut peers = Peers::default();
    peers.add(peer);
    peers.add_message(root_msg);
    let (users, chats) = peers.build(w);
    let answer = types::messages::DiscussionMessage {
        messages: vec![conv::message(root_msg)],
        max_id: replies.first().map(|m| m.id),
        read_inbox_max_id: Some(read),
        read_outbox_max_id: Some(dialog.read_outbox_max_id),
        unread_count: unread as i32,
        chats,
        users,
    };
    Ok(enums::messages::DiscussionMessage::Message(answer).to_bytes())
}

fn groups_for_discussion(w: &World) -> Vec<u8> {
    let mut chats = Vec::new();
    for peer in w.dialogs.keys().copied().filter(|p| w.can_discuss_in(*p)) {
        match peer {
            PeerKey::Chat(id) => chats.push(conv::chat(&w.chats[&id])),
            PeerKey::Channel(id) => chats.push(conv::channel(&w.channels[&id])),
            PeerKey::User(_) => {}
        }
    }
    enums::messages::Chats::Chats(types::messages::Chats { chats }).to_bytes()
}

/// Saved Messages grouped by origin, newest first, paged by (date, id) of the top message.
fn saved_dialogs(w: &World, r: f::messages::GetSavedDialogs) -> Answer {
    if r.parent_peer.is_some() {
        return Err(Failure::bad("PARENT_PEER_INVALID"));
    }
    let all = w.saved_dialogs();
    let older = |m: &MsgRec| r.offset_date <= 0 || (m.date, m.id) < (r.offset_date, r.offset_id);
    let limit = r.limit.clamp(1, 100) as usize;
    let page: Vec<&(PeerKey, &MsgRec)> = all.iter().filter(|(_, m)| older(m)).take(limit).collect();
    let mut peers = Peers::default();
    for (origin, m) in &page {
        peers.add(*origin);
        peers.add_message(m);
    }
    let dialogs = page
        .iter()
        .map(|(origin, m)| {
            enums::SavedDialog::Dialog(types::SavedDialog {
                pinned: false,
                peer: conv::peer(*origin),
                top_message: m.id,
            })
        })
        .collect();
    let messages = page.iter().map(|(_, m)| conv::message(m)).collect();
    let (users, chats) = peers.build(w);
    let answer = if page.len() < all.len() {
        let count = all.len() as i32;
        enums::messages::SavedDialogs::Slice(types::messages::SavedDialogsSlice {
            count,
            dialogs,
            messages,
            chats,
            users,
        })
    } else {
        enums::messages::SavedDialogs::Dialogs(types::messages::SavedDialogs {
            dialogs,
            messages,
            chats,
            users,
        })
    };
    Ok(answer.to_bytes())
}
