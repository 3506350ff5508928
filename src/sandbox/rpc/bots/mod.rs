//! RPCs of the `bots` tools: the helper bot's inline results and callback answers (`inline`),
//! forum topics (`topics`), voice transcription and fact checks (`notes`), and sticker sets
//! (`stickers`). Every write changes the world, so the next read sees it.

mod inline;
mod notes;
mod stickers;
mod topics;

use grammers_tl_types::{Identifiable, functions as f};

use super::{Call, parse};
use crate::sandbox::world::{Failure, World};

type Answer = Result<Vec<u8>, Failure>;

/// Answers the call if it is one of this family's methods.
pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Result<Vec<u8>, Failure>> {
    let b = &call.body;
    let answer = match call.method {
        f::messages::GetInlineBotResults::CONSTRUCTOR_ID => parse(b).and_then(|r| inline::results(w, r, now)),
        f::messages::SendInlineBotResult::CONSTRUCTOR_ID => parse(b).and_then(|r| inline::send(w, r, now)),
        f::messages::GetBotCallbackAnswer::CONSTRUCTOR_ID => parse(b).and_then(|r| inline::press(w, r, now)),
        f::messages::CreateForumTopic::CONSTRUCTOR_ID => parse(b).and_then(|r| topics::create(w, r, now)),
        f::messages::EditForumTopic::CONSTRUCTOR_ID => parse(b).and_then(|r| topics::edit(w, r, now)),
        f::messages::GetForumTopicsById::CONSTRUCTOR_ID => parse(b).and_then(|r| topics::by_id(w, r)),
        f::messages::DeleteTopicHistory::CONSTRUCTOR_ID => parse(b).and_then(|r| topics::delete(w, r)),
        f::messages::TranscribeAudio::CONSTRUCTOR_ID => parse(b).and_then(|r| notes::transcribe(w, r)),
        f::messages::RateTranscribedAudio::CONSTRUCTOR_ID => parse(b).and_then(|r| notes::rate(w, r)),
        f::messages::GetFactCheck::CONSTRUCTOR_ID => parse(b).and_then(|r| notes::fact_checks(w, r)),
        f::messages::EditFactCheck::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| notes::edit_fact_check(w, r, now))
        }
        f::messages::DeleteFactCheck::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| notes::delete_fact_check(w, r, now))
        }
        f::messages::GetStickerSet::CONSTRUCTOR_ID => parse(b).and_then(|r| stickers::set(w, r)),
        f::messages::SearchStickerSets::CONSTRUCTOR_ID => parse(b).and_then(|r| stickers::search(w, r)),
        f::messages::GetAllStickers::CONSTRUCTOR_ID => parse(b).and_then(|r| stickers::installed(w, r)),
        f::messages::GetRecentStickers::CONSTRUCTOR_ID => parse(b).and_then(|r| stickers::recent(w, r)),
        _ => return None,
    };
    Some(answer)
}

/// An `updates` answer that changes nothing a client counts (edits of topics and fact checks).
fn no_updates(w: &World, peer: crate::sandbox::world::PeerKey, now: i32) -> Vec<u8> {
    use grammers_tl_types::{Serializable, enums, types};
    let mut peers = crate::sandbox::world::tl::Peers::default();
    peers.add(peer);
    let (users, chats) = peers.build(w);
    enums::Updates::Updates(types::Updates { updates: Vec::new(), users, chats, date: now, seq: 0 })
        .to_bytes()
}
