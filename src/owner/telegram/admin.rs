//! Groups and channels: members and roles, creating, joining and leaving, inviting, kicking and banning, admin rights, permissions, slow mode, the channel toggles, join requests and the admin log.
//!
//! The Telegram side of the `admin` tools.

#[allow(unused_imports)]
use super::Telegram;
