//! The `stories` tools through the real binary against the sandbox: Stories (read, post, edit, delete, react, pin, archive, stealth mode, report) and saved music.
