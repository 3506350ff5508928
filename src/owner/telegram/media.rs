//! Uploads in parts (`upload.saveFilePart`, `saveBigFilePart` past 10 MiB), sent as photos,
//! documents, voice notes, video notes and albums, or set as the profile photo (downloads are
//! `fetch.rs`). Transfers stream: at most one part is in memory, so a 500 MB file costs what a
//! 5 MB one does. Progress goes to a `watch` channel the caller reads; dropping the future
//! cancels the transfer between two parts.

use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::sync::watch;

use grammers_client::tl;

use super::fetch::ProfilePhoto;
use super::peers::Target;
use super::write::{TextFormat, formatted, reply_header};
use super::{Telegram, rand_i64};
use crate::model::Message;
use crate::owner::OwnerError;

/// Bytes per upload part and download chunk (Telegram's largest part; divides 1 MiB).
pub(super) const PART: usize = 512 * 1024;
/// Past this size Telegram wants `saveBigFilePart`.
const BIG_FILE: u64 = 10 * 1024 * 1024;
/// Telegram's limit on the parts of one file (4000 × 512 KiB ≈ 2 GB).
const MAX_PARTS: u64 = 4000;

/// A file uploaded to Telegram, ready to be sent (valid for about a day).
#[derive(Debug, Clone)]
pub struct Uploaded {
    pub(super) input: tl::enums::InputFile,
    /// Bytes uploaded.
    pub size: u64,
}

/// How an uploaded file is sent.
#[derive(Debug, Clone, PartialEq)]
pub enum SendAs {
    /// A compressed photo (JPEG, PNG, WebP).
    Photo,
    /// A file with its name and MIME type; videos play inline.
    Document { mime: String, video: bool },
    /// A voice note (waveform UI).
    Voice { mime: String, duration: i32 },
    /// A round video note.
    VideoNote { duration: i32, length: i32 },
}

/// One item to send: an uploaded file, how, and its caption.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub file: Uploaded,
    pub name: String,
    pub send_as: SendAs,
    pub caption: String,
}

impl Telegram {
    /// Uploads `size` bytes from `source` in parts, publishing the bytes done on `progress`.
    pub(crate) async fn upload(
        &self,
        source: &mut (impl AsyncRead + Unpin),
        size: u64,
        name: &str,
        progress: &watch::Sender<u64>,
    ) -> Result<Uploaded, OwnerError> {
        if size == 0 {
            return Err(OwnerError::Invalid(format!("{name} is empty: Telegram does not take empty files")));
        }
        let parts = size.div_ceil(PART as u64);
        if parts > MAX_PARTS {
            return Err(OwnerError::Invalid(format!(
                "{name} is {size} bytes; Telegram takes at most {} bytes per file",
                MAX_PARTS * PART as u64
            )));
        }
        let (big, file_id, total) = (size > BIG_FILE, rand_i64(), parts as i32);
        let mut buffer = vec![0u8; PART];
        let mut done = 0u64;
        for part in 0..total {
            let want = PART.min((size - done) as usize);
            source.read_exact(&mut buffer[..want]).await.map_err(|e| {
                OwnerError::Invalid(format!("failed to read {name} at byte {done}: {e} (did it change?)"))
            })?;
            let bytes = buffer[..want].to_vec();
            let ok = if big {
                let request = tl::functions::upload::SaveBigFilePart {
                    file_id,
                    file_part: part,
                    file_total_parts: total,
                    bytes,
                };
                self.call(&request).await?
            } else {
                self.call(&tl::functions::upload::SaveFilePart { file_id, file_part: part, bytes }).await?
            };
            if !ok {
                return Err(OwnerError::Internal(anyhow::anyhow!("Telegram refused part {part} of {name}")));
            }
            done += want as u64;
            progress.send_replace(done);
        }
        // A file still being written would go out cut short: refuse instead.
        if source.read(&mut buffer[..1]).await.is_ok_and(|n| n > 0) {
            return Err(OwnerError::Invalid(format!(
                "{name} grew while it was uploading: send it again once it is complete"
            )));
        }
        let name = name.to_owned();
        let input = if big {
            tl::enums::InputFile::Big(tl::types::InputFileBig { id: file_id, parts: total, name })
        } else {
            tl::enums::InputFile::File(tl::types::InputFile {
                id: file_id,
                parts: total,
                name,
                md5_checksum: String::new(),
            })
        };
        Ok(Uploaded { input, size })
    }

    /// Sends uploaded files into a chat: one message, or an album of 2–10 sharing one group.
    pub(crate) async fn send_media(
        &self,
        target: &Target,
        items: Vec<Outgoing>,
        format: TextFormat,
        reply_to: Option<i32>,
        topic: Option<i32>,
    ) -> Result<Vec<Message>, OwnerError> {
        let reply = reply_header(reply_to, topic);
        if let [item] = items.as_slice() {
            let (caption, entities) = formatted(&item.caption, format);
            let random_id = rand_i64();
            let request = tl::functions::messages::SendMedia {
                silent: false,
                background: false,
                clear_draft: false,
                noforwards: false,
                update_stickersets_order: false,
                invert_media: false,
                allow_paid_floodskip: false,
                peer: target.input_peer(),
                reply_to: reply,
                media: input_media(item),
                message: caption,
                random_id,
                reply_markup: None,
                entities,
                schedule_date: None,
                schedule_repeat_period: None,
                send_as: None,
                quick_reply_shortcut: None,
                effect: None,
                allow_paid_stars: None,
                suggested_post: None,
            };
            let updates = self.call(&request).await.map_err(already_sent)?;
            return Ok(self.sent_messages(updates, &[random_id]).into_iter().flatten().collect());
        }
        // An album's files are first stored with uploadMedia, then sent by reference.
        let mut multi = Vec::with_capacity(items.len());
        let mut random_ids = Vec::with_capacity(items.len());
        for item in &items {
            let stored = self
                .call(&tl::functions::messages::UploadMedia {
                    business_connection_id: None,
                    peer: target.input_peer(),
                    media: input_media(item),
                })
                .await?;
            let (message, entities) = formatted(&item.caption, format);
            let random_id = rand_i64();
            random_ids.push(random_id);
            multi.push(tl::enums::InputSingleMedia::Media(tl::types::InputSingleMedia {
                media: stored_media(&stored)?,
                random_id,
                message,
                entities,
            }));
        }
        let request = tl::functions::messages::SendMultiMedia {
            silent: false,
            background: false,
            clear_draft: false,
            noforwards: false,
            update_stickersets_order: false,
            invert_media: false,
            allow_paid_floodskip: false,
            peer: target.input_peer(),
            reply_to: reply,
            multi_media: multi,
            schedule_date: None,
            send_as: None,
            quick_reply_shortcut: None,
            effect: None,
            allow_paid_stars: None,
        };
        let updates = self.call(&request).await.map_err(already_sent)?;
        Ok(self.sent_messages(updates, &random_ids).into_iter().flatten().collect())
    }

    /// Sets a new profile photo (or animated video) of your own from an upload.
    pub(crate) async fn set_profile_photo(
        &self,
        file: Uploaded,
        video: bool,
        video_start: Option<f64>,
        fallback: bool,
    ) -> Result<ProfilePhoto, OwnerError> {
        let (file, video_file) = if video { (None, Some(file.input)) } else { (Some(file.input), None) };
        let request = tl::functions::photos::UploadProfilePhoto {
            fallback,
            bot: None,
            file,
            video: video_file,
            video_start_ts: video_start,
            video_emoji_markup: None,
        };
        let tl::enums::photos::Photo::Photo(answer) = self.call(&request).await?;
        self.learn(&answer.users, &[]);
        match answer.photo {
            tl::enums::Photo::Photo(p) => Ok(ProfilePhoto { id: p.id.to_string(), date: i64::from(p.date) }),
            tl::enums::Photo::Empty(_) => Err(OwnerError::Internal(anyhow::anyhow!("Telegram set no photo"))),
        }
    }
}

/// A retried send whose first attempt arrived (same `random_id`): it is sent; say so rather
/// than invite a second send.
fn already_sent(error: OwnerError) -> OwnerError {
    match error {
        OwnerError::Rpc { name, .. } if name == "RANDOM_ID_DUPLICATE" => OwnerError::Invalid(
            "Telegram reports this media as already sent (a retry after a dropped connection): check the chat \
             before sending again"
                .into(),
        ),
        other => other,
    }
}

fn input_media(item: &Outgoing) -> tl::enums::InputMedia {
    let file = item.file.input.clone();
    let name = tl::enums::DocumentAttribute::Filename(tl::types::DocumentAttributeFilename {
        file_name: item.name.clone(),
    });
    let document = |mime: &str, attributes: Vec<tl::enums::DocumentAttribute>| {
        tl::enums::InputMedia::UploadedDocument(tl::types::InputMediaUploadedDocument {
            nosound_video: false,
            force_file: false,
            spoiler: false,
            file: file.clone(),
            thumb: None,
            mime_type: mime.to_owned(),
            attributes,
            stickers: None,
            video_cover: None,
            video_timestamp: None,
            ttl_seconds: None,
        })
    };
    let video = |round: bool, duration: i32, side: i32| {
        tl::enums::DocumentAttribute::Video(tl::types::DocumentAttributeVideo {
            round_message: round,
            supports_streaming: true,
            nosound: false,
            duration: f64::from(duration),
            w: side,
            h: side,
            preload_prefix_size: None,
            video_start_ts: None,
            video_codec: None,
        })
    };
    match &item.send_as {
        SendAs::Photo => tl::enums::InputMedia::UploadedPhoto(tl::types::InputMediaUploadedPhoto {
            spoiler: false,
            live_photo: false,
            file,
            stickers: None,
            ttl_seconds: None,
            video: None,
        }),
        SendAs::Document { mime, video: false } => document(mime, vec![name]),
        SendAs::Document { mime, video: true } => document(mime, vec![video(false, 0, 0), name]),
        SendAs::Voice { mime, duration } => {
            let audio = tl::enums::DocumentAttribute::Audio(tl::types::DocumentAttributeAudio {
                voice: true,
                duration: *duration,
                title: None,
                performer: None,
                waveform: None,
            });
            document(mime, vec![audio, name])
        }
        SendAs::VideoNote { duration, length } => {
            document("video/mp4", vec![video(true, *duration, *length)])
        }
    }
}

/// What `messages.uploadMedia` stored, as media to send by reference.
fn stored_media(media: &tl::enums::MessageMedia) -> Result<tl::enums::InputMedia, OwnerError> {
    match media {
        tl::enums::MessageMedia::Photo(tl::types::MessageMediaPhoto {
            photo: Some(tl::enums::Photo::Photo(p)),
            ..
        }) => Ok(tl::enums::InputMedia::Photo(tl::types::InputMediaPhoto {
            spoiler: false,
            live_photo: false,
            id: tl::enums::InputPhoto::Photo(tl::types::InputPhoto {
                id: p.id,
                access_hash: p.access_hash,
                file_reference: p.file_reference.clone(),
            }),
            ttl_seconds: None,
            video: None,
        })),
        tl::enums::MessageMedia::Document(tl::types::MessageMediaDocument {
            document: Some(tl::enums::Document::Document(d)),
            ..
        }) => Ok(tl::enums::InputMedia::Document(tl::types::InputMediaDocument {
            spoiler: false,
            id: tl::enums::InputDocument::Document(tl::types::InputDocument {
                id: d.id,
                access_hash: d.access_hash,
                file_reference: d.file_reference.clone(),
            }),
            video_cover: None,
            video_timestamp: None,
            ttl_seconds: None,
            query: None,
        })),
        _ => Err(OwnerError::Internal(anyhow::anyhow!(
            "Telegram stored an album item as something unsendable"
        ))),
    }
}
