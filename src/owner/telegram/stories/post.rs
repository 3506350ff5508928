//! Posting and editing stories: an upload from `media.rs` sent as a photo or a video, with
//! the `random_id` chosen once (a retry after a drop can never post twice), the privacy rules
//! and the posted story read back from the answer.

use grammers_client::tl;

use super::super::media::Uploaded;
use super::super::peers::{Target, peer_id};
use super::super::write::{TextFormat, formatted};
use super::super::{Telegram, rand_i64};
use super::convert::story;
use super::input_user;
use crate::model::stories::{Audience, Story, StoryMedia};
use crate::owner::OwnerError;

/// What a new story says and who sees it.
#[derive(Debug, Clone)]
pub(crate) struct NewStory {
    pub(crate) caption: String,
    pub(crate) format: TextFormat,
    pub(crate) privacy: StoryPrivacy,
    /// Seconds; Telegram's default (a day) when absent.
    pub(crate) period: Option<i32>,
    pub(crate) pinned: bool,
    pub(crate) noforwards: bool,
}

/// What an edit changes; `None` keeps it.
#[derive(Debug, Clone)]
pub(crate) struct StoryEdit {
    pub(crate) media: Option<(Uploaded, StoryMedia)>,
    pub(crate) caption: Option<String>,
    pub(crate) format: TextFormat,
    pub(crate) privacy: Option<StoryPrivacy>,
}

/// Who may see a story: the listed users come resolved (and checked against the window's
/// chats) by the tools, so nothing is looked up again here and no one is dropped.
#[derive(Debug, Clone)]
pub(crate) struct StoryPrivacy {
    pub(crate) audience: Audience,
    pub(crate) allow: Vec<Target>,
    pub(crate) disallow: Vec<Target>,
}

impl Telegram {
    /// Posts an uploaded photo or video as a story.
    pub(crate) async fn send_story(
        &self,
        target: &Target,
        file: Uploaded,
        media: &StoryMedia,
        story: NewStory,
    ) -> Result<Story, OwnerError> {
        let (caption, entities) = formatted(&story.caption, story.format);
        let random_id = rand_i64();
        let request = tl::functions::stories::SendStory {
            pinned: story.pinned,
            noforwards: story.noforwards,
            fwd_modified: false,
            peer: target.input_peer(),
            media: input_media(file, media),
            media_areas: None,
            caption: (!caption.is_empty()).then_some(caption),
            entities,
            privacy_rules: privacy_rules(&story.privacy)?,
            random_id,
            period: story.period,
            fwd_from_id: None,
            fwd_from_story: None,
            albums: None,
            music: None,
        };
        let updates = match self.call(&request).await {
            Err(OwnerError::Rpc { name, .. }) if name == "RANDOM_ID_DUPLICATE" => {
                return Err(OwnerError::Invalid(
                    "Telegram reports this story as already posted (a retry after a dropped connection): \
                     check telegram-get-stories-archive before posting again"
                        .into(),
                ));
            }
            other => other?,
        };
        let id = self.story_updates(&updates).into_iter().find_map(|u| match u {
            tl::enums::Update::StoryId(s) if s.random_id == random_id => Some(s.id),
            _ => None,
        });
        let id = id.ok_or_else(|| OwnerError::Internal(anyhow::anyhow!("Telegram confirmed no story id")))?;
        self.posted(target, &updates, id).await
    }

    pub(crate) async fn edit_story(
        &self,
        target: &Target,
        id: i32,
        edit: StoryEdit,
    ) -> Result<Story, OwnerError> {
        let (caption, entities) = match edit.caption {
            Some(c) => {
                let (c, e) = formatted(&c, edit.format);
                // Caption and entities share one flag: both or neither go out.
                (Some(c), Some(e.unwrap_or_default()))
            }
            None => (None, None),
        };
        let request = tl::functions::stories::EditStory {
            peer: target.input_peer(),
            id,
            media: edit.media.map(|(file, media)| input_media(file, &media)),
            media_areas: None,
            caption,
            entities,
            privacy_rules: edit.privacy.as_ref().map(privacy_rules).transpose()?,
            music: None,
        };
        let updates = self.call(&request).await?;
        self.posted(target, &updates, id).await
    }

    /// The story an answer carries (`updateStory`), or else the story fetched by id.
    async fn posted(
        &self,
        target: &Target,
        updates: &tl::enums::Updates,
        id: i32,
    ) -> Result<Story, OwnerError> {
        let carried = self.story_updates(updates).into_iter().find_map(|u| match u {
            tl::enums::Update::Story(s) if s.story.id() == id => story(peer_id(&s.peer), &s.story, None),
            _ => None,
        });
        if let Some(story) = carried {
            return Ok(story);
        }
        let list = self.stories_by_id(target, &[id]).await?;
        list.stories.into_iter().next().ok_or_else(|| {
            OwnerError::Internal(anyhow::anyhow!("Telegram returned no story {id} after the change"))
        })
    }
}

/// Telegram's privacy rules; a listed peer that is not a user is refused, never left out.
fn privacy_rules(p: &StoryPrivacy) -> Result<Vec<tl::enums::InputPrivacyRule>, OwnerError> {
    use tl::enums::InputPrivacyRule as R;
    let users = |list: &[Target]| -> Result<Vec<tl::enums::InputUser>, OwnerError> {
        list.iter()
            .map(|t| {
                input_user(t)
                    .ok_or_else(|| OwnerError::Invalid(format!("{} is not a user: list only users", t.id)))
            })
            .collect()
    };
    let mut rules = match p.audience {
        Audience::Everyone => vec![R::InputPrivacyValueAllowAll],
        Audience::Contacts => vec![R::InputPrivacyValueAllowContacts],
        Audience::CloseFriends => vec![R::InputPrivacyValueAllowCloseFriends],
        Audience::Selected => {
            vec![R::InputPrivacyValueAllowUsers(tl::types::InputPrivacyValueAllowUsers {
                users: users(&p.allow)?,
            })]
        }
    };
    if !p.disallow.is_empty() && p.audience != Audience::Selected {
        rules.push(R::InputPrivacyValueDisallowUsers(tl::types::InputPrivacyValueDisallowUsers {
            users: users(&p.disallow)?,
        }));
    }
    Ok(rules)
}

/// An uploaded photo, or a video document.
fn input_media(file: Uploaded, media: &StoryMedia) -> tl::enums::InputMedia {
    if !media.video {
        return tl::enums::InputMedia::UploadedPhoto(tl::types::InputMediaUploadedPhoto {
            spoiler: false,
            live_photo: false,
            file: file.input,
            stickers: None,
            ttl_seconds: None,
            video: None,
        });
    }
    let video = tl::enums::DocumentAttribute::Video(tl::types::DocumentAttributeVideo {
        round_message: false,
        supports_streaming: true,
        nosound: false,
        duration: 0.0,
        w: 0,
        h: 0,
        preload_prefix_size: None,
        video_start_ts: None,
        video_codec: None,
    });
    let name = tl::enums::DocumentAttribute::Filename(tl::types::DocumentAttributeFilename {
        file_name: media.name.clone(),
    });
    tl::enums::InputMedia::UploadedDocument(tl::types::InputMediaUploadedDocument {
        nosound_video: false,
        force_file: false,
        spoiler: false,
        file: file.input,
        thumb: None,
        mime_type: media.mime.clone(),
        attributes: vec![video, name],
        stickers: None,
        video_cover: None,
        video_timestamp: None,
        ttl_seconds: None,
    })
}
