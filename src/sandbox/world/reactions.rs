//! Sandbox state for the `reactions` tools: Reactions (send, list, unread, defaults, paid), polls (create, vote, results, voters, close), and contact, dice, location and venue messages.

/// What the `reactions` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {}

/// Adds this family's part of the demo account (runs after the chats and messages exist).
pub(crate) fn seed(w: &mut super::World, now: i32) {
    let _ = (w, now);
}
