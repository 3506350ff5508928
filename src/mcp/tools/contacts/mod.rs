//! The account: signing in and out, contacts and blocks, sessions, privacy, the profile, emoji status, colour, birthday and personal channel.
//!
//! Four routers joined into one: `login.rs` (QR login, logout), `people.rs` (contacts,
//! requests, profiles, blocks), `account.rs` (sessions, privacy) and `profile.rs` (your own
//! profile, emoji status, colour, birthday, personal channel).

mod account;
mod login;
mod people;
mod png;
mod profile;

use rmcp::handler::server::router::tool::ToolRouter;
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Access, Entry, Profile};
use crate::mcp::TelegramMcp;
use crate::owner::{Cursor, OwnerError};

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[
    Entry { name: "telegram-login", profile: Profile::Core, access: Access::Write },
    Entry { name: "telegram-logout", profile: Profile::Core, access: Access::Destructive },
    Entry { name: "telegram-get-contacts", profile: Profile::Account, access: Access::Read },
    Entry { name: "telegram-get-profile", profile: Profile::Account, access: Access::Read },
    Entry { name: "telegram-get-contact-requests", profile: Profile::Account, access: Access::Read },
    Entry { name: "telegram-add-contact", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-block-user", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-unblock-user", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-get-sessions", profile: Profile::Account, access: Access::Read },
    Entry { name: "telegram-terminate-session", profile: Profile::Account, access: Access::Destructive },
    Entry { name: "telegram-set-privacy", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-get-global-privacy-settings", profile: Profile::Account, access: Access::Read },
    Entry { name: "telegram-set-global-privacy-settings", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-update-profile", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-set-emoji-status", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-list-emoji-statuses", profile: Profile::Account, access: Access::Read },
    Entry { name: "telegram-clear-recent-emoji-statuses", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-set-profile-color", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-set-birthday", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-set-personal-channel", profile: Profile::Account, access: Access::Write },
];

/// No arguments: an unknown one is an invalid-params error, not silently ignored.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoArgs {}

impl TelegramMcp {
    /// Every tool of the family.
    pub(super) fn contacts_router() -> ToolRouter<Self> {
        Self::contacts_login_router()
            + Self::contacts_people_router()
            + Self::contacts_account_router()
            + Self::contacts_profile_router()
    }
}

/// The local offset of a list paged by [`Cursor::Offset`].
fn page_offset(cursor: Option<&str>) -> Result<usize, OwnerError> {
    match cursor.map(Cursor::decode).transpose()? {
        None => Ok(0),
        Some(Cursor::Offset { offset }) => Ok(usize::try_from(offset).unwrap_or(0)),
        Some(_) => Err(OwnerError::Invalid("that cursor belongs to another tool".into())),
    }
}

/// The cursor after `shown` items from `offset`, when `total` has more.
fn next_offset(offset: usize, shown: usize, total: usize) -> Option<String> {
    (offset + shown < total).then(|| Cursor::Offset { offset: (offset + shown) as i64 }.encode())
}

/// A Telegram `long` id given as a string (document, collectible, session hash).
fn long_id(value: Option<&str>, name: &str) -> Result<Option<i64>, OwnerError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => v.parse::<i64>().map(Some).map_err(|_| {
            OwnerError::Invalid(format!("{name} {v:?} is not a numeric id: pass the digits as listed"))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_ids_read_back() {
        assert_eq!(page_offset(None).unwrap(), 0);
        let next = next_offset(0, 2, 5).unwrap();
        assert_eq!(page_offset(Some(&next)).unwrap(), 2);
        assert!(next_offset(3, 2, 5).is_none());
        assert!(page_offset(Some("m:4")).is_err());
        assert_eq!(long_id(Some(" 5368 "), "documentId").unwrap(), Some(5368));
        assert!(long_id(Some("abc"), "documentId").is_err());
        assert_eq!(long_id(Some(""), "documentId").unwrap(), None);
    }
}
