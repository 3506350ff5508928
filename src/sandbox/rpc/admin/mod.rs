//! RPCs of the `admin` tools: members and roles, creating, joining and leaving, inviting,
//! banning and promoting, titles, descriptions and photos, default rights, slow mode, the
//! channel toggles, join requests and the admin log. Every change is live (the next read sees
//! it) and logged for `channels.getAdminLog`; misuse gets Telegram's error names
//! (`CHAT_ADMIN_REQUIRED`, `USER_NOT_PARTICIPANT`, `USER_ADMIN_INVALID`, `CHANNEL_INVALID` for
//! the wrong kind of channel, `CHAT_ID_INVALID` for a basic group that does not exist, …).

mod members;
mod rights;
mod settings;

use grammers_tl_types::{Identifiable, enums, functions as f, types};

pub(super) use settings::{edit_channel_photo, edit_chat_photo};

use super::{Call, input_channel, input_peer, input_user, parse};
use crate::sandbox::world::admin::{ADMIN_RIGHTS, Part, bit};
use crate::sandbox::world::tl::Peers;
use crate::sandbox::world::{ChannelRec, ChatRec, Failure, PeerKey, World};

type Answer = Result<Vec<u8>, Failure>;

/// Answers the call if it is one of this family's methods.
pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Answer> {
    let b = &call.body;
    let answer = match call.method {
        f::channels::GetParticipants::CONSTRUCTOR_ID => parse(b).and_then(|r| members::participants(w, r)),
        f::channels::GetParticipant::CONSTRUCTOR_ID => parse(b).and_then(|r| members::participant(w, r)),
        f::messages::CreateChat::CONSTRUCTOR_ID => parse(b).and_then(|r| members::create_chat(w, r, now)),
        f::channels::CreateChannel::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| members::create_channel(w, r, now))
        }
        f::channels::JoinChannel::CONSTRUCTOR_ID => parse(b).and_then(|r| members::join(w, r, now)),
        f::messages::ImportChatInvite::CONSTRUCTOR_ID => parse(b).and_then(|r| members::import(w, r, now)),
        f::channels::LeaveChannel::CONSTRUCTOR_ID => parse(b).and_then(|r| members::leave(w, r, now)),
        f::channels::InviteToChannel::CONSTRUCTOR_ID => parse(b).and_then(|r| members::invite(w, r, now)),
        f::messages::AddChatUser::CONSTRUCTOR_ID => parse(b).and_then(|r| members::add_chat_user(w, r)),
        f::messages::DeleteChatUser::CONSTRUCTOR_ID => parse(b).and_then(|r| members::delete_chat_user(w, r)),
        f::channels::EditBanned::CONSTRUCTOR_ID => parse(b).and_then(|r| rights::edit_banned(w, r, now)),
        f::channels::EditAdmin::CONSTRUCTOR_ID => parse(b).and_then(|r| rights::edit_admin(w, r, now)),
        f::messages::EditChatDefaultBannedRights::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| rights::default_rights(w, r, now))
        }
        f::messages::HideChatJoinRequest::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| rights::hide_request(w, r, now))
        }
        f::channels::EditTitle::CONSTRUCTOR_ID => parse(b).and_then(|r| settings::edit_title(w, r, now)),
        f::messages::EditChatTitle::CONSTRUCTOR_ID => parse(b).and_then(|r| settings::edit_chat_title(w, r)),
        f::messages::EditChatAbout::CONSTRUCTOR_ID => parse(b).and_then(|r| settings::edit_about(w, r, now)),
        f::channels::ToggleSlowMode::CONSTRUCTOR_ID => parse(b).and_then(|r| settings::slow_mode(w, r, now)),
        f::channels::ToggleSignatures::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| settings::signatures(w, r, now))
        }
        f::channels::ToggleAntiSpam::CONSTRUCTOR_ID => parse(b).and_then(|r| settings::anti_spam(w, r, now)),
        f::channels::ToggleForum::CONSTRUCTOR_ID => parse(b).and_then(|r| settings::forum(w, r, now)),
        f::channels::TogglePreHistoryHidden::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| settings::prehistory(w, r, now))
        }
        f::channels::GetAdminLog::CONSTRUCTOR_ID => parse(b).and_then(|r| settings::admin_log(w, r)),
        _ => return None,
    };
    Some(answer)
}

/// A channel by its input form.
fn channel_id(w: &World, c: &enums::InputChannel) -> Result<i64, Failure> {
    match input_channel(w, c)? {
        PeerKey::Channel(id) => Ok(id),
        _ => Err(Failure::bad("CHANNEL_INVALID")),
    }
}

/// A supergroup (not a broadcast channel) by its input form.
fn megagroup(w: &World, c: &enums::InputChannel) -> Result<i64, Failure> {
    let id = channel_id(w, c)?;
    if w.channels[&id].broadcast {
        return Err(Failure::bad("CHANNEL_INVALID"));
    }
    Ok(id)
}

/// A basic group by id.
fn basic_group(w: &World, id: i64) -> Result<&ChatRec, Failure> {
    w.chats.get(&id).ok_or_else(|| Failure::bad("CHAT_ID_INVALID"))
}

/// A user named by an `InputPeer` (banning and promoting take users only).
fn user_peer(w: &World, p: &enums::InputPeer) -> Result<i64, Failure> {
    match input_peer(w, p)? {
        PeerKey::User(id) => Ok(id),
        _ => Err(Failure::bad("PARTICIPANT_ID_INVALID")),
    }
}

/// The admin rights `user` holds in a channel (all of them for its creator).
fn rights_of(w: &World, channel: &ChannelRec, user: i64) -> u32 {
    match w.part(channel, user) {
        Part::Creator { .. } => crate::sandbox::world::tl::admin::all_admin_bits(),
        Part::Admin { rights, .. } => rights,
        _ => 0,
    }
}

/// `CHAT_ADMIN_REQUIRED` unless the account holds `right` in the channel.
fn require(w: &World, channel: i64, right: &str) -> Result<(), Failure> {
    let channel = &w.channels[&channel];
    if rights_of(w, channel, w.self_id) & bit(&ADMIN_RIGHTS, right) == 0 {
        return Err(Failure::bad("CHAT_ADMIN_REQUIRED"));
    }
    Ok(())
}

/// `Updates` carrying nothing but the changed chat (and these users), as Telegram answers a
/// change of chat settings.
fn chat_updates(w: &World, peer: PeerKey, users: &[i64], now: i32) -> enums::Updates {
    let mut peers = Peers::default();
    peers.add(peer);
    users.iter().for_each(|u| peers.add(PeerKey::User(*u)));
    let (users, chats) = peers.build(w);
    // No pts moves, so nothing for the update receiver: the chats tell the new state.
    enums::Updates::Updates(types::Updates { updates: Vec::new(), users, chats, date: now, seq: 0 })
}

/// The users a list of `InputUser`s names, each checked.
fn users(w: &World, list: &[enums::InputUser]) -> Result<Vec<i64>, Failure> {
    list.iter().map(|u| input_user(w, u)).collect()
}
