//! Your dialogs and chats around them: archive, pin, mute and unread marks, invite links, statistics, boosts and chat folders.
//!
//! The Telegram side of the `folders` tools.

#[allow(unused_imports)]
use super::Telegram;
