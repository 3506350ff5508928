//! Queries with Telegram's paging rules and the mutations a client can ask for (send, edit,
//! delete, forward, read). Every refusal is a [`Failure`] carrying the RPC error Telegram would
//! send, so the RPC layer never invents error names of its own.

use std::cmp::Reverse;

use super::{DialogRec, Event, FwdRec, MediaKind, MediaRec, MsgRec, PeerKey, World};

/// Longest message text Telegram accepts.
const MAX_TEXT: usize = 4096;
/// Longest media caption Telegram accepts (non-premium).
const MAX_CAPTION: usize = 1024;
/// Largest page Telegram returns for history and search.
pub(crate) const MAX_PAGE: i32 = 100;

/// An RPC error as Telegram would send it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub(crate) code: i32,
    pub(crate) name: String,
}

/// Which messages a search selects; empty fields select everything.
#[derive(Debug, Default)]
pub(crate) struct SearchQuery {
    pub(crate) peer: Option<PeerKey>,
    pub(crate) text: String,
    pub(crate) from: Option<PeerKey>,
    pub(crate) top_msg_id: Option<i32>,
    pub(crate) min_date: i32,
    pub(crate) max_date: i32,
    pub(crate) media: MediaFilter,
    /// Global search: only these kinds of chats.
    pub(crate) kinds: Option<fn(PeerKey, &World) -> bool>,
}

/// The subset of `MessagesFilter` the sandbox understands.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MediaFilter {
    #[default]
    Any,
    Photo,
    Document,
    Geo,
    Url,
    /// Pinned messages.
    Pinned,
    /// A filter with no matching data in the sandbox (calls, voice, …): empty result.
    Nothing,
}

/// Paging of a message list, as in `messages.getHistory`.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Paging {
    pub(crate) offset_id: i32,
    pub(crate) offset_date: i32,
    pub(crate) add_offset: i32,
    pub(crate) limit: i32,
    pub(crate) max_id: i32,
    pub(crate) min_id: i32,
}

/// What a write changed: the new pts and how many events it took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Affected {
    pub(crate) pts: i32,
    pub(crate) pts_count: i32,
}

impl Failure {
    pub(crate) fn new(code: i32, name: &str) -> Self {
        Self { code, name: name.to_owned() }
    }

    pub(crate) fn bad(name: &str) -> Self {
        Self::new(400, name)
    }
}

impl Paging {
    /// Applies the paging to messages sorted newest first; returns the page.
    pub(crate) fn apply<'a>(&self, sorted: &[&'a MsgRec]) -> Vec<&'a MsgRec> {
        let in_window = |m: &&&MsgRec| {
            (self.max_id <= 0 || m.id < self.max_id) && (self.min_id <= 0 || m.id > self.min_id)
        };
        let window: Vec<&MsgRec> = sorted.iter().filter(in_window).copied().collect();
        let start = window
            .iter()
            .position(|m| {
                (self.offset_id <= 0 || m.id < self.offset_id)
                    && (self.offset_date <= 0 || m.date < self.offset_date)
            })
            .unwrap_or(window.len());
        let start = (start as i64 + i64::from(self.add_offset)).clamp(0, window.len() as i64);
        let limit = if self.limit <= 0 { 20 } else { self.limit.min(MAX_PAGE) };
        window.into_iter().skip(start as usize).take(limit as usize).collect()
    }
}

impl MediaFilter {
    fn matches(self, m: &MsgRec) -> bool {
        match self {
            Self::Any => true,
            Self::Photo => {
                matches!(&m.media, Some(MediaRec::Photo { .. }))
                    || matches!(&m.media, Some(MediaRec::Stored(s)) if matches!(s.kind, MediaKind::Photo { .. }))
            }
            Self::Document => {
                matches!(&m.media, Some(MediaRec::Document { .. }))
                    || matches!(&m.media, Some(MediaRec::Stored(s)) if matches!(s.kind, MediaKind::Document(_)))
            }
            Self::Geo => {
                matches!(m.media, Some(MediaRec::Geo { .. }))
                    || matches!(&m.media, Some(MediaRec::Card(c)) if c.is_place())
            }
            Self::Url => m.text.contains("http://") || m.text.contains("https://"),
            Self::Pinned => m.pinned,
            Self::Nothing => false,
        }
    }
}

impl World {
    /// A dialog or `PEER_ID_INVALID`.
    pub(crate) fn dialog(&self, peer: PeerKey) -> Result<&DialogRec, Failure> {
        self.dialogs.get(&peer).ok_or_else(|| Failure::bad("PEER_ID_INVALID"))
    }

    /// A dialog's messages, newest first, without service messages of deleted topics.
    pub(crate) fn history(&self, peer: PeerKey) -> Result<Vec<&MsgRec>, Failure> {
        Ok(self.dialog(peer)?.messages.values().rev().collect())
    }

    /// Messages matching a search, newest first (across dialogs when `peer` is `None`).
    pub(crate) fn search(&self, q: &SearchQuery) -> Result<Vec<&MsgRec>, Failure> {
        let dialogs: Vec<&DialogRec> = match q.peer {
            Some(peer) => vec![self.dialog(peer)?],
            None => self.dialogs.values().filter(|d| q.kinds.is_none_or(|k| k(d.peer, self))).collect(),
        };
        let needle = q.text.to_lowercase();
        let mut found: Vec<&MsgRec> = dialogs
            .into_iter()
            .flat_map(|d| d.messages.values())
            .filter(|m| m.topic_created.is_none())
            .filter(|m| needle.is_empty() || m.text.to_lowercase().contains(&needle))
            .filter(|m| q.from.is_none() || m.from == q.from)
            .filter(|m| q.top_msg_id.is_none_or(|top| m.top_id == Some(top) || m.id == top))
            .filter(|m| q.min_date <= 0 || m.date >= q.min_date)
            .filter(|m| q.max_date <= 0 || m.date <= q.max_date)
            .filter(|m| q.media.matches(m))
            .collect();
        found.sort_by_key(|m| (Reverse(m.date), Reverse(m.id), m.peer));
        Ok(found)
    }

    /// Replies in a thread: a forum topic's messages or the answers to one message.
    pub(crate) fn replies(&self, peer: PeerKey, root: i32) -> Result<Vec<&MsgRec>, Failure> {
        let dialog = self.dialog(peer)?;
        if !dialog.messages.contains_key(&root) {
            return Err(Failure::bad("MSG_ID_INVALID"));
        }
        let thread = dialog
            .messages
            .values()
            .rev()
            .filter(|m| m.id != root && (m.top_id == Some(root) || m.reply_to == Some(root)));
        Ok(thread.collect())
    }

    /// Sends a text message as the account owner.
    pub(crate) fn send(
        &mut self,
        peer: PeerKey,
        draft: Draft,
        now: i32,
    ) -> Result<(MsgRec, Affected), Failure> {
        if self.random_ids.contains_key(&draft.random_id) {
            return Err(Failure::new(500, "RANDOM_ID_DUPLICATE"));
        }
        match draft.media {
            Some(_) => check_caption(&draft.text)?,
            None => check_text(&draft.text)?,
        }
        let dialog = self.dialog(peer)?;
        if let Some(reply) = draft.reply_to
            && !dialog.messages.contains_key(&reply)
        {
            return Err(Failure::bad("REPLY_MESSAGE_ID_INVALID"));
        }
        let top_id = self.thread_root(peer, draft.reply_to, draft.top_msg_id);
        let msg = MsgRec {
            text: draft.text,
            reply_to: draft.reply_to,
            top_id,
            media: draft.media,
            grouped_id: draft.grouped_id,
            ..self.blank_outgoing(peer, now)
        };
        Ok(self.insert(msg, draft.random_id))
    }

    /// Replaces the text of one of the owner's messages.
    pub(crate) fn edit(
        &mut self,
        peer: PeerKey,
        id: i32,
        text: &str,
        now: i32,
    ) -> Result<(MsgRec, Affected), Failure> {
        check_text(text)?;
        let dialog = self.dialogs.get_mut(&peer).ok_or_else(|| Failure::bad("PEER_ID_INVALID"))?;
        let msg = dialog.messages.get_mut(&id).ok_or_else(|| Failure::bad("MESSAGE_ID_INVALID"))?;
        if !msg.out {
            return Err(Failure::new(403, "MESSAGE_AUTHOR_REQUIRED"));
        }
        if msg.text == text {
            return Err(Failure::bad("MESSAGE_NOT_MODIFIED"));
        }
        msg.text = text.to_owned();
        msg.edit_date = Some(now);
        let msg = msg.clone();
        Ok((msg.clone(), self.record(peer, 1, Event::Edit(msg))))
    }

    /// Deletes messages of private chats and basic groups (ids are unique across them).
    pub(crate) fn delete_common(&mut self, ids: &[i32]) -> Affected {
        let mut removed = Vec::new();
        for dialog in self.dialogs.values_mut().filter(|d| !matches!(d.peer, PeerKey::Channel(_))) {
            removed.extend(ids.iter().filter(|id| dialog.messages.remove(id).is_some()));
        }
        let count = removed.len() as i32;
        self.record(PeerKey::User(self.self_id), count, Event::Delete { channel: None, ids: removed })
    }

    /// Deletes messages of one channel or supergroup.
    pub(crate) fn delete_channel(&mut self, channel: i64, ids: &[i32]) -> Result<Affected, Failure> {
        let peer = PeerKey::Channel(channel);
        let dialog = self.dialogs.get_mut(&peer).ok_or_else(|| Failure::bad("CHANNEL_INVALID"))?;
        let removed: Vec<i32> =
            ids.iter().copied().filter(|id| dialog.messages.remove(id).is_some()).collect();
        let count = removed.len() as i32;
        Ok(self.record(peer, count, Event::Delete { channel: Some(channel), ids: removed }))
    }

    /// Copies messages into another chat with a forward header; `None` for missing ids.
    pub(crate) fn forward(
        &mut self,
        from: PeerKey,
        ids: &[i32],
        to: PeerKey,
        random_ids: &[i64],
        now: i32,
    ) -> Result<Vec<Option<(MsgRec, Affected)>>, Failure> {
        if ids.is_empty() || ids.len() != random_ids.len() || ids.len() > 100 {
            return Err(Failure::bad("RANDOM_ID_INVALID"));
        }
        if random_ids.iter().any(|r| self.random_ids.contains_key(r)) {
            return Err(Failure::new(500, "RANDOM_ID_DUPLICATE"));
        }
        self.dialog(to)?;
        let originals: Vec<Option<MsgRec>> = {
            let source = self.dialog(from)?;
            ids.iter()
                .map(|id| source.messages.get(id).filter(|m| m.topic_created.is_none()).cloned())
                .collect()
        };
        if originals.iter().all(Option::is_none) {
            return Err(Failure::bad("MESSAGE_ID_INVALID"));
        }
        let mut out = Vec::with_capacity(ids.len());
        for (original, random_id) in originals.into_iter().zip(random_ids) {
            out.push(original.map(|orig| {
                let fwd = orig.fwd.clone().unwrap_or(FwdRec {
                    from: orig.from.unwrap_or(orig.peer),
                    date: orig.date,
                    channel_post: orig.from.is_none().then_some(orig.id),
                });
                let msg = MsgRec {
                    text: orig.text,
                    media: orig.media,
                    fwd: Some(fwd),
                    ..self.blank_outgoing(to, now)
                };
                self.insert(msg, *random_id)
            }));
        }
        Ok(out)
    }

    /// Marks incoming messages up to `max_id` (0 = all) as read. Counts one pts in the common
    /// box; channel read marks are not pts events (as on Telegram).
    pub(crate) fn read_history(&mut self, peer: PeerKey, max_id: i32) -> Result<Affected, Failure> {
        let dialog = self.dialogs.get_mut(&peer).ok_or_else(|| Failure::bad("PEER_ID_INVALID"))?;
        let top = dialog.messages.keys().next_back().copied().unwrap_or(0);
        let target = if max_id <= 0 { top } else { max_id.min(top) };
        // Reading a dialog clears its manual unread mark, as on Telegram.
        self.folders.unread_marks.remove(&peer);
        if target <= dialog.read_inbox_max_id || matches!(peer, PeerKey::Channel(_)) {
            dialog.read_inbox_max_id = dialog.read_inbox_max_id.max(target);
            return Ok(Affected { pts: self.pts_of(peer), pts_count: 0 });
        }
        dialog.read_inbox_max_id = target;
        let still_unread = self.unread_count(&self.dialogs[&peer]);
        Ok(self.record(peer, 1, Event::ReadInbox { peer, max_id: target, still_unread }))
    }

    fn thread_root(&self, peer: PeerKey, reply_to: Option<i32>, top: Option<i32>) -> Option<i32> {
        let replied = reply_to.and_then(|id| self.message(peer, id));
        let inherited = replied.and_then(|m| m.top_id.or(Some(m.id)));
        let is_forum =
            matches!(peer, PeerKey::Channel(id) if self.channels.get(&id).is_some_and(|c| c.forum));
        top.or(inherited).or(is_forum.then_some(1))
    }

    fn blank_outgoing(&self, peer: PeerKey, now: i32) -> MsgRec {
        let broadcast =
            matches!(peer, PeerKey::Channel(id) if self.channels.get(&id).is_some_and(|c| c.broadcast));
        let from = (!broadcast).then_some(PeerKey::User(self.self_id));
        MsgRec { views: broadcast.then_some(1), ..MsgRec::new(0, peer, from, true, now, String::new()) }
    }

    /// Numbers a new message in its box, stores it and remembers its random_id.
    fn insert(&mut self, msg: MsgRec, random_id: i64) -> (MsgRec, Affected) {
        let (msg, affected) = self.store_new(msg);
        self.random_ids.insert(random_id, (msg.peer, msg.id));
        (msg, affected)
    }

    /// Numbers a new message in its box, stores and logs it. Its dialog must exist.
    pub(super) fn store_new(&mut self, mut msg: MsgRec) -> (MsgRec, Affected) {
        msg.id = match msg.peer {
            PeerKey::Channel(id) => {
                let channel = self.channels.get_mut(&id).expect("dialog implies channel");
                channel.next_msg_id += 1;
                channel.next_msg_id - 1
            }
            _ => {
                self.next_msg_id += 1;
                self.next_msg_id - 1
            }
        };
        let peer = msg.peer;
        let dialog = self.dialogs.get_mut(&peer).expect("checked by caller");
        if msg.out {
            dialog.read_outbox_max_id = dialog.read_outbox_max_id.max(msg.id - 1);
        }
        dialog.messages.insert(msg.id, msg.clone());
        let affected = self.record(peer, 1, Event::New(msg.clone()));
        (msg, affected)
    }
}

/// A message the owner is about to send.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub(crate) text: String,
    pub(crate) reply_to: Option<i32>,
    pub(crate) top_msg_id: Option<i32>,
    pub(crate) random_id: i64,
    /// A stored photo or document; the text is then its caption.
    pub(crate) media: Option<MediaRec>,
    /// Album id for `messages.sendMultiMedia`.
    pub(crate) grouped_id: Option<i64>,
}

fn check_text(text: &str) -> Result<(), Failure> {
    if text.trim().is_empty() {
        return Err(Failure::bad("MESSAGE_EMPTY"));
    }
    if text.encode_utf16().count() > MAX_TEXT {
        return Err(Failure::bad("MESSAGE_TOO_LONG"));
    }
    Ok(())
}

/// Checks a media caption: may be empty, at most 1024 UTF-16 units.
pub(crate) fn check_caption(text: &str) -> Result<(), Failure> {
    if text.encode_utf16().count() > MAX_CAPTION {
        return Err(Failure::bad("MEDIA_CAPTION_TOO_LONG"));
    }
    Ok(())
}
