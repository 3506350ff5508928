//! Stories (read, post, edit, delete, react, pin, archive, stealth mode, report) and saved music.
//!
//! The Telegram side of the `stories` tools.

#[allow(unused_imports)]
use super::Telegram;
