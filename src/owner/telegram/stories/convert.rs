//! TL → model for stories: story items (deleted ones dropped, skipped ones marked), peer
//! stories with their read mark, viewers, report steps and songs; and the base64 that report
//! options travel in.

use grammers_client::tl;

use super::super::Telegram;
use super::super::convert::document_kind;
use super::super::peers::peer_id;
use crate::model::stories::{PeerStories, ReportOption, ReportStep, StealthMode, Story, Track};

impl Telegram {
    /// A peer's stories with its display name, if known.
    pub(super) fn peer_stories(&self, raw: &tl::enums::PeerStories) -> PeerStories {
        let tl::enums::PeerStories::Stories(p) = raw;
        let chat_id = peer_id(&p.peer);
        let max_read_id = p.max_read_id.unwrap_or(0);
        let stories: Vec<Story> =
            p.stories.iter().filter_map(|s| story(chat_id, s, Some(max_read_id))).collect();
        PeerStories {
            chat_id,
            title: self.known(chat_id).map(|t| t.title),
            max_read_id,
            unread: stories.iter().filter(|s| s.id > max_read_id).count() as i32,
            stories,
        }
    }
}

/// A story of `chat_id`; `None` for a deleted one. `max_read` (when known) decides `seen`.
pub(super) fn story(chat_id: i64, raw: &tl::enums::StoryItem, max_read: Option<i32>) -> Option<Story> {
    let blank = |id: i32, date: i32, expire_date: i32| Story {
        id,
        chat_id,
        date: i64::from(date),
        expire_date: i64::from(expire_date),
        caption: None,
        media_type: None,
        privacy: None,
        pinned: false,
        noforwards: false,
        edited: false,
        out: false,
        seen: max_read.map(|m| id <= m),
        views: None,
        forwards: None,
        reactions: None,
        sent_reaction: None,
        skipped: false,
    };
    match raw {
        tl::enums::StoryItem::Deleted(_) => None,
        tl::enums::StoryItem::Skipped(s) => {
            Some(Story { skipped: true, ..blank(s.id, s.date, s.expire_date) })
        }
        tl::enums::StoryItem::Item(s) => {
            let views = s.views.as_ref().map(|tl::enums::StoryViews::Views(v)| v);
            let privacy = if s.public {
                Some("everyone")
            } else if s.close_friends {
                Some("close_friends")
            } else if s.selected_contacts {
                Some("selected")
            } else if s.contacts {
                Some("contacts")
            } else {
                None
            };
            Some(Story {
                caption: s.caption.clone().filter(|c| !c.is_empty()),
                media_type: Some(media_type(&s.media)),
                privacy: privacy.map(str::to_owned),
                pinned: s.pinned,
                noforwards: s.noforwards,
                edited: s.edited,
                out: s.out,
                views: views.map(|v| v.views_count),
                forwards: views.and_then(|v| v.forwards_count),
                reactions: views.and_then(|v| v.reactions_count),
                sent_reaction: s.sent_reaction.as_ref().and_then(reaction),
                ..blank(s.id, s.date, s.expire_date)
            })
        }
    }
}

pub(super) fn reaction(r: &tl::enums::Reaction) -> Option<String> {
    match r {
        tl::enums::Reaction::Emoji(e) => Some(e.emoticon.clone()),
        tl::enums::Reaction::CustomEmoji(c) => Some(format!("custom:{}", c.document_id)),
        tl::enums::Reaction::Paid => Some("⭐".to_owned()),
        tl::enums::Reaction::Empty => None,
    }
}

pub(super) fn stealth(raw: &tl::enums::StoriesStealthMode) -> StealthMode {
    let tl::enums::StoriesStealthMode::Mode(m) = raw;
    StealthMode {
        active_until: m.active_until_date.map(i64::from),
        cooldown_until: m.cooldown_until_date.map(i64::from),
    }
}

pub(super) fn report_step(raw: tl::enums::ReportResult) -> ReportStep {
    let step = |result: &str| ReportStep {
        result: result.to_owned(),
        title: None,
        options: Vec::new(),
        option: None,
        comment_optional: None,
    };
    match raw {
        tl::enums::ReportResult::ChooseOption(c) => ReportStep {
            title: Some(c.title),
            options: c
                .options
                .iter()
                .map(|tl::enums::MessageReportOption::Option(o)| ReportOption {
                    text: o.text.clone(),
                    option: base64(&o.option),
                })
                .collect(),
            ..step("choose_option")
        },
        tl::enums::ReportResult::AddComment(c) => ReportStep {
            option: Some(base64(&c.option)),
            comment_optional: Some(c.optional),
            ..step("add_comment")
        },
        tl::enums::ReportResult::Reported => step("reported"),
    }
}

pub(super) fn track(raw: &tl::enums::Document) -> Option<Track> {
    let tl::enums::Document::Document(d) = raw else { return None };
    let mut t = Track {
        id: d.id.to_string(),
        title: None,
        performer: None,
        duration: None,
        file_name: None,
        mime_type: d.mime_type.clone(),
        size: d.size,
    };
    for attribute in &d.attributes {
        match attribute {
            tl::enums::DocumentAttribute::Audio(a) => {
                (t.title, t.performer, t.duration) = (a.title.clone(), a.performer.clone(), Some(a.duration));
            }
            tl::enums::DocumentAttribute::Filename(f) => t.file_name = Some(f.file_name.clone()),
            _ => {}
        }
    }
    Some(t)
}

fn media_type(media: &tl::enums::MessageMedia) -> String {
    match media {
        tl::enums::MessageMedia::Photo(_) => "photo".to_owned(),
        tl::enums::MessageMedia::Document(d) => match &d.document {
            Some(tl::enums::Document::Document(doc)) => document_kind(doc).to_owned(),
            _ => "document".to_owned(),
        },
        other => {
            // The class name, e.g. `messageMediaGeo`: the first four bytes are the constructor.
            let bytes = tl::Serializable::to_bytes(other);
            let id = bytes.get(..4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
            tl::name_for_id(id).to_owned()
        }
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub(super) fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard (or URL-safe) base64, padded or not.
pub(super) fn unbase64(text: &str) -> Option<Vec<u8>> {
    let text = text.trim().trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for bytes in [&b""[..], b"s", b"sp", b"spa", b"spam", b"other\xff\x00"] {
            assert_eq!(unbase64(&base64(bytes)).unwrap(), bytes);
        }
        assert_eq!(base64(b"spam"), "c3BhbQ==");
        assert!(unbase64("not base64!").is_none());
    }
}
