//! Your dialogs and chats around them: archive, pin, mute and unread marks, invite links, statistics, boosts and chat folders.

use rmcp::tool_router;

use super::Entry;
use crate::mcp::TelegramMcp;

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[];

#[tool_router(router = folders_router, vis = "pub(super)", allow_empty)]
impl TelegramMcp {}
