//! Handlers about peers and dialogs: users, chats, channels, contacts, dialogs, forum topics
//! and the update state.

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::{input_channel, input_peer, input_user};
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{DialogRec, Failure, PeerKey, World};

type Answer = Result<Vec<u8>, Failure>;

/// `updates.state`: the common box's pts, no qts or seq (the sandbox keeps neither), now.
pub(super) fn state(w: &World, now: i32) -> enums::updates::State {
    let unread: i32 = w.dialogs.values().map(|d| w.unread_count(d)).sum();
    enums::updates::State::State(types::updates::State {
        pts: w.pts,
        qts: 0,
        date: now,
        seq: 0,
        unread_count: unread,
    })
}

pub(super) fn get_users(w: &World, req: f::users::GetUsers) -> Answer {
    let users: Vec<enums::User> = req
        .id
        .iter()
        .filter_map(|u| input_user(w, u).ok())
        .filter_map(|id| w.users.get(&id))
        .map(|u| conv::user(w, u))
        .collect();
    Ok(users.to_bytes())
}

pub(super) fn get_full_user(w: &World, req: f::users::GetFullUser) -> Answer {
    let id = input_user(w, &req.id)?;
    let user = &w.users[&id];
    let common = w.chats.values().filter(|c| c.members.contains(&id)).count()
        + w.channels.values().filter(|c| c.members.contains(&id)).count();
    let photo = w.profile_photo(id).map(|p| conv::photo(p));
    let full = conv::user_full(user, common as i32, photo);
    let mut full = conv::contacts::decorate_full(w, id, full);
    super::business::add_to_full_user(w, id, &mut full);
    let mut peers = Peers::default();
    peers.add(PeerKey::User(id));
    let (users, chats) = peers.build(w);
    let answer = types::users::UserFull { full_user: full, chats, users };
    Ok(enums::users::UserFull::Full(answer).to_bytes())
}

pub(super) fn get_full_chat(w: &World, req: f::messages::GetFullChat) -> Answer {
    let chat = w.chats.get(&req.chat_id).ok_or_else(|| Failure::bad("CHAT_ID_INVALID"))?;
    let mut full = conv::chat_full(chat);
    super::business::add_to_chat_full(w, &mut full);
    let mut peers = Peers::default();
    peers.add(PeerKey::Chat(chat.id));
    chat.members.iter().for_each(|id| peers.add(PeerKey::User(*id)));
    Ok(full_answer(w, full, peers))
}

pub(super) fn get_full_channel(w: &World, req: f::channels::GetFullChannel) -> Answer {
    let key = input_channel(w, &req.channel)?;
    let PeerKey::Channel(id) = key else { return Err(Failure::bad("CHANNEL_INVALID")) };
    let channel = &w.channels[&id];
    let dialog = w.dialog(key)?;
    let mut full = conv::channel_full(w, channel, dialog);
    super::business::add_to_chat_full(w, &mut full);
    let mut peers = Peers::default();
    peers.add(key);
    Ok(full_answer(w, full, peers))
}

fn full_answer(w: &World, full: enums::ChatFull, peers: Peers) -> Vec<u8> {
    let (users, chats) = peers.build(w);
    enums::messages::ChatFull::Full(types::messages::ChatFull { full_chat: full, chats, users }).to_bytes()
}

pub(super) fn get_chats(w: &World, req: f::messages::GetChats) -> Answer {
    let chats = req.id.iter().filter_map(|id| w.chats.get(id)).map(|c| conv::admin::chat(w, c)).collect();
    Ok(enums::messages::Chats::Chats(types::messages::Chats { chats }).to_bytes())
}

pub(super) fn get_channels(w: &World, req: f::channels::GetChannels) -> Answer {
    let mut chats = Vec::new();
    for channel in &req.id {
        if let PeerKey::Channel(id) = input_channel(w, channel)? {
            chats.push(conv::admin::channel(w, &w.channels[&id]));
        }
    }
    Ok(enums::messages::Chats::Chats(types::messages::Chats { chats }).to_bytes())
}

pub(super) fn contacts_search(w: &World, req: f::contacts::Search) -> Answer {
    if req.q.trim().is_empty() {
        return Err(Failure::bad("SEARCH_QUERY_EMPTY"));
    }
    let found = w.search_peers(&req.q, req.limit.clamp(1, 100) as usize);
    let is_contact = |p: &PeerKey| matches!(p, PeerKey::User(id) if w.users[id].contact);
    let (mine, others): (Vec<PeerKey>, Vec<PeerKey>) = found.iter().partition(|p| is_contact(p));
    let mut peers = Peers::default();
    found.iter().for_each(|p| peers.add(*p));
    let (users, chats) = peers.build(w);
    let answer = types::contacts::Found {
        my_results: mine.into_iter().map(conv::peer).collect(),
        results: others.into_iter().map(conv::peer).collect(),
        chats,
        users,
    };
    Ok(enums::contacts::Found::Found(answer).to_bytes())
}

pub(super) fn resolve_username(w: &World, req: f::contacts::ResolveUsername) -> Answer {
    let name = req.username.trim_start_matches('@');
    let valid = (4..=32).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid {
        return Err(Failure::bad("USERNAME_INVALID"));
    }
    let peer = w.resolve_username(name).ok_or_else(|| Failure::bad("USERNAME_NOT_OCCUPIED"))?;
    let mut peers = Peers::default();
    peers.add(peer);
    let (users, chats) = peers.build(w);
    let answer = types::contacts::ResolvedPeer { peer: conv::peer(peer), chats, users };
    Ok(enums::contacts::ResolvedPeer::Peer(answer).to_bytes())
}

pub(super) fn get_dialogs(w: &World, req: f::messages::GetDialogs) -> Answer {
    // Without a folder id, every dialog; with one, that list's (0 main, 1 archive).
    let in_folder = |d: &&DialogRec| req.folder_id.is_none_or(|f| w.folders.folder_of(d.peer) == f);
    let all: Vec<_> = w
        .ordered_dialogs()
        .into_iter()
        .filter(in_folder)
        .filter(|d| !(req.exclude_pinned && d.pinned))
        .collect();
    let after_peer = input_peer(w, &req.offset_peer).ok().and_then(|p| all.iter().position(|d| d.peer == p));
    let start = match after_peer {
        Some(i) => i + 1,
        None if req.offset_date > 0 => all
            .iter()
            .position(|d| {
                d.messages
                    .values()
                    .next_back()
                    .is_some_and(|m| (m.date, m.id) < (req.offset_date, req.offset_id.max(1)))
            })
            .unwrap_or(all.len()),
        None => 0,
    };
    let page: Vec<_> = all.iter().skip(start).take(req.limit.clamp(1, 100) as usize).copied().collect();
    Ok(dialogs_answer(w, &page, all.len()))
}

type DialogParts = (Vec<enums::Dialog>, Vec<enums::Message>, Vec<enums::User>, Vec<enums::Chat>);

/// Dialogs with their top messages and every peer those name.
fn dialog_parts(w: &World, page: &[&DialogRec]) -> DialogParts {
    let mut peers = Peers::default();
    let mut messages = Vec::new();
    for d in page {
        peers.add(d.peer);
        if let Some(top) = d.messages.values().next_back() {
            peers.add_message(top);
            messages.push(conv::message(top));
        }
    }
    let dialogs = page.iter().map(|d| conv::dialog(w, d)).collect();
    let (users, chats) = peers.build(w);
    (dialogs, messages, users, chats)
}

fn dialogs_answer(w: &World, page: &[&DialogRec], total: usize) -> Vec<u8> {
    let (dialogs, messages, users, chats) = dialog_parts(w, page);
    if total > page.len() {
        let slice = types::messages::DialogsSlice { count: total as i32, dialogs, messages, chats, users };
        enums::messages::Dialogs::Slice(slice).to_bytes()
    } else {
        enums::messages::Dialogs::Dialogs(types::messages::Dialogs { dialogs, messages, chats, users })
            .to_bytes()
    }
}

pub(super) fn get_peer_dialogs(w: &World, req: f::messages::GetPeerDialogs, now: i32) -> Answer {
    let mut page = Vec::new();
    for p in &req.peers {
        let enums::InputDialogPeer::Peer(p) = p else { return Err(Failure::bad("PEER_ID_INVALID")) };
        page.push(w.dialog(input_peer(w, &p.peer)?)?);
    }
    let (dialogs, messages, users, chats) = dialog_parts(w, &page);
    let answer = types::messages::PeerDialogs { dialogs, messages, chats, users, state: state(w, now) };
    Ok(enums::messages::PeerDialogs::Dialogs(answer).to_bytes())
}

pub(super) fn get_forum_topics(w: &World, req: f::messages::GetForumTopics) -> Answer {
    let key = input_peer(w, &req.peer)?;
    let channel = match key {
        PeerKey::Channel(id) if w.channels[&id].forum => &w.channels[&id],
        _ => return Err(Failure::bad("CHANNEL_FORUM_MISSING")),
    };
    let q = req.q.unwrap_or_default().to_lowercase();
    let matching: Vec<_> = channel.topics.iter().filter(|t| t.title.to_lowercase().contains(&q)).collect();
    let page: Vec<_> = matching
        .iter()
        .filter(|t| req.offset_topic <= 0 || t.id > req.offset_topic)
        .take(req.limit.clamp(1, 100) as usize)
        .collect();
    let topics: Vec<enums::ForumTopic> = page.iter().map(|t| conv::topic(w, channel, t)).collect();
    let mut peers = Peers::default();
    peers.add(key);
    let mut messages = Vec::new();
    for t in &topics {
        let enums::ForumTopic::Topic(t) = t else { continue };
        if let Some(m) = w.message(key, t.top_message) {
            peers.add_message(m);
            messages.push(conv::message(m));
        }
    }
    let (users, chats) = peers.build(w);
    let answer = types::messages::ForumTopics {
        order_by_create_date: false,
        count: matching.len() as i32,
        topics,
        messages,
        chats,
        users,
        pts: channel.pts,
    };
    Ok(enums::messages::ForumTopics::Topics(answer).to_bytes())
}
