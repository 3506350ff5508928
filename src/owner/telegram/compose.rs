//! Messages beyond sending: scheduled messages, drafts, pins, typing, unread mentions, read participants and outbox read dates, discussion threads, saved dialogs, translation, web previews, spam reports and auto-delete timers.
//!
//! The Telegram side of the `compose` tools.

#[allow(unused_imports)]
use super::Telegram;
