//! A resolved chat: its Bot API id (users positive, basic groups negative, channels
//! `-100…`), kind, raw id and access hash, and the TL peers Telegram is addressed with. The
//! access hash never shows in `Debug`.

use grammers_client::tl;

use crate::model::{Chat, ChatKind};

/// A resolved chat with what Telegram needs to address it. `Debug` leaves out the access hash.
#[derive(Clone, PartialEq)]
pub(crate) struct Target {
    /// Bot API style id (users positive, basic groups negative, channels `-100…`).
    pub(crate) id: i64,
    pub(crate) kind: ChatKind,
    pub(crate) raw_id: i64,
    pub(crate) access_hash: i64,
    pub(crate) title: String,
    pub(crate) username: Option<String>,
    pub(crate) forum: bool,
    /// A user in your contacts (false for chats).
    pub(crate) contact: bool,
}

impl Target {
    pub(crate) fn input_peer(&self) -> tl::enums::InputPeer {
        use tl::enums::InputPeer;
        match self.kind {
            ChatKind::Saved => InputPeer::PeerSelf,
            ChatKind::User | ChatKind::Bot => InputPeer::User(tl::types::InputPeerUser {
                user_id: self.raw_id,
                access_hash: self.access_hash,
            }),
            ChatKind::Group => InputPeer::Chat(tl::types::InputPeerChat { chat_id: self.raw_id }),
            ChatKind::Supergroup | ChatKind::Channel => InputPeer::Channel(tl::types::InputPeerChannel {
                channel_id: self.raw_id,
                access_hash: self.access_hash,
            }),
        }
    }

    /// The channel form, for `channels.*` methods.
    pub(crate) fn input_channel(&self) -> Option<tl::enums::InputChannel> {
        matches!(self.kind, ChatKind::Supergroup | ChatKind::Channel).then(|| {
            tl::enums::InputChannel::Channel(tl::types::InputChannel {
                channel_id: self.raw_id,
                access_hash: self.access_hash,
            })
        })
    }

    pub(crate) fn chat(&self, unread: i32, last_message_date: Option<i64>) -> Chat {
        Chat {
            id: self.id,
            kind: self.kind,
            title: self.title.clone(),
            username: self.username.clone(),
            unread,
            forum: self.forum,
            last_message_date,
        }
    }
}

/// Bot API id of a TL peer.
pub(crate) fn peer_id(peer: &tl::enums::Peer) -> i64 {
    match peer {
        tl::enums::Peer::User(u) => u.user_id,
        tl::enums::Peer::Chat(c) => -c.chat_id,
        tl::enums::Peer::Channel(c) => channel_id(c.channel_id),
    }
}

/// The Bot API id of a channel (`-100…`); ids too large for that form saturate (no such
/// channel exists), so a hostile `chatId` cannot overflow.
pub(crate) fn channel_id(raw: i64) -> i64 {
    raw.saturating_add(1_000_000_000_000).saturating_neg()
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Target")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("title", &self.title)
            .field("username", &self.username)
            .field("forum", &self.forum)
            .finish_non_exhaustive()
    }
}
