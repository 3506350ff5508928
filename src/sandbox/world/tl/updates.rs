//! TL rendering of logged events: the `Update` each one is on the wire (in a pushed `updates`,
//! in a difference's `other_updates`), and the `updates` envelope pushed to live connections.
//! Channel events become their channel variants, so grammers files them under the channel's pts.

use grammers_tl_types::{enums, types};

use super::{Peers, message, peer};
use crate::sandbox::world::{Entry, Event, PeerKey, World};

/// The update an event is: `updateNewMessage`, `updateEditChannelMessage`, `updateDeleteMessages`,
/// `updateReadHistoryInbox`, ….
pub(crate) fn update(e: &Entry) -> enums::Update {
    let (pts, pts_count) = (e.pts, e.pts_count);
    match &e.event {
        Event::New(m) => match m.peer {
            PeerKey::Channel(_) => enums::Update::NewChannelMessage(types::UpdateNewChannelMessage {
                message: message(m),
                pts,
                pts_count,
            }),
            _ => enums::Update::NewMessage(types::UpdateNewMessage { message: message(m), pts, pts_count }),
        },
        Event::Edit(m) => match m.peer {
            PeerKey::Channel(_) => enums::Update::EditChannelMessage(types::UpdateEditChannelMessage {
                message: message(m),
                pts,
                pts_count,
            }),
            _ => enums::Update::EditMessage(types::UpdateEditMessage { message: message(m), pts, pts_count }),
        },
        Event::Delete { channel: Some(channel_id), ids } => {
            enums::Update::DeleteChannelMessages(types::UpdateDeleteChannelMessages {
                channel_id: *channel_id,
                messages: ids.clone(),
                pts,
                pts_count,
            })
        }
        Event::Delete { channel: None, ids } => enums::Update::DeleteMessages(types::UpdateDeleteMessages {
            messages: ids.clone(),
            pts,
            pts_count,
        }),
        Event::ReadInbox { peer: p, max_id, still_unread } => {
            enums::Update::ReadHistoryInbox(types::UpdateReadHistoryInbox {
                folder_id: None,
                peer: peer(*p),
                top_msg_id: None,
                max_id: *max_id,
                still_unread_count: *still_unread,
                pts,
                pts_count,
            })
        }
        Event::ReadOutbox { peer: p, max_id } => {
            enums::Update::ReadHistoryOutbox(types::UpdateReadHistoryOutbox {
                peer: peer(*p),
                max_id: *max_id,
                pts,
                pts_count,
            })
        }
    }
}

/// `updateReadChannelOutbox`: a channel read receipt, which carries no pts.
pub(crate) fn channel_read_outbox(channel_id: i64, max_id: i32) -> enums::Update {
    enums::Update::ReadChannelOutbox(types::UpdateReadChannelOutbox { channel_id, max_id })
}

/// Adds the peers an event names.
pub(crate) fn add_event_peers(peers: &mut Peers, event: &Event) {
    match event {
        Event::New(m) | Event::Edit(m) => peers.add_message(m),
        Event::Delete { channel: Some(id), .. } => peers.add(PeerKey::Channel(*id)),
        Event::Delete { channel: None, .. } => {}
        Event::ReadInbox { peer, .. } | Event::ReadOutbox { peer, .. } => peers.add(*peer),
    }
}

/// Freshly logged events as one pushed `updates`; `None` when there are none.
pub(crate) fn pushed_entries(w: &World, entries: &[Entry], date: i32) -> Option<enums::Updates> {
    if entries.is_empty() {
        return None;
    }
    let mut peers = Peers::default();
    entries.iter().for_each(|e| add_event_peers(&mut peers, &e.event));
    Some(pushed(w, entries.iter().map(update).collect(), peers, date))
}

/// `updates { updates, users, chats, date, seq: 0 }` as pushed to a live connection; seq 0
/// tells grammers not to check the sequence (the sandbox keeps no seq).
pub(crate) fn pushed(w: &World, list: Vec<enums::Update>, peers: Peers, date: i32) -> enums::Updates {
    let (users, chats) = peers.build(w);
    enums::Updates::Updates(types::Updates { updates: list, users, chats, date, seq: 0 })
}
