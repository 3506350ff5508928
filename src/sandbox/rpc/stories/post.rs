//! Posting and editing stories: `stories.sendStory` and `stories.editStory`. Both may consume
//! an upload, so `files::route` runs them on the blocking pool. A story is a photo or a video
//! (any other document is `MEDIA_INVALID`); lifetimes other than a day need Premium, as do
//! captions past 200 characters; a repeated `random_id` is refused before the upload is used.

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::super::files::Answer;
use super::super::{Caller, input_peer, input_user, media, parse};
use super::render::{own, story_item};
use crate::sandbox::state::{Shared, now_secs};
use crate::sandbox::world::stories::{Audience, DEFAULT_PERIOD, PERIODS, Privacy, StoryRec};
use crate::sandbox::world::tl::{Peers, peer};
use crate::sandbox::world::{Failure, MediaKind, PeerKey, World};

/// Longest caption without Premium, and with it.
const CAPTION: usize = 200;
const CAPTION_PREMIUM: usize = 2048;

pub(in crate::sandbox::rpc) fn send_story(shared: &Shared, caller: Caller, body: &[u8]) -> Answer {
    let r: f::stories::SendStory = parse(body)?;
    let now = now_secs() as i32;
    let mut world = shared.world();
    let w = &mut *world;
    let owner = input_peer(w, &r.peer)?;
    if !own(w, owner) {
        return Err(Failure::bad("PEER_ID_INVALID"));
    }
    if w.stories.random_ids.contains(&r.random_id) {
        return Err(Failure::new(500, "RANDOM_ID_DUPLICATE"));
    }
    let period = r.period.unwrap_or(DEFAULT_PERIOD);
    if !PERIODS.contains(&period) {
        return Err(Failure::bad("STORY_PERIOD_INVALID"));
    }
    if period != DEFAULT_PERIOD && !w.premium {
        return Err(Failure::new(403, "PREMIUM_ACCOUNT_REQUIRED"));
    }
    let caption = r.caption.unwrap_or_default();
    check_caption(w, &caption)?;
    let privacy = privacy(w, &r.privacy_rules)?;
    let stored = story_media(shared, caller, w, &r.media, now)?;
    let story = StoryRec {
        id: 0,
        date: now,
        expire_date: now + period,
        caption,
        media: stored,
        privacy,
        pinned: r.pinned,
        noforwards: r.noforwards,
        edited: false,
        views: Vec::new(),
    };
    w.stories.random_ids.insert(r.random_id);
    let id = w.stories.post(owner, story).id;
    let sent = enums::Update::StoryId(types::UpdateStoryId { id, random_id: r.random_id });
    Ok(story_updates(w, owner, id, vec![sent], now))
}

pub(in crate::sandbox::rpc) fn edit_story(shared: &Shared, caller: Caller, body: &[u8]) -> Answer {
    let r: f::stories::EditStory = parse(body)?;
    let now = now_secs() as i32;
    let mut world = shared.world();
    let w = &mut *world;
    let owner = input_peer(w, &r.peer)?;
    if !own(w, owner) {
        return Err(Failure::bad("PEER_ID_INVALID"));
    }
    w.stories.story_mut(owner, r.id)?;
    if let Some(caption) = &r.caption {
        check_caption(w, caption)?;
    }
    let privacy = r.privacy_rules.as_deref().map(|rules| privacy(w, rules)).transpose()?;
    let stored = r.media.as_ref().map(|m| story_media(shared, caller, w, m, now)).transpose()?;
    w.stories.generation += 1;
    let story = w.stories.story_mut(owner, r.id)?;
    if let Some(caption) = r.caption {
        story.caption = caption;
    }
    if let Some(privacy) = privacy {
        story.privacy = privacy;
    }
    if let Some(stored) = stored {
        story.media = stored;
    }
    story.edited = true;
    Ok(story_updates(w, owner, r.id, Vec::new(), now))
}

/// `updates` carrying `updateStory` for one story (after `first`).
fn story_updates(w: &World, owner: PeerKey, id: i32, mut list: Vec<enums::Update>, now: i32) -> Vec<u8> {
    if let Some(story) = w.stories.of(owner).and_then(|s| s.stories.get(&id)) {
        let story = story_item(w, owner, story);
        list.push(enums::Update::Story(types::UpdateStory { peer: peer(owner), story }));
    }
    let mut peers = Peers::default();
    peers.add(owner);
    let (users, chats) = peers.build(w);
    enums::Updates::Updates(types::Updates { updates: list, users, chats, date: now, seq: 0 }).to_bytes()
}

fn check_caption(w: &World, caption: &str) -> Result<(), Failure> {
    let limit = if w.premium { CAPTION_PREMIUM } else { CAPTION };
    if caption.chars().count() > limit {
        return Err(Failure::bad("MEDIA_CAPTION_TOO_LONG"));
    }
    Ok(())
}

/// A photo, or a document that is a video.
fn story_media(
    shared: &Shared,
    caller: Caller,
    w: &mut World,
    input: &enums::InputMedia,
    now: i32,
) -> Result<std::sync::Arc<crate::sandbox::world::StoredMedia>, Failure> {
    if matches!(input, enums::InputMedia::Empty) {
        return Err(Failure::bad("MEDIA_EMPTY"));
    }
    let stored = media::resolve(shared, caller, w, input, now)?;
    match &stored.kind {
        MediaKind::Photo { .. } => Ok(stored),
        MediaKind::Document(a) if a.video.as_ref().is_some_and(|v| !v.round) => Ok(stored),
        MediaKind::Document(_) => Err(Failure::bad("MEDIA_INVALID")),
    }
}

/// The audience the rules describe; users must be known, `allowUsers` alone means "selected".
pub(super) fn privacy(w: &World, rules: &[enums::InputPrivacyRule]) -> Result<Privacy, Failure> {
    use enums::InputPrivacyRule as R;
    let mut p = Privacy { audience: Audience::Everyone, allow: Vec::new(), disallow: Vec::new() };
    let mut audience = None;
    for rule in rules {
        match rule {
            R::InputPrivacyValueAllowAll => audience = Some(Audience::Everyone),
            R::InputPrivacyValueAllowContacts => audience = Some(Audience::Contacts),
            R::InputPrivacyValueAllowCloseFriends => audience = Some(Audience::CloseFriends),
            R::InputPrivacyValueAllowUsers(u) => {
                p.allow = u.users.iter().map(|u| input_user(w, u)).collect::<Result<_, _>>()?;
            }
            R::InputPrivacyValueDisallowUsers(u) => {
                p.disallow = u.users.iter().map(|u| input_user(w, u)).collect::<Result<_, _>>()?;
            }
            R::InputPrivacyValueDisallowAll | R::InputPrivacyValueDisallowContacts => {}
            _ => return Err(Failure::bad("PRIVACY_VALUE_INVALID")),
        }
    }
    p.audience = match audience {
        Some(a) => a,
        None if !p.allow.is_empty() => Audience::Selected,
        None => return Err(Failure::bad("PRIVACY_VALUE_INVALID")),
    };
    Ok(p)
}
