//! Inline bots and keyboard buttons, forum topics, voice transcription, fact checks and stickers.
