//! Contact cards, dice, locations (static or live) and venues: one `messages.sendMedia` each,
//! with the `random_id` chosen once per call so a retry never sends twice.

use grammers_client::tl;

use crate::model::Message;
use crate::owner::OwnerError;
use crate::owner::telegram::peers::Target;
use crate::owner::telegram::write::{SendOptions, reply_header};
use crate::owner::telegram::{Telegram, rand_i64};

/// What to send.
#[derive(Debug, Clone, PartialEq)]
pub enum Card {
    Contact {
        phone: String,
        first_name: String,
        last_name: String,
        vcard: String,
    },
    Dice {
        emoji: String,
    },
    Location {
        latitude: f64,
        longitude: f64,
        accuracy: Option<i32>,
        live: Option<Live>,
    },
    Venue {
        latitude: f64,
        longitude: f64,
        title: String,
        address: String,
        provider: String,
        id: String,
        kind: String,
    },
}

/// A live location's period (seconds), heading (degrees) and proximity alert radius (meters).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Live {
    pub period: i32,
    pub heading: Option<i32>,
    pub proximity: Option<i32>,
}

impl Telegram {
    /// Sends a card; returns the message and, for dice, the value Telegram rolled.
    pub(crate) async fn send_card(
        &self,
        target: &Target,
        card: &Card,
        options: SendOptions<'_>,
    ) -> Result<(Message, Option<i32>), OwnerError> {
        let (message, media) = self.send_input_media(target, input_media(card), options).await?;
        let value = match media {
            Some(tl::enums::MessageMedia::Dice(d)) => Some(d.value),
            _ => None,
        };
        Ok((message, value))
    }

    /// `messages.sendMedia` without a caption; returns the new message and its raw media.
    pub(super) async fn send_input_media(
        &self,
        target: &Target,
        media: tl::enums::InputMedia,
        options: SendOptions<'_>,
    ) -> Result<(Message, Option<tl::enums::MessageMedia>), OwnerError> {
        let random_id = rand_i64();
        let request = tl::functions::messages::SendMedia {
            silent: false,
            background: false,
            clear_draft: false,
            noforwards: false,
            update_stickersets_order: false,
            invert_media: false,
            allow_paid_floodskip: false,
            peer: target.input_peer(),
            reply_to: reply_header(options.to, options.topic),
            media,
            message: String::new(),
            random_id,
            reply_markup: None,
            entities: None,
            schedule_date: None,
            schedule_repeat_period: None,
            send_as: None,
            quick_reply_shortcut: None,
            effect: options.effect,
            allow_paid_stars: None,
            suggested_post: None,
        };
        let updates = self.call(&request).await.map_err(already_sent)?;
        let raw = new_media(&updates);
        let message = self.sent_messages(updates, &[random_id]).into_iter().flatten().next();
        let message = message.ok_or_else(|| {
            OwnerError::Internal(anyhow::anyhow!("Telegram did not return the sent message"))
        })?;
        Ok((message, raw))
    }
}

fn input_media(card: &Card) -> tl::enums::InputMedia {
    use tl::enums::InputMedia as M;
    match card {
        Card::Contact { phone, first_name, last_name, vcard } => M::Contact(tl::types::InputMediaContact {
            phone_number: phone.clone(),
            first_name: first_name.clone(),
            last_name: last_name.clone(),
            vcard: vcard.clone(),
        }),
        Card::Dice { emoji } => M::Dice(tl::types::InputMediaDice { emoticon: emoji.clone() }),
        Card::Location { latitude, longitude, accuracy, live: None } => {
            M::GeoPoint(tl::types::InputMediaGeoPoint { geo_point: point(*latitude, *longitude, *accuracy) })
        }
        Card::Location { latitude, longitude, accuracy, live: Some(live) } => {
            M::GeoLive(tl::types::InputMediaGeoLive {
                stopped: false,
                geo_point: point(*latitude, *longitude, *accuracy),
                heading: live.heading,
                period: Some(live.period),
                proximity_notification_radius: live.proximity,
            })
        }
        Card::Venue { latitude, longitude, title, address, provider, id, kind } => {
            M::Venue(tl::types::InputMediaVenue {
                geo_point: point(*latitude, *longitude, None),
                title: title.clone(),
                address: address.clone(),
                provider: provider.clone(),
                venue_id: id.clone(),
                venue_type: kind.clone(),
            })
        }
    }
}

fn point(lat: f64, long: f64, accuracy_radius: Option<i32>) -> tl::enums::InputGeoPoint {
    tl::enums::InputGeoPoint::Point(tl::types::InputGeoPoint { lat, long, accuracy_radius })
}

/// The media of the message an answer created.
fn new_media(updates: &tl::enums::Updates) -> Option<tl::enums::MessageMedia> {
    let tl::enums::Updates::Updates(u) = updates else { return None };
    u.updates.iter().find_map(|update| {
        let message = match update {
            tl::enums::Update::NewMessage(m) => &m.message,
            tl::enums::Update::NewChannelMessage(m) => &m.message,
            _ => return None,
        };
        match message {
            tl::enums::Message::Message(m) => m.media.clone(),
            _ => None,
        }
    })
}

fn already_sent(error: OwnerError) -> OwnerError {
    match error {
        OwnerError::Rpc { name, .. } if name == "RANDOM_ID_DUPLICATE" => OwnerError::Invalid(
            "Telegram reports this message as already sent (a retry after a dropped connection): check the \
             chat before sending again"
                .into(),
        ),
        other => other,
    }
}
