//! Telegram's numeric rules for file transfer, as pure functions: the sizes and numbers of
//! upload parts, the `offset`/`limit` window of `upload.getFile`, and the few image headers
//! (PNG, JPEG, GIF) the sandbox reads to learn a photo's dimensions. No I/O here.

use crate::sandbox::world::Failure;

/// Largest upload part; every part but the last must also divide it.
pub(crate) const PART_MAX: usize = 512 * 1024;
/// Most parts one file may have (2000 MiB with 512 KiB parts, Telegram's non-premium cap).
pub(crate) const MAX_PARTS: i32 = 4000;
/// Files uploaded with `upload.saveFilePart` may not be larger; bigger ones need the big path.
pub(crate) const SMALL_FILE_MAX: u64 = 10 * 1024 * 1024;
/// Largest `limit` of one `upload.getFile`.
pub(crate) const GET_MAX: i32 = 1024 * 1024;

/// Checks one part as it arrives. `total` is `file_total_parts` of a big upload; for a small
/// upload the last part is not known yet, so an odd-sized part is accepted here and checked
/// when the file is used ([`check_sizes`]).
pub(crate) fn check_part(part: i32, total: Option<i32>, len: usize) -> Result<(), Failure> {
    if let Some(total) = total
        && !(1..=MAX_PARTS).contains(&total)
    {
        return Err(Failure::bad("FILE_PARTS_INVALID"));
    }
    if !(0..total.unwrap_or(MAX_PARTS)).contains(&part) {
        return Err(Failure::bad("FILE_PART_INVALID"));
    }
    if len == 0 {
        return Err(Failure::bad("FILE_PART_EMPTY"));
    }
    let may_be_last = total.is_none_or(|t| part == t - 1);
    if len > PART_MAX || !(regular(len) || may_be_last) {
        return Err(Failure::bad("FILE_PART_SIZE_INVALID"));
    }
    Ok(())
}

/// A size every part but the last may have: a multiple of 1 KiB that divides 512 KiB.
pub(crate) fn regular(len: usize) -> bool {
    len > 0 && len.is_multiple_of(1024) && PART_MAX.is_multiple_of(len)
}

/// Checks the sizes of parts `0..n` of a finished upload: all equal and regular but the last,
/// which may be smaller. A single part may have any size up to 512 KiB.
pub(crate) fn check_sizes(sizes: &[usize]) -> Result<(), Failure> {
    let invalid = || Failure::bad("FILE_PART_SIZE_INVALID");
    let Some((last, rest)) = sizes.split_last() else { return Err(Failure::bad("FILE_PARTS_INVALID")) };
    let Some(&first) = rest.first() else { return Ok(()) };
    if !regular(first) || rest.iter().any(|s| *s != first) || *last > first {
        return Err(invalid());
    }
    Ok(())
}

/// Telegram's window rules for `upload.getFile`: offsets and limits in 4 KiB units (1 KiB
/// with `precise`), at most 1 MiB, and without `precise` a limit dividing 1 MiB and a chunk
/// that does not cross a 1 MiB boundary.
pub(crate) fn check_window(precise: bool, offset: i64, limit: i32) -> Result<(), Failure> {
    let unit = if precise { 1024 } else { 4096 };
    if offset < 0 || offset % unit != 0 {
        return Err(Failure::bad("OFFSET_INVALID"));
    }
    if limit <= 0 || limit > GET_MAX || i64::from(limit) % unit != 0 {
        return Err(Failure::bad("LIMIT_INVALID"));
    }
    let mib = i64::from(GET_MAX);
    let crosses = offset / mib != (offset + i64::from(limit) - 1) / mib;
    if !precise && (mib % i64::from(limit) != 0 || crosses) {
        return Err(Failure::bad("LIMIT_INVALID"));
    }
    Ok(())
}

/// An image format the sandbox recognises for photos.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ImageFormat {
    Png,
    Jpeg,
    Gif,
}

impl ImageFormat {
    pub(crate) fn mime(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Gif => "image/gif",
        }
    }
}

/// Format and `(width, height)` read from the first bytes of an image, if they are PNG, JPEG
/// or GIF with a readable size.
pub(crate) fn image_info(head: &[u8]) -> Option<(ImageFormat, i32, i32)> {
    let be16 = |b: &[u8], at: usize| Some(i32::from(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?)));
    if head.starts_with(b"\x89PNG\r\n\x1a\n") && head.get(12..16) == Some(b"IHDR") {
        let be32 = |at: usize| Some(i32::from_be_bytes(head.get(at..at + 4)?.try_into().ok()?));
        return Some((ImageFormat::Png, be32(16)?, be32(20)?));
    }
    if head.starts_with(b"GIF8") {
        let le16 = |at: usize| Some(i32::from(u16::from_le_bytes(head.get(at..at + 2)?.try_into().ok()?)));
        return Some((ImageFormat::Gif, le16(6)?, le16(8)?));
    }
    if !head.starts_with(&[0xff, 0xd8]) {
        return None;
    }
    // Walk the JPEG segments to the first start-of-frame marker (SOF0..SOF15 but DHT, JPG, DAC).
    let mut at = 2;
    while head.get(at) == Some(&0xff) {
        let marker = *head.get(at + 1)?;
        if (0xc0..=0xcf).contains(&marker) && ![0xc4, 0xc8, 0xcc].contains(&marker) {
            return Some((ImageFormat::Jpeg, be16(head, at + 7)?, be16(head, at + 5)?));
        }
        at += 2 + usize::try_from(be16(head, at + 2)?).ok()?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(r: Result<(), Failure>) -> String {
        r.err().map_or_else(|| "ok".to_owned(), |f| f.name)
    }

    #[test]
    fn part_sizes_follow_telegram() {
        assert_eq!(name(check_part(0, None, PART_MAX)), "ok");
        assert_eq!(name(check_part(3, None, 1000)), "ok", "a small upload's last part is unknown");
        assert_eq!(name(check_part(0, None, PART_MAX + 1024)), "FILE_PART_SIZE_INVALID");
        assert_eq!(name(check_part(0, None, 0)), "FILE_PART_EMPTY");
        assert_eq!(
            name(check_part(0, Some(3), 3 * 1024)),
            "FILE_PART_SIZE_INVALID",
            "3 KiB does not divide 512 KiB"
        );
        assert_eq!(name(check_part(2, Some(3), 3 * 1024)), "ok", "the last part may be odd");
        assert_eq!(name(check_part(3, Some(3), 1024)), "FILE_PART_INVALID");
        assert_eq!(name(check_part(-1, None, 1024)), "FILE_PART_INVALID");
        assert_eq!(name(check_part(MAX_PARTS, None, 1024)), "FILE_PART_INVALID");
        assert_eq!(name(check_part(0, Some(0), 1024)), "FILE_PARTS_INVALID");
        assert_eq!(name(check_part(0, Some(MAX_PARTS + 1), 1024)), "FILE_PARTS_INVALID");
    }

    #[test]
    fn finished_uploads_have_uniform_parts() {
        assert_eq!(name(check_sizes(&[777])), "ok");
        assert_eq!(name(check_sizes(&[4096, 4096, 10])), "ok");
        assert_eq!(name(check_sizes(&[4096, 8192, 10])), "FILE_PART_SIZE_INVALID");
        assert_eq!(name(check_sizes(&[3000, 3000])), "FILE_PART_SIZE_INVALID");
        assert_eq!(name(check_sizes(&[4096, 8192])), "FILE_PART_SIZE_INVALID", "the last may not be larger");
        assert_eq!(name(check_sizes(&[])), "FILE_PARTS_INVALID");
    }

    #[test]
    fn get_file_windows() {
        assert_eq!(name(check_window(false, 0, 512 * 1024)), "ok");
        assert_eq!(name(check_window(false, 1024 * 1024, GET_MAX)), "ok");
        assert_eq!(name(check_window(false, 100, 4096)), "OFFSET_INVALID");
        assert_eq!(name(check_window(false, -4096, 4096)), "OFFSET_INVALID");
        assert_eq!(name(check_window(false, 0, 1000)), "LIMIT_INVALID");
        assert_eq!(name(check_window(false, 0, 2 * GET_MAX)), "LIMIT_INVALID");
        assert_eq!(name(check_window(false, 0, 0)), "LIMIT_INVALID");
        assert_eq!(name(check_window(false, 0, 3 * 4096)), "LIMIT_INVALID", "must divide 1 MiB");
        assert_eq!(name(check_window(false, 768 * 1024, 512 * 1024)), "LIMIT_INVALID", "crosses 1 MiB");
        assert_eq!(name(check_window(true, 768 * 1024, 512 * 1024)), "ok");
        assert_eq!(name(check_window(true, 1024, 3 * 1024)), "ok");
    }

    #[test]
    fn image_headers() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&64u32.to_be_bytes());
        png.extend_from_slice(&48u32.to_be_bytes());
        assert_eq!(image_info(&png), Some((ImageFormat::Png, 64, 48)));
        let jpeg = [0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 17, 8, 0, 20, 0, 30, 3];
        assert_eq!(image_info(&jpeg), Some((ImageFormat::Jpeg, 30, 20)));
        assert_eq!(image_info(b"GIF89a\x0a\0\x05\0"), Some((ImageFormat::Gif, 10, 5)));
        assert_eq!(image_info(b"not an image"), None);
        assert_eq!(image_info(&[0xff, 0xd8, 0xff, 0xe0, 0xff]), None, "truncated JPEG");
    }
}
