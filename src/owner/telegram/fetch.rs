//! Downloads: a message's file or a profile photo, fetched with `upload.getFile` in 512 KiB
//! chunks (grammers 0.11 cannot read a larger frame) into any writer, with a byte cap and
//! progress; following `FILE_MIGRATE` to the DC that holds the file; and your own profile
//! photos (list, delete).

use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::watch;

use grammers_client::tl;

use super::Telegram;
use super::media::PART;
use super::peers::Target;
use crate::files::human;
use crate::owner::OwnerError;

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

    /// Downloads a file into `sink` in chunks, stopping with an error past `cap` bytes (the
    /// variable `cap_name` sets it);
    /// publishes the bytes done on `progress`. Returns the bytes written.
    pub(crate) async fn download(
        &self,
        media: &Media,
        sink: &mut (impl AsyncWrite + Unpin),
        cap: u64,
        cap_name: &str,
        progress: &watch::Sender<u64>,
    ) -> Result<u64, OwnerError> {
        if let Some(size) = media.size.filter(|s| *s > cap) {
            return Err(over_cap(size, cap, cap_name));
        }
        let (mut offset, mut dc) = (0u64, None);
        loop {
            let request = tl::functions::upload::GetFile {
                precise: false,
                cdn_supported: false,
                location: media.location.clone(),
                offset: offset as i64,
                limit: PART as i32,
            };
            let bytes = match self.call_file(&request, &mut dc).await? {
                tl::enums::upload::File::File(f) => f.bytes,
                tl::enums::upload::File::CdnRedirect(_) => {
                    return Err(OwnerError::Internal(anyhow::anyhow!(
                        "Telegram redirected the download to a CDN"
                    )));
                }
            };
            if offset + bytes.len() as u64 > cap {
                return Err(over_cap(offset + bytes.len() as u64, cap, cap_name));
            }
            sink.write_all(&bytes).await.map_err(|e| {
                OwnerError::Invalid(format!("failed to write the download at byte {offset}: {e}"))
            })?;
            offset += bytes.len() as u64;
            progress.send_replace(offset);
            // A known size ends the loop exactly; an unknown one at the first short chunk.
            if media.size.map_or(bytes.len() < PART, |size| offset >= size) {
                break;
            }
            if bytes.is_empty() {
                return Err(OwnerError::Internal(anyhow::anyhow!(
                    "Telegram sent {offset} of {} bytes, then nothing",
                    media.size.unwrap_or(0)
                )));
            }
        }
        sink.flush().await.map_err(|e| OwnerError::Invalid(format!("failed to write the download: {e}")))?;
        Ok(offset)
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

    /// A file request on the DC that holds the file: Telegram answers `FILE_MIGRATE_n` once,
    /// and `dc` remembers `n` for the following chunks.
    async fn call_file<R: tl::RemoteCall>(
        &self,
        request: &R,
        dc: &mut Option<i32>,
    ) -> Result<R::Return, OwnerError> {
        if let Some(dc) = *dc {
            return self.call_in_dc(dc, request).await;
        }
        match self.call(request).await {
            Err(OwnerError::Rpc { name, .. }) if name.starts_with("FILE_MIGRATE_") => {
                let n = name.trim_start_matches("FILE_MIGRATE_").parse::<i32>().map_err(|_| {
                    OwnerError::Internal(anyhow::anyhow!("Telegram sent {name} without a DC number"))
                })?;
                *dc = Some(n);
                self.call_in_dc(n, request).await
            }
            other => other,
        }
    }
}

fn over_cap(size: u64, cap: u64, cap_name: &str) -> OwnerError {
    OwnerError::Invalid(format!(
        "the file is {} or more, over the cap of {} ({cap_name})",
        human(size),
        human(cap)
    ))
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
