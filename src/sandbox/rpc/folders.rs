//! RPCs of the `folders` tools: Your dialogs and chats around them: archive, pin, mute and unread marks, invite links, statistics, boosts and chat folders.

use super::Call;
use crate::sandbox::world::{Failure, World};

/// Answers the call if it is one of this family's methods.
pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Result<Vec<u8>, Failure>> {
    let _ = (w, call, now);
    None
}
