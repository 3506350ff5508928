//! Forum topics: `messages.createForumTopic` (a service message opens the topic),
//! `messages.editForumTopic` and `messages.deleteTopicHistory` (the topic and its messages).
//! Listing is `messages.getForumTopics` in `peers`, reading `messages.getReplies`.

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::super::{input_peer, messages};
use super::{Answer, no_updates};
use crate::sandbox::world::bots::TopicEdit;
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{Failure, PeerKey, World};

pub(super) fn create(w: &mut World, r: f::messages::CreateForumTopic, now: i32) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    let (msg, affected) = w.create_topic(peer, &r.title, r.icon_color, r.icon_emoji_id, r.random_id, now)?;
    let id = enums::Update::MessageId(types::UpdateMessageId { id: msg.id, random_id: r.random_id });
    Ok(messages::updates(w, vec![(msg, affected)], vec![id], now))
}

pub(super) fn edit(w: &mut World, r: f::messages::EditForumTopic, now: i32) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    let edit =
        TopicEdit { title: r.title, icon_emoji_id: r.icon_emoji_id, closed: r.closed, hidden: r.hidden };
    w.edit_topic(peer, r.topic_id, edit)?;
    Ok(no_updates(w, peer, now))
}

pub(super) fn delete(w: &mut World, r: f::messages::DeleteTopicHistory) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    let affected = w.delete_topic(peer, r.top_msg_id)?;
    let answer =
        types::messages::AffectedHistory { pts: affected.pts, pts_count: affected.pts_count, offset: 0 };
    Ok(enums::messages::AffectedHistory::History(answer).to_bytes())
}

/// `messages.getForumTopicsByID`: the topics asked for that exist, in the order asked.
pub(super) fn by_id(w: &World, r: f::messages::GetForumTopicsById) -> Answer {
    let key = input_peer(w, &r.peer)?;
    let channel = match key {
        PeerKey::Channel(id) if w.channels[&id].forum => &w.channels[&id],
        _ => return Err(Failure::bad("CHANNEL_FORUM_MISSING")),
    };
    let found: Vec<_> =
        r.topics.iter().filter_map(|id| channel.topics.iter().find(|t| t.id == *id)).collect();
    let mut peers = Peers::default();
    peers.add(key);
    let mut messages = Vec::new();
    let topics: Vec<enums::ForumTopic> = found.iter().map(|t| conv::topic(w, channel, t)).collect();
    for t in &topics {
        if let enums::ForumTopic::Topic(t) = t
            && let Some(m) = w.message(key, t.top_message)
        {
            peers.add_message(m);
            messages.push(conv::message(m));
        }
    }
    let (users, chats) = peers.build(w);
    let answer = types::messages::ForumTopics {
        order_by_create_date: false,
        count: topics.len() as i32,
        topics,
        messages,
        chats,
        users,
        pts: channel.pts,
    };
    Ok(enums::messages::ForumTopics::Topics(answer).to_bytes())
}
