//! Business profile settings: work hours, location, greeting and away messages, intro. Each
//! write replaces the setting (or clears it when the field is absent); the account's own
//! `users.getFullUser` shows them.

use grammers_tl_types::{enums, functions as f, types};

use super::super::input_user;
use super::{Answer, done};
use crate::sandbox::world::business::{
    AwayRec, AwaySchedule, GreetingRec, HoursRec, IntroRec, LocationRec, RecipientsRec,
};
use crate::sandbox::world::{Failure, MediaKind, World};

/// Work hours may wrap past Sunday midnight by one day, as Telegram allows.
const WEEK_END: i32 = 8 * 24 * 60;

pub(super) fn hours(w: &mut World, r: f::account::UpdateBusinessWorkHours) -> Answer {
    let Some(enums::BusinessWorkHours::Hours(h)) = r.business_work_hours else {
        w.business.hours = None;
        return done();
    };
    if !valid_timezone(&h.timezone_id) {
        return Err(Failure::bad("TIMEZONE_INVALID"));
    }
    let mut weekly: Vec<(i32, i32)> = h
        .weekly_open
        .iter()
        .map(|enums::BusinessWeeklyOpen::Open(o)| (o.start_minute, o.end_minute))
        .collect();
    if weekly.is_empty() {
        return Err(Failure::bad("BUSINESS_WORK_HOURS_EMPTY"));
    }
    weekly.sort_unstable();
    let in_week = weekly.iter().all(|&(s, e)| 0 <= s && s < e && e <= WEEK_END);
    let apart = weekly.windows(2).all(|p| p[0].1 < p[1].0);
    if !in_week || !apart {
        return Err(Failure::bad("BUSINESS_WORK_HOURS_PERIOD_INVALID"));
    }
    w.business.hours = Some(HoursRec { timezone: h.timezone_id, open_now: h.open_now, weekly });
    done()
}

pub(super) fn location(w: &mut World, r: f::account::UpdateBusinessLocation) -> Answer {
    let geo = match r.geo_point {
        Some(enums::InputGeoPoint::Point(p)) => {
            if !(-90.0..=90.0).contains(&p.lat) || !(-180.0..=180.0).contains(&p.long) {
                return Err(Failure::bad("GEO_POINT_INVALID"));
            }
            Some((p.lat, p.long))
        }
        Some(enums::InputGeoPoint::Empty) | None => None,
    };
    w.business.location = match r.address.filter(|a| !a.trim().is_empty()) {
        Some(address) if address.chars().count() <= 512 => Some(LocationRec { address, geo }),
        Some(_) => return Err(Failure::bad("ADDRESS_INVALID")),
        None if geo.is_some() => return Err(Failure::bad("ADDRESS_INVALID")),
        None => None,
    };
    done()
}

pub(super) fn greeting(w: &mut World, r: f::account::UpdateBusinessGreetingMessage) -> Answer {
    let Some(enums::InputBusinessGreetingMessage::Message(m)) = r.message else {
        w.business.greeting = None;
        return done();
    };
    shortcut(w, m.shortcut_id)?;
    if !(1..=365).contains(&m.no_activity_days) {
        return Err(Failure::bad("NO_ACTIVITY_DAYS_INVALID"));
    }
    let recipients = recipients(w, m.recipients)?;
    let no_activity_days = m.no_activity_days;
    w.business.greeting = Some(GreetingRec { shortcut_id: m.shortcut_id, recipients, no_activity_days });
    done()
}

pub(super) fn away(w: &mut World, r: f::account::UpdateBusinessAwayMessage) -> Answer {
    let Some(enums::InputBusinessAwayMessage::Message(m)) = r.message else {
        w.business.away = None;
        return done();
    };
    shortcut(w, m.shortcut_id)?;
    let schedule = match m.schedule {
        enums::BusinessAwayMessageSchedule::Always => AwaySchedule::Always,
        enums::BusinessAwayMessageSchedule::OutsideWorkHours => AwaySchedule::OutsideWorkHours,
        enums::BusinessAwayMessageSchedule::Custom(c) if 0 < c.start_date && c.start_date < c.end_date => {
            AwaySchedule::Custom { start: c.start_date, end: c.end_date }
        }
        enums::BusinessAwayMessageSchedule::Custom(_) => return Err(Failure::bad("SCHEDULE_DATE_INVALID")),
    };
    let recipients = recipients(w, m.recipients)?;
    let (shortcut_id, offline_only) = (m.shortcut_id, m.offline_only);
    w.business.away = Some(AwayRec { shortcut_id, schedule, offline_only, recipients });
    done()
}

pub(super) fn intro(w: &mut World, r: f::account::UpdateBusinessIntro) -> Answer {
    let Some(enums::InputBusinessIntro::Intro(i)) = r.intro else {
        w.business.intro = None;
        return done();
    };
    if i.title.trim().is_empty() || i.title.chars().count() > 32 {
        return Err(Failure::bad("TITLE_INVALID"));
    }
    if i.description.chars().count() > 70 {
        return Err(Failure::bad("DESCRIPTION_INVALID"));
    }
    let sticker = match i.sticker {
        Some(enums::InputDocument::Document(d)) => {
            let known = w
                .media
                .get(&d.id)
                .is_some_and(|m| m.access_hash == d.access_hash && matches!(m.kind, MediaKind::Document(_)));
            if !known {
                return Err(Failure::bad("STICKER_INVALID"));
            }
            Some(d.id)
        }
        Some(enums::InputDocument::Empty) | None => None,
    };
    w.business.intro = Some(IntroRec { title: i.title, description: i.description, sticker });
    done()
}

/// Fills the Business fields of the account's own full profile.
pub(super) fn add_to_full_user(w: &World, full: &mut enums::UserFull) {
    let enums::UserFull::Full(full) = full;
    let b = &w.business;
    full.business_work_hours = b.hours.as_ref().map(|h| {
        let weekly_open = h
            .weekly
            .iter()
            .map(|&(start_minute, end_minute)| {
                enums::BusinessWeeklyOpen::Open(types::BusinessWeeklyOpen { start_minute, end_minute })
            })
            .collect();
        let timezone_id = h.timezone.clone();
        enums::BusinessWorkHours::Hours(types::BusinessWorkHours {
            open_now: h.open_now,
            timezone_id,
            weekly_open,
        })
    });
    full.business_location = b.location.as_ref().map(|l| {
        let geo_point = l.geo.map(|(lat, long)| {
            enums::GeoPoint::Point(types::GeoPoint { long, lat, access_hash: 0, accuracy_radius: None })
        });
        enums::BusinessLocation::Location(types::BusinessLocation { geo_point, address: l.address.clone() })
    });
    full.business_greeting_message = b.greeting.as_ref().map(|g| {
        enums::BusinessGreetingMessage::Message(types::BusinessGreetingMessage {
            shortcut_id: g.shortcut_id,
            recipients: rendered(&g.recipients),
            no_activity_days: g.no_activity_days,
        })
    });
    full.business_away_message = b.away.as_ref().map(|a| {
        let schedule = match a.schedule {
            AwaySchedule::Always => enums::BusinessAwayMessageSchedule::Always,
            AwaySchedule::OutsideWorkHours => enums::BusinessAwayMessageSchedule::OutsideWorkHours,
            AwaySchedule::Custom { start, end } => {
                enums::BusinessAwayMessageSchedule::Custom(types::BusinessAwayMessageScheduleCustom {
                    start_date: start,
                    end_date: end,
                })
            }
        };
        enums::BusinessAwayMessage::Message(types::BusinessAwayMessage {
            offline_only: a.offline_only,
            shortcut_id: a.shortcut_id,
            schedule,
            recipients: rendered(&a.recipients),
        })
    });
    full.business_intro = b.intro.as_ref().map(|i| {
        let sticker =
            i.sticker.and_then(|id| w.media.get(&id)).map(|m| crate::sandbox::world::tl::document(m));
        let (title, description) = (i.title.clone(), i.description.clone());
        enums::BusinessIntro::Intro(types::BusinessIntro { title, description, sticker })
    });
}

fn shortcut(w: &World, id: i32) -> Result<(), Failure> {
    match w.business.shortcuts.iter().any(|s| s.id == id) {
        true => Ok(()),
        false => Err(Failure::bad("SHORTCUT_INVALID")),
    }
}

fn recipients(w: &World, r: enums::InputBusinessRecipients) -> Result<RecipientsRec, Failure> {
    let enums::InputBusinessRecipients::Recipients(r) = r;
    let users =
        r.users.unwrap_or_default().iter().map(|u| input_user(w, u)).collect::<Result<Vec<_>, _>>()?;
    let any_kind = r.existing_chats || r.new_chats || r.contacts || r.non_contacts;
    if !any_kind && users.is_empty() {
        return Err(Failure::bad("BUSINESS_RECIPIENTS_EMPTY"));
    }
    Ok(RecipientsRec {
        existing_chats: r.existing_chats,
        new_chats: r.new_chats,
        contacts: r.contacts,
        non_contacts: r.non_contacts,
        exclude_selected: r.exclude_selected,
        users,
    })
}

fn rendered(r: &RecipientsRec) -> enums::BusinessRecipients {
    enums::BusinessRecipients::Recipients(types::BusinessRecipients {
        existing_chats: r.existing_chats,
        new_chats: r.new_chats,
        contacts: r.contacts,
        non_contacts: r.non_contacts,
        exclude_selected: r.exclude_selected,
        users: (!r.users.is_empty()).then(|| r.users.clone()),
    })
}

/// `UTC`, or an IANA-style `Area/City` name.
fn valid_timezone(id: &str) -> bool {
    let ok_chars = id.chars().all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c));
    ok_chars && (id == "UTC" || id.split('/').count() >= 2 && id.split('/').all(|p| !p.is_empty()))
}
