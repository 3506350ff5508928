//! How the media tools move bytes: opening a source in the files directory, uploading it with
//! progress, sending what was uploaded, and fetching a file to the directory or inline, with
//! MCP progress notifications while a transfer runs.

use std::future::Future;

use rmcp::RoleServer;
use rmcp::model::ContentBlock;
use rmcp::service::RequestContext;
use tokio::sync::watch;

use super::args::{Downloaded, SentMedia};
use super::kinds::{base64, sniff};
use crate::files::{Sink, Source, human, safe_name};
use crate::mcp::tools::text_format;
use crate::mcp::{TelegramMcp, render};
use crate::owner::{Media, Outgoing, OwnerError, SendAs, Target, Uploaded};

impl TelegramMcp {
    pub(super) fn source(&self, path: &str) -> Result<Source, OwnerError> {
        self.owner.files().open(path).map_err(OwnerError::Invalid)
    }

    /// Uploads one file with progress (a cancelled call stops between two parts); `base` and
    /// `total` place it among the files of one call.
    pub(super) async fn upload_file(
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

    pub(super) async fn upload_one(
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

    pub(super) async fn send(
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
    pub(super) async fn fetch(
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
