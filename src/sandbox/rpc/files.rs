//! File transfer RPCs: `upload.saveFilePart`, `upload.saveBigFilePart` and `upload.getFile`,
//! plus turning an `InputFile` into a stored blob for the media handlers. These and the media
//! handlers (`media`) do disk I/O, so [`route`] runs them on the blocking pool, never on the
//! connection's async workers. Downloads read only the requested window from disk.

use std::sync::Arc;

use grammers_tl_types::{Identifiable, Serializable, enums, functions as f, types};

use super::{Call, Caller, input_peer, media, parse};
use crate::sandbox::media::rules::{self, ImageFormat};
use crate::sandbox::media::{Blob, FileRef};
use crate::sandbox::state::Shared;
use crate::sandbox::world::tl::PHOTO_SIZE;
use crate::sandbox::world::{Failure, MediaKind, PeerKey, StoredMedia, World};

pub(super) type Answer = Result<Vec<u8>, Failure>;
type Handler = fn(&Shared, Caller, &[u8]) -> Answer;

/// Runs a file or media RPC on the blocking pool; `Err(call)` hands any other call back.
pub(super) async fn route(shared: &Arc<Shared>, caller: Caller, call: Call) -> Result<Answer, Call> {
    let handler: Handler = match call.method {
        f::upload::SaveFilePart::CONSTRUCTOR_ID => save_part,
        f::upload::SaveBigFilePart::CONSTRUCTOR_ID => save_big_part,
        f::upload::GetFile::CONSTRUCTOR_ID => get_file,
        f::messages::SendMedia::CONSTRUCTOR_ID => media::send_media,
        f::messages::SendMultiMedia::CONSTRUCTOR_ID => media::send_multi_media,
        f::messages::UploadMedia::CONSTRUCTOR_ID => media::upload_media,
        f::photos::UploadProfilePhoto::CONSTRUCTOR_ID => media::upload_profile_photo,
        f::photos::GetUserPhotos::CONSTRUCTOR_ID => media::get_user_photos,
        f::photos::DeletePhotos::CONSTRUCTOR_ID => media::delete_photos,
        f::stories::SendStory::CONSTRUCTOR_ID => super::stories::send_story,
        f::stories::EditStory::CONSTRUCTOR_ID => super::stories::edit_story,
        f::channels::EditPhoto::CONSTRUCTOR_ID => super::admin::edit_channel_photo,
        f::messages::EditChatPhoto::CONSTRUCTOR_ID => super::admin::edit_chat_photo,
        _ => return Err(call),
    };
    let shared = shared.clone();
    let run = tokio::task::spawn_blocking(move || handler(&shared, caller, &call.body));
    Ok(run.await.unwrap_or_else(|_| Err(Failure::new(500, "INTERNAL_SERVER_ERROR"))))
}

fn save_part(shared: &Shared, caller: Caller, body: &[u8]) -> Answer {
    let r: f::upload::SaveFilePart = parse(body)?;
    shared.files.save_part(caller.key_id, r.file_id, r.file_part, None, &r.bytes)?;
    Ok(true.to_bytes())
}

fn save_big_part(shared: &Shared, caller: Caller, body: &[u8]) -> Answer {
    let r: f::upload::SaveBigFilePart = parse(body)?;
    shared.files.save_part(caller.key_id, r.file_id, r.file_part, Some(r.file_total_parts), &r.bytes)?;
    Ok(true.to_bytes())
}

fn get_file(shared: &Shared, _caller: Caller, body: &[u8]) -> Answer {
    let r: f::upload::GetFile = parse(body)?;
    rules::check_window(r.precise, r.offset, r.limit)?;
    let media = locate(&shared.world(), &r.location)?;
    let blob = shared.files.blob(media.blob).ok_or_else(|| Failure::bad("FILE_ID_INVALID"))?;
    let bytes = blob.read(r.offset as u64, r.limit as usize).map_err(|error| {
        tracing::warn!(%error, "the sandbox failed to read a stored file");
        Failure::new(500, "FILE_READ_FAILED")
    })?;
    let file = types::upload::File { r#type: file_type(&media.mime), mtime: media.date, bytes };
    Ok(enums::upload::File::File(file).to_bytes())
}

/// The stored file an `InputFileLocation` names, checked as Telegram does.
fn locate(w: &World, location: &enums::InputFileLocation) -> Result<Arc<StoredMedia>, Failure> {
    use enums::InputFileLocation as L;
    let (id, access_hash, file_reference, photo, thumb) = match location {
        L::InputPhotoFileLocation(l) => (l.id, l.access_hash, &l.file_reference, true, l.thumb_size.as_str()),
        L::InputDocumentFileLocation(l) => {
            (l.id, l.access_hash, &l.file_reference, false, l.thumb_size.as_str())
        }
        L::InputPeerPhotoFileLocation(l) => return peer_photo(w, l),
        _ => return Err(Failure::bad("LOCATION_INVALID")),
    };
    let media = w.media.get(&id).filter(|m| m.access_hash == access_hash);
    let media = media.filter(|m| matches!(m.kind, MediaKind::Photo { .. }) == photo);
    let media = media.ok_or_else(|| Failure::bad("FILE_ID_INVALID"))?;
    if *file_reference != media.file_reference {
        return Err(Failure::bad("FILE_REFERENCE_EXPIRED"));
    }
    // Photos exist in the one size `x`; documents have no thumbnails.
    if thumb != if photo { PHOTO_SIZE } else { "" } {
        return Err(Failure::bad("LOCATION_INVALID"));
    }
    Ok(media.clone())
}

/// A profile photo of a user (big and small are the same bytes); chats have none.
fn peer_photo(w: &World, l: &types::InputPeerPhotoFileLocation) -> Result<Arc<StoredMedia>, Failure> {
    let PeerKey::User(user) = input_peer(w, &l.peer)? else { return Err(Failure::bad("LOCATION_INVALID")) };
    let owned = w.profile_photos.get(&user).is_some_and(|ids| ids.contains(&l.photo_id));
    let media = w.media.get(&l.photo_id).filter(|_| owned);
    media.cloned().ok_or_else(|| Failure::bad("LOCATION_INVALID"))
}

/// The `storage.FileType` Telegram reports for a MIME type.
fn file_type(mime: &str) -> enums::storage::FileType {
    use enums::storage::FileType as T;
    match mime {
        "image/jpeg" => T::FileJpeg,
        "image/png" => T::FilePng,
        "image/gif" => T::FileGif,
        "image/webp" => T::FileWebp,
        "application/pdf" => T::FilePdf,
        "audio/mpeg" => T::FileMp3,
        "video/quicktime" => T::FileMov,
        "video/mp4" => T::FileMp4,
        _ => T::FileUnknown,
    }
}

/// Turns the caller's finished upload into a blob: `(blob id, blob, file name)`.
pub(super) fn take_upload(
    shared: &Shared,
    caller: Caller,
    file: &enums::InputFile,
) -> Result<(u64, Arc<Blob>, String), Failure> {
    let (file, name) = match file {
        enums::InputFile::File(f) => (FileRef { id: f.id, parts: f.parts, big: false }, &f.name),
        enums::InputFile::Big(f) => (FileRef { id: f.id, parts: f.parts, big: true }, &f.name),
        enums::InputFile::StoryDocument(_) => return Err(Failure::bad("MEDIA_INVALID")),
    };
    let (id, blob) = shared.files.take_upload(caller.key_id, file)?;
    Ok((id, blob, name.clone()))
}

/// Format and size of an uploaded photo; anything but PNG, JPEG or GIF is refused as
/// Telegram refuses what it cannot decode.
pub(super) fn photo_info(blob: &Blob) -> Result<(ImageFormat, i32, i32), Failure> {
    let head = blob.read(0, 64 * 1024).map_err(|_| Failure::new(500, "FILE_READ_FAILED"))?;
    let (format, w, h) = rules::image_info(&head).ok_or_else(|| Failure::bad("IMAGE_PROCESS_FAILED"))?;
    if w <= 0 || h <= 0 {
        return Err(Failure::bad("PHOTO_INVALID_DIMENSIONS"));
    }
    Ok((format, w, h))
}
