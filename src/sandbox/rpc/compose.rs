//! RPCs of the `compose` tools: scheduled messages (a queue apart from history; a past date is
//! `SCHEDULE_DATE_INVALID`), cloud drafts, pins and chat actions here; mentions, read receipts,
//! discussion threads and Saved Messages dialogs in `reads`; translation, link previews, spam
//! reports and auto-delete timers in `extras`. Pins and mention reads answer with the box's
//! current pts and a `pts_count` of 0: the sandbox does not log them as pts events.

mod extras;
mod reads;

use grammers_tl_types::{Identifiable, Serializable, enums, functions as f, types};

use super::messages::reply_target;
use super::{Call, input_peer, parse};
use crate::sandbox::world::compose::DraftRec;
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{Failure, MsgRec, PeerKey, World};

type Answer = Result<Vec<u8>, Failure>;

/// Answers the call if it is one of this family's methods.
pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Result<Vec<u8>, Failure>> {
    let b = &call.body;
    let answer = match call.method {
        f::messages::GetScheduledHistory::CONSTRUCTOR_ID => parse(b).and_then(|r| scheduled(w, r)),
        f::messages::DeleteScheduledMessages::CONSTRUCTOR_ID => parse(b).and_then(|r| unschedule(w, r, now)),
        f::messages::SaveDraft::CONSTRUCTOR_ID => parse(b).and_then(|r| save_draft(w, r, now)),
        f::messages::GetAllDrafts::CONSTRUCTOR_ID => Ok(all_drafts(w, now)),
        f::messages::ClearAllDrafts::CONSTRUCTOR_ID => {
            w.compose.drafts.clear();
            Ok(true.to_bytes())
        }
        f::messages::UpdatePinnedMessage::CONSTRUCTOR_ID => parse(b).and_then(|r| pin(w, r, now)),
        f::messages::SetTyping::CONSTRUCTOR_ID => parse(b).and_then(|r| typing(w, r, now)),
        _ => return reads::route(w, call, now).or_else(|| extras::route(w, call, now)),
    };
    Some(answer)
}

/// `messages.sendMessage` with a `schedule_date`: queued, not delivered, not in history.
pub(super) fn schedule(w: &mut World, r: f::messages::SendMessage, now: i32) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    if w.random_ids.contains_key(&r.random_id) {
        return Err(Failure::new(500, "RANDOM_ID_DUPLICATE"));
    }
    if r.message.trim().is_empty() {
        return Err(Failure::bad("MESSAGE_EMPTY"));
    }
    if r.message.encode_utf16().count() > 4096 {
        return Err(Failure::bad("MESSAGE_TOO_LONG"));
    }
    let dialog = w.dialog(peer)?;
    let (reply_to, _) = reply_target(r.reply_to)?;
    if reply_to.is_some_and(|id| !dialog.messages.contains_key(&id)) {
        return Err(Failure::bad("REPLY_MESSAGE_ID_INVALID"));
    }
    let date = r.schedule_date.unwrap_or(0);
    let broadcast = matches!(peer, PeerKey::Channel(id) if w.channels[&id].broadcast);
    let from = (!broadcast).then_some(PeerKey::User(w.self_id));
    let msg = MsgRec { reply_to, ..MsgRec::new(0, peer, from, true, date, r.message) };
    let msg = w.schedule(msg, now)?;
    w.random_ids.insert(r.random_id, (peer, msg.id));
    let list = vec![
        enums::Update::MessageId(types::UpdateMessageId { id: msg.id, random_id: r.random_id }),
        enums::Update::NewScheduledMessage(types::UpdateNewScheduledMessage { message: conv::message(&msg) }),
    ];
    Ok(updates(w, list, &[peer], now))
}

fn scheduled(w: &World, r: f::messages::GetScheduledHistory) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    w.dialog(peer)?;
    let queue: Vec<&MsgRec> =
        w.compose.scheduled.get(&peer).map(|q| q.values().rev().collect()).unwrap_or_default();
    Ok(super::messages::chat_messages_answer(w, peer, &queue, queue.len()))
}

fn unschedule(w: &mut World, r: f::messages::DeleteScheduledMessages, now: i32) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    w.dialog(peer)?;
    let removed = w.unschedule(peer, &r.id);
    if removed.is_empty() {
        return Err(Failure::bad("MESSAGE_ID_INVALID"));
    }
    let update = types::UpdateDeleteScheduledMessages {
        peer: conv::peer(peer),
        messages: removed,
        sent_messages: None,
    };
    Ok(updates(w, vec![enums::Update::DeleteScheduledMessages(update)], &[peer], now))
}

fn save_draft(w: &mut World, r: f::messages::SaveDraft, now: i32) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    let dialog = w.dialog(peer)?;
    if r.message.encode_utf16().count() > 4096 {
        return Err(Failure::bad("MESSAGE_TOO_LONG"));
    }
    let (reply_to, _) = reply_target(r.reply_to)?;
    if reply_to.is_some_and(|id| !dialog.messages.contains_key(&id)) {
        return Err(Failure::bad("REPLY_MESSAGE_ID_INVALID"));
    }
    if r.message.is_empty() && reply_to.is_none() {
        w.compose.drafts.remove(&peer);
    } else {
        w.compose.drafts.insert(peer, DraftRec { text: r.message, reply_to, date: now });
    }
    Ok(true.to_bytes())
}

/// `messages.getAllDrafts`: one `updateDraftMessage` per chat with a draft.
fn all_drafts(w: &World, now: i32) -> Vec<u8> {
    let list = w.compose.drafts.iter().map(|(peer, d)| {
        let reply_to = d.reply_to.map(|id| {
            enums::InputReplyTo::Message(types::InputReplyToMessage {
                reply_to_msg_id: id,
                top_msg_id: None,
                reply_to_peer_id: None,
                quote_text: None,
                quote_entities: None,
                quote_offset: None,
                monoforum_peer_id: None,
                todo_item_id: None,
                poll_option: None,
            })
        });
        let draft = types::DraftMessage {
            no_webpage: false,
            invert_media: false,
            reply_to,
            message: d.text.clone(),
            entities: None,
            media: None,
            date: d.date,
            effect: None,
            suggested_post: None,
            rich_message: None,
        };
        enums::Update::DraftMessage(types::UpdateDraftMessage {
            peer: conv::peer(*peer),
            top_msg_id: None,
            saved_peer_id: None,
            draft: enums::DraftMessage::Message(draft),
        })
    });
    let peers: Vec<PeerKey> = w.compose.drafts.keys().copied().collect();
    updates(w, list.collect(), &peers, now)
}

fn pin(w: &mut World, r: f::messages::UpdatePinnedMessage, now: i32) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    let pts = w.pts_of(peer);
    let dialog = w.dialogs.get_mut(&peer).ok_or_else(|| Failure::bad("PEER_ID_INVALID"))?;
    let msg = dialog
        .messages
        .get_mut(&r.id)
        .filter(|m| m.topic_created.is_none())
        .ok_or_else(|| Failure::bad("MESSAGE_ID_INVALID"))?;
    msg.pinned = !r.unpin;
    let update = match peer {
        PeerKey::Channel(channel_id) => {
            enums::Update::PinnedChannelMessages(types::UpdatePinnedChannelMessages {
                pinned: !r.unpin,
                channel_id,
                messages: vec![r.id],
                pts,
                pts_count: 0,
            })
        }
        _ => enums::Update::PinnedMessages(types::UpdatePinnedMessages {
            pinned: !r.unpin,
            peer: conv::peer(peer),
            messages: vec![r.id],
            pts,
            pts_count: 0,
        }),
    };
    Ok(updates(w, vec![update], &[peer], now))
}

fn typing(w: &mut World, r: f::messages::SetTyping, now: i32) -> Answer {
    use enums::SendMessageAction as A;
    let peer = input_peer(w, &r.peer)?;
    w.dialog(peer)?;
    let action = match r.action {
        A::SendMessageCancelAction => {
            w.compose.typing.remove(&peer);
            return Ok(true.to_bytes());
        }
        A::SendMessageTypingAction => "typing",
        A::SendMessageUploadPhotoAction(_) => "upload_photo",
        A::SendMessageUploadDocumentAction(_) => "upload_document",
        _ => "other",
    };
    w.compose.typing.insert(peer, (action.to_owned(), now));
    Ok(true.to_bytes())
}

/// An `updates` answer carrying `list` and the peers it names.
fn updates(w: &World, list: Vec<enums::Update>, named: &[PeerKey], now: i32) -> Vec<u8> {
    let mut peers = Peers::default();
    named.iter().for_each(|p| peers.add(*p));
    let (users, chats) = peers.build(w);
    enums::Updates::Updates(types::Updates { updates: list, users, chats, date: now, seq: 0 }).to_bytes()
}
