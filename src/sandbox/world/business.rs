//! Sandbox state for the `business` tools: Telegram Business (chat links, hours, location, greeting, away and intro), and the original's opt-in groups: Stars, group calls and quick replies.
//!
//! Plain records; the TL renderings live beside the RPCs in `rpc/business/`. Message
//! entities of a chat link are kept as Telegram sent them.

mod calls;
mod stars;

pub(crate) use calls::{CallRec, ParticipantRec, ShortcutRec};
pub(crate) use stars::{GiftRec, SavedGiftRec, StarsState, SubscriptionRec, TxPeer, TxRec};

use grammers_tl_types::enums::MessageEntity;

/// What the `business` RPCs remember between calls.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// The account's own chat links.
    pub(crate) links: Vec<LinkRec>,
    /// Other businesses' links, resolvable by anyone: slug, owner, message.
    pub(crate) foreign_links: Vec<(String, i64, String)>,
    /// Numbers the next created slug.
    pub(crate) next_link: u32,
    pub(crate) hours: Option<HoursRec>,
    pub(crate) location: Option<LocationRec>,
    pub(crate) greeting: Option<GreetingRec>,
    pub(crate) away: Option<AwayRec>,
    pub(crate) intro: Option<IntroRec>,
    pub(crate) shortcuts: Vec<ShortcutRec>,
    pub(crate) stars: StarsState,
    pub(crate) calls: Vec<CallRec>,
}

#[derive(Debug, Clone)]
pub(crate) struct LinkRec {
    pub(crate) slug: String,
    pub(crate) message: String,
    pub(crate) entities: Vec<MessageEntity>,
    pub(crate) title: Option<String>,
    pub(crate) views: i32,
}

#[derive(Debug, Clone)]
pub(crate) struct HoursRec {
    pub(crate) timezone: String,
    pub(crate) open_now: bool,
    /// Minutes since Monday 00:00, start and end.
    pub(crate) weekly: Vec<(i32, i32)>,
}

#[derive(Debug, Clone)]
pub(crate) struct LocationRec {
    pub(crate) address: String,
    /// Latitude and longitude.
    pub(crate) geo: Option<(f64, f64)>,
}

/// Which chats get an automatic message (`businessRecipients`).
#[derive(Debug, Clone, Default)]
pub(crate) struct RecipientsRec {
    pub(crate) existing_chats: bool,
    pub(crate) new_chats: bool,
    pub(crate) contacts: bool,
    pub(crate) non_contacts: bool,
    pub(crate) exclude_selected: bool,
    pub(crate) users: Vec<i64>,
}

#[derive(Debug, Clone)]
pub(crate) struct GreetingRec {
    pub(crate) shortcut_id: i32,
    pub(crate) recipients: RecipientsRec,
    pub(crate) no_activity_days: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AwaySchedule {
    Always,
    OutsideWorkHours,
    Custom { start: i32, end: i32 },
}

#[derive(Debug, Clone)]
pub(crate) struct AwayRec {
    pub(crate) shortcut_id: i32,
    pub(crate) schedule: AwaySchedule,
    pub(crate) offline_only: bool,
    pub(crate) recipients: RecipientsRec,
}

#[derive(Debug, Clone)]
pub(crate) struct IntroRec {
    pub(crate) title: String,
    pub(crate) description: String,
    /// A stored sticker document's id.
    pub(crate) sticker: Option<i64>,
}

/// Adds this family's part of the demo account (runs after the chats and messages exist):
/// another business's chat link, quick replies, Stars, gifts and a group call in Hike.
pub(crate) fn seed(w: &mut super::World, now: i32) {
    w.business.foreign_links.push((
        "elenasbakery".into(),
        7_000_005,
        "Hello Elena! I'd like to order a cake.".into(),
    ));
    w.business.next_link = 1;
    calls::seed(w, now);
    stars::seed(w, now);
}
