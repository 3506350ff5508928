//! Compact text renderings of the stories tools' results (captions and names are cleaned).

use std::fmt::Write;

use crate::mcp::render::{clean, date};
use crate::model::stories::{AllStories, PeerStories, ReportStep, SavedMusic, Story, StoryList, StoryViews};

pub(super) fn story(s: &Story) -> String {
    let kind = s.media_type.as_deref().unwrap_or("story");
    let mut line = format!("#{} {} [{kind}]", s.id, date(s.date));
    if s.skipped {
        line.push_str(" (not loaded: fetch by id)");
    }
    if let Some(c) = &s.caption {
        let _ = write!(line, " {}", clean(c));
    }
    let mut notes = Vec::new();
    notes.push(format!("expires {}", date(s.expire_date)));
    if let Some(p) = &s.privacy {
        notes.push(p.clone());
    }
    if s.pinned {
        notes.push("pinned".into());
    }
    if s.seen == Some(false) {
        notes.push("unread".into());
    }
    if let Some(v) = s.views {
        notes.push(format!("{v} views"));
    }
    if let Some(r) = s.reactions.filter(|r| *r > 0) {
        notes.push(format!("{r} reactions"));
    }
    if let Some(r) = &s.sent_reaction {
        notes.push(format!("you reacted {r}"));
    }
    let _ = write!(line, " ({})", notes.join(", "));
    line
}

pub(super) fn peer(p: &PeerStories) -> String {
    let title = p.title.as_deref().map(clean).unwrap_or_default();
    let mut out = format!("{title} (id {}): {} stories, {} unread", p.chat_id, p.stories.len(), p.unread);
    for s in &p.stories {
        let _ = write!(out, "\n  {}", story(s));
    }
    out
}

pub(super) fn feed(a: &AllStories) -> String {
    if a.not_modified {
        return format!("no change since that state (state {})", a.state);
    }
    let mut out = format!("{} of {} peer(s) with stories", a.peers.len(), a.count.unwrap_or(0));
    for p in &a.peers {
        let _ = write!(out, "\n{}", peer(p));
    }
    if a.has_more {
        let _ = write!(out, "\nmore: call again with next: true, state: {:?}", a.state);
    }
    out
}

pub(super) fn list(l: &StoryList) -> String {
    let mut out = format!("{} of {} story(ies) of {}", l.stories.len(), l.count, l.chat_id);
    if !l.pinned_to_top.is_empty() {
        let _ = write!(out, "; pinned to top: {:?}", l.pinned_to_top);
    }
    for s in &l.stories {
        let _ = write!(out, "\n{}", story(s));
    }
    if !l.missing.is_empty() {
        let _ = write!(out, "\nnot found: {:?}", l.missing);
    }
    if let Some(next) = l.next_offset_id {
        let _ = write!(out, "\nmore: offsetId {next}");
    }
    out
}

pub(super) fn views(v: &StoryViews) -> String {
    let mut out = format!(
        "story #{}: {} views, {} reactions, {} forwards; {} viewer(s) match",
        v.story_id, v.views_count, v.reactions_count, v.forwards_count, v.count
    );
    for viewer in &v.viewers {
        let name = viewer.name.as_deref().map(clean).unwrap_or_default();
        let _ = write!(out, "\n{name} (id {}) {}", viewer.user_id, date(viewer.date));
        if let Some(r) = &viewer.reaction {
            let _ = write!(out, " {r}");
        }
    }
    if let Some(next) = &v.next_offset {
        let _ = write!(out, "\nmore: offset {next:?}");
    }
    out
}

pub(super) fn report(r: &ReportStep) -> String {
    match r.result.as_str() {
        "choose_option" => {
            let mut out = format!("{}: call again with one option", clean(r.title.as_deref().unwrap_or("")));
            for o in &r.options {
                let _ = write!(out, "\n{} → option {:?}", clean(&o.text), o.option);
            }
            out
        }
        "add_comment" => format!(
            "add a comment: call again with option {:?} and a message{}",
            r.option.as_deref().unwrap_or(""),
            if r.comment_optional == Some(true) { " (may be empty)" } else { "" }
        ),
        _ => "reported".to_owned(),
    }
}

pub(super) fn music(m: &SavedMusic) -> String {
    let mut out = format!("{} of {} track(s) on the profile of {}", m.tracks.len(), m.count, m.user_id);
    for t in &m.tracks {
        let title = t.title.as_deref().map(clean).unwrap_or_else(|| "?".into());
        let performer = t.performer.as_deref().map(clean).unwrap_or_else(|| "?".into());
        let _ = write!(out, "\n{performer} — {title} ({} s, {} bytes)", t.duration.unwrap_or(0), t.size);
    }
    if let Some(next) = m.next_offset {
        let _ = write!(out, "\nmore: offset {next}");
    }
    out
}
