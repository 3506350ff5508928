//! Messages beyond sending: scheduled messages, drafts, pins, typing, unread mentions, read participants and outbox read dates, discussion threads, saved dialogs, translation, web previews, spam reports and auto-delete timers.

use rmcp::tool_router;

use super::Entry;
use crate::mcp::TelegramMcp;

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[];

#[tool_router(router = compose_router, vis = "pub(super)", allow_empty)]
impl TelegramMcp {}
