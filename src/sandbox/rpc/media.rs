//! Media RPCs: `messages.sendMedia`, `messages.sendMultiMedia`, `messages.uploadMedia` and the
//! profile photos (`photos.uploadProfilePhoto`, `photos.getUserPhotos`, `photos.deletePhotos`).
//! An uploaded `InputFile` becomes a stored photo or document (the upload is consumed); an
//! `inputMediaPhoto`/`inputMediaDocument` names one already stored. Sends share
//! `messages.sendMessage`'s `random_id` rule: a repeat is refused before anything is stored.
//! Run on the blocking pool by `files::route`.

use std::sync::Arc;

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::files::{Answer, photo_info, take_upload};
use super::{Caller, input_peer, input_user, messages, parse};
use crate::sandbox::state::{Shared, now_secs};
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{AudioAttr, DocAttrs, Draft, Failure, MediaKind, MediaRec, PeerKey, VideoAttr};
use crate::sandbox::world::{StoredMedia, World, check_caption};

/// Most items in one album.
const MAX_ALBUM: usize = 10;

pub(super) fn send_media(shared: &Shared, caller: Caller, body: &[u8]) -> Answer {
    let r: f::messages::SendMedia = parse(body)?;
    let now = now_secs() as i32;
    let mut world = shared.world();
    let w = &mut *world;
    if super::reactions::owns_media(&r.media) {
        return super::reactions::send_media(w, r, now);
    }
    let peer = input_peer(w, &r.peer)?;
    let (reply_to, top_msg_id) = messages::reply_target(r.reply_to)?;
    fresh_random_ids(w, &[r.random_id])?;
    check_caption(&r.message)?;
    let media = resolve(shared, caller, w, &r.media, now)?;
    let used = media.clone();
    let draft = Draft {
        text: r.message,
        reply_to,
        top_msg_id,
        random_id: r.random_id,
        media: Some(MediaRec::Stored(media)),
        grouped_id: None,
    };
    let (msg, affected) = w.send(peer, draft, now)?;
    w.bots.sticker_sent(&used, now);
    let id = enums::Update::MessageId(types::UpdateMessageId { id: msg.id, random_id: r.random_id });
    Ok(messages::updates(w, vec![(msg, affected)], vec![id], now))
}

/// An album: 2–10 items already stored (Telegram wants `messages.uploadMedia` first; raw
/// `inputMediaUploaded*` items are `MEDIA_INVALID`), one message each with a shared `grouped_id`.
pub(super) fn send_multi_media(shared: &Shared, caller: Caller, body: &[u8]) -> Answer {
    let r: f::messages::SendMultiMedia = parse(body)?;
    let now = now_secs() as i32;
    let mut world = shared.world();
    let w = &mut *world;
    let peer = input_peer(w, &r.peer)?;
    let (reply_to, top_msg_id) = messages::reply_target(r.reply_to)?;
    if r.multi_media.len() > MAX_ALBUM {
        return Err(Failure::bad("MULTI_MEDIA_TOO_LONG"));
    }
    if r.multi_media.len() < 2 {
        return Err(Failure::bad("MEDIA_INVALID"));
    }
    let items: Vec<types::InputSingleMedia> =
        r.multi_media.into_iter().map(|enums::InputSingleMedia::Media(m)| m).collect();
    let random_ids: Vec<i64> = items.iter().map(|m| m.random_id).collect();
    fresh_random_ids(w, &random_ids)?;
    let mut stored = Vec::with_capacity(items.len());
    for item in &items {
        check_caption(&item.message)?;
        if !matches!(item.media, enums::InputMedia::Photo(_) | enums::InputMedia::Document(_)) {
            return Err(Failure::bad("MEDIA_INVALID"));
        }
        stored.push(resolve(shared, caller, w, &item.media, now)?);
    }
    let grouped_id = Some(getrandom::u64().map_or(i64::from(now), |g| (g >> 1) as i64));
    let (mut sent, mut ids) = (Vec::new(), Vec::new());
    for (item, media) in items.into_iter().zip(stored) {
        let media = Some(MediaRec::Stored(media));
        let draft =
            Draft { text: item.message, reply_to, top_msg_id, random_id: item.random_id, media, grouped_id };
        let (msg, affected) = w.send(peer, draft, now)?;
        ids.push(enums::Update::MessageId(types::UpdateMessageId { id: msg.id, random_id: item.random_id }));
        sent.push((msg, affected));
    }
    Ok(messages::updates(w, sent, ids, now))
}

pub(super) fn upload_media(shared: &Shared, caller: Caller, body: &[u8]) -> Answer {
    let r: f::messages::UploadMedia = parse(body)?;
    let mut world = shared.world();
    input_peer(&world, &r.peer)?;
    let media = resolve(shared, caller, &mut world, &r.media, now_secs() as i32)?;
    Ok(conv::message_media(&media).to_bytes())
}

/// Sets the account's profile photo (a `fallback` one is stored but does not become current).
pub(super) fn upload_profile_photo(shared: &Shared, caller: Caller, body: &[u8]) -> Answer {
    let r: f::photos::UploadProfilePhoto = parse(body)?;
    if r.bot.is_some() {
        return Err(Failure::bad("BOT_INVALID"));
    }
    if r.video.is_some() || r.video_emoji_markup.is_some() {
        return Err(Failure::bad("PROFILE_VIDEO_UNSUPPORTED"));
    }
    let file = r.file.ok_or_else(|| Failure::bad("PHOTO_FILE_MISSING"))?;
    let mut world = shared.world();
    let w = &mut *world;
    let photo = uploaded_photo(shared, caller, w, &file, now_secs() as i32)?;
    if !r.fallback {
        w.profile_photos.entry(w.self_id).or_default().insert(0, photo.id);
    }
    let (users, _) = self_only(w);
    let answer = types::photos::Photo { photo: conv::photo(&photo), users };
    Ok(enums::photos::Photo::Photo(answer).to_bytes())
}

pub(super) fn get_user_photos(shared: &Shared, _caller: Caller, body: &[u8]) -> Answer {
    let r: f::photos::GetUserPhotos = parse(body)?;
    let world = shared.world();
    let user = input_user(&world, &r.user_id)?;
    let all: Vec<&Arc<StoredMedia>> = world
        .profile_photos
        .get(&user)
        .map(|ids| ids.iter().filter_map(|id| world.media.get(id)).collect())
        .unwrap_or_default();
    let limit = if r.limit <= 0 { 100 } else { r.limit.min(100) } as usize;
    let below_max = all.iter().filter(|p| r.max_id <= 0 || p.id < r.max_id);
    let page: Vec<enums::Photo> =
        below_max.skip(r.offset.max(0) as usize).take(limit).map(|p| conv::photo(p)).collect();
    let mut peers = Peers::default();
    peers.add(PeerKey::User(user));
    let (users, _) = peers.build(&world);
    let answer = if page.len() == all.len() {
        enums::photos::Photos::Photos(types::photos::Photos { photos: page, users })
    } else {
        let count = all.len() as i32;
        enums::photos::Photos::Slice(types::photos::PhotosSlice { count, photos: page, users })
    };
    Ok(answer.to_bytes())
}

/// Removes the account's own profile photos; answers the ids removed (unknown ones left out).
pub(super) fn delete_photos(shared: &Shared, _caller: Caller, body: &[u8]) -> Answer {
    let r: f::photos::DeletePhotos = parse(body)?;
    let mut world = shared.world();
    let w = &mut *world;
    let mut deleted = Vec::new();
    for input in &r.id {
        let enums::InputPhoto::Photo(p) = input else { continue };
        let known = w.media.get(&p.id).is_some_and(|m| m.access_hash == p.access_hash);
        let ids = w.profile_photos.entry(w.self_id).or_default();
        if known && let Some(at) = ids.iter().position(|id| *id == p.id) {
            ids.remove(at);
            deleted.push(p.id);
        }
    }
    Ok(deleted.to_bytes())
}

/// A repeated `random_id` is refused before any upload is consumed, as `sendMessage` refuses it.
fn fresh_random_ids(w: &World, ids: &[i64]) -> Result<(), Failure> {
    let mut seen = std::collections::BTreeSet::new();
    if ids.iter().any(|id| w.random_ids.contains_key(id) || !seen.insert(*id)) {
        return Err(Failure::new(500, "RANDOM_ID_DUPLICATE"));
    }
    Ok(())
}

/// The stored media an `InputMedia` names or uploads.
pub(super) fn resolve(
    shared: &Shared,
    caller: Caller,
    w: &mut World,
    media: &enums::InputMedia,
    now: i32,
) -> Result<Arc<StoredMedia>, Failure> {
    use enums::InputMedia as M;
    match media {
        M::UploadedPhoto(p) => uploaded_photo(shared, caller, w, &p.file, now),
        M::UploadedDocument(d) => uploaded_document(shared, caller, w, d, now),
        M::Photo(p) => match &p.id {
            enums::InputPhoto::Photo(p) => stored(w, p.id, p.access_hash, &p.file_reference, true),
            enums::InputPhoto::Empty => Err(Failure::bad("MEDIA_EMPTY")),
        },
        M::Document(d) => match &d.id {
            enums::InputDocument::Document(d) => stored(w, d.id, d.access_hash, &d.file_reference, false),
            enums::InputDocument::Empty => Err(Failure::bad("MEDIA_EMPTY")),
        },
        _ => Err(Failure::bad("MEDIA_INVALID")),
    }
}

fn stored(
    w: &World,
    id: i64,
    access_hash: i64,
    file_reference: &[u8],
    photo: bool,
) -> Result<Arc<StoredMedia>, Failure> {
    let media = w.media.get(&id).filter(|m| m.access_hash == access_hash);
    let media = media.filter(|m| matches!(m.kind, MediaKind::Photo { .. }) == photo);
    let media = media.ok_or_else(|| Failure::bad("MEDIA_EMPTY"))?;
    if media.file_reference != file_reference {
        return Err(Failure::bad("FILE_REFERENCE_EXPIRED"));
    }
    Ok(media.clone())
}

fn uploaded_photo(
    shared: &Shared,
    caller: Caller,
    w: &mut World,
    file: &enums::InputFile,
    now: i32,
) -> Result<Arc<StoredMedia>, Failure> {
    let (blob_id, blob, _) = take_upload(shared, caller, file)?;
    let (format, width, height) = photo_info(&blob)?;
    let kind = MediaKind::Photo { w: width, h: height };
    Ok(w.store_media(blob_id, blob.size, format.mime(), kind, now))
}

fn uploaded_document(
    shared: &Shared,
    caller: Caller,
    w: &mut World,
    d: &types::InputMediaUploadedDocument,
    now: i32,
) -> Result<Arc<StoredMedia>, Failure> {
    let mut attrs = attributes(&d.attributes);
    let (blob_id, blob, name) = take_upload(shared, caller, &d.file)?;
    if attrs.file_name.is_none() && !name.is_empty() {
        attrs.file_name = Some(name);
    }
    let mime = if d.mime_type.is_empty() { "application/octet-stream" } else { d.mime_type.as_str() };
    Ok(w.store_media(blob_id, blob.size, mime, MediaKind::Document(attrs), now))
}

/// The document attributes the sandbox keeps; others (stickers, animations, …) are dropped.
fn attributes(list: &[enums::DocumentAttribute]) -> DocAttrs {
    use enums::DocumentAttribute as A;
    let mut attrs = DocAttrs::default();
    for a in list {
        match a {
            A::Filename(f) => attrs.file_name = Some(f.file_name.clone()),
            A::ImageSize(s) => attrs.image_size = Some((s.w, s.h)),
            A::Audio(a) => {
                attrs.audio = Some(AudioAttr {
                    voice: a.voice,
                    duration: a.duration,
                    title: a.title.clone(),
                    performer: a.performer.clone(),
                    waveform: a.waveform.clone(),
                })
            }
            A::Video(v) => {
                attrs.video = Some(VideoAttr {
                    round: v.round_message,
                    supports_streaming: v.supports_streaming,
                    duration: v.duration,
                    w: v.w,
                    h: v.h,
                })
            }
            _ => {}
        }
    }
    attrs
}

fn self_only(w: &World) -> (Vec<enums::User>, Vec<enums::Chat>) {
    Peers::default().build(w)
}
