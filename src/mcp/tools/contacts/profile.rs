//! Your own profile: names, bio, username, emoji status (and its lists), colours, birthday and
//! personal channel. Every change answers with the profile as Telegram now shows it.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::super::{ChatArg, Reply, guard, limit};
use super::{NoArgs, long_id, next_offset, page_offset};
use crate::mcp::TelegramMcp;
use crate::model::contacts::{Birthday, EmojiStatuses, Profile};
use crate::owner::{EmojiStatusKind, OwnerError, ProfileChange};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UpdateProfile {
    first_name: Option<String>,
    last_name: Option<String>,
    /// Bio, up to 70 characters (140 with Premium).
    bio: Option<String>,
    /// New username without @; empty removes it.
    username: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetEmojiStatus {
    /// Custom emoji document id (from telegram-list-emoji-statuses); omit both ids to clear.
    document_id: Option<String>,
    /// Collectible id, instead of documentId.
    collectible_id: Option<String>,
    /// Unix time the status ends; omit for good.
    #[schemars(range(min = 1))]
    until_unix: Option<i64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ListEmojiStatuses {
    /// Which list (default `default`).
    #[schemars(extend("enum" = ["default", "recent", "channel_default", "collectible"]))]
    kind: Option<String>,
    /// Statuses per page, 1–100 (default 50).
    limit: Option<u32>,
    /// `nextCursor` of the previous page.
    cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetProfileColor {
    /// `true`: the profile page colour and pattern (Premium); `false` (default): the name colour.
    for_profile: Option<bool>,
    /// Palette index 0–6 (7+ need Premium); omit to reset.
    #[schemars(range(min = 0, max = 20))]
    color: Option<i32>,
    /// Custom emoji id of the background pattern (Premium).
    background_emoji_id: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetBirthday {
    #[schemars(range(min = 1, max = 31))]
    day: Option<i32>,
    #[schemars(range(min = 1, max = 12))]
    month: Option<i32>,
    /// Omit to hide your age.
    #[schemars(range(min = 1900, max = 2100))]
    year: Option<i32>,
    /// `true` removes the birthday.
    clear: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetPersonalChannel {
    /// Your public channel (id or @username).
    channel_id: Option<ChatArg>,
    /// `true` removes the personal channel.
    clear: Option<bool>,
}

#[tool_router(router = contacts_profile_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Change your first or last name, bio or username.
    #[tool(name = "telegram-update-profile", annotations(title = "Update profile", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Profile>())]
    async fn update_profile(
        &self,
        Parameters(a): Parameters<UpdateProfile>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let trim = |v: Option<String>| v.map(|s| s.trim().to_owned());
            let change = ProfileChange {
                first_name: trim(a.first_name),
                last_name: trim(a.last_name),
                about: trim(a.bio),
                username: trim(a.username).map(|u| u.trim_start_matches('@').to_owned()),
            };
            if change.first_name.as_deref() == Some("") {
                return Err(OwnerError::Invalid("firstName is empty: Telegram needs a first name".into()));
            }
            if [&change.first_name, &change.last_name, &change.about, &change.username]
                .iter()
                .all(|v| v.is_none())
            {
                return Err(OwnerError::Invalid(
                    "nothing to change: give firstName, lastName, bio or username".into(),
                ));
            }
            self.owner.telegram().update_profile(&change).await?;
            self.my_profile("profile updated").await
        })
        .await
    }

    /// Set your emoji status (Premium) by documentId or collectibleId; omit both to clear it.
    #[tool(name = "telegram-set-emoji-status", annotations(title = "Set emoji status", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Profile>())]
    async fn set_emoji_status(
        &self,
        Parameters(a): Parameters<SetEmojiStatus>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let document = long_id(a.document_id.as_deref(), "documentId")?;
            let collectible = long_id(a.collectible_id.as_deref(), "collectibleId")?;
            let until = match a.until_unix {
                None => None,
                Some(t) => Some(i32::try_from(t).ok().filter(|t| *t > 0).ok_or_else(|| {
                    OwnerError::Invalid(format!("untilUnix {t} is not a unix time in seconds before 2038"))
                })?),
            };
            self.owner.telegram().set_emoji_status(document, collectible, until).await?;
            let what = if document.is_none() && collectible.is_none() {
                "emoji status cleared"
            } else {
                "emoji status set"
            };
            self.my_profile(what).await
        })
        .await
    }

    /// Emoji statuses to choose from: default, recent, channel_default or collectible.
    #[tool(name = "telegram-list-emoji-statuses", annotations(title = "Emoji statuses", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<EmojiStatusPage>())]
    async fn list_emoji_statuses(
        &self,
        Parameters(a): Parameters<ListEmojiStatuses>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let kind_name = a.kind.as_deref().unwrap_or("default").to_owned();
            let kind = match kind_name.as_str() {
                "default" => EmojiStatusKind::Default,
                "recent" => EmojiStatusKind::Recent,
                "channel_default" => EmojiStatusKind::ChannelDefault,
                "collectible" => EmojiStatusKind::Collectible,
                other => {
                    return Err(OwnerError::Invalid(format!(
                        "kind {other:?} is not one of default, recent, channel_default, collectible"
                    )));
                }
            };
            let offset = page_offset(a.cursor.as_deref())?;
            let all = self.owner.telegram().emoji_statuses(kind).await?;
            let total = all.len();
            let statuses: Vec<_> = all.into_iter().skip(offset).take(limit(a.limit, 50)).collect();
            let next_cursor = next_offset(offset, statuses.len(), total);
            let mut text = format!("{kind_name} emoji statuses ({total}):");
            for s in &statuses {
                let id = s.document_id.as_deref().unwrap_or("-");
                text.push_str(&format!("\n documentId {id}"));
                if let (Some(c), Some(t)) = (&s.collectible_id, &s.title) {
                    text.push_str(&format!(" · collectibleId {c} · {}", crate::mcp::render::clean(t)));
                }
            }
            if let Some(c) = &next_cursor {
                text.push_str(&format!("\nmore with cursor {c}"));
            }
            let value =
                EmojiStatusPage { list: EmojiStatuses { kind: kind_name, statuses, total }, next_cursor };
            Ok((text, value))
        })
        .await
    }

    /// Clear your recently used emoji statuses.
    #[tool(name = "telegram-clear-recent-emoji-statuses", annotations(title = "Clear recent emoji statuses", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<EmojiStatuses>())]
    async fn clear_recent_emoji_statuses(
        &self,
        Parameters(_): Parameters<NoArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            tg.clear_recent_emoji_statuses().await?;
            let statuses = tg.emoji_statuses(EmojiStatusKind::Recent).await?;
            let value = EmojiStatuses { kind: "recent".into(), total: statuses.len(), statuses };
            Ok((format!("recent emoji statuses cleared ({} left)", value.total), value))
        })
        .await
    }

    /// Set your name colour, or with forProfile your profile colour and pattern (Premium for 7+ and patterns). Omit color to reset.
    #[tool(name = "telegram-set-profile-color", annotations(title = "Set profile colour", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Profile>())]
    async fn set_profile_color(
        &self,
        Parameters(a): Parameters<SetProfileColor>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            if let Some(c) = a.color.filter(|c| !(0..=20).contains(c)) {
                return Err(OwnerError::Invalid(format!("color {c} is outside 0–20")));
            }
            let emoji = long_id(a.background_emoji_id.as_deref(), "backgroundEmojiId")?;
            let for_profile = a.for_profile.unwrap_or(false);
            self.owner.telegram().set_color(for_profile, a.color, emoji).await?;
            let which = if for_profile { "profile colour" } else { "name colour" };
            let what = if a.color.is_none() && emoji.is_none() {
                format!("{which} reset")
            } else {
                format!("{which} set")
            };
            self.my_profile(&what).await
        })
        .await
    }

    /// Set your birthday (year optional), or remove it with clear.
    #[tool(name = "telegram-set-birthday", annotations(title = "Set birthday", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Profile>())]
    async fn set_birthday(
        &self,
        Parameters(a): Parameters<SetBirthday>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let birthday = if a.clear == Some(true) {
                if a.day.is_some() || a.month.is_some() || a.year.is_some() {
                    return Err(OwnerError::Invalid(
                        "give day and month or clear, not both: clear: true removes the birthday".into(),
                    ));
                }
                None
            } else {
                let (Some(day), Some(month)) = (a.day, a.month) else {
                    return Err(OwnerError::Invalid("give day and month (or clear: true)".into()));
                };
                Some(valid_birthday(day, month, a.year)?)
            };
            self.owner.telegram().set_birthday(birthday).await?;
            self.my_profile(if birthday.is_some() { "birthday set" } else { "birthday removed" }).await
        })
        .await
    }

    /// Show one of your public channels on your profile, or remove it with clear.
    #[tool(name = "telegram-set-personal-channel", annotations(title = "Set personal channel", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Profile>())]
    async fn set_personal_channel(
        &self,
        Parameters(a): Parameters<SetPersonalChannel>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let channel = match (&a.channel_id, a.clear == Some(true)) {
                (None, true) => None,
                (Some(arg), false) => Some(self.chat(arg).await?),
                (None, false) => return Err(OwnerError::Invalid("give channelId (or clear: true)".into())),
                (Some(_), true) => {
                    return Err(OwnerError::Invalid("give channelId or clear, not both".into()));
                }
            };
            self.owner.telegram().set_personal_channel(channel.as_ref()).await?;
            self.my_profile(if channel.is_some() {
                "personal channel set"
            } else {
                "personal channel removed"
            })
            .await
        })
        .await
    }
}

/// A page of an emoji status list.
#[derive(Debug, serde::Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
struct EmojiStatusPage {
    #[serde(flatten)]
    list: EmojiStatuses,
    next_cursor: Option<String>,
}

impl TelegramMcp {
    /// Your profile after a change, introduced by `what`.
    async fn my_profile(&self, what: &str) -> Result<(String, Profile), OwnerError> {
        let tg = self.owner.telegram();
        let me = tg.resolve("me").await?;
        let profile = tg.profile(&me).await?;
        Ok((format!("{what}\n{}", super::people::profile_text(&profile)), profile))
    }
}

/// A real calendar date (29 February only without a year or in a leap year).
fn valid_birthday(day: i32, month: i32, year: Option<i32>) -> Result<Birthday, OwnerError> {
    let leap = year.is_none_or(|y| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(OwnerError::Invalid(format!("month {month} is not 1–12"))),
    };
    if !(1..=days).contains(&day) {
        return Err(OwnerError::Invalid(format!("day {day} does not exist in month {month}")));
    }
    if let Some(y) = year.filter(|y| !(1900..=2100).contains(y)) {
        return Err(OwnerError::Invalid(format!("year {y} is outside 1900–2100")));
    }
    Ok(Birthday { day, month, year })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birthdays_are_real_dates() {
        assert!(valid_birthday(29, 2, None).is_ok());
        assert!(valid_birthday(29, 2, Some(2024)).is_ok());
        assert!(valid_birthday(29, 2, Some(1900)).is_err());
        assert!(valid_birthday(31, 4, None).is_err());
        assert!(valid_birthday(1, 13, None).is_err());
        assert!(valid_birthday(1, 1, Some(1800)).is_err());
    }
}
