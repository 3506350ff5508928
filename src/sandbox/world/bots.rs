//! Sandbox state for the `bots` tools: Inline bots and keyboard buttons, forum topics, voice transcription, fact checks and stickers.

/// What the `bots` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {}

/// Adds this family's part of the demo account (runs after the chats and messages exist).
pub(crate) fn seed(w: &mut super::World, now: i32) {
    let _ = (w, now);
}
