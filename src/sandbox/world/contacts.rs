//! Sandbox state for the `contacts` tools: The account: signing in and out, contacts and blocks, sessions, privacy, the profile, emoji status, colour, birthday and personal channel.
//!
//! Plain records: blocks, the own birthday, personal channel, emoji status (and the recent
//! ones), name and profile colours, the signed-in devices, privacy rules per key and the
//! global privacy switches. The seed adds a non-contact (a contact request once they write)
//! and two other devices. TL renderings live in `tl/contacts.rs`.

use std::collections::{BTreeMap, BTreeSet};

use super::UserRec;

/// The non-contact of the seed, who may write to Alice (`inject` with `chat` = this id).
pub(crate) const STRANGER: i64 = 7_000_007;

/// Custom emoji ids of the default status list (any Premium user may pick them).
pub(crate) const DEFAULT_STATUSES: [i64; 4] = [
    5_368_324_170_671_202_286,
    5_370_869_711_888_194_012,
    5_377_498_341_074_542_641,
    5_379_748_062_124_056_162,
];
/// Custom emoji ids of the default list for channels.
pub(crate) const CHANNEL_STATUSES: [i64; 2] = [5_411_134_307_015_290_441, 5_413_694_289_837_421_355];

/// A collectible status Alice owns (a gift turned into a status).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Collectible {
    pub(crate) id: i64,
    pub(crate) document_id: i64,
    pub(crate) title: &'static str,
    pub(crate) slug: &'static str,
}

pub(crate) const COLLECTIBLES: [Collectible; 1] = [Collectible {
    id: 6_100_000_000_000_001,
    document_id: 5_433_653_135_799_228_968,
    title: "Plush Pepe #1",
    slug: "PlushPepe-1",
}];

/// The own emoji status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    Emoji { document_id: i64, until: Option<i32> },
    Collectible { id: i64, until: Option<i32> },
}

/// A name or profile colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Color {
    pub(crate) color: Option<i32>,
    pub(crate) background_emoji_id: Option<i64>,
}

/// One signed-in device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SessionRec {
    pub(crate) hash: i64,
    pub(crate) current: bool,
    pub(crate) device_model: String,
    pub(crate) platform: String,
    pub(crate) system_version: String,
    pub(crate) app_name: String,
    pub(crate) app_version: String,
    pub(crate) official: bool,
    pub(crate) ip: String,
    pub(crate) country: String,
    pub(crate) created: i32,
    pub(crate) active: i32,
}

/// One privacy rule (the order is Telegram's: exceptions, then the base rule).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    AllowAll,
    AllowContacts,
    DisallowAll,
    DisallowContacts,
    AllowUsers(Vec<i64>),
    DisallowUsers(Vec<i64>),
    Other,
}

/// The global privacy switches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Global {
    pub(crate) archive_and_mute: bool,
    pub(crate) keep_archived_unmuted: bool,
    pub(crate) keep_archived_folders: bool,
    pub(crate) hide_read_marks: bool,
    pub(crate) noncontacts_need_premium: bool,
}

/// What the `contacts` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub(crate) blocked: BTreeSet<i64>,
    /// Day, month and year (if shown) of Alice's birthday.
    pub(crate) birthday: Option<(i32, i32, Option<i32>)>,
    /// Channel id.
    pub(crate) personal_channel: Option<i64>,
    pub(crate) status: Option<Status>,
    /// Recently used emoji status documents, newest first.
    pub(crate) recent: Vec<i64>,
    pub(crate) color: Option<Color>,
    pub(crate) profile_color: Option<Color>,
    pub(crate) sessions: Vec<SessionRec>,
    /// Rules per privacy key (the key's TL name); absent keys have their defaults.
    pub(crate) privacy: BTreeMap<String, Vec<Rule>>,
    pub(crate) global: Global,
}

impl State {
    /// The rules of a key, Telegram's default when never set (phone number: contacts).
    pub(crate) fn rules(&self, key: &str) -> Vec<Rule> {
        match self.privacy.get(key) {
            Some(rules) => rules.clone(),
            None if key == "PhoneNumber" => vec![Rule::AllowContacts],
            None => vec![Rule::AllowAll],
        }
    }

    /// Whether a document may be an emoji status here.
    pub(crate) fn known_status_document(id: i64) -> bool {
        DEFAULT_STATUSES.contains(&id)
            || CHANNEL_STATUSES.contains(&id)
            || COLLECTIBLES.iter().any(|c| c.document_id == id)
    }
}

/// Adds this family's part of the demo account (runs after the chats and messages exist): a
/// non-contact who has not written yet (an injected message from them opens a private chat, a
/// contact request; the seeded chats stay contacts only) and the devices Alice is signed in on.
pub(crate) fn seed(w: &mut super::World, now: i32) {
    let stranger = UserRec {
        id: STRANGER,
        access_hash: (STRANGER as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(17) as i64,
        first_name: "Quinn".to_owned(),
        last_name: Some("Harper".to_owned()),
        username: Some("quinn_harper".to_owned()),
        phone: None,
        bot: false,
        contact: false,
        about: "Event organiser".to_owned(),
    };
    w.users.insert(STRANGER, stranger);
    w.contacts.sessions = seed_sessions(now);
}

fn seed_sessions(now: i32) -> Vec<SessionRec> {
    let session = |hash, device: &str, platform: &str, system: &str, app: &str, version: &str| SessionRec {
        hash,
        current: hash == 0,
        device_model: device.to_owned(),
        platform: platform.to_owned(),
        system_version: system.to_owned(),
        app_name: app.to_owned(),
        app_version: version.to_owned(),
        official: hash != 0,
        ip: "192.0.2.10".to_owned(),
        country: "Netherlands".to_owned(),
        created: now - 30 * 86_400,
        active: now - 3600,
    };
    vec![
        // Telegram lists this connection's own authorization with hash 0.
        session(0, "mcp-telegram", "linux", std::env::consts::OS, "mcp-telegram", crate::VERSION),
        session(6_042_117_905_314_337_571, "iPhone 15 Pro", "iOS", "17.5", "Telegram iOS", "11.2"),
        session(-2_305_843_009_213_693_952, "Desktop", "Linux", "Ubuntu 24.04", "Telegram Desktop", "5.6.3"),
    ]
}
