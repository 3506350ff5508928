//! The own profile: names and bio, username, emoji status and its lists, colours, birthday
//! and personal channel. Limits are Telegram's: a bio of 70 characters (140 with Premium),
//! usernames of 5–32 `a-z0-9_` starting with a letter, Premium for emoji statuses, profile
//! colours, name colours above 6 and background patterns.

use grammers_tl_types::{Serializable, enums, functions as f};

use super::super::input_channel;
use crate::sandbox::world::contacts::{
    CHANNEL_STATUSES, COLLECTIBLES, Color, DEFAULT_STATUSES, State, Status,
};
use crate::sandbox::world::tl::{self as tl, contacts as conv};
use crate::sandbox::world::{Failure, PeerKey, World};

type Answer = Result<Vec<u8>, Failure>;

/// How many recent emoji statuses Telegram keeps.
const RECENT_MAX: usize = 20;

pub(super) fn update(w: &mut World, r: f::account::UpdateProfile) -> Answer {
    if r.first_name.as_deref().is_some_and(|f| f.trim().is_empty()) {
        return Err(Failure::bad("FIRSTNAME_INVALID"));
    }
    let limit = if w.premium { 140 } else { 70 };
    if r.about.as_deref().is_some_and(|a| a.chars().count() > limit) {
        return Err(Failure::bad("ABOUT_TOO_LONG"));
    }
    let id = w.self_id;
    let me = w.users.get_mut(&id).ok_or_else(|| Failure::bad("USER_ID_INVALID"))?;
    if let Some(first) = r.first_name {
        me.first_name = first;
    }
    if let Some(last) = r.last_name {
        me.last_name = Some(last).filter(|l| !l.is_empty());
    }
    if let Some(about) = r.about {
        me.about = about;
    }
    Ok(tl::user(w, &w.users[&id]).to_bytes())
}

pub(super) fn username(w: &mut World, r: f::account::UpdateUsername) -> Answer {
    let name = r.username;
    let id = w.self_id;
    if !name.is_empty() && !valid_username(&name) {
        return Err(Failure::bad("USERNAME_INVALID"));
    }
    let current = w.users[&id].username.clone().unwrap_or_default();
    if current.eq_ignore_ascii_case(&name) {
        return Err(Failure::bad("USERNAME_NOT_MODIFIED"));
    }
    if !name.is_empty() && w.resolve_username(&name).is_some_and(|p| p != PeerKey::User(id)) {
        return Err(Failure::bad("USERNAME_OCCUPIED"));
    }
    let me = w.users.get_mut(&id).ok_or_else(|| Failure::bad("USER_ID_INVALID"))?;
    me.username = Some(name).filter(|n| !n.is_empty());
    Ok(tl::user(w, &w.users[&id]).to_bytes())
}

/// Telegram's username rule: 5–32 of `a-z0-9_`, a letter first, no `_` last, no `__`.
fn valid_username(name: &str) -> bool {
    (5..=32).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && !name.ends_with('_')
        && !name.contains("__")
}

pub(super) fn emoji_status(w: &mut World, r: f::account::UpdateEmojiStatus) -> Answer {
    use enums::EmojiStatus as E;
    if !w.premium {
        return Err(Failure::bad("PREMIUM_ACCOUNT_REQUIRED"));
    }
    let collectible =
        |id: i64| COLLECTIBLES.iter().find(|c| c.id == id).ok_or_else(|| Failure::bad("COLLECTIBLE_INVALID"));
    let status = match r.emoji_status {
        E::Empty => None,
        E::Status(s) if State::known_status_document(s.document_id) => {
            Some(Status::Emoji { document_id: s.document_id, until: s.until })
        }
        E::Status(_) => return Err(Failure::bad("DOCUMENT_INVALID")),
        E::InputEmojiStatusCollectible(s) => {
            Some(Status::Collectible { id: collectible(s.collectible_id)?.id, until: s.until })
        }
        E::Collectible(s) => {
            Some(Status::Collectible { id: collectible(s.collectible_id)?.id, until: s.until })
        }
    };
    let document = match status {
        Some(Status::Emoji { document_id, .. }) => Some(document_id),
        Some(Status::Collectible { id, .. }) => {
            COLLECTIBLES.iter().find(|c| c.id == id).map(|c| c.document_id)
        }
        None => None,
    };
    if let Some(document) = document {
        let recent = &mut w.contacts.recent;
        recent.retain(|d| *d != document);
        recent.insert(0, document);
        recent.truncate(RECENT_MAX);
    }
    w.contacts.status = status;
    Ok(true.to_bytes())
}

pub(super) fn defaults() -> Vec<u8> {
    conv::statuses(DEFAULT_STATUSES.iter().map(|d| conv::plain_status(*d)).collect()).to_bytes()
}

pub(super) fn channel_defaults() -> Vec<u8> {
    conv::statuses(CHANNEL_STATUSES.iter().map(|d| conv::plain_status(*d)).collect()).to_bytes()
}

pub(super) fn recent(w: &World) -> Vec<u8> {
    conv::statuses(w.contacts.recent.iter().map(|d| conv::plain_status(*d)).collect()).to_bytes()
}

pub(super) fn collectibles() -> Vec<u8> {
    conv::statuses(COLLECTIBLES.iter().map(|c| conv::collectible(c, None)).collect()).to_bytes()
}

pub(super) fn clear_recent(w: &mut World) -> Vec<u8> {
    w.contacts.recent.clear();
    true.to_bytes()
}

pub(super) fn color(w: &mut World, r: f::account::UpdateColor) -> Answer {
    let color = match r.color {
        None => None,
        Some(enums::PeerColor::Color(c)) => {
            Some(Color { color: c.color, background_emoji_id: c.background_emoji_id })
        }
        Some(_) => return Err(Failure::bad("COLOR_INVALID")),
    };
    if let Some(c) = color {
        if c.color.is_some_and(|i| !(0..=20).contains(&i)) {
            return Err(Failure::bad("COLOR_INVALID"));
        }
        let premium_only = r.for_profile || c.color.is_some_and(|i| i > 6) || c.background_emoji_id.is_some();
        if premium_only && !w.premium {
            return Err(Failure::bad("PREMIUM_ACCOUNT_REQUIRED"));
        }
    }
    if r.for_profile {
        w.contacts.profile_color = color;
    } else {
        w.contacts.color = color;
    }
    Ok(true.to_bytes())
}

pub(super) fn birthday(w: &mut World, r: f::account::UpdateBirthday) -> Answer {
    let birthday = match r.birthday {
        None => None,
        Some(enums::Birthday::Birthday(b)) => {
            let leap = b.year.is_none_or(|y| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
            let days = match b.month {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => 0,
            };
            if !(1..=days).contains(&b.day) || b.year.is_some_and(|y| !(1900..=2100).contains(&y)) {
                return Err(Failure::bad("BIRTHDAY_INVALID"));
            }
            Some((b.day, b.month, b.year))
        }
    };
    w.contacts.birthday = birthday;
    Ok(true.to_bytes())
}

/// Only a public broadcast channel of Alice's may be shown on her profile.
pub(super) fn personal_channel(w: &mut World, r: f::account::UpdatePersonalChannel) -> Answer {
    let channel = match &r.channel {
        enums::InputChannel::Empty => None,
        c => {
            let PeerKey::Channel(id) = input_channel(w, c)? else {
                return Err(Failure::bad("CHANNEL_INVALID"));
            };
            let ch = &w.channels[&id];
            if !ch.broadcast || ch.username.is_none() || !ch.members.contains(&w.self_id) {
                return Err(Failure::bad("CHANNEL_INVALID"));
            }
            Some(id)
        }
    };
    w.contacts.personal_channel = channel;
    Ok(true.to_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_follow_telegrams_rule() {
        for good in ["alice", "alice_2", "A1234", "abcdefghijklmnopqrstuvwxyz012345"] {
            assert!(valid_username(good), "{good}");
        }
        for bad in
            ["abcd", "1alice", "_alice", "alice_", "al__ice", "alice!", "abcdefghijklmnopqrstuvwxyz0123456"]
        {
            assert!(!valid_username(bad), "{bad}");
        }
    }
}
