//! The reading tools: the feed, a peer's stories, stories by id, the archive, viewers, links
//! and saved music.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use super::args::{
    GetAllStories, GetPeerStories, GetSavedMusic, GetStoriesArchive, GetStoriesById, GetStoryViews, StoryRef,
};
use super::{render, story_id, story_ids};
use crate::mcp::TelegramMcp;
use crate::mcp::tools::{Reply, guard, limit};
use crate::model::stories::{AllStories, PeerStories, SavedMusic, StoryLink, StoryList, StoryViews};
use crate::owner::{OwnerError, ViewsQuery};

#[tool_router(router = stories_read_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Active stories of the peers you follow, a page of peers at a time (`next` with the
    /// returned `state`); `hidden` reads the archived peers' feed.
    #[tool(name = "telegram-get-all-stories", annotations(title = "Story feed", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<AllStories>())]
    async fn get_all_stories(
        &self,
        Parameters(a): Parameters<GetAllStories>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let next = a.next.unwrap_or(false);
            let state = a.state.filter(|s| !s.trim().is_empty());
            if next && state.is_none() {
                return Err(OwnerError::Invalid(
                    "next: true continues a page: give the state it returned".into(),
                ));
            }
            let tg = self.owner.telegram();
            let mut feed = tg.all_stories(next, a.hidden.unwrap_or(false), state).await?;
            if self.scope.limits_chats() {
                // Only peers this window may see; every peer of the page is known by now.
                feed.peers
                    .retain(|p| tg.known(p.chat_id).is_some_and(|t| self.scope.permits(&t.chat(0, None))));
            }
            Ok((render::feed(&feed), feed))
        })
        .await
    }

    /// The active stories of one user or channel, with what you have seen.
    #[tool(name = "telegram-get-peer-stories", annotations(title = "Peer stories", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<PeerStories>())]
    async fn get_peer_stories(
        &self,
        Parameters(a): Parameters<GetPeerStories>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat).await?;
            let stories = self.owner.telegram().peer_stories_of(&target).await?;
            Ok((render::peer(&stories), stories))
        })
        .await
    }

    /// Stories of a peer by id, also expired ones kept on the profile (and all of your own).
    #[tool(name = "telegram-get-stories-by-id", annotations(title = "Stories by id", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StoryList>())]
    async fn get_stories_by_id(
        &self,
        Parameters(a): Parameters<GetStoriesById>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            story_ids(&a.ids, false)?;
            let target = self.chat(&a.chat).await?;
            let list = self.owner.telegram().stories_by_id(&target, &a.ids).await?;
            Ok((render::list(&list), list))
        })
        .await
    }

    /// Who viewed one of your stories (or a channel's you manage), with their reactions.
    #[tool(name = "telegram-get-story-views", annotations(title = "Story viewers", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StoryViews>())]
    async fn get_story_views(
        &self,
        Parameters(a): Parameters<GetStoryViews>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            story_id(a.story_id, "storyId")?;
            let target = self.chat(&a.chat).await?;
            let query = ViewsQuery {
                q: a.q.filter(|q| !q.trim().is_empty()),
                just_contacts: a.just_contacts.unwrap_or(false),
                reactions_first: a.reactions_first.unwrap_or(false),
                forwards_first: a.forwards_first.unwrap_or(false),
                offset: a.offset.unwrap_or_default(),
                limit: limit(a.limit, 50) as i32,
            };
            let views = self.owner.telegram().story_views(&target, a.story_id, query).await?;
            Ok((render::views(&views), views))
        })
        .await
    }

    /// A t.me link to a story of a peer with a public username.
    #[tool(name = "telegram-export-story-link", annotations(title = "Story link", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StoryLink>())]
    async fn export_story_link(
        &self,
        Parameters(a): Parameters<StoryRef>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            story_id(a.story_id, "storyId")?;
            let target = self.chat(&a.chat_id).await?;
            let link = self.owner.telegram().export_story_link(&target, a.story_id).await?;
            Ok((link.clone(), StoryLink { link }))
        })
        .await
    }

    /// Your stories (or a channel's you manage), expired ones included, newest first; older
    /// pages via `offsetId`.
    #[tool(name = "telegram-get-stories-archive", annotations(title = "Stories archive", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StoryList>())]
    async fn get_stories_archive(
        &self,
        Parameters(a): Parameters<GetStoriesArchive>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let offset_id = a.offset_id.unwrap_or(0);
            if offset_id < 0 {
                return Err(OwnerError::Invalid(format!("offsetId {offset_id} is negative: 0 starts")));
            }
            let target = self.story_owner(a.chat_id.as_ref()).await?;
            let tg = self.owner.telegram();
            let list = tg.stories_archive(&target, offset_id, limit(a.limit, 50) as i32).await?;
            Ok((render::list(&list), list))
        })
        .await
    }

    /// The songs pinned to a user's profile (yours by default); the first is the one shown.
    #[tool(name = "telegram-get-saved-music", annotations(title = "Saved music", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<SavedMusic>())]
    async fn get_saved_music(
        &self,
        Parameters(a): Parameters<GetSavedMusic>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let user = self.story_owner(a.user.as_ref()).await?;
            let offset = i32::try_from(a.offset.unwrap_or(0))
                .map_err(|_| OwnerError::Invalid("offset is too large".into()))?;
            let music = self.owner.telegram().saved_music(&user, offset, limit(a.limit, 50) as i32).await?;
            Ok((render::music(&music), music))
        })
        .await
    }
}
