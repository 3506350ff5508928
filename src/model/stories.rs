//! Stories (read, post, edit, delete, react, pin, archive, stealth mode, report) and saved music.
