//! RPCs of the `stories` tools: Stories (read, post, edit, delete, react, pin, archive, stealth mode, report) and saved music.

use super::Call;
use crate::sandbox::world::{Failure, World};

/// Answers the call if it is one of this family's methods.
pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Result<Vec<u8>, Failure>> {
    let _ = (w, call, now);
    None
}
