//! Business profile settings: work hours, location, greeting, away message and intro. Each
//! returns the Business profile as Telegram has it afterwards.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use super::super::{ChatArg, Reply, guard};
use super::profile_args::{
    SetAway, SetGreeting, SetHours, SetIntro, SetLocation, audience, clearing, hex, shortcut, weekly,
};
use crate::mcp::{TelegramMcp, render};
use crate::model::ChatKind;
use crate::model::business::{BusinessProfile, Recipients};
use crate::owner::{
    AwayInput, AwayWhen, GreetingInput, HoursInput, IntroInput, LocationInput, OwnerError, RecipientsInput,
};

#[tool_router(router = business_profile_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Set the Business work hours (weekly ranges in a timezone), or clear them. Needs Telegram Business.
    #[tool(name = "telegram-set-business-hours", annotations(title = "Set business hours", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<BusinessProfile>())]
    async fn set_business_hours(
        &self,
        Parameters(a): Parameters<SetHours>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let set = [a.timezone.is_some(), a.open_now.is_some(), a.schedule.is_some()];
            let hours = if clearing(a.clear, &set, "work hours")? {
                None
            } else {
                let timezone =
                    a.timezone.as_deref().map(str::trim).filter(|t| !t.is_empty()).ok_or_else(|| {
                        OwnerError::Invalid(
                            "timezone is missing: give an IANA name like Europe/Berlin".into(),
                        )
                    })?;
                let schedule = a.schedule.as_deref().ok_or_else(|| {
                    OwnerError::Invalid("schedule is missing: give the opening ranges, or clear: true".into())
                })?;
                let weekly = weekly(schedule)?;
                Some(HoursInput {
                    timezone: timezone.to_owned(),
                    open_now: a.open_now.unwrap_or(false),
                    weekly,
                })
            };
            let profile = self.owner.telegram().set_business_hours(hours).await?;
            Ok((summary("work hours", &profile), profile))
        })
        .await
    }

    /// Set the Business address and optional coordinates, or clear them. Needs Telegram Business.
    #[tool(name = "telegram-set-business-location", annotations(title = "Set business location", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<BusinessProfile>())]
    async fn set_business_location(
        &self,
        Parameters(a): Parameters<SetLocation>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let set = [a.address.is_some(), a.latitude.is_some(), a.longitude.is_some()];
            let location = if clearing(a.clear, &set, "location")? { None } else { Some(location(&a)?) };
            let profile = self.owner.telegram().set_business_location(location).await?;
            Ok((summary("location", &profile), profile))
        })
        .await
    }

    /// Set the Business greeting sent to new chats from a quick-reply shortcut, or turn it off. Needs Telegram Business.
    #[tool(name = "telegram-set-business-greeting", annotations(title = "Set business greeting", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<BusinessProfile>())]
    async fn set_business_greeting(
        &self,
        Parameters(a): Parameters<SetGreeting>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            // The original's defaults (audience, noActivityDays) may come along with clear; other values
            // would be dropped by it, so they are refused.
            let set = [
                a.shortcut_id.is_some(),
                a.include_users.is_some(),
                a.exclude_users.is_some(),
                a.audience.as_deref().is_some_and(|x| x != "all_new"),
                a.no_activity_days.is_some_and(|d| d != 7),
            ];
            let greeting = if clearing(a.clear, &set, "greeting")? {
                None
            } else {
                let shortcut_id = shortcut(a.shortcut_id)?;
                let days = a.no_activity_days.unwrap_or(7);
                if !(1..=365).contains(&days) {
                    return Err(OwnerError::Invalid(format!("noActivityDays {days} is not within 1–365")));
                }
                let recipients = self
                    .recipients(a.audience.as_deref(), a.include_users.as_deref(), a.exclude_users.as_deref())
                    .await?;
                Some(GreetingInput { shortcut_id, recipients, no_activity_days: days as i32 })
            };
            let profile = self.owner.telegram().set_business_greeting(greeting).await?;
            Ok((summary("greeting", &profile), profile))
        })
        .await
    }

    /// Set the Business away message (a quick-reply shortcut) for when you are offline or closed, or turn it off. Needs Telegram Business.
    #[tool(name = "telegram-set-business-away", annotations(title = "Set business away message", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<BusinessProfile>())]
    async fn set_business_away(
        &self,
        Parameters(a): Parameters<SetAway>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            // The original's defaults (schedule, offlineOnly, audience) may come along with clear; other
            // values would be dropped by it, so they are refused.
            let set = [
                a.shortcut_id.is_some(),
                a.custom_from.is_some(),
                a.custom_to.is_some(),
                a.include_users.is_some(),
                a.exclude_users.is_some(),
                a.schedule.as_deref().is_some_and(|x| x != "outside_hours"),
                a.offline_only.is_some_and(|o| !o),
                a.audience.as_deref().is_some_and(|x| x != "all_new"),
            ];
            let away = if clearing(a.clear, &set, "away message")? {
                None
            } else {
                let shortcut_id = shortcut(a.shortcut_id)?;
                let when = when(&a)?;
                let recipients = self
                    .recipients(a.audience.as_deref(), a.include_users.as_deref(), a.exclude_users.as_deref())
                    .await?;
                Some(AwayInput {
                    shortcut_id,
                    when,
                    offline_only: a.offline_only.unwrap_or(true),
                    recipients,
                })
            };
            let profile = self.owner.telegram().set_business_away(away).await?;
            Ok((summary("away message", &profile), profile))
        })
        .await
    }

    /// Set the Business intro card (title, description, optional sticker) new users see, or remove it. Needs Telegram Business.
    #[tool(name = "telegram-set-business-intro", annotations(title = "Set business intro", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<BusinessProfile>())]
    async fn set_business_intro(
        &self,
        Parameters(a): Parameters<SetIntro>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let set = [
                a.title.is_some(),
                a.description.is_some(),
                a.sticker_id.is_some(),
                a.sticker_access_hash.is_some(),
                a.sticker_file_reference.is_some(),
            ];
            let intro = if clearing(a.clear, &set, "intro")? { None } else { Some(intro(&a)?) };
            let profile = self.owner.telegram().set_business_intro(intro).await?;
            Ok((summary("intro", &profile), profile))
        })
        .await
    }
}

impl TelegramMcp {
    /// An audience plus the users included or excluded (people only).
    async fn recipients(
        &self,
        audience_name: Option<&str>,
        include: Option<&[ChatArg]>,
        exclude: Option<&[ChatArg]>,
    ) -> Result<RecipientsInput, OwnerError> {
        let mut r = audience(audience_name)?;
        let (users, exclude_selected) = match (include.unwrap_or_default(), exclude.unwrap_or_default()) {
            (i, e) if !i.is_empty() && !e.is_empty() => {
                return Err(OwnerError::Invalid(
                    "includeUsers and excludeUsers cannot be combined: pass one".into(),
                ));
            }
            (i, []) => (i, false),
            (_, e) => (e, true),
        };
        if users.len() > 100 {
            return Err(OwnerError::Invalid(format!("{} users given: at most 100", users.len())));
        }
        for arg in users {
            let target = self.chat(arg).await?;
            if target.kind != ChatKind::User {
                return Err(OwnerError::Invalid(format!(
                    "{} is not a person: only users can be recipients",
                    target.title
                )));
            }
            r.users.push(target);
        }
        r.exclude_selected = exclude_selected;
        Ok(r)
    }
}

fn location(a: &SetLocation) -> Result<LocationInput, OwnerError> {
    let address = a.address.as_deref().map(str::trim).filter(|s| !s.is_empty()).ok_or_else(|| {
        OwnerError::Invalid("address is missing: give the street address, or clear: true".into())
    })?;
    if address.chars().count() > 512 {
        return Err(OwnerError::Invalid("address is longer than 512 characters".into()));
    }
    let geo = match (a.latitude, a.longitude) {
        (None, None) => None,
        (Some(lat), Some(long)) if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&long) => {
            Some((lat, long))
        }
        (Some(_), Some(_)) => {
            return Err(OwnerError::Invalid(
                "latitude must be within -90..90 and longitude within -180..180".into(),
            ));
        }
        _ => return Err(OwnerError::Invalid("give both latitude and longitude, or neither".into())),
    };
    Ok(LocationInput { address: address.to_owned(), geo })
}

fn when(a: &SetAway) -> Result<AwayWhen, OwnerError> {
    let custom = a.custom_from.is_some() || a.custom_to.is_some();
    match a.schedule.as_deref().map(str::trim).unwrap_or("outside_hours") {
        "always" | "outside_hours" if custom => {
            Err(OwnerError::Invalid("customFrom and customTo belong to schedule: custom".into()))
        }
        "always" => Ok(AwayWhen::Always),
        "outside_hours" => Ok(AwayWhen::OutsideHours),
        "custom" => {
            let (Some(from), Some(to)) = (a.custom_from, a.custom_to) else {
                return Err(OwnerError::Invalid(
                    "schedule custom needs customFrom and customTo (unix times)".into(),
                ));
            };
            match (i32::try_from(from), i32::try_from(to)) {
                (Ok(from), Ok(to)) if 0 < from && from < to => Ok(AwayWhen::Custom { from, to }),
                _ => Err(OwnerError::Invalid("customFrom must be a unix time before customTo".into())),
            }
        }
        other => {
            Err(OwnerError::Invalid(format!("schedule {other:?} is not always, outside_hours or custom")))
        }
    }
}

fn intro(a: &SetIntro) -> Result<IntroInput, OwnerError> {
    let text = |v: Option<&str>, name: &str, max: usize| -> Result<String, OwnerError> {
        let v = v.map(str::trim).filter(|s| !s.is_empty());
        let v =
            v.ok_or_else(|| OwnerError::Invalid(format!("{name} is missing: give it, or clear: true")))?;
        if v.chars().count() > max {
            return Err(OwnerError::Invalid(format!("{name} is longer than {max} characters")));
        }
        Ok(v.to_owned())
    };
    let title = text(a.title.as_deref(), "title", 32)?;
    let description = text(a.description.as_deref(), "description", 70)?;
    let sticker = match (&a.sticker_id, &a.sticker_access_hash, &a.sticker_file_reference) {
        (None, None, None) => None,
        (Some(id), Some(hash), Some(reference)) => {
            let number = |v: &str, name: &str| {
                v.trim()
                    .parse::<i64>()
                    .map_err(|_| OwnerError::Invalid(format!("{name} {v:?} is not a number")))
            };
            let reference = hex(reference)
                .ok_or_else(|| OwnerError::Invalid("stickerFileReference is not hex bytes".into()))?;
            Some((number(id, "stickerId")?, number(hash, "stickerAccessHash")?, reference))
        }
        _ => {
            return Err(OwnerError::Invalid(
                "a sticker needs stickerId, stickerAccessHash and stickerFileReference together".into(),
            ));
        }
    };
    Ok(IntroInput { title, description, sticker })
}

/// What changed, then the whole profile in a few lines.
fn summary(what: &str, p: &BusinessProfile) -> String {
    let mut lines = vec![format!("business {what} updated")];
    if let Some(h) = &p.hours {
        let ranges: Vec<String> =
            h.schedule.iter().map(|r| format!("{} {}–{}", r.day, r.open_from, r.open_to)).collect();
        let open = if h.open_now { ", open now" } else { "" };
        lines.push(format!("hours ({}{open}): {}", h.timezone, ranges.join(", ")));
    }
    if let Some(l) = &p.location {
        let at = l.latitude.zip(l.longitude).map(|(a, b)| format!(" ({a}, {b})")).unwrap_or_default();
        lines.push(format!("location: {}{at}", render::clean(&l.address)));
    }
    if let Some(g) = &p.greeting {
        lines.push(format!(
            "greeting: shortcut {} to {}, after {} idle days",
            g.shortcut_id,
            who(&g.recipients),
            g.no_activity_days
        ));
    }
    if let Some(a) = &p.away {
        lines.push(format!("away: shortcut {} {} to {}", a.shortcut_id, a.schedule, who(&a.recipients)));
    }
    if let Some(i) = &p.intro {
        lines.push(format!("intro: {} — {}", render::clean(&i.title), render::clean(&i.description)));
    }
    lines.join("\n")
}

fn who(r: &Recipients) -> String {
    match (r.users.len(), r.exclude_selected) {
        (0, _) => r.audience.clone(),
        (n, false) => format!("{} + {n} user(s)", r.audience),
        (n, true) => format!("{} except {n} user(s)", r.audience),
    }
}
