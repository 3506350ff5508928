//! Groups and channels: members and roles, creating, joining and leaving, inviting, kicking and banning, admin rights, permissions, slow mode, the channel toggles, join requests and the admin log.

use rmcp::tool_router;

use super::Entry;
use crate::mcp::TelegramMcp;

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[];

#[tool_router(router = admin_router, vis = "pub(super)", allow_empty)]
impl TelegramMcp {}
