//! Joining a chat: a public one by @username or t.me link (`channels.joinChannel`), any by
//! invite link or hash (`messages.importChatInvite`).

use grammers_client::tl;

use super::Telegram;
use crate::model::Chat;
use crate::model::admin::Joined;
use crate::owner::OwnerError;

/// Where `telegram-join-chat` goes: a public username or an invite hash.
#[derive(Debug, Clone, PartialEq, Eq)]
enum JoinTarget {
    Username(String),
    Invite(String),
}

impl JoinTarget {
    /// Parses `@name`, `name`, `t.me/name`, `t.me/+hash`, `t.me/joinchat/hash` or `+hash`.
    fn parse(raw: &str) -> Result<Self, OwnerError> {
        let s = raw.trim();
        let s = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")).unwrap_or(s);
        let s = s.strip_prefix("www.").unwrap_or(s);
        let path = s.strip_prefix("t.me/").or_else(|| s.strip_prefix("telegram.me/"));
        let bad =
            || OwnerError::Invalid(format!("{raw:?} is not a @username, t.me link or t.me/+ invite link"));
        let (invite, name) = match path {
            Some(p) => match p.strip_prefix('+').or_else(|| p.strip_prefix("joinchat/")) {
                Some(hash) => (Some(hash), None),
                None => (None, Some(p.split(['/', '?']).next().unwrap_or(p))),
            },
            None => match s.strip_prefix('+') {
                Some(hash) => (Some(hash), None),
                None => (None, Some(s.strip_prefix('@').unwrap_or(s))),
            },
        };
        let ok =
            |v: &str| !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        match (invite, name) {
            (Some(hash), _) if ok(hash) => Ok(Self::Invite(hash.to_owned())),
            (None, Some(name)) if ok(name) && !name.contains('-') => Ok(Self::Username(name.to_owned())),
            _ => Err(bad()),
        }
    }
}

impl Telegram {
    /// Joins a public chat by @username or t.me link, or any chat by invite link or hash.
    /// `allowed` vets a public chat before it is joined; an invite link names no chat until
    /// it is used, so `invites` says whether those may be used at all.
    pub(crate) async fn join(
        &self,
        raw: &str,
        invites: bool,
        allowed: &(dyn Fn(&Chat) -> Result<(), OwnerError> + Sync),
    ) -> Result<Joined, OwnerError> {
        let result = match &JoinTarget::parse(raw)? {
            JoinTarget::Username(name) => {
                let target = self.resolve(&format!("@{name}")).await?;
                allowed(&target.chat(0, None))?;
                let channel = target.input_channel().ok_or_else(|| {
                    OwnerError::Invalid(format!("@{name} is not a group or channel: nothing to join"))
                })?;
                match self.call(&tl::functions::channels::JoinChannel { channel }).await {
                    Err(OwnerError::Rpc { name, .. }) if name == "USER_ALREADY_PARTICIPANT" => {
                        return Ok(Joined { chat: target.chat(0, None), already_member: true });
                    }
                    other => other?,
                }
            }
            JoinTarget::Invite(_) if !invites => {
                return Err(OwnerError::Refused(
                    "this window may use only some chats, and an invite link names no chat before it is used: \
                     join by @username instead"
                        .into(),
                ));
            }
            JoinTarget::Invite(hash) => {
                let request = tl::functions::messages::ImportChatInvite { hash: hash.clone() };
                match self.call(&request).await {
                    Err(OwnerError::Rpc { name, .. }) if name == "USER_ALREADY_PARTICIPANT" => {
                        return Err(OwnerError::Invalid(
                            "you are already a member of the chat this invite link opens".into(),
                        ));
                    }
                    other => other?,
                }
            }
        };
        let tl::enums::messages::ChatInviteJoinResult::Ok(ok) = result else {
            return Err(OwnerError::Invalid(
                "this chat is joined through a bot's web app: open it in Telegram".into(),
            ));
        };
        let chat = self.new_chat(&ok.updates)?;
        Ok(Joined { chat: chat.chat(0, None), already_member: false })
    }
}

#[cfg(test)]
mod tests {
    use super::JoinTarget;

    #[test]
    fn join_targets_parse_from_usernames_links_and_invites() {
        let name = |s: &str| JoinTarget::Username(s.to_owned());
        let hash = |s: &str| JoinTarget::Invite(s.to_owned());
        for (raw, want) in [
            ("@chess_evenings", name("chess_evenings")),
            ("chess_evenings", name("chess_evenings")),
            ("https://t.me/chess_evenings", name("chess_evenings")),
            ("t.me/chess_evenings/12", name("chess_evenings")),
            ("https://t.me/+PhWalks7xQ2b", hash("PhWalks7xQ2b")),
            ("t.me/joinchat/PhWalks7xQ2b", hash("PhWalks7xQ2b")),
            ("+PhWalks7xQ2b", hash("PhWalks7xQ2b")),
        ] {
            assert_eq!(JoinTarget::parse(raw).unwrap(), want, "{raw}");
        }
        for bad in ["", "@", "t.me/", "https://example.com/x", "t.me/+", "two words"] {
            assert!(JoinTarget::parse(bad).is_err(), "{bad}");
        }
    }
}
