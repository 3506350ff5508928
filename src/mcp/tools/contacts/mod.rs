//! The account: signing in and out, contacts and blocks, sessions, privacy, the profile, emoji status, colour, birthday and personal channel.

use rmcp::tool_router;

use super::Entry;
use crate::mcp::TelegramMcp;

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[];

#[tool_router(router = contacts_router, vis = "pub(super)", allow_empty)]
impl TelegramMcp {}
