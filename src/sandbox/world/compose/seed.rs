//! The `compose` part of the demo account: a discussion group linked to the broadcast channel
//! (its last posts copied there with comments), unread @mentions in the basic group and the
//! forum, a scheduled reminder, a draft, the moment the seeded read marks were set, and Elena,
//! who hides her read times.

use std::collections::BTreeMap;

use super::super::{ChannelRec, DialogRec, FwdRec, MsgRec, PeerKey, World};
use super::DraftRec;

const SELF_ID: i64 = 7_000_001;
const BORIS: i64 = 7_000_002;
const CAROL: i64 = 7_000_003;
const ELENA: i64 = 7_000_005;
const HIKE: i64 = 4_100_001;
const FORUM: i64 = 1_500_000_001;
const NEWS: i64 = 1_500_000_002;
/// The discussion supergroup of the broadcast channel.
pub(crate) const NEWS_CHAT: i64 = 1_500_000_003;

/// Adds this family's part of the demo account (runs after the chats and messages exist).
pub(crate) fn seed(w: &mut World, now: i32) {
    for peer in w.dialogs.keys().copied().collect::<Vec<_>>() {
        let dialog = &w.dialogs[&peer];
        if let (PeerKey::User(_), Some(last)) = (peer, dialog.messages.values().next_back()) {
            let mark = (dialog.read_outbox_max_id, (last.date + 120).min(now));
            w.compose.seeded_reads.insert(peer, mark);
        }
    }
    w.compose.private_read_dates.insert(ELENA);
    discussion_group(w, now);
    for peer in [PeerKey::Chat(HIKE), PeerKey::Channel(FORUM)] {
        let top = w.dialogs.get(&peer).map_or(0, |d| w.top_message(d));
        w.compose.mentions_read_to.insert(peer, top);
    }
    push(w, PeerKey::Chat(HIKE), Some(CAROL), "@alice_sandbox, возьмёшь горелку? 🔥", now - 900);
    let id =
        push(w, PeerKey::Channel(FORUM), Some(BORIS), "@alice_sandbox can you check the CI? 🙏", now - 600);
    if let Some(m) = w.dialogs.get_mut(&PeerKey::Channel(FORUM)).and_then(|d| d.messages.get_mut(&id)) {
        m.top_id = Some(3);
    }
    let me = PeerKey::User(SELF_ID);
    let reminder =
        MsgRec::new(0, me, Some(me), true, now + 86_400, "Напоминание: купить билеты 🎫".to_owned());
    let _ = w.schedule(reminder, now);
    let draft =
        DraftRec {
            text: "Черновик: ответить про субботу".to_owned(), reply_to: None, date: now - 300
        };
    w.compose.drafts.insert(PeerKey::User(CAROL), draft);
}

/// "Sandbox News chat 💬": the channel's last three posts copied in, each with comments.
fn discussion_group(w: &mut World, now: i32) {
    let Some(news) = w.channels.get(&NEWS) else { return };
    let group = ChannelRec {
        id: NEWS_CHAT,
        access_hash: (NEWS_CHAT as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(17) as i64,
        title: "Sandbox News chat 💬".to_owned(),
        about: "Comments on Sandbox News".to_owned(),
        username: None,
        broadcast: false,
        forum: false,
        members: vec![SELF_ID, BORIS, CAROL, ELENA],
        topics: Vec::new(),
        date: news.date,
        pts: 1,
        next_msg_id: 1,
    };
    w.channels.insert(NEWS_CHAT, group);
    let peer = PeerKey::Channel(NEWS_CHAT);
    let dialog = DialogRec {
        peer,
        messages: BTreeMap::new(),
        read_inbox_max_id: 0,
        read_outbox_max_id: 0,
        pinned: false,
    };
    w.dialogs.insert(peer, dialog);
    w.compose.linked.insert(NEWS, NEWS_CHAT);
    let posts: Vec<MsgRec> =
        w.dialogs[&PeerKey::Channel(NEWS)].messages.values().rev().take(3).cloned().collect();
    let comments =
        [(BORIS, "Отличный выпуск 👍"), (CAROL, "Thanks for the update!"), (ELENA, "📷 ждём фото")];
    for (n, post) in posts.iter().rev().enumerate() {
        let date = (post.date + 5).min(now);
        let copy = push(w, peer, None, &post.text, date);
        if let Some(m) = w.dialogs.get_mut(&peer).and_then(|d| d.messages.get_mut(&copy)) {
            m.from = Some(PeerKey::Channel(NEWS));
            m.fwd =
                Some(FwdRec { from: PeerKey::Channel(NEWS), date: post.date, channel_post: Some(post.id) });
        }
        w.compose.threads.insert((NEWS, post.id), copy);
        for (user, text) in comments.iter().take(n + 1) {
            let id = push(w, peer, Some(*user), text, (date + 60).min(now));
            if let Some(m) = w.dialogs.get_mut(&peer).and_then(|d| d.messages.get_mut(&id)) {
                m.reply_to = Some(copy);
                m.top_id = Some(copy);
            }
        }
    }
    // The first thread is read, the others have unread comments.
    let first = w.compose.threads.values().min().copied().unwrap_or(0);
    if let Some(d) = w.dialogs.get_mut(&peer) {
        d.read_inbox_max_id = first + 1;
    }
}

/// Appends a message with the next id of its box (as the main seeder does) and returns the id.
fn push(w: &mut World, peer: PeerKey, from: Option<i64>, text: &str, date: i32) -> i32 {
    let id = match peer {
        PeerKey::Channel(c) => {
            let Some(channel) = w.channels.get_mut(&c) else { return 0 };
            channel.next_msg_id += 1;
            channel.pts += 1;
            channel.next_msg_id - 1
        }
        _ => {
            w.next_msg_id += 1;
            w.pts += 1;
            w.next_msg_id - 1
        }
    };
    let out = from == Some(SELF_ID);
    let msg = MsgRec::new(id, peer, from.map(PeerKey::User), out, date, text.to_owned());
    if let Some(d) = w.dialogs.get_mut(&peer) {
        d.messages.insert(id, msg);
    }
    id
}
