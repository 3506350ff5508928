//! Stories (read, post, edit, delete, react, pin, archive, stealth mode, report) and saved music.

use rmcp::tool_router;

use super::Entry;
use crate::mcp::TelegramMcp;

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[];

#[tool_router(router = stories_router, vis = "pub(super)", allow_empty)]
impl TelegramMcp {}
