//! The demo account's real media: a 64×64 PNG photo, a `notes.txt` document and a voice
//! message in the chat with Boris, and profile photos for Boris and Alice. The bytes are made
//! here (the PNG encoded with zlib and CRC-32) and handed to the file store; the world keeps
//! only the metadata. Deterministic, like the rest of the seed.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;

use super::Seeder;
use super::cast::{BORIS, SELF_ID};
use crate::sandbox::media::Store;
use crate::sandbox::world::{AudioAttr, DocAttrs, MediaKind, MediaRec, PeerKey};

const NOTES: &str =
    "Поход в субботу\n\n- палатка: Борис\n- горелка и кофе: Алиса\n- карта: https://example.org/trail-map\n";

/// Adds the media messages and profile photos.
pub(super) fn add(s: &mut Seeder, files: &Store) -> std::io::Result<()> {
    let chat = PeerKey::User(BORIS);
    let photo = png(64, 64, |x, y| [(x * 4) as u8, (y * 4) as u8, 160]);
    let media = stored_photo(s, files, &photo, 64, 64)?;
    let id = s.push(chat, Some(SELF_ID), "Вид с перевала 🏔".to_owned());
    s.msg(chat, id).media = Some(MediaRec::Stored(media));

    let blob = files.put(NOTES.as_bytes())?;
    let attrs = DocAttrs { file_name: Some("notes.txt".to_owned()), ..DocAttrs::default() };
    let date = s.clock;
    let doc = s.world.store_media(blob, NOTES.len() as u64, "text/plain", MediaKind::Document(attrs), date);
    let id = s.push(chat, Some(SELF_ID), "Список на субботу 📝".to_owned());
    s.msg(chat, id).media = Some(MediaRec::Stored(doc));

    let voice = noise(6 * 1024, 0x0660);
    let blob = files.put(&voice)?;
    let audio = AudioAttr { voice: true, duration: 3, ..AudioAttr::default() };
    let attrs = DocAttrs { audio: Some(audio), ..DocAttrs::default() };
    let date = s.clock;
    let doc = s.world.store_media(blob, voice.len() as u64, "audio/ogg", MediaKind::Document(attrs), date);
    let id = s.push(chat, Some(BORIS), String::new());
    s.msg(chat, id).media = Some(MediaRec::Stored(doc));

    for (user, color) in [(BORIS, [200, 80, 40]), (SELF_ID, [60, 120, 220])] {
        let bytes = png(64, 64, |x, y| if (x / 8 + y / 8) % 2 == 0 { color } else { [250, 250, 250] });
        let photo = stored_photo(s, files, &bytes, 64, 64)?;
        s.world.profile_photos.entry(user).or_default().insert(0, photo.id);
    }
    Ok(())
}

fn stored_photo(
    s: &mut Seeder,
    files: &Store,
    bytes: &[u8],
    w: i32,
    h: i32,
) -> std::io::Result<std::sync::Arc<crate::sandbox::world::StoredMedia>> {
    let blob = files.put(bytes)?;
    let date = s.clock;
    Ok(s.world.store_media(blob, bytes.len() as u64, "image/png", MediaKind::Photo { w, h }, date))
}

/// An 8-bit RGB PNG of `w`×`h` pixels coloured by `rgb(x, y)`.
pub(crate) fn png(w: u32, h: u32, rgb: impl Fn(u32, u32) -> [u8; 3]) -> Vec<u8> {
    let mut raw = Vec::with_capacity(((w * 3 + 1) * h) as usize);
    for y in 0..h {
        raw.push(0); // filter type "none"
        (0..w).for_each(|x| raw.extend_from_slice(&rgb(x, y)));
    }
    let mut zlib = ZlibEncoder::new(Vec::new(), Compression::default());
    zlib.write_all(&raw).expect("writing to a Vec cannot fail");
    let idat = zlib.finish().expect("writing to a Vec cannot fail");
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // depth 8, truecolour, deflate, no filter, no interlace
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(b"IHDR", ihdr.as_slice()), (b"IDAT", &idat), (b"IEND", &[])] {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32fast::hash(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    out
}

/// `len` deterministic bytes behind an Ogg capture pattern: stands in for a voice note.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    let mut out = b"OggS".to_vec();
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.push(state as u8);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::media::rules::{ImageFormat, image_info};

    #[test]
    fn the_png_is_well_formed() {
        let bytes = png(64, 64, |x, y| [x as u8, y as u8, 0]);
        assert_eq!(image_info(&bytes), Some((ImageFormat::Png, 64, 64)));
        assert!(bytes.ends_with(&[0xae, 0x42, 0x60, 0x82]), "IEND's CRC closes the file");
    }
}
