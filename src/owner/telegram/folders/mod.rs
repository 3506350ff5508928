//! The Telegram side of the `folders` tools: dialog settings (`dialogs`: archive, pin, unread
//! mark, mute), chat folders (`filters`), invite links (`links`), and statistics and boosts
//! (`stats`). Each write is read back from Telegram, so a tool reports what Telegram now holds.

mod dialogs;
mod filters;
mod links;
mod stats;

pub use filters::FolderSpec;
pub use links::InviteTerms;

use grammers_client::tl;

use super::Telegram;
use super::peers::Target;
use crate::model::ChatKind;
use crate::model::folders::FolderChat;
use crate::owner::OwnerError;

/// "Mute forever", as Telegram writes it.
pub const MUTE_FOREVER: i32 = i32::MAX;

impl Telegram {
    /// A chat a folder names, with its title when the peer cache knows it (`me`: the
    /// account's id, for `inputPeerSelf`).
    fn folder_chat(&self, peer: &tl::enums::InputPeer, me: Option<i64>) -> Option<FolderChat> {
        let id = match peer {
            tl::enums::InputPeer::User(u) => u.user_id,
            tl::enums::InputPeer::Chat(c) => -c.chat_id,
            tl::enums::InputPeer::Channel(c) => super::target::channel_id(c.channel_id),
            tl::enums::InputPeer::PeerSelf => me?,
            _ => return None,
        };
        Some(FolderChat { id, title: self.known(id).map(|t| t.title) })
    }
}

/// Refuses chats that are not groups or channels, before Telegram is asked.
fn group_or_channel(target: &Target, what: &str) -> Result<(), OwnerError> {
    match target.kind {
        ChatKind::Group | ChatKind::Supergroup | ChatKind::Channel => Ok(()),
        _ => Err(OwnerError::Invalid(format!(
            "{what} exist only for groups and channels; {} is a private chat",
            target.title
        ))),
    }
}

/// Refuses chats that are not channels or supergroups.
fn channel_only(target: &Target, what: &str) -> Result<tl::enums::InputChannel, OwnerError> {
    target.input_channel().ok_or_else(|| {
        OwnerError::Invalid(format!(
            "{what} exist only for channels and supergroups; {} is not one",
            target.title
        ))
    })
}
