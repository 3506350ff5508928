//! Stories (read, post, edit, delete, react, pin, archive, stealth mode, report) and saved music.
//! Reading tools are in `read`, posting and editing (an upload from the files directory) in
//! `post`, the other changes in `write`; the three routers make the family's one.

mod args;
mod post;
mod read;
mod render;
mod write;

use rmcp::handler::server::router::tool::ToolRouter;

use super::{Access, ChatArg, Entry, Profile};
use crate::mcp::TelegramMcp;
use crate::owner::{OwnerError, Target};

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[
    Entry { name: "telegram-get-all-stories", profile: Profile::Stories, access: Access::Read },
    Entry { name: "telegram-get-peer-stories", profile: Profile::Stories, access: Access::Read },
    Entry { name: "telegram-get-stories-by-id", profile: Profile::Stories, access: Access::Read },
    Entry { name: "telegram-get-story-views", profile: Profile::Stories, access: Access::Read },
    Entry { name: "telegram-send-story", profile: Profile::Stories, access: Access::Write },
    Entry { name: "telegram-edit-story", profile: Profile::Stories, access: Access::Write },
    Entry { name: "telegram-delete-stories", profile: Profile::Stories, access: Access::Destructive },
    Entry { name: "telegram-react-to-story", profile: Profile::Stories, access: Access::Write },
    Entry { name: "telegram-export-story-link", profile: Profile::Stories, access: Access::Read },
    Entry { name: "telegram-read-stories", profile: Profile::Stories, access: Access::Write },
    Entry { name: "telegram-toggle-story-pinned", profile: Profile::Stories, access: Access::Write },
    Entry { name: "telegram-toggle-story-pinned-to-top", profile: Profile::Stories, access: Access::Write },
    Entry { name: "telegram-activate-stealth-mode", profile: Profile::Stories, access: Access::Write },
    Entry { name: "telegram-get-stories-archive", profile: Profile::Stories, access: Access::Read },
    Entry { name: "telegram-report-story", profile: Profile::Stories, access: Access::Write },
    Entry { name: "telegram-get-saved-music", profile: Profile::Stories, access: Access::Read },
];

/// Most stories pinned to the top of a profile (Telegram's `stories_pinned_to_top_count_max`).
const MAX_PINNED_TO_TOP: usize = 3;

impl TelegramMcp {
    /// The family's tools in one router.
    pub(super) fn stories_router() -> ToolRouter<Self> {
        Self::stories_read_router() + Self::stories_post_router() + Self::stories_write_router()
    }

    /// The peer whose stories a tool manages: the given chat, or yourself.
    async fn story_owner(&self, chat: Option<&ChatArg>) -> Result<Target, OwnerError> {
        match chat {
            Some(chat) => self.chat(chat).await,
            None => self.chat(&ChatArg::Name("me".to_owned())).await,
        }
    }
}

/// Story ids: 1 to 100 positive ids (`allow_empty` for the call that clears a list).
fn story_ids(ids: &[i32], allow_empty: bool) -> Result<(), OwnerError> {
    if ids.is_empty() && !allow_empty {
        return Err(OwnerError::Invalid("ids is empty: give 1 to 100 story ids".into()));
    }
    if ids.len() > 100 {
        return Err(OwnerError::Invalid(format!("{} ids given; at most 100 per call", ids.len())));
    }
    if let Some(bad) = ids.iter().find(|id| **id <= 0) {
        return Err(OwnerError::Invalid(format!("story id {bad} is not positive")));
    }
    Ok(())
}

fn story_id(id: i32, name: &str) -> Result<(), OwnerError> {
    if id <= 0 {
        return Err(OwnerError::Invalid(format!("{name} {id} is not a story id (they start at 1)")));
    }
    Ok(())
}
