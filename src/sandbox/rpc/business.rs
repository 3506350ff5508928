//! RPCs of the `business` tools: Telegram Business (chat links, hours, location, greeting, away and intro), and the original's opt-in groups: Stars, group calls and quick replies.
//!
//! Business writes (and the list of your own chat links) need the account's Premium flag and
//! answer `403 PREMIUM_ACCOUNT_REQUIRED` without it; resolving someone's link, quick replies,
//! Stars and group calls do not.

mod calls;
mod links;
mod profile;
mod stars;

use grammers_tl_types::{Identifiable, Serializable, enums, functions as f};

use super::{Call, parse};
use crate::sandbox::world::{Failure, World};

type Answer = Result<Vec<u8>, Failure>;

/// Answers the call if it is one of this family's methods.
pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Result<Vec<u8>, Failure>> {
    let b = &call.body;
    let answer = match call.method {
        f::account::GetBusinessChatLinks::CONSTRUCTOR_ID => premium(w).and_then(|()| links::list(w)),
        f::account::CreateBusinessChatLink::CONSTRUCTOR_ID => business(w, b, links::create),
        f::account::EditBusinessChatLink::CONSTRUCTOR_ID => business(w, b, links::edit),
        f::account::DeleteBusinessChatLink::CONSTRUCTOR_ID => business(w, b, links::delete),
        f::account::ResolveBusinessChatLink::CONSTRUCTOR_ID => parse(b).and_then(|r| links::resolve(w, r)),
        f::account::UpdateBusinessWorkHours::CONSTRUCTOR_ID => business(w, b, profile::hours),
        f::account::UpdateBusinessLocation::CONSTRUCTOR_ID => business(w, b, profile::location),
        f::account::UpdateBusinessGreetingMessage::CONSTRUCTOR_ID => business(w, b, profile::greeting),
        f::account::UpdateBusinessAwayMessage::CONSTRUCTOR_ID => business(w, b, profile::away),
        f::account::UpdateBusinessIntro::CONSTRUCTOR_ID => business(w, b, profile::intro),
        f::payments::GetStarsStatus::CONSTRUCTOR_ID => parse(b).and_then(|r| stars::status(w, r)),
        f::payments::GetStarsTransactions::CONSTRUCTOR_ID => parse(b).and_then(|r| stars::transactions(w, r)),
        f::payments::GetStarsSubscriptions::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| stars::subscriptions(w, r))
        }
        f::payments::ChangeStarsSubscription::CONSTRUCTOR_ID => parse(b).and_then(|r| stars::change(w, r)),
        f::payments::GetStarsTopupOptions::CONSTRUCTOR_ID => Ok(stars::topup_options(w)),
        f::payments::GetStarGifts::CONSTRUCTOR_ID => parse(b).and_then(|r| stars::gifts(w, r)),
        f::payments::GetSavedStarGifts::CONSTRUCTOR_ID => parse(b).and_then(|r| stars::saved_gifts(w, r)),
        f::payments::SaveStarGift::CONSTRUCTOR_ID => parse(b).and_then(|r| stars::save_gift(w, r)),
        f::payments::ConvertStarGift::CONSTRUCTOR_ID => parse(b).and_then(|r| stars::convert_gift(w, r, now)),
        f::phone::GetGroupCall::CONSTRUCTOR_ID => parse(b).and_then(|r| calls::group_call(w, r)),
        f::phone::GetGroupParticipants::CONSTRUCTOR_ID => parse(b).and_then(|r| calls::participants(w, r)),
        f::messages::GetQuickReplies::CONSTRUCTOR_ID => parse(b).and_then(|r| calls::quick_replies(w, r)),
        f::messages::GetQuickReplyMessages::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| calls::quick_reply_messages(w, r))
        }
        _ => return None,
    };
    Some(answer)
}

/// Your own full profile carries the Business settings (`users.getFullUser` of yourself).
pub(super) fn add_to_full_user(w: &World, user: i64, full: &mut enums::UserFull) {
    if user == w.self_id {
        profile::add_to_full_user(w, full);
    }
}

/// A group's or channel's full info names its group call (`messages.getFullChat`, `channels.getFullChannel`).
pub(super) fn add_to_chat_full(w: &World, full: &mut enums::ChatFull) {
    calls::add_to_chat_full(w, full);
}

/// Parses a Business write and runs it if the account has Business.
fn business<R: grammers_tl_types::Deserializable>(
    w: &mut World,
    body: &[u8],
    handler: fn(&mut World, R) -> Answer,
) -> Answer {
    premium(w)?;
    handler(w, parse(body)?)
}

fn premium(w: &World) -> Result<(), Failure> {
    if w.premium { Ok(()) } else { Err(Failure::new(403, "PREMIUM_ACCOUNT_REQUIRED")) }
}

fn done() -> Answer {
    Ok(true.to_bytes())
}
