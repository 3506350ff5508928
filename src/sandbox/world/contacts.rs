//! Sandbox state for the `contacts` tools: The account: signing in and out, contacts and blocks, sessions, privacy, the profile, emoji status, colour, birthday and personal channel.

/// What the `contacts` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {}

/// Adds this family's part of the demo account (runs after the chats and messages exist).
pub(crate) fn seed(w: &mut super::World, now: i32) {
    let _ = (w, now);
}
