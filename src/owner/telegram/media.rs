//! Files: uploads in parts (`upload.saveFilePart`, `saveBigFilePart` past 10 MiB), sending them
//! as photos, documents, voice notes, video notes and albums, downloads in chunks
//! (`upload.getFile`), and profile photos. Transfers stream: at most one part is in memory, so a
//! 500 MB file costs what a 5 MB one does. Progress goes to a `watch` channel the caller reads;
//! dropping the future cancels the transfer between two parts.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::watch;

use grammers_client::tl;

use super::peers::Target;
use super::write::{TextFormat, formatted, reply_header};
use super::{Telegram, rand_i64};
use crate::files::human;
use crate::model::Message;
use crate::owner::OwnerError;

/// Bytes per upload part and download chunk (Telegram's largest part; divides 1 MiB).
const PART: usize = 512 * 1024;
/// Past this size Telegram wants `saveBigFilePart`.
const BIG_FILE: u64 = 10 * 1024 * 1024;
/// Telegram's limit on the parts of one file (4000 × 512 KiB ≈ 2 GB).
const MAX_PARTS: u64 = 4000;

/// A file uploaded to Telegram, ready to be sent (valid for about a day).
#[derive(Debug, Clone)]
pub struct Uploaded {
    input: tl::enums::InputFile,
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

/// A downloadable file of a message or a profile photo.
#[derive(Debug, Clone)]
pub struct Media {
    location: tl::enums::InputFileLocation,
    /// `photo`, `document`, `voice`, `video`, `video_note`, `audio`, `profile_photo`.
    pub kind: &'static str,
    /// Size in bytes, when Telegram says (profile photos: unknown).
    pub size: Option<u64>,
    pub mime: String,
    /// The file name the sender gave, if any.
    pub name: Option<String>,
}

/// A profile photo of your own.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProfilePhoto {
    /// The photo id, as a string (it is a 64-bit number).
    pub id: String,
    /// Unix time it was set.
    pub date: i64,
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
            let updates = self.call(&request).await?;
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
        let updates = self.call(&request).await?;
        Ok(self.sent_messages(updates, &random_ids).into_iter().flatten().collect())
    }

    /// The file of a message, if it has one.
    pub(crate) async fn media(&self, target: &Target, message_id: i32) -> Result<Media, OwnerError> {
        let ids = vec![tl::enums::InputMessage::Id(tl::types::InputMessageId { id: message_id })];
        let answer = match target.input_channel() {
            Some(channel) => self.call(&tl::functions::channels::GetMessages { channel, id: ids }).await?,
            None => self.call(&tl::functions::messages::GetMessages { id: ids }).await?,
        };
        let (messages, users, chats) = match answer {
            tl::enums::messages::Messages::Messages(m) => (m.messages, m.users, m.chats),
            tl::enums::messages::Messages::Slice(m) => (m.messages, m.users, m.chats),
            tl::enums::messages::Messages::ChannelMessages(m) => (m.messages, m.users, m.chats),
            tl::enums::messages::Messages::NotModified(_) => (Vec::new(), Vec::new(), Vec::new()),
        };
        self.learn(&users, &chats);
        let found = messages.into_iter().find_map(|m| match m {
            tl::enums::Message::Message(m) if m.id == message_id => Some(m),
            _ => None,
        });
        let Some(message) = found else {
            return Err(OwnerError::Invalid(format!(
                "message {message_id} does not exist in {}",
                target.title
            )));
        };
        message.media.as_ref().and_then(downloadable).ok_or_else(|| {
            OwnerError::Invalid(format!(
                "message {message_id} has no file to download (photo, document, voice, video)"
            ))
        })
    }

    /// The current profile photo of a user, group or channel (`None`: it has none).
    pub(crate) async fn profile_photo(
        &self,
        target: &Target,
        big: bool,
    ) -> Result<Option<Media>, OwnerError> {
        let photo_id = match target.input_channel() {
            Some(channel) => {
                let chats = self.call(&tl::functions::channels::GetChannels { id: vec![channel] }).await?;
                chat_photo(chats)
            }
            None if target.id < 0 => {
                let chats = self.call(&tl::functions::messages::GetChats { id: vec![target.raw_id] }).await?;
                chat_photo(chats)
            }
            None => {
                let input = tl::enums::InputUser::User(tl::types::InputUser {
                    user_id: target.raw_id,
                    access_hash: target.access_hash,
                });
                let users = self.call(&tl::functions::users::GetUsers { id: vec![input] }).await?;
                self.learn(&users, &[]);
                users.iter().find_map(|u| match u {
                    tl::enums::User::User(u) => match &u.photo {
                        Some(tl::enums::UserProfilePhoto::Photo(p)) => Some(p.photo_id),
                        _ => None,
                    },
                    tl::enums::User::Empty(_) => None,
                })
            }
        };
        Ok(photo_id.map(|photo_id| Media {
            location: tl::enums::InputFileLocation::InputPeerPhotoFileLocation(
                tl::types::InputPeerPhotoFileLocation { big, peer: target.input_peer(), photo_id },
            ),
            kind: "profile_photo",
            size: None,
            mime: "image/jpeg".to_owned(),
            name: None,
        }))
    }

    /// Downloads a file into `sink` in chunks, stopping with an error past `cap` bytes;
    /// publishes the bytes done on `progress`. Returns the bytes written.
    pub(crate) async fn download(
        &self,
        media: &Media,
        sink: &mut (impl AsyncWrite + Unpin),
        cap: u64,
        progress: &watch::Sender<u64>,
    ) -> Result<u64, OwnerError> {
        if let Some(size) = media.size.filter(|s| *s > cap) {
            return Err(over_cap(size, cap));
        }
        let mut offset = 0u64;
        loop {
            let request = tl::functions::upload::GetFile {
                precise: false,
                cdn_supported: false,
                location: media.location.clone(),
                offset: offset as i64,
                limit: PART as i32,
            };
            let bytes = match self.call_file(&request).await? {
                tl::enums::upload::File::File(f) => f.bytes,
                tl::enums::upload::File::CdnRedirect(_) => {
                    return Err(OwnerError::Internal(anyhow::anyhow!(
                        "Telegram redirected the download to a CDN"
                    )));
                }
            };
            if offset + bytes.len() as u64 > cap {
                return Err(over_cap(offset + bytes.len() as u64, cap));
            }
            sink.write_all(&bytes).await.map_err(|e| {
                OwnerError::Invalid(format!("failed to write the download at byte {offset}: {e}"))
            })?;
            offset += bytes.len() as u64;
            progress.send_replace(offset);
            if bytes.len() < PART {
                break;
            }
        }
        sink.flush().await.map_err(|e| OwnerError::Invalid(format!("failed to write the download: {e}")))?;
        Ok(offset)
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

    /// Your profile photos, newest first (at most 100).
    pub(crate) async fn my_profile_photos(
        &self,
    ) -> Result<Vec<(ProfilePhoto, tl::enums::InputPhoto)>, OwnerError> {
        let request = tl::functions::photos::GetUserPhotos {
            user_id: tl::enums::InputUser::UserSelf,
            offset: 0,
            max_id: 0,
            limit: 100,
        };
        let photos = match self.call(&request).await? {
            tl::enums::photos::Photos::Photos(p) => p.photos,
            tl::enums::photos::Photos::Slice(p) => p.photos,
        };
        Ok(photos
            .into_iter()
            .filter_map(|p| match p {
                tl::enums::Photo::Photo(p) => Some((
                    ProfilePhoto { id: p.id.to_string(), date: i64::from(p.date) },
                    tl::enums::InputPhoto::Photo(tl::types::InputPhoto {
                        id: p.id,
                        access_hash: p.access_hash,
                        file_reference: p.file_reference,
                    }),
                )),
                tl::enums::Photo::Empty(_) => None,
            })
            .collect())
    }

    /// Deletes profile photos of your own by id; returns the ids Telegram deleted.
    pub(crate) async fn delete_profile_photos(&self, ids: &[i64]) -> Result<Vec<i64>, OwnerError> {
        let mine = self.my_profile_photos().await?;
        let inputs: Vec<_> = mine
            .into_iter()
            .filter(|(p, _)| p.id.parse::<i64>().is_ok_and(|id| ids.contains(&id)))
            .map(|(_, input)| input)
            .collect();
        if inputs.is_empty() {
            return Ok(Vec::new());
        }
        self.call(&tl::functions::photos::DeletePhotos { id: inputs }).await
    }

    /// A file request on the DC that holds the file (Telegram answers `FILE_MIGRATE_n`).
    async fn call_file<R: tl::RemoteCall>(&self, request: &R) -> Result<R::Return, OwnerError> {
        match self.call(request).await {
            Err(OwnerError::Rpc { name, .. }) if name.starts_with("FILE_MIGRATE_") => {
                let dc = name.trim_start_matches("FILE_MIGRATE_").parse::<i32>().map_err(|_| {
                    OwnerError::Internal(anyhow::anyhow!("Telegram sent {name} without a DC number"))
                })?;
                self.call_in_dc(dc, request).await
            }
            other => other,
        }
    }
}

fn over_cap(size: u64, cap: u64) -> OwnerError {
    OwnerError::Invalid(format!(
        "the file is {} or more, over the download cap of {} (MCP_TELEGRAM_MAX_DOWNLOAD)",
        human(size),
        human(cap)
    ))
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

/// The downloadable file of a message's media: the largest photo size, or the document.
fn downloadable(media: &tl::enums::MessageMedia) -> Option<Media> {
    match media {
        tl::enums::MessageMedia::Photo(tl::types::MessageMediaPhoto {
            photo: Some(tl::enums::Photo::Photo(p)),
            ..
        }) => {
            let (kind, size) = p.sizes.iter().filter_map(photo_size).max_by_key(|(_, size)| *size)?;
            Some(Media {
                location: tl::enums::InputFileLocation::InputPhotoFileLocation(
                    tl::types::InputPhotoFileLocation {
                        id: p.id,
                        access_hash: p.access_hash,
                        file_reference: p.file_reference.clone(),
                        thumb_size: kind,
                    },
                ),
                kind: "photo",
                size: Some(size),
                mime: "image/jpeg".to_owned(),
                name: None,
            })
        }
        tl::enums::MessageMedia::Document(m) => {
            let Some(tl::enums::Document::Document(d)) = &m.document else { return None };
            let name = d.attributes.iter().find_map(|a| match a {
                tl::enums::DocumentAttribute::Filename(f) => Some(f.file_name.clone()),
                _ => None,
            });
            let kind = match (m.voice, m.round) {
                (true, _) => "voice",
                (_, true) => "video_note",
                _ => super::convert::document_kind(d),
            };
            Some(Media {
                location: tl::enums::InputFileLocation::InputDocumentFileLocation(
                    tl::types::InputDocumentFileLocation {
                        id: d.id,
                        access_hash: d.access_hash,
                        file_reference: d.file_reference.clone(),
                        thumb_size: String::new(),
                    },
                ),
                kind,
                size: u64::try_from(d.size).ok(),
                mime: d.mime_type.clone(),
                name,
            })
        }
        _ => None,
    }
}

/// A photo size that can be downloaded: its type letter and size in bytes.
fn photo_size(size: &tl::enums::PhotoSize) -> Option<(String, u64)> {
    match size {
        tl::enums::PhotoSize::Size(s) => Some((s.r#type.clone(), s.size as u64)),
        tl::enums::PhotoSize::Progressive(s) => {
            Some((s.r#type.clone(), s.sizes.iter().copied().max()? as u64))
        }
        _ => None,
    }
}

fn chat_photo(chats: tl::enums::messages::Chats) -> Option<i64> {
    let list = match chats {
        tl::enums::messages::Chats::Chats(c) => c.chats,
        tl::enums::messages::Chats::Slice(c) => c.chats,
    };
    list.iter().find_map(|c| {
        let photo = match c {
            tl::enums::Chat::Chat(c) => &c.photo,
            tl::enums::Chat::Channel(c) => &c.photo,
            _ => return None,
        };
        match photo {
            tl::enums::ChatPhoto::Photo(p) => Some(p.photo_id),
            tl::enums::ChatPhoto::Empty => None,
        }
    })
}
