//! Your dialogs and chats around them: archive, pin, mute and unread marks (here), chat
//! folders (`filters`), invite links, statistics and boosts (`links`). Each family part is its
//! own router; [`TelegramMcp::folders_router`] joins them.

mod args;
mod filters;
mod links;

use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use args::{ArchiveChat, MarkUnread, MuteChat, PinChat};

use super::{Access, Entry, Profile, Reply, guard};
use crate::mcp::{TelegramMcp, render};
use crate::model::folders::DialogState;
use crate::owner::{MUTE_FOREVER, OwnerError};

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[
    Entry { name: "telegram-archive-chat", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-pin-chat", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-mark-dialog-unread", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-mute-chat", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-get-chat-folders", profile: Profile::Account, access: Access::Read },
    Entry { name: "telegram-create-folder", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-edit-folder", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-delete-folder", profile: Profile::Account, access: Access::Destructive },
    Entry { name: "telegram-reorder-folders", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-get-suggested-folders", profile: Profile::Account, access: Access::Read },
    Entry { name: "telegram-toggle-folder-tags", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-create-invite-link", profile: Profile::Groups, access: Access::Write },
    Entry { name: "telegram-get-invite-links", profile: Profile::Groups, access: Access::Read },
    Entry { name: "telegram-revoke-invite-link", profile: Profile::Groups, access: Access::Destructive },
    Entry { name: "telegram-get-broadcast-stats", profile: Profile::Groups, access: Access::Read },
    Entry { name: "telegram-get-megagroup-stats", profile: Profile::Groups, access: Access::Read },
    Entry { name: "telegram-get-my-boosts", profile: Profile::Groups, access: Access::Read },
    Entry { name: "telegram-get-boosts-status", profile: Profile::Groups, access: Access::Read },
    Entry { name: "telegram-get-boosts-list", profile: Profile::Groups, access: Access::Read },
];

impl TelegramMcp {
    /// The family's routers joined: dialogs, folders, and links with statistics.
    pub(super) fn folders_router() -> ToolRouter<Self> {
        Self::dialogs_router() + Self::filters_router() + Self::links_router()
    }
}

#[tool_router(router = dialogs_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Move a dialog to the Archive folder, or back to the main list.
    #[tool(name = "telegram-archive-chat", annotations(title = "Archive chat", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<DialogState>())]
    async fn archive_chat(
        &self,
        Parameters(a): Parameters<ArchiveChat>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let state = self.owner.telegram().archive(&target, a.archive).await?;
            Ok((line(&state), state))
        })
        .await
    }

    /// Pin a dialog at the top of its chat list, or unpin it.
    #[tool(name = "telegram-pin-chat", annotations(title = "Pin chat", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<DialogState>())]
    async fn pin_chat(&self, Parameters(a): Parameters<PinChat>, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let state = self.owner.telegram().pin_dialog(&target, a.pin).await?;
            Ok((line(&state), state))
        })
        .await
    }

    /// Mark a dialog as unread, or clear the mark.
    #[tool(name = "telegram-mark-dialog-unread", annotations(title = "Mark dialog unread", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<DialogState>())]
    async fn mark_dialog_unread(
        &self,
        Parameters(a): Parameters<MarkUnread>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let state = self.owner.telegram().mark_unread(&target, a.unread).await?;
            Ok((line(&state), state))
        })
        .await
    }

    /// Mute a chat's notifications (for `duration` seconds, or forever), or unmute it.
    #[tool(name = "telegram-mute-chat", annotations(title = "Mute chat", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<DialogState>())]
    async fn mute_chat(&self, Parameters(a): Parameters<MuteChat>, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let until = mute_until(a.muted, a.duration)?;
            let target = self.chat(&a.chat_id).await?;
            let state = self.owner.telegram().mute(&target, until).await?;
            Ok((line(&state), state))
        })
        .await
    }
}

/// The `mute_until` Telegram wants: 0 to unmute, a unix time, or forever.
fn mute_until(muted: bool, duration: Option<i64>) -> Result<i32, OwnerError> {
    match (muted, duration) {
        (false, None) => Ok(0),
        (false, Some(_)) => Err(OwnerError::Invalid("duration applies only with muted: true".into())),
        (true, None) => Ok(MUTE_FOREVER),
        (true, Some(d)) if d <= 0 => Err(OwnerError::Invalid(format!(
            "duration {d} must be more than 0 seconds (omit it to mute forever)"
        ))),
        (true, Some(d)) => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |t| t.as_secs() as i64);
            Ok(i32::try_from(now.saturating_add(d)).unwrap_or(MUTE_FOREVER))
        }
    }
}

/// A dialog's state in one line.
fn line(s: &DialogState) -> String {
    let mut marks = Vec::new();
    marks.push(if s.archived { "archived" } else { "in the main list" }.to_owned());
    if s.pinned {
        marks.push("pinned".to_owned());
    }
    if s.unread_mark {
        marks.push("marked unread".to_owned());
    }
    match (s.muted, s.muted_until) {
        (true, Some(until)) => marks.push(format!("muted until {}", render::date(until))),
        (true, None) => marks.push("muted forever".to_owned()),
        (false, _) => marks.push("notifications on".to_owned()),
    }
    format!("{} ({}): {}", render::clean(&s.title), s.chat_id, marks.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mute_durations_become_telegram_times() {
        assert_eq!(mute_until(false, None).unwrap(), 0);
        assert_eq!(mute_until(true, None).unwrap(), MUTE_FOREVER);
        assert!(mute_until(true, Some(0)).is_err());
        assert!(mute_until(false, Some(60)).is_err());
        assert_eq!(mute_until(true, Some(i64::MAX)).unwrap(), MUTE_FOREVER);
        assert!(mute_until(true, Some(3600)).unwrap() > 1_700_000_000);
    }
}
