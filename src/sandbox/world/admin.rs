//! Sandbox state for the `admin` tools: who holds which role in each supergroup and channel
//! (creator, admins with rights and rank, restricted and banned members), each chat's default
//! banned rights, slow mode, signatures, anti-spam, hidden pre-history, photo, pending join
//! requests, the admin log of changes, invite hashes, and the dialogs of chats the account
//! left. Plain data only: rights are bit sets over [`ADMIN_RIGHTS`] and [`BANNED_RIGHTS`];
//! TL rendering lives in `tl::admin`, the rules in `rpc::admin`.

use std::collections::{BTreeMap, BTreeSet};

use super::{ChannelRec, DialogRec, Failure, MsgRec, PeerKey, World};

/// Admin rights in bit order (bit `i` is `ADMIN_RIGHTS[i]`), as `chatAdminRights` names them.
pub(crate) const ADMIN_RIGHTS: [&str; 15] = [
    "change_info",
    "post_messages",
    "edit_messages",
    "delete_messages",
    "ban_users",
    "invite_users",
    "pin_messages",
    "add_admins",
    "anonymous",
    "manage_call",
    "other",
    "manage_topics",
    "post_stories",
    "edit_stories",
    "delete_stories",
];

/// Banned rights in bit order, as `chatBannedRights` names them.
pub(crate) const BANNED_RIGHTS: [&str; 20] = [
    "view_messages",
    "send_messages",
    "send_media",
    "send_stickers",
    "send_gifs",
    "send_games",
    "send_inline",
    "embed_links",
    "send_polls",
    "change_info",
    "invite_users",
    "pin_messages",
    "manage_topics",
    "send_photos",
    "send_videos",
    "send_roundvideos",
    "send_audios",
    "send_voices",
    "send_docs",
    "send_plain",
];

/// The bit of a right by name in one of the tables.
pub(crate) fn bit(table: &[&str], name: &str) -> u32 {
    table.iter().position(|n| *n == name).map_or(0, |i| 1 << i)
}

/// A supergroup created by Boris in which the account is a plain member.
pub(crate) const BOARD_GAMES: i64 = 1_500_000_401;
/// A public supergroup of Carol's that the account has not joined (`@chess_evenings`).
pub(crate) const CHESS: i64 = 1_500_000_402;
/// A private supergroup of Elena's, joinable by invite hash [`PHOTO_WALKS_HASH`].
pub(crate) const PHOTO_WALKS: i64 = 1_500_000_403;
pub(crate) const PHOTO_WALKS_HASH: &str = "PhWalks7xQ2b";

/// Where one user stands in a supergroup or channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Creator {
        rank: Option<String>,
    },
    Admin {
        rights: u32,
        rank: Option<String>,
        promoted_by: i64,
        date: i32,
    },
    Member {
        date: i32,
    },
    /// A member with some rights taken away until `until` (0: forever).
    Restricted {
        rights: u32,
        until: i32,
        by: i64,
        date: i32,
    },
    /// Removed and kept out (`view_messages` taken away).
    Banned {
        rights: u32,
        until: i32,
        by: i64,
        date: i32,
    },
    /// Not in the chat.
    Left,
}

/// A change an admin made, as `channels.getAdminLog` reports it.
#[derive(Clone, Debug)]
pub(crate) enum Action {
    Title {
        prev: String,
        new: String,
    },
    About {
        prev: String,
        new: String,
    },
    Photo {
        prev: Option<i64>,
        new: Option<i64>,
    },
    Join,
    Leave,
    Invite {
        user: i64,
    },
    /// A ban, restriction or unban of `user` (kicks are a ban and an unban).
    Ban {
        user: i64,
        prev: Part,
        new: Part,
    },
    Promote {
        user: i64,
        prev: Part,
        new: Part,
    },
    DefaultRights {
        prev: u32,
        new: u32,
    },
    SlowMode {
        prev: i32,
        new: i32,
    },
    Signatures(bool),
    AntiSpam(bool),
    Forum(bool),
    PreHistoryHidden(bool),
    /// The author joined, approved by `approved_by`.
    JoinByRequest {
        approved_by: i64,
    },
}

#[derive(Clone, Debug)]
pub(crate) struct LogEvent {
    pub(crate) id: i64,
    pub(crate) date: i32,
    /// Who made the change.
    pub(crate) user: i64,
    pub(crate) action: Action,
}

/// What Telegram keeps about one supergroup or channel besides its record.
#[derive(Clone, Debug, Default)]
pub(crate) struct ChannelState {
    /// `None`: the account created it (every chat seeded before this family knew).
    pub(crate) creator: Option<i64>,
    /// Every participant whose standing is not a plain member (plus the banned, who are not
    /// in `members`).
    pub(crate) parts: BTreeMap<i64, Part>,
    pub(crate) default_banned: u32,
    pub(crate) slowmode: i32,
    pub(crate) signatures: bool,
    pub(crate) antispam: bool,
    pub(crate) prehistory_hidden: bool,
    pub(crate) photo: Option<i64>,
    /// Pending join requests: user and date, oldest first.
    pub(crate) requests: Vec<(i64, i32)>,
    pub(crate) log: Vec<LogEvent>,
}

/// What the `admin` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub(crate) channels: BTreeMap<i64, ChannelState>,
    /// Default banned rights of basic groups.
    pub(crate) chat_defaults: BTreeMap<i64, u32>,
    pub(crate) chat_photos: BTreeMap<i64, i64>,
    /// Invite hashes and the chat each opens.
    pub(crate) invites: BTreeMap<String, PeerKey>,
    /// Users whose privacy settings forbid the account to add them to groups.
    pub(crate) no_invites: BTreeSet<i64>,
    /// Dialogs of chats the account left, restored when it joins again.
    pub(crate) left: BTreeMap<PeerKey, DialogRec>,
    pub(crate) next_event: i64,
}

impl State {
    /// The state of a channel, created on first use.
    pub(crate) fn channel(&mut self, id: i64) -> &mut ChannelState {
        self.channels.entry(id).or_default()
    }

    /// Appends an admin-log event to a channel.
    pub(crate) fn log(&mut self, channel: i64, user: i64, date: i32, action: Action) {
        self.next_event += 1;
        let id = self.next_event;
        self.channel(channel).log.push(LogEvent { id, date, user, action });
    }
}

impl World {
    /// The creator of a supergroup or channel.
    pub(crate) fn creator_of(&self, channel: i64) -> i64 {
        self.admin.channels.get(&channel).and_then(|s| s.creator).unwrap_or(self.self_id)
    }

    /// Where `user` stands in a supergroup or channel.
    pub(crate) fn part(&self, channel: &ChannelRec, user: i64) -> Part {
        let state = self.admin.channels.get(&channel.id);
        let kept = state.and_then(|s| s.parts.get(&user)).cloned();
        if !channel.members.contains(&user) {
            return match kept {
                Some(banned @ Part::Banned { .. }) => banned,
                _ => Part::Left,
            };
        }
        match kept {
            Some(p @ (Part::Creator { .. } | Part::Admin { .. } | Part::Restricted { .. })) => p,
            _ if user == self.creator_of(channel.id) => Part::Creator { rank: None },
            Some(Part::Member { date }) => Part::Member { date },
            _ => Part::Member { date: channel.date },
        }
    }
}

impl World {
    /// Whether the account may post in `peer`, refused with Telegram's error names: a banned
    /// account gets `USER_BANNED_IN_CHANNEL`, one outside a private supergroup or channel
    /// `CHANNEL_PRIVATE`, and one outside a public one (or a basic group it left), without
    /// the send right, or without `post_messages` in a broadcast channel,
    /// `CHAT_WRITE_FORBIDDEN`.
    pub(crate) fn may_write(&self, peer: PeerKey) -> Result<(), Failure> {
        let send = bit(&BANNED_RIGHTS, "send_messages") | bit(&BANNED_RIGHTS, "send_plain");
        match peer {
            PeerKey::Chat(id) => match self.chats.get(&id) {
                Some(chat) if !chat.members.contains(&self.self_id) => {
                    Err(Failure::bad("CHAT_WRITE_FORBIDDEN"))
                }
                Some(_) if self.admin.chat_defaults.get(&id).is_some_and(|d| d & send != 0) => {
                    Err(Failure::bad("CHAT_WRITE_FORBIDDEN"))
                }
                _ => Ok(()),
            },
            PeerKey::Channel(id) => {
                let Some(channel) = self.channels.get(&id) else { return Ok(()) };
                let defaults = self.admin.channels.get(&id).map_or(0, |s| s.default_banned);
                match self.part(channel, self.self_id) {
                    Part::Banned { .. } => Err(Failure::bad("USER_BANNED_IN_CHANNEL")),
                    Part::Left if channel.username.is_none() => Err(Failure::bad("CHANNEL_PRIVATE")),
                    Part::Left => Err(Failure::bad("CHAT_WRITE_FORBIDDEN")),
                    Part::Creator { .. } => Ok(()),
                    Part::Admin { rights, .. }
                        if !channel.broadcast || rights & bit(&ADMIN_RIGHTS, "post_messages") != 0 =>
                    {
                        Ok(())
                    }
                    _ if channel.broadcast => Err(Failure::bad("CHAT_WRITE_FORBIDDEN")),
                    Part::Restricted { rights, .. } if (rights | defaults) & send != 0 => {
                        Err(Failure::bad("CHAT_WRITE_FORBIDDEN"))
                    }
                    _ if defaults & send != 0 => Err(Failure::bad("CHAT_WRITE_FORBIDDEN")),
                    _ => Ok(()),
                }
            }
            PeerKey::User(_) => Ok(()),
        }
    }
}

/// Adds this family's part of the demo account (runs after the chats and messages exist):
/// three more supergroups (one where the account is only a member, one public and one private
/// that it has not joined), two pending join requests to the broadcast channel, the invite
/// hash of the private one, and Dmitri's privacy setting against being added to groups.
pub(crate) fn seed(w: &mut World, now: i32) {
    const BORIS: i64 = 7_000_002;
    const CAROL: i64 = 7_000_003;
    const DMITRI: i64 = 7_000_004;
    const ELENA: i64 = 7_000_005;
    const NEWS: i64 = 1_500_000_002;
    let date = now - 20 * 86_400;
    let me = w.self_id;
    let groups = [
        (BOARD_GAMES, "Board Games Club 🎲", None, BORIS, vec![BORIS, me, CAROL]),
        (CHESS, "Chess Evenings ♟", Some("chess_evenings"), CAROL, vec![CAROL, DMITRI]),
        (PHOTO_WALKS, "Photo Walks 📷", None, ELENA, vec![ELENA, BORIS]),
    ];
    for (id, title, username, creator, members) in groups {
        let channel = ChannelRec {
            id,
            access_hash: (id as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(17) as i64,
            title: title.to_owned(),
            about: String::new(),
            username: username.map(str::to_owned),
            broadcast: false,
            forum: false,
            members,
            topics: Vec::new(),
            date,
            pts: 1,
            next_msg_id: 1,
        };
        w.admin.channel(id).creator = Some(creator);
        w.channels.insert(id, channel);
    }
    // The account is in the board games club: its dialog holds Boris's welcome.
    let key = PeerKey::Channel(BOARD_GAMES);
    let welcome =
        MsgRec::new(1, key, Some(PeerKey::User(BORIS)), false, date, "Welcome! Catan on Friday?".into());
    let board = w.channels.get_mut(&BOARD_GAMES).expect("just inserted");
    board.next_msg_id = 2;
    board.pts = 2;
    let dialog = DialogRec {
        peer: key,
        messages: [(1, welcome)].into_iter().collect(),
        read_inbox_max_id: 1,
        read_outbox_max_id: 0,
        pinned: false,
    };
    w.dialogs.insert(key, dialog);
    w.admin.invites.insert(PHOTO_WALKS_HASH.to_owned(), PeerKey::Channel(PHOTO_WALKS));
    // Dmitri lets only his contacts add him to groups, and the account is not among them.
    w.admin.no_invites.insert(DMITRI);
    if w.channels.contains_key(&NEWS) {
        w.admin.channel(NEWS).requests = vec![(BORIS, now - 3_600), (ELENA, now - 600)];
    }
}
