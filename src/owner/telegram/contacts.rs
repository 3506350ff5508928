//! The account: signing in and out, contacts and blocks, sessions, privacy, the profile, emoji status, colour, birthday and personal channel.
//!
//! The Telegram side of the `contacts` tools.

#[allow(unused_imports)]
use super::Telegram;
