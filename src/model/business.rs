//! Telegram Business (chat links, hours, location, greeting, away and intro), and the original's opt-in groups: Stars, group calls and quick replies.
