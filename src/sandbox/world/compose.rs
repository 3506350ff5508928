//! Sandbox state for the `compose` tools: scheduled messages (kept apart from history, as on
//! Telegram), drafts, typing, read marks for mentions, the discussion group of the broadcast
//! channel, spam reports and auto-delete timers. Who read what is derived from the live world:
//! a member has read a message once they posted after it, or once a read mark covering it was
//! logged (`inject-read`), so injected activity changes the answers.

mod seed;

use std::collections::{BTreeMap, BTreeSet};

pub(crate) use seed::seed;

use super::{Event, Failure, MsgRec, PeerKey, World};

/// Telegram keeps at most this many scheduled messages per chat.
const MAX_SCHEDULED: usize = 100;
/// Scheduled dates may lie at most a year ahead.
const MAX_SCHEDULE_AHEAD: i32 = 366 * 86_400;
/// Read participants and read dates are kept for a week.
const READ_PARTICIPANTS_DAYS: i32 = 7;
/// Read participants exist for groups of at most this many members.
const READ_PARTICIPANTS_MAX_MEMBERS: usize = 100;

/// What the `compose` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Scheduled messages per chat, by their own id sequence (not in history).
    pub(crate) scheduled: BTreeMap<PeerKey, BTreeMap<i32, MsgRec>>,
    pub(crate) next_scheduled_id: i32,
    /// The cloud draft of each chat.
    pub(crate) drafts: BTreeMap<PeerKey, DraftRec>,
    /// The last chat action sent per chat, with its date.
    pub(crate) typing: BTreeMap<PeerKey, (String, i32)>,
    /// Mentions up to this id are read, per chat.
    pub(crate) mentions_read_to: BTreeMap<PeerKey, i32>,
    /// Single mentions read by `readMessageContents` (above the chat's mark).
    pub(crate) mentions_read: BTreeSet<(PeerKey, i32)>,
    /// Broadcast channel → its linked discussion supergroup.
    pub(crate) linked: BTreeMap<i64, i64>,
    /// (channel, post) → the post's automatic copy in the discussion group.
    pub(crate) threads: BTreeMap<(i64, i32), i32>,
    /// Chats reported as spam.
    pub(crate) reported: BTreeSet<PeerKey>,
    /// Auto-delete period per chat (absent: off).
    pub(crate) ttl: BTreeMap<PeerKey, i32>,
    /// Users who hide their read times (`USER_PRIVACY_RESTRICTED` for read dates).
    pub(crate) private_read_dates: BTreeSet<i64>,
    /// The seeded read mark of our messages in a private chat: up to which id, and when.
    pub(crate) seeded_reads: BTreeMap<PeerKey, (i32, i32)>,
}

/// A saved draft.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DraftRec {
    pub(crate) text: String,
    pub(crate) reply_to: Option<i32>,
    pub(crate) date: i32,
}

impl World {
    /// Stores a message to be sent at `date`; refuses past dates and full queues as Telegram.
    pub(crate) fn schedule(&mut self, mut msg: MsgRec, now: i32) -> Result<MsgRec, Failure> {
        if msg.date <= now {
            return Err(Failure::bad("SCHEDULE_DATE_INVALID"));
        }
        if msg.date > now + MAX_SCHEDULE_AHEAD {
            return Err(Failure::bad("SCHEDULE_DATE_TOO_LATE"));
        }
        let queue = self.compose.scheduled.entry(msg.peer).or_default();
        if queue.len() >= MAX_SCHEDULED {
            return Err(Failure::bad("SCHEDULE_TOO_MUCH"));
        }
        self.compose.next_scheduled_id += 1;
        msg.id = self.compose.next_scheduled_id;
        queue.insert(msg.id, msg.clone());
        Ok(msg)
    }

    /// Sends every scheduled message whose date has come: it leaves the queue and arrives in
    /// history with a new id, logged and pushed like any other message.
    pub(crate) fn deliver_scheduled(&mut self, now: i32) {
        if !self.compose.scheduled.values().flat_map(|q| q.values()).any(|m| m.date <= now) {
            return;
        }
        let mut due = Vec::new();
        for queue in self.compose.scheduled.values_mut() {
            let ids: Vec<i32> = queue.values().filter(|m| m.date <= now).map(|m| m.id).collect();
            due.extend(ids.into_iter().filter_map(|id| queue.remove(&id)));
        }
        due.sort_by_key(|m| (m.date, m.id));
        for msg in due {
            if !self.dialogs.contains_key(&msg.peer) {
                continue;
            }
            let reply_to = msg.reply_to.filter(|id| self.message(msg.peer, *id).is_some());
            self.store_new(MsgRec { id: 0, date: now, reply_to, ..msg });
        }
    }

    /// Removes scheduled messages of a chat; returns the ids that existed.
    pub(crate) fn unschedule(&mut self, peer: PeerKey, ids: &[i32]) -> Vec<i32> {
        let Some(queue) = self.compose.scheduled.get_mut(&peer) else { return Vec::new() };
        ids.iter().copied().filter(|id| queue.remove(id).is_some()).collect()
    }

    /// Incoming group messages that mention the account (by @username or as a reply to one of
    /// its messages) and are not read yet, newest first.
    pub(crate) fn unread_mentions(&self, peer: PeerKey) -> Result<Vec<&MsgRec>, Failure> {
        let dialog = self.dialog(peer)?;
        if matches!(peer, PeerKey::User(_)) {
            return Ok(Vec::new());
        }
        let read_to = self.compose.mentions_read_to.get(&peer).copied().unwrap_or(0);
        let handle = self.users.get(&self.self_id).and_then(|u| u.username.clone()).map(|u| format!("@{u}"));
        let mentions = |m: &MsgRec| {
            let named = handle.as_ref().is_some_and(|h| m.text.to_lowercase().contains(&h.to_lowercase()));
            let replied = m.reply_to.and_then(|id| dialog.messages.get(&id)).is_some_and(|r| r.out);
            named || replied
        };
        let unread = |m: &MsgRec| m.id > read_to && !self.compose.mentions_read.contains(&(peer, m.id));
        let found = dialog.messages.values().rev().filter(|m| unread(m) && !m.out && mentions(m));
        Ok(found.collect())
    }

    /// Marks the contents (mentions) of single messages read: of one channel, or of the
    /// private chats and basic groups (`None`), which share one id sequence.
    pub(crate) fn read_contents(&mut self, channel: Option<i64>, ids: &[i32]) -> Result<(), Failure> {
        let peers: Vec<PeerKey> = match channel {
            Some(id) => {
                vec![self.dialog(PeerKey::Channel(id)).map_err(|_| Failure::bad("CHANNEL_INVALID"))?.peer]
            }
            None => self.dialogs.keys().copied().filter(|p| !matches!(p, PeerKey::Channel(_))).collect(),
        };
        for peer in peers {
            let dialog = &self.dialogs[&peer];
            let present: Vec<i32> =
                ids.iter().copied().filter(|id| dialog.messages.contains_key(id)).collect();
            self.compose.mentions_read.extend(present.into_iter().map(|id| (peer, id)));
        }
        Ok(())
    }

    /// Marks every mention of a chat read.
    pub(crate) fn read_mentions(&mut self, peer: PeerKey) -> Result<(), Failure> {
        let top = self.top_message(self.dialog(peer)?);
        self.compose.mentions_read_to.insert(peer, top);
        Ok(())
    }

    /// Who read one of the account's messages in a small group, and when: the members who
    /// posted after it, at their first later message.
    pub(crate) fn read_participants(
        &self,
        peer: PeerKey,
        id: i32,
        now: i32,
    ) -> Result<Vec<(i64, i32)>, Failure> {
        let members = match peer {
            PeerKey::Chat(c) => &self.chats[&c].members,
            PeerKey::Channel(c) if !self.channels[&c].broadcast => &self.channels[&c].members,
            _ => return Err(Failure::bad("PEER_ID_INVALID")),
        };
        if members.len() > READ_PARTICIPANTS_MAX_MEMBERS {
            return Err(Failure::bad("CHAT_TOO_BIG"));
        }
        let dialog = self.dialog(peer)?;
        let msg = dialog.messages.get(&id).filter(|m| m.out).ok_or_else(|| Failure::bad("MSG_ID_INVALID"))?;
        if msg.date < now - READ_PARTICIPANTS_DAYS * 86_400 {
            return Err(Failure::bad("MSG_TOO_OLD"));
        }
        let mut readers: BTreeMap<i64, i32> = BTreeMap::new();
        for later in dialog.messages.range(id + 1..).map(|(_, m)| m) {
            if let Some(PeerKey::User(user)) = later.from
                && user != self.self_id
                && members.contains(&user)
            {
                readers.entry(user).or_insert(later.date);
            }
        }
        let mut list: Vec<(i64, i32)> = readers.into_iter().collect();
        list.sort_by_key(|(user, date)| (std::cmp::Reverse(*date), *user));
        Ok(list)
    }

    /// When the other side of a private chat read one of the account's messages: the logged
    /// read mark covering it, or the next message in the chat, or the seeded read mark.
    pub(crate) fn outbox_read_date(&self, peer: PeerKey, id: i32, now: i32) -> Result<i32, Failure> {
        let PeerKey::User(user) = peer else { return Err(Failure::bad("PEER_ID_INVALID")) };
        if user == self.self_id || self.users.get(&user).is_some_and(|u| u.bot) {
            return Err(Failure::bad("PEER_ID_INVALID"));
        }
        let dialog = self.dialog(peer)?;
        let msg =
            dialog.messages.get(&id).filter(|m| m.out).ok_or_else(|| Failure::bad("MESSAGE_ID_INVALID"))?;
        if msg.date < now - READ_PARTICIPANTS_DAYS * 86_400 {
            return Err(Failure::bad("MESSAGE_TOO_OLD"));
        }
        if self.compose.private_read_dates.contains(&user) {
            return Err(Failure::new(403, "USER_PRIVACY_RESTRICTED"));
        }
        if id > dialog.read_outbox_max_id {
            return Err(Failure::bad("MESSAGE_NOT_READ_YET"));
        }
        let logged = self.log.entries().find_map(|e| match &e.event {
            Event::ReadOutbox { peer: p, max_id } if *p == peer && *max_id >= id => Some(e.date),
            _ => None,
        });
        // The sandbox moves the read mark past earlier messages when the next one is sent.
        let next = dialog.messages.range(id + 1..).next().map(|(_, m)| m.date);
        let seeded = self.compose.seeded_reads.get(&peer).filter(|(max, _)| *max >= id).map(|(_, d)| *d);
        [logged, next, seeded].into_iter().flatten().min().ok_or_else(|| Failure::bad("MESSAGE_NOT_READ_YET"))
    }

    /// The discussion group linked to a broadcast channel.
    pub(crate) fn discussion_group(&self, channel: i64) -> Option<i64> {
        self.compose.linked.get(&channel).copied()
    }

    /// Saved Messages grouped by where each came from (the forward origin, or yourself), as
    /// `(peer, top message)` newest first.
    pub(crate) fn saved_dialogs(&self) -> Vec<(PeerKey, &MsgRec)> {
        let me = PeerKey::User(self.self_id);
        let mut tops: BTreeMap<PeerKey, &MsgRec> = BTreeMap::new();
        if let Some(saved) = self.dialogs.get(&me) {
            for m in saved.messages.values() {
                let origin = m.fwd.as_ref().map_or(me, |f| f.from);
                tops.insert(origin, m);
            }
        }
        let mut list: Vec<(PeerKey, &MsgRec)> = tops.into_iter().collect();
        list.sort_by_key(|(peer, m)| (std::cmp::Reverse(m.date), std::cmp::Reverse(m.id), *peer));
        list
    }

    /// Whether the account may link this group as a channel's discussion group: a basic group
    /// it created or a supergroup that is not a forum.
    pub(crate) fn can_discuss_in(&self, peer: PeerKey) -> bool {
        match peer {
            PeerKey::Chat(id) => self.chats.get(&id).is_some_and(|c| c.creator == self.self_id),
            // A supergroup the account administers (a plain member cannot link it).
            PeerKey::Channel(id) => self.channels.get(&id).is_some_and(|c| {
                !c.broadcast
                    && !c.forum
                    && matches!(
                        self.part(c, self.self_id),
                        super::admin::Part::Creator { .. } | super::admin::Part::Admin { .. }
                    )
            }),
            PeerKey::User(_) => false,
        }
    }
}

/// Whether Telegram accepts this auto-delete period: off, or whole days up to a year.
pub(crate) fn valid_ttl(period: i32) -> bool {
    period == 0 || (period % 86_400 == 0 && (1..=365).contains(&(period / 86_400)))
}

/// What the `compose` control reports about one chat.
#[derive(Debug, serde::Serialize)]
pub(crate) struct Summary {
    pub(crate) typing: Option<String>,
    pub(crate) reported: bool,
    pub(crate) ttl: Option<i32>,
    pub(crate) scheduled: Vec<i32>,
    pub(crate) draft: Option<String>,
}

impl World {
    /// The chat's typing state, spam report, auto-delete timer, scheduled ids and draft.
    pub(crate) fn compose_summary(&self, chat: i64) -> Option<Summary> {
        let peer = self.peer_by_id(chat)?;
        let c = &self.compose;
        Some(Summary {
            typing: c.typing.get(&peer).map(|(action, _)| action.clone()),
            reported: c.reported.contains(&peer),
            ttl: c.ttl.get(&peer).copied(),
            scheduled: c.scheduled.get(&peer).map(|q| q.keys().copied().collect()).unwrap_or_default(),
            draft: c.drafts.get(&peer).map(|d| d.text.clone()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i32 = 1_800_000_000;

    fn demo() -> World {
        let files = crate::sandbox::media::Store::new().unwrap();
        World::demo(NOW, &files).unwrap()
    }

    #[test]
    fn schedules_only_future_dates_and_keeps_them_out_of_history() {
        let mut w = demo();
        let boris = PeerKey::User(7_000_002);
        let msg = |date| MsgRec::new(0, boris, None, true, date, "x".to_owned());
        assert_eq!(w.schedule(msg(NOW), NOW).unwrap_err().name, "SCHEDULE_DATE_INVALID");
        assert_eq!(w.schedule(msg(NOW + 400 * 86_400), NOW).unwrap_err().name, "SCHEDULE_DATE_TOO_LATE");
        let queued = w.schedule(msg(NOW + 60), NOW).unwrap();
        let top = w.top_message(w.dialog(boris).unwrap());
        w.deliver_scheduled(NOW + 59);
        assert_eq!(w.top_message(w.dialog(boris).unwrap()), top, "not yet");
        w.deliver_scheduled(NOW + 60);
        assert!(w.compose.scheduled[&boris].is_empty());
        assert!(w.top_message(w.dialog(boris).unwrap()) > top, "delivered into history");
        assert!(w.unschedule(boris, &[queued.id]).is_empty(), "already sent");
    }

    #[test]
    fn receipts_follow_later_activity_and_periods_are_whole_days() {
        let mut w = demo();
        let hike = PeerKey::Chat(4_100_001);
        let ours = MsgRec::new(0, hike, Some(PeerKey::User(w.self_id)), true, NOW, "q".into());
        let (ours, _) = w.store_new(ours);
        assert_eq!(w.read_participants(hike, ours.id, NOW).unwrap(), vec![]);
        w.receive(hike, Some(7_000_003), "a", NOW + 5).unwrap();
        assert_eq!(w.read_participants(hike, ours.id, NOW).unwrap(), vec![(7_000_003, NOW + 5)]);
        assert_eq!(w.read_participants(hike, ours.id, NOW + 8 * 86_400).unwrap_err().name, "MSG_TOO_OLD");
        assert_eq!(
            w.read_participants(PeerKey::User(7_000_002), 1, NOW).unwrap_err().name,
            "PEER_ID_INVALID"
        );
        assert!(valid_ttl(0) && valid_ttl(86_400) && valid_ttl(2_592_000) && valid_ttl(365 * 86_400));
        assert!(!valid_ttl(1000) && !valid_ttl(366 * 86_400) && !valid_ttl(-86_400));
    }
}
