//! Conversion of the world's plain records into layer-230 TL objects. Every object the
//! sandbox sends is built here, so fixture churn from a layer bump stays in this module. The
//! builders keep grammers' panics unreachable: access hashes always set, never `min`, exactly
//! one self user, and every peer a message names shipped alongside it.

use std::collections::BTreeSet;

use grammers_tl_types::{enums, types};

pub(crate) mod admin;
pub(crate) mod contacts;
mod full;
mod media;
mod message;
pub(crate) mod reactions;
mod updates;

pub(crate) use full::{channel_full, chat_full, config, dialog, peer_notify, topic, user_full};
pub(crate) use media::{PHOTO_SIZE, document, message_media, photo, user_profile_photo};
pub(crate) use message::message;
pub(crate) use updates::{add_event_peers, channel_read_outbox, pushed, pushed_entries, update};

use super::{ChannelRec, ChatRec, MsgRec, PeerKey, UserRec, World};

/// Users and chats that must accompany a result so the client can resolve every peer.
#[derive(Default)]
pub(crate) struct Peers {
    set: BTreeSet<PeerKey>,
}

impl Peers {
    pub(crate) fn add(&mut self, peer: PeerKey) {
        self.set.insert(peer);
    }

    /// Adds every peer a message mentions: chat, sender and forward origin.
    pub(crate) fn add_message(&mut self, m: &MsgRec) {
        self.add(m.peer);
        m.from.into_iter().for_each(|p| self.add(p));
        if let Some(fwd) = &m.fwd {
            self.add(fwd.from);
        }
        m.reacted.by.iter().for_each(|r| self.add(r.peer));
    }

    /// The collected peers as TL `users` and `chats` vectors (the self user always included).
    pub(crate) fn build(mut self, world: &World) -> (Vec<enums::User>, Vec<enums::Chat>) {
        self.add(PeerKey::User(world.self_id));
        let mut users = Vec::new();
        let mut chats = Vec::new();
        for peer in self.set {
            match peer {
                PeerKey::User(id) => users.extend(world.users.get(&id).map(|u| user(world, u))),
                PeerKey::Chat(id) => chats.extend(world.chats.get(&id).map(|c| admin::chat(world, c))),
                PeerKey::Channel(id) => {
                    chats.extend(world.channels.get(&id).map(|c| admin::channel(world, c)))
                }
            }
        }
        (users, chats)
    }
}

pub(crate) fn peer(p: PeerKey) -> enums::Peer {
    match p {
        PeerKey::User(user_id) => enums::Peer::User(types::PeerUser { user_id }),
        PeerKey::Chat(chat_id) => enums::Peer::Chat(types::PeerChat { chat_id }),
        PeerKey::Channel(channel_id) => enums::Peer::Channel(types::PeerChannel { channel_id }),
    }
}

pub(crate) fn user(world: &World, u: &UserRec) -> enums::User {
    enums::User::User(types::User {
        is_self: u.id == world.self_id,
        contact: u.contact,
        mutual_contact: u.contact,
        deleted: false,
        bot: u.bot,
        bot_chat_history: false,
        bot_nochats: u.bot,
        verified: false,
        restricted: false,
        min: false,
        bot_inline_geo: false,
        support: false,
        scam: false,
        apply_min_photo: false,
        fake: false,
        bot_attach_menu: false,
        premium: u.id == world.self_id && world.premium,
        attach_menu_enabled: false,
        bot_can_edit: false,
        close_friend: false,
        stories_hidden: false,
        stories_unavailable: true,
        contact_require_premium: false,
        bot_business: false,
        bot_has_main_app: false,
        bot_forum_view: false,
        bot_forum_can_manage_topics: false,
        bot_can_manage_bots: false,
        bot_guestchat: false,
        bot_guard: false,
        id: u.id,
        access_hash: Some(u.access_hash),
        first_name: Some(u.first_name.clone()),
        last_name: u.last_name.clone(),
        username: u.username.clone(),
        phone: u.phone.clone(),
        photo: Some(user_profile_photo(world.profile_photo(u.id).map(|p| &**p))),
        status: Some(enums::UserStatus::Recently(types::UserStatusRecently { by_me: false })),
        bot_info_version: u.bot.then_some(1),
        restriction_reason: None,
        bot_inline_placeholder: None,
        lang_code: None,
        emoji_status: contacts::emoji_status(world, u.id),
        usernames: None,
        stories_max_id: None,
        color: contacts::color(world, u.id, false),
        profile_color: contacts::color(world, u.id, true),
        bot_active_users: None,
        bot_verification_icon: None,
        send_paid_messages_stars: None,
        linked_community_id: None,
    })
}

pub(crate) fn chat(c: &ChatRec) -> enums::Chat {
    enums::Chat::Chat(types::Chat {
        creator: true,
        left: false,
        deactivated: false,
        call_active: false,
        call_not_empty: false,
        noforwards: false,
        id: c.id,
        title: c.title.clone(),
        photo: enums::ChatPhoto::Empty,
        participants_count: c.members.len() as i32,
        date: c.date,
        version: 1,
        migrated_to: None,
        admin_rights: None,
        default_banned_rights: None,
    })
}

pub(crate) fn channel(c: &ChannelRec) -> enums::Chat {
    enums::Chat::Channel(types::Channel {
        creator: true,
        left: false,
        broadcast: c.broadcast,
        verified: false,
        megagroup: !c.broadcast,
        restricted: false,
        signatures: false,
        min: false,
        scam: false,
        has_link: false,
        has_geo: false,
        slowmode_enabled: false,
        call_active: false,
        call_not_empty: false,
        fake: false,
        gigagroup: false,
        noforwards: false,
        join_to_send: false,
        join_request: false,
        forum: c.forum,
        stories_hidden: false,
        stories_hidden_min: false,
        stories_unavailable: true,
        signature_profiles: false,
        autotranslation: false,
        broadcast_messages_allowed: false,
        monoforum: false,
        forum_tabs: false,
        id: c.id,
        access_hash: Some(c.access_hash),
        title: c.title.clone(),
        username: c.username.clone(),
        photo: enums::ChatPhoto::Empty,
        date: c.date,
        restriction_reason: None,
        admin_rights: None,
        banned_rights: None,
        default_banned_rights: None,
        participants_count: Some(c.members.len() as i32),
        usernames: None,
        stories_max_id: None,
        color: None,
        profile_color: None,
        emoji_status: None,
        level: None,
        subscription_until_date: None,
        bot_verification_icon: None,
        send_paid_messages_stars: None,
        linked_monoforum_id: None,
        linked_community_id: None,
    })
}
