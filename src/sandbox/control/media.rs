//! The media side of the controls: what a message's stored photo or document is (kind, size,
//! SHA-256 of the bytes on disk, MIME type, file name, voice/round flags, album id) and a
//! user's current profile photo, so tests can check uploads without downloading them.

use serde::{Deserialize, Serialize};

use super::Controls;
use crate::sandbox::world::{MediaKind, MediaRec, PeerKey, StoredMedia, World};

/// A stored photo or document as the controls report it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MediaInfo {
    /// Photo or document id.
    pub id: i64,
    /// `photo` or `document`.
    pub kind: String,
    /// Length in bytes.
    pub size: u64,
    /// SHA-256 of the stored bytes, lower-case hex.
    pub sha256: String,
    pub mime: String,
    /// `documentAttributeFilename`, if any.
    pub name: Option<String>,
    /// A voice note (`documentAttributeAudio.voice`).
    pub voice: bool,
    /// A round video (`documentAttributeVideo.round_message`).
    pub round: bool,
    /// Album id shared by the messages of one `messages.sendMultiMedia`.
    pub grouped_id: Option<i64>,
    /// The message's text (the caption).
    pub caption: String,
    /// Photo or video dimensions.
    pub w: Option<i32>,
    pub h: Option<i32>,
}

/// A user's current profile photo.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfilePhotoInfo {
    pub photo_id: i64,
    pub size: u64,
    /// SHA-256 of the stored bytes, lower-case hex.
    pub sha256: String,
    /// How many profile photos the user has.
    pub count: usize,
}

impl Controls {
    /// The stored media of message `message` in the chat with id `chat` (a user, basic group or
    /// channel id); `None` if there is no such message or it carries no stored file. Reads the
    /// whole file from disk to hash it.
    pub fn media(&self, chat: i64, message: i32) -> Option<MediaInfo> {
        let (media, grouped_id, caption) = {
            let world = self.shared.world();
            let msg = world.message(peer_of(&world, chat)?, message)?;
            let Some(MediaRec::Stored(media)) = &msg.media else { return None };
            (media.clone(), msg.grouped_id, msg.text.clone())
        };
        let (kind, name, voice, round, size) = match &media.kind {
            MediaKind::Photo { w, h } => ("photo", None, false, false, Some((*w, *h))),
            MediaKind::Document(a) => (
                "document",
                a.file_name.clone(),
                a.audio.as_ref().is_some_and(|a| a.voice),
                a.video.as_ref().is_some_and(|v| v.round),
                a.video.as_ref().map(|v| (v.w, v.h)).or(a.image_size),
            ),
        };
        Some(MediaInfo {
            id: media.id,
            kind: kind.to_owned(),
            size: media.size,
            sha256: self.sha256_of(&media)?,
            mime: media.mime.clone(),
            name,
            voice,
            round,
            grouped_id,
            caption,
            w: size.map(|s| s.0),
            h: size.map(|s| s.1),
        })
    }

    /// The current profile photo of user `user`, if they have one.
    pub fn profile_photo(&self, user: i64) -> Option<ProfilePhotoInfo> {
        let (photo, count) = {
            let world = self.shared.world();
            let count = world.profile_photos.get(&user).map_or(0, Vec::len);
            (world.profile_photo(user)?.clone(), count)
        };
        Some(ProfilePhotoInfo {
            photo_id: photo.id,
            size: photo.size,
            sha256: self.sha256_of(&photo)?,
            count,
        })
    }

    fn sha256_of(&self, media: &StoredMedia) -> Option<String> {
        let digest = self.shared.files.blob(media.blob)?.sha256().ok()?;
        Some(digest.iter().map(|b| format!("{b:02x}")).collect())
    }
}

fn peer_of(w: &World, id: i64) -> Option<PeerKey> {
    if w.users.contains_key(&id) {
        Some(PeerKey::User(id))
    } else if w.chats.contains_key(&id) {
        Some(PeerKey::Chat(id))
    } else {
        w.channels.contains_key(&id).then_some(PeerKey::Channel(id))
    }
}
