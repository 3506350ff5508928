//! RPCs of the `bots` tools: Inline bots and keyboard buttons, forum topics, voice transcription, fact checks and stickers.

use super::Call;
use crate::sandbox::world::{Failure, World};

/// Answers the call if it is one of this family's methods.
pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Result<Vec<u8>, Failure>> {
    let _ = (w, call, now);
    None
}
