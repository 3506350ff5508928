//! TL rendering of stored media: `photo` with the single size `x`, `document` with its
//! attributes, the `messageMedia*` wrapping them, and `userProfilePhoto`. Every object names
//! the sandbox's own DC ([`HOME_DC`]) so grammers never dials another one, and carries the
//! stored `file_reference`.

use grammers_tl_types::{enums, types};

use crate::sandbox::session::HOME_DC;
use crate::sandbox::world::{MediaKind, StoredMedia};

/// The size type every stored photo is served as.
pub(crate) const PHOTO_SIZE: &str = "x";

/// A stored photo as `photo`; a document renders as `photoEmpty`.
pub(crate) fn photo(m: &StoredMedia) -> enums::Photo {
    let MediaKind::Photo { w, h } = m.kind else {
        return enums::Photo::Empty(types::PhotoEmpty { id: m.id });
    };
    let size = types::PhotoSize { r#type: PHOTO_SIZE.to_owned(), w, h, size: m.size as i32 };
    enums::Photo::Photo(types::Photo {
        has_stickers: false,
        id: m.id,
        access_hash: m.access_hash,
        file_reference: m.file_reference.clone(),
        date: m.date,
        sizes: vec![enums::PhotoSize::Size(size)],
        video_sizes: None,
        dc_id: HOME_DC,
    })
}

/// A stored document as `document`; a photo renders as `documentEmpty`.
pub(crate) fn document(m: &StoredMedia) -> enums::Document {
    let MediaKind::Document(a) = &m.kind else {
        return enums::Document::Empty(types::DocumentEmpty { id: m.id });
    };
    let mut attributes = Vec::new();
    if let Some(a) = &a.audio {
        attributes.push(enums::DocumentAttribute::Audio(types::DocumentAttributeAudio {
            voice: a.voice,
            duration: a.duration,
            title: a.title.clone(),
            performer: a.performer.clone(),
            waveform: a.waveform.clone(),
        }));
    }
    if let Some(v) = &a.video {
        attributes.push(enums::DocumentAttribute::Video(types::DocumentAttributeVideo {
            round_message: v.round,
            supports_streaming: v.supports_streaming,
            nosound: false,
            duration: v.duration,
            w: v.w,
            h: v.h,
            preload_prefix_size: None,
            video_start_ts: None,
            video_codec: None,
        }));
    }
    if let Some((w, h)) = a.image_size {
        attributes.push(enums::DocumentAttribute::ImageSize(types::DocumentAttributeImageSize { w, h }));
    }
    if let Some(s) = &a.sticker {
        attributes.push(enums::DocumentAttribute::Sticker(types::DocumentAttributeSticker {
            mask: false,
            alt: s.emoji.clone(),
            stickerset: enums::InputStickerSet::Id(types::InputStickerSetId {
                id: s.set_id,
                access_hash: s.set_access_hash,
            }),
            mask_coords: None,
        }));
    }
    if let Some(file_name) = &a.file_name {
        attributes.push(enums::DocumentAttribute::Filename(types::DocumentAttributeFilename {
            file_name: file_name.clone(),
        }));
    }
    enums::Document::Document(types::Document {
        id: m.id,
        access_hash: m.access_hash,
        file_reference: m.file_reference.clone(),
        date: m.date,
        mime_type: m.mime.clone(),
        size: m.size as i64,
        thumbs: None,
        video_thumbs: None,
        dc_id: HOME_DC,
        attributes,
    })
}

/// `messageMediaPhoto` or `messageMediaDocument` (with the voice/round/video flags).
pub(crate) fn message_media(m: &StoredMedia) -> enums::MessageMedia {
    match &m.kind {
        MediaKind::Photo { .. } => enums::MessageMedia::Photo(types::MessageMediaPhoto {
            spoiler: false,
            live_photo: false,
            photo: Some(photo(m)),
            ttl_seconds: None,
            video: None,
        }),
        MediaKind::Document(a) => enums::MessageMedia::Document(types::MessageMediaDocument {
            nopremium: false,
            spoiler: false,
            video: a.video.as_ref().is_some_and(|v| !v.round),
            round: a.video.as_ref().is_some_and(|v| v.round),
            voice: a.audio.as_ref().is_some_and(|a| a.voice),
            document: Some(document(m)),
            alt_documents: None,
            video_cover: None,
            video_timestamp: None,
            ttl_seconds: None,
        }),
    }
}

/// A user's `photo` field: their current profile photo, or `userProfilePhotoEmpty`.
pub(crate) fn user_profile_photo(current: Option<&StoredMedia>) -> enums::UserProfilePhoto {
    match current {
        Some(p) => enums::UserProfilePhoto::Photo(types::UserProfilePhoto {
            has_video: false,
            personal: false,
            photo_id: p.id,
            stripped_thumb: None,
            dc_id: HOME_DC,
        }),
        None => enums::UserProfilePhoto::Empty,
    }
}
