//! `messages.sendMedia` for media without a file: polls, contacts, dice (rolled here, as
//! Telegram's servers roll them), static and live locations, and venues. Shares the send
//! rules (`random_id`, reply targets, captions) with every other send through `World::send`.

use grammers_tl_types::{enums, functions as f, types};

use super::{Answer, polls};
use crate::sandbox::rpc::{input_peer, messages};
use crate::sandbox::world::reactions::Card;
use crate::sandbox::world::{Draft, Failure, MediaRec, PeerKey, World};

/// Dice emoji and their largest value.
const DICE: &[(&str, i32)] = &[("🎲", 6), ("🎯", 6), ("🎳", 6), ("🏀", 5), ("⚽", 5), ("🎰", 64)];

/// Whether this family sends the media (rather than the file handlers).
pub(crate) fn owns_media(media: &enums::InputMedia) -> bool {
    use enums::InputMedia as M;
    matches!(media, M::Poll(_) | M::Contact(_) | M::Dice(_) | M::GeoPoint(_) | M::GeoLive(_) | M::Venue(_))
}

pub(crate) fn send_media(w: &mut World, r: f::messages::SendMedia, now: i32) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    let (reply_to, top_msg_id) = messages::reply_target(r.reply_to)?;
    if w.random_ids.contains_key(&r.random_id) {
        return Err(Failure::new(500, "RANDOM_ID_DUPLICATE"));
    }
    let media = media(w, peer, &r.media)?;
    let draft = Draft {
        text: r.message,
        reply_to,
        top_msg_id,
        random_id: r.random_id,
        media: Some(media),
        grouped_id: None,
    };
    let (msg, affected) = w.send(peer, draft, now)?;
    let id = enums::Update::MessageId(types::UpdateMessageId { id: msg.id, random_id: r.random_id });
    Ok(messages::updates(w, vec![(msg, affected)], vec![id], now))
}

fn media(w: &mut World, peer: PeerKey, media: &enums::InputMedia) -> Result<MediaRec, Failure> {
    use enums::InputMedia as M;
    let card = match media {
        M::Poll(p) => return Ok(MediaRec::Poll(Box::new(polls::new_poll(w, peer, p)?))),
        M::GeoPoint(g) => {
            let (lat, long, _) = point(&g.geo_point)?;
            return Ok(MediaRec::Geo { lat, long });
        }
        M::GeoLive(g) => {
            let (lat, long, accuracy) = point(&g.geo_point)?;
            let period = g.period.filter(|p| (60..=86_400).contains(p) || *p == i32::MAX);
            let period = period.ok_or_else(|| Failure::bad("PERIOD_INVALID"))?;
            if g.heading.is_some_and(|h| !(1..=360).contains(&h)) {
                return Err(Failure::bad("HEADING_INVALID"));
            }
            Card::Live {
                lat,
                long,
                accuracy,
                heading: g.heading,
                period,
                proximity: g.proximity_notification_radius,
            }
        }
        M::Venue(v) => {
            let (lat, long, _) = point(&v.geo_point)?;
            Card::Venue {
                lat,
                long,
                title: v.title.clone(),
                address: v.address.clone(),
                provider: v.provider.clone(),
                id: v.venue_id.clone(),
                kind: v.venue_type.clone(),
            }
        }
        M::Contact(c) => contact(w, c)?,
        M::Dice(d) => {
            let max = DICE.iter().find(|(e, _)| *e == d.emoticon).map(|(_, max)| *max);
            let max = max.ok_or_else(|| Failure::bad("EMOTICON_INVALID"))?;
            let roll = getrandom::u32().map_err(|_| Failure::new(500, "INTERNAL_SERVER_ERROR"))?;
            Card::Dice { emoticon: d.emoticon.clone(), value: 1 + (roll % max as u32) as i32 }
        }
        _ => return Err(Failure::bad("MEDIA_INVALID")),
    };
    Ok(MediaRec::Card(Box::new(card)))
}

fn contact(w: &World, c: &types::InputMediaContact) -> Result<Card, Failure> {
    let digits: String = c.phone_number.chars().filter(char::is_ascii_digit).collect();
    let plain = c
        .phone_number
        .trim_start_matches('+')
        .chars()
        .all(|ch| ch.is_ascii_digit() || ch == ' ' || ch == '-');
    if !plain || !(6..=15).contains(&digits.len()) {
        return Err(Failure::bad("PHONE_NUMBER_INVALID"));
    }
    if c.first_name.trim().is_empty() {
        return Err(Failure::bad("CONTACT_NAME_EMPTY"));
    }
    let user_id = w
        .users
        .values()
        .find(|u| {
            u.phone
                .as_deref()
                .is_some_and(|p| p.chars().filter(char::is_ascii_digit).collect::<String>() == digits)
        })
        .map_or(0, |u| u.id);
    Ok(Card::Contact {
        phone: c.phone_number.clone(),
        first: c.first_name.clone(),
        last: c.last_name.clone(),
        vcard: c.vcard.clone(),
        user_id,
    })
}

/// Latitude, longitude and accuracy of a point, checked as Telegram does.
fn point(p: &enums::InputGeoPoint) -> Result<(f64, f64, Option<i32>), Failure> {
    match p {
        enums::InputGeoPoint::Point(p)
            if (-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.long) =>
        {
            Ok((p.lat, p.long, p.accuracy_radius))
        }
        _ => Err(Failure::bad("GEO_POINT_INVALID")),
    }
}
