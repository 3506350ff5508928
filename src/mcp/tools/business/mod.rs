//! Telegram Business (chat links, hours, location, greeting, away and intro), and the original's opt-in groups: Stars, group calls and quick replies.
//!
//! One router per group of tools (`links`, `profile`, `stars`, `calls`), joined into
//! `business_router`; the arguments live beside their tools.

mod calls;
mod links;
mod profile;
mod profile_args;
mod stars;
mod stars_args;

use rmcp::handler::server::router::tool::ToolRouter;

use super::{Access, Entry, Profile};
use crate::mcp::TelegramMcp;

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[
    Entry { name: "telegram-get-business-chat-links", profile: Profile::Business, access: Access::Read },
    Entry { name: "telegram-create-business-chat-link", profile: Profile::Business, access: Access::Write },
    Entry { name: "telegram-edit-business-chat-link", profile: Profile::Business, access: Access::Write },
    Entry {
        name: "telegram-delete-business-chat-link",
        profile: Profile::Business,
        access: Access::Destructive,
    },
    Entry { name: "telegram-resolve-business-chat-link", profile: Profile::Business, access: Access::Read },
    Entry { name: "telegram-set-business-hours", profile: Profile::Business, access: Access::Write },
    Entry { name: "telegram-set-business-location", profile: Profile::Business, access: Access::Write },
    Entry { name: "telegram-set-business-greeting", profile: Profile::Business, access: Access::Write },
    Entry { name: "telegram-set-business-away", profile: Profile::Business, access: Access::Write },
    Entry { name: "telegram-set-business-intro", profile: Profile::Business, access: Access::Write },
    Entry { name: "telegram-get-stars-status", profile: Profile::Stars, access: Access::Read },
    Entry { name: "telegram-get-stars-transactions", profile: Profile::Stars, access: Access::Read },
    Entry { name: "telegram-get-stars-subscriptions", profile: Profile::Stars, access: Access::Read },
    Entry { name: "telegram-change-stars-subscription", profile: Profile::Stars, access: Access::Write },
    Entry { name: "telegram-get-stars-topup-options", profile: Profile::Stars, access: Access::Read },
    Entry { name: "telegram-get-available-star-gifts", profile: Profile::Stars, access: Access::Read },
    Entry { name: "telegram-get-saved-star-gifts", profile: Profile::Stars, access: Access::Read },
    Entry { name: "telegram-save-star-gift", profile: Profile::Stars, access: Access::Write },
    Entry { name: "telegram-convert-star-gift", profile: Profile::Stars, access: Access::Destructive },
    Entry { name: "telegram-get-group-call", profile: Profile::Calls, access: Access::Read },
    Entry { name: "telegram-get-group-call-participants", profile: Profile::Calls, access: Access::Read },
    Entry { name: "telegram-get-quick-replies", profile: Profile::QuickReplies, access: Access::Read },
    Entry { name: "telegram-get-quick-reply-messages", profile: Profile::QuickReplies, access: Access::Read },
];

impl TelegramMcp {
    /// Every tool of the family.
    pub(super) fn business_router() -> ToolRouter<Self> {
        Self::business_links_router()
            + Self::business_profile_router()
            + Self::stars_router()
            + Self::calls_router()
    }
}

/// A Telegram string offset as given (`""` is the first page).
fn offset(value: Option<&str>) -> &str {
    value.map_or("", str::trim)
}
