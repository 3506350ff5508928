//! Rights: banning, restricting and unbanning (`channels.editBanned`), promoting and demoting
//! (`channels.editAdmin`), a chat's default rights, and answering join requests.

use grammers_tl_types::{Serializable, functions as f};

use super::{Answer, basic_group, channel_id, chat_updates, require, rights_of, user_peer};
use crate::sandbox::world::admin::{Action, BANNED_RIGHTS, Part, bit};
use crate::sandbox::world::tl::admin::{admin_bits, banned_bits};
use crate::sandbox::world::{Failure, PeerKey, World};

/// Longest custom admin title.
const MAX_RANK: usize = 16;

pub(super) fn edit_banned(w: &mut World, r: f::channels::EditBanned, now: i32) -> Answer {
    let id = channel_id(w, &r.channel)?;
    let user = user_peer(w, &r.participant)?;
    require(w, id, "ban_users")?;
    let me = w.self_id;
    if user == me {
        return Err(Failure::bad("USER_ID_INVALID"));
    }
    let channel = &w.channels[&id];
    let prev = w.part(channel, user);
    check_outranks(w, id, &prev)?;
    let (rights, until) = banned_bits(&r.banned_rights);
    let member = channel.members.contains(&user);
    let new = if rights & bit(&BANNED_RIGHTS, "view_messages") != 0 {
        Part::Banned { rights, until, by: me, date: now }
    } else if rights == 0 {
        if member { Part::Member { date: now } } else { Part::Left }
    } else if member {
        Part::Restricted { rights, until, by: me, date: now }
    } else {
        return Err(Failure::bad("USER_NOT_PARTICIPANT"));
    };
    let state = w.admin.channel(id);
    match &new {
        Part::Member { .. } | Part::Left => state.parts.remove(&user),
        part => state.parts.insert(user, part.clone()),
    };
    if matches!(new, Part::Banned { .. }) {
        w.channels.get_mut(&id).expect("resolved above").members.retain(|u| *u != user);
    }
    if prev != new {
        w.admin.log(id, me, now, Action::Ban { user, prev, new });
    }
    Ok(chat_updates(w, PeerKey::Channel(id), &[user], now).to_bytes())
}

pub(super) fn edit_admin(w: &mut World, r: f::channels::EditAdmin, now: i32) -> Answer {
    let id = channel_id(w, &r.channel)?;
    let user = super::input_user(w, &r.user_id)?;
    require(w, id, "add_admins")?;
    let me = w.self_id;
    let channel = &w.channels[&id];
    let prev = w.part(channel, user);
    match &prev {
        Part::Creator { .. } => return Err(Failure::bad("USER_CREATOR")),
        Part::Left | Part::Banned { .. } => return Err(Failure::bad("USER_NOT_PARTICIPANT")),
        _ => {}
    }
    check_outranks(w, id, &prev)?;
    let rights = admin_bits(&r.admin_rights);
    // Only the creator grants rights it does not hold itself.
    if rights & !rights_of(w, channel, me) != 0 {
        return Err(Failure::bad("RIGHT_FORBIDDEN"));
    }
    let rank = r.rank.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    if rank.as_ref().is_some_and(|t| t.chars().count() > MAX_RANK) {
        return Err(Failure::bad("ADMIN_RANK_INVALID"));
    }
    let new = if rights == 0 {
        Part::Member { date: now }
    } else {
        let date = match &prev {
            Part::Admin { date, .. } => *date,
            _ => now,
        };
        Part::Admin { rights, rank, promoted_by: me, date }
    };
    let state = w.admin.channel(id);
    match &new {
        Part::Member { .. } => state.parts.remove(&user),
        part => state.parts.insert(user, part.clone()),
    };
    if prev != new {
        w.admin.log(id, me, now, Action::Promote { user, prev, new });
    }
    Ok(chat_updates(w, PeerKey::Channel(id), &[user], now).to_bytes())
}

/// `USER_ADMIN_INVALID` when the target is an admin the account did not promote (and the
/// account is not the creator), or the creator.
fn check_outranks(w: &World, channel: i64, target: &Part) -> Result<(), Failure> {
    let me = w.self_id;
    let creator = w.creator_of(channel) == me;
    match target {
        Part::Creator { .. } => Err(Failure::bad("USER_ADMIN_INVALID")),
        Part::Admin { promoted_by, .. } if !creator && *promoted_by != me => {
            Err(Failure::bad("USER_ADMIN_INVALID"))
        }
        _ => Ok(()),
    }
}

pub(super) fn default_rights(w: &mut World, r: f::messages::EditChatDefaultBannedRights, now: i32) -> Answer {
    let peer = super::input_peer(w, &r.peer)?;
    let (rights, _) = banned_bits(&r.banned_rights);
    // Members always see the chat: defaults restrict what they may do in it.
    let rights = rights & !bit(&BANNED_RIGHTS, "view_messages");
    let me = w.self_id;
    let prev = match peer {
        PeerKey::Channel(id) => {
            if w.channels[&id].broadcast {
                return Err(Failure::bad("CHANNEL_INVALID"));
            }
            require(w, id, "ban_users")?;
            w.admin.channels.get(&id).map_or(0, |s| s.default_banned)
        }
        PeerKey::Chat(id) => {
            if basic_group(w, id)?.creator != me {
                return Err(Failure::bad("CHAT_ADMIN_REQUIRED"));
            }
            w.admin.chat_defaults.get(&id).copied().unwrap_or(0)
        }
        PeerKey::User(_) => return Err(Failure::bad("PEER_ID_INVALID")),
    };
    if prev == rights {
        return Err(Failure::bad("CHAT_NOT_MODIFIED"));
    }
    match peer {
        PeerKey::Channel(id) => {
            w.admin.channel(id).default_banned = rights;
            w.admin.log(id, me, now, Action::DefaultRights { prev, new: rights });
        }
        PeerKey::Chat(id) => {
            w.admin.chat_defaults.insert(id, rights);
        }
        PeerKey::User(_) => {}
    }
    Ok(chat_updates(w, peer, &[], now).to_bytes())
}

pub(super) fn hide_request(w: &mut World, r: f::messages::HideChatJoinRequest, now: i32) -> Answer {
    let PeerKey::Channel(id) = super::input_peer(w, &r.peer)? else {
        return Err(Failure::bad("HIDE_REQUESTER_MISSING"));
    };
    let user = super::input_user(w, &r.user_id)?;
    require(w, id, "invite_users")?;
    let state = w.admin.channel(id);
    let Some(at) = state.requests.iter().position(|(u, _)| *u == user) else {
        return Err(Failure::bad("HIDE_REQUESTER_MISSING"));
    };
    state.requests.remove(at);
    if r.approved {
        let channel = w.channels.get_mut(&id).expect("resolved above");
        if !channel.members.contains(&user) {
            channel.members.push(user);
        }
        let state = w.admin.channel(id);
        state.parts.insert(user, Part::Member { date: now });
        w.admin.log(id, user, now, Action::JoinByRequest { approved_by: w.self_id });
    }
    Ok(chat_updates(w, PeerKey::Channel(id), &[user], now).to_bytes())
}
