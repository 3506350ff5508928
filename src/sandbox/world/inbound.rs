//! What other people do to the account, as the controls inject it: a message arriving, an edit
//! or deletion on the other side, the other side reading the account's messages. Each counts
//! in pts and lands in the update log exactly like the account's own writes in `ops`.

use super::{Affected, Event, Failure, MsgRec, PeerKey, World};

impl World {
    /// The peer with this id: a user (its private chat), a basic group or a channel.
    pub(crate) fn peer_by_id(&self, id: i64) -> Option<PeerKey> {
        if self.users.contains_key(&id) {
            Some(PeerKey::User(id))
        } else if self.chats.contains_key(&id) {
            Some(PeerKey::Chat(id))
        } else {
            self.channels.contains_key(&id).then_some(PeerKey::Channel(id))
        }
    }

    /// A new incoming message in `peer` from user `from` (the other side of a private chat
    /// when `None`; a broadcast channel posts without a sender).
    pub(crate) fn receive(
        &mut self,
        peer: PeerKey,
        from: Option<i64>,
        text: &str,
        now: i32,
    ) -> Result<(MsgRec, Affected), Failure> {
        if text.trim().is_empty() {
            return Err(Failure::bad("MESSAGE_EMPTY"));
        }
        // Someone who never wrote before opens the private chat with the first message.
        if let PeerKey::User(id) = peer
            && id != self.self_id
            && from.is_none_or(|f| f == id)
            && self.users.contains_key(&id)
            && !self.dialogs.contains_key(&peer)
        {
            let messages = std::collections::BTreeMap::new();
            let dialog = super::DialogRec {
                peer,
                messages,
                read_inbox_max_id: 0,
                read_outbox_max_id: 0,
                pinned: false,
            };
            self.dialogs.insert(peer, dialog);
        }
        self.dialog(peer)?;
        let sender = match peer {
            PeerKey::User(id) => {
                if from.is_some_and(|f| f != id) {
                    return Err(Failure::bad("USER_ID_INVALID"));
                }
                Some(id)
            }
            PeerKey::Chat(id) => Some(self.member(&self.chats[&id].members, from)?),
            PeerKey::Channel(id) if self.channels[&id].broadcast && from.is_none() => None,
            PeerKey::Channel(id) => Some(self.member(&self.channels[&id].members, from)?),
        };
        let out = sender == Some(self.self_id);
        let msg = MsgRec::new(0, peer, sender.map(PeerKey::User), out, now, text.to_owned());
        let broadcast = sender.is_none();
        Ok(self.store_new(MsgRec { views: broadcast.then_some(1), ..msg }))
    }

    /// Replaces the text of any message in `peer`, as its author would.
    pub(crate) fn edit_inbound(
        &mut self,
        peer: PeerKey,
        id: i32,
        text: &str,
        now: i32,
    ) -> Result<(MsgRec, Affected), Failure> {
        let dialog = self.dialogs.get_mut(&peer).ok_or_else(|| Failure::bad("PEER_ID_INVALID"))?;
        let msg = dialog.messages.get_mut(&id).ok_or_else(|| Failure::bad("MESSAGE_ID_INVALID"))?;
        msg.text = text.to_owned();
        msg.edit_date = Some(now);
        let msg = msg.clone();
        Ok((msg.clone(), self.record(peer, 1, Event::Edit(msg))))
    }

    /// Deletes messages of one chat, as the other side (or an admin) would.
    pub(crate) fn delete_inbound(&mut self, peer: PeerKey, ids: &[i32]) -> Result<Affected, Failure> {
        let dialog = self.dialogs.get_mut(&peer).ok_or_else(|| Failure::bad("PEER_ID_INVALID"))?;
        let removed: Vec<i32> =
            ids.iter().copied().filter(|id| dialog.messages.remove(id).is_some()).collect();
        if removed.is_empty() {
            return Err(Failure::bad("MESSAGE_ID_INVALID"));
        }
        let channel = match peer {
            PeerKey::Channel(id) => Some(id),
            _ => None,
        };
        let count = removed.len() as i32;
        Ok(self.record(peer, count, Event::Delete { channel, ids: removed }))
    }

    /// The other side read the account's messages in `peer` up to `max_id` (0 = all). Counts
    /// one pts in the common box; channel read receipts carry no pts.
    pub(crate) fn read_outbox(&mut self, peer: PeerKey, max_id: i32) -> Result<Affected, Failure> {
        let dialog = self.dialogs.get_mut(&peer).ok_or_else(|| Failure::bad("PEER_ID_INVALID"))?;
        let top = dialog.messages.keys().next_back().copied().unwrap_or(0);
        let target = if max_id <= 0 { top } else { max_id.min(top) };
        if target <= dialog.read_outbox_max_id {
            return Err(Failure::bad("MESSAGE_ID_INVALID"));
        }
        dialog.read_outbox_max_id = target;
        let count = if matches!(peer, PeerKey::Channel(_)) { 0 } else { 1 };
        Ok(self.record(peer, count, Event::ReadOutbox { peer, max_id: target }))
    }

    fn member(&self, members: &[i64], from: Option<i64>) -> Result<i64, Failure> {
        match from {
            Some(id) if members.contains(&id) => Ok(id),
            _ => Err(Failure::bad("USER_NOT_PARTICIPANT")),
        }
    }
}
