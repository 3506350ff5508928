//! Telegram Business (chat links, hours, location, greeting, away and intro), and the original's opt-in groups: Stars, group calls and quick replies.
//!
//! The Telegram side of the `business` tools.

#[allow(unused_imports)]
use super::Telegram;
