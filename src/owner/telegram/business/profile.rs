//! Business profile settings: work hours, location, greeting and away messages, intro. Each
//! setter sends one update (or a clear) and then reads your full profile back, so the result
//! is what Telegram now has.

use grammers_client::tl;

use super::super::Telegram;
use super::super::peers::Target;
use crate::model::business::{
    Away, BusinessProfile, Greeting, Intro, Location, OpenRange, Recipients, WorkHours,
};
use crate::owner::OwnerError;

/// Work hours to set: an IANA timezone and opening ranges in minutes since Monday 00:00.
#[derive(Debug, Clone)]
pub(crate) struct HoursInput {
    pub(crate) timezone: String,
    pub(crate) open_now: bool,
    pub(crate) weekly: Vec<(i32, i32)>,
}

/// An address, optionally with coordinates (latitude, longitude).
#[derive(Debug, Clone)]
pub(crate) struct LocationInput {
    pub(crate) address: String,
    pub(crate) geo: Option<(f64, f64)>,
}

/// Who gets an automatic message: kinds of chats, plus users included (or excluded).
#[derive(Debug, Clone, Default)]
pub(crate) struct RecipientsInput {
    pub(crate) existing_chats: bool,
    pub(crate) new_chats: bool,
    pub(crate) contacts: bool,
    pub(crate) non_contacts: bool,
    pub(crate) exclude_selected: bool,
    pub(crate) users: Vec<Target>,
}

#[derive(Debug, Clone)]
pub(crate) struct GreetingInput {
    pub(crate) shortcut_id: i32,
    pub(crate) recipients: RecipientsInput,
    pub(crate) no_activity_days: i32,
}

/// When the away message is sent.
#[derive(Debug, Clone, Copy)]
pub(crate) enum AwayWhen {
    Always,
    OutsideHours,
    Custom { from: i32, to: i32 },
}

#[derive(Debug, Clone)]
pub(crate) struct AwayInput {
    pub(crate) shortcut_id: i32,
    pub(crate) when: AwayWhen,
    pub(crate) offline_only: bool,
    pub(crate) recipients: RecipientsInput,
}

/// The intro card; the sticker as document id, access hash and file reference.
#[derive(Debug, Clone)]
pub(crate) struct IntroInput {
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) sticker: Option<(i64, i64, Vec<u8>)>,
}

impl Telegram {
    /// Sets (or with `None` clears) the work hours; returns the profile afterwards.
    pub(crate) async fn set_business_hours(
        &self,
        hours: Option<HoursInput>,
    ) -> Result<BusinessProfile, OwnerError> {
        let business_work_hours = hours.map(|h| {
            let weekly_open = h
                .weekly
                .iter()
                .map(|&(start_minute, end_minute)| {
                    tl::enums::BusinessWeeklyOpen::Open(tl::types::BusinessWeeklyOpen {
                        start_minute,
                        end_minute,
                    })
                })
                .collect();
            let timezone_id = h.timezone;
            tl::enums::BusinessWorkHours::Hours(tl::types::BusinessWorkHours {
                open_now: h.open_now,
                timezone_id,
                weekly_open,
            })
        });
        self.call(&tl::functions::account::UpdateBusinessWorkHours { business_work_hours }).await?;
        self.business_profile().await
    }

    /// Sets (or clears) the location.
    pub(crate) async fn set_business_location(
        &self,
        location: Option<LocationInput>,
    ) -> Result<BusinessProfile, OwnerError> {
        let (geo_point, address) = match location {
            Some(l) => {
                let geo = l.geo.map(|(lat, long)| {
                    tl::enums::InputGeoPoint::Point(tl::types::InputGeoPoint {
                        lat,
                        long,
                        accuracy_radius: None,
                    })
                });
                (geo, Some(l.address))
            }
            None => (None, None),
        };
        self.call(&tl::functions::account::UpdateBusinessLocation { geo_point, address }).await?;
        self.business_profile().await
    }

    /// Sets (or clears) the greeting message.
    pub(crate) async fn set_business_greeting(
        &self,
        greeting: Option<GreetingInput>,
    ) -> Result<BusinessProfile, OwnerError> {
        let message = greeting.map(|g| {
            tl::enums::InputBusinessGreetingMessage::Message(tl::types::InputBusinessGreetingMessage {
                shortcut_id: g.shortcut_id,
                recipients: recipients(&g.recipients),
                no_activity_days: g.no_activity_days,
            })
        });
        self.call(&tl::functions::account::UpdateBusinessGreetingMessage { message }).await?;
        self.business_profile().await
    }

    /// Sets (or clears) the away message.
    pub(crate) async fn set_business_away(
        &self,
        away: Option<AwayInput>,
    ) -> Result<BusinessProfile, OwnerError> {
        use tl::enums::BusinessAwayMessageSchedule as S;
        let message = away.map(|a| {
            let schedule = match a.when {
                AwayWhen::Always => S::Always,
                AwayWhen::OutsideHours => S::OutsideWorkHours,
                AwayWhen::Custom { from, to } => {
                    S::Custom(tl::types::BusinessAwayMessageScheduleCustom { start_date: from, end_date: to })
                }
            };
            tl::enums::InputBusinessAwayMessage::Message(tl::types::InputBusinessAwayMessage {
                offline_only: a.offline_only,
                shortcut_id: a.shortcut_id,
                schedule,
                recipients: recipients(&a.recipients),
            })
        });
        self.call(&tl::functions::account::UpdateBusinessAwayMessage { message }).await?;
        self.business_profile().await
    }

    /// Sets (or clears) the intro card.
    pub(crate) async fn set_business_intro(
        &self,
        intro: Option<IntroInput>,
    ) -> Result<BusinessProfile, OwnerError> {
        let intro = intro.map(|i| {
            let sticker = i.sticker.map(|(id, access_hash, file_reference)| {
                tl::enums::InputDocument::Document(tl::types::InputDocument {
                    id,
                    access_hash,
                    file_reference,
                })
            });
            let (title, description) = (i.title, i.description);
            tl::enums::InputBusinessIntro::Intro(tl::types::InputBusinessIntro {
                title,
                description,
                sticker,
            })
        });
        self.call(&tl::functions::account::UpdateBusinessIntro { intro }).await?;
        self.business_profile().await
    }

    /// Your Business settings as your full profile shows them (one RPC).
    pub(crate) async fn business_profile(&self) -> Result<BusinessProfile, OwnerError> {
        let request = tl::functions::users::GetFullUser { id: tl::enums::InputUser::UserSelf };
        let tl::enums::users::UserFull::Full(full) = self.call(&request).await?;
        self.learn(&full.users, &full.chats);
        let tl::enums::UserFull::Full(u) = full.full_user;
        Ok(BusinessProfile {
            hours: u.business_work_hours.map(hours),
            location: u.business_location.map(|tl::enums::BusinessLocation::Location(l)| Location {
                address: l.address,
                latitude: geo(l.geo_point.as_ref()).map(|g| g.0),
                longitude: geo(l.geo_point.as_ref()).map(|g| g.1),
            }),
            greeting: u.business_greeting_message.map(|tl::enums::BusinessGreetingMessage::Message(g)| {
                Greeting {
                    shortcut_id: g.shortcut_id,
                    recipients: audience(g.recipients),
                    no_activity_days: g.no_activity_days,
                }
            }),
            away: u.business_away_message.map(away),
            intro: u.business_intro.map(|tl::enums::BusinessIntro::Intro(i)| Intro {
                title: i.title,
                description: i.description,
                sticker_id: i.sticker.map(|d| match d {
                    tl::enums::Document::Document(d) => d.id.to_string(),
                    tl::enums::Document::Empty(d) => d.id.to_string(),
                }),
            }),
        })
    }
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Telegram's ranges may span midnight; each day's part is shown on its own.
fn hours(raw: tl::enums::BusinessWorkHours) -> WorkHours {
    let tl::enums::BusinessWorkHours::Hours(h) = raw;
    let clock = |m: i32| format!("{:02}:{:02}", m / 60, m % 60);
    let mut schedule = Vec::new();
    for tl::enums::BusinessWeeklyOpen::Open(o) in &h.weekly_open {
        let mut start = o.start_minute.max(0);
        while start < o.end_minute {
            let day_start = start / 1_440 * 1_440;
            let end = o.end_minute.min(day_start + 1_440);
            schedule.push(OpenRange {
                day: DAYS[(start / 1_440).rem_euclid(7) as usize].to_owned(),
                open_from: clock(start - day_start),
                open_to: clock(end - day_start),
            });
            start = end;
        }
    }
    WorkHours { timezone: h.timezone_id, open_now: h.open_now, schedule }
}

fn geo(point: Option<&tl::enums::GeoPoint>) -> Option<(f64, f64)> {
    match point {
        Some(tl::enums::GeoPoint::Point(p)) => Some((p.lat, p.long)),
        _ => None,
    }
}

fn away(raw: tl::enums::BusinessAwayMessage) -> Away {
    use tl::enums::BusinessAwayMessageSchedule as S;
    let tl::enums::BusinessAwayMessage::Message(a) = raw;
    let (schedule, custom_from, custom_to) = match a.schedule {
        S::Always => ("always", None, None),
        S::OutsideWorkHours => ("outside_hours", None, None),
        S::Custom(c) => ("custom", Some(c.start_date), Some(c.end_date)),
    };
    Away {
        shortcut_id: a.shortcut_id,
        schedule: schedule.to_owned(),
        custom_from,
        custom_to,
        offline_only: a.offline_only,
        recipients: audience(a.recipients),
    }
}

/// The original's audience names for Telegram's recipient flags.
fn audience(raw: tl::enums::BusinessRecipients) -> Recipients {
    let tl::enums::BusinessRecipients::Recipients(r) = raw;
    let name = match (r.existing_chats, r.new_chats, r.contacts, r.non_contacts) {
        (false, true, false, false) => "all_new",
        (false, false, true, false) => "contacts_only",
        (false, false, false, true) => "non_contacts",
        (true, false, false, false) => "existing_only",
        (false, false, false, false) => "selected_only",
        _ => "custom",
    };
    Recipients {
        audience: name.to_owned(),
        users: r.users.unwrap_or_default(),
        exclude_selected: r.exclude_selected,
    }
}

fn recipients(r: &RecipientsInput) -> tl::enums::InputBusinessRecipients {
    let users: Vec<tl::enums::InputUser> = r
        .users
        .iter()
        .map(|t| {
            tl::enums::InputUser::User(tl::types::InputUser { user_id: t.raw_id, access_hash: t.access_hash })
        })
        .collect();
    tl::enums::InputBusinessRecipients::Recipients(tl::types::InputBusinessRecipients {
        existing_chats: r.existing_chats,
        new_chats: r.new_chats,
        contacts: r.contacts,
        non_contacts: r.non_contacts,
        exclude_selected: r.exclude_selected,
        users: (!users.is_empty()).then_some(users),
    })
}
