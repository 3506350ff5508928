//! Telegram Business (chat links, hours, location, greeting, away and intro), and the original's opt-in groups: Stars, group calls and quick replies.

use rmcp::tool_router;

use super::Entry;
use crate::mcp::TelegramMcp;

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[];

#[tool_router(router = business_router, vis = "pub(super)", allow_empty)]
impl TelegramMcp {}
