//! What the world keeps about a message's media: placeholders, locations, the family cards
//! (polls, contacts, dice, venues) and the metadata of stored photos and documents, whose bytes
//! live in the sandbox's file store.

use std::sync::Arc;

use super::{bots, reactions};

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum MediaRec {
    /// A seeded placeholder without a file (rendered as `photoEmpty`).
    Photo {
        id: i64,
    },
    /// A seeded placeholder without a file (rendered as `documentEmpty`).
    Document {
        id: i64,
    },
    Geo {
        lat: f64,
        long: f64,
    },
    /// A photo or document with real bytes in the sandbox's file store.
    Stored(Arc<StoredMedia>),
    /// A poll with its votes (`reactions` family).
    Poll(Box<reactions::PollRec>),
    /// A contact, dice, live location or venue (`reactions` family).
    Card(Box<reactions::Card>),
}

/// A stored photo or document: what Telegram keeps about a file, and the store's blob id.
#[derive(Debug, PartialEq)]
pub(crate) struct StoredMedia {
    pub(crate) id: i64,
    pub(crate) access_hash: i64,
    pub(crate) file_reference: Vec<u8>,
    pub(crate) date: i32,
    pub(crate) size: u64,
    pub(crate) mime: String,
    /// Blob id in the sandbox's file store.
    pub(crate) blob: u64,
    pub(crate) kind: MediaKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum MediaKind {
    /// Served as the single size `x`.
    Photo {
        w: i32,
        h: i32,
    },
    Document(DocAttrs),
}

/// The document attributes the sandbox keeps (`documentAttribute*`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DocAttrs {
    pub(crate) file_name: Option<String>,
    pub(crate) audio: Option<AudioAttr>,
    pub(crate) video: Option<VideoAttr>,
    pub(crate) image_size: Option<(i32, i32)>,
    /// A sticker of a set (`documentAttributeSticker`).
    pub(crate) sticker: Option<bots::StickerAttr>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct AudioAttr {
    pub(crate) voice: bool,
    pub(crate) duration: i32,
    pub(crate) title: Option<String>,
    pub(crate) performer: Option<String>,
    pub(crate) waveform: Option<Vec<u8>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct VideoAttr {
    pub(crate) round: bool,
    pub(crate) supports_streaming: bool,
    pub(crate) duration: f64,
    pub(crate) w: i32,
    pub(crate) h: i32,
}
