//! Compact text renderings of tool results (the `content` text beside `structuredContent`).
//! Telegram text is untrusted: control, zero-width and bidi-override characters are removed
//! so a message cannot hide or reorder what the agent reads.

use std::fmt::Write;

use crate::model::{Chat, ChatDetails, ChatKind, Message, Status};

/// Removes characters that can hide or reorder text; keeps newlines and tabs.
pub(crate) fn clean(text: &str) -> String {
    text.chars().filter(|c| !hidden(*c)).collect()
}

fn hidden(c: char) -> bool {
    let control = c.is_control() && c != '\n' && c != '\t';
    let invisible =
        matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
    control || invisible
}

/// `YYYY-MM-DD HH:MM` UTC for a unix time.
pub(crate) fn date(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Civil-from-days (proleptic Gregorian), valid for every date Telegram can send.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", secs / 3600, secs % 3600 / 60)
}

pub(crate) fn chat_line(c: &Chat) -> String {
    let kind = match c.kind {
        ChatKind::User => "user",
        ChatKind::Bot => "bot",
        ChatKind::Saved => "saved",
        ChatKind::Group => "group",
        ChatKind::Supergroup if c.forum => "forum",
        ChatKind::Supergroup => "supergroup",
        ChatKind::Channel => "channel",
    };
    let mut line = format!("{} [{kind}] id {}", clean(&c.title), c.id);
    if let Some(u) = &c.username {
        let _ = write!(line, " @{u}");
    }
    if c.unread > 0 {
        let _ = write!(line, " · {} unread", c.unread);
    }
    line
}

pub(crate) fn chats(list: &[Chat], next: Option<&str>) -> String {
    let mut out = list.iter().map(chat_line).collect::<Vec<_>>().join("\n");
    if list.is_empty() {
        out.push_str("no chats");
    }
    more(&mut out, next);
    out
}

pub(crate) fn details(d: &ChatDetails) -> String {
    let mut out = chat_line(&d.chat);
    if let Some(members) = d.members {
        let _ = write!(out, "\nmembers: {members}");
    }
    if let Some(about) = &d.description {
        let _ = write!(out, "\nabout: {}", clean(about));
    }
    for t in &d.topics {
        let _ = write!(out, "\n  # {} (topic {}){}", clean(&t.title), t.id, unread(t.unread));
    }
    out
}

pub(crate) fn message(m: &Message) -> String {
    let who = match (&m.sender, m.out) {
        (_, true) => "me".to_owned(),
        (Some(s), false) => match &s.username {
            Some(u) => format!("{} (@{u})", clean(&s.name)),
            None => clean(&s.name),
        },
        (None, false) => "channel".to_owned(),
    };
    let mut line = format!("#{} {} {who}", m.id, date(m.date));
    if let Some(r) = m.reply_to {
        let _ = write!(line, " ↩#{r}");
    }
    if let Some(from) = &m.forwarded_from {
        let _ = write!(line, " [fwd from {}]", clean(from));
    }
    let _ = write!(line, ": {}", clean(&m.text));
    if let Some(media) = &m.media {
        let _ = write!(line, " [{media}]");
    }
    if m.edited.is_some() {
        line.push_str(" (edited)");
    }
    for r in &m.reactions {
        let _ = write!(line, " {}×{}", r.emoji, r.count);
    }
    line
}

pub(crate) fn messages(title: Option<&str>, list: &[Message], next: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(title) = title {
        let _ = writeln!(out, "{}:", clean(title));
    }
    if list.is_empty() {
        out.push_str("no messages");
    }
    out.push_str(&list.iter().map(message).collect::<Vec<_>>().join("\n"));
    more(&mut out, next);
    out
}

pub(crate) fn status(s: &Status) -> String {
    let mut out = s.description.clone();
    let _ = write!(
        out,
        "\nowner pid {} · {} client(s) · up {} s · v{}",
        s.owner_pid, s.clients, s.uptime_seconds, s.version
    );
    if s.sandbox {
        out.push_str(" · sandbox (simulated Telegram)");
    }
    out
}

fn unread(n: i32) -> String {
    if n > 0 { format!(" · {n} unread") } else { String::new() }
}

fn more(out: &mut String, next: Option<&str>) {
    if let Some(cursor) = next {
        let _ = write!(out, "\n(more: pass cursor \"{cursor}\")");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_minutes() {
        assert_eq!(date(0), "1970-01-01 00:00");
        assert_eq!(date(1_795_000_000), "2026-11-18 11:06");
        assert_eq!(date(951_782_400), "2000-02-29 00:00");
    }

    #[test]
    fn hidden_characters_are_removed() {
        assert_eq!(clean("a\u{202e}b\u{200b}c\u{0007}\nd"), "abc\nd");
        assert_eq!(clean("Привет 👋"), "Привет 👋");
    }
}
