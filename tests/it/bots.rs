//! The `bots` tools through the real binary against the sandbox: Inline bots and keyboard buttons, forum topics, voice transcription, fact checks and stickers.
