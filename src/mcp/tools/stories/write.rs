//! The changing tools other than posting: delete, react, read marks, pins, stealth mode and
//! reports.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use super::args::{
    ActivateStealthMode, DeleteStories, ReactToStory, ReadStories, ReportStory, TogglePinnedToTop,
    ToggleStoryPinned,
};
use super::{MAX_PINNED_TO_TOP, render, story_id, story_ids};
use crate::mcp::tools::{Reply, guard};
use crate::mcp::{TelegramMcp, render::clean};
use crate::model::stories::{ReportStep, StealthMode, StoryIds, StoryReaction};
use crate::owner::OwnerError;

#[tool_router(router = stories_write_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Delete stories of yours (or of a channel you manage). Cannot be undone.
    #[tool(name = "telegram-delete-stories", annotations(title = "Delete stories", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StoryIds>())]
    async fn delete_stories(
        &self,
        Parameters(a): Parameters<DeleteStories>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            story_ids(&a.ids, false)?;
            let target = self.story_owner(a.chat_id.as_ref()).await?;
            let question = format!("Delete {} story(ies) of {}?", a.ids.len(), clean(&target.title));
            self.confirm(&ctx, Some(a.confirm), "telegram-delete-stories", question).await?;
            let deleted = self.owner.telegram().delete_stories(&target, &a.ids).await?;
            let value = changed(target.id, &a.ids, deleted);
            let text = format!(
                "deleted {} of {} story(ies); not found: {:?}",
                value.ids.len(),
                a.ids.len(),
                value.unchanged
            );
            Ok((text, value))
        })
        .await
    }

    /// React to a story with an emoji, or remove your reaction with `""`.
    #[tool(name = "telegram-react-to-story", annotations(title = "React to story", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StoryReaction>())]
    async fn react_to_story(
        &self,
        Parameters(a): Parameters<ReactToStory>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            story_id(a.story_id, "storyId")?;
            let emoji = a.emoji.trim();
            if emoji.chars().count() > 8 {
                return Err(OwnerError::Invalid(
                    "emoji is one reaction emoji (at most 8 characters), or \"\"".into(),
                ));
            }
            let target = self.chat(&a.chat_id).await?;
            let tg = self.owner.telegram();
            tg.react_to_story(&target, a.story_id, emoji, a.add_to_recent.unwrap_or(false)).await?;
            let value = StoryReaction {
                chat_id: target.id,
                story_id: a.story_id,
                emoji: (!emoji.is_empty()).then(|| emoji.to_owned()),
            };
            let text = match &value.emoji {
                Some(e) => format!("reacted {e} to story {} of {}", a.story_id, clean(&target.title)),
                None => {
                    format!("removed your reaction from story {} of {}", a.story_id, clean(&target.title))
                }
            };
            Ok((text, value))
        })
        .await
    }

    /// Mark a peer's stories seen up to `maxId` (inclusive).
    #[tool(name = "telegram-read-stories", annotations(title = "Mark stories seen", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StoryIds>())]
    async fn read_stories(
        &self,
        Parameters(a): Parameters<ReadStories>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            story_id(a.max_id, "maxId")?;
            let target = self.chat(&a.chat_id).await?;
            let read = self.owner.telegram().read_stories(&target, a.max_id).await?;
            let text = format!("{} story(ies) of {} newly seen: {read:?}", read.len(), clean(&target.title));
            Ok((text, StoryIds { chat_id: target.id, ids: read, unchanged: Vec::new() }))
        })
        .await
    }

    /// Keep stories on your profile after they expire (`pinned: true`), or stop (`false`).
    #[tool(name = "telegram-toggle-story-pinned", annotations(title = "Pin stories to profile", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StoryIds>())]
    async fn toggle_story_pinned(
        &self,
        Parameters(a): Parameters<ToggleStoryPinned>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            story_ids(&a.ids, false)?;
            let target = self.story_owner(a.chat_id.as_ref()).await?;
            let done = self.owner.telegram().toggle_story_pinned(&target, &a.ids, a.pinned).await?;
            let value = changed(target.id, &a.ids, done);
            let verb = if a.pinned { "pinned" } else { "unpinned" };
            let text = format!("{verb} {:?}; not found: {:?}", value.ids, value.unchanged);
            Ok((text, value))
        })
        .await
    }

    /// Show up to 3 pinned stories first on your profile; `[]` clears the top row.
    #[tool(name = "telegram-toggle-story-pinned-to-top", annotations(title = "Pin stories to top", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StoryIds>())]
    async fn toggle_story_pinned_to_top(
        &self,
        Parameters(a): Parameters<TogglePinnedToTop>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            story_ids(&a.ids, true)?;
            if a.ids.len() > MAX_PINNED_TO_TOP {
                return Err(OwnerError::Invalid(format!(
                    "{} ids given: at most {MAX_PINNED_TO_TOP} stories can be pinned to the top",
                    a.ids.len()
                )));
            }
            let target = self.story_owner(a.chat_id.as_ref()).await?;
            self.owner.telegram().toggle_pinned_to_top(&target, &a.ids).await?;
            let text = if a.ids.is_empty() {
                "cleared the top row".to_owned()
            } else {
                format!("pinned to the top: {:?}", a.ids)
            };
            Ok((text, StoryIds { chat_id: target.id, ids: a.ids, unchanged: Vec::new() }))
        })
        .await
    }

    /// Premium: hide your story views of the last 5 minutes (`past`) and the next 25 (`future`).
    #[tool(name = "telegram-activate-stealth-mode", annotations(title = "Stealth mode", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<StealthMode>())]
    async fn activate_stealth_mode(
        &self,
        Parameters(a): Parameters<ActivateStealthMode>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let (past, future) = (a.past.unwrap_or(false), a.future.unwrap_or(false));
            if !past && !future {
                return Err(OwnerError::Invalid("give past: true and/or future: true".into()));
            }
            let mode = self.owner.telegram().activate_stealth_mode(past, future).await?;
            let until = |t: Option<i64>| t.map_or_else(|| "-".to_owned(), crate::mcp::render::date);
            let text = format!(
                "stealth mode: views hidden until {}; next use after {}",
                until(mode.active_until),
                until(mode.cooldown_until)
            );
            Ok((text, mode))
        })
        .await
    }

    /// Report stories, one step at a time: start with `option: ""`, then pass the option
    /// chosen (and a `message` when asked for a comment).
    #[tool(name = "telegram-report-story", annotations(title = "Report story", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<ReportStep>())]
    async fn report_story(
        &self,
        Parameters(a): Parameters<ReportStory>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            story_ids(&a.ids, false)?;
            let option = a.option.unwrap_or_default();
            if option.len() > 128 {
                return Err(OwnerError::Invalid(
                    "option is at most 128 characters: pass one from the previous step".into(),
                ));
            }
            let target = self.chat(&a.chat_id).await?;
            let message = a.message.unwrap_or_default();
            let step = self.owner.telegram().report_story(&target, &a.ids, option.trim(), &message).await?;
            Ok((render::report(&step), step))
        })
        .await
    }
}

/// The asked-for ids split into those Telegram changed and the rest.
fn changed(chat_id: i64, asked: &[i32], done: Vec<i32>) -> StoryIds {
    let unchanged = asked.iter().copied().filter(|id| !done.contains(id)).collect();
    StoryIds { chat_id, ids: done, unchanged }
}
