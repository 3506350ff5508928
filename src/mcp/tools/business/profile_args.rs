//! Arguments of the Business profile tools (the original's names), and their conversion to
//! what the owner sends: days and `HH:MM` to minutes of the week, audiences to recipient flags.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::mcp::tools::ChatArg;
use crate::owner::{OwnerError, RecipientsInput};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetHours {
    /// IANA timezone (`Europe/Moscow`); needed with `schedule`.
    pub(super) timezone: Option<String>,
    /// Show as open now regardless of the schedule.
    pub(super) open_now: Option<bool>,
    /// Weekly opening ranges; several per day allowed.
    pub(super) schedule: Option<Vec<DayRange>>,
    /// `true` to remove the work hours.
    pub(super) clear: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DayRange {
    /// `mon` … `sun`.
    pub(super) day: String,
    /// Opening time, 24h `HH:MM`.
    pub(super) open_from: String,
    /// Closing time, 24h `HH:MM` (`24:00` for the end of the day).
    pub(super) open_to: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetLocation {
    /// Street address (up to 512 characters).
    pub(super) address: Option<String>,
    /// Latitude, -90 to 90.
    pub(super) latitude: Option<f64>,
    /// Longitude, -180 to 180.
    pub(super) longitude: Option<f64>,
    /// `true` to remove the location.
    pub(super) clear: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetGreeting {
    /// Quick-reply shortcut id (telegram-get-quick-replies) used as the message.
    pub(super) shortcut_id: Option<i64>,
    /// `all_new` (default), `contacts_only`, `non_contacts` or `existing_only`.
    pub(super) audience: Option<String>,
    /// Users always included.
    pub(super) include_users: Option<Vec<ChatArg>>,
    /// Users excluded; not with `includeUsers`.
    pub(super) exclude_users: Option<Vec<ChatArg>>,
    /// Greet again after this many days of silence, 1–365 (default 7).
    pub(super) no_activity_days: Option<i64>,
    /// `true` to turn the greeting off.
    pub(super) clear: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetAway {
    /// Quick-reply shortcut id used as the message.
    pub(super) shortcut_id: Option<i64>,
    /// `always`, `outside_hours` (default) or `custom`.
    pub(super) schedule: Option<String>,
    /// For `custom`: start, unix time.
    pub(super) custom_from: Option<i64>,
    /// For `custom`: end, unix time.
    pub(super) custom_to: Option<i64>,
    /// Only while you appear offline (default true).
    pub(super) offline_only: Option<bool>,
    /// `all_new` (default), `contacts_only`, `non_contacts` or `existing_only`.
    pub(super) audience: Option<String>,
    /// Users always included.
    pub(super) include_users: Option<Vec<ChatArg>>,
    /// Users excluded; not with `includeUsers`.
    pub(super) exclude_users: Option<Vec<ChatArg>>,
    /// `true` to turn the away message off.
    pub(super) clear: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetIntro {
    /// Intro title (up to 32 characters).
    pub(super) title: Option<String>,
    /// Intro description (up to 70 characters).
    pub(super) description: Option<String>,
    /// Sticker document id; needs `stickerAccessHash` and `stickerFileReference`.
    pub(super) sticker_id: Option<String>,
    /// The sticker's access hash.
    pub(super) sticker_access_hash: Option<String>,
    /// The sticker's file reference, hex.
    pub(super) sticker_file_reference: Option<String>,
    /// `true` to remove the intro.
    pub(super) clear: Option<bool>,
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY: i32 = 24 * 60;

/// Ranges as minutes since Monday 00:00, sorted; touching ranges are joined, overlapping ones refused.
pub(super) fn weekly(schedule: &[DayRange]) -> Result<Vec<(i32, i32)>, OwnerError> {
    if schedule.is_empty() {
        return Err(OwnerError::Invalid("schedule is empty: give at least one range, or clear: true".into()));
    }
    let mut ranges = Vec::with_capacity(schedule.len());
    for r in schedule {
        let day = DAYS.iter().position(|d| r.day.trim().eq_ignore_ascii_case(d)).ok_or_else(|| {
            OwnerError::Invalid(format!("day {:?} is not one of mon, tue, wed, thu, fri, sat, sun", r.day))
        })? as i32;
        let from = clock(&r.open_from, false)?;
        let to = clock(&r.open_to, true)?;
        if to <= from {
            return Err(OwnerError::Invalid(format!(
                "{} {}–{} closes before it opens: split a range past midnight into two days",
                r.day, r.open_from, r.open_to
            )));
        }
        ranges.push((day * DAY + from, day * DAY + to));
    }
    ranges.sort_unstable();
    let mut joined: Vec<(i32, i32)> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match joined.last_mut() {
            Some(last) if from < last.1 => {
                return Err(OwnerError::Invalid(
                    "schedule has overlapping ranges: give each time once".into(),
                ));
            }
            Some(last) if from == last.1 => last.1 = to,
            _ => joined.push((from, to)),
        }
    }
    Ok(joined)
}

/// `HH:MM` as minutes; `24:00` only as a closing time.
fn clock(raw: &str, closing: bool) -> Result<i32, OwnerError> {
    let bad = || OwnerError::Invalid(format!("time {raw:?} is not 24h HH:MM"));
    let (h, m) = raw.trim().split_once(':').ok_or_else(bad)?;
    if h.len() != 2 || m.len() != 2 {
        return Err(bad());
    }
    let (h, m): (i32, i32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    let minutes = h * 60 + m;
    match (h, m) {
        (0..=23, 0..=59) => Ok(minutes),
        (24, 0) if closing => Ok(minutes),
        _ => Err(bad()),
    }
}

/// An audience's recipient flags (users are added by the caller).
pub(super) fn audience(name: Option<&str>) -> Result<RecipientsInput, OwnerError> {
    let mut r = RecipientsInput::default();
    match name.map(str::trim).unwrap_or("all_new") {
        "all_new" => r.new_chats = true,
        "contacts_only" => r.contacts = true,
        "non_contacts" => r.non_contacts = true,
        "existing_only" => r.existing_chats = true,
        other => {
            return Err(OwnerError::Invalid(format!(
                "audience {other:?} is not all_new, contacts_only, non_contacts or existing_only"
            )));
        }
    }
    Ok(r)
}

/// A quick-reply shortcut id.
pub(super) fn shortcut(id: Option<i64>) -> Result<i32, OwnerError> {
    let id = id.ok_or_else(|| {
        OwnerError::Invalid(
            "shortcutId is missing: pass one from telegram-get-quick-replies, or clear: true".into(),
        )
    })?;
    i32::try_from(id).ok().filter(|id| *id > 0).ok_or_else(|| {
        OwnerError::Invalid(format!("shortcutId {id} is not a shortcut id from telegram-get-quick-replies"))
    })
}

/// Refuses `clear: true` mixed with settings.
pub(super) fn clearing(clear: Option<bool>, others: &[bool], what: &str) -> Result<bool, OwnerError> {
    let clear = clear.unwrap_or(false);
    if clear && others.iter().any(|set| *set) {
        return Err(OwnerError::Invalid(format!(
            "clear: true removes the {what}: pass no other settings with it"
        )));
    }
    Ok(clear)
}

/// Bytes of a hex string.
pub(super) fn hex(raw: &str) -> Option<Vec<u8>> {
    let raw = raw.trim();
    if !raw.len().is_multiple_of(2) || raw.is_empty() {
        return None;
    }
    (0..raw.len()).step_by(2).map(|i| u8::from_str_radix(raw.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(day: &str, from: &str, to: &str) -> DayRange {
        DayRange { day: day.into(), open_from: from.into(), open_to: to.into() }
    }

    #[test]
    fn schedules_become_minutes_of_the_week() {
        let week = weekly(&[
            range("tue", "09:00", "12:00"),
            range("mon", "22:00", "24:00"),
            range("tue", "00:00", "02:00"),
        ]);
        assert_eq!(week.unwrap(), vec![(1_320, 1_560), (1_980, 2_160)]);
        assert!(weekly(&[range("mon", "09:00", "12:00"), range("mon", "11:00", "13:00")]).is_err());
        assert!(weekly(&[range("fun", "09:00", "12:00")]).is_err());
        assert!(weekly(&[range("mon", "12:00", "09:00")]).is_err());
        assert!(weekly(&[range("mon", "24:00", "24:00")]).is_err());
        assert!(weekly(&[range("mon", "9:00", "12:00")]).is_err());
        assert!(weekly(&[]).is_err());
    }

    #[test]
    fn hex_and_shortcuts() {
        assert_eq!(hex("00ff10"), Some(vec![0, 255, 16]));
        assert_eq!(hex("0"), None);
        assert_eq!(hex("zz"), None);
        assert_eq!(shortcut(Some(3)).unwrap(), 3);
        assert!(shortcut(Some(0)).is_err() && shortcut(None).is_err() && shortcut(Some(1 << 40)).is_err());
    }
}
