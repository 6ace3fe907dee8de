//! The smaller copies of an uploaded photo: a 320-pixel-wide thumbnail for the lists and a
//! 1280-pixel-wide copy for screens, both JPEG, never wider than the original. Pure apart
//! from reading the stored file: the caller runs it on a blocking thread and stores the
//! bytes through the evidence store.
//!
//! A photo is decoded under limits (pixels and memory), so that a small file that claims
//! to be 100,000 × 100,000 pixels (a decompression bomb) is refused before any pixel is
//! allocated; a refused or corrupt image is the caller's to keep without copies.

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use std::io::{BufRead, BufReader, Seek};

/// The thumbnail's width and the screen copy's.
pub const THUMB_WIDTH: u32 = 320;
pub const SCREEN_WIDTH: u32 = 1280;
/// 40 megapixels: more than any camera the department uses, far less than a bomb.
pub const MAX_PIXELS: u64 = 40_000_000;
/// What the decoder may allocate in all.
pub const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// JPEG quality of the copies: small files, no visible blocks at these sizes.
const QUALITY: u8 = 80;

/// Both copies, encoded, and the photo's size once turned upright.
#[derive(Debug)]
pub struct Copies {
    pub thumb: Vec<u8>,
    pub screen: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Why no copies were made (the file is kept all the same).
#[derive(Debug)]
pub enum CopyError {
    TooManyPixels { width: u32, height: u32 },
    Decode(image::ImageError),
    Io(std::io::Error),
}

impl std::fmt::Display for CopyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CopyError::TooManyPixels { width, height } => {
                write!(f, "{width} × {height} pixels, more than {MAX_PIXELS}")
            }
            CopyError::Decode(e) => write!(f, "does not decode: {e}"),
            CopyError::Io(e) => write!(f, "cannot be read: {e}"),
        }
    }
}

impl From<image::ImageError> for CopyError {
    fn from(e: image::ImageError) -> Self {
        CopyError::Decode(e)
    }
}

impl From<std::io::Error> for CopyError {
    fn from(e: std::io::Error) -> Self {
        CopyError::Io(e)
    }
}

/// The formats decoded here, by the type the evidence store sniffed; others get no copies.
pub fn format_of(mime: &str) -> Option<ImageFormat> {
    match mime {
        "image/jpeg" => Some(ImageFormat::Jpeg),
        "image/png" => Some(ImageFormat::Png),
        "image/webp" => Some(ImageFormat::WebP),
        _ => None,
    }
}

/// The copies of the image in the file at `path`, of type `format`.
pub fn copies_of_file(path: &std::path::Path, format: ImageFormat) -> Result<Copies, CopyError> {
    let file = std::fs::File::open(path)?;
    copies(BufReader::new(file), format)
}

/// The copies of the image `reader` holds.
pub fn copies<R: BufRead + Seek>(reader: R, format: ImageFormat) -> Result<Copies, CopyError> {
    let photo = decode(reader, format)?;
    let (width, height) = (photo.width(), photo.height());
    // The screen copy first; the thumbnail from it is as good and much cheaper.
    let screen = narrower(&photo, SCREEN_WIDTH);
    let thumb = narrower(&screen, THUMB_WIDTH);
    Ok(Copies {
        thumb: jpeg(&thumb)?,
        screen: jpeg(&screen)?,
        width,
        height,
    })
}

/// Decodes under [`MAX_PIXELS`] and [`MAX_ALLOC`], turned as the camera said (EXIF).
fn decode<R: BufRead + Seek>(reader: R, format: ImageFormat) -> Result<DynamicImage, CopyError> {
    let mut reader = ImageReader::with_format(reader, format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder()?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(CopyError::TooManyPixels { width, height });
    }
    let orientation = decoder.orientation().ok();
    let mut photo = DynamicImage::from_decoder(decoder)?;
    if let Some(o) = orientation {
        photo.apply_orientation(o);
    }
    Ok(photo)
}

/// `photo` at most `width` wide, its proportions kept; a narrower one as it is.
fn narrower(photo: &DynamicImage, width: u32) -> DynamicImage {
    if photo.width() <= width {
        return photo.clone();
    }
    let height = (u64::from(photo.height()) * u64::from(width) / u64::from(photo.width())).max(1);
    photo.resize_exact(width, height as u32, FilterType::Triangle)
}

/// JPEG bytes; transparent pixels over white (JPEG has no transparency, and black
/// behind a logo reads as a fault).
fn jpeg(photo: &DynamicImage) -> Result<Vec<u8>, CopyError> {
    let rgb = if photo.color().has_alpha() {
        on_white(photo)
    } else {
        photo.to_rgb8()
    };
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, QUALITY).encode_image(&rgb)?;
    Ok(out)
}

fn on_white(photo: &DynamicImage) -> RgbImage {
    let rgba = photo.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([over(r), over(g), over(b)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgba, RgbaImage};
    use std::io::Cursor;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = RgbaImage::from_fn(width, height, |x, y| {
            Rgba([
                (x % 256) as u8,
                (y % 256) as u8,
                120,
                if x < 10 { 0 } else { 255 },
            ])
        });
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    fn size_of(jpeg: &[u8]) -> (u32, u32) {
        let img = image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg).unwrap();
        (img.width(), img.height())
    }

    #[test]
    fn a_photo_gets_a_thumbnail_and_a_screen_copy_in_proportion() {
        let c = copies(Cursor::new(png(2000, 1000)), ImageFormat::Png).unwrap();
        assert_eq!((c.width, c.height), (2000, 1000));
        assert_eq!(size_of(&c.thumb), (320, 160));
        assert_eq!(size_of(&c.screen), (1280, 640));
    }

    #[test]
    fn a_small_photo_is_never_enlarged() {
        let c = copies(Cursor::new(png(200, 50)), ImageFormat::Png).unwrap();
        assert_eq!(size_of(&c.thumb), (200, 50));
        assert_eq!(size_of(&c.screen), (200, 50));
        // Transparent pixels come out white, not black.
        let thumb = image::load_from_memory(&c.thumb).unwrap().to_rgb8();
        assert!(thumb.get_pixel(2, 2).0.iter().all(|c| *c > 230));
    }

    #[test]
    fn corrupt_bytes_and_a_bomb_are_refused_without_a_panic() {
        let corrupt = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 2, 3,
        ];
        let r = copies(Cursor::new(corrupt.to_vec()), ImageFormat::Jpeg);
        assert!(matches!(r, Err(CopyError::Decode(_))), "{r:?}");
        // A valid PNG header that claims 100,000 × 100,000 pixels (its CRC made right).
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        let r = copies(Cursor::new(bomb), ImageFormat::Png);
        assert!(
            matches!(r, Err(CopyError::TooManyPixels { width: 100_000, .. })),
            "{r:?}"
        );
    }

    /// PNG's CRC-32 of a chunk's type and data.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for b in bytes {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}
