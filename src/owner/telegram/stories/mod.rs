//! The Telegram side of the `stories` tools: the feed, a peer's stories, by id and the
//! archive, viewers, posting (an upload from `media.rs`, sent with its `random_id` chosen
//! once) and editing, delete, pin, reactions, links, read marks, stealth mode, the report
//! option flow and a profile's saved music (`users.getSavedMusic`).

mod convert;
mod post;

use grammers_client::tl;

use super::Telegram;
use super::peers::Target;
use crate::model::ChatKind;
use crate::model::stories::{
    AllStories, PeerStories, ReportStep, SavedMusic, StealthMode, StoryList, StoryViewer, StoryViews,
};
use crate::owner::OwnerError;
use convert::{report_step, stealth, story, track, unbase64};
pub(crate) use post::{NewStory, StoryEdit, StoryPrivacy};

/// Filters and paging of a viewer list.
#[derive(Debug, Clone, Default)]
pub struct ViewsQuery {
    pub q: Option<String>,
    pub just_contacts: bool,
    pub reactions_first: bool,
    pub forwards_first: bool,
    pub offset: String,
    pub limit: i32,
}

impl Telegram {
    /// One page of the story feed (`hidden`: the archived peers' feed).
    pub(crate) async fn all_stories(
        &self,
        next: bool,
        hidden: bool,
        state: Option<String>,
    ) -> Result<AllStories, OwnerError> {
        let request = tl::functions::stories::GetAllStories { next, hidden, state };
        Ok(match self.call(&request).await? {
            tl::enums::stories::AllStories::NotModified(n) => AllStories {
                not_modified: true,
                count: None,
                has_more: false,
                state: n.state,
                peers: Vec::new(),
                stealth_mode: stealth(&n.stealth_mode),
            },
            tl::enums::stories::AllStories::Stories(a) => {
                self.learn(&a.users, &a.chats);
                AllStories {
                    not_modified: false,
                    count: Some(a.count),
                    has_more: a.has_more,
                    state: a.state,
                    peers: a.peer_stories.iter().map(|p| self.peer_stories(p)).collect(),
                    stealth_mode: stealth(&a.stealth_mode),
                }
            }
        })
    }

    pub(crate) async fn peer_stories_of(&self, target: &Target) -> Result<PeerStories, OwnerError> {
        let request = tl::functions::stories::GetPeerStories { peer: target.input_peer() };
        let tl::enums::stories::PeerStories::Stories(p) = self.call(&request).await?;
        self.learn(&p.users, &p.chats);
        Ok(self.peer_stories(&p.stories))
    }

    pub(crate) async fn stories_by_id(&self, target: &Target, ids: &[i32]) -> Result<StoryList, OwnerError> {
        let request = tl::functions::stories::GetStoriesById { peer: target.input_peer(), id: ids.to_vec() };
        let mut list = self.story_list(target, self.call(&request).await?);
        list.missing = ids.iter().copied().filter(|id| !list.stories.iter().any(|s| s.id == *id)).collect();
        Ok(list)
    }

    /// Your own stories (or a channel's you manage), newest first, older than `offset_id`.
    pub(crate) async fn stories_archive(
        &self,
        target: &Target,
        offset_id: i32,
        limit: i32,
    ) -> Result<StoryList, OwnerError> {
        let request =
            tl::functions::stories::GetStoriesArchive { peer: target.input_peer(), offset_id, limit };
        let mut list = self.story_list(target, self.call(&request).await?);
        let fetched = list.stories.len() as i32;
        let last = list.stories.last().map(|s| s.id);
        list.next_offset_id = last.filter(|_| fetched == limit && list.count > fetched);
        Ok(list)
    }

    pub(crate) async fn story_views(
        &self,
        target: &Target,
        story_id: i32,
        query: ViewsQuery,
    ) -> Result<StoryViews, OwnerError> {
        let request = tl::functions::stories::GetStoryViewsList {
            just_contacts: query.just_contacts,
            reactions_first: query.reactions_first,
            forwards_first: query.forwards_first,
            peer: target.input_peer(),
            q: query.q,
            id: story_id,
            offset: query.offset,
            limit: query.limit,
        };
        let tl::enums::stories::StoryViewsList::List(list) = self.call(&request).await?;
        self.learn(&list.users, &list.chats);
        let viewers = list
            .views
            .iter()
            .filter_map(|v| match v {
                tl::enums::StoryView::View(v) => Some(StoryViewer {
                    user_id: v.user_id,
                    name: self.known(v.user_id).map(|t| t.title),
                    date: i64::from(v.date),
                    reaction: v.reaction.as_ref().and_then(convert::reaction),
                }),
                // Reposts and public forwards are not viewers.
                _ => None,
            })
            .collect();
        Ok(StoryViews {
            story_id,
            count: list.count,
            views_count: list.views_count,
            forwards_count: list.forwards_count,
            reactions_count: list.reactions_count,
            viewers,
            next_offset: list.next_offset.filter(|o| !o.is_empty()),
        })
    }

    pub(crate) async fn delete_stories(&self, target: &Target, ids: &[i32]) -> Result<Vec<i32>, OwnerError> {
        let request = tl::functions::stories::DeleteStories { peer: target.input_peer(), id: ids.to_vec() };
        self.call(&request).await
    }

    /// Sets your reaction on a story (an empty `emoji` removes it).
    pub(crate) async fn react_to_story(
        &self,
        target: &Target,
        story_id: i32,
        emoji: &str,
        add_to_recent: bool,
    ) -> Result<(), OwnerError> {
        let reaction = if emoji.is_empty() {
            tl::enums::Reaction::Empty
        } else {
            tl::enums::Reaction::Emoji(tl::types::ReactionEmoji { emoticon: emoji.to_owned() })
        };
        let request = tl::functions::stories::SendReaction {
            add_to_recent,
            peer: target.input_peer(),
            story_id,
            reaction,
        };
        let updates = self.call(&request).await?;
        self.story_updates(&updates);
        Ok(())
    }

    pub(crate) async fn export_story_link(&self, target: &Target, id: i32) -> Result<String, OwnerError> {
        let request = tl::functions::stories::ExportStoryLink { peer: target.input_peer(), id };
        let tl::enums::ExportedStoryLink::Link(link) = self.call(&request).await?;
        Ok(link.link)
    }

    /// Marks stories seen up to `max_id`; answers the ids newly seen.
    pub(crate) async fn read_stories(&self, target: &Target, max_id: i32) -> Result<Vec<i32>, OwnerError> {
        self.call(&tl::functions::stories::ReadStories { peer: target.input_peer(), max_id }).await
    }

    /// Keeps stories on the profile after they expire (or not); answers the ids changed.
    pub(crate) async fn toggle_story_pinned(
        &self,
        target: &Target,
        ids: &[i32],
        pinned: bool,
    ) -> Result<Vec<i32>, OwnerError> {
        let request =
            tl::functions::stories::TogglePinned { peer: target.input_peer(), id: ids.to_vec(), pinned };
        self.call(&request).await
    }

    pub(crate) async fn toggle_pinned_to_top(
        &self,
        target: &Target,
        ids: &[i32],
    ) -> Result<bool, OwnerError> {
        let request =
            tl::functions::stories::TogglePinnedToTop { peer: target.input_peer(), id: ids.to_vec() };
        self.call(&request).await
    }

    pub(crate) async fn activate_stealth_mode(
        &self,
        past: bool,
        future: bool,
    ) -> Result<StealthMode, OwnerError> {
        let updates = self.call(&tl::functions::stories::ActivateStealthMode { past, future }).await?;
        let mode = self.story_updates(&updates).into_iter().find_map(|u| match u {
            tl::enums::Update::StoriesStealthMode(m) => Some(stealth(&m.stealth_mode)),
            _ => None,
        });
        Ok(mode.unwrap_or(StealthMode { active_until: None, cooldown_until: None }))
    }

    /// One step of a report: `option` is the base64 of a previous step's choice ("" starts).
    pub(crate) async fn report_story(
        &self,
        target: &Target,
        ids: &[i32],
        option: &str,
        message: &str,
    ) -> Result<ReportStep, OwnerError> {
        let option = unbase64(option).ok_or_else(|| {
            OwnerError::Invalid("option is not base64: pass an option from the previous step".into())
        })?;
        let request = tl::functions::stories::Report {
            peer: target.input_peer(),
            id: ids.to_vec(),
            option,
            message: message.to_owned(),
        };
        Ok(report_step(self.call(&request).await?))
    }

    /// The songs on a user's profile, from `offset`.
    pub(crate) async fn saved_music(
        &self,
        user: &Target,
        offset: i32,
        limit: i32,
    ) -> Result<SavedMusic, OwnerError> {
        let id = input_user(user).ok_or_else(|| {
            OwnerError::Invalid(format!("{} is not a user: only users have saved music", user.title))
        })?;
        let request = tl::functions::users::GetSavedMusic { id, offset, limit, hash: 0 };
        let (count, documents) = match self.call(&request).await? {
            tl::enums::users::SavedMusic::Music(m) => (m.count, m.documents),
            // Only answered to a non-zero hash, which is never sent.
            tl::enums::users::SavedMusic::NotModified(m) => (m.count, Vec::new()),
        };
        let tracks: Vec<_> = documents.iter().filter_map(track).collect();
        let end = offset + documents.len() as i32;
        Ok(SavedMusic { user_id: user.id, count, tracks, next_offset: (end < count).then_some(end) })
    }

    fn story_list(&self, target: &Target, raw: tl::enums::stories::Stories) -> StoryList {
        let tl::enums::stories::Stories::Stories(s) = raw;
        self.learn(&s.users, &s.chats);
        StoryList {
            chat_id: target.id,
            count: s.count,
            stories: s.stories.iter().filter_map(|item| story(target.id, item, None)).collect(),
            pinned_to_top: s.pinned_to_top.unwrap_or_default(),
            missing: Vec::new(),
            next_offset_id: None,
        }
    }

    /// The updates of an answer, after learning their peers.
    pub(super) fn story_updates(&self, updates: &tl::enums::Updates) -> Vec<tl::enums::Update> {
        match updates {
            tl::enums::Updates::Updates(u) => {
                self.learn(&u.users, &u.chats);
                u.updates.clone()
            }
            tl::enums::Updates::Combined(u) => {
                self.learn(&u.users, &u.chats);
                u.updates.clone()
            }
            tl::enums::Updates::UpdateShort(u) => vec![u.update.clone()],
            _ => Vec::new(),
        }
    }
}

fn input_user(t: &Target) -> Option<tl::enums::InputUser> {
    match t.kind {
        ChatKind::Saved => Some(tl::enums::InputUser::UserSelf),
        ChatKind::User | ChatKind::Bot => Some(tl::enums::InputUser::User(tl::types::InputUser {
            user_id: t.raw_id,
            access_hash: t.access_hash,
        })),
        _ => None,
    }
}
