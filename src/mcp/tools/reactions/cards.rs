//! Card tools: send a contact, dice, a location (static or live) or a venue.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use super::args::{CardSent, SendContact, SendDice, SendLocation, SendVenue};
use crate::mcp::tools::{ChatArg, Reply, guard};
use crate::mcp::{TelegramMcp, render};
use crate::owner::{Card, Live, OwnerError, SendOptions};

/// The dice Telegram rolls.
const DICE: &[&str] = &["🎲", "🎯", "🎰", "🏀", "⚽", "🎳"];

#[tool_router(router = cards_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Send a contact card (phone number and name).
    #[tool(name = "telegram-send-contact", annotations(title = "Send contact", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<CardSent>())]
    async fn send_contact(
        &self,
        Parameters(a): Parameters<SendContact>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let digits = a.phone.strip_prefix('+').unwrap_or(&a.phone);
            if !(6..=15).contains(&digits.len()) || !digits.chars().all(|c| c.is_ascii_digit()) {
                return Err(OwnerError::Invalid(format!(
                    "phone {:?} is not 6–15 digits with an optional leading +",
                    a.phone
                )));
            }
            if a.first_name.trim().is_empty() {
                return Err(OwnerError::Invalid("firstName is empty".into()));
            }
            let card = Card::Contact {
                phone: a.phone.clone(),
                first_name: a.first_name.trim().to_owned(),
                last_name: a.last_name.unwrap_or_default(),
                vcard: a.vcard.unwrap_or_default(),
            };
            self.send_card(&a.chat_id, card, a.reply_to, a.topic_id).await
        })
        .await
    }

    /// Send an animated dice emoji; Telegram rolls the value (🎲🎯🎳 1–6, 🏀⚽ 1–5, 🎰 1–64).
    #[tool(name = "telegram-send-dice", annotations(title = "Send dice", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<CardSent>())]
    async fn send_dice(&self, Parameters(a): Parameters<SendDice>, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let emoji = a.emoji.as_deref().map_or("🎲", str::trim);
            // Telegram's dice are spelled without a variation selector.
            let emoji: String = emoji.chars().filter(|c| *c != '\u{fe0f}').collect();
            if !DICE.contains(&emoji.as_str()) {
                return Err(OwnerError::Invalid(format!(
                    "emoji {emoji:?} is not a dice: use one of {}",
                    DICE.join(" ")
                )));
            }
            self.send_card(&a.chat_id, Card::Dice { emoji }, a.reply_to, a.topic_id).await
        })
        .await
    }

    /// Send a location pin, or a live location for `livePeriod` seconds.
    #[tool(name = "telegram-send-location", annotations(title = "Send location", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<CardSent>())]
    async fn send_location(
        &self,
        Parameters(a): Parameters<SendLocation>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            coordinates(a.latitude, a.longitude)?;
            if a.accuracy_radius.is_some_and(|r| r < 0) {
                return Err(OwnerError::Invalid("accuracyRadius cannot be negative".into()));
            }
            let live = match a.live_period {
                Some(period) if !(60..=86_400).contains(&period) => {
                    return Err(OwnerError::Invalid(format!(
                        "livePeriod {period} is outside 60–86400 seconds"
                    )));
                }
                Some(period) => Some(Live { period, heading: a.heading, proximity: a.proximity_radius }),
                None if a.heading.is_some() || a.proximity_radius.is_some() => {
                    return Err(OwnerError::Invalid("heading and proximityRadius need livePeriod".into()));
                }
                None => None,
            };
            if a.heading.is_some_and(|h| !(1..=360).contains(&h)) {
                return Err(OwnerError::Invalid("heading must be 1–360 degrees".into()));
            }
            if a.proximity_radius.is_some_and(|r| r <= 0) {
                return Err(OwnerError::Invalid("proximityRadius must be positive".into()));
            }
            let card = Card::Location {
                latitude: a.latitude,
                longitude: a.longitude,
                accuracy: a.accuracy_radius,
                live,
            };
            self.send_card(&a.chat_id, card, a.reply_to, a.topic_id).await
        })
        .await
    }

    /// Send a venue card: a place with its title and address.
    #[tool(name = "telegram-send-venue", annotations(title = "Send venue", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<CardSent>())]
    async fn send_venue(
        &self,
        Parameters(a): Parameters<SendVenue>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            coordinates(a.latitude, a.longitude)?;
            if a.title.trim().is_empty() || a.address.trim().is_empty() {
                return Err(OwnerError::Invalid("a venue needs a title and an address".into()));
            }
            let card = Card::Venue {
                latitude: a.latitude,
                longitude: a.longitude,
                title: a.title.trim().to_owned(),
                address: a.address.trim().to_owned(),
                provider: a.provider.unwrap_or_else(|| "foursquare".to_owned()),
                id: a.venue_id.unwrap_or_default(),
                kind: a.venue_type.unwrap_or_default(),
            };
            self.send_card(&a.chat_id, card, a.reply_to, a.topic_id).await
        })
        .await
    }
}

impl TelegramMcp {
    /// Sends a card into a chat (as a reply or into a topic) and renders the result.
    async fn send_card(
        &self,
        chat: &ChatArg,
        card: Card,
        reply_to: Option<i32>,
        topic: Option<i32>,
    ) -> Result<(String, CardSent), OwnerError> {
        let target = self.chat(chat).await?;
        let options = SendOptions { to: reply_to, topic, ..SendOptions::default() };
        let (message, value) = self.owner.telegram().send_card(&target, &card, options).await?;
        let line = format!(
            "sent to {} (id {}): {}",
            render::clean(&target.title),
            target.id,
            render::message(&message)
        );
        Ok((line, CardSent { message, value }))
    }
}

fn coordinates(latitude: f64, longitude: f64) -> Result<(), OwnerError> {
    if !(-90.0..=90.0).contains(&latitude) || !(-180.0..=180.0).contains(&longitude) {
        return Err(OwnerError::Invalid(format!(
            "({latitude}, {longitude}) is not on Earth: latitude is -90..90, longitude -180..180"
        )));
    }
    Ok(())
}
