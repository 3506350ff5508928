//! Chat settings: title, description and photo, slow mode, signatures, anti-spam, forum mode,
//! hidden pre-history, and the admin log that records them. Setting a value a chat already
//! has is `CHAT_NOT_MODIFIED`, as on Telegram.

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::super::files::{photo_info, take_upload};
use super::super::{Caller, parse};
use super::members::{MAX_TITLE, general_topic};
use super::{Answer, basic_group, channel_id, chat_updates, megagroup, require};
use crate::sandbox::state::{Shared, now_secs};
use crate::sandbox::world::admin::{Action, ChannelState, Part};
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{Failure, MediaKind, PeerKey, World};

/// Slow-mode intervals Telegram offers.
const SLOW_MODE: [i32; 7] = [0, 10, 30, 60, 300, 900, 3600];
/// Longest chat description.
const MAX_ABOUT: usize = 255;
/// Fewest members for aggressive anti-spam. Telegram's threshold comes from its app config
/// (`antispam_megagroup_members_min`, in the hundreds); the sandbox's chats are small, so its
/// threshold is 3 (the seeded forum qualifies, a new group of one does not).
pub(crate) const ANTISPAM_MIN_MEMBERS: usize = 3;
/// Most admin-log events per page.
const MAX_LOG_PAGE: i32 = 100;

pub(super) fn edit_title(w: &mut World, r: f::channels::EditTitle, now: i32) -> Answer {
    let id = channel_id(w, &r.channel)?;
    require(w, id, "change_info")?;
    let title = title(&r.title)?;
    let prev = std::mem::replace(&mut w.channels.get_mut(&id).expect("resolved above").title, title.clone());
    if prev == title {
        return Err(Failure::bad("CHAT_NOT_MODIFIED"));
    }
    w.admin.log(id, w.self_id, now, Action::Title { prev, new: title });
    Ok(chat_updates(w, PeerKey::Channel(id), &[], now).to_bytes())
}

pub(super) fn edit_chat_title(w: &mut World, r: f::messages::EditChatTitle) -> Answer {
    let now = now_secs() as i32;
    check_basic_group_info(w, r.chat_id)?;
    let title = title(&r.title)?;
    let chat = w.chats.get_mut(&r.chat_id).expect("checked above");
    if chat.title == title {
        return Err(Failure::bad("CHAT_NOT_MODIFIED"));
    }
    chat.title = title;
    Ok(chat_updates(w, PeerKey::Chat(r.chat_id), &[], now).to_bytes())
}

pub(super) fn edit_about(w: &mut World, r: f::messages::EditChatAbout, now: i32) -> Answer {
    let peer = super::input_peer(w, &r.peer)?;
    let about = r.about.trim().to_owned();
    if about.chars().count() > MAX_ABOUT {
        return Err(Failure::bad("CHAT_ABOUT_TOO_LONG"));
    }
    let slot = match peer {
        PeerKey::Channel(id) => {
            require(w, id, "change_info")?;
            &mut w.channels.get_mut(&id).expect("resolved above").about
        }
        PeerKey::Chat(id) => {
            check_basic_group_info(w, id)?;
            &mut w.chats.get_mut(&id).expect("checked above").about
        }
        PeerKey::User(_) => return Err(Failure::bad("PEER_ID_INVALID")),
    };
    if *slot == about {
        return Err(Failure::bad("CHAT_ABOUT_NOT_MODIFIED"));
    }
    let prev = std::mem::replace(slot, about.clone());
    if let PeerKey::Channel(id) = peer {
        w.admin.log(id, w.self_id, now, Action::About { prev, new: about });
    }
    Ok(true.to_bytes())
}

/// `channels.editPhoto`: a new photo from an upload, or none. Runs on the blocking pool.
pub(in super::super) fn edit_channel_photo(shared: &Shared, caller: Caller, body: &[u8]) -> Answer {
    let r: f::channels::EditPhoto = parse(body)?;
    let now = now_secs() as i32;
    let mut world = shared.world();
    let w = &mut *world;
    let id = channel_id(w, &r.channel)?;
    require(w, id, "change_info")?;
    let new = new_photo(shared, caller, w, &r.photo, now)?;
    let prev = std::mem::replace(&mut w.admin.channel(id).photo, new);
    if prev == new {
        return Err(Failure::bad("CHAT_NOT_MODIFIED"));
    }
    w.admin.log(id, w.self_id, now, Action::Photo { prev, new });
    Ok(chat_updates(w, PeerKey::Channel(id), &[], now).to_bytes())
}

/// `messages.editChatPhoto` of a basic group. Runs on the blocking pool.
pub(in super::super) fn edit_chat_photo(shared: &Shared, caller: Caller, body: &[u8]) -> Answer {
    let r: f::messages::EditChatPhoto = parse(body)?;
    let now = now_secs() as i32;
    let mut world = shared.world();
    let w = &mut *world;
    check_basic_group_info(w, r.chat_id)?;
    let prev = w.admin.chat_photos.get(&r.chat_id).copied();
    let new = new_photo(shared, caller, w, &r.photo, now)?;
    if prev == new {
        return Err(Failure::bad("CHAT_NOT_MODIFIED"));
    }
    match new {
        Some(photo) => w.admin.chat_photos.insert(r.chat_id, photo),
        None => w.admin.chat_photos.remove(&r.chat_id),
    };
    Ok(chat_updates(w, PeerKey::Chat(r.chat_id), &[], now).to_bytes())
}

/// The photo an `InputChatPhoto` sets: an uploaded image becomes a stored photo.
fn new_photo(
    shared: &Shared,
    caller: Caller,
    w: &mut World,
    photo: &enums::InputChatPhoto,
    now: i32,
) -> Result<Option<i64>, Failure> {
    match photo {
        enums::InputChatPhoto::Empty => Ok(None),
        enums::InputChatPhoto::InputChatUploadedPhoto(p) => {
            let file = p.file.as_ref().ok_or_else(|| Failure::bad("PHOTO_FILE_MISSING"))?;
            let (blob_id, blob, _) = take_upload(shared, caller, file)?;
            let (format, width, height) = photo_info(&blob)?;
            let kind = MediaKind::Photo { w: width, h: height };
            Ok(Some(w.store_media(blob_id, blob.size, format.mime(), kind, now).id))
        }
        enums::InputChatPhoto::Photo(p) => match &p.id {
            enums::InputPhoto::Photo(p)
                if w.media.get(&p.id).is_some_and(|m| m.access_hash == p.access_hash) =>
            {
                Ok(Some(p.id))
            }
            _ => Err(Failure::bad("PHOTO_INVALID")),
        },
    }
}

/// Who may change a basic group's title, description or photo: a member, unless the
/// defaults forbid `change_info` and the account is not the creator.
fn check_basic_group_info(w: &World, id: i64) -> Result<(), Failure> {
    let chat = basic_group(w, id)?;
    if !chat.members.contains(&w.self_id) {
        return Err(Failure::bad("CHAT_ID_INVALID"));
    }
    let defaults = w.admin.chat_defaults.get(&id).copied().unwrap_or(0);
    let banned = defaults
        & crate::sandbox::world::admin::bit(&crate::sandbox::world::admin::BANNED_RIGHTS, "change_info");
    if chat.creator != w.self_id && banned != 0 {
        return Err(Failure::bad("CHAT_ADMIN_REQUIRED"));
    }
    Ok(())
}

fn title(raw: &str) -> Result<String, Failure> {
    let title = raw.trim();
    if title.is_empty() {
        return Err(Failure::bad("CHAT_TITLE_EMPTY"));
    }
    if title.chars().count() > MAX_TITLE {
        return Err(Failure::bad("CHAT_TITLE_INVALID"));
    }
    Ok(title.to_owned())
}

pub(super) fn slow_mode(w: &mut World, r: f::channels::ToggleSlowMode, now: i32) -> Answer {
    let id = megagroup(w, &r.channel)?;
    require(w, id, "ban_users")?;
    if !SLOW_MODE.contains(&r.seconds) {
        return Err(Failure::bad("SECONDS_INVALID"));
    }
    let prev = std::mem::replace(&mut w.admin.channel(id).slowmode, r.seconds);
    toggled(w, id, prev == r.seconds, Action::SlowMode { prev, new: r.seconds }, now)
}

pub(super) fn signatures(w: &mut World, r: f::channels::ToggleSignatures, now: i32) -> Answer {
    let id = channel_id(w, &r.channel)?;
    if !w.channels[&id].broadcast {
        return Err(Failure::bad("CHANNEL_INVALID"));
    }
    require(w, id, "change_info")?;
    let on = r.signatures_enabled;
    let same = flip(w.admin.channel(id), |s| &mut s.signatures, on);
    toggled(w, id, same, Action::Signatures(on), now)
}

pub(super) fn anti_spam(w: &mut World, r: f::channels::ToggleAntiSpam, now: i32) -> Answer {
    let id = megagroup(w, &r.channel)?;
    require(w, id, "ban_users")?;
    if r.enabled && w.channels[&id].members.len() < ANTISPAM_MIN_MEMBERS {
        return Err(Failure::bad("PARTICIPANTS_TOO_FEW"));
    }
    let same = flip(w.admin.channel(id), |s| &mut s.antispam, r.enabled);
    toggled(w, id, same, Action::AntiSpam(r.enabled), now)
}

pub(super) fn forum(w: &mut World, r: f::channels::ToggleForum, now: i32) -> Answer {
    let id = megagroup(w, &r.channel)?;
    require(w, id, "change_info")?;
    let channel = w.channels.get_mut(&id).expect("resolved above");
    let same = channel.forum == r.enabled;
    if !same {
        channel.forum = r.enabled;
        // Topics go with the forum; a new forum starts with "General".
        channel.topics = if r.enabled { vec![general_topic(now)] } else { Vec::new() };
    }
    toggled(w, id, same, Action::Forum(r.enabled), now)
}

pub(super) fn prehistory(w: &mut World, r: f::channels::TogglePreHistoryHidden, now: i32) -> Answer {
    let id = megagroup(w, &r.channel)?;
    require(w, id, "ban_users")?;
    let same = flip(w.admin.channel(id), |s| &mut s.prehistory_hidden, r.enabled);
    toggled(w, id, same, Action::PreHistoryHidden(r.enabled), now)
}

/// Sets a flag; whether it already had that value.
fn flip(state: &mut ChannelState, field: impl FnOnce(&mut ChannelState) -> &mut bool, on: bool) -> bool {
    std::mem::replace(field(state), on) == on
}

/// `CHAT_NOT_MODIFIED` when nothing changed; otherwise logs the change and answers the chat.
fn toggled(w: &mut World, id: i64, same: bool, action: Action, now: i32) -> Answer {
    if same {
        return Err(Failure::bad("CHAT_NOT_MODIFIED"));
    }
    w.admin.log(id, w.self_id, now, action);
    Ok(chat_updates(w, PeerKey::Channel(id), &[], now).to_bytes())
}

pub(super) fn admin_log(w: &World, r: f::channels::GetAdminLog) -> Answer {
    let id = channel_id(w, &r.channel)?;
    let channel = &w.channels[&id];
    if !matches!(w.part(channel, w.self_id), Part::Creator { .. } | Part::Admin { .. }) {
        return Err(Failure::bad("CHAT_ADMIN_REQUIRED"));
    }
    let q = r.q.trim().to_lowercase();
    let events = w.admin.channels.get(&id).map(|s| s.log.as_slice()).unwrap_or_default();
    let page: Vec<_> = events
        .iter()
        .rev()
        .filter(|e| (r.max_id == 0 || e.id < r.max_id) && e.id > r.min_id)
        .filter(|e| q.is_empty() || mentions(w, e, &q))
        .take(r.limit.clamp(1, MAX_LOG_PAGE) as usize)
        .collect();
    let mut peers = Peers::default();
    for e in &page {
        peers.add(PeerKey::User(e.user));
        conv::admin::log_users(e).into_iter().for_each(|u| peers.add(PeerKey::User(u)));
    }
    let events = page.iter().map(|e| conv::admin::log_event(w, e)).collect();
    let (users, chats) = peers.build(w);
    let answer = types::channels::AdminLogResults { events, chats, users };
    Ok(enums::channels::AdminLogResults::Results(answer).to_bytes())
}

/// Whether an event's texts or the names of its users contain `q` (lowercase).
fn mentions(w: &World, e: &crate::sandbox::world::admin::LogEvent, q: &str) -> bool {
    let texts: Vec<String> = match &e.action {
        Action::Title { prev, new } | Action::About { prev, new } => vec![prev.clone(), new.clone()],
        _ => Vec::new(),
    };
    let users = std::iter::once(e.user).chain(conv::admin::log_users(e));
    let names = users.flat_map(|u| {
        let peer = PeerKey::User(u);
        [Some(w.title_of(peer)), w.username_of(peer).map(str::to_owned)]
    });
    texts.into_iter().chain(names.flatten()).any(|t| t.to_lowercase().contains(q))
}
