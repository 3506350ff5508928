//! Contacts (`contacts.getContacts`, `addContact`) and blocks (`contacts.block`, `unblock`).

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::super::{input_peer, input_user};
use crate::sandbox::world::tl::Peers;
use crate::sandbox::world::{Failure, PeerKey, World};

type Answer = Result<Vec<u8>, Failure>;

/// Every contact, mutual (the sandbox's people all have Alice in theirs).
pub(super) fn contacts(w: &World) -> Vec<u8> {
    let ids: Vec<i64> = w.users.values().filter(|u| u.contact && u.id != w.self_id).map(|u| u.id).collect();
    let mut peers = Peers::default();
    ids.iter().for_each(|id| peers.add(PeerKey::User(*id)));
    let (users, _) = peers.build(w);
    let contacts = ids
        .iter()
        .map(|&user_id| enums::Contact::Contact(types::Contact { user_id, mutual: true }))
        .collect();
    enums::contacts::Contacts::Contacts(types::contacts::Contacts { contacts, saved_count: 0, users })
        .to_bytes()
}

/// Saves a user as a contact under the given name (and phone, if any).
pub(super) fn add(w: &mut World, r: f::contacts::AddContact, now: i32) -> Answer {
    let id = input_user(w, &r.id)?;
    if id == w.self_id {
        return Err(Failure::bad("CONTACT_ID_INVALID"));
    }
    if r.first_name.trim().is_empty() {
        return Err(Failure::bad("FIRSTNAME_INVALID"));
    }
    let phone: String = r.phone.chars().filter(char::is_ascii_digit).collect();
    let user = w.users.get_mut(&id).ok_or_else(|| Failure::bad("CONTACT_ID_INVALID"))?;
    user.contact = true;
    user.first_name = r.first_name.trim().to_owned();
    user.last_name = Some(r.last_name.trim().to_owned()).filter(|l| !l.is_empty());
    if !phone.is_empty() {
        user.phone = Some(phone);
    }
    let mut peers = Peers::default();
    peers.add(PeerKey::User(id));
    let (users, chats) = peers.build(w);
    let updates = types::Updates { updates: Vec::new(), users, chats, date: now, seq: 0 };
    Ok(enums::Updates::Updates(updates).to_bytes())
}

/// Blocks or unblocks a user; yourself and chats are not users one can block.
pub(super) fn block(w: &mut World, peer: &enums::InputPeer, blocked: bool) -> Answer {
    let PeerKey::User(id) = input_peer(w, peer)? else { return Err(Failure::bad("CONTACT_ID_INVALID")) };
    if id == w.self_id {
        return Err(Failure::bad("CONTACT_ID_INVALID"));
    }
    if blocked {
        w.contacts.blocked.insert(id);
    } else {
        w.contacts.blocked.remove(&id);
    }
    Ok(true.to_bytes())
}
