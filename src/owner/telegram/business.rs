//! Telegram Business (chat links, hours, location, greeting, away and intro), and the original's opt-in groups: Stars, group calls and quick replies.
//!
//! The Telegram side of the `business` tools: chat links here, the profile settings in
//! `profile`, Stars in `stars`, group calls and quick replies in `calls`.

mod calls;
mod profile;
mod stars;

pub(crate) use profile::{
    AwayInput, AwayWhen, GreetingInput, HoursInput, IntroInput, LocationInput, RecipientsInput,
};
pub(crate) use stars::{GiftFilter, GiftRef, TransactionFilter};

use grammers_client::tl;

use super::Telegram;
use super::peers::{Target, peer_id};
use super::write::{TextFormat, formatted};
use crate::model::ChatKind;
use crate::model::business::{ChatLink, ResolvedChatLink};
use crate::owner::OwnerError;

impl Telegram {
    /// The account's Business chat links (one RPC).
    pub(crate) async fn business_links(&self) -> Result<Vec<ChatLink>, OwnerError> {
        let tl::enums::account::BusinessChatLinks::Links(found) =
            self.call(&tl::functions::account::GetBusinessChatLinks {}).await?;
        self.learn(&found.users, &found.chats);
        Ok(found.links.iter().map(chat_link).collect())
    }

    /// Creates a chat link pre-filled with `message`.
    pub(crate) async fn create_business_link(
        &self,
        message: &str,
        format: TextFormat,
        title: Option<&str>,
    ) -> Result<ChatLink, OwnerError> {
        let link = input_link(message, format, title)?;
        let created = self.call(&tl::functions::account::CreateBusinessChatLink { link }).await?;
        Ok(chat_link(&created))
    }

    /// Replaces the message and title of a chat link.
    pub(crate) async fn edit_business_link(
        &self,
        slug: &str,
        message: &str,
        format: TextFormat,
        title: Option<&str>,
    ) -> Result<ChatLink, OwnerError> {
        let link = input_link(message, format, title)?;
        let request = tl::functions::account::EditBusinessChatLink { slug: slug.to_owned(), link };
        Ok(chat_link(&self.call(&request).await?))
    }

    /// Deletes a chat link.
    pub(crate) async fn delete_business_link(&self, slug: &str) -> Result<(), OwnerError> {
        self.call(&tl::functions::account::DeleteBusinessChatLink { slug: slug.to_owned() }).await?;
        Ok(())
    }

    /// Whose chat a link opens and its message.
    pub(crate) async fn resolve_business_link(&self, slug: &str) -> Result<ResolvedChatLink, OwnerError> {
        let request = tl::functions::account::ResolveBusinessChatLink { slug: slug.to_owned() };
        let tl::enums::account::ResolvedBusinessChatLinks::Links(found) = self.call(&request).await?;
        self.learn(&found.users, &found.chats);
        let peer_id = peer_id(&found.peer);
        let peer_type = match found.peer {
            tl::enums::Peer::User(_) => "user",
            tl::enums::Peer::Chat(_) => "group",
            tl::enums::Peer::Channel(_) => "channel",
        };
        Ok(ResolvedChatLink {
            slug: slug.to_owned(),
            peer_id,
            peer_type: peer_type.to_owned(),
            peer_name: self.name_of(peer_id),
            message: found.message,
            entity_count: found.entities.map_or(0, |e| e.len()),
        })
    }

    /// A peer's display name from the cache (`you` for yourself).
    pub(super) fn name_of(&self, id: i64) -> Option<String> {
        self.known(id).map(|t: Target| if t.kind == ChatKind::Saved { "you".to_owned() } else { t.title })
    }
}

/// The slug of a link: the part after `t.me/m/`.
fn slug(link: &str) -> String {
    link.rsplit('/').next().unwrap_or_default().to_owned()
}

fn chat_link(raw: &tl::enums::BusinessChatLink) -> ChatLink {
    let tl::enums::BusinessChatLink::Link(l) = raw;
    ChatLink {
        link: l.link.clone(),
        slug: slug(&l.link),
        message: l.message.clone(),
        title: l.title.clone(),
        views: l.views,
        entity_count: l.entities.as_ref().map_or(0, Vec::len),
    }
}

fn input_link(
    message: &str,
    format: TextFormat,
    title: Option<&str>,
) -> Result<tl::enums::InputBusinessChatLink, OwnerError> {
    let (message, entities) = formatted(message, format);
    if message.trim().is_empty() {
        return Err(OwnerError::Invalid("message is empty once formatting is removed".into()));
    }
    Ok(tl::enums::InputBusinessChatLink::Link(tl::types::InputBusinessChatLink {
        message,
        entities,
        title: title.map(str::to_owned),
    }))
}
