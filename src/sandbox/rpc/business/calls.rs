//! Group calls (`phone.getGroupCall`, `phone.getGroupParticipants`; a chat's full info names
//! its call) and quick-reply shortcuts (`messages.getQuickReplies`, `getQuickReplyMessages`).

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::super::input_peer;
use super::Answer;
use crate::sandbox::world::business::{CallRec, ParticipantRec, ShortcutRec};
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{Failure, PeerKey, World};

pub(super) fn group_call(w: &World, r: f::phone::GetGroupCall) -> Answer {
    let call = find(w, &r.call)?;
    let limit = r.limit.clamp(0, 100) as usize;
    let (page, next) = page(call, (&[], &[]), "", limit)?;
    let mut peers = Peers::default();
    peers.add(call.chat);
    page.iter().for_each(|p| peers.add(PeerKey::User(p.user)));
    let participants = page.iter().map(|p| participant(w, call, p)).collect();
    let (users, chats) = peers.build(w);
    let answer = types::phone::GroupCall {
        call: render(call),
        participants,
        participants_next_offset: next,
        chats,
        users,
    };
    Ok(enums::phone::GroupCall::Call(answer).to_bytes())
}

pub(super) fn participants(w: &World, r: f::phone::GetGroupParticipants) -> Answer {
    let call = find(w, &r.call)?;
    let ids = r.ids.iter().map(|p| input_peer(w, p)).collect::<Result<Vec<_>, _>>()?;
    let limit = r.limit.clamp(1, 100) as usize;
    let (page, next) = page(call, (&ids, &r.sources), &r.offset, limit)?;
    let mut peers = Peers::default();
    page.iter().for_each(|p| peers.add(PeerKey::User(p.user)));
    let participants = page.iter().map(|p| participant(w, call, p)).collect();
    let (users, chats) = peers.build(w);
    let answer = types::phone::GroupParticipants {
        count: call.participants.len() as i32,
        participants,
        next_offset: next,
        chats,
        users,
        version: 1,
    };
    Ok(enums::phone::GroupParticipants::Participants(answer).to_bytes())
}

pub(super) fn quick_replies(w: &World, _r: f::messages::GetQuickReplies) -> Answer {
    let shortcuts = &w.business.shortcuts;
    let quick_replies = shortcuts
        .iter()
        .map(|s| {
            enums::QuickReply::Reply(types::QuickReply {
                shortcut_id: s.id,
                shortcut: s.shortcut.clone(),
                top_message: s.messages.last().map_or(0, |m| m.id),
                count: s.messages.len() as i32,
            })
        })
        .collect();
    let messages = shortcuts.iter().filter_map(|s| s.messages.last().map(|m| message(s, m))).collect();
    let (users, chats) = Peers::default().build(w);
    let answer = types::messages::QuickReplies { quick_replies, messages, chats, users };
    Ok(enums::messages::QuickReplies::Replies(answer).to_bytes())
}

pub(super) fn quick_reply_messages(w: &World, r: f::messages::GetQuickReplyMessages) -> Answer {
    let shortcut = w.business.shortcuts.iter().find(|s| s.id == r.shortcut_id);
    let shortcut = shortcut.ok_or_else(|| Failure::bad("SHORTCUT_INVALID"))?;
    let wanted = |id: i32| r.id.as_ref().is_none_or(|ids| ids.contains(&id));
    // Newest first, like a history.
    let messages =
        shortcut.messages.iter().rev().filter(|m| wanted(m.id)).map(|m| message(shortcut, m)).collect();
    let (users, chats) = Peers::default().build(w);
    let answer = types::messages::Messages { messages, topics: Vec::new(), chats, users };
    Ok(enums::messages::Messages::Messages(answer).to_bytes())
}

/// Names the chat's group call in its full info.
pub(super) fn add_to_chat_full(w: &World, full: &mut enums::ChatFull) {
    let (key, slot) = match full {
        enums::ChatFull::Full(c) => (PeerKey::Chat(c.id), &mut c.call),
        enums::ChatFull::ChannelFull(c) => (PeerKey::Channel(c.id), &mut c.call),
        _ => return,
    };
    if let Some(call) = w.business.calls.iter().find(|c| c.chat == key) {
        let input = types::InputGroupCall { id: call.id, access_hash: call.access_hash };
        *slot = Some(enums::InputGroupCall::Call(input));
    }
}

/// A call you can see: its chat's members only.
fn find<'w>(w: &'w World, input: &enums::InputGroupCall) -> Result<&'w CallRec, Failure> {
    let enums::InputGroupCall::Call(c) = input else { return Err(Failure::bad("GROUPCALL_INVALID")) };
    let call = w.business.calls.iter().find(|x| x.id == c.id && x.access_hash == c.access_hash);
    let call = call.ok_or_else(|| Failure::bad("GROUPCALL_INVALID"))?;
    let member = match call.chat {
        PeerKey::Chat(id) => w.chats.get(&id).is_some_and(|c| c.members.contains(&w.self_id)),
        PeerKey::Channel(id) => w.channels.get(&id).is_some_and(|c| c.members.contains(&w.self_id)),
        PeerKey::User(_) => false,
    };
    if !member {
        return Err(Failure::new(403, "GROUPCALL_FORBIDDEN"));
    }
    Ok(call)
}

type Page<'c> = (Vec<&'c ParticipantRec>, String);

/// Participants by join date from a string offset (`""` at the end), optionally only those
/// with the given peers or audio sources.
fn page<'c>(
    call: &'c CallRec,
    only: (&[PeerKey], &[i32]),
    offset: &str,
    limit: usize,
) -> Result<Page<'c>, Failure> {
    let start = match offset {
        "" => 0,
        raw => raw.parse::<usize>().map_err(|_| Failure::bad("OFFSET_INVALID"))?,
    };
    let (ids, sources) = only;
    let picked = |p: &ParticipantRec| {
        let any = ids.is_empty() && sources.is_empty();
        any || ids.contains(&PeerKey::User(p.user)) || sources.contains(&source(call, p))
    };
    let chosen: Vec<&ParticipantRec> = call.participants.iter().filter(|p| picked(p)).collect();
    let page: Vec<&ParticipantRec> = chosen.iter().skip(start).take(limit).copied().collect();
    let end = start + page.len();
    Ok((page, if end < chosen.len() { end.to_string() } else { String::new() }))
}

fn render(c: &CallRec) -> enums::GroupCall {
    enums::GroupCall::Call(types::GroupCall {
        join_muted: false,
        can_change_join_muted: true,
        join_date_asc: true,
        schedule_start_subscribed: false,
        can_start_video: true,
        record_video_active: false,
        rtmp_stream: false,
        listeners_hidden: false,
        conference: false,
        creator: false,
        messages_enabled: false,
        can_change_messages_enabled: false,
        min: false,
        id: c.id,
        access_hash: c.access_hash,
        participants_count: c.participants.len() as i32,
        title: c.title.clone(),
        stream_dc_id: None,
        record_start_date: None,
        schedule_date: None,
        unmuted_video_count: Some(c.participants.iter().filter(|p| p.video).count() as i32),
        unmuted_video_limit: 30,
        version: 1,
        invite_link: None,
        send_paid_messages_stars: None,
        default_send_as: None,
    })
}

fn participant(w: &World, call: &CallRec, p: &ParticipantRec) -> enums::GroupCallParticipant {
    let source = source(call, p);
    let video = p.video.then(|| {
        enums::GroupCallParticipantVideo::Video(types::GroupCallParticipantVideo {
            paused: false,
            endpoint: format!("endpoint-{}", p.user),
            source_groups: Vec::new(),
            audio_source: None,
        })
    });
    enums::GroupCallParticipant::Participant(types::GroupCallParticipant {
        muted: p.muted,
        left: false,
        can_self_unmute: true,
        just_joined: false,
        versioned: false,
        min: false,
        muted_by_you: false,
        volume_by_admin: false,
        is_self: p.user == w.self_id,
        video_joined: p.video,
        peer: conv::peer(PeerKey::User(p.user)),
        date: p.date,
        active_date: Some(p.date),
        source,
        volume: None,
        about: None,
        raise_hand_rating: p.raised_hand.then_some(i64::from(p.date)),
        video,
        presentation: None,
        paid_stars_total: None,
    })
}

/// A participant's audio source id (SSRC).
fn source(call: &CallRec, p: &ParticipantRec) -> i32 {
    1_000 + call.participants.iter().position(|x| x.user == p.user).unwrap_or(0) as i32
}

fn message(s: &ShortcutRec, m: &crate::sandbox::world::MsgRec) -> enums::Message {
    let mut rendered = conv::message(m);
    if let enums::Message::Message(msg) = &mut rendered {
        msg.quick_reply_shortcut_id = Some(s.id);
    }
    rendered
}
