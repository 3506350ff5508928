//! Inline bots and keyboard buttons, forum topics, voice transcription, fact checks and stickers.

use rmcp::tool_router;

use super::Entry;
use crate::mcp::TelegramMcp;

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[];

#[tool_router(router = bots_router, vis = "pub(super)", allow_empty)]
impl TelegramMcp {}
