//! TL renderings of the `admin` family's state: rights as `chatAdminRights` /
//! `chatBannedRights` (and back to bit sets), participants as `channelParticipant*`, admin-log
//! events, and chats and channels as the account sees them (creator or not, left, its rights,
//! default rights, slow mode, signatures, photo).

use grammers_tl_types::{enums, types};

use super::super::admin::{ADMIN_RIGHTS, Action, BANNED_RIGHTS, LogEvent, Part, bit};
use super::super::{ChannelRec, ChatRec, PeerKey, World};
use crate::sandbox::session::HOME_DC;

/// A bit set over [`ADMIN_RIGHTS`] as TL.
pub(crate) fn admin_rights(bits: u32) -> enums::ChatAdminRights {
    let has = |name: &str| bits & bit(&ADMIN_RIGHTS, name) != 0;
    enums::ChatAdminRights::Rights(types::ChatAdminRights {
        change_info: has("change_info"),
        post_messages: has("post_messages"),
        edit_messages: has("edit_messages"),
        delete_messages: has("delete_messages"),
        ban_users: has("ban_users"),
        invite_users: has("invite_users"),
        pin_messages: has("pin_messages"),
        add_admins: has("add_admins"),
        anonymous: has("anonymous"),
        manage_call: has("manage_call"),
        other: has("other"),
        manage_topics: has("manage_topics"),
        post_stories: has("post_stories"),
        edit_stories: has("edit_stories"),
        delete_stories: has("delete_stories"),
        manage_direct_messages: false,
        manage_ranks: false,
        manage_linked_peers: false,
        manage_welcome_messages: false,
    })
}

/// TL admin rights as a bit set (rights the sandbox does not know are dropped).
pub(crate) fn admin_bits(rights: &enums::ChatAdminRights) -> u32 {
    let enums::ChatAdminRights::Rights(r) = rights;
    let flags = [
        r.change_info,
        r.post_messages,
        r.edit_messages,
        r.delete_messages,
        r.ban_users,
        r.invite_users,
        r.pin_messages,
        r.add_admins,
        r.anonymous,
        r.manage_call,
        r.other,
        r.manage_topics,
        r.post_stories,
        r.edit_stories,
        r.delete_stories,
    ];
    pack(&flags)
}

/// A bit set over [`BANNED_RIGHTS`] as TL.
pub(crate) fn banned_rights(bits: u32, until_date: i32) -> enums::ChatBannedRights {
    let has = |name: &str| bits & bit(&BANNED_RIGHTS, name) != 0;
    enums::ChatBannedRights::Rights(types::ChatBannedRights {
        view_messages: has("view_messages"),
        send_messages: has("send_messages"),
        send_media: has("send_media"),
        send_stickers: has("send_stickers"),
        send_gifs: has("send_gifs"),
        send_games: has("send_games"),
        send_inline: has("send_inline"),
        embed_links: has("embed_links"),
        send_polls: has("send_polls"),
        change_info: has("change_info"),
        invite_users: has("invite_users"),
        pin_messages: has("pin_messages"),
        manage_topics: has("manage_topics"),
        send_photos: has("send_photos"),
        send_videos: has("send_videos"),
        send_roundvideos: has("send_roundvideos"),
        send_audios: has("send_audios"),
        send_voices: has("send_voices"),
        send_docs: has("send_docs"),
        send_plain: has("send_plain"),
        edit_rank: false,
        send_reactions: false,
        manage_linked_peers: false,
        until_date,
    })
}

/// TL banned rights as a bit set and the until date.
pub(crate) fn banned_bits(rights: &enums::ChatBannedRights) -> (u32, i32) {
    let enums::ChatBannedRights::Rights(r) = rights;
    let flags = [
        r.view_messages,
        r.send_messages,
        r.send_media,
        r.send_stickers,
        r.send_gifs,
        r.send_games,
        r.send_inline,
        r.embed_links,
        r.send_polls,
        r.change_info,
        r.invite_users,
        r.pin_messages,
        r.manage_topics,
        r.send_photos,
        r.send_videos,
        r.send_roundvideos,
        r.send_audios,
        r.send_voices,
        r.send_docs,
        r.send_plain,
    ];
    (pack(&flags), r.until_date)
}

fn pack(flags: &[bool]) -> u32 {
    flags.iter().enumerate().filter(|(_, on)| **on).fold(0, |bits, (i, _)| bits | 1 << i)
}

/// Every admin right the sandbox knows: what a creator holds.
pub(crate) fn all_admin_bits() -> u32 {
    (1 << ADMIN_RIGHTS.len()) - 1
}

/// A participant's standing as TL (`self_id` marks the account's own entry).
pub(crate) fn participant(part: &Part, user: i64, self_id: i64, inviter: i64) -> enums::ChannelParticipant {
    use enums::ChannelParticipant as P;
    match part {
        Part::Creator { rank } => P::Creator(types::ChannelParticipantCreator {
            user_id: user,
            admin_rights: admin_rights(all_admin_bits()),
            rank: rank.clone(),
        }),
        Part::Admin { rights, rank, promoted_by, date } => P::Admin(types::ChannelParticipantAdmin {
            can_edit: *promoted_by == self_id,
            is_self: user == self_id,
            user_id: user,
            inviter_id: (user == self_id).then_some(inviter),
            promoted_by: *promoted_by,
            date: *date,
            admin_rights: admin_rights(*rights),
            rank: rank.clone(),
        }),
        Part::Member { date } if user == self_id => P::ParticipantSelf(types::ChannelParticipantSelf {
            via_request: false,
            user_id: user,
            inviter_id: inviter,
            date: *date,
            subscription_until_date: None,
            rank: None,
        }),
        Part::Member { date } => P::Participant(types::ChannelParticipant {
            user_id: user,
            date: *date,
            subscription_until_date: None,
            rank: None,
        }),
        Part::Restricted { rights, until, by, date } | Part::Banned { rights, until, by, date } => {
            P::Banned(types::ChannelParticipantBanned {
                left: matches!(part, Part::Banned { .. }),
                peer: super::peer(PeerKey::User(user)),
                kicked_by: *by,
                date: *date,
                banned_rights: banned_rights(*rights, *until),
                rank: None,
            })
        }
        Part::Left => P::Left(types::ChannelParticipantLeft { peer: super::peer(PeerKey::User(user)) }),
    }
}

/// A channel as the account sees it: `conv::channel` with its role, rights and settings.
pub(crate) fn channel(world: &World, c: &ChannelRec) -> enums::Chat {
    let mut chat = super::channel(c);
    let enums::Chat::Channel(ch) = &mut chat else { return chat };
    let state = world.admin.channels.get(&c.id);
    let part = world.part(c, world.self_id);
    ch.creator = matches!(part, Part::Creator { .. });
    ch.left = matches!(part, Part::Left | Part::Banned { .. });
    ch.admin_rights = match &part {
        Part::Creator { .. } => Some(admin_rights(all_admin_bits())),
        Part::Admin { rights, .. } => Some(admin_rights(*rights)),
        _ => None,
    };
    ch.banned_rights = match &part {
        Part::Restricted { rights, until, .. } | Part::Banned { rights, until, .. } => {
            Some(banned_rights(*rights, *until))
        }
        _ => None,
    };
    if let Some(s) = state {
        ch.default_banned_rights = (!c.broadcast).then(|| banned_rights(s.default_banned, 0));
        ch.slowmode_enabled = s.slowmode > 0;
        ch.signatures = s.signatures;
        ch.join_request = !s.requests.is_empty();
        ch.photo = chat_photo(s.photo);
    }
    chat
}

/// A basic group as the account sees it: creator or not, left or not, its default rights.
pub(crate) fn chat(world: &World, c: &ChatRec) -> enums::Chat {
    let mut chat = super::chat(c);
    let enums::Chat::Chat(ch) = &mut chat else { return chat };
    ch.creator = c.creator == world.self_id;
    ch.left = !c.members.contains(&world.self_id);
    let defaults = world.admin.chat_defaults.get(&c.id).copied().unwrap_or(0);
    ch.default_banned_rights = Some(banned_rights(defaults, 0));
    ch.photo = chat_photo(world.admin.chat_photos.get(&c.id).copied());
    chat
}

fn chat_photo(id: Option<i64>) -> enums::ChatPhoto {
    match id {
        Some(photo_id) => enums::ChatPhoto::Photo(types::ChatPhoto {
            has_video: false,
            photo_id,
            stripped_thumb: None,
            dc_id: HOME_DC,
        }),
        None => enums::ChatPhoto::Empty,
    }
}

/// One admin-log event as TL; `user` peers it names are added by the caller.
pub(crate) fn log_event(world: &World, e: &LogEvent) -> enums::ChannelAdminLogEvent {
    use enums::ChannelAdminLogEventAction as A;
    let me = world.self_id;
    let photo = |id: &Option<i64>| match id.and_then(|id| world.media.get(&id)) {
        Some(m) => super::photo(m),
        None => enums::Photo::Empty(types::PhotoEmpty { id: id.unwrap_or(0) }),
    };
    let part = |p: &Part, user: i64| participant(p, user, me, e.user);
    let action = match &e.action {
        Action::Title { prev, new } => A::ChangeTitle(types::ChannelAdminLogEventActionChangeTitle {
            prev_value: prev.clone(),
            new_value: new.clone(),
        }),
        Action::About { prev, new } => A::ChangeAbout(types::ChannelAdminLogEventActionChangeAbout {
            prev_value: prev.clone(),
            new_value: new.clone(),
        }),
        Action::Photo { prev, new } => A::ChangePhoto(types::ChannelAdminLogEventActionChangePhoto {
            prev_photo: photo(prev),
            new_photo: photo(new),
        }),
        Action::Join => A::ParticipantJoin,
        Action::Leave => A::ParticipantLeave,
        Action::Invite { user } => A::ParticipantInvite(types::ChannelAdminLogEventActionParticipantInvite {
            participant: part(&Part::Member { date: e.date }, *user),
        }),
        Action::Ban { user, prev, new } => {
            A::ParticipantToggleBan(types::ChannelAdminLogEventActionParticipantToggleBan {
                prev_participant: part(prev, *user),
                new_participant: part(new, *user),
            })
        }
        Action::Promote { user, prev, new } => {
            A::ParticipantToggleAdmin(types::ChannelAdminLogEventActionParticipantToggleAdmin {
                prev_participant: part(prev, *user),
                new_participant: part(new, *user),
            })
        }
        Action::DefaultRights { prev, new } => {
            A::DefaultBannedRights(types::ChannelAdminLogEventActionDefaultBannedRights {
                prev_banned_rights: banned_rights(*prev, 0),
                new_banned_rights: banned_rights(*new, 0),
            })
        }
        Action::SlowMode { prev, new } => {
            A::ToggleSlowMode(types::ChannelAdminLogEventActionToggleSlowMode {
                prev_value: *prev,
                new_value: *new,
            })
        }
        Action::Signatures(on) => {
            A::ToggleSignatures(types::ChannelAdminLogEventActionToggleSignatures { new_value: *on })
        }
        Action::AntiSpam(on) => {
            A::ToggleAntiSpam(types::ChannelAdminLogEventActionToggleAntiSpam { new_value: *on })
        }
        Action::Forum(on) => A::ToggleForum(types::ChannelAdminLogEventActionToggleForum { new_value: *on }),
        Action::PreHistoryHidden(on) => {
            A::TogglePreHistoryHidden(types::ChannelAdminLogEventActionTogglePreHistoryHidden {
                new_value: *on,
            })
        }
        Action::JoinByRequest { approved_by, .. } => {
            A::ParticipantJoinByRequest(types::ChannelAdminLogEventActionParticipantJoinByRequest {
                invite: enums::ExportedChatInvite::ChatInvitePublicJoinRequests,
                approved_by: *approved_by,
            })
        }
    };
    enums::ChannelAdminLogEvent::Event(types::ChannelAdminLogEvent {
        id: e.id,
        date: e.date,
        user_id: e.user,
        action,
    })
}

/// The users an event names besides its author.
pub(crate) fn log_users(e: &LogEvent) -> Option<i64> {
    match &e.action {
        Action::Invite { user } | Action::Ban { user, .. } | Action::Promote { user, .. } => Some(*user),
        Action::JoinByRequest { approved_by, .. } => Some(*approved_by),
        _ => None,
    }
}
