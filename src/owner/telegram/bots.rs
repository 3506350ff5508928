//! Inline bots and keyboard buttons, forum topics, voice transcription, fact checks and stickers.
//!
//! The Telegram side of the `bots` tools.

#[allow(unused_imports)]
use super::Telegram;
