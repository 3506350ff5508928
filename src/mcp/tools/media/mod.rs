//! Media: sending files, photos, voice notes, video notes and albums, downloading a message's
//! file, and profile photos. Files are read and written only inside the owner's files
//! directory (`crate::files`), transfers stream in parts with MCP progress notifications when
//! the call carries a `progressToken`, a cancelled call stops between two parts and leaves no
//! partial file, and small images come back as MCP `image` content so a model can see them.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

mod args;
pub(super) mod kinds;
mod transfer;

use args::{
    DeleteProfilePhoto, DeletedPhotos, DownloadMedia, Downloaded, GetProfilePhoto, SendAlbum, SendFile,
    SendVideoNote, SendVoice, SentMedia, SetPhoto, SetProfilePhoto,
};
use kinds::{Kind, extension, kind_of, mime_of, voice_mime};

use super::{Access, Entry, Profile, Reply, guard_blocks};
use crate::files::Source;
use crate::mcp::{TelegramMcp, render};
use crate::owner::{Outgoing, OwnerError, SendAs};

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[
    Entry { name: "telegram-send-file", profile: Profile::Media, access: Access::Write },
    Entry { name: "telegram-send-voice", profile: Profile::Media, access: Access::Write },
    Entry { name: "telegram-send-video-note", profile: Profile::Media, access: Access::Write },
    Entry { name: "telegram-send-album", profile: Profile::Media, access: Access::Write },
    Entry { name: "telegram-download-media", profile: Profile::Media, access: Access::Read },
    Entry { name: "telegram-get-profile-photo", profile: Profile::Media, access: Access::Read },
    Entry { name: "telegram-set-profile-photo", profile: Profile::Media, access: Access::Write },
    Entry { name: "telegram-delete-profile-photo", profile: Profile::Media, access: Access::Destructive },
];

/// Telegram sends photos above this size as files.
const PHOTO_MAX: u64 = 10 * 1024 * 1024;

#[tool_router(router = media_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Send a file from the files directory: images as photos, videos playable, anything else
    /// as a document. Reports progress for large files.
    #[tool(name = "telegram-send-file", annotations(title = "Send file", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<SentMedia>())]
    async fn send_file(&self, Parameters(a): Parameters<SendFile>, ctx: RequestContext<RoleServer>) -> Reply {
        guard_blocks(&ctx, async {
            // The chat first: a refused or unknown chat costs no upload.
            let target = self.chat(&a.chat_id).await?;
            let source = self.source(&a.file_path)?;
            let send_as = match kind_of(&source.name) {
                Kind::Image if !a.force_document.unwrap_or(false) && source.size <= PHOTO_MAX => {
                    SendAs::Photo
                }
                Kind::Video => SendAs::Document { mime: mime_of(&source.name).to_owned(), video: true },
                _ => SendAs::Document { mime: mime_of(&source.name).to_owned(), video: false },
            };
            let caption = a.caption.unwrap_or_default();
            let item = self.upload_one(&ctx, source, send_as, caption).await?;
            self.send(&target, vec![item], a.parse_mode.as_deref(), a.reply_to, a.topic_id).await
        })
        .await
    }

    /// Send a voice note (shown with a waveform) from an audio file in the files directory
    /// (OGG/Opus preferred; M4A and MP3 also work).
    #[tool(name = "telegram-send-voice", annotations(title = "Send voice note", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<SentMedia>())]
    async fn send_voice(
        &self,
        Parameters(a): Parameters<SendVoice>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard_blocks(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let source = self.source(&a.file_path)?;
            let send_as = SendAs::Voice {
                mime: voice_mime(&source.name).to_owned(),
                duration: a.duration.unwrap_or(0),
            };
            let item = self.upload_one(&ctx, source, send_as, a.caption.unwrap_or_default()).await?;
            self.send(&target, vec![item], a.parse_mode.as_deref(), a.reply_to, a.topic_id).await
        })
        .await
    }

    /// Send a round video note from an MP4 in the files directory (square source looks best;
    /// at most 60 s).
    #[tool(name = "telegram-send-video-note", annotations(title = "Send video note", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<SentMedia>())]
    async fn send_video_note(
        &self,
        Parameters(a): Parameters<SendVideoNote>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard_blocks(&ctx, async {
            let duration = a.duration.unwrap_or(0);
            if !(0..=60).contains(&duration) {
                return Err(OwnerError::Invalid(format!(
                    "duration {duration} s: a video note is at most 60 s"
                )));
            }
            let length = a.length.unwrap_or(384).clamp(1, 640);
            let target = self.chat(&a.chat_id).await?;
            let source = self.source(&a.file_path)?;
            let item =
                self.upload_one(&ctx, source, SendAs::VideoNote { duration, length }, String::new()).await?;
            self.send(&target, vec![item], None, a.reply_to, a.topic_id).await
        })
        .await
    }

    /// Send 2–10 photos or videos as one album; each item may have its own caption, and
    /// `caption` goes on the first item.
    #[tool(name = "telegram-send-album", annotations(title = "Send album", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<SentMedia>())]
    async fn send_album(
        &self,
        Parameters(a): Parameters<SendAlbum>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard_blocks(&ctx, async {
            if !(2..=10).contains(&a.items.len()) {
                return Err(OwnerError::Invalid(format!("{} items: an album has 2 to 10", a.items.len())));
            }
            // The chat and every file are checked before the first byte goes out.
            let target = self.chat(&a.chat_id).await?;
            let sources: Vec<Source> =
                a.items.iter().map(|i| self.source(&i.file_path)).collect::<Result<_, _>>()?;
            let mut items = Vec::with_capacity(sources.len());
            // One progress over the whole album.
            let (total, mut base) = (sources.iter().map(|s| s.size).sum::<u64>(), 0);
            for (n, (mut source, item)) in sources.into_iter().zip(&a.items).enumerate() {
                let send_as = match kind_of(&source.name) {
                    Kind::Image if source.size <= PHOTO_MAX => SendAs::Photo,
                    Kind::Video => SendAs::Document { mime: mime_of(&source.name).to_owned(), video: true },
                    _ => {
                        return Err(OwnerError::Invalid(format!(
                            "{}: an album takes photos and videos only",
                            item.file_path
                        )));
                    }
                };
                let caption = match (&item.caption, n, &a.caption) {
                    (Some(own), _, _) => own.clone(),
                    (None, 0, Some(album)) => album.clone(),
                    _ => String::new(),
                };
                let file = self.upload_file(&ctx, &mut source, base, total).await?;
                base += source.size;
                items.push(Outgoing { file, name: source.name, send_as, caption });
            }
            self.send(&target, items, a.parse_mode.as_deref(), a.reply_to, a.topic_id).await
        })
        .await
    }

    /// Download the file of a message (photo, document, voice, video) into the files
    /// directory. Small photos are also shown inline; `inline: true` shows any image under the
    /// inline cap without saving it unless `downloadPath` is given.
    #[tool(name = "telegram-download-media", annotations(title = "Download media", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Downloaded>())]
    async fn download_media(
        &self,
        Parameters(a): Parameters<DownloadMedia>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard_blocks(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let media = self.owner.telegram().media(&target, a.message_id).await?;
            let name = media.name.clone().unwrap_or_else(|| {
                format!("{}-{}-{}.{}", media.kind, target.id, a.message_id, extension(&media.mime))
            });
            let want_inline = a.inline.unwrap_or(a.download_path.is_none() && media.kind == "photo");
            self.fetch(&ctx, &media, a.download_path.as_deref(), &name, want_inline, a.inline == Some(true))
                .await
        })
        .await
    }

    /// The current profile photo of a user, group or channel: shown inline, or saved into the
    /// files directory with `savePath`.
    #[tool(name = "telegram-get-profile-photo", annotations(title = "Profile photo", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Downloaded>())]
    async fn get_profile_photo(
        &self,
        Parameters(a): Parameters<GetProfilePhoto>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard_blocks(&ctx, async {
            let big = match a.size.as_deref() {
                None | Some("big") => true,
                Some("small") => false,
                Some(other) => {
                    return Err(OwnerError::Invalid(format!("size {other:?} is not small or big")));
                }
            };
            let target = self.chat(&a.entity_id).await?;
            let Some(media) = self.owner.telegram().profile_photo(&target, big).await? else {
                return Err(OwnerError::Invalid(format!(
                    "{} has no profile photo",
                    render::clean(&target.title)
                )));
            };
            let name = format!("profile-{}.jpg", target.id);
            let inline = a.save_path.is_none();
            self.fetch(&ctx, &media, a.save_path.as_deref(), &name, inline, inline).await
        })
        .await
    }

    /// Set a new profile photo (JPEG/PNG) or animated avatar (square MP4, `isVideo`) from the
    /// files directory; `fallback` sets the photo shown to those who cannot see the main one.
    #[tool(name = "telegram-set-profile-photo", annotations(title = "Set profile photo", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<SetPhoto>())]
    async fn set_profile_photo(
        &self,
        Parameters(a): Parameters<SetProfilePhoto>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard_blocks(&ctx, async {
            let mut source = self.source(&a.file_path)?;
            let video = a.is_video.unwrap_or(false);
            let size = source.size;
            let uploaded = self.upload_file(&ctx, &mut source, 0, size).await?;
            let photo = self
                .owner
                .telegram()
                .set_profile_photo(uploaded, video, a.video_start_ts, a.fallback.unwrap_or(false))
                .await?;
            Ok((format!("profile photo set (id {})", photo.id), SetPhoto { photo }, Vec::new()))
        })
        .await
    }

    /// Delete profile photos of your own by id (`telegram-get-profile-photo` and the photo
    /// list give the ids). Cannot be undone.
    #[tool(name = "telegram-delete-profile-photo", annotations(title = "Delete profile photos", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<DeletedPhotos>())]
    async fn delete_profile_photo(
        &self,
        Parameters(a): Parameters<DeleteProfilePhoto>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard_blocks(&ctx, async {
            if !(1..=100).contains(&a.photo_ids.len()) {
                return Err(OwnerError::Invalid("photoIds takes 1 to 100 ids".into()));
            }
            let ids: Vec<i64> = a
                .photo_ids
                .iter()
                .map(|id| {
                    id.trim()
                        .parse()
                        .map_err(|_| OwnerError::Invalid(format!("photo id {id:?} is not a number")))
                })
                .collect::<Result<_, _>>()?;
            let question = format!("Delete {} of your profile photo(s)?", ids.len());
            self.confirm(&ctx, a.confirm, "telegram-delete-profile-photo", question).await?;
            let deleted = self.owner.telegram().delete_profile_photos(&ids).await?;
            let (done, missing): (Vec<i64>, Vec<i64>) = ids.iter().partition(|id| deleted.contains(id));
            let value = DeletedPhotos {
                deleted: done.iter().map(i64::to_string).collect(),
                not_found: missing.iter().map(i64::to_string).collect(),
            };
            let text = format!(
                "deleted {} profile photo(s); {} not found",
                value.deleted.len(),
                value.not_found.len()
            );
            Ok((text, value, Vec::new()))
        })
        .await
    }
}
