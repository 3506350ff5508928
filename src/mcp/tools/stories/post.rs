//! Posting and editing stories: the file comes from the files directory (`crate::files`, its
//! caps and path rules) and is uploaded in parts by the owner, like the media tools' files;
//! privacy lists name users by id.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use tokio::sync::watch;

use super::args::{EditStory, SendStory};
use super::{render, story_id};
use crate::mcp::TelegramMcp;
use crate::mcp::tools::{ChatArg, Reply, guard, text_format};
use crate::model::ChatKind;
use crate::model::stories::{Audience, Story, StoryMedia};
use crate::owner::{NewStory, OwnerError, StoryEdit, StoryPrivacy, Target, Uploaded};

/// The lifetimes Telegram offers, in seconds (all but a day need Premium).
const PERIODS: [i64; 4] = [21_600, 43_200, 86_400, 172_800];
/// Longest caption Telegram takes (with Premium; 200 without).
const MAX_CAPTION: usize = 2048;

#[tool_router(router = stories_post_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Post a photo or video from the files directory as a story on your profile or a channel
    /// you manage. Lifetimes other than 24 h need Premium.
    #[tool(name = "telegram-send-story", annotations(title = "Post story", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<Story>())]
    async fn send_story(
        &self,
        Parameters(a): Parameters<SendStory>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let period = match a.period {
                None => None,
                Some(p) if p.fract() == 0.0 && PERIODS.contains(&(p as i64)) => Some(p as i32),
                Some(p) => {
                    return Err(OwnerError::Invalid(format!(
                        "period {p} s is not a story lifetime: use 21600, 43200, 86400 or 172800"
                    )));
                }
            };
            let caption = a.caption.unwrap_or_default();
            check_caption(&caption)?;
            let format = text_format(a.parse_mode.as_deref())?;
            let privacy = self
                .story_privacy(
                    a.privacy.as_deref().unwrap_or("everyone"),
                    a.allow_user_ids,
                    a.disallow_user_ids,
                )
                .await?;
            // The chat first: a refused or unknown chat costs no upload.
            let target = self.story_owner(a.chat_id.as_ref()).await?;
            let (file, media) = self.story_file(&a.file_path, a.kind.as_deref()).await?;
            let story = NewStory {
                caption,
                format,
                privacy,
                period,
                pinned: a.pinned.unwrap_or(false),
                noforwards: a.noforwards.unwrap_or(false),
            };
            let posted = self.owner.telegram().send_story(&target, file, &media, story).await?;
            Ok((format!("posted story {}", render::story(&posted)), posted))
        })
        .await
    }

    /// Edit one of your stories: replace its media, change the caption (`""` clears it) or who
    /// may see it.
    #[tool(name = "telegram-edit-story", annotations(title = "Edit story", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Story>())]
    async fn edit_story(
        &self,
        Parameters(a): Parameters<EditStory>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            story_id(a.story_id, "storyId")?;
            if a.file_path.is_none() && a.caption.is_none() && a.privacy.is_none() {
                return Err(OwnerError::Invalid(
                    "nothing to change: give filePath, caption or privacy".into(),
                ));
            }
            if let Some(caption) = &a.caption {
                check_caption(caption)?;
            }
            refuse_unused(&a)?;
            let format = text_format(a.parse_mode.as_deref())?;
            let privacy = match a.privacy.as_deref() {
                Some(p) => Some(self.story_privacy(p, a.allow_user_ids, a.disallow_user_ids).await?),
                None => None,
            };
            let target = self.story_owner(a.chat_id.as_ref()).await?;
            let media = match &a.file_path {
                Some(path) => Some(self.story_file(path, a.kind.as_deref()).await?),
                None => None,
            };
            let edit = StoryEdit { media, caption: a.caption, format, privacy };
            let edited = self.owner.telegram().edit_story(&target, a.story_id, edit).await?;
            Ok((format!("edited story {}", render::story(&edited)), edited))
        })
        .await
    }
}

impl TelegramMcp {
    /// Opens and uploads a story's file; `kind` (`photo`/`video`) overrides the detection.
    async fn story_file(&self, path: &str, kind: Option<&str>) -> Result<(Uploaded, StoryMedia), OwnerError> {
        let source = self.owner.files().open(path).map_err(OwnerError::Invalid)?;
        let detected = media_of(&source.name);
        let video = match kind {
            Some("photo") => false,
            Some("video") => true,
            Some(other) => return Err(OwnerError::Invalid(format!("type {other:?} is not photo or video"))),
            None => match detected {
                Some((video, _)) => video,
                None => {
                    return Err(OwnerError::Invalid(format!(
                        "{path} is neither a photo (JPEG, PNG, WebP) nor a video (MP4, MOV, WebM): give type"
                    )));
                }
            },
        };
        let mime = detected
            .filter(|(v, _)| *v == video)
            .map_or(if video { "video/mp4" } else { "image/jpeg" }, |m| m.1);
        let media = StoryMedia { video, mime: mime.to_owned(), name: source.name.clone() };
        let mut file = tokio::fs::File::from_std(source.file);
        let progress = watch::Sender::new(0);
        let uploaded = self.owner.telegram().upload(&mut file, source.size, &source.name, &progress).await?;
        Ok((uploaded, media))
    }

    /// The privacy a tool call asks for; listed users must be users Telegram knows.
    async fn story_privacy(
        &self,
        privacy: &str,
        allow: Option<Vec<String>>,
        disallow: Option<Vec<String>>,
    ) -> Result<StoryPrivacy, OwnerError> {
        let audience = match privacy {
            "everyone" => Audience::Everyone,
            "contacts" => Audience::Contacts,
            "close_friends" => Audience::CloseFriends,
            "selected" => Audience::Selected,
            other => {
                return Err(OwnerError::Invalid(format!(
                    "privacy {other:?} is not everyone, contacts, close_friends or selected"
                )));
            }
        };
        let (allow, disallow) = (allow.unwrap_or_default(), disallow.unwrap_or_default());
        // Telegram takes exclusions only beside a wide audience and a list only for selected:
        // refuse what would otherwise go nowhere.
        if audience == Audience::Selected && !disallow.is_empty() {
            return Err(OwnerError::Invalid(
                "disallowUserIds does not apply to privacy selected: list only allowUserIds".into(),
            ));
        }
        if audience != Audience::Selected && !allow.is_empty() {
            return Err(OwnerError::Invalid(format!(
                "allowUserIds applies only to privacy selected, not {privacy}: set privacy to selected or drop the list"
            )));
        }
        let allow = self.story_users(allow, "allowUserIds").await?;
        let disallow = self.story_users(disallow, "disallowUserIds").await?;
        if audience == Audience::Selected && allow.is_empty() {
            return Err(OwnerError::Invalid("privacy selected needs allowUserIds".into()));
        }
        Ok(StoryPrivacy { audience, allow, disallow })
    }

    /// The listed users, each resolved like any chat argument, so a window limited to some
    /// chats names only users it may see.
    async fn story_users(&self, ids: Vec<String>, name: &str) -> Result<Vec<Target>, OwnerError> {
        let mut users = Vec::with_capacity(ids.len());
        for raw in ids {
            let id = raw.trim();
            if id.is_empty() || id.len() > 19 || !id.bytes().all(|b| b.is_ascii_digit()) {
                return Err(OwnerError::Invalid(format!("{name}: {raw:?} is not a numeric user id")));
            }
            let target = self.chat(&ChatArg::Name(id.to_owned())).await?;
            if !matches!(target.kind, ChatKind::User | ChatKind::Bot) {
                return Err(OwnerError::Invalid(format!("{name}: {id} is not a user")));
            }
            users.push(target);
        }
        Ok(users)
    }
}

/// Edit-story parameters that only count beside another one: refused when it is missing.
fn refuse_unused(a: &EditStory) -> Result<(), OwnerError> {
    let lists = a.allow_user_ids.as_ref().is_some_and(|l| !l.is_empty())
        || a.disallow_user_ids.as_ref().is_some_and(|l| !l.is_empty());
    let why = if a.kind.is_some() && a.file_path.is_none() {
        "type describes a new file: give filePath too, or drop type"
    } else if a.parse_mode.is_some() && a.caption.is_none() {
        "parseMode formats a new caption: give caption too, or drop parseMode"
    } else if lists && a.privacy.is_none() {
        "allowUserIds and disallowUserIds come with a new privacy: give privacy too"
    } else {
        return Ok(());
    };
    Err(OwnerError::Invalid(why.into()))
}

fn check_caption(caption: &str) -> Result<(), OwnerError> {
    let n = caption.chars().count();
    if n > MAX_CAPTION {
        return Err(OwnerError::Invalid(format!(
            "caption is {n} characters; a story caption has at most {MAX_CAPTION} (200 without Premium)"
        )));
    }
    Ok(())
}

/// Photo or video, and the MIME type, by extension.
fn media_of(name: &str) -> Option<(bool, &'static str)> {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default();
    Some(match ext.as_str() {
        "jpg" | "jpeg" => (false, "image/jpeg"),
        "png" => (false, "image/png"),
        "webp" => (false, "image/webp"),
        "mp4" | "m4v" => (true, "video/mp4"),
        "mov" => (true, "video/quicktime"),
        "webm" => (true, "video/webm"),
        _ => return None,
    })
}
