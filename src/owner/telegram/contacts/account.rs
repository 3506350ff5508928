//! Sessions (`account.getAuthorizations`, `resetAuthorization`, `auth.resetAuthorizations`),
//! privacy rules (`account.getPrivacy`/`setPrivacy`) and the global privacy switches.

use grammers_client::tl;

use super::input_user;
use crate::model::contacts::{GlobalPrivacy, PrivacyRules, Session, Sessions};
use crate::owner::OwnerError;
use crate::owner::telegram::Telegram;
use crate::owner::telegram::peers::Target;

/// A privacy setting to change: the original's names (`phone_number`, `last_seen`, …).
#[derive(Debug, Clone)]
pub(crate) struct PrivacyChange {
    pub(crate) setting: String,
    /// `everyone`, `contacts` or `nobody`.
    pub(crate) rule: String,
    pub(crate) allow: Vec<Target>,
    pub(crate) disallow: Vec<Target>,
}

impl Telegram {
    /// `account.getAuthorizations`.
    pub(crate) async fn sessions(&self) -> Result<Sessions, OwnerError> {
        let tl::enums::account::Authorizations::Authorizations(a) =
            self.call(&tl::functions::account::GetAuthorizations {}).await?;
        let sessions = a
            .authorizations
            .into_iter()
            .map(|tl::enums::Authorization::Authorization(s)| Session {
                hash: s.hash.to_string(),
                current: s.current,
                device_model: s.device_model,
                platform: s.platform,
                system_version: s.system_version,
                app_name: s.app_name,
                app_version: s.app_version,
                official_app: s.official_app,
                ip: s.ip,
                country: s.country,
                region: s.region,
                date_created: i64::from(s.date_created),
                date_active: i64::from(s.date_active),
            })
            .collect();
        Ok(Sessions { sessions, ttl_days: a.authorization_ttl_days })
    }

    /// `account.resetAuthorization` for one other session.
    pub(crate) async fn terminate_session(&self, hash: i64) -> Result<(), OwnerError> {
        self.call(&tl::functions::account::ResetAuthorization { hash }).await?;
        Ok(())
    }

    /// `auth.resetAuthorizations`: every session but this one.
    pub(crate) async fn terminate_other_sessions(&self) -> Result<(), OwnerError> {
        self.call(&tl::functions::auth::ResetAuthorizations {}).await?;
        Ok(())
    }

    /// `account.getPrivacy`, then `account.setPrivacy`: returns the rules before and after.
    pub(crate) async fn set_privacy(
        &self,
        change: &PrivacyChange,
    ) -> Result<(PrivacyRules, PrivacyRules), OwnerError> {
        let key = privacy_key(&change.setting)?;
        let mut rules = Vec::new();
        if !change.allow.is_empty() {
            let users = change.allow.iter().map(input_user).collect::<Result<_, _>>()?;
            rules.push(tl::enums::InputPrivacyRule::InputPrivacyValueAllowUsers(
                tl::types::InputPrivacyValueAllowUsers { users },
            ));
        }
        if !change.disallow.is_empty() {
            let users = change.disallow.iter().map(input_user).collect::<Result<_, _>>()?;
            rules.push(tl::enums::InputPrivacyRule::InputPrivacyValueDisallowUsers(
                tl::types::InputPrivacyValueDisallowUsers { users },
            ));
        }
        rules.push(match change.rule.as_str() {
            "everyone" => tl::enums::InputPrivacyRule::InputPrivacyValueAllowAll,
            "contacts" => tl::enums::InputPrivacyRule::InputPrivacyValueAllowContacts,
            "nobody" => tl::enums::InputPrivacyRule::InputPrivacyValueDisallowAll,
            other => {
                return Err(OwnerError::Invalid(format!(
                    "rule {other:?} is not one of everyone, contacts, nobody"
                )));
            }
        });
        let before = self.call(&tl::functions::account::GetPrivacy { key: key.clone() }).await?;
        let after = self.call(&tl::functions::account::SetPrivacy { key, rules }).await?;
        Ok((self.rules(before), self.rules(after)))
    }

    /// `account.getGlobalPrivacySettings`.
    pub(crate) async fn global_privacy(&self) -> Result<GlobalPrivacy, OwnerError> {
        let tl::enums::GlobalPrivacySettings::Settings(s) =
            self.call(&tl::functions::account::GetGlobalPrivacySettings {}).await?;
        Ok(global(&s))
    }

    /// Reads the switches, applies `change` to the given ones, and sets them all (Telegram
    /// takes the whole object; the fields this tool does not know are kept as read).
    pub(crate) async fn set_global_privacy(
        &self,
        change: impl FnOnce(&mut GlobalPrivacy),
    ) -> Result<(GlobalPrivacy, GlobalPrivacy), OwnerError> {
        let tl::enums::GlobalPrivacySettings::Settings(mut s) =
            self.call(&tl::functions::account::GetGlobalPrivacySettings {}).await?;
        let before = global(&s);
        let mut wanted = before;
        change(&mut wanted);
        s.archive_and_mute_new_noncontact_peers = wanted.archive_and_mute_new_noncontact_peers;
        s.keep_archived_unmuted = wanted.keep_archived_unmuted;
        s.keep_archived_folders = wanted.keep_archived_folders;
        s.hide_read_marks = wanted.hide_read_marks;
        s.new_noncontact_peers_require_premium = wanted.new_noncontact_peers_require_premium;
        let settings = tl::enums::GlobalPrivacySettings::Settings(s);
        let tl::enums::GlobalPrivacySettings::Settings(after) =
            self.call(&tl::functions::account::SetGlobalPrivacySettings { settings }).await?;
        Ok((before, global(&after)))
    }

    fn rules(&self, answer: tl::enums::account::PrivacyRules) -> PrivacyRules {
        use tl::enums::PrivacyRule as R;
        let tl::enums::account::PrivacyRules::Rules(answer) = answer;
        self.learn(&answer.users, &answer.chats);
        let mut out =
            PrivacyRules { rule: "nobody".to_owned(), allow_users: Vec::new(), disallow_users: Vec::new() };
        for rule in answer.rules {
            match rule {
                R::PrivacyValueAllowUsers(u) => out.allow_users.extend(u.users),
                R::PrivacyValueDisallowUsers(u) => out.disallow_users.extend(u.users),
                R::PrivacyValueAllowAll => out.rule = "everyone".to_owned(),
                R::PrivacyValueAllowContacts => out.rule = "contacts".to_owned(),
                R::PrivacyValueDisallowAll => out.rule = "nobody".to_owned(),
                R::PrivacyValueAllowCloseFriends => out.rule = "close_friends".to_owned(),
                R::PrivacyValueAllowPremium => out.rule = "premium".to_owned(),
                _ => {}
            }
        }
        out
    }
}

/// The original's setting names as Telegram's privacy keys.
fn privacy_key(setting: &str) -> Result<tl::enums::InputPrivacyKey, OwnerError> {
    use tl::enums::InputPrivacyKey as K;
    Ok(match setting {
        "phone_number" => K::PhoneNumber,
        "last_seen" => K::StatusTimestamp,
        "profile_photo" => K::ProfilePhoto,
        "forwards" => K::Forwards,
        "calls" => K::PhoneCall,
        "groups" => K::ChatInvite,
        "bio" => K::About,
        other => {
            return Err(OwnerError::Invalid(format!(
                "setting {other:?} is not one of phone_number, last_seen, profile_photo, forwards, calls, groups, bio"
            )));
        }
    })
}

fn global(s: &tl::types::GlobalPrivacySettings) -> GlobalPrivacy {
    GlobalPrivacy {
        archive_and_mute_new_noncontact_peers: s.archive_and_mute_new_noncontact_peers,
        keep_archived_unmuted: s.keep_archived_unmuted,
        keep_archived_folders: s.keep_archived_folders,
        hide_read_marks: s.hide_read_marks,
        new_noncontact_peers_require_premium: s.new_noncontact_peers_require_premium,
    }
}
