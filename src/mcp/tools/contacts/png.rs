//! The QR login code as a small PNG (8-bit greyscale, 6 px per module, a 4-module quiet zone),
//! encoded here with `flate2` and `crc32fast`: the `qrcode` crate renders PNGs only through the
//! `image` crate, which is far heavier than these 40 lines.

use std::io::Write;

/// Pixels per QR module.
const SCALE: usize = 6;
/// Light modules around the code, as the QR standard asks.
const QUIET: usize = 4;

/// `url` as a PNG QR code.
pub(super) fn qr_png(url: &str) -> anyhow::Result<Vec<u8>> {
    let code = qrcode::QrCode::new(url.as_bytes())?;
    let modules = code.width();
    let side = (modules + 2 * QUIET) * SCALE;
    let dark = |x: usize, y: usize| {
        let (mx, my) = ((x / SCALE).wrapping_sub(QUIET), (y / SCALE).wrapping_sub(QUIET));
        mx < modules && my < modules && code[(mx, my)].select(true, false)
    };
    // Each row: filter type 0 (none), then one byte per pixel.
    let mut raw = Vec::with_capacity(side * (side + 1));
    for y in 0..side {
        raw.push(0);
        raw.extend((0..side).map(|x| if dark(x, y) { 0 } else { 255 }));
    }
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    zlib.write_all(&raw)?;
    let data = zlib.finish()?;
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&(side as u32).to_be_bytes());
    header.extend_from_slice(&(side as u32).to_be_bytes());
    // Bit depth 8, colour type 0 (greyscale), deflate, adaptive filtering, no interlace.
    header.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &data);
    chunk(&mut png, b"IEND", &[]);
    Ok(png)
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_png_has_a_valid_header_and_chunks() {
        let png = qr_png("tg://login?token=AAAA").unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        let side = u32::from_be_bytes(png[16..20].try_into().unwrap()) as usize;
        assert_eq!(side % SCALE, 0);
        assert!(side >= (21 + 2 * QUIET) * SCALE, "a version-1 code at least");
        assert_eq!(&png[png.len() - 8..png.len() - 4], b"IEND");
        let mut crc = crc32fast::Hasher::new();
        crc.update(&png[12..29]);
        assert_eq!(crc.finalize().to_be_bytes(), png[29..33], "the IHDR checksum");
    }
}
