//! TL objects to [`crate::model`] values. Names of senders and forward origins come from the
//! peer cache, which every answer fills before its messages are converted.

use grammers_client::tl;

use super::Telegram;
use super::peers::peer_id;
use crate::model::{Account, Message, Reaction, Sender};

pub(super) fn account(u: &tl::types::User) -> Account {
    let name =
        [u.first_name.as_deref(), u.last_name.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    Account { id: u.id, name, username: u.username.clone() }
}

impl Telegram {
    /// Converts the messages of an answer (empty ones are skipped).
    pub(super) fn messages(&self, raw: &[tl::enums::Message]) -> Vec<Message> {
        raw.iter().filter_map(|m| self.message(m)).collect()
    }

    pub(super) fn message(&self, raw: &tl::enums::Message) -> Option<Message> {
        match raw {
            tl::enums::Message::Empty(_) => None,
            tl::enums::Message::Message(m) => Some(Message {
                id: m.id,
                chat_id: peer_id(&m.peer_id),
                date: i64::from(m.date),
                out: m.out,
                sender: m.from_id.as_ref().map(|p| self.sender(peer_id(p))).or_else(|| match &m.peer_id {
                    // In private chats the sender is implied by direction.
                    tl::enums::Peer::User(_) if !m.out => Some(self.sender(peer_id(&m.peer_id))),
                    _ => None,
                }),
                text: m.message.clone(),
                reply_to: reply_to(m.reply_to.as_ref()),
                topic_id: topic_id(m.reply_to.as_ref()),
                forwarded_from: m.fwd_from.as_ref().map(|f| self.forward_origin(f)),
                media: m.media.as_ref().map(media_kind),
                reactions: reactions(m.reactions.as_ref()),
                edited: m.edit_date.map(i64::from),
            }),
            tl::enums::Message::Service(m) => Some(Message {
                id: m.id,
                chat_id: peer_id(&m.peer_id),
                date: i64::from(m.date),
                out: m.out,
                sender: m.from_id.as_ref().map(|p| self.sender(peer_id(p))),
                text: service_text(&m.action),
                reply_to: reply_to(m.reply_to.as_ref()),
                topic_id: topic_id(m.reply_to.as_ref()),
                forwarded_from: None,
                media: None,
                reactions: reactions(m.reactions.as_ref()),
                edited: None,
            }),
        }
    }

    fn sender(&self, id: i64) -> Sender {
        match self.known(id) {
            Some(t) => Sender { id, name: t.title, username: t.username },
            None => Sender { id, name: format!("unknown ({id})"), username: None },
        }
    }

    fn forward_origin(&self, fwd: &tl::enums::MessageFwdHeader) -> String {
        let tl::enums::MessageFwdHeader::Header(h) = fwd;
        match (&h.from_id, &h.from_name) {
            (Some(peer), _) => self.sender(peer_id(peer)).name,
            (None, Some(name)) => name.clone(),
            (None, None) => "hidden sender".to_owned(),
        }
    }
}

fn reply_to(header: Option<&tl::enums::MessageReplyHeader>) -> Option<i32> {
    match header? {
        tl::enums::MessageReplyHeader::Header(h) if h.forum_topic && h.reply_to_top_id.is_none() => None,
        tl::enums::MessageReplyHeader::Header(h) => h.reply_to_msg_id,
        tl::enums::MessageReplyHeader::MessageReplyStoryHeader(_) => None,
    }
}

fn topic_id(header: Option<&tl::enums::MessageReplyHeader>) -> Option<i32> {
    match header? {
        tl::enums::MessageReplyHeader::Header(h) => {
            h.reply_to_top_id.or(h.reply_to_msg_id.filter(|_| h.forum_topic))
        }
        tl::enums::MessageReplyHeader::MessageReplyStoryHeader(_) => None,
    }
}

fn reactions(raw: Option<&tl::enums::MessageReactions>) -> Vec<Reaction> {
    let Some(tl::enums::MessageReactions::Reactions(r)) = raw else { return Vec::new() };
    r.results
        .iter()
        .map(|tl::enums::ReactionCount::Count(c)| Reaction {
            emoji: match &c.reaction {
                tl::enums::Reaction::Emoji(e) => e.emoticon.clone(),
                tl::enums::Reaction::CustomEmoji(_) => "custom".to_owned(),
                tl::enums::Reaction::Paid => "⭐".to_owned(),
                tl::enums::Reaction::Empty => "?".to_owned(),
            },
            count: c.count,
        })
        .collect()
}

fn media_kind(media: &tl::enums::MessageMedia) -> String {
    use tl::enums::MessageMedia as M;
    match media {
        M::Photo(_) => "photo",
        M::Document(d) if d.voice => "voice",
        M::Document(d) if d.round => "video_note",
        M::Document(d) if d.video => "video",
        M::Document(d) => match &d.document {
            Some(tl::enums::Document::Document(doc)) => document_kind(doc),
            _ => "document",
        },
        M::Poll(p) => return super::reactions::poll_summary(p),
        M::Dice(d) => return format!("dice {} = {}", d.emoticon, d.value),
        M::Contact(c) => return format!("contact: {} {} {}", c.first_name, c.last_name, c.phone_number),
        M::GeoLive(g) => return format!("live location: {}", super::reactions::geo_summary(&g.geo)),
        M::Venue(v) => return format!("venue: {}, {}", v.title, v.address),
        M::Geo(_) => "location",
        M::WebPage(_) => "webpage",
        _ => "other",
    }
    .to_owned()
}

/// What a document is, from its attributes (Telegram marks voice and round videos on the
/// media too, but not always).
pub(super) fn document_kind(doc: &tl::types::Document) -> &'static str {
    let mut kind = "document";
    for attribute in &doc.attributes {
        match attribute {
            tl::enums::DocumentAttribute::Audio(a) => kind = if a.voice { "voice" } else { "audio" },
            tl::enums::DocumentAttribute::Video(v) => {
                kind = if v.round_message { "video_note" } else { "video" }
            }
            tl::enums::DocumentAttribute::Sticker(_) => kind = "sticker",
            _ => {}
        }
    }
    kind
}

fn service_text(action: &tl::enums::MessageAction) -> String {
    match action {
        tl::enums::MessageAction::TopicCreate(t) => format!("[topic created: {}]", t.title),
        tl::enums::MessageAction::ChatCreate(c) => format!("[group created: {}]", c.title),
        tl::enums::MessageAction::ChannelCreate(c) => format!("[channel created: {}]", c.title),
        tl::enums::MessageAction::ChatEditTitle(c) => format!("[title changed to: {}]", c.title),
        tl::enums::MessageAction::PinMessage => "[message pinned]".to_owned(),
        _ => "[service message]".to_owned(),
    }
}
