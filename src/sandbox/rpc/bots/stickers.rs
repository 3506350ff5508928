//! Sticker sets: `messages.getStickerSet` (by short name or id), `messages.searchStickerSets`,
//! `messages.getAllStickers` (the installed sets) and `messages.getRecentStickers`. Sending a
//! sticker is `messages.sendMedia` with the set's document (in `media`), which also moves it to
//! the front of the recent stickers.

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::Answer;
use crate::sandbox::world::bots::StickerSetRec;
use crate::sandbox::world::tl as conv;
use crate::sandbox::world::{Failure, World};

pub(super) fn set(w: &World, r: f::messages::GetStickerSet) -> Answer {
    let set = match &r.stickerset {
        enums::InputStickerSet::ShortName(s) => w.bots.sticker_set(Some(&s.short_name), None)?,
        enums::InputStickerSet::Id(s) => w.bots.sticker_set(None, Some((s.id, s.access_hash)))?,
        _ => return Err(Failure::bad("STICKERSET_INVALID")),
    };
    let answer = types::messages::StickerSet {
        set: tl_set(set),
        packs: packs(set.stickers.iter().map(|d| d.as_ref())),
        keywords: Vec::new(),
        documents: set.stickers.iter().map(|d| conv::document(d)).collect(),
    };
    Ok(enums::messages::StickerSet::Set(answer).to_bytes())
}

pub(super) fn search(w: &World, r: f::messages::SearchStickerSets) -> Answer {
    let q = r.q.trim().to_lowercase();
    let matches = |s: &&StickerSetRec| {
        !q.is_empty()
            && (s.title.to_lowercase().contains(&q)
                || s.short_name.to_lowercase().contains(&q)
                || s.stickers.iter().any(|d| StickerSetRec::emoji(d) == q))
    };
    let sets = w.bots.sticker_sets.iter().filter(matches).map(|s| match s.stickers.first() {
        Some(cover) => enums::StickerSetCovered::Covered(types::StickerSetCovered {
            set: tl_set(s),
            cover: conv::document(cover),
        }),
        None => enums::StickerSetCovered::StickerSetNoCovered(types::StickerSetNoCovered { set: tl_set(s) }),
    });
    let answer = types::messages::FoundStickerSets { hash: 0, sets: sets.collect() };
    Ok(enums::messages::FoundStickerSets::Sets(answer).to_bytes())
}

pub(super) fn installed(w: &World, _r: f::messages::GetAllStickers) -> Answer {
    let sets: Vec<enums::StickerSet> =
        w.bots.sticker_sets.iter().filter(|s| s.installed.is_some()).map(tl_set).collect();
    let hash = sets.iter().fold(0i64, |h, enums::StickerSet::Set(s)| h.rotate_left(7) ^ i64::from(s.hash));
    let answer = types::messages::AllStickers { hash, sets };
    Ok(enums::messages::AllStickers::Stickers(answer).to_bytes())
}

pub(super) fn recent(w: &World, _r: f::messages::GetRecentStickers) -> Answer {
    let docs: Vec<_> =
        w.bots.recent.iter().filter_map(|(id, date)| Some((w.media.get(id)?, *date))).collect();
    let answer = types::messages::RecentStickers {
        hash: docs.iter().fold(0i64, |h, (d, date)| h.rotate_left(3) ^ d.id ^ i64::from(*date)),
        packs: packs(docs.iter().map(|(d, _)| d.as_ref())),
        stickers: docs.iter().map(|(d, _)| conv::document(d)).collect(),
        dates: docs.iter().map(|(_, date)| *date).collect(),
    };
    Ok(enums::messages::RecentStickers::Stickers(answer).to_bytes())
}

fn tl_set(s: &StickerSetRec) -> enums::StickerSet {
    enums::StickerSet::Set(types::StickerSet {
        archived: false,
        official: false,
        masks: false,
        emojis: false,
        text_color: false,
        channel_emoji_status: false,
        creator: false,
        installed_date: s.installed,
        id: s.id,
        access_hash: s.access_hash,
        title: s.title.clone(),
        short_name: s.short_name.clone(),
        thumbs: None,
        thumb_dc_id: None,
        thumb_version: None,
        thumb_document_id: None,
        count: s.stickers.len() as i32,
        hash: s.hash(),
    })
}

/// Documents grouped by emoji, in first-seen order.
fn packs<'a>(docs: impl Iterator<Item = &'a crate::sandbox::world::StoredMedia>) -> Vec<enums::StickerPack> {
    let mut packs: Vec<types::StickerPack> = Vec::new();
    for doc in docs {
        let emoji = StickerSetRec::emoji(doc);
        match packs.iter_mut().find(|p| p.emoticon == emoji) {
            Some(pack) => pack.documents.push(doc.id),
            None => packs.push(types::StickerPack { emoticon: emoji.to_owned(), documents: vec![doc.id] }),
        }
    }
    packs.into_iter().map(enums::StickerPack::Pack).collect()
}
