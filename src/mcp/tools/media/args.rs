//! The media tools' arguments (the original's names and parameters) and structured results.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::mcp::tools::ChatArg;
use crate::model::Message;
use crate::owner::{Media, ProfilePhoto};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendFile {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// The file: a path inside the files directory (relative to it, or absolute).
    pub(super) file_path: String,
    /// Caption shown under the file.
    pub(super) caption: Option<String>,
    /// Caption format: `md` or `html`.
    pub(super) parse_mode: Option<String>,
    /// Id of the message to reply to.
    pub(super) reply_to: Option<i32>,
    /// Forum topic id to post into.
    pub(super) topic_id: Option<i32>,
    /// Send an image as a file (uncompressed) instead of a photo.
    pub(super) force_document: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendVoice {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// The audio file: a path inside the files directory.
    pub(super) file_path: String,
    /// Caption shown below the voice note.
    pub(super) caption: Option<String>,
    /// Id of the message to reply to.
    pub(super) reply_to: Option<i32>,
    /// Forum topic id to post into.
    pub(super) topic_id: Option<i32>,
    /// Caption format: `md` or `html`.
    pub(super) parse_mode: Option<String>,
    /// Duration in seconds, if known (shown before playing).
    pub(super) duration: Option<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendVideoNote {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// The video file (MP4): a path inside the files directory.
    pub(super) file_path: String,
    /// Duration in seconds (at most 60).
    pub(super) duration: Option<i32>,
    /// Frame edge length in pixels (at most 640).
    pub(super) length: Option<i32>,
    /// Id of the message to reply to.
    pub(super) reply_to: Option<i32>,
    /// Forum topic id to post into.
    pub(super) topic_id: Option<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AlbumItem {
    /// A photo or video: a path inside the files directory.
    pub(super) file_path: String,
    /// This item's caption.
    pub(super) caption: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendAlbum {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// 2 to 10 photos or videos.
    pub(super) items: Vec<AlbumItem>,
    /// Caption of the album (on the first item, unless it has its own).
    pub(super) caption: Option<String>,
    /// Caption format: `md` or `html`.
    pub(super) parse_mode: Option<String>,
    /// Id of the message to reply to.
    pub(super) reply_to: Option<i32>,
    /// Forum topic id to post into.
    pub(super) topic_id: Option<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DownloadMedia {
    /// Chat id, @username, `me`, or a name fragment.
    pub(super) chat_id: ChatArg,
    /// The message with the file.
    pub(super) message_id: i32,
    /// Where to save it inside the files directory (a file, or a directory for the file's own
    /// name); default: a name chosen from the file in the files directory.
    pub(super) download_path: Option<String>,
    /// Show the image inline (default: photos without `downloadPath`).
    pub(super) inline: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetProfilePhoto {
    /// User, group or channel: id, @username, `me`, or a name fragment.
    pub(super) entity_id: ChatArg,
    /// Save into the files directory instead of showing it inline.
    pub(super) save_path: Option<String>,
    /// `small` (160×160) or `big` (640×640, the default).
    pub(super) size: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetProfilePhoto {
    /// JPEG/PNG photo or square MP4: a path inside the files directory.
    pub(super) file_path: String,
    /// The file is an MP4 animated avatar.
    pub(super) is_video: Option<bool>,
    /// For a video: the second to use as the still preview.
    pub(super) video_start_ts: Option<f64>,
    /// Set as the fallback photo (shown to those who cannot see the main one).
    pub(super) fallback: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DeleteProfilePhoto {
    /// Photo ids (decimal strings) of your own profile photos, 1 to 100.
    pub(super) photo_ids: Vec<String>,
    /// `true` to delete without being asked where the client cannot ask the user.
    pub(super) confirm: Option<bool>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SentMedia {
    /// The new messages (an album: one per item).
    pub(super) messages: Vec<Message>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Downloaded {
    /// `photo`, `document`, `voice`, `audio`, `video`, `video_note` or `profile_photo`.
    pub(super) kind: String,
    pub(super) mime: String,
    /// Bytes fetched.
    pub(super) size: u64,
    /// The file's own name, if it has one.
    pub(super) name: Option<String>,
    /// Where it was saved; absent when only shown inline.
    pub(super) path: Option<String>,
    /// Whether the image is in this result's content.
    pub(super) inline: bool,
}

impl Downloaded {
    pub(super) fn of(media: &Media, size: u64, path: Option<String>, inline: bool, mime: &str) -> Self {
        Self {
            kind: media.kind.to_owned(),
            mime: mime.to_owned(),
            size,
            name: media.name.clone(),
            path,
            inline,
        }
    }
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetPhoto {
    pub(super) photo: ProfilePhoto,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DeletedPhotos {
    pub(super) deleted: Vec<String>,
    pub(super) not_found: Vec<String>,
}
