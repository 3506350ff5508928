//! Sessions (`account.getAuthorizations`, `resetAuthorization`, `auth.resetAuthorizations`)
//! and privacy (`account.getPrivacy`/`setPrivacy`, the global settings).

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::super::input_user;
use crate::sandbox::world::contacts::{Global, Rule};
use crate::sandbox::world::tl::{Peers, contacts as conv};
use crate::sandbox::world::{Failure, PeerKey, World};

type Answer = Result<Vec<u8>, Failure>;

pub(super) fn sessions(w: &World) -> Vec<u8> {
    let authorizations = w.contacts.sessions.iter().map(conv::session).collect();
    enums::account::Authorizations::Authorizations(types::account::Authorizations {
        authorization_ttl_days: 180,
        authorizations,
    })
    .to_bytes()
}

/// Ends one other session; the current one (hash 0) and unknown hashes are `HASH_INVALID`.
pub(super) fn reset(w: &mut World, r: f::account::ResetAuthorization) -> Answer {
    let sessions = &mut w.contacts.sessions;
    let at = sessions.iter().position(|s| s.hash == r.hash && !s.current);
    let at = at.ok_or_else(|| Failure::bad("HASH_INVALID"))?;
    sessions.remove(at);
    Ok(true.to_bytes())
}

/// Ends every session but the current one.
pub(super) fn reset_others(w: &mut World) -> Vec<u8> {
    w.contacts.sessions.retain(|s| s.current);
    true.to_bytes()
}

pub(super) fn get_privacy(w: &World, key: &enums::InputPrivacyKey) -> Vec<u8> {
    rules_answer(w, &w.contacts.rules(&key_name(key)))
}

/// Replaces a key's rules; every user named must exist (`USER_ID_INVALID`).
pub(super) fn set_privacy(w: &mut World, r: f::account::SetPrivacy) -> Answer {
    use enums::InputPrivacyRule as I;
    let mut rules = Vec::with_capacity(r.rules.len());
    for rule in &r.rules {
        let users =
            |list: &[enums::InputUser]| list.iter().map(|u| input_user(w, u)).collect::<Result<Vec<_>, _>>();
        rules.push(match rule {
            I::InputPrivacyValueAllowAll => Rule::AllowAll,
            I::InputPrivacyValueAllowContacts => Rule::AllowContacts,
            I::InputPrivacyValueDisallowAll => Rule::DisallowAll,
            I::InputPrivacyValueDisallowContacts => Rule::DisallowContacts,
            I::InputPrivacyValueAllowUsers(u) => Rule::AllowUsers(users(&u.users)?),
            I::InputPrivacyValueDisallowUsers(u) => Rule::DisallowUsers(users(&u.users)?),
            _ => Rule::Other,
        });
    }
    if rules.is_empty() {
        return Err(Failure::bad("PRIVACY_VALUE_INVALID"));
    }
    w.contacts.privacy.insert(key_name(&r.key), rules.clone());
    Ok(rules_answer(w, &rules))
}

pub(super) fn global(w: &World) -> Vec<u8> {
    conv::global(&w.contacts.global).to_bytes()
}

/// Sets the switches; requiring Premium of non-contacts needs Premium.
pub(super) fn set_global(w: &mut World, r: f::account::SetGlobalPrivacySettings) -> Answer {
    let enums::GlobalPrivacySettings::Settings(s) = r.settings;
    if s.new_noncontact_peers_require_premium && !w.contacts.global.noncontacts_need_premium && !w.premium {
        return Err(Failure::bad("PREMIUM_ACCOUNT_REQUIRED"));
    }
    w.contacts.global = Global {
        archive_and_mute: s.archive_and_mute_new_noncontact_peers,
        keep_archived_unmuted: s.keep_archived_unmuted,
        keep_archived_folders: s.keep_archived_folders,
        hide_read_marks: s.hide_read_marks,
        noncontacts_need_premium: s.new_noncontact_peers_require_premium,
    };
    Ok(conv::global(&w.contacts.global).to_bytes())
}

fn rules_answer(w: &World, rules: &[Rule]) -> Vec<u8> {
    let mut peers = Peers::default();
    for rule in rules {
        if let Rule::AllowUsers(ids) | Rule::DisallowUsers(ids) = rule {
            ids.iter().for_each(|id| peers.add(PeerKey::User(*id)));
        }
    }
    let (users, chats) = peers.build(w);
    let rules = rules.iter().map(conv::rule).collect();
    enums::account::PrivacyRules::Rules(types::account::PrivacyRules { rules, chats, users }).to_bytes()
}

/// A privacy key by its TL name (`PhoneNumber`, `StatusTimestamp`, …).
fn key_name(key: &enums::InputPrivacyKey) -> String {
    format!("{key:?}")
}
