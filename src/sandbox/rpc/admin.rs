//! RPCs of the `admin` tools: Groups and channels: members and roles, creating, joining and leaving, inviting, kicking and banning, admin rights, permissions, slow mode, the channel toggles, join requests and the admin log.

use super::Call;
use crate::sandbox::world::{Failure, World};

/// Answers the call if it is one of this family's methods.
pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Result<Vec<u8>, Failure>> {
    let _ = (w, call, now);
    None
}
