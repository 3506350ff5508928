//! Sandbox state for the `folders` tools: Your dialogs and chats around them: archive, pin, mute and unread marks, invite links, statistics, boosts and chat folders.

/// What the `folders` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {}

/// Adds this family's part of the demo account (runs after the chats and messages exist).
pub(crate) fn seed(w: &mut super::World, now: i32) {
    let _ = (w, now);
}
