//! RPCs of the `stories` tools: the feed (`stories.getAllStories`, paged by peers with a
//! `state` that answers `allStoriesNotModified` when nothing changed), a peer's stories, by id
//! and the own archive, viewers of own stories, delete, pin and pin-to-top, reactions, links,
//! read marks, stealth mode (Premium), reports (the option flow: choose an option, maybe add a
//! comment, reported) and `users.getSavedMusic`. Posting and editing (`post`) may consume an
//! upload and run on the blocking pool through `files::route`.

mod post;
mod render;

use grammers_tl_types::{Identifiable, Serializable, enums, functions as f, types};

use super::{Call, input_peer, input_user, parse};
use crate::sandbox::world::stories::{
    MAX_PINNED_TO_TOP, Report, STEALTH_ACTIVE, STEALTH_COOLDOWN, STEALTH_PAST,
};
use crate::sandbox::world::tl::{Peers, message_media, peer};
use crate::sandbox::world::{Failure, PeerKey, World};
pub(super) use post::{edit_story, send_story};
use render::{own, peer_stories, reaction, stealth, story_item};

type Answer = Result<Vec<u8>, Failure>;

/// Peers per page of the feed (small, so that paging is exercised with the demo account).
const FEED_PAGE: usize = 2;
/// Largest page of stories or viewers.
const MAX_PAGE: i32 = 100;
/// The report options: (option bytes, text, whether a comment is required).
const REPORT_OPTIONS: [(&[u8], &str, bool); 4] = [
    (b"spam", "Spam", false),
    (b"violence", "Violence", false),
    (b"copyright", "Copyright", false),
    (b"other", "Other", true),
];

/// Answers the call if it is one of this family's methods.
pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Answer> {
    let b = &call.body;
    let answer = match call.method {
        f::stories::GetAllStories::CONSTRUCTOR_ID => parse(b).and_then(|r| all_stories(w, r, now)),
        f::stories::GetPeerStories::CONSTRUCTOR_ID => parse(b).and_then(|r| get_peer_stories(w, r, now)),
        f::stories::GetStoriesById::CONSTRUCTOR_ID => parse(b).and_then(|r| by_id(w, r, now)),
        f::stories::GetStoriesArchive::CONSTRUCTOR_ID => parse(b).and_then(|r| archive(w, r)),
        f::stories::GetStoryViewsList::CONSTRUCTOR_ID => parse(b).and_then(|r| views_list(w, r)),
        f::stories::DeleteStories::CONSTRUCTOR_ID => parse(b).and_then(|r| delete(w, r)),
        f::stories::TogglePinned::CONSTRUCTOR_ID => parse(b).and_then(|r| toggle_pinned(w, r)),
        f::stories::TogglePinnedToTop::CONSTRUCTOR_ID => parse(b).and_then(|r| pinned_to_top(w, r)),
        f::stories::SendReaction::CONSTRUCTOR_ID => parse(b).and_then(|r| send_reaction(w, r, now)),
        f::stories::ExportStoryLink::CONSTRUCTOR_ID => parse(b).and_then(|r| export_link(w, r)),
        f::stories::ReadStories::CONSTRUCTOR_ID => parse(b).and_then(|r| read(w, r, now)),
        f::stories::ActivateStealthMode::CONSTRUCTOR_ID => parse(b).and_then(|r| activate_stealth(w, r, now)),
        f::stories::Report::CONSTRUCTOR_ID => parse(b).and_then(|r| report(w, r)),
        f::users::GetSavedMusic::CONSTRUCTOR_ID => parse(b).and_then(|r| saved_music(w, r)),
        _ => return None,
    };
    Some(answer)
}

/// The feed: peers with active stories (the account's own first, then unread ones, then the
/// newest), from the main or the hidden list.
fn all_stories(w: &World, r: f::stories::GetAllStories, now: i32) -> Answer {
    let state = |offset: usize| format!("sbx:{}:{}:{offset}", w.stories.generation, u8::from(r.hidden));
    let given = r.state.as_deref().and_then(|s| parse_state(s, r.hidden));
    if !r.next && given.is_some_and(|(generation, _)| generation == w.stories.generation) {
        let same = types::stories::AllStoriesNotModified {
            state: state(0),
            stealth_mode: stealth(w.stories.stealth),
        };
        return Ok(enums::stories::AllStories::NotModified(same).to_bytes());
    }
    let offset = if r.next { given.map_or(0, |(_, offset)| offset) } else { 0 };
    let mut feed: Vec<(PeerKey, bool, i32)> = w
        .stories
        .peers
        .iter()
        .filter(|(_, l)| l.hidden == r.hidden)
        .filter_map(|(p, l)| {
            let active: Vec<_> = l.stories.values().filter(|s| s.active(now)).collect();
            let newest = active.iter().map(|s| s.date).max()?;
            let unread = active.iter().any(|s| s.id > l.max_read_id);
            Some((*p, unread, newest))
        })
        .collect();
    feed.sort_by_key(|(p, unread, newest)| (!own(w, *p), !unread, std::cmp::Reverse(*newest)));
    let page: Vec<PeerKey> = feed.iter().skip(offset).take(FEED_PAGE).map(|(p, _, _)| *p).collect();
    let mut peers = Peers::default();
    page.iter().for_each(|p| peers.add(*p));
    let peer_stories = page.iter().map(|p| peer_stories(w, *p, w.stories.of(*p), now)).collect();
    let (users, chats) = peers.build(w);
    let end = offset + page.len();
    let all = types::stories::AllStories {
        has_more: end < feed.len(),
        count: feed.len() as i32,
        state: state(end),
        peer_stories,
        chats,
        users,
        stealth_mode: stealth(w.stories.stealth),
    };
    Ok(enums::stories::AllStories::Stories(all).to_bytes())
}

/// `(generation, offset)` of a state this sandbox handed out for the same list.
fn parse_state(state: &str, hidden: bool) -> Option<(u64, usize)> {
    let mut parts = state.strip_prefix("sbx:")?.split(':');
    let generation = parts.next()?.parse().ok()?;
    let same_list = parts.next()? == if hidden { "1" } else { "0" };
    let offset = parts.next()?.parse().ok()?;
    same_list.then_some((generation, offset))
}

/// A peer that may have stories: users and channels (basic groups have none).
fn story_peer(w: &World, p: &enums::InputPeer) -> Result<PeerKey, Failure> {
    match input_peer(w, p)? {
        PeerKey::Chat(_) => Err(Failure::bad("PEER_ID_INVALID")),
        key => Ok(key),
    }
}

/// A peer whose stories the account manages.
fn own_peer(w: &World, p: &enums::InputPeer) -> Result<PeerKey, Failure> {
    let key = story_peer(w, p)?;
    if own(w, key) { Ok(key) } else { Err(Failure::bad("PEER_ID_INVALID")) }
}

fn get_peer_stories(w: &World, r: f::stories::GetPeerStories, now: i32) -> Answer {
    let key = story_peer(w, &r.peer)?;
    let list = w.stories.of(key);
    if list.is_none() && matches!(key, PeerKey::Channel(_)) {
        return Err(Failure::bad("STORIES_NEVER_CREATED"));
    }
    let mut peers = Peers::default();
    peers.add(key);
    let (users, chats) = peers.build(w);
    let stories = peer_stories(w, key, list, now);
    Ok(enums::stories::PeerStories::Stories(types::stories::PeerStories { stories, chats, users }).to_bytes())
}

/// Stories by id: active ones, pinned ones, and all of the account's own.
fn by_id(w: &World, r: f::stories::GetStoriesById, now: i32) -> Answer {
    let key = story_peer(w, &r.peer)?;
    if r.id.is_empty() || r.id.len() > MAX_PAGE as usize {
        return Err(Failure::bad("STORY_ID_INVALID"));
    }
    let list = w.stories.of(key);
    let visible = |s: &&crate::sandbox::world::stories::StoryRec| s.active(now) || s.pinned || own(w, key);
    let stories: Vec<enums::StoryItem> =
        r.id.iter()
            .filter_map(|id| list?.stories.get(id).filter(visible))
            .map(|s| story_item(w, key, s))
            .collect();
    stories_answer(w, key, stories.len() as i32, stories)
}

/// The account's own stories, newest first, below `offset_id`.
fn archive(w: &World, r: f::stories::GetStoriesArchive) -> Answer {
    let key = own_peer(w, &r.peer)?;
    let all: Vec<_> = w.stories.of(key).map(|l| l.stories.values().rev().collect()).unwrap_or_default();
    let limit = if r.limit <= 0 { MAX_PAGE } else { r.limit.min(MAX_PAGE) } as usize;
    let page = all.iter().filter(|s| r.offset_id <= 0 || s.id < r.offset_id).take(limit);
    let stories = page.map(|s| story_item(w, key, s)).collect();
    stories_answer(w, key, all.len() as i32, stories)
}

fn stories_answer(w: &World, key: PeerKey, count: i32, stories: Vec<enums::StoryItem>) -> Answer {
    let top = w.stories.of(key).map(|l| l.pinned_to_top.clone()).filter(|t| !t.is_empty());
    let mut peers = Peers::default();
    peers.add(key);
    let (users, chats) = peers.build(w);
    let answer = types::stories::Stories { count, stories, pinned_to_top: top, chats, users };
    Ok(enums::stories::Stories::Stories(answer).to_bytes())
}

/// Who viewed one of the account's stories: filtered by name or contacts, reactions first on
/// request, newest first otherwise; `offset` is the index of the next viewer.
fn views_list(w: &World, r: f::stories::GetStoryViewsList) -> Answer {
    let key = own_peer(w, &r.peer)?;
    let story = w.stories.of(key).and_then(|l| l.stories.get(&r.id));
    let story = story.ok_or_else(|| Failure::bad("STORY_ID_INVALID"))?;
    let q = r.q.as_deref().unwrap_or("").to_lowercase();
    let mut views: Vec<_> = story
        .views
        .iter()
        .filter(|v| v.user != w.self_id)
        .filter(|v| !r.just_contacts || w.users.get(&v.user).is_some_and(|u| u.contact))
        .filter(|v| q.is_empty() || w.title_of(PeerKey::User(v.user)).to_lowercase().contains(&q))
        .collect();
    views.sort_by_key(|v| (r.reactions_first && v.reaction.is_none(), std::cmp::Reverse(v.date)));
    let start: usize =
        if r.offset.is_empty() { 0 } else { r.offset.parse().map_err(|_| Failure::bad("OFFSET_INVALID"))? };
    let limit = if r.limit <= 0 { MAX_PAGE } else { r.limit.min(MAX_PAGE) } as usize;
    let page: Vec<_> = views.iter().skip(start).take(limit).collect();
    let mut peers = Peers::default();
    page.iter().for_each(|v| peers.add(PeerKey::User(v.user)));
    let list = page
        .iter()
        .map(|v| {
            enums::StoryView::View(types::StoryView {
                blocked: false,
                blocked_my_stories_from: false,
                user_id: v.user,
                date: v.date,
                reaction: v.reaction.as_deref().map(reaction),
            })
        })
        .collect();
    let (users, chats) = peers.build(w);
    let end = start + page.len();
    let answer = types::stories::StoryViewsList {
        count: views.len() as i32,
        views_count: story.views.iter().filter(|v| v.user != w.self_id).count() as i32,
        forwards_count: 0,
        reactions_count: story.reaction_counts().iter().map(|(_, n)| n).sum(),
        views: list,
        chats,
        users,
        next_offset: (end < views.len()).then(|| end.to_string()),
    };
    Ok(enums::stories::StoryViewsList::List(answer).to_bytes())
}

/// Deletes own stories; answers the ids deleted (unknown ones are left out).
fn delete(w: &mut World, r: f::stories::DeleteStories) -> Answer {
    let key = own_peer(w, &r.peer)?;
    let Some(list) = w.stories.peers.get_mut(&key) else { return Ok(Vec::<i32>::new().to_bytes()) };
    let deleted: Vec<i32> = r.id.iter().copied().filter(|id| list.stories.remove(id).is_some()).collect();
    list.pinned_to_top.retain(|id| !deleted.contains(id));
    w.stories.generation += 1;
    Ok(deleted.to_bytes())
}

/// Keeps own stories on the profile after they expire (or not); answers the ids changed.
fn toggle_pinned(w: &mut World, r: f::stories::TogglePinned) -> Answer {
    let key = own_peer(w, &r.peer)?;
    let pinned = r.pinned;
    let Some(list) = w.stories.peers.get_mut(&key) else { return Ok(Vec::<i32>::new().to_bytes()) };
    let mut changed = Vec::new();
    for id in &r.id {
        if let Some(story) = list.stories.get_mut(id) {
            story.pinned = pinned;
            changed.push(*id);
        }
    }
    if !pinned {
        list.pinned_to_top.retain(|id| !changed.contains(id));
    }
    w.stories.generation += 1;
    Ok(changed.to_bytes())
}

/// Sets the stories shown first on the profile: pinned ones, at most three; `[]` clears.
fn pinned_to_top(w: &mut World, r: f::stories::TogglePinnedToTop) -> Answer {
    let key = own_peer(w, &r.peer)?;
    let list = w.stories.peers.entry(key).or_default();
    let pinned = |id: &i32| list.stories.get(id).is_some_and(|s| s.pinned);
    if r.id.len() > MAX_PINNED_TO_TOP || !r.id.iter().all(pinned) {
        return Err(Failure::bad("STORY_ID_INVALID"));
    }
    list.pinned_to_top = r.id;
    w.stories.generation += 1;
    Ok(true.to_bytes())
}

fn send_reaction(w: &mut World, r: f::stories::SendReaction, now: i32) -> Answer {
    let key = story_peer(w, &r.peer)?;
    let emoji = match &r.reaction {
        enums::Reaction::Empty => None,
        enums::Reaction::Emoji(e) if !e.emoticon.is_empty() => Some(e.emoticon.clone()),
        _ => return Err(Failure::bad("REACTION_INVALID")),
    };
    let self_id = w.self_id;
    w.stories.react(key, r.story_id, self_id, emoji, now)?;
    let update =
        types::UpdateSentStoryReaction { peer: peer(key), story_id: r.story_id, reaction: r.reaction };
    let mut peers = Peers::default();
    peers.add(key);
    let (users, chats) = peers.build(w);
    let updates = vec![enums::Update::SentStoryReaction(update)];
    Ok(enums::Updates::Updates(types::Updates { updates, users, chats, date: now, seq: 0 }).to_bytes())
}

/// `https://t.me/<username>/s/<id>`: only for peers with a public username.
fn export_link(w: &World, r: f::stories::ExportStoryLink) -> Answer {
    let key = story_peer(w, &r.peer)?;
    if !w.stories.of(key).is_some_and(|l| l.stories.contains_key(&r.id)) {
        return Err(Failure::bad("STORY_ID_INVALID"));
    }
    let username = w.username_of(key).ok_or_else(|| Failure::bad("USER_PUBLIC_MISSING"))?;
    let link = format!("https://t.me/{username}/s/{}", r.id);
    Ok(enums::ExportedStoryLink::Link(types::ExportedStoryLink { link }).to_bytes())
}

/// Marks a peer's stories seen up to `max_id` (a view each); answers the ids newly read.
fn read(w: &mut World, r: f::stories::ReadStories, now: i32) -> Answer {
    let key = story_peer(w, &r.peer)?;
    let self_id = w.self_id;
    let list = w.stories.peers.get(&key).ok_or_else(|| Failure::bad("STORIES_NEVER_CREATED"))?;
    if r.max_id <= 0 || r.max_id > list.last_id {
        return Err(Failure::bad("STORY_ID_INVALID"));
    }
    let fresh: Vec<i32> = list
        .stories
        .range(list.max_read_id + 1..=r.max_id)
        .filter(|(_, s)| s.active(now))
        .map(|(id, _)| *id)
        .collect();
    for id in &fresh {
        w.stories.view(key, *id, self_id, now);
    }
    let list = w.stories.peers.entry(key).or_default();
    list.max_read_id = list.max_read_id.max(r.max_id);
    w.stories.generation += 1;
    Ok(fresh.to_bytes())
}

/// Premium: hides the account's views from now on (`future`) and of the last minutes (`past`).
fn activate_stealth(w: &mut World, r: f::stories::ActivateStealthMode, now: i32) -> Answer {
    if !w.premium {
        return Err(Failure::new(403, "PREMIUM_ACCOUNT_REQUIRED"));
    }
    let self_id = w.self_id;
    if r.past {
        for list in w.stories.peers.values_mut() {
            for story in list.stories.values_mut() {
                story
                    .views
                    .retain(|v| v.user != self_id || v.date < now - STEALTH_PAST || v.reaction.is_some());
            }
        }
    }
    if r.future {
        w.stories.stealth.active_until = Some(now + STEALTH_ACTIVE);
    }
    if r.past || r.future {
        w.stories.stealth.cooldown_until = Some(now + STEALTH_COOLDOWN);
    }
    let mode = types::UpdateStoriesStealthMode { stealth_mode: stealth(w.stories.stealth) };
    let (users, chats) = Peers::default().build(w);
    let updates = vec![enums::Update::StoriesStealthMode(mode)];
    Ok(enums::Updates::Updates(types::Updates { updates, users, chats, date: now, seq: 0 }).to_bytes())
}

/// The report flow: no option → choose one; an option that needs words and has none → add a
/// comment; otherwise reported (and remembered).
fn report(w: &mut World, r: f::stories::Report) -> Answer {
    let key = story_peer(w, &r.peer)?;
    let list = w.stories.of(key);
    if r.id.is_empty() || !r.id.iter().all(|id| list.is_some_and(|l| l.stories.contains_key(id))) {
        return Err(Failure::bad("STORY_ID_INVALID"));
    }
    if r.option.is_empty() {
        let options = REPORT_OPTIONS
            .iter()
            .map(|(option, text, _)| {
                enums::MessageReportOption::Option(types::MessageReportOption {
                    text: (*text).to_owned(),
                    option: option.to_vec(),
                })
            })
            .collect();
        let choose = types::ReportResultChooseOption { title: "Report story".to_owned(), options };
        return Ok(enums::ReportResult::ChooseOption(choose).to_bytes());
    }
    let Some((_, _, needs_comment)) = REPORT_OPTIONS.iter().find(|(o, _, _)| *o == r.option.as_slice())
    else {
        return Err(Failure::bad("OPTION_INVALID"));
    };
    if *needs_comment && r.message.trim().is_empty() {
        let comment = types::ReportResultAddComment { optional: false, option: r.option };
        return Ok(enums::ReportResult::AddComment(comment).to_bytes());
    }
    w.stories.reports.push(Report { peer: key, ids: r.id, option: r.option, message: r.message });
    Ok(enums::ReportResult::Reported.to_bytes())
}

/// The songs on a user's profile, paged by offset.
fn saved_music(w: &World, r: f::users::GetSavedMusic) -> Answer {
    let user = input_user(w, &r.id)?;
    let all = w.stories.music.get(&user).map(Vec::as_slice).unwrap_or_default();
    let limit = if r.limit <= 0 { MAX_PAGE } else { r.limit.min(MAX_PAGE) } as usize;
    let documents = all
        .iter()
        .skip(r.offset.max(0) as usize)
        .take(limit)
        .filter_map(|d| match message_media(d) {
            enums::MessageMedia::Document(m) => m.document,
            _ => None,
        })
        .collect();
    let music = types::users::SavedMusic { count: all.len() as i32, documents };
    Ok(enums::users::SavedMusic::Music(music).to_bytes())
}
