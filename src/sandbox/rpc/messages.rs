//! Handlers about messages: history, search, fetch by id, replies, send, edit, delete,
//! forward, read marks and message links. Results follow Telegram's shapes: channel results
//! carry the channel's pts, private-chat sends answer `updateShortSentMessage`.

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::{input_channel, input_peer};
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{Affected, Draft, MediaFilter, Paging};
use crate::sandbox::world::{Failure, MsgRec, PeerKey, SearchQuery, World};

type Answer = Result<Vec<u8>, Failure>;

/// The paging fields shared by `getHistory` and `getReplies`.
macro_rules! paging {
    ($r:expr) => {
        Paging {
            offset_id: $r.offset_id,
            offset_date: $r.offset_date,
            add_offset: $r.add_offset,
            limit: $r.limit,
            max_id: $r.max_id,
            min_id: $r.min_id,
        }
    };
}

pub(super) fn get_history(w: &World, r: f::messages::GetHistory) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    let all = w.history(peer)?;
    let paging = paging!(r);
    Ok(page_answer(w, Some(peer), &all, paging))
}

pub(super) fn search(w: &World, r: f::messages::Search) -> Answer {
    let peer = match &r.peer {
        enums::InputPeer::Empty => None,
        p => Some(input_peer(w, p)?),
    };
    let from = r.from_id.as_ref().map(|p| input_peer(w, p)).transpose()?;
    let query = SearchQuery {
        peer,
        text: r.q,
        from,
        top_msg_id: r.top_msg_id,
        min_date: r.min_date,
        max_date: r.max_date,
        media: filter(&r.filter),
        kinds: None,
    };
    let found = w.search(&query)?;
    let paging = Paging {
        offset_id: r.offset_id,
        add_offset: r.add_offset,
        limit: r.limit,
        max_id: r.max_id,
        min_id: r.min_id,
        offset_date: 0,
    };
    Ok(page_answer(w, peer, &found, paging))
}

pub(super) fn search_global(w: &World, r: f::messages::SearchGlobal) -> Answer {
    let media = filter(&r.filter);
    if r.q.trim().is_empty() && media == MediaFilter::Any {
        return Err(Failure::bad("SEARCH_QUERY_EMPTY"));
    }
    let kinds: Option<fn(PeerKey, &World) -> bool> = if r.users_only {
        Some(|p, _| matches!(p, PeerKey::User(_)))
    } else if r.groups_only {
        Some(|p, w| {
            matches!(p, PeerKey::Chat(_)) || matches!(p, PeerKey::Channel(id) if !w.channels[&id].broadcast)
        })
    } else if r.broadcasts_only {
        Some(|p, w| matches!(p, PeerKey::Channel(id) if w.channels[&id].broadcast))
    } else {
        None
    };
    let query = SearchQuery {
        text: r.q,
        min_date: r.min_date,
        max_date: r.max_date,
        media,
        kinds,
        ..SearchQuery::default()
    };
    let found = w.search(&query)?;
    let offset_peer = input_peer(w, &r.offset_peer).ok();
    let start = match offset_peer {
        Some(p) if r.offset_rate > 0 => found
            .iter()
            .position(|m| m.date == r.offset_rate && m.id == r.offset_id && m.peer == p)
            .map_or(0, |i| i + 1),
        _ => 0,
    };
    let limit = r.limit.clamp(1, 100) as usize;
    let page: Vec<&MsgRec> = found.iter().skip(start).take(limit).copied().collect();
    let more = start + page.len() < found.len();
    let Bundle { messages, users, chats } = bundle(w, &page);
    let slice = types::messages::MessagesSlice {
        inexact: false,
        count: found.len() as i32,
        next_rate: page.last().filter(|_| more).map(|m| m.date),
        offset_id_offset: None,
        search_flood: None,
        messages,
        topics: Vec::new(),
        chats,
        users,
    };
    Ok(enums::messages::Messages::Slice(slice).to_bytes())
}

pub(super) fn get_messages(w: &World, r: f::messages::GetMessages) -> Answer {
    let found: Vec<Result<&MsgRec, i32>> = r.id.iter().map(|id| by_input(w, None, id)).collect();
    Ok(fetched(w, None, found))
}

pub(super) fn get_channel_messages(w: &World, r: f::channels::GetMessages) -> Answer {
    let peer = input_channel(w, &r.channel)?;
    let found = r.id.iter().map(|id| by_input(w, Some(peer), id)).collect();
    Ok(fetched(w, Some(peer), found))
}

pub(super) fn get_replies(w: &World, r: f::messages::GetReplies) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    let thread = w.replies(peer, r.msg_id)?;
    let paging = paging!(r);
    Ok(page_answer(w, Some(peer), &thread, paging))
}

pub(super) fn send(w: &mut World, r: f::messages::SendMessage, now: i32) -> Answer {
    if r.schedule_date.is_some() {
        return super::compose::schedule(w, r, now);
    }
    let peer = input_peer(w, &r.peer)?;
    w.may_write(peer)?;
    check_quote(w, peer, r.reply_to.as_ref())?;
    let (reply_to, top_msg_id) = reply_target(r.reply_to)?;
    let draft = Draft {
        text: r.message,
        reply_to,
        top_msg_id,
        random_id: r.random_id,
        media: None,
        grouped_id: None,
    };
    let (msg, affected) = w.send(peer, draft, now)?;
    if let PeerKey::Channel(_) = peer {
        let id_update =
            enums::Update::MessageId(types::UpdateMessageId { id: msg.id, random_id: r.random_id });
        return Ok(updates(w, vec![(msg, affected)], vec![id_update], now));
    }
    let short = types::UpdateShortSentMessage {
        out: true,
        id: msg.id,
        pts: affected.pts,
        pts_count: affected.pts_count,
        date: msg.date,
        media: None,
        entities: None,
        ttl_period: None,
    };
    Ok(enums::Updates::UpdateShortSentMessage(short).to_bytes())
}

/// `(reply_to_msg_id, top_msg_id)` of an `inputReplyToMessage`; other targets are refused.
/// A quote must be a verbatim part of the replied message, as Telegram checks.
fn check_quote(w: &World, peer: PeerKey, reply_to: Option<&enums::InputReplyTo>) -> Result<(), Failure> {
    let Some(enums::InputReplyTo::Message(m)) = reply_to else { return Ok(()) };
    let Some(quote) = &m.quote_text else { return Ok(()) };
    let replied = w.message(peer, m.reply_to_msg_id).ok_or_else(|| Failure::bad("REPLY_TO_INVALID"))?;
    if quote.is_empty() || !replied.text.contains(quote.as_str()) {
        return Err(Failure::bad("QUOTE_TEXT_INVALID"));
    }
    Ok(())
}

pub(super) fn reply_target(
    reply_to: Option<enums::InputReplyTo>,
) -> Result<(Option<i32>, Option<i32>), Failure> {
    match reply_to {
        Some(enums::InputReplyTo::Message(m)) => Ok((Some(m.reply_to_msg_id), m.top_msg_id)),
        Some(_) => Err(Failure::bad("REPLY_TO_INVALID")),
        None => Ok((None, None)),
    }
}

pub(super) fn edit(w: &mut World, r: f::messages::EditMessage, now: i32) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    if let Some(enums::InputMedia::Poll(_)) = &r.media {
        return super::reactions::close_poll(w, r, now);
    }
    if r.media.is_some() {
        return Err(Failure::bad("MEDIA_INVALID"));
    }
    let text = r.message.ok_or_else(|| Failure::bad("MESSAGE_NOT_MODIFIED"))?;
    let edited = w.edit(peer, r.id, &text, now)?;
    Ok(updates(w, vec![edited], Vec::new(), now))
}

pub(super) fn delete(w: &mut World, r: f::messages::DeleteMessages) -> Answer {
    Ok(affected_messages(w.delete_common(&r.id)))
}

pub(super) fn delete_channel(w: &mut World, r: f::channels::DeleteMessages) -> Answer {
    let PeerKey::Channel(id) = input_channel(w, &r.channel)? else {
        return Err(Failure::bad("CHANNEL_INVALID"));
    };
    Ok(affected_messages(w.delete_channel(id, &r.id)?))
}

pub(super) fn forward(w: &mut World, r: f::messages::ForwardMessages, now: i32) -> Answer {
    let from = input_peer(w, &r.from_peer)?;
    let to = input_peer(w, &r.to_peer)?;
    let sent = w.forward(from, &r.id, to, &r.random_id, now)?;
    let mut ids = Vec::new();
    let mut news = Vec::new();
    for (result, random_id) in sent.into_iter().zip(&r.random_id) {
        if let Some((msg, affected)) = result {
            ids.push(enums::Update::MessageId(types::UpdateMessageId { id: msg.id, random_id: *random_id }));
            news.push((msg, affected));
        }
    }
    Ok(updates(w, news, ids, now))
}

pub(super) fn read_history(w: &mut World, r: f::messages::ReadHistory) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    if let PeerKey::Channel(_) = peer {
        return Err(Failure::bad("PEER_ID_INVALID"));
    }
    Ok(affected_messages(w.read_history(peer, r.max_id)?))
}

pub(super) fn read_channel_history(w: &mut World, r: f::channels::ReadHistory) -> Answer {
    let peer = input_channel(w, &r.channel)?;
    w.read_history(peer, r.max_id)?;
    Ok(true.to_bytes())
}

pub(super) fn export_link(w: &World, r: f::channels::ExportMessageLink) -> Answer {
    let peer = input_channel(w, &r.channel)?;
    let PeerKey::Channel(id) = peer else { return Err(Failure::bad("CHANNEL_INVALID")) };
    let msg = w.message(peer, r.id).ok_or_else(|| Failure::bad("MESSAGE_ID_INVALID"))?;
    let base = match &w.channels[&id].username {
        Some(username) => format!("https://t.me/{username}"),
        None => format!("https://t.me/c/{id}"),
    };
    let link = match msg.top_id.filter(|_| r.thread) {
        Some(top) => format!("{base}/{top}/{}", msg.id),
        None => format!("{base}/{}", msg.id),
    };
    let html = format!("<a href=\"{link}\">{link}</a>");
    Ok(enums::ExportedMessageLink::Link(types::ExportedMessageLink { link, html }).to_bytes())
}

fn filter(f: &enums::MessagesFilter) -> MediaFilter {
    use enums::MessagesFilter as F;
    match f {
        F::InputMessagesFilterEmpty => MediaFilter::Any,
        F::InputMessagesFilterPhotos | F::InputMessagesFilterPhotoVideo => MediaFilter::Photo,
        F::InputMessagesFilterDocument => MediaFilter::Document,
        F::InputMessagesFilterGeo => MediaFilter::Geo,
        F::InputMessagesFilterUrl => MediaFilter::Url,
        F::InputMessagesFilterPinned => MediaFilter::Pinned,
        _ => MediaFilter::Nothing,
    }
}

/// Looks up one `InputMessage`; `Err(id)` when there is nothing (answered as `messageEmpty`).
fn by_input<'w>(
    w: &'w World,
    channel: Option<PeerKey>,
    input: &enums::InputMessage,
) -> Result<&'w MsgRec, i32> {
    let lookup = |id: i32| match channel {
        Some(peer) => w.message(peer, id),
        None => w.common_message(id),
    };
    match input {
        enums::InputMessage::Id(m) => lookup(m.id).ok_or(m.id),
        enums::InputMessage::ReplyTo(m) => {
            lookup(m.id).and_then(|msg| msg.reply_to).and_then(lookup).ok_or(m.id)
        }
        _ => Err(0),
    }
}

fn fetched(w: &World, channel: Option<PeerKey>, found: Vec<Result<&MsgRec, i32>>) -> Vec<u8> {
    let present: Vec<&MsgRec> = found.iter().filter_map(|r| r.as_ref().ok().copied()).collect();
    let mut parts = bundle(w, &present);
    parts.messages = found
        .iter()
        .map(|r| match r {
            Ok(m) => conv::message(m),
            Err(id) => {
                enums::Message::Empty(types::MessageEmpty { id: *id, peer_id: channel.map(conv::peer) })
            }
        })
        .collect();
    let count = parts.messages.len();
    messages_answer(w, channel, parts, count)
}

/// A page of a message list in the shape Telegram uses for the peer kind.
fn page_answer(w: &World, peer: Option<PeerKey>, all: &[&MsgRec], paging: Paging) -> Vec<u8> {
    messages_answer(w, peer, bundle(w, &paging.apply(all)), all.len())
}

/// `channelMessages` for a channel, `messagesSlice` when `count` exceeds the page, else `messages`.
fn messages_answer(w: &World, peer: Option<PeerKey>, parts: Bundle, count: usize) -> Vec<u8> {
    let Bundle { messages, users, chats } = parts;
    let topics = Vec::new();
    let answer = match peer {
        Some(PeerKey::Channel(id)) => {
            enums::messages::Messages::ChannelMessages(types::messages::ChannelMessages {
                inexact: false,
                pts: w.channels[&id].pts,
                count: count as i32,
                offset_id_offset: None,
                messages,
                topics,
                chats,
                users,
            })
        }
        _ if messages.len() < count => enums::messages::Messages::Slice(types::messages::MessagesSlice {
            inexact: false,
            count: count as i32,
            next_rate: None,
            offset_id_offset: None,
            search_flood: None,
            messages,
            topics,
            chats,
            users,
        }),
        _ => {
            enums::messages::Messages::Messages(types::messages::Messages { messages, topics, chats, users })
        }
    };
    answer.to_bytes()
}

/// Messages with every user and chat they name.
struct Bundle {
    messages: Vec<enums::Message>,
    users: Vec<enums::User>,
    chats: Vec<enums::Chat>,
}

/// Messages of one chat (scheduled ones, say), with the chat shipped even when the page is empty.
pub(super) fn chat_messages_answer(w: &World, peer: PeerKey, page: &[&MsgRec], count: usize) -> Vec<u8> {
    let mut peers = Peers::default();
    peers.add(peer);
    page.iter().for_each(|m| peers.add_message(m));
    let messages = page.iter().map(|m| conv::message(m)).collect();
    let (users, chats) = peers.build(w);
    messages_answer(w, Some(peer), Bundle { messages, users, chats }, count)
}

fn bundle(w: &World, page: &[&MsgRec]) -> Bundle {
    let mut peers = Peers::default();
    page.iter().for_each(|m| peers.add_message(m));
    let messages = page.iter().map(|m| conv::message(m)).collect();
    let (users, chats) = peers.build(w);
    Bundle { messages, users, chats }
}

/// `updates` carrying new or edited messages (edits are recognised by their `edit_date`).
pub(super) fn updates(
    w: &World,
    changed: Vec<(MsgRec, Affected)>,
    mut list: Vec<enums::Update>,
    now: i32,
) -> Vec<u8> {
    let mut peers = Peers::default();
    for (msg, affected) in &changed {
        peers.add_message(msg);
        let (message, pts, pts_count) = (conv::message(msg), affected.pts, affected.pts_count);
        let edited = msg.edit_date.is_some();
        list.push(match (msg.peer, edited) {
            (PeerKey::Channel(_), false) => {
                enums::Update::NewChannelMessage(types::UpdateNewChannelMessage { message, pts, pts_count })
            }
            (PeerKey::Channel(_), true) => {
                enums::Update::EditChannelMessage(types::UpdateEditChannelMessage { message, pts, pts_count })
            }
            (_, false) => enums::Update::NewMessage(types::UpdateNewMessage { message, pts, pts_count }),
            (_, true) => enums::Update::EditMessage(types::UpdateEditMessage { message, pts, pts_count }),
        });
    }
    let (users, chats) = peers.build(w);
    enums::Updates::Updates(types::Updates { updates: list, users, chats, date: now, seq: 0 }).to_bytes()
}

fn affected_messages(a: Affected) -> Vec<u8> {
    enums::messages::AffectedMessages::Messages(types::messages::AffectedMessages {
        pts: a.pts,
        pts_count: a.pts_count,
    })
    .to_bytes()
}
