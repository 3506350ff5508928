//! The sandbox's media RPCs against the real grammers client: uploads in parts (small and big
//! files), sending single media and albums, downloads window by window, profile photos, the
//! seeded media, and Telegram's error names for misuse. Raw `invoke`s throughout, as the
//! owner's media code uses them.

use std::time::Instant;

use grammers_client::session::types::PeerRef;
use grammers_client::{Client, InvocationError, tl};
use sha2::{Digest, Sha256};
use tl::{enums, functions as f, types};

use crate::support::{TestDc, rpc_error};

const BORIS: i64 = 7_000_002;
const ALICE: i64 = 7_000_001;

async fn peer(client: &Client, username: &str) -> PeerRef {
    let peer = client.resolve_username(username).await.unwrap().expect("username resolves");
    peer.to_ref().await.unwrap().expect("resolved peers carry an access hash")
}

/// A PNG header claiming `w`×`h`, padded with deterministic bytes to `len`.
fn fake_png(w: u32, h: u32, len: usize) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    out.extend_from_slice(&w.to_be_bytes());
    out.extend_from_slice(&h.to_be_bytes());
    out.extend((0..len - out.len()).map(|i| (i * 7 % 253) as u8));
    out
}

fn bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

/// The error name as Telegram sends it (grammers splits `FILE_PART_1_MISSING` into
/// `FILE_PART_MISSING` and the value 1; this puts the number back).
fn err_name(result: Result<impl std::fmt::Debug, InvocationError>) -> String {
    let err = result.expect_err("the call must fail");
    let (_, name, value) = rpc_error(&err).unwrap_or_else(|| panic!("not an RPC error: {err:?}"));
    match (value, name.rsplit_once('_')) {
        (Some(n), Some((head, tail))) if name.starts_with("FILE_PART_") => format!("{head}_{n}_{tail}"),
        _ => name,
    }
}

/// Uploads `data` in `part` byte pieces; `big` uses `upload.saveBigFilePart`.
async fn upload(c: &Client, file_id: i64, data: &[u8], part: usize, big: bool) -> enums::InputFile {
    let chunks: Vec<&[u8]> = data.chunks(part).collect();
    let total = chunks.len() as i32;
    for (n, chunk) in chunks.into_iter().enumerate() {
        let ok = if big {
            let req = f::upload::SaveBigFilePart {
                file_id,
                file_part: n as i32,
                file_total_parts: total,
                bytes: chunk.to_vec(),
            };
            c.invoke(&req).await.unwrap()
        } else {
            let req = f::upload::SaveFilePart { file_id, file_part: n as i32, bytes: chunk.to_vec() };
            c.invoke(&req).await.unwrap()
        };
        assert!(ok, "a saved part answers true");
    }
    let name = "upload.bin".to_owned();
    if big {
        enums::InputFile::Big(types::InputFileBig { id: file_id, parts: total, name })
    } else {
        enums::InputFile::File(types::InputFile {
            id: file_id,
            parts: total,
            name,
            md5_checksum: String::new(),
        })
    }
}

fn uploaded_photo(file: enums::InputFile) -> enums::InputMedia {
    enums::InputMedia::UploadedPhoto(types::InputMediaUploadedPhoto {
        spoiler: false,
        live_photo: false,
        file,
        stickers: None,
        ttl_seconds: None,
        video: None,
    })
}

fn uploaded_document(
    file: enums::InputFile,
    mime: &str,
    attributes: Vec<enums::DocumentAttribute>,
) -> enums::InputMedia {
    enums::InputMedia::UploadedDocument(types::InputMediaUploadedDocument {
        nosound_video: false,
        force_file: false,
        spoiler: false,
        file,
        thumb: None,
        mime_type: mime.to_owned(),
        attributes,
        stickers: None,
        video_cover: None,
        video_timestamp: None,
        ttl_seconds: None,
    })
}

fn send_media(
    to: PeerRef,
    media: enums::InputMedia,
    caption: &str,
    random_id: i64,
) -> f::messages::SendMedia {
    f::messages::SendMedia {
        silent: false,
        background: false,
        clear_draft: false,
        noforwards: false,
        update_stickersets_order: false,
        invert_media: false,
        allow_paid_floodskip: false,
        peer: to.into(),
        reply_to: None,
        media,
        message: caption.to_owned(),
        random_id,
        reply_markup: None,
        entities: None,
        schedule_date: None,
        schedule_repeat_period: None,
        send_as: None,
        quick_reply_shortcut: None,
        effect: None,
        allow_paid_stars: None,
        suggested_post: None,
    }
}

/// The new messages an `updates` answer carries.
fn new_messages(updates: enums::Updates) -> Vec<types::Message> {
    let enums::Updates::Updates(u) = updates else { panic!("media sends answer `updates`: {updates:?}") };
    u.updates
        .into_iter()
        .filter_map(|u| match u {
            enums::Update::NewMessage(types::UpdateNewMessage {
                message: enums::Message::Message(m),
                ..
            }) => Some(m),
            _ => None,
        })
        .collect()
}

/// The download location of a message's media.
fn location(media: &enums::MessageMedia) -> enums::InputFileLocation {
    match media {
        enums::MessageMedia::Photo(types::MessageMediaPhoto {
            photo: Some(enums::Photo::Photo(p)), ..
        }) => {
            assert_eq!(p.dc_id, 2, "files live on the sandbox's own DC");
            let enums::PhotoSize::Size(size) = &p.sizes[0] else { panic!("one plain size") };
            enums::InputFileLocation::InputPhotoFileLocation(types::InputPhotoFileLocation {
                id: p.id,
                access_hash: p.access_hash,
                file_reference: p.file_reference.clone(),
                thumb_size: size.r#type.clone(),
            })
        }
        enums::MessageMedia::Document(types::MessageMediaDocument {
            document: Some(enums::Document::Document(d)),
            ..
        }) => {
            assert_eq!(d.dc_id, 2, "files live on the sandbox's own DC");
            enums::InputFileLocation::InputDocumentFileLocation(types::InputDocumentFileLocation {
                id: d.id,
                access_hash: d.access_hash,
                file_reference: d.file_reference.clone(),
                thumb_size: String::new(),
            })
        }
        other => panic!("no stored file: {other:?}"),
    }
}

fn get_file(location: &enums::InputFileLocation, offset: i64, limit: i32) -> f::upload::GetFile {
    f::upload::GetFile { precise: false, cdn_supported: false, location: location.clone(), offset, limit }
}

/// Downloads a whole file in `limit` windows.
async fn download(c: &Client, location: &enums::InputFileLocation, limit: i32) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let enums::upload::File::File(file) =
            c.invoke(&get_file(location, out.len() as i64, limit)).await.unwrap()
        else {
            panic!("no CDN redirects")
        };
        let done = file.bytes.len() < limit as usize;
        out.extend_from_slice(&file.bytes);
        if done {
            return out;
        }
    }
}

fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data).iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test]
async fn upload_send_read_and_download_a_photo_and_a_document() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    let c = &tg.client;
    let boris = peer(c, "boris_p").await;

    let png = fake_png(40, 30, 3 * 8192 + 500);
    let file = upload(c, 11, &png, 8192, false).await;
    let sent =
        new_messages(c.invoke(&send_media(boris, uploaded_photo(file), "снимок 📷", 501)).await.unwrap());
    assert_eq!(sent.len(), 1);
    let photo = &sent[0];
    assert_eq!(photo.message, "снимок 📷");
    let photo_location = location(photo.media.as_ref().unwrap());
    assert_eq!(download(c, &photo_location, 4096).await, png, "4 KiB windows");
    assert_eq!(download(c, &photo_location, 512 * 1024).await, png, "one 512 KiB window");

    let text = "line one\nline two\n".repeat(100);
    let file = upload(c, 12, text.as_bytes(), 1024, false).await;
    let name = enums::DocumentAttribute::Filename(types::DocumentAttributeFilename {
        file_name: "lines.txt".into(),
    });
    let doc = uploaded_document(file, "text/plain", vec![name]);
    let sent = new_messages(c.invoke(&send_media(boris, doc, "", 502)).await.unwrap());
    let doc_location = location(sent[0].media.as_ref().unwrap());
    assert_eq!(download(c, &doc_location, 4096).await, text.as_bytes());

    let mut history = c.iter_messages(boris).limit(2);
    let newest = history.next().await.unwrap().unwrap();
    let before = history.next().await.unwrap().unwrap();
    assert_eq!((newest.id(), before.id()), (sent[0].id, photo.id), "live state: both are in the history");
    assert_eq!(before.text(), "снимок 📷", "the caption is the message text");
    assert!(matches!(before.media(), Some(grammers_client::media::Media::Photo(_))));
    assert!(matches!(newest.media(), Some(grammers_client::media::Media::Document(_))));

    let info = dc.sandbox.controls().media(BORIS, photo.id).expect("the photo is stored");
    assert_eq!(
        (info.kind.as_str(), info.size, info.w, info.h),
        ("photo", png.len() as u64, Some(40), Some(30))
    );
    assert_eq!(info.sha256, sha256_hex(&png));
    let info = dc.sandbox.controls().media(BORIS, sent[0].id).unwrap();
    assert_eq!(
        (info.kind.as_str(), info.mime.as_str(), info.name.as_deref()),
        ("document", "text/plain", Some("lines.txt"))
    );

    let calls = dc.sandbox.controls().calls();
    let count = |m: &str| calls.iter().filter(|c| c.method == m && c.outcome == "ok").count();
    assert_eq!(count("upload.saveFilePart"), 4 + text.len().div_ceil(1024));
    assert!(count("upload.getFile") >= 8);
}

#[tokio::test]
async fn a_big_file_goes_through_save_big_file_part() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    let c = &tg.client;
    let me = peer(c, "alice_sandbox").await;
    let data = bytes(12 * 1024 * 1024 + 12_345, 42);
    let started = Instant::now();
    let file = upload(c, 77, &data, 512 * 1024, true).await;
    let uploaded = started.elapsed();
    let video = enums::DocumentAttribute::Video(types::DocumentAttributeVideo {
        round_message: true,
        supports_streaming: true,
        nosound: false,
        duration: 4.5,
        w: 240,
        h: 240,
        preload_prefix_size: None,
        video_start_ts: None,
        video_codec: None,
    });
    let sent = new_messages(
        c.invoke(&send_media(me, uploaded_document(file, "video/mp4", vec![video]), "", 9)).await.unwrap(),
    );
    let media = sent[0].media.as_ref().unwrap();
    assert!(matches!(media, enums::MessageMedia::Document(d) if d.round && !d.voice));
    let started = Instant::now();
    // 512 KiB windows: grammers 0.11 panics on any message past 1_044_456 bytes, so a 1 MiB
    // `upload.file` (which Telegram's rules allow) would kill the client's runner.
    let back = download(c, &location(media), 512 * 1024).await;
    let downloaded = started.elapsed();
    assert!(back == data, "the big file comes back byte for byte");
    let info = dc.sandbox.controls().media(ALICE, sent[0].id).unwrap();
    assert!(info.round && info.name.as_deref() == Some("upload.bin"), "{info:?}");
    eprintln!("12 MiB: upload {uploaded:?}, download {downloaded:?}");
}

#[tokio::test]
async fn albums_share_a_grouped_id() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    let c = &tg.client;
    let carol = peer(c, "carol_w").await;
    let mut stored = Vec::new();
    for n in 0..2 {
        let file = upload(c, 100 + n, &fake_png(8, 8, 2000), 4096, false).await;
        let req = f::messages::UploadMedia {
            business_connection_id: None,
            peer: carol.into(),
            media: uploaded_photo(file),
        };
        let media = c.invoke(&req);
        let enums::MessageMedia::Photo(types::MessageMediaPhoto {
            photo: Some(enums::Photo::Photo(p)), ..
        }) = media.await.unwrap()
        else {
            panic!("uploadMedia answers the stored photo")
        };
        stored.push(p);
    }
    let item = |p: &types::Photo, random_id: i64, caption: &str| {
        let id = enums::InputPhoto::Photo(types::InputPhoto {
            id: p.id,
            access_hash: p.access_hash,
            file_reference: p.file_reference.clone(),
        });
        let media = enums::InputMedia::Photo(types::InputMediaPhoto {
            spoiler: false,
            live_photo: false,
            id,
            ttl_seconds: None,
            video: None,
        });
        enums::InputSingleMedia::Media(types::InputSingleMedia {
            media,
            random_id,
            message: caption.to_owned(),
            entities: None,
        })
    };
    let multi = |multi_media: Vec<enums::InputSingleMedia>| f::messages::SendMultiMedia {
        silent: false,
        background: false,
        clear_draft: false,
        noforwards: false,
        update_stickersets_order: false,
        invert_media: false,
        allow_paid_floodskip: false,
        peer: carol.into(),
        reply_to: None,
        multi_media,
        schedule_date: None,
        send_as: None,
        quick_reply_shortcut: None,
        effect: None,
        allow_paid_stars: None,
    };
    let sent = new_messages(
        c.invoke(&multi(vec![item(&stored[0], 1, "раз"), item(&stored[1], 2, "два")])).await.unwrap(),
    );
    assert_eq!(sent.len(), 2);
    assert!(sent[0].grouped_id.is_some() && sent[0].grouped_id == sent[1].grouped_id);
    assert_eq!((sent[0].message.as_str(), sent[1].message.as_str()), ("раз", "два"));
    let info = dc.sandbox.controls().media(7_000_003, sent[1].id).unwrap();
    assert_eq!(info.grouped_id, sent[1].grouped_id);

    assert_eq!(err_name(c.invoke(&multi(vec![item(&stored[0], 3, "")])).await), "MEDIA_INVALID");
    let eleven = (0..11).map(|n| item(&stored[0], 10 + n, "")).collect();
    assert_eq!(err_name(c.invoke(&multi(eleven)).await), "MULTI_MEDIA_TOO_LONG");
    let file = upload(c, 300, &fake_png(8, 8, 100), 4096, false).await;
    let raw = enums::InputSingleMedia::Media(types::InputSingleMedia {
        media: uploaded_photo(file),
        random_id: 30,
        message: String::new(),
        entities: None,
    });
    assert_eq!(
        err_name(c.invoke(&multi(vec![item(&stored[0], 31, ""), raw])).await),
        "MEDIA_INVALID",
        "upload first"
    );
    assert_eq!(
        err_name(c.invoke(&multi(vec![item(&stored[0], 1, ""), item(&stored[1], 40, "")])).await),
        "RANDOM_ID_DUPLICATE"
    );
}

#[tokio::test]
async fn a_repeated_random_id_sends_once() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    let c = &tg.client;
    let boris = peer(c, "boris_p").await;
    let file = upload(c, 5, &fake_png(4, 4, 100), 4096, false).await;
    let first =
        new_messages(c.invoke(&send_media(boris, uploaded_photo(file.clone()), "once", 777)).await.unwrap());
    let again = c.invoke(&send_media(boris, uploaded_photo(file), "once", 777)).await;
    assert_eq!(err_name(again), "RANDOM_ID_DUPLICATE");
    let mut history = c.iter_messages(boris).limit(2);
    let newest = history.next().await.unwrap().unwrap();
    let before = history.next().await.unwrap().unwrap();
    assert_eq!(newest.id(), first[0].id);
    assert_ne!(before.text(), "once", "no second message");
}

#[tokio::test]
async fn misuse_gets_telegrams_error_names() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    let c = &tg.client;
    let boris = peer(c, "boris_p").await;
    let part = |file_part, bytes: Vec<u8>| f::upload::SaveFilePart { file_id: 1, file_part, bytes };
    let big = |file_part, file_total_parts, bytes: Vec<u8>| f::upload::SaveBigFilePart {
        file_id: 2,
        file_part,
        file_total_parts,
        bytes,
    };
    assert_eq!(err_name(c.invoke(&part(0, vec![0; 512 * 1024 + 1024])).await), "FILE_PART_SIZE_INVALID");
    assert_eq!(err_name(c.invoke(&big(0, 3, vec![0; 3000])).await), "FILE_PART_SIZE_INVALID");
    assert_eq!(err_name(c.invoke(&part(-1, vec![0; 1024])).await), "FILE_PART_INVALID");
    assert_eq!(err_name(c.invoke(&big(3, 3, vec![0; 1024])).await), "FILE_PART_INVALID");
    assert_eq!(err_name(c.invoke(&big(0, 0, vec![0; 1024])).await), "FILE_PARTS_INVALID");

    c.invoke(&part(0, vec![1; 4096])).await.unwrap();
    c.invoke(&part(2, vec![1; 10])).await.unwrap();
    let file = enums::InputFile::File(types::InputFile {
        id: 1,
        parts: 3,
        name: "x.png".into(),
        md5_checksum: String::new(),
    });
    assert_eq!(
        err_name(c.invoke(&send_media(boris, uploaded_photo(file), "", 1)).await),
        "FILE_PART_1_MISSING"
    );
    let file = upload(c, 3, b"plain text, not an image", 4096, false).await;
    assert_eq!(
        err_name(c.invoke(&send_media(boris, uploaded_photo(file), "", 2)).await),
        "IMAGE_PROCESS_FAILED"
    );
    let file = upload(c, 4, &fake_png(4, 4, 100), 4096, false).await;
    let long = "я".repeat(1025);
    assert_eq!(
        err_name(c.invoke(&send_media(boris, uploaded_photo(file), &long, 3)).await),
        "MEDIA_CAPTION_TOO_LONG"
    );

    let unknown =
        enums::InputPhoto::Photo(types::InputPhoto { id: 1, access_hash: 2, file_reference: vec![] });
    let media = enums::InputMedia::Photo(types::InputMediaPhoto {
        spoiler: false,
        live_photo: false,
        id: unknown,
        ttl_seconds: None,
        video: None,
    });
    assert_eq!(err_name(c.invoke(&send_media(boris, media, "", 4)).await), "MEDIA_EMPTY");

    let file = upload(c, 6, &fake_png(4, 4, 100), 4096, false).await;
    let sent = new_messages(c.invoke(&send_media(boris, uploaded_photo(file), "", 5)).await.unwrap());
    let good = location(sent[0].media.as_ref().unwrap());
    let enums::InputFileLocation::InputPhotoFileLocation(l) = &good else { unreachable!() };
    let with = |f: &dyn Fn(&mut types::InputPhotoFileLocation)| {
        let mut l = l.clone();
        f(&mut l);
        enums::InputFileLocation::InputPhotoFileLocation(l)
    };
    let stale = enums::InputPhoto::Photo(types::InputPhoto {
        id: l.id,
        access_hash: l.access_hash,
        file_reference: b"old".to_vec(),
    });
    let media = enums::InputMedia::Photo(types::InputMediaPhoto {
        spoiler: false,
        live_photo: false,
        id: stale,
        ttl_seconds: None,
        video: None,
    });
    assert_eq!(err_name(c.invoke(&send_media(boris, media, "", 6)).await), "FILE_REFERENCE_EXPIRED");
    assert_eq!(err_name(c.invoke(&get_file(&good, 100, 4096)).await), "OFFSET_INVALID");
    assert_eq!(err_name(c.invoke(&get_file(&good, 0, 1000)).await), "LIMIT_INVALID");
    assert_eq!(err_name(c.invoke(&get_file(&good, 0, 2 << 20)).await), "LIMIT_INVALID");
    assert_eq!(
        err_name(c.invoke(&get_file(&with(&|l| l.access_hash ^= 1), 0, 4096)).await),
        "FILE_ID_INVALID"
    );
    assert_eq!(
        err_name(c.invoke(&get_file(&with(&|l| l.id += 1_000_000), 0, 4096)).await),
        "FILE_ID_INVALID"
    );
    assert_eq!(
        err_name(c.invoke(&get_file(&with(&|l| l.file_reference = vec![1]), 0, 4096)).await),
        "FILE_REFERENCE_EXPIRED"
    );
    assert_eq!(
        err_name(c.invoke(&get_file(&with(&|l| l.thumb_size = "s".into()), 0, 4096)).await),
        "LOCATION_INVALID"
    );
    let enums::upload::File::File(past) = c.invoke(&get_file(&good, 1 << 20, 4096)).await.unwrap() else {
        unreachable!()
    };
    assert!(past.bytes.is_empty(), "reading past the end gives no bytes");
}

#[tokio::test]
async fn profile_photos_upload_list_download_delete() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    let c = &tg.client;
    let png = fake_png(64, 64, 5000);
    let file = upload(c, 900, &png, 4096, false).await;
    let req = f::photos::UploadProfilePhoto {
        fallback: false,
        bot: None,
        file: Some(file),
        video: None,
        video_start_ts: None,
        video_emoji_markup: None,
    };
    let enums::photos::Photo::Photo(uploaded) = c.invoke(&req).await.unwrap();
    let enums::Photo::Photo(photo) = uploaded.photo else { panic!("a real photo") };
    assert!(uploaded.users.iter().any(|u| matches!(u, enums::User::User(u) if u.is_self)));

    let users = c.invoke(&f::users::GetUsers { id: vec![enums::InputUser::UserSelf] }).await.unwrap();
    let enums::User::User(me) = &users[0] else { panic!("a full user") };
    assert!(
        matches!(&me.photo, Some(enums::UserProfilePhoto::Photo(p)) if p.photo_id == photo.id && p.dc_id == 2)
    );

    let list =
        |limit| f::photos::GetUserPhotos { user_id: enums::InputUser::UserSelf, offset: 0, max_id: 0, limit };
    let enums::photos::Photos::Photos(all) = c.invoke(&list(10)).await.unwrap() else {
        panic!("all photos fit")
    };
    assert_eq!(all.photos.len(), 2, "the seeded photo and the new one");
    assert!(matches!(&all.photos[0], enums::Photo::Photo(p) if p.id == photo.id), "the newest first");
    assert!(matches!(c.invoke(&list(1)).await.unwrap(), enums::photos::Photos::Slice(s) if s.count == 2));

    for big in [true, false] {
        let location =
            enums::InputFileLocation::InputPeerPhotoFileLocation(types::InputPeerPhotoFileLocation {
                big,
                peer: enums::InputPeer::PeerSelf,
                photo_id: photo.id,
            });
        assert_eq!(download(c, &location, 4096).await, png);
    }
    assert_eq!(dc.sandbox.controls().profile_photo(ALICE).unwrap().sha256, sha256_hex(&png));

    let input = enums::InputPhoto::Photo(types::InputPhoto {
        id: photo.id,
        access_hash: photo.access_hash,
        file_reference: photo.file_reference.clone(),
    });
    let unknown =
        enums::InputPhoto::Photo(types::InputPhoto { id: 5, access_hash: 5, file_reference: vec![] });
    let deleted = c.invoke(&f::photos::DeletePhotos { id: vec![input, unknown] }).await.unwrap();
    assert_eq!(deleted, vec![photo.id]);
    let left = dc.sandbox.controls().profile_photo(ALICE).unwrap();
    assert_eq!(left.count, 1, "the seeded photo is current again");
}

#[tokio::test]
async fn the_seeded_media_are_real_files() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    let c = &tg.client;
    let boris = peer(c, "boris_p").await;
    let mut history = c.iter_messages(boris).limit(3);
    let mut media = Vec::new();
    while let Some(m) = history.next().await.unwrap() {
        let enums::Message::Message(raw) = &m.raw else { panic!("plain messages") };
        media.push((m.id(), raw.media.clone().expect("the newest three carry media")));
    }
    let (voice_id, voice) = &media[0];
    assert!(matches!(voice, enums::MessageMedia::Document(d) if d.voice));
    let (notes_id, notes) = &media[1];
    let text = String::from_utf8(download(c, &location(notes), 4096).await).unwrap();
    assert!(text.contains("палатка"), "{text}");
    let (photo_id, photo) = &media[2];
    let png = download(c, &location(photo), 4096).await;
    assert!(png.starts_with(b"\x89PNG"));

    let controls = dc.sandbox.controls();
    assert_eq!(controls.media(BORIS, *photo_id).unwrap().sha256, sha256_hex(&png));
    let notes_info = controls.media(BORIS, *notes_id).unwrap();
    assert_eq!((notes_info.mime.as_str(), notes_info.name.as_deref()), ("text/plain", Some("notes.txt")));
    let voice_info = controls.media(BORIS, *voice_id).unwrap();
    assert!(voice_info.voice && voice_info.mime == "audio/ogg" && voice_info.size > 4096);

    let enums::users::UserFull::Full(full) =
        c.invoke(&f::users::GetFullUser { id: boris.into() }).await.unwrap();
    let enums::UserFull::Full(profile) = full.full_user;
    let Some(enums::Photo::Photo(avatar)) = profile.profile_photo else {
        panic!("Boris has a profile photo")
    };
    let location = enums::InputFileLocation::InputPeerPhotoFileLocation(types::InputPeerPhotoFileLocation {
        big: false,
        peer: boris.into(),
        photo_id: avatar.id,
    });
    let bytes = download(c, &location, 4096).await;
    assert_eq!(controls.profile_photo(BORIS).unwrap().sha256, sha256_hex(&bytes));
}
