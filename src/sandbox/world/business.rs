//! Sandbox state for the `business` tools: Telegram Business (chat links, hours, location, greeting, away and intro), and the original's opt-in groups: Stars, group calls and quick replies.

/// What the `business` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {}

/// Adds this family's part of the demo account (runs after the chats and messages exist).
pub(crate) fn seed(w: &mut super::World, now: i32) {
    let _ = (w, now);
}
