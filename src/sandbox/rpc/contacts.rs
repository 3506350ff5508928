//! RPCs of the `contacts` tools: The account: signing in and out, contacts and blocks, sessions, privacy, the profile, emoji status, colour, birthday and personal channel.
//!
//! `people.rs`: contacts, adding one, blocks. `account.rs`: sessions and privacy.
//! `profile.rs`: the own profile, username, emoji status, colours, birthday, personal channel.
//! (`users.getFullUser` stays in `peers.rs`; it adds this family's state through
//! `tl::contacts::decorate_full`.) Login and logout are `auth.rs`'s.

mod account;
mod people;
mod profile;

use grammers_tl_types::{Identifiable, functions as f};

use super::{Call, parse};
use crate::sandbox::world::{Failure, World};

/// Answers the call if it is one of this family's methods.
pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Result<Vec<u8>, Failure>> {
    let b = &call.body;
    let answer = match call.method {
        f::contacts::GetContacts::CONSTRUCTOR_ID => Ok(people::contacts(w)),
        f::contacts::AddContact::CONSTRUCTOR_ID => parse(b).and_then(|r| people::add(w, r, now)),
        f::contacts::Block::CONSTRUCTOR_ID => {
            parse::<f::contacts::Block>(b).and_then(|r| people::block(w, &r.id, true))
        }
        f::contacts::Unblock::CONSTRUCTOR_ID => {
            parse::<f::contacts::Unblock>(b).and_then(|r| people::block(w, &r.id, false))
        }
        f::account::GetAuthorizations::CONSTRUCTOR_ID => Ok(account::sessions(w)),
        f::account::ResetAuthorization::CONSTRUCTOR_ID => parse(b).and_then(|r| account::reset(w, r)),
        f::auth::ResetAuthorizations::CONSTRUCTOR_ID => Ok(account::reset_others(w)),
        f::account::GetPrivacy::CONSTRUCTOR_ID => {
            parse::<f::account::GetPrivacy>(b).map(|r| account::get_privacy(w, &r.key))
        }
        f::account::SetPrivacy::CONSTRUCTOR_ID => parse(b).and_then(|r| account::set_privacy(w, r)),
        f::account::GetGlobalPrivacySettings::CONSTRUCTOR_ID => Ok(account::global(w)),
        f::account::SetGlobalPrivacySettings::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| account::set_global(w, r))
        }
        f::account::UpdateProfile::CONSTRUCTOR_ID => parse(b).and_then(|r| profile::update(w, r)),
        f::account::UpdateUsername::CONSTRUCTOR_ID => parse(b).and_then(|r| profile::username(w, r)),
        f::account::UpdateEmojiStatus::CONSTRUCTOR_ID => parse(b).and_then(|r| profile::emoji_status(w, r)),
        f::account::GetDefaultEmojiStatuses::CONSTRUCTOR_ID => Ok(profile::defaults()),
        f::account::GetChannelDefaultEmojiStatuses::CONSTRUCTOR_ID => Ok(profile::channel_defaults()),
        f::account::GetRecentEmojiStatuses::CONSTRUCTOR_ID => Ok(profile::recent(w)),
        f::account::GetCollectibleEmojiStatuses::CONSTRUCTOR_ID => Ok(profile::collectibles()),
        f::account::ClearRecentEmojiStatuses::CONSTRUCTOR_ID => Ok(profile::clear_recent(w)),
        f::account::UpdateColor::CONSTRUCTOR_ID => parse(b).and_then(|r| profile::color(w, r)),
        f::account::UpdateBirthday::CONSTRUCTOR_ID => parse(b).and_then(|r| profile::birthday(w, r)),
        f::account::UpdatePersonalChannel::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| profile::personal_channel(w, r))
        }
        _ => return None,
    };
    Some(answer)
}
