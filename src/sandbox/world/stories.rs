//! Sandbox state for the `stories` tools: every peer's stories (id, dates, caption, stored
//! media, privacy, pinned and pinned-to-top, views with reactions), how far the account has
//! read each peer's stories, stealth mode, reports, and the songs pinned to profiles (saved
//! music). Plain data and the rules Telegram applies to it; TL rendering lives in
//! `rpc/stories`. The seed gives Boris and Elena active stories (some unread), Dmitri one in
//! the hidden feed, and the account itself none.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::{AudioAttr, DocAttrs, Failure, MediaKind, PeerKey, StoredMedia, World};

const SELF: i64 = 7_000_001;
const BORIS: i64 = 7_000_002;
const CAROL: i64 = 7_000_003;
const DMITRI: i64 = 7_000_004;
const ELENA: i64 = 7_000_005;

/// The story lifetimes Telegram offers; all but a day need Premium.
pub(crate) const PERIODS: [i32; 4] = [6 * 3600, 12 * 3600, 86_400, 2 * 86_400];
/// The lifetime of a story when none is asked for.
pub(crate) const DEFAULT_PERIOD: i32 = 86_400;
/// Stealth mode hides new views this long, and can be used again after the cooldown.
pub(crate) const STEALTH_ACTIVE: i32 = 25 * 60;
pub(crate) const STEALTH_COOLDOWN: i32 = 3600;
/// Stealth mode's `past` removes views made this recently.
pub(crate) const STEALTH_PAST: i32 = 5 * 60;
/// Most stories pinned to the top of a profile.
pub(crate) const MAX_PINNED_TO_TOP: usize = 3;

/// Who may see a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Audience {
    Everyone,
    Contacts,
    CloseFriends,
    /// Only the users in `allow`.
    Selected,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Privacy {
    pub(crate) audience: Audience,
    pub(crate) allow: Vec<i64>,
    pub(crate) disallow: Vec<i64>,
}

/// One user's view of a story, with the reaction they left.
#[derive(Debug, Clone)]
pub(crate) struct View {
    pub(crate) user: i64,
    pub(crate) date: i32,
    pub(crate) reaction: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct StoryRec {
    pub(crate) id: i32,
    pub(crate) date: i32,
    pub(crate) expire_date: i32,
    pub(crate) caption: String,
    pub(crate) media: Arc<StoredMedia>,
    pub(crate) privacy: Privacy,
    pub(crate) pinned: bool,
    pub(crate) noforwards: bool,
    pub(crate) edited: bool,
    /// Everyone who viewed it, the account itself included, in order.
    pub(crate) views: Vec<View>,
}

/// The stories of one peer and the account's read mark on them.
#[derive(Debug, Default)]
pub(crate) struct PeerStories {
    pub(crate) stories: BTreeMap<i32, StoryRec>,
    /// The last id handed out (ids are never reused, even after a deletion).
    pub(crate) last_id: i32,
    pub(crate) max_read_id: i32,
    pub(crate) pinned_to_top: Vec<i32>,
    /// Listed in the hidden feed (`getAllStories` with `hidden`).
    pub(crate) hidden: bool,
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Stealth {
    pub(crate) active_until: Option<i32>,
    pub(crate) cooldown_until: Option<i32>,
}

/// A finished report.
#[derive(Debug, Clone)]
pub(crate) struct Report {
    pub(crate) peer: PeerKey,
    pub(crate) ids: Vec<i32>,
    pub(crate) option: Vec<u8>,
    pub(crate) message: String,
}

/// What the `stories` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub(crate) peers: BTreeMap<PeerKey, PeerStories>,
    /// Every `random_id` of a sent story, so a replay is refused.
    pub(crate) random_ids: BTreeSet<i64>,
    pub(crate) stealth: Stealth,
    pub(crate) reports: Vec<Report>,
    /// Counts changes to any story, for `getAllStories`' `state`.
    pub(crate) generation: u64,
    /// Songs pinned to each user's profile, the one shown first.
    pub(crate) music: BTreeMap<i64, Vec<Arc<StoredMedia>>>,
}

impl StoryRec {
    pub(crate) fn active(&self, now: i32) -> bool {
        self.expire_date > now
    }

    /// The reaction a user left, if any.
    pub(crate) fn reaction_of(&self, user: i64) -> Option<&str> {
        self.views.iter().find(|v| v.user == user)?.reaction.as_deref()
    }

    /// Reactions by emoji with their counts, most frequent first.
    pub(crate) fn reaction_counts(&self) -> Vec<(String, i32)> {
        let mut counts: BTreeMap<&str, i32> = BTreeMap::new();
        for r in self.views.iter().filter_map(|v| v.reaction.as_deref()) {
            *counts.entry(r).or_default() += 1;
        }
        let mut list: Vec<(String, i32)> = counts.into_iter().map(|(r, n)| (r.to_owned(), n)).collect();
        list.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        list
    }
}

impl State {
    /// A peer's stories, if it ever posted one.
    pub(crate) fn of(&self, peer: PeerKey) -> Option<&PeerStories> {
        self.peers.get(&peer)
    }

    /// A story by peer and id.
    pub(crate) fn story_mut(&mut self, peer: PeerKey, id: i32) -> Result<&mut StoryRec, Failure> {
        let stories = self.peers.get_mut(&peer).map(|p| &mut p.stories);
        stories.and_then(|s| s.get_mut(&id)).ok_or_else(|| Failure::bad("STORY_ID_INVALID"))
    }

    /// Adds a story with the peer's next id.
    pub(crate) fn post(&mut self, peer: PeerKey, mut story: StoryRec) -> &StoryRec {
        self.generation += 1;
        let list = self.peers.entry(peer).or_default();
        list.last_id += 1;
        story.id = list.last_id;
        list.stories.entry(story.id).or_insert(story)
    }

    /// Records (or updates) a user's view of a story, unless stealth mode hides the account's.
    pub(crate) fn view(&mut self, peer: PeerKey, id: i32, user: i64, now: i32) {
        let hidden = user == SELF && self.stealth.active_until.is_some_and(|t| t > now);
        let Ok(story) = self.story_mut(peer, id) else { return };
        if hidden || story.views.iter().any(|v| v.user == user) {
            return;
        }
        story.views.push(View { user, date: now, reaction: None });
    }

    /// Sets (or with `None` removes) a user's reaction; a reaction is also a view.
    pub(crate) fn react(
        &mut self,
        peer: PeerKey,
        id: i32,
        user: i64,
        reaction: Option<String>,
        now: i32,
    ) -> Result<(), Failure> {
        let story = self.story_mut(peer, id)?;
        match story.views.iter_mut().find(|v| v.user == user) {
            Some(view) => view.reaction = reaction,
            None => story.views.push(View { user, date: now, reaction }),
        }
        self.generation += 1;
        Ok(())
    }
}

/// Adds this family's part of the demo account (runs after the chats and messages exist):
/// stories whose media are stored photos of the demo account.
pub(crate) fn seed(w: &mut World, now: i32) {
    let Some(photo) = w.media.values().find(|m| matches!(m.kind, MediaKind::Photo { .. })).cloned() else {
        return;
    };
    let everyone = Privacy { audience: Audience::Everyone, allow: Vec::new(), disallow: Vec::new() };
    let story = |age: i32, caption: &str, pinned: bool, viewers: &[(i64, Option<&str>)]| StoryRec {
        id: 0,
        date: now - age,
        expire_date: now - age + DEFAULT_PERIOD,
        caption: caption.to_owned(),
        media: photo.clone(),
        privacy: everyone.clone(),
        pinned,
        noforwards: false,
        edited: false,
        views: viewers
            .iter()
            .map(|(user, r)| View { user: *user, date: now - age + 600, reaction: r.map(str::to_owned) })
            .collect(),
    };
    let s = &mut w.stories;
    // Boris: an expired story kept on his profile, then three active ones, the last two unread.
    let boris = PeerKey::User(BORIS);
    s.post(boris, story(3 * 86_400, "Эльбрус, прошлым летом 🏔", true, &[(SELF, None), (CAROL, Some("🔥"))]));
    s.post(boris, story(20 * 3600, "Утро в горах ☀️", false, &[(SELF, Some("❤")), (ELENA, None)]));
    s.post(boris, story(5 * 3600, "Новый маршрут", false, &[(CAROL, None)]));
    s.post(boris, story(3600, "Палатка готова ⛺", false, &[]));
    let list = s.peers.entry(boris).or_default();
    list.max_read_id = 2;
    list.pinned_to_top = vec![1];
    // Elena: two active stories, both unread.
    let elena = PeerKey::User(ELENA);
    s.post(elena, story(8 * 3600, "Golden hour 📷", false, &[(BORIS, Some("👍"))]));
    s.post(elena, story(2 * 3600, "Behind the scenes", false, &[]));
    // Dmitri's stories are in the hidden feed.
    let dmitri = PeerKey::User(DMITRI);
    s.post(dmitri, story(4 * 3600, "Рыбалка 🎣", false, &[]));
    s.peers.entry(dmitri).or_default().hidden = true;
    s.generation = 1;
}

/// Songs on the profiles of the account and of Boris (the bytes go into `files`).
pub(crate) fn seed_music(w: &mut World, files: &crate::sandbox::media::Store) -> std::io::Result<()> {
    let songs: [(i64, &str, &str, i32); 4] = [
        (SELF, "Coffee Morning", "Lo-Fi Sandbox", 142),
        (BORIS, "Песня о друге", "Владимир Высоцкий", 183),
        (BORIS, "Горы", "Сплин", 215),
        (BORIS, "Mountain Air", "Trail Band", 198),
    ];
    for (n, (user, title, performer, duration)) in songs.into_iter().enumerate() {
        // An ID3 header and a few frames' worth of stand-in bytes: enough to download and hash.
        let mut bytes = b"ID3\x04\x00\x00\x00\x00\x00\x00".to_vec();
        bytes.extend((0..4096u32).map(|i| (i.wrapping_mul(31).wrapping_add(n as u32 * 7) % 251) as u8));
        let blob = files.put(&bytes)?;
        let audio = AudioAttr {
            voice: false,
            duration,
            title: Some(title.to_owned()),
            performer: Some(performer.to_owned()),
            waveform: None,
        };
        let name = format!("{}.mp3", title.replace(' ', "_"));
        let attrs = DocAttrs { file_name: Some(name), audio: Some(audio), ..DocAttrs::default() };
        let date = w.media.values().map(|m| m.date).max().unwrap_or(0);
        let doc = w.store_media(blob, bytes.len() as u64, "audio/mpeg", MediaKind::Document(attrs), date);
        w.stories.music.entry(user).or_default().push(doc);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_has_unread_stories_and_none_of_our_own() {
        let files = crate::sandbox::media::Store::new().unwrap();
        let w = World::demo(1_800_000_000, &files).unwrap();
        let boris = w.stories.of(PeerKey::User(BORIS)).unwrap();
        assert!(boris.stories.keys().any(|id| *id > boris.max_read_id));
        assert!(w.stories.of(PeerKey::User(SELF)).is_none());
        assert_eq!(w.stories.music[&BORIS].len(), 3);
    }

    #[test]
    fn reactions_count_per_emoji_and_replace_the_old_one() {
        let files = crate::sandbox::media::Store::new().unwrap();
        let mut w = World::demo(1_800_000_000, &files).unwrap();
        let boris = PeerKey::User(BORIS);
        w.stories.react(boris, 3, SELF, Some("👍".into()), 1_800_000_000).unwrap();
        w.stories.react(boris, 3, SELF, Some("🔥".into()), 1_800_000_000).unwrap();
        let story = &w.stories.of(boris).unwrap().stories[&3];
        assert_eq!(story.reaction_of(SELF), Some("🔥"));
        assert_eq!(story.reaction_counts(), vec![("🔥".to_owned(), 1)]);
        assert!(w.stories.react(boris, 99, SELF, None, 0).is_err());
    }
}
