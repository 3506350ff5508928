//! The update log of one pts box (the account's common box, or one channel): every event
//! Telegram counts in pts, kept with its pts and pts_count, so `updates.getDifference` and
//! `updates.getChannelDifference` can replay what a client missed. Bounded: the oldest events
//! fall off, and a client behind the first kept event must refetch its state ("too long").
//! Also the world's pts bookkeeping: moving a box's pts, logging the event and queueing it for
//! the push. Plain data only; TL rendering lives in `tl::updates`.

use std::collections::VecDeque;

use super::{Affected, MsgRec, PeerKey, World};

/// Events kept per box; an older pts answers "too long".
pub(crate) const LOG_CAPACITY: usize = 10_000;

/// Something that moved a box's pts.
#[derive(Clone, Debug)]
pub(crate) enum Event {
    /// A new message, as it was when it arrived.
    New(MsgRec),
    /// A message after an edit.
    Edit(MsgRec),
    /// Messages removed (only the ids that existed) from a channel, or from the common box.
    Delete { channel: Option<i64>, ids: Vec<i32> },
    /// The account read incoming messages of `peer` up to `max_id`.
    ReadInbox { peer: PeerKey, max_id: i32, still_unread: i32 },
    /// The other side read the account's messages in `peer` up to `max_id`.
    ReadOutbox { peer: PeerKey, max_id: i32 },
}

/// One logged event: the box's pts after it, how many pts it took and when (unix seconds).
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) pts: i32,
    pub(crate) pts_count: i32,
    pub(crate) date: i32,
    pub(crate) event: Event,
}

/// The bounded log of one box.
#[derive(Clone, Debug)]
pub(crate) struct Log {
    entries: VecDeque<Entry>,
    /// The pts before the oldest kept entry: a client at this pts or later can catch up.
    floor: i32,
    capacity: usize,
}

/// What a client at some pts missed.
#[derive(Debug)]
pub(crate) enum Since<'a> {
    /// Nothing: the client is current (or claims a pts from the future).
    UpToDate,
    /// The client is behind the oldest kept event.
    TooLong,
    /// The next events in order; `more` when the limit cut the list short.
    Events { events: Vec<&'a Entry>, more: bool },
}

impl Log {
    /// An empty log for a box whose pts is `pts` now.
    pub(crate) fn new(pts: i32) -> Self {
        Self::with_capacity(pts, LOG_CAPACITY)
    }

    pub(crate) fn with_capacity(pts: i32, capacity: usize) -> Self {
        Self { entries: VecDeque::new(), floor: pts, capacity: capacity.max(1) }
    }

    /// Appends an event that moved the box to `pts` at `date`; drops the oldest past the
    /// capacity.
    pub(crate) fn push(&mut self, pts: i32, pts_count: i32, date: i32, event: Event) {
        self.entries.push_back(Entry { pts, pts_count, date, event });
        while self.entries.len() > self.capacity {
            if let Some(old) = self.entries.pop_front() {
                self.floor = old.pts;
            }
        }
    }

    /// The kept events, oldest first.
    pub(crate) fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter()
    }

    /// The newest event.
    pub(crate) fn last(&self) -> Option<&Entry> {
        self.entries.back()
    }

    /// Whether anything was logged at `date` or later.
    pub(crate) fn changed_since(&self, date: i32) -> bool {
        self.entries.back().is_some_and(|e| e.date >= date)
    }

    /// Events after `pts` for a box now at `current`, at most `limit` pts worth (but always at
    /// least one event, so a large deletion cannot stall a client).
    pub(crate) fn since(&self, pts: i32, current: i32, limit: usize) -> Since<'_> {
        if pts >= current {
            return Since::UpToDate;
        }
        if pts < self.floor {
            return Since::TooLong;
        }
        let mut pending = self.entries.iter().filter(|e| e.pts > pts).peekable();
        let mut events = Vec::new();
        let mut taken = 0usize;
        while let Some(next) = pending.peek() {
            let count = usize::try_from(next.pts_count).unwrap_or(0);
            if !events.is_empty() && taken + count > limit {
                break;
            }
            taken += count;
            events.extend(pending.next());
        }
        Since::Events { events, more: pending.peek().is_some() }
    }
}

impl World {
    pub(crate) fn pts_of(&self, peer: PeerKey) -> i32 {
        match peer {
            PeerKey::Channel(id) => self.channels.get(&id).map_or(0, |c| c.pts),
            _ => self.pts,
        }
    }

    /// Moves the pts of `peer`'s box by `count` and logs the event (nothing when `count` is 0).
    pub(super) fn record(&mut self, peer: PeerKey, count: i32, event: Event) -> Affected {
        if count <= 0 {
            return Affected { pts: self.pts_of(peer), pts_count: 0 };
        }
        let (pts, log) = match peer {
            PeerKey::Channel(id) if self.channels.contains_key(&id) => {
                let channel = self.channels.get_mut(&id).expect("checked just above");
                let log = self.channel_logs.entry(id).or_insert_with(|| Log::new(channel.pts));
                (&mut channel.pts, log)
            }
            _ => (&mut self.pts, &mut self.log),
        };
        *pts += count;
        // The log's dates only pick the channels a common-box difference mentions; the wall
        // clock is as good as the callers' `now`.
        log.push(*pts, count, crate::sandbox::state::now_secs() as i32, event);
        self.fresh.extend(log.last().cloned());
        if self.fresh.len() > LOG_CAPACITY {
            // Nobody drained them (no RPC or control ran): live clients catch up by difference.
            self.fresh.clear();
        }
        Affected { pts: *pts, pts_count: count }
    }

    /// The events logged since the last call, oldest first.
    pub(crate) fn take_fresh(&mut self) -> Vec<Entry> {
        std::mem::take(&mut self.fresh)
    }

    /// The update log of `peer`'s box.
    pub(crate) fn log_of(&self, peer: PeerKey) -> Option<&Log> {
        match peer {
            PeerKey::Channel(id) => self.channel_logs.get(&id),
            _ => Some(&self.log),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(max_id: i32) -> Event {
        Event::ReadOutbox { peer: PeerKey::User(1), max_id }
    }

    fn pts_of(since: Since<'_>) -> (Vec<i32>, bool) {
        match since {
            Since::Events { events, more } => (events.iter().map(|e| e.pts).collect(), more),
            other => panic!("expected events, got {other:?}"),
        }
    }

    #[test]
    fn replays_events_after_a_pts_in_order() {
        let mut log = Log::new(10);
        for pts in 11..=15 {
            log.push(pts, 1, 0, read(pts));
        }
        assert_eq!(pts_of(log.since(12, 15, 100)), (vec![13, 14, 15], false));
        assert!(matches!(log.since(15, 15, 100), Since::UpToDate));
        assert!(matches!(log.since(99, 15, 100), Since::UpToDate));
        assert!(matches!(log.since(9, 15, 100), Since::TooLong));
        assert_eq!(pts_of(log.since(10, 15, 100)).0.len(), 5);
    }

    #[test]
    fn slices_by_pts_count_but_always_moves_forward() {
        let mut log = Log::new(0);
        log.push(1, 1, 0, read(1));
        log.push(4, 3, 0, Event::Delete { channel: None, ids: vec![1, 2, 3] });
        log.push(5, 1, 9, read(5));
        assert!(log.changed_since(9) && !log.changed_since(10));
        assert_eq!(pts_of(log.since(0, 5, 2)), (vec![1], true));
        assert_eq!(pts_of(log.since(1, 5, 2)), (vec![4], true));
        assert_eq!(pts_of(log.since(4, 5, 2)), (vec![5], false));
        assert_eq!(pts_of(log.since(0, 5, 4)), (vec![1, 4], true));
    }

    #[test]
    fn forgets_the_oldest_events_past_its_capacity() {
        let mut log = Log::with_capacity(0, 3);
        for pts in 1..=5 {
            log.push(pts, 1, 0, read(pts));
        }
        assert!(matches!(log.since(1, 5, 100), Since::TooLong));
        assert_eq!(pts_of(log.since(2, 5, 100)), (vec![3, 4, 5], false));
        assert_eq!(log.last().map(|e| e.pts), Some(5));
    }
}
