//! What a file is: MIME types by extension, image types by magic number, how a file is sent,
//! and base64 for inline images.

#[derive(PartialEq)]
pub(super) enum Kind {
    Image,
    Video,
    Other,
}

pub(super) fn kind_of(name: &str) -> Kind {
    match mime_of(name).split('/').next() {
        Some("image") if !name.to_lowercase().ends_with(".gif") => Kind::Image,
        Some("video") => Kind::Video,
        _ => Kind::Other,
    }
}

/// The MIME type of a file name's extension.
pub(super) fn mime_of(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        "webm" => "video/webm",
        "mkv" => "video/x-matroska",
        "ogg" | "oga" | "opus" => "audio/ogg",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "wav" => "audio/wav",
        "pdf" => "application/pdf",
        "txt" | "md" | "log" => "text/plain",
        "json" => "application/json",
        "csv" => "text/csv",
        "zip" => "application/zip",
        "html" | "htm" => "text/html",
        _ => "application/octet-stream",
    }
}

pub(super) fn voice_mime(name: &str) -> &'static str {
    match mime_of(name) {
        m @ ("audio/mpeg" | "audio/mp4" | "audio/wav") => m,
        _ => "audio/ogg",
    }
}

pub(super) fn extension(mime: &str) -> &'static str {
    match mime {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "video/mp4" => "mp4",
        "audio/ogg" => "ogg",
        "audio/mpeg" => "mp3",
        "text/plain" => "txt",
        "application/pdf" => "pdf",
        _ => "bin",
    }
}

/// The image type of bytes, from their magic number.
pub(super) fn sniff(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x89, b'P', b'N', b'G', ..] => Some("image/png"),
        [0xFF, 0xD8, 0xFF, ..] => Some("image/jpeg"),
        [b'G', b'I', b'F', b'8', ..] => Some("image/gif"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        _ => None,
    }
}

/// Standard base64 with padding (MCP image content).
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn files_are_sent_by_their_kind() {
        assert!(kind_of("a.JPG") == Kind::Image && kind_of("b.mp4") == Kind::Video);
        assert!(kind_of("anim.gif") == Kind::Other, "a GIF is not compressed into a still");
        assert_eq!(mime_of("notes.txt"), "text/plain");
        assert_eq!(voice_mime("memo.opus"), "audio/ogg");
        assert_eq!(sniff(&[0x89, b'P', b'N', b'G', 0]), Some("image/png"));
    }
}
