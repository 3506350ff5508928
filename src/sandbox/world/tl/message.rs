//! TL rendering of messages: text, sender, replies and forum threads, forward headers,
//! reactions, stored media and media placeholders (a kind without a file behind it).

use grammers_tl_types::{enums, types};

use super::peer;
use crate::sandbox::world::bots::Button;
use crate::sandbox::world::{MediaRec, MsgRec, PeerKey};

pub(crate) fn message(m: &MsgRec) -> enums::Message {
    let reply_to = reply_header(m);
    let reactions = super::reactions::with_reactors(m, reactions(m));
    if let Some(title) = &m.topic_created {
        return enums::Message::Service(types::MessageService {
            out: m.out,
            mentioned: false,
            media_unread: false,
            reactions_are_possible: false,
            silent: false,
            post: false,
            legacy: false,
            id: m.id,
            from_id: m.from.map(peer),
            peer_id: peer(m.peer),
            saved_peer_id: None,
            reply_to,
            date: m.date,
            action: enums::MessageAction::TopicCreate(types::MessageActionTopicCreate {
                title_missing: false,
                title: title.clone(),
                icon_color: 0x6fb9f0,
                icon_emoji_id: None,
            }),
            reactions,
            ttl_period: None,
        });
    }
    enums::Message::Message(types::Message {
        out: m.out,
        mentioned: false,
        media_unread: false,
        silent: false,
        post: m.from.is_none(),
        from_scheduled: false,
        legacy: false,
        edit_hide: false,
        pinned: m.pinned,
        noforwards: false,
        invert_media: false,
        offline: false,
        video_processing_pending: false,
        paid_suggested_post_stars: false,
        paid_suggested_post_ton: false,
        id: m.id,
        from_id: m.from.map(peer),
        from_boosts_applied: None,
        from_rank: None,
        peer_id: peer(m.peer),
        saved_peer_id: None,
        fwd_from: m.fwd.as_ref().map(|f| {
            enums::MessageFwdHeader::Header(types::MessageFwdHeader {
                imported: false,
                saved_out: false,
                from_id: Some(peer(f.from)),
                from_name: None,
                date: f.date,
                channel_post: f.channel_post,
                post_author: None,
                saved_from_peer: None,
                saved_from_msg_id: None,
                saved_from_id: None,
                saved_from_name: None,
                saved_date: None,
                psa_type: None,
            })
        }),
        via_bot_id: m.via_bot,
        via_business_bot_id: None,
        guestchat_via_from: None,
        reply_to,
        date: m.date,
        message: m.text.clone(),
        media: m.media.as_ref().map(media),
        reply_markup: keyboard(&m.buttons),
        entities: None,
        views: m.views,
        forwards: m.views.map(|_| 0),
        replies: None,
        edit_date: m.edit_date,
        post_author: None,
        grouped_id: m.grouped_id,
        reactions,
        restriction_reason: None,
        ttl_period: None,
        quick_reply_shortcut_id: None,
        effect: None,
        factcheck: None,
        report_delivery_until_date: None,
        paid_message_stars: None,
        suggested_post: None,
        schedule_repeat_period: None,
        summary_from_language: None,
        rich_message: None,
    })
}

fn reply_header(m: &MsgRec) -> Option<enums::MessageReplyHeader> {
    let to = m.reply_to.or(m.top_id)?;
    Some(enums::MessageReplyHeader::Header(types::MessageReplyHeader {
        reply_to_scheduled: false,
        forum_topic: m.top_id.is_some() && matches!(m.peer, PeerKey::Channel(_)),
        quote: false,
        reply_to_ephemeral: false,
        reply_to_msg_id: Some(to),
        reply_to_peer_id: None,
        reply_from: None,
        reply_media: None,
        reply_to_top_id: m.top_id.filter(|top| *top != to),
        quote_text: None,
        quote_entities: None,
        quote_offset: None,
        todo_item_id: None,
        poll_option: None,
    }))
}

fn reactions(m: &MsgRec) -> Option<enums::MessageReactions> {
    if m.reactions.is_empty() {
        return None;
    }
    let results = m.reactions.iter().map(|(emoticon, count)| {
        enums::ReactionCount::Count(types::ReactionCount {
            chosen_order: None,
            reaction: enums::Reaction::Emoji(types::ReactionEmoji { emoticon: emoticon.clone() }),
            count: *count,
        })
    });
    Some(enums::MessageReactions::Reactions(types::MessageReactions {
        min: false,
        can_see_list: false,
        reactions_as_tags: false,
        results: results.collect(),
        recent_reactions: None,
        top_reactors: None,
    }))
}

/// Media placeholders: enough for a client to know the kind, no file behind them.
fn media(media: &MediaRec) -> enums::MessageMedia {
    match media {
        MediaRec::Photo { id } => enums::MessageMedia::Photo(types::MessageMediaPhoto {
            spoiler: false,
            live_photo: false,
            photo: Some(enums::Photo::Empty(types::PhotoEmpty { id: *id })),
            ttl_seconds: None,
            video: None,
        }),
        MediaRec::Document { id } => enums::MessageMedia::Document(types::MessageMediaDocument {
            nopremium: false,
            spoiler: false,
            video: false,
            round: false,
            voice: false,
            document: Some(enums::Document::Empty(types::DocumentEmpty { id: *id })),
            alt_documents: None,
            video_cover: None,
            video_timestamp: None,
            ttl_seconds: None,
        }),
        MediaRec::Stored(stored) => super::message_media(stored),
        MediaRec::Poll(poll) => super::reactions::poll_media(poll),
        MediaRec::Card(card) => super::reactions::card_media(card),
        MediaRec::Geo { lat, long } => enums::MessageMedia::Geo(types::MessageMediaGeo {
            geo: enums::GeoPoint::Point(types::GeoPoint {
                long: *long,
                lat: *lat,
                access_hash: 1,
                accuracy_radius: None,
            }),
        }),
    }
}

/// An inline keyboard (`replyInlineMarkup`) of callback and URL buttons; none when empty.
fn keyboard(rows: &[Vec<Button>]) -> Option<enums::ReplyMarkup> {
    if rows.is_empty() {
        return None;
    }
    let button = |b: &Button| {
        let (text, r#type) = match b {
            Button::Callback { text, data } => (
                text,
                enums::InlineButtonType::Callback(types::InlineButtonTypeCallback {
                    requires_password: false,
                    data: data.clone(),
                }),
            ),
            Button::Url { text, url } => {
                (text, enums::InlineButtonType::Url(types::InlineButtonTypeUrl { url: url.clone() }))
            }
        };
        enums::KeyboardInlineButton::Button(types::KeyboardInlineButton {
            style: None,
            text: text.clone(),
            r#type,
        })
    };
    let rows = rows.iter().map(|row| {
        enums::KeyboardInlineButtonRow::Row(types::KeyboardInlineButtonRow {
            buttons: row.iter().map(button).collect(),
        })
    });
    Some(enums::ReplyMarkup::ReplyInlineMarkup(types::ReplyInlineMarkup {
        force_reply: false,
        rows: rows.collect(),
    }))
}
