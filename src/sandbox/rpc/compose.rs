//! RPCs of the `compose` tools: Messages beyond sending: scheduled messages, drafts, pins, typing, unread mentions, read participants and outbox read dates, discussion threads, saved dialogs, translation, web previews, spam reports and auto-delete timers.

use super::Call;
use crate::sandbox::world::{Failure, World};

/// Answers the call if it is one of this family's methods.
pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Result<Vec<u8>, Failure>> {
    let _ = (w, call, now);
    None
}
