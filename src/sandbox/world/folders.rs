//! Sandbox state for the `folders` tools: where each dialog lives (main list or archive), its
//! unread mark and mute, the account's chat folders (dialog filters), the invite links of the
//! groups and channels, and the boosts applied to channels. Plain data and the admin checks
//! the RPCs share; TL rendering lives in `rpc/folders/`.

use std::collections::{BTreeMap, BTreeSet};

use super::{Failure, PeerKey, World};

/// Folder id of the archive (`folders.editPeerFolders`).
pub(crate) const ARCHIVE: i32 = 1;

/// What the `folders` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Dialogs moved to the archive (folder 1); every other dialog is in the main list.
    pub(crate) archived: BTreeSet<PeerKey>,
    /// Dialogs marked unread by hand (`messages.markDialogUnread`).
    pub(crate) unread_marks: BTreeSet<PeerKey>,
    /// Unix time until which a dialog is muted (`i32::MAX`: forever).
    pub(crate) mute_until: BTreeMap<PeerKey, i32>,
    /// The account's chat folders, in the order the client shows them.
    pub(crate) filters: Vec<Filter>,
    /// Folder tags on messages in chat lists (Premium).
    pub(crate) tags_enabled: bool,
    /// Invite links per group or channel, oldest first.
    pub(crate) invites: BTreeMap<PeerKey, Vec<Invite>>,
    /// The number in the next invite link's hash.
    pub(crate) next_invite: u64,
    /// Boosts applied to channels and supergroups.
    pub(crate) boosts: BTreeMap<PeerKey, Vec<Boost>>,
    /// When the account's boost slots were granted (they exist only with Premium).
    pub(crate) slots_date: i32,
}

/// One chat folder (`dialogFilter`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Filter {
    pub(crate) id: i32,
    pub(crate) title: String,
    pub(crate) emoticon: Option<String>,
    pub(crate) color: Option<i32>,
    pub(crate) contacts: bool,
    pub(crate) non_contacts: bool,
    pub(crate) groups: bool,
    pub(crate) broadcasts: bool,
    pub(crate) bots: bool,
    pub(crate) exclude_muted: bool,
    pub(crate) exclude_read: bool,
    pub(crate) exclude_archived: bool,
    pub(crate) pinned: Vec<PeerKey>,
    pub(crate) include: Vec<PeerKey>,
    pub(crate) exclude: Vec<PeerKey>,
}

/// An exported invite link (`chatInviteExported`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Invite {
    /// The part after `https://t.me/+`.
    pub(crate) hash: String,
    pub(crate) admin: i64,
    pub(crate) date: i32,
    pub(crate) expire_date: Option<i32>,
    pub(crate) usage_limit: Option<i32>,
    pub(crate) usage: i32,
    pub(crate) request_needed: bool,
    pub(crate) title: Option<String>,
    pub(crate) revoked: bool,
    pub(crate) permanent: bool,
}

/// A boost applied to a channel (`boost`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Boost {
    pub(crate) id: String,
    /// Absent for an unclaimed gift boost.
    pub(crate) user: Option<i64>,
    pub(crate) gift: bool,
    pub(crate) giveaway_msg_id: Option<i32>,
    pub(crate) date: i32,
    pub(crate) expires: i32,
    pub(crate) multiplier: Option<i32>,
}

impl Invite {
    pub(crate) fn link(&self) -> String {
        format!("https://t.me/+{}", self.hash)
    }

    /// Usable for joining at `now`.
    pub(crate) fn usable(&self, now: i32) -> bool {
        !self.revoked
            && self.expire_date.is_none_or(|d| d > now)
            && self.usage_limit.is_none_or(|limit| self.usage < limit)
    }
}

impl State {
    /// The folder a dialog is in: 1 when archived, else 0.
    pub(crate) fn folder_of(&self, peer: PeerKey) -> i32 {
        if self.archived.contains(&peer) { ARCHIVE } else { 0 }
    }

    /// Whether the dialog is muted at `now`.
    pub(crate) fn muted(&self, peer: PeerKey, now: i32) -> bool {
        self.mute_until.get(&peer).is_some_and(|until| *until > now)
    }

    /// A fresh invite-link hash (unique in this sandbox).
    pub(crate) fn new_hash(&mut self) -> String {
        self.next_invite += 1;
        let mixed = self.next_invite.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(23);
        format!("Sbx{mixed:016x}")
    }

    /// The link with this hash, wherever it is.
    pub(crate) fn invite(&self, hash: &str) -> Option<(PeerKey, &Invite)> {
        self.invites.iter().find_map(|(peer, list)| list.iter().find(|i| i.hash == hash).map(|i| (*peer, i)))
    }
}

/// Checks that the account administers the group or channel `peer` (it created every seeded
/// one; a group made by someone else, or a channel it is not in, is not its to manage).
pub(crate) fn require_admin(w: &World, peer: PeerKey) -> Result<(), Failure> {
    let me = w.self_id;
    match peer {
        PeerKey::User(_) => Err(Failure::bad("PEER_ID_INVALID")),
        PeerKey::Chat(id) => match w.chats.get(&id) {
            Some(c) if c.creator == me && c.members.contains(&me) => Ok(()),
            Some(_) => Err(Failure::bad("CHAT_ADMIN_REQUIRED")),
            None => Err(Failure::bad("PEER_ID_INVALID")),
        },
        PeerKey::Channel(id) => match w.channels.get(&id) {
            Some(c) if c.members.contains(&me) => Ok(()),
            Some(_) => Err(Failure::bad("CHAT_ADMIN_REQUIRED")),
            None => Err(Failure::bad("CHANNEL_INVALID")),
        },
    }
}

/// Adds this family's part of the demo account (runs after the chats and messages exist): a
/// permanent invite link of each group and channel, a labelled link with a few joins in the
/// channel, the bot's chat muted, one chat folder, and boosts on the channel.
pub(crate) fn seed(w: &mut World, now: i32) {
    let me = w.self_id;
    let groups: Vec<PeerKey> = w.chats.keys().map(|id| PeerKey::Chat(*id)).collect();
    let channels: Vec<PeerKey> = w.channels.keys().map(|id| PeerKey::Channel(*id)).collect();
    let news = w.channels.values().find(|c| c.broadcast).map(|c| PeerKey::Channel(c.id));
    let forum = w.channels.values().find(|c| !c.broadcast).map(|c| PeerKey::Channel(c.id));
    let bot = w.users.values().find(|u| u.bot).map(|u| PeerKey::User(u.id));
    let s = &mut w.folders;
    for peer in groups.iter().chain(&channels) {
        let invite = Invite {
            hash: s.new_hash(),
            admin: me,
            date: now - 30 * 86_400,
            expire_date: None,
            usage_limit: None,
            usage: 2,
            request_needed: false,
            title: None,
            revoked: false,
            permanent: true,
        };
        s.invites.entry(*peer).or_default().push(invite);
    }
    if let Some(news) = news {
        let invite = Invite {
            hash: s.new_hash(),
            admin: me,
            date: now - 5 * 86_400,
            expire_date: Some(now + 25 * 86_400),
            usage_limit: Some(100),
            usage: 7,
            request_needed: false,
            title: Some("Newsletter".to_owned()),
            revoked: false,
            permanent: false,
        };
        s.invites.entry(news).or_default().push(invite);
        let boosters =
            [(Some(7_000_002), false, None), (Some(7_000_003), false, Some(2)), (None, true, None)];
        for (n, (user, gift, multiplier)) in boosters.into_iter().enumerate() {
            let date = now - (10 - n as i32) * 86_400;
            let boost = Boost {
                id: format!("boost{}", n + 1),
                user,
                gift,
                giveaway_msg_id: None,
                date,
                expires: date + 30 * 86_400,
                multiplier,
            };
            s.boosts.entry(news).or_default().push(boost);
        }
    }
    if let Some(bot) = bot {
        s.mute_until.insert(bot, i32::MAX);
    }
    s.slots_date = now - 7 * 86_400;
    let filter = Filter {
        id: 2,
        title: "Work".to_owned(),
        emoticon: Some("💼".to_owned()),
        groups: true,
        include: forum.into_iter().collect(),
        ..Filter::default()
    };
    s.filters.push(filter);
}
