//! The simulated account's data: users, groups, channels, dialogs and messages, with the
//! numbering rules Telegram uses (one message-id sequence and pts for private chats and basic
//! groups, one per channel). Plain Rust data only: conversion to TL lives in `tl`, seeding in
//! `seed`, mutations in `ops`. Callers hold the sandbox's world lock while they use it.

pub(crate) mod admin;
pub(crate) mod bots;
pub(crate) mod business;
pub(crate) mod compose;
pub(crate) mod contacts;
pub(crate) mod folders;
mod inbound;
mod log;
mod media;
mod ops;
pub(crate) mod reactions;
mod seed;
pub(crate) mod stories;
pub(crate) mod tl;

use std::collections::BTreeMap;
use std::sync::Arc;

pub(crate) use log::{Entry, Event, Log, Since};
pub(crate) use media::{AudioAttr, DocAttrs, MediaKind, MediaRec, StoredMedia, VideoAttr};
pub(crate) use ops::{Affected, Draft, Failure, MediaFilter, Paging, SearchQuery, check_caption};

/// A peer as Telegram distinguishes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum PeerKey {
    User(i64),
    Chat(i64),
    Channel(i64),
}

#[derive(Clone, Debug)]
pub(crate) struct UserRec {
    pub(crate) id: i64,
    pub(crate) access_hash: i64,
    pub(crate) first_name: String,
    pub(crate) last_name: Option<String>,
    pub(crate) username: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) bot: bool,
    pub(crate) contact: bool,
    pub(crate) about: String,
}

/// A basic group.
#[derive(Clone, Debug)]
pub(crate) struct ChatRec {
    pub(crate) id: i64,
    pub(crate) title: String,
    pub(crate) about: String,
    pub(crate) creator: i64,
    pub(crate) members: Vec<i64>,
    pub(crate) date: i32,
}

/// A supergroup (`megagroup`, optionally a forum) or a broadcast channel.
#[derive(Clone, Debug)]
pub(crate) struct ChannelRec {
    pub(crate) id: i64,
    pub(crate) access_hash: i64,
    pub(crate) title: String,
    pub(crate) about: String,
    pub(crate) username: Option<String>,
    pub(crate) broadcast: bool,
    pub(crate) forum: bool,
    pub(crate) members: Vec<i64>,
    pub(crate) topics: Vec<TopicRec>,
    pub(crate) date: i32,
    pub(crate) pts: i32,
    pub(crate) next_msg_id: i32,
}

#[derive(Clone, Debug)]
pub(crate) struct TopicRec {
    /// Equals the id of the service message that opened the topic (1 for "General").
    pub(crate) id: i32,
    pub(crate) title: String,
    pub(crate) icon_color: i32,
    pub(crate) date: i32,
    /// Closed to new messages (`messages.editForumTopic`).
    pub(crate) closed: bool,
    /// Hidden from the topic list (the General topic only).
    pub(crate) hidden: bool,
    pub(crate) icon_emoji_id: Option<i64>,
}

#[derive(Clone, Debug)]
pub(crate) struct FwdRec {
    pub(crate) from: PeerKey,
    pub(crate) date: i32,
    /// Set when the original was a channel post.
    pub(crate) channel_post: Option<i32>,
}

#[derive(Clone, Debug)]
pub(crate) struct MsgRec {
    pub(crate) id: i32,
    pub(crate) peer: PeerKey,
    /// Sender; `None` for posts in a broadcast channel.
    pub(crate) from: Option<PeerKey>,
    pub(crate) out: bool,
    pub(crate) date: i32,
    pub(crate) text: String,
    pub(crate) reply_to: Option<i32>,
    /// Thread root (forum topic id or the message a reply chain started from).
    pub(crate) top_id: Option<i32>,
    pub(crate) fwd: Option<FwdRec>,
    pub(crate) media: Option<MediaRec>,
    pub(crate) reactions: Vec<(String, i32)>,
    pub(crate) edit_date: Option<i32>,
    pub(crate) views: Option<i32>,
    /// Opens a forum topic (rendered as a service message).
    pub(crate) topic_created: Option<String>,
    /// Shared by the messages of one album (`messages.sendMultiMedia`).
    pub(crate) grouped_id: Option<i64>,
    /// Pinned in its chat (`messages.updatePinnedMessage`).
    pub(crate) pinned: bool,
    /// An inline keyboard under the message, row by row.
    pub(crate) buttons: Vec<Vec<bots::Button>>,
    /// The inline bot the message was sent via.
    pub(crate) via_bot: Option<i64>,
    /// Who reacted (named and paid reactions), beside the counts in `reactions`.
    pub(crate) reacted: reactions::Reacted,
}

#[derive(Clone, Debug)]
pub(crate) struct DialogRec {
    pub(crate) peer: PeerKey,
    pub(crate) messages: BTreeMap<i32, MsgRec>,
    pub(crate) read_inbox_max_id: i32,
    pub(crate) read_outbox_max_id: i32,
    pub(crate) pinned: bool,
}

/// Everything the demo account can see.
#[derive(Debug)]
pub(crate) struct World {
    pub(crate) self_id: i64,
    pub(crate) users: BTreeMap<i64, UserRec>,
    pub(crate) chats: BTreeMap<i64, ChatRec>,
    pub(crate) channels: BTreeMap<i64, ChannelRec>,
    pub(crate) dialogs: BTreeMap<PeerKey, DialogRec>,
    /// Next id in the common box (private chats and basic groups).
    pub(crate) next_msg_id: i32,
    /// pts of the common box.
    pub(crate) pts: i32,
    /// Update log of the common box.
    pub(crate) log: Log,
    /// Update log of each channel, keyed by channel id.
    pub(crate) channel_logs: BTreeMap<i64, Log>,
    /// Events logged since the last [`World::take_fresh`], in order, for pushing.
    pub(crate) fresh: Vec<Entry>,
    /// Every `random_id` ever used for a send, so a replay is refused, never delivered twice.
    pub(crate) random_ids: BTreeMap<i64, (PeerKey, i32)>,
    /// Every stored photo and document by id.
    pub(crate) media: BTreeMap<i64, Arc<StoredMedia>>,
    /// Profile photo ids per user, the current one first.
    pub(crate) profile_photos: BTreeMap<i64, Vec<i64>>,
    /// The id the next stored photo or document gets.
    pub(crate) next_media_id: i64,
    /// Whether the account has Telegram Premium (and Business): off unless a control turns it on.
    pub(crate) premium: bool,
    /// State of the tool families' RPCs, one per family.
    pub(crate) compose: compose::State,
    pub(crate) reactions: reactions::State,
    pub(crate) bots: bots::State,
    pub(crate) admin: admin::State,
    pub(crate) folders: folders::State,
    pub(crate) contacts: contacts::State,
    pub(crate) stories: stories::State,
    pub(crate) business: business::State,
}

impl MsgRec {
    /// A plain text message; replies, forwards, media and the rest start empty.
    pub(crate) fn new(
        id: i32,
        peer: PeerKey,
        from: Option<PeerKey>,
        out: bool,
        date: i32,
        text: String,
    ) -> Self {
        Self {
            id,
            peer,
            from,
            out,
            date,
            text,
            reply_to: None,
            top_id: None,
            fwd: None,
            media: None,
            reactions: Vec::new(),
            edit_date: None,
            views: None,
            topic_created: None,
            grouped_id: None,
            pinned: false,
            buttons: Vec::new(),
            via_bot: None,
            reacted: reactions::Reacted::default(),
        }
    }
}

impl World {
    /// The seeded demo account, with dates ending at `now` (unix seconds); the bytes of its
    /// media go into `files`.
    pub(crate) fn demo(now: i32, files: &crate::sandbox::media::Store) -> std::io::Result<Self> {
        seed::build(now, files)
    }

    /// Records a new photo or document whose bytes are the store's blob `blob`.
    pub(crate) fn store_media(
        &mut self,
        blob: u64,
        size: u64,
        mime: &str,
        kind: MediaKind,
        date: i32,
    ) -> Arc<StoredMedia> {
        let id = self.next_media_id;
        self.next_media_id += 1;
        let access_hash = (id as u64).wrapping_mul(0x2545_f491_4f6c_dd1d).rotate_left(29) as i64;
        let mut file_reference = b"sbx".to_vec();
        file_reference.extend_from_slice(&id.to_le_bytes());
        let media = Arc::new(StoredMedia {
            id,
            access_hash,
            file_reference,
            date,
            size,
            mime: mime.to_owned(),
            blob,
            kind,
        });
        self.media.insert(id, media.clone());
        media
    }

    /// The current profile photo of a user.
    pub(crate) fn profile_photo(&self, user: i64) -> Option<&Arc<StoredMedia>> {
        self.media.get(self.profile_photos.get(&user)?.first()?)
    }

    /// Dialogs ordered as Telegram lists them: pinned first, then by last message date.
    pub(crate) fn ordered_dialogs(&self) -> Vec<&DialogRec> {
        let mut list: Vec<&DialogRec> = self.dialogs.values().collect();
        list.sort_by_key(|d| (!d.pinned, std::cmp::Reverse(top_date(d)), d.peer));
        list
    }

    /// Incoming messages newer than the read mark.
    pub(crate) fn unread_count(&self, dialog: &DialogRec) -> i32 {
        let unread = dialog.messages.range(dialog.read_inbox_max_id + 1..);
        unread.filter(|(_, m)| !m.out && m.topic_created.is_none()).count() as i32
    }

    /// The message a dialog-level "top" points at.
    pub(crate) fn top_message(&self, dialog: &DialogRec) -> i32 {
        dialog.messages.keys().next_back().copied().unwrap_or(0)
    }

    /// The display name used for searches and rendering.
    pub(crate) fn title_of(&self, peer: PeerKey) -> String {
        match peer {
            PeerKey::User(id) => self.users.get(&id).map_or_else(String::new, |u| match &u.last_name {
                Some(last) => format!("{} {last}", u.first_name),
                None => u.first_name.clone(),
            }),
            PeerKey::Chat(id) => self.chats.get(&id).map_or_else(String::new, |c| c.title.clone()),
            PeerKey::Channel(id) => self.channels.get(&id).map_or_else(String::new, |c| c.title.clone()),
        }
    }

    pub(crate) fn username_of(&self, peer: PeerKey) -> Option<&str> {
        match peer {
            PeerKey::User(id) => self.users.get(&id)?.username.as_deref(),
            PeerKey::Chat(_) => None,
            PeerKey::Channel(id) => self.channels.get(&id)?.username.as_deref(),
        }
    }

    /// Peer by public username (case-insensitive, without `@`).
    pub(crate) fn resolve_username(&self, name: &str) -> Option<PeerKey> {
        let name = name.trim_start_matches('@');
        let matches = |u: Option<&str>| u.is_some_and(|u| u.eq_ignore_ascii_case(name));
        let user = self.users.values().find(|u| matches(u.username.as_deref()));
        if let Some(user) = user {
            return Some(PeerKey::User(user.id));
        }
        let channel = self.channels.values().find(|c| matches(c.username.as_deref()))?;
        Some(PeerKey::Channel(channel.id))
    }

    /// Peers whose name or username contains `q` (case-insensitive).
    pub(crate) fn search_peers(&self, q: &str, limit: usize) -> Vec<PeerKey> {
        let q = q.trim_start_matches('@').to_lowercase();
        let peers = self.users.keys().filter(|id| **id != self.self_id).map(|id| PeerKey::User(*id));
        let peers = peers
            .chain(self.chats.keys().map(|id| PeerKey::Chat(*id)))
            .chain(self.channels.keys().map(|id| PeerKey::Channel(*id)));
        peers
            .filter(|p| {
                self.title_of(*p).to_lowercase().contains(&q)
                    || self.username_of(*p).is_some_and(|u| u.to_lowercase().contains(&q))
            })
            .take(limit)
            .collect()
    }

    /// Finds a message by peer and id.
    pub(crate) fn message(&self, peer: PeerKey, id: i32) -> Option<&MsgRec> {
        self.dialogs.get(&peer)?.messages.get(&id)
    }

    /// Finds a message of the common box (private chats and basic groups) by id alone.
    pub(crate) fn common_message(&self, id: i32) -> Option<&MsgRec> {
        self.dialogs
            .values()
            .filter(|d| !matches!(d.peer, PeerKey::Channel(_)))
            .find_map(|d| d.messages.get(&id))
    }
}

fn top_date(dialog: &DialogRec) -> i32 {
    dialog.messages.values().next_back().map_or(0, |m| m.date)
}
