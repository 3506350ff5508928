//! Reactions (send, list, unread, defaults, paid), polls (create, vote, results, voters, close), and contact, dice, location and venue messages.
//!
//! The Telegram side of the `reactions` tools.

#[allow(unused_imports)]
use super::Telegram;
