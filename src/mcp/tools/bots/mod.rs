//! Inline bots and keyboard buttons (`inline`), forum topics (`topics`), voice transcription
//! and fact checks (`notes`), and stickers (`stickers`).

mod inline;
mod notes;
mod stickers;
mod topics;

use rmcp::handler::server::router::tool::ToolRouter;

use super::{Access, Entry, Profile};
use crate::mcp::TelegramMcp;
use crate::owner::OwnerError;

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[
    Entry { name: "telegram-inline-query", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-inline-query-send", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-get-message-buttons", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-press-button", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-list-topics", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-read-topic-messages", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-create-topic", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-edit-topic", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-delete-topic", profile: Profile::Messaging, access: Access::Destructive },
    Entry { name: "telegram-transcribe-audio", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-get-transcription", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-rate-transcription", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-get-fact-check", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-edit-fact-check", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-delete-fact-check", profile: Profile::Messaging, access: Access::Destructive },
    Entry { name: "telegram-get-sticker-set", profile: Profile::Account, access: Access::Read },
    Entry { name: "telegram-search-sticker-sets", profile: Profile::Account, access: Access::Read },
    Entry { name: "telegram-get-installed-stickers", profile: Profile::Account, access: Access::Read },
    Entry { name: "telegram-send-sticker", profile: Profile::Account, access: Access::Write },
    Entry { name: "telegram-get-recent-stickers", profile: Profile::Account, access: Access::Read },
];

impl TelegramMcp {
    /// The family's tools in one router.
    pub(super) fn bots_router() -> ToolRouter<Self> {
        Self::inline_router() + Self::topics_router() + Self::notes_router() + Self::stickers_router()
    }
}

/// A numeric id given as a string (`queryId`, `transcriptionId`, `iconEmojiId`).
fn digits(value: &str, name: &str) -> Result<i64, OwnerError> {
    value.trim().parse::<i64>().map_err(|_| {
        OwnerError::Invalid(format!("{name} {value:?} is not a number: pass the digits as given"))
    })
}
