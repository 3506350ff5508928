//! RPCs of the `business` tools: Telegram Business (chat links, hours, location, greeting, away and intro), and the original's opt-in groups: Stars, group calls and quick replies.

use super::Call;
use crate::sandbox::world::{Failure, World};

/// Answers the call if it is one of this family's methods.
pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Result<Vec<u8>, Failure>> {
    let _ = (w, call, now);
    None
}
