//! Media: sending files, photos, voice notes, video notes and albums, downloading a message's
//! file, and profile photos. Files are read and written only inside the owner's files
//! directory (`crate::files`), transfers stream in parts with MCP progress notifications when
//! the call carries a `progressToken`, a cancelled call stops between two parts and leaves no
//! partial file, and small images come back as MCP `image` content so a model can see them.

use std::future::Future;

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::ContentBlock;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use tokio::sync::watch;

mod args;
mod kinds;

use args::{
    DeleteProfilePhoto, DeletedPhotos, DownloadMedia, Downloaded, GetProfilePhoto, SendAlbum, SendFile,
    SendVideoNote, SendVoice, SentMedia, SetPhoto, SetProfilePhoto,
};
use kinds::{Kind, base64, extension, kind_of, mime_of, sniff, text_format, voice_mime};

use super::{Access, Entry, Profile, Reply, guard_blocks};
use crate::files::{Sink, Source, human, safe_name};
use crate::mcp::{TelegramMcp, render};
use crate::owner::{Media, Outgoing, OwnerError, SendAs, Target, Uploaded};

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

impl TelegramMcp {
    fn source(&self, path: &str) -> Result<Source, OwnerError> {
        self.owner.files().open(path).map_err(OwnerError::Invalid)
    }

    /// Uploads one file with progress (a cancelled call stops between two parts); `base` and
    /// `total` place it among the files of one call.
    async fn upload_file(
        &self,
        ctx: &RequestContext<RoleServer>,
        source: &mut Source,
        base: u64,
        total: u64,
    ) -> Result<Uploaded, OwnerError> {
        let (size, name) = (source.size, source.name.clone());
        let file = source
            .file
            .try_clone()
            .map_err(|e| OwnerError::Invalid(format!("failed to read {name}: {e}")))?;
        let mut file = tokio::fs::File::from_std(file);
        let progress = watch::Sender::new(0);
        let job = self.owner.telegram().upload(&mut file, size, &name, &progress);
        with_progress_from(ctx, base, Some(total), &format!("uploading {name}"), &progress, job).await
    }

    async fn upload_one(
        &self,
        ctx: &RequestContext<RoleServer>,
        mut source: Source,
        send_as: SendAs,
        caption: String,
    ) -> Result<Outgoing, OwnerError> {
        let size = source.size;
        let file = self.upload_file(ctx, &mut source, 0, size).await?;
        Ok(Outgoing { file, name: source.name, send_as, caption })
    }

    async fn send(
        &self,
        target: &Target,
        items: Vec<Outgoing>,
        parse_mode: Option<&str>,
        reply_to: Option<i32>,
        topic: Option<i32>,
    ) -> Result<(String, SentMedia, Vec<ContentBlock>), OwnerError> {
        let format = text_format(parse_mode)?;
        let (expected, bytes) = (items.len(), items.iter().map(|i| i.file.size).sum::<u64>());
        let messages = self.owner.telegram().send_media(target, items, format, reply_to, topic).await?;
        if messages.len() < expected {
            return Err(OwnerError::Internal(anyhow::anyhow!(
                "Telegram confirmed {} of {expected} message(s): check the chat before sending again",
                messages.len()
            )));
        }
        let lines: Vec<String> = messages.iter().map(render::message).collect();
        let text = format!(
            "sent {} message(s), {}, to {} (id {}):\n{}",
            messages.len(),
            human(bytes),
            render::clean(&target.title),
            target.id,
            lines.join("\n")
        );
        Ok((text, SentMedia { messages }, Vec::new()))
    }

    /// Downloads `media` to a file (`path`, or `name` in the files directory), or only inline
    /// when `inline` and no path was given; `must_inline` fails if it cannot be shown inline.
    async fn fetch(
        &self,
        ctx: &RequestContext<RoleServer>,
        media: &Media,
        path: Option<&str>,
        name: &str,
        inline: bool,
        must_inline: bool,
    ) -> Result<(String, Downloaded, Vec<ContentBlock>), OwnerError> {
        let files = self.owner.files();
        let tg = self.owner.telegram();
        let fits = media.size.is_none_or(|s| s <= files.max_inline);
        if must_inline && !fits {
            return Err(OwnerError::Invalid(format!(
                "the file is {}, over the inline cap of {} (MCP_TELEGRAM_MAX_INLINE_IMAGE): give downloadPath",
                human(media.size.unwrap_or(0)),
                human(files.max_inline)
            )));
        }
        if inline && fits && path.is_none() {
            let mut bytes = Vec::new();
            let cap = files.max_inline;
            let progress = watch::Sender::new(0);
            let job = tg.download(media, &mut bytes, cap, "MCP_TELEGRAM_MAX_INLINE_IMAGE", &progress);
            with_progress(ctx, media.size, &format!("downloading {name}"), &progress, job).await?;
            let Some(mime) = sniff(&bytes).map(str::to_owned) else {
                return Err(OwnerError::Invalid(format!(
                    "the file ({}) is not an image (PNG, JPEG, GIF or WebP) and cannot be shown inline: give downloadPath",
                    media.mime
                )));
            };
            let value = Downloaded::of(media, bytes.len() as u64, None, true, &mime);
            let text = format!("{} ({}, {}) shown inline", media.kind, mime, human(bytes.len() as u64));
            return Ok((text, value, vec![ContentBlock::image(base64(&bytes), mime)]));
        }
        let mut sink: Sink = files.create(path, &safe_name(name)).map_err(OwnerError::Invalid)?;
        let file = sink.take().ok_or_else(|| OwnerError::Internal(anyhow::anyhow!("download file taken")))?;
        let mut file = tokio::fs::File::from_std(file);
        let progress = watch::Sender::new(0);
        let job = tg.download(media, &mut file, files.max_download, "MCP_TELEGRAM_MAX_DOWNLOAD", &progress);
        let size = with_progress(ctx, media.size, &format!("downloading {name}"), &progress, job).await?;
        file.sync_all()
            .await
            .map_err(|e| OwnerError::Invalid(format!("failed to save the download: {e}")))?;
        drop(file);
        // Photos under the inline cap are shown as well: the model sees what it fetched.
        let mut blocks = Vec::new();
        if inline && media.kind == "photo" && size <= files.max_inline {
            let bytes = std::fs::read(sink.partial()).unwrap_or_default();
            if let Some(mime) = sniff(&bytes) {
                blocks.push(ContentBlock::image(base64(&bytes), mime));
            }
        }
        let saved = sink.finish().map_err(OwnerError::Invalid)?;
        let value =
            Downloaded::of(media, size, Some(saved.display().to_string()), !blocks.is_empty(), &media.mime);
        let text = format!("saved {} ({}, {}) to {}", media.kind, media.mime, human(size), saved.display());
        Ok((text, value, blocks))
    }
}

/// Runs a transfer (`job`, which publishes its bytes done on `progress`), sending MCP progress
/// notifications (at most every 100 ms, and at the end) while it runs when the request carried
/// a `progressToken`.
async fn with_progress<T>(
    ctx: &RequestContext<RoleServer>,
    total: Option<u64>,
    what: &str,
    progress: &watch::Sender<u64>,
    job: impl Future<Output = Result<T, OwnerError>>,
) -> Result<T, OwnerError> {
    with_progress_from(ctx, 0, total, what, progress, job).await
}

/// [`with_progress`] for one of several transfers under one token: reports `base` plus this
/// transfer's bytes, of the `total` of all, so the progress only grows.
async fn with_progress_from<T>(
    ctx: &RequestContext<RoleServer>,
    base: u64,
    total: Option<u64>,
    what: &str,
    progress: &watch::Sender<u64>,
    job: impl Future<Output = Result<T, OwnerError>>,
) -> Result<T, OwnerError> {
    let mut rx = progress.subscribe();
    let token = ctx.meta.get_progress_token();
    tokio::pin!(job);
    let (mut last, mut sent) = (std::time::Instant::now(), 0u64);
    let notify = |done: u64| {
        let token = token.clone();
        async move {
            let Some(token) = token else { return };
            let done = base + done;
            let mut p = rmcp::model::ProgressNotificationParam::new(token, done as f64)
                .with_message(format!("{what}: {}", human(done)));
            if let Some(total) = total {
                p = p.with_total(total as f64);
            }
            let _ = ctx.peer.notify_progress(p).await;
        }
    };
    loop {
        tokio::select! {
            result = &mut job => {
                // The last parts may have finished faster than the reports: end on the total.
                let done = *rx.borrow();
                if result.is_ok() && token.is_some() && done > sent {
                    notify(done).await;
                }
                return result;
            }
            changed = rx.changed(), if token.is_some() => {
                if changed.is_err() {
                    continue;
                }
                let done = *rx.borrow_and_update();
                if last.elapsed() < std::time::Duration::from_millis(100) && Some(base + done) != total {
                    continue;
                }
                (last, sent) = (std::time::Instant::now(), done);
                notify(done).await;
            }
        }
    }
}
