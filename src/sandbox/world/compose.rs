//! Sandbox state for the `compose` tools: Messages beyond sending: scheduled messages, drafts, pins, typing, unread mentions, read participants and outbox read dates, discussion threads, saved dialogs, translation, web previews, spam reports and auto-delete timers.

/// What the `compose` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {}

/// Adds this family's part of the demo account (runs after the chats and messages exist).
pub(crate) fn seed(w: &mut super::World, now: i32) {
    let _ = (w, now);
}
