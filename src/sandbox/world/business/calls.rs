//! Group calls and quick-reply shortcuts of the demo account.

use crate::sandbox::world::{MsgRec, PeerKey, World};

/// A group call of a chat.
#[derive(Debug, Clone)]
pub(crate) struct CallRec {
    pub(crate) id: i64,
    pub(crate) access_hash: i64,
    pub(crate) chat: PeerKey,
    pub(crate) title: Option<String>,
    pub(crate) participants: Vec<ParticipantRec>,
}

#[derive(Debug, Clone)]
pub(crate) struct ParticipantRec {
    pub(crate) user: i64,
    pub(crate) date: i32,
    pub(crate) muted: bool,
    pub(crate) raised_hand: bool,
    pub(crate) video: bool,
}

/// A quick-reply shortcut and its messages (from you, in no chat).
#[derive(Debug, Clone)]
pub(crate) struct ShortcutRec {
    pub(crate) id: i32,
    pub(crate) shortcut: String,
    pub(crate) messages: Vec<MsgRec>,
}

/// An active call in Hike with four of its members, and two shortcuts.
pub(super) fn seed(w: &mut World, now: i32) {
    let me = w.self_id;
    let hike = 4_100_001;
    let people =
        [(me, false, false), (7_000_002, true, false), (7_000_003, true, true), (7_000_004, false, false)];
    let participants = people
        .iter()
        .enumerate()
        .map(|(i, &(user, muted, raised_hand))| ParticipantRec {
            user,
            date: now - 1_800 + 60 * i as i32,
            muted,
            raised_hand,
            video: i == 3,
        })
        .collect();
    w.business.calls.push(CallRec {
        id: 8_800_000_001,
        access_hash: 0x0ca1_1ca1_1ca1,
        chat: PeerKey::Chat(hike),
        title: Some("Route planning".into()),
        participants,
    });
    let texts: [(&str, &[&str]); 2] = [
        ("hello", &["Hi! Thanks for writing.", "We usually answer within an hour."]),
        ("hours", &["We are open Mon–Fri, 9:00–18:00."]),
    ];
    let mut id = 1;
    for (n, (shortcut, lines)) in texts.iter().enumerate() {
        let messages = lines
            .iter()
            .map(|text| {
                id += 1;
                MsgRec::new(
                    id - 1,
                    PeerKey::User(me),
                    Some(PeerKey::User(me)),
                    true,
                    now - 86_400,
                    (*text).into(),
                )
            })
            .collect();
        w.business.shortcuts.push(ShortcutRec { id: n as i32 + 1, shortcut: (*shortcut).into(), messages });
    }
}
