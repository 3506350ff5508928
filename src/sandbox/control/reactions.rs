//! The `reactions` family's controls: another user votes in a poll or reacts to a message, as
//! people do in a group. Both change the world at once, so the next read shows them; neither is
//! a pts event, so nothing is logged or pushed (Telegram sends such changes as `updateMessagePoll`
//! and `updateMessageReactions` only to clients that look at the chat).

use super::Controls;
use crate::sandbox::state::now_secs;
use crate::sandbox::world::reactions::{Reactor, Vote, add_reaction, remove_reactions};
use crate::sandbox::world::{MediaRec, MsgRec, PeerKey, World};

impl Controls {
    /// User `from` votes for `options` (zero-based) in the poll of message `id` in chat `chat`,
    /// replacing their earlier vote; no options retracts it.
    pub fn inject_vote(&self, chat: i64, id: i32, from: i64, options: &[usize]) -> Result<(), String> {
        let mut world = self.shared.world();
        let msg = message(&mut world, chat, id, from)?;
        let Some(MediaRec::Poll(poll)) = &mut msg.media else {
            return Err(format!("message {id} is no poll"));
        };
        if poll.closed {
            return Err("the poll is closed".to_owned());
        }
        if options.iter().any(|o| *o >= poll.answers.len()) || (options.len() > 1 && !poll.multiple) {
            return Err("no such options for this poll".to_owned());
        }
        poll.votes.retain(|v| v.user != from);
        if !options.is_empty() {
            let mut options = options.to_vec();
            options.sort_unstable();
            options.dedup();
            poll.votes.push(Vote { user: from, options, date: now_secs() as i32 });
        }
        Ok(())
    }

    /// User `from` reacts to message `id` in chat `chat` with `emoji` (replacing their
    /// reaction), unread when the message is the account's.
    pub fn inject_reaction(&self, chat: i64, id: i32, from: i64, emoji: &str) -> Result<(), String> {
        let mut world = self.shared.world();
        let msg = message(&mut world, chat, id, from)?;
        let peer = PeerKey::User(from);
        remove_reactions(msg, peer);
        let reactor =
            Reactor { peer, emoji: emoji.to_owned(), date: now_secs() as i32, unread: msg.out, mine: false };
        add_reaction(msg, reactor);
        Ok(())
    }
}

/// A message someone other than the account can see: `from` must be another known user.
fn message(w: &mut World, chat: i64, id: i32, from: i64) -> Result<&mut MsgRec, String> {
    if from == w.self_id || !w.users.contains_key(&from) {
        return Err(format!("no other user {from}"));
    }
    let peer = w.peer_by_id(chat).ok_or_else(|| format!("no chat {chat}"))?;
    let dialog = w.dialogs.get_mut(&peer).ok_or_else(|| format!("no chat {chat}"))?;
    dialog.messages.get_mut(&id).ok_or_else(|| format!("no message {id} in chat {chat}"))
}
