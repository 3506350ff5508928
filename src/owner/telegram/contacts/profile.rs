//! The own profile: names, bio and username (`account.updateProfile`, `updateUsername`), the
//! emoji status and its lists, the name and profile colours, the birthday and the personal
//! channel. Each is one call; the tools read the profile back afterwards.

use grammers_client::tl;

use super::emoji_status;
use crate::model::ChatKind;
use crate::model::contacts::{Birthday, EmojiStatus};
use crate::owner::OwnerError;
use crate::owner::telegram::Telegram;
use crate::owner::telegram::peers::Target;

/// Which fields of the own profile to change (`None`: keep).
#[derive(Debug, Clone, Default)]
pub struct ProfileChange {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub about: Option<String>,
    /// Without `@`; empty removes the username.
    pub username: Option<String>,
}

/// An emoji status list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmojiStatusKind {
    Default,
    Recent,
    ChannelDefault,
    Collectible,
}

impl Telegram {
    /// `account.updateProfile` (names, bio) and `account.updateUsername`, as far as given.
    pub(crate) async fn update_profile(&self, change: &ProfileChange) -> Result<(), OwnerError> {
        if change.first_name.is_some() || change.last_name.is_some() || change.about.is_some() {
            let request = tl::functions::account::UpdateProfile {
                first_name: change.first_name.clone(),
                last_name: change.last_name.clone(),
                about: change.about.clone(),
            };
            let user = self.call(&request).await?;
            self.learn(&[user], &[]);
        }
        if let Some(username) = &change.username {
            let request = tl::functions::account::UpdateUsername { username: username.clone() };
            let user = self.call(&request).await.map_err(|e| match e {
                OwnerError::Rpc { name, .. } if name == "USERNAME_INVALID" => OwnerError::Invalid(format!(
                    "username {username:?} is not valid (USERNAME_INVALID): 5–32 characters of a–z, 0–9 and _, \
                     starting with a letter"
                )),
                other => other,
            })?;
            self.learn(&[user], &[]);
        }
        Ok(())
    }

    /// One of the emoji status lists.
    pub(crate) async fn emoji_statuses(&self, kind: EmojiStatusKind) -> Result<Vec<EmojiStatus>, OwnerError> {
        use tl::functions::account as a;
        let answer = match kind {
            EmojiStatusKind::Default => self.call(&a::GetDefaultEmojiStatuses { hash: 0 }).await?,
            EmojiStatusKind::Recent => self.call(&a::GetRecentEmojiStatuses { hash: 0 }).await?,
            EmojiStatusKind::ChannelDefault => {
                self.call(&a::GetChannelDefaultEmojiStatuses { hash: 0 }).await?
            }
            EmojiStatusKind::Collectible => self.call(&a::GetCollectibleEmojiStatuses { hash: 0 }).await?,
        };
        Ok(match answer {
            tl::enums::account::EmojiStatuses::Statuses(s) => {
                s.statuses.iter().filter_map(emoji_status).collect()
            }
            tl::enums::account::EmojiStatuses::NotModified => Vec::new(),
        })
    }

    /// `account.updateEmojiStatus`: a custom emoji, a collectible, or none.
    pub(crate) async fn set_emoji_status(
        &self,
        document_id: Option<i64>,
        collectible_id: Option<i64>,
        until: Option<i32>,
    ) -> Result<(), OwnerError> {
        use tl::enums::EmojiStatus as S;
        let emoji_status = match (document_id, collectible_id) {
            (Some(document_id), None) => S::Status(tl::types::EmojiStatus { document_id, until }),
            (None, Some(collectible_id)) => {
                S::InputEmojiStatusCollectible(tl::types::InputEmojiStatusCollectible {
                    collectible_id,
                    until,
                })
            }
            (None, None) => S::Empty,
            (Some(_), Some(_)) => {
                return Err(OwnerError::Invalid("give documentId or collectibleId, not both".into()));
            }
        };
        self.call(&tl::functions::account::UpdateEmojiStatus { emoji_status }).await?;
        Ok(())
    }

    /// `account.clearRecentEmojiStatuses`.
    pub(crate) async fn clear_recent_emoji_statuses(&self) -> Result<(), OwnerError> {
        self.call(&tl::functions::account::ClearRecentEmojiStatuses {}).await?;
        Ok(())
    }

    /// `account.updateColor`: the name colour, or the profile colour and pattern; `None`
    /// resets to the default.
    pub(crate) async fn set_color(
        &self,
        for_profile: bool,
        color: Option<i32>,
        background_emoji_id: Option<i64>,
    ) -> Result<(), OwnerError> {
        let color = (color.is_some() || background_emoji_id.is_some())
            .then_some(tl::enums::PeerColor::Color(tl::types::PeerColor { color, background_emoji_id }));
        self.call(&tl::functions::account::UpdateColor { for_profile, color }).await?;
        Ok(())
    }

    /// `account.updateBirthday`; `None` removes it.
    pub(crate) async fn set_birthday(&self, birthday: Option<Birthday>) -> Result<(), OwnerError> {
        let birthday = birthday.map(|b| {
            tl::enums::Birthday::Birthday(tl::types::Birthday { day: b.day, month: b.month, year: b.year })
        });
        self.call(&tl::functions::account::UpdateBirthday { birthday }).await?;
        Ok(())
    }

    /// `account.updatePersonalChannel`; `None` removes it.
    pub(crate) async fn set_personal_channel(&self, channel: Option<&Target>) -> Result<(), OwnerError> {
        let channel = match channel {
            None => tl::enums::InputChannel::Empty,
            // No input channel must never become `Empty`: that would remove the current one.
            Some(t) if t.kind == ChatKind::Channel => t.input_channel().ok_or_else(|| {
                OwnerError::Invalid(format!(
                    "{} could not be looked up as a channel: pass its @username or id from telegram-list-chats",
                    t.title
                ))
            })?,
            Some(t) => {
                return Err(OwnerError::Invalid(format!(
                    "{} is not a broadcast channel: pass one of your public channels",
                    t.title
                )));
            }
        };
        self.call(&tl::functions::account::UpdatePersonalChannel { channel }).await?;
        Ok(())
    }
}
