//! The update side of the controls: what other people do to the account (a message arriving,
//! an edit, a deletion, a read receipt), each counted in pts, logged for `getDifference` and
//! pushed to every live connection of a signed-in key; and switching the push off, so a test
//! can prove that the difference recovers what the client never saw.

use serde::{Deserialize, Serialize};

use super::Controls;
use crate::sandbox::state::now_secs;
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{Affected, Failure, PeerKey, World};

/// What an injected event did, as the controls report it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Injected {
    /// The new message's id (`inject` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// The pts of the chat's box after the event (the channel's pts for a channel).
    pub pts: i32,
}

impl Controls {
    /// A new incoming message in chat `chat` (a user, basic group or channel id) from user
    /// `from` (a member; for a private chat the other side, the default; `None` in a broadcast
    /// channel posts as the channel). Logged, then pushed to live connections.
    pub fn inject(&self, chat: i64, from: Option<i64>, text: &str) -> Result<Injected, String> {
        self.event(chat, |w, peer, now| {
            let (msg, affected) = w.receive(peer, from, text, now)?;
            Ok((Some(msg.id), affected))
        })
    }

    /// Replaces the text of message `id` in chat `chat`, as its author would.
    pub fn inject_edit(&self, chat: i64, id: i32, text: &str) -> Result<Injected, String> {
        self.event(chat, |w, peer, now| Ok((None, w.edit_inbound(peer, id, text, now)?.1)))
    }

    /// Deletes messages of chat `chat`, as the other side would.
    pub fn inject_delete(&self, chat: i64, ids: &[i32]) -> Result<Injected, String> {
        self.event(chat, |w, peer, _| Ok((None, w.delete_inbound(peer, ids)?)))
    }

    /// The other side read the account's messages in chat `chat` up to `max_id` (0 = all).
    pub fn inject_read(&self, chat: i64, max_id: i32) -> Result<Injected, String> {
        self.event(chat, |w, peer, _| Ok((None, w.read_outbox(peer, max_id)?)))
    }

    /// Turns pushing updates to live connections on or off; events are logged either way.
    pub fn set_push(&self, on: bool) {
        self.shared.set_push(on);
    }

    /// Runs one world change on `chat` and pushes the update it logged.
    fn event(
        &self,
        chat: i64,
        change: impl FnOnce(&mut World, PeerKey, i32) -> Result<(Option<i32>, Affected), Failure>,
    ) -> Result<Injected, String> {
        let now = now_secs() as i32;
        let (id, affected, updates) = {
            let mut world = self.shared.world();
            let peer = world.peer_by_id(chat).ok_or_else(|| format!("no chat {chat}"))?;
            let (id, affected) = change(&mut world, peer, now).map_err(|f| f.name)?;
            (id, affected, unlogged(&world, peer, affected, now))
        };
        self.shared.push_fresh(None);
        if let Some(updates) = updates {
            self.shared.push(None, &updates);
        }
        Ok(Injected { id, pts: affected.pts })
    }
}

/// The `updates` for an event that moved no pts and so was not logged: a channel read
/// receipt (`updateReadChannelOutbox`). `None` for anything else.
fn unlogged(
    w: &World,
    peer: PeerKey,
    affected: Affected,
    now: i32,
) -> Option<grammers_tl_types::enums::Updates> {
    let PeerKey::Channel(id) = peer else { return None };
    if affected.pts_count > 0 {
        return None;
    }
    let mut peers = Peers::default();
    peers.add(peer);
    let max_id = w.dialogs.get(&peer).map_or(0, |d| d.read_outbox_max_id);
    Some(conv::pushed(w, vec![conv::channel_read_outbox(id, max_id)], peers, now))
}

#[cfg(test)]
mod tests {
    use grammers_tl_types::{Deserializable, enums};

    use super::super::Request;
    use crate::sandbox::Sandbox;

    const BORIS: i64 = 7_000_002;
    const NEWS: i64 = 1_500_000_002;

    fn ask(controls: &super::Controls, line: &str) -> serde_json::Value {
        controls.handle(serde_json::from_str::<Request>(line).unwrap())
    }

    #[test]
    fn socket_requests_inject_and_push_unless_muted() {
        let sandbox = Sandbox::new();
        let controls = sandbox.controls();
        let mut pushes = sandbox.shared.pushes.subscribe();
        let got = ask(&controls, r#"{"op":"inject","chat":7000002,"from":7000002,"text":"hi"}"#);
        assert_eq!(got["ok"], true, "{got}");
        let (id, pts) = (got["id"].as_i64().unwrap(), got["pts"].as_i64().unwrap());
        let pushed = enums::Updates::from_bytes(&pushes.try_recv().unwrap().body).unwrap();
        let enums::Updates::Updates(u) = pushed else { panic!("a full updates object") };
        assert!(matches!(&u.updates[..], [enums::Update::NewMessage(m)] if i64::from(m.pts) == pts));

        assert_eq!(ask(&controls, r#"{"op":"push","on":false}"#)["ok"], true);
        let edit = format!(r#"{{"op":"inject-edit","chat":{BORIS},"id":{id},"text":"hi!"}}"#);
        assert_eq!(ask(&controls, &edit)["pts"].as_i64(), Some(pts + 1));
        assert!(pushes.try_recv().is_err(), "muted: logged, not pushed");
        ask(&controls, r#"{"op":"push","on":true}"#);
        let delete = format!(r#"{{"op":"inject-delete","chat":{BORIS},"ids":[{id}]}}"#);
        assert_eq!(ask(&controls, &delete)["pts"].as_i64(), Some(pts + 2));
        let pushed = enums::Updates::from_bytes(&pushes.try_recv().unwrap().body).unwrap();
        let enums::Updates::Updates(u) = pushed else { panic!("a full updates object") };
        assert!(matches!(&u.updates[..], [enums::Update::DeleteMessages(d)] if d.messages == [id as i32]));
    }

    #[test]
    fn bad_injections_say_why() {
        let controls = Sandbox::new().controls();
        let nobody = ask(&controls, r#"{"op":"inject","chat":42,"text":"hi"}"#);
        assert_eq!((nobody["ok"].as_bool(), nobody["error"].as_str()), (Some(false), Some("no chat 42")));
        let outsider = ask(&controls, r#"{"op":"inject","chat":4100001,"from":7000006,"text":"hi"}"#);
        assert_eq!(outsider["error"], "USER_NOT_PARTICIPANT");
        let post = controls.inject(NEWS, None, "📰 breaking").unwrap();
        assert!(post.id.is_some());
        let gone = ask(&controls, r#"{"op":"inject-delete","chat":7000002,"ids":[999999]}"#);
        assert_eq!(gone["error"], "MESSAGE_ID_INVALID");
    }
}
