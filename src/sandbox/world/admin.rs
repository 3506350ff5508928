//! Sandbox state for the `admin` tools: Groups and channels: members and roles, creating, joining and leaving, inviting, kicking and banning, admin rights, permissions, slow mode, the channel toggles, join requests and the admin log.

/// What the `admin` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {}

/// Adds this family's part of the demo account (runs after the chats and messages exist).
pub(crate) fn seed(w: &mut super::World, now: i32) {
    let _ = (w, now);
}
