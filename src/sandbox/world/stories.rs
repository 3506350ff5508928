//! Sandbox state for the `stories` tools: Stories (read, post, edit, delete, react, pin, archive, stealth mode, report) and saved music.

/// What the `stories` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {}

/// Adds this family's part of the demo account (runs after the chats and messages exist).
pub(crate) fn seed(w: &mut super::World, now: i32) {
    let _ = (w, now);
}
