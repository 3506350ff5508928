//! The `folders` tools through the real binary against the sandbox: Your dialogs and chats around them: archive, pin, mute and unread marks, invite links, statistics, boosts and chat folders.
