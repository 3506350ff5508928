//! TL renderings of the `contacts` family's state: the own emoji status and colours (on the
//! self `user`), the full profile's blocked flag, birthday and personal channel, sessions,
//! privacy rules, the global switches and the emoji status lists.

use grammers_tl_types::{enums, types};

use crate::sandbox::world::World;
use crate::sandbox::world::contacts::{COLLECTIBLES, Collectible, Color, Global, Rule, SessionRec, Status};

/// The emoji status shown on a user (only Alice has one).
pub(crate) fn emoji_status(world: &World, user: i64) -> Option<enums::EmojiStatus> {
    if user != world.self_id {
        return None;
    }
    Some(match world.contacts.status? {
        Status::Emoji { document_id, until } => {
            enums::EmojiStatus::Status(types::EmojiStatus { document_id, until })
        }
        Status::Collectible { id, until } => {
            let c = COLLECTIBLES.iter().find(|c| c.id == id)?;
            collectible(c, until)
        }
    })
}

/// The name colour (`profile`: the profile colour) of a user (only Alice sets one).
pub(crate) fn color(world: &World, user: i64, profile: bool) -> Option<enums::PeerColor> {
    if user != world.self_id {
        return None;
    }
    let c: Color = if profile { world.contacts.profile_color? } else { world.contacts.color? };
    Some(enums::PeerColor::Color(types::PeerColor {
        color: c.color,
        background_emoji_id: c.background_emoji_id,
    }))
}

/// Adds what the family keeps to a `userFull`: blocked, and Alice's birthday and channel.
pub(crate) fn decorate_full(world: &World, user: i64, full: enums::UserFull) -> enums::UserFull {
    let enums::UserFull::Full(mut full) = full;
    full.blocked = world.contacts.blocked.contains(&user);
    if user == world.self_id {
        full.birthday = world
            .contacts
            .birthday
            .map(|(day, month, year)| enums::Birthday::Birthday(types::Birthday { day, month, year }));
        full.personal_channel_id = world.contacts.personal_channel;
        full.personal_channel_message = world
            .contacts
            .personal_channel
            .and_then(|c| world.dialogs.get(&crate::sandbox::world::PeerKey::Channel(c)))
            .and_then(|d| d.messages.keys().next_back().copied());
    }
    enums::UserFull::Full(full)
}

pub(crate) fn collectible(c: &Collectible, until: Option<i32>) -> enums::EmojiStatus {
    enums::EmojiStatus::Collectible(types::EmojiStatusCollectible {
        collectible_id: c.id,
        document_id: c.document_id,
        title: c.title.to_owned(),
        slug: c.slug.to_owned(),
        pattern_document_id: c.document_id + 1,
        center_color: 0x8a_c9_f2,
        edge_color: 0x4a_7f_c0,
        pattern_color: 0x1d_3d_6b,
        text_color: 0xff_ff_ff,
        until,
    })
}

/// `account.emojiStatuses` of plain custom emoji ids.
pub(crate) fn statuses(list: Vec<enums::EmojiStatus>) -> enums::account::EmojiStatuses {
    enums::account::EmojiStatuses::Statuses(types::account::EmojiStatuses { hash: 0, statuses: list })
}

pub(crate) fn plain_status(document_id: i64) -> enums::EmojiStatus {
    enums::EmojiStatus::Status(types::EmojiStatus { document_id, until: None })
}

pub(crate) fn session(s: &SessionRec) -> enums::Authorization {
    enums::Authorization::Authorization(types::Authorization {
        current: s.current,
        official_app: s.official,
        password_pending: false,
        encrypted_requests_disabled: false,
        call_requests_disabled: false,
        unconfirmed: false,
        hash: s.hash,
        device_model: s.device_model.clone(),
        platform: s.platform.clone(),
        system_version: s.system_version.clone(),
        api_id: if s.official { 6 } else { 1 },
        app_name: s.app_name.clone(),
        app_version: s.app_version.clone(),
        date_created: s.created,
        date_active: s.active,
        ip: s.ip.clone(),
        country: s.country.clone(),
        region: String::new(),
    })
}

pub(crate) fn rule(r: &Rule) -> enums::PrivacyRule {
    use enums::PrivacyRule as P;
    match r {
        Rule::AllowAll => P::PrivacyValueAllowAll,
        Rule::AllowContacts => P::PrivacyValueAllowContacts,
        Rule::DisallowAll => P::PrivacyValueDisallowAll,
        Rule::DisallowContacts => P::PrivacyValueDisallowContacts,
        Rule::AllowUsers(users) => {
            P::PrivacyValueAllowUsers(types::PrivacyValueAllowUsers { users: users.clone() })
        }
        Rule::DisallowUsers(users) => {
            P::PrivacyValueDisallowUsers(types::PrivacyValueDisallowUsers { users: users.clone() })
        }
        Rule::Other => P::PrivacyValueAllowBots,
    }
}

pub(crate) fn global(g: &Global) -> enums::GlobalPrivacySettings {
    enums::GlobalPrivacySettings::Settings(types::GlobalPrivacySettings {
        archive_and_mute_new_noncontact_peers: g.archive_and_mute,
        keep_archived_unmuted: g.keep_archived_unmuted,
        keep_archived_folders: g.keep_archived_folders,
        hide_read_marks: g.hide_read_marks,
        new_noncontact_peers_require_premium: g.noncontacts_need_premium,
        display_gifts_button: false,
        noncontact_peers_paid_stars: None,
        disallowed_gifts: None,
    })
}
