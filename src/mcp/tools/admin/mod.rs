//! Groups and channels: members and roles, creating, joining and leaving, inviting, kicking and
//! banning, admin rights, permissions, slow mode, the channel toggles, join requests and the
//! admin log. Membership tools live in `members.rs`, settings in `settings.rs`; this file
//! holds the family's table, its router and what both share.

mod args;
mod members;
mod settings;

use rmcp::handler::server::router::tool::ToolRouter;

use super::{Access, ChatArg, Entry, Profile};
use crate::mcp::{TelegramMcp, render};
use crate::model::ChatKind;
use crate::model::admin::{Invitations, Member};
use crate::owner::{OwnerError, Target};

/// Most users one call adds.
const MAX_USERS: usize = 50;

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[
    Entry { name: "telegram-get-chat-members", profile: Profile::Groups, access: Access::Read },
    Entry { name: "telegram-get-my-role", profile: Profile::Groups, access: Access::Read },
    Entry { name: "telegram-create-group", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-join-chat", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-leave-group", profile: Profile::Groups, access: Access::Destructive },
    Entry { name: "telegram-invite-to-group", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-kick-user", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-ban-user", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-unban-user", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-edit-group", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-set-admin", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-remove-admin", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-set-chat-permissions", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-set-slow-mode", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-toggle-channel-signatures", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-toggle-anti-spam", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-toggle-forum-mode", profile: Profile::Groups, access: Access::Destructive },
    Entry { name: "telegram-toggle-prehistory-hidden", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-approve-join-request", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-get-admin-log", profile: Profile::Groups, access: Access::Read },
];

impl TelegramMcp {
    /// The family's tools in one router.
    pub(super) fn admin_router() -> ToolRouter<Self> {
        Self::admin_members_router() + Self::admin_settings_router()
    }

    /// Resolves a `userId`, refusing groups and channels.
    async fn user(&self, arg: &ChatArg) -> Result<Target, OwnerError> {
        let target = self.chat(arg).await?;
        match target.kind {
            ChatKind::User | ChatKind::Bot => Ok(target),
            ChatKind::Saved => Err(OwnerError::Invalid("userId names yourself: pass another user".into())),
            _ => Err(OwnerError::Invalid(format!(
                "{} is a chat, not a user: pass a user id or @username",
                render::clean(&target.title)
            ))),
        }
    }

    /// A member as this window may see them: outside its allowed chats, without id, name,
    /// username or rank (the role stays, so the page and its counts stay whole).
    fn redact_member(&self, m: &mut Member) {
        if !self.shows(m.id) {
            m.id = 0;
            crate::model::HIDDEN.clone_into(&mut m.name);
            m.username = None;
            m.rank = None;
        }
    }

    /// Resolves a `users` list (each as given, with its user), 1 to [`MAX_USERS`] of them.
    async fn users(&self, list: &[String], empty_ok: bool) -> Result<Vec<(String, Target)>, OwnerError> {
        if list.len() > MAX_USERS {
            return Err(OwnerError::Invalid(format!(
                "{} users given; at most {MAX_USERS} per call",
                list.len()
            )));
        }
        if list.is_empty() && !empty_ok {
            return Err(OwnerError::Invalid("users is empty: name at least one user".into()));
        }
        let mut out = Vec::with_capacity(list.len());
        for given in list {
            let user = self.user(&ChatArg::Name(given.trim().to_owned())).await?;
            if !out.iter().any(|(_, u): &(String, Target)| u.id == user.id) {
                out.push((given.clone(), user));
            }
        }
        Ok(out)
    }
}

/// One member in a line.
fn member_line(m: &Member) -> String {
    let mut line = render::clean(&m.name);
    if let Some(u) = &m.username {
        line.push_str(&format!(" @{u}"));
    }
    line.push_str(&format!(" (id {}) — {}", m.id, m.role));
    if let Some(rank) = &m.rank {
        line.push_str(&format!(" {:?}", render::clean(rank)));
    }
    if !m.rights.is_empty() && m.role != "creator" {
        let what = if m.role == "admin" { "rights" } else { "denied" };
        line.push_str(&format!("; {what}: {}", m.rights.join(", ")));
    }
    if let Some(until) = m.until {
        line.push_str(&format!(" until {}", render::date(until)));
    }
    line
}

/// Who an invitation reached, in words.
fn invitations_text(i: &Invitations) -> String {
    let mut parts = vec![format!("{} invited", i.invited.len())];
    if !i.already_members.is_empty() {
        parts.push(format!("{} already members", i.already_members.len()));
    }
    for f in &i.failed {
        parts.push(format!("{} not invited: {}", render::clean(&f.user), f.reason));
    }
    parts.join("; ")
}
