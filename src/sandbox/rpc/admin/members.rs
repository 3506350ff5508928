//! Members: listing participants and one participant's standing, creating groups and
//! channels, joining (by channel or invite hash), leaving, inviting, and a basic group's
//! `addChatUser`/`deleteChatUser`.

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::{Answer, basic_group, channel_id, chat_updates, require, rights_of, user_peer, users};
use crate::sandbox::world::admin::{ADMIN_RIGHTS, Action, BANNED_RIGHTS, Part, bit};
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{ChannelRec, ChatRec, DialogRec, Failure, Log, PeerKey, TopicRec, World};

/// Most participants per `channels.getParticipants` page, as on Telegram.
const MAX_PARTICIPANTS: i32 = 200;
/// Longest chat title Telegram accepts.
pub(super) const MAX_TITLE: usize = 128;

pub(super) fn participants(w: &World, r: f::channels::GetParticipants) -> Answer {
    use enums::ChannelParticipantsFilter as F;
    let id = channel_id(w, &r.channel)?;
    let channel = &w.channels[&id];
    let me = w.part(channel, w.self_id);
    if matches!(me, Part::Left | Part::Banned { .. }) {
        return Err(Failure::bad("CHANNEL_PRIVATE"));
    }
    // A broadcast channel's subscribers are shown to its admins only.
    if channel.broadcast && rights_of(w, channel, w.self_id) == 0 {
        return Err(Failure::bad("CHAT_ADMIN_REQUIRED"));
    }
    let state = w.admin.channels.get(&id);
    let banned = state.map(|s| s.parts.iter().filter(|(_, p)| matches!(p, Part::Banned { .. })));
    let banned: Vec<i64> = banned.into_iter().flatten().map(|(u, _)| *u).collect();
    let name_has = |u: &i64, q: &str| {
        let q = q.to_lowercase();
        let user = w.users.get(u);
        w.title_of(PeerKey::User(*u)).to_lowercase().contains(&q)
            || user.and_then(|u| u.username.as_deref()).is_some_and(|n| n.to_lowercase().contains(&q))
    };
    let chosen: Vec<i64> = match &r.filter {
        F::ChannelParticipantsAdmins => channel
            .members
            .iter()
            .filter(|u| matches!(w.part(channel, **u), Part::Creator { .. } | Part::Admin { .. }))
            .copied()
            .collect(),
        F::ChannelParticipantsKicked(k) => banned.into_iter().filter(|u| name_has(u, &k.q)).collect(),
        F::ChannelParticipantsBanned(b) => channel
            .members
            .iter()
            .filter(|u| matches!(w.part(channel, **u), Part::Restricted { .. }) && name_has(u, &b.q))
            .copied()
            .collect(),
        F::ChannelParticipantsBots => {
            channel.members.iter().filter(|u| w.users.get(u).is_some_and(|u| u.bot)).copied().collect()
        }
        F::ChannelParticipantsSearch(s) => {
            channel.members.iter().filter(|u| name_has(u, &s.q)).copied().collect()
        }
        F::ChannelParticipantsContacts(c) => channel
            .members
            .iter()
            .filter(|u| w.users.get(u).is_some_and(|x| x.contact) && name_has(u, &c.q))
            .copied()
            .collect(),
        F::ChannelParticipantsRecent | F::ChannelParticipantsMentions(_) => channel.members.clone(),
    };
    let offset = r.offset.max(0) as usize;
    let page: Vec<i64> =
        chosen.iter().skip(offset).take(r.limit.clamp(0, MAX_PARTICIPANTS) as usize).copied().collect();
    let creator = w.creator_of(id);
    let participants =
        page.iter().map(|u| conv::admin::participant(&w.part(channel, *u), *u, w.self_id, creator));
    let participants: Vec<enums::ChannelParticipant> = participants.collect();
    let mut peers = Peers::default();
    page.iter().for_each(|u| peers.add(PeerKey::User(*u)));
    let (users, chats) = peers.build(w);
    let answer =
        types::channels::ChannelParticipants { count: chosen.len() as i32, participants, chats, users };
    Ok(enums::channels::ChannelParticipants::Participants(answer).to_bytes())
}

pub(super) fn participant(w: &World, r: f::channels::GetParticipant) -> Answer {
    let id = channel_id(w, &r.channel)?;
    let user = user_peer(w, &r.participant)?;
    let channel = &w.channels[&id];
    let part = w.part(channel, user);
    if part == Part::Left {
        return Err(Failure::bad("USER_NOT_PARTICIPANT"));
    }
    let participant = conv::admin::participant(&part, user, w.self_id, w.creator_of(id));
    let mut peers = Peers::default();
    peers.add(PeerKey::Channel(id));
    peers.add(PeerKey::User(user));
    let (users, chats) = peers.build(w);
    let answer = types::channels::ChannelParticipant { participant, chats, users };
    Ok(enums::channels::ChannelParticipant::Participant(answer).to_bytes())
}

pub(super) fn create_chat(w: &mut World, r: f::messages::CreateChat, now: i32) -> Answer {
    let title = checked_title(&r.title)?;
    let mut members = vec![w.self_id];
    let mut missing = Vec::new();
    for user in users(w, &r.users)? {
        if w.admin.no_invites.contains(&user) {
            missing.push(user);
        } else if !members.contains(&user) {
            members.push(user);
        }
    }
    if members.len() < 2 && missing.is_empty() {
        return Err(Failure::bad("USERS_TOO_FEW"));
    }
    let id = w.chats.keys().next_back().map_or(4_100_001, |last| last + 1);
    let chat = ChatRec { id, title, about: String::new(), creator: w.self_id, members, date: now };
    w.chats.insert(id, chat);
    open_dialog(w, PeerKey::Chat(id));
    let updates = chat_updates(w, PeerKey::Chat(id), &[], now);
    Ok(invited(updates, &missing))
}

pub(super) fn create_channel(w: &mut World, r: f::channels::CreateChannel, now: i32) -> Answer {
    let title = checked_title(&r.title)?;
    if r.broadcast == r.megagroup {
        return Err(Failure::bad("CHANNEL_INVALID"));
    }
    if r.forum && r.broadcast {
        return Err(Failure::bad("CHANNEL_INVALID"));
    }
    let id = w.channels.keys().next_back().map_or(1_500_000_001, |last| last + 1);
    let access_hash = (id as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(17) as i64;
    let topics = if r.forum { vec![general_topic(now)] } else { Vec::new() };
    let channel = ChannelRec {
        id,
        access_hash,
        title,
        about: r.about,
        username: None,
        broadcast: r.broadcast,
        forum: r.forum,
        members: vec![w.self_id],
        topics,
        date: now,
        pts: 1,
        next_msg_id: 1,
    };
    w.channels.insert(id, channel);
    w.channel_logs.insert(id, Log::new(1));
    w.admin.channel(id).creator = Some(w.self_id);
    open_dialog(w, PeerKey::Channel(id));
    Ok(chat_updates(w, PeerKey::Channel(id), &[], now).to_bytes())
}

/// The "General" topic every forum has.
pub(super) fn general_topic(date: i32) -> TopicRec {
    TopicRec {
        id: 1,
        title: "General".to_owned(),
        icon_color: 0x6fb9f0,
        date,
        closed: false,
        hidden: false,
        icon_emoji_id: None,
    }
}

pub(super) fn join(w: &mut World, r: f::channels::JoinChannel, now: i32) -> Answer {
    let id = channel_id(w, &r.channel)?;
    // Without a public username only an invite link lets anyone in.
    if w.channels[&id].username.is_none() && !w.admin.left.contains_key(&PeerKey::Channel(id)) {
        return Err(Failure::bad("CHANNEL_PRIVATE"));
    }
    enter_channel(w, id, now)?;
    Ok(join_result(chat_updates(w, PeerKey::Channel(id), &[], now)))
}

pub(super) fn import(w: &mut World, r: f::messages::ImportChatInvite, now: i32) -> Answer {
    let peer = *w.admin.invites.get(r.hash.trim()).ok_or_else(|| Failure::bad("INVITE_HASH_INVALID"))?;
    match peer {
        PeerKey::Channel(id) => enter_channel(w, id, now)?,
        PeerKey::Chat(id) => {
            let me = w.self_id;
            let chat = w.chats.get_mut(&id).ok_or_else(|| Failure::bad("INVITE_HASH_EXPIRED"))?;
            if chat.members.contains(&me) {
                return Err(Failure::bad("USER_ALREADY_PARTICIPANT"));
            }
            chat.members.push(me);
            open_dialog(w, peer);
        }
        PeerKey::User(_) => return Err(Failure::bad("INVITE_HASH_INVALID")),
    }
    Ok(join_result(chat_updates(w, peer, &[], now)))
}

/// The account joins a channel: refused when banned or already in.
fn enter_channel(w: &mut World, id: i64, now: i32) -> Result<(), Failure> {
    match w.part(&w.channels[&id], w.self_id) {
        Part::Left => {}
        Part::Banned { .. } => return Err(Failure::bad("CHANNEL_PRIVATE")),
        _ => return Err(Failure::bad("USER_ALREADY_PARTICIPANT")),
    }
    let me = w.self_id;
    let channel = w.channels.get_mut(&id).expect("resolved above");
    channel.members.push(me);
    let state = w.admin.channel(id);
    state.parts.insert(me, Part::Member { date: now });
    state.requests.retain(|(u, _)| *u != me);
    w.admin.log(id, me, now, Action::Join);
    open_dialog(w, PeerKey::Channel(id));
    Ok(())
}

pub(super) fn leave(w: &mut World, r: f::channels::LeaveChannel, now: i32) -> Answer {
    let id = channel_id(w, &r.channel)?;
    let me = w.self_id;
    if matches!(w.part(&w.channels[&id], me), Part::Left | Part::Banned { .. }) {
        return Err(Failure::bad("USER_NOT_PARTICIPANT"));
    }
    w.channels.get_mut(&id).expect("resolved above").members.retain(|u| *u != me);
    w.admin.channel(id).parts.remove(&me);
    w.admin.log(id, me, now, Action::Leave);
    close_dialog(w, PeerKey::Channel(id));
    Ok(chat_updates(w, PeerKey::Channel(id), &[], now).to_bytes())
}

pub(super) fn invite(w: &mut World, r: f::channels::InviteToChannel, now: i32) -> Answer {
    let id = channel_id(w, &r.channel)?;
    let channel = &w.channels[&id];
    let me = w.self_id;
    if matches!(w.part(channel, me), Part::Left | Part::Banned { .. }) {
        return Err(Failure::bad("CHANNEL_PRIVATE"));
    }
    let members_may = !channel.broadcast
        && w.admin
            .channels
            .get(&id)
            .is_none_or(|s| s.default_banned & bit(&BANNED_RIGHTS, "invite_users") == 0)
        && !matches!(w.part(channel, me), Part::Restricted { rights, .. } if rights & bit(&BANNED_RIGHTS, "invite_users") != 0);
    if !members_may {
        require(w, id, "invite_users")?;
    }
    let can_ban = rights_of(w, channel, me) & bit(&ADMIN_RIGHTS, "ban_users") != 0;
    let (mut added, mut missing) = (Vec::new(), Vec::new());
    for user in users(w, &r.users)? {
        if w.admin.no_invites.contains(&user) && w.part(&w.channels[&id], user) == Part::Left {
            missing.push(user);
            continue;
        }
        match w.part(&w.channels[&id], user) {
            Part::Left => {}
            Part::Banned { .. } if can_ban => {
                w.admin.channel(id).parts.remove(&user);
            }
            Part::Banned { .. } => return Err(Failure::bad("USER_KICKED")),
            _ => continue,
        }
        w.channels.get_mut(&id).expect("resolved above").members.push(user);
        w.admin.channel(id).parts.insert(user, Part::Member { date: now });
        w.admin.log(id, me, now, Action::Invite { user });
        added.push(user);
    }
    if added.is_empty() && missing.is_empty() {
        return Err(Failure::bad("USER_ALREADY_PARTICIPANT"));
    }
    Ok(invited(chat_updates(w, PeerKey::Channel(id), &added, now), &missing))
}

pub(super) fn add_chat_user(w: &mut World, r: f::messages::AddChatUser) -> Answer {
    let now = crate::sandbox::state::now_secs() as i32;
    let user = super::input_user(w, &r.user_id)?;
    let chat = basic_group(w, r.chat_id)?;
    let me = w.self_id;
    if !chat.members.contains(&me) {
        return Err(Failure::bad("CHAT_ID_INVALID"));
    }
    let defaults = w.admin.chat_defaults.get(&chat.id).copied().unwrap_or(0);
    if chat.creator != me && defaults & bit(&BANNED_RIGHTS, "invite_users") != 0 {
        return Err(Failure::bad("CHAT_ADMIN_REQUIRED"));
    }
    if chat.members.contains(&user) {
        return Err(Failure::bad("USER_ALREADY_PARTICIPANT"));
    }
    if w.admin.no_invites.contains(&user) {
        return Ok(invited(chat_updates(w, PeerKey::Chat(r.chat_id), &[], now), &[user]));
    }
    w.chats.get_mut(&r.chat_id).expect("resolved above").members.push(user);
    Ok(invited(chat_updates(w, PeerKey::Chat(r.chat_id), &[user], now), &[]))
}

pub(super) fn delete_chat_user(w: &mut World, r: f::messages::DeleteChatUser) -> Answer {
    let now = crate::sandbox::state::now_secs() as i32;
    let user = super::input_user(w, &r.user_id)?;
    let chat = basic_group(w, r.chat_id)?;
    let me = w.self_id;
    if !chat.members.contains(&user) {
        return Err(Failure::bad("USER_NOT_PARTICIPANT"));
    }
    if user != me && chat.creator != me {
        return Err(Failure::bad("CHAT_ADMIN_REQUIRED"));
    }
    w.chats.get_mut(&r.chat_id).expect("resolved above").members.retain(|u| *u != user);
    let answer = chat_updates(w, PeerKey::Chat(r.chat_id), &[user], now).to_bytes();
    if user == me {
        close_dialog(w, PeerKey::Chat(r.chat_id));
    }
    Ok(answer)
}

fn checked_title(title: &str) -> Result<String, Failure> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Failure::bad("CHAT_TITLE_EMPTY"));
    }
    if title.chars().count() > MAX_TITLE {
        return Err(Failure::bad("CHAT_TITLE_INVALID"));
    }
    Ok(title.to_owned())
}

/// Puts a chat into the dialog list: the one kept from when the account left, or a new one.
fn open_dialog(w: &mut World, peer: PeerKey) {
    if w.dialogs.contains_key(&peer) {
        return;
    }
    let dialog = w.admin.left.remove(&peer).unwrap_or(DialogRec {
        peer,
        messages: Default::default(),
        read_inbox_max_id: 0,
        read_outbox_max_id: 0,
        pinned: false,
    });
    w.dialogs.insert(peer, dialog);
}

/// Takes a chat the account left out of the dialog list, keeping its history for a rejoin.
fn close_dialog(w: &mut World, peer: PeerKey) {
    if let Some(dialog) = w.dialogs.remove(&peer) {
        w.admin.left.insert(peer, dialog);
    }
}

/// `messages.invitedUsers`; `missing` are the users whose privacy kept them out.
fn invited(updates: enums::Updates, missing: &[i64]) -> Vec<u8> {
    let missing_invitees = missing
        .iter()
        .map(|&user_id| {
            enums::MissingInvitee::Invitee(types::MissingInvitee {
                premium_would_allow_invite: false,
                premium_required_for_pm: false,
                user_id,
            })
        })
        .collect();
    let answer = types::messages::InvitedUsers { updates, missing_invitees };
    enums::messages::InvitedUsers::Users(answer).to_bytes()
}

fn join_result(updates: enums::Updates) -> Vec<u8> {
    enums::messages::ChatInviteJoinResult::Ok(types::messages::ChatInviteJoinResultOk { updates }).to_bytes()
}
