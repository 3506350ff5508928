//! Messages beyond sending: scheduled messages, drafts, pins, typing, unread mentions, read participants and outbox read dates, discussion threads, saved dialogs, translation, web previews, spam reports and auto-delete timers.
//!
//! `queue.rs` holds the tools that prepare or mark messages (scheduled, drafts, pins, typing),
//! `insight.rs` those that read about them or act on a chat (mentions, receipts, threads,
//! Saved Messages dialogs, translation, previews, spam reports, auto-delete).

mod args;
mod insight;
mod queue;

use rmcp::handler::server::router::tool::ToolRouter;

use super::{Access, Entry, Profile};
use crate::mcp::TelegramMcp;

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[
    Entry { name: "telegram-get-scheduled", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-delete-scheduled", profile: Profile::Messaging, access: Access::Destructive },
    Entry { name: "telegram-send-scheduled", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-save-draft", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-get-drafts", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-clear-drafts", profile: Profile::Messaging, access: Access::Destructive },
    Entry { name: "telegram-pin-message", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-unpin-message", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-send-typing", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-get-unread-mentions", profile: Profile::Messaging, access: Access::Write },
    Entry {
        name: "telegram-get-message-read-participants",
        profile: Profile::Messaging,
        access: Access::Read,
    },
    Entry { name: "telegram-get-outbox-read-date", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-get-discussion-message", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-get-groups-for-discussion", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-get-saved-dialogs", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-translate-message", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-get-web-preview", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-report-spam", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-set-auto-delete", profile: Profile::Messaging, access: Access::Write },
];

impl TelegramMcp {
    /// Both halves of the family.
    pub(super) fn compose_router() -> ToolRouter<Self> {
        Self::compose_queue_router() + Self::compose_insight_router()
    }
}
