//! TL renderings of the stories state: `storyItem` (privacy and the viewer list only for the
//! account's own stories, as Telegram shows them), `peerStories`, `storyViews`, reactions and
//! the stealth mode.

use grammers_tl_types::{enums, types};

use crate::sandbox::world::stories::{Audience, PeerStories, Privacy, Stealth, StoryRec};
use crate::sandbox::world::tl::{message_media, peer};
use crate::sandbox::world::{PeerKey, World};

/// Most recent viewers named in a story's counters.
const RECENT_VIEWERS: usize = 3;

/// Whether the account posts this peer's stories: itself, and its channels (the demo
/// account created every channel it is in).
pub(super) fn own(w: &World, peer: PeerKey) -> bool {
    match peer {
        PeerKey::User(id) => id == w.self_id,
        PeerKey::Chat(_) => false,
        PeerKey::Channel(id) => w.channels.contains_key(&id),
    }
}

pub(super) fn story_item(w: &World, owner: PeerKey, s: &StoryRec) -> enums::StoryItem {
    let out = own(w, owner);
    let a = s.privacy.audience;
    let viewers: Vec<_> = s.views.iter().filter(|v| v.user != w.self_id).collect();
    let reactions = s.reaction_counts();
    let views = types::StoryViews {
        has_viewers: out && !viewers.is_empty(),
        views_count: viewers.len() as i32,
        forwards_count: Some(0),
        reactions: Some(
            reactions
                .iter()
                .map(|(emoji, count)| {
                    let chosen = s.reaction_of(w.self_id) == Some(emoji.as_str());
                    enums::ReactionCount::Count(types::ReactionCount {
                        chosen_order: chosen.then_some(1),
                        reaction: reaction(emoji),
                        count: *count,
                    })
                })
                .collect(),
        ),
        reactions_count: Some(reactions.iter().map(|(_, n)| n).sum()),
        recent_viewers: out.then(|| viewers.iter().rev().take(RECENT_VIEWERS).map(|v| v.user).collect()),
    };
    enums::StoryItem::Item(Box::new(types::StoryItem {
        pinned: s.pinned,
        public: a == Audience::Everyone,
        close_friends: a == Audience::CloseFriends,
        min: false,
        noforwards: s.noforwards,
        edited: s.edited,
        contacts: a == Audience::Contacts,
        selected_contacts: a == Audience::Selected,
        out,
        id: s.id,
        date: s.date,
        from_id: None,
        fwd_from: None,
        expire_date: s.expire_date,
        caption: (!s.caption.is_empty()).then(|| s.caption.clone()),
        entities: None,
        media: message_media(&s.media),
        media_areas: None,
        privacy: out.then(|| privacy_rules(&s.privacy)),
        views: Some(enums::StoryViews::Views(views)),
        sent_reaction: s.reaction_of(w.self_id).map(reaction),
        albums: None,
        music: None,
    }))
}

/// The active stories of a peer with the account's read mark.
pub(super) fn peer_stories(
    w: &World,
    owner: PeerKey,
    list: Option<&PeerStories>,
    now: i32,
) -> enums::PeerStories {
    let stories = list
        .map(|l| l.stories.values().filter(|s| s.active(now)).map(|s| story_item(w, owner, s)).collect())
        .unwrap_or_default();
    enums::PeerStories::Stories(types::PeerStories {
        peer: peer(owner),
        max_read_id: list.map(|l| l.max_read_id).filter(|id| *id > 0),
        stories,
    })
}

pub(super) fn reaction(emoji: &str) -> enums::Reaction {
    enums::Reaction::Emoji(types::ReactionEmoji { emoticon: emoji.to_owned() })
}

pub(super) fn stealth(s: Stealth) -> enums::StoriesStealthMode {
    enums::StoriesStealthMode::Mode(types::StoriesStealthMode {
        active_until_date: s.active_until,
        cooldown_until_date: s.cooldown_until,
    })
}

fn privacy_rules(p: &Privacy) -> Vec<enums::PrivacyRule> {
    use enums::PrivacyRule as R;
    let mut rules = match p.audience {
        Audience::Everyone => vec![R::PrivacyValueAllowAll],
        Audience::Contacts => vec![R::PrivacyValueAllowContacts],
        Audience::CloseFriends => vec![R::PrivacyValueAllowCloseFriends],
        Audience::Selected => {
            vec![R::PrivacyValueAllowUsers(types::PrivacyValueAllowUsers { users: p.allow.clone() })]
        }
    };
    if !p.disallow.is_empty() {
        rules.push(R::PrivacyValueDisallowUsers(types::PrivacyValueDisallowUsers {
            users: p.disallow.clone(),
        }));
    }
    rules
}
