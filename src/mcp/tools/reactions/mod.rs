//! Reactions (send, list, unread, defaults, paid), polls (create, vote, results, voters, close), and contact, dice, location and venue messages.

use rmcp::tool_router;

use super::Entry;
use crate::mcp::TelegramMcp;

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[];

#[tool_router(router = reactions_router, vis = "pub(super)", allow_empty)]
impl TelegramMcp {}
