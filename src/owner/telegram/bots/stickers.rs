//! Stickers: a set by short name (`messages.getStickerSet`), searching sets
//! (`messages.searchStickerSets`), the installed sets (`messages.getAllStickers`), the recent
//! stickers (`messages.getRecentStickers`), and sending a set's sticker (`messages.sendMedia`
//! with the set's document).

use std::collections::HashMap;

use grammers_client::tl;

use super::super::peers::Target;
use super::super::write::reply_header;
use super::super::{Telegram, rand_i64};
use crate::model::bots::{Sticker, StickerSent, StickerSetFull, StickerSetInfo};
use crate::owner::OwnerError;

/// Sets whose names the recent stickers look up, at most (one request each).
const NAMED_SETS: usize = 5;

impl Telegram {
    /// A sticker set with its stickers, by short name.
    pub(crate) async fn sticker_set(&self, short_name: &str) -> Result<StickerSetFull, OwnerError> {
        let (full, _) = self.sticker_set_raw(short_name_of(short_name)?).await?;
        Ok(full)
    }

    /// Sticker sets matching a query.
    pub(crate) async fn search_sticker_sets(&self, query: &str) -> Result<Vec<StickerSetInfo>, OwnerError> {
        let request = tl::functions::messages::SearchStickerSets {
            exclude_featured: false,
            q: query.to_owned(),
            hash: 0,
        };
        match self.call(&request).await? {
            tl::enums::messages::FoundStickerSets::Sets(found) => {
                Ok(found.sets.iter().map(|s| set_info(&s.set())).collect())
            }
            tl::enums::messages::FoundStickerSets::NotModified => Ok(Vec::new()),
        }
    }

    /// The sticker sets the account installed.
    pub(crate) async fn installed_sticker_sets(&self) -> Result<Vec<StickerSetInfo>, OwnerError> {
        match self.call(&tl::functions::messages::GetAllStickers { hash: 0 }).await? {
            tl::enums::messages::AllStickers::Stickers(all) => Ok(all.sets.iter().map(set_info).collect()),
            tl::enums::messages::AllStickers::NotModified => Ok(Vec::new()),
        }
    }

    /// Recently used stickers, newest first, with the short names of their sets.
    pub(crate) async fn recent_stickers(&self) -> Result<Vec<Sticker>, OwnerError> {
        let request = tl::functions::messages::GetRecentStickers { attached: false, hash: 0 };
        let tl::enums::messages::RecentStickers::Stickers(recent) = self.call(&request).await? else {
            return Ok(Vec::new());
        };
        let mut names: HashMap<i64, Option<String>> = HashMap::new();
        let mut stickers = Vec::new();
        for (index, doc) in recent.stickers.iter().enumerate() {
            let tl::enums::Document::Document(doc) = doc else { continue };
            let (emoji, set) = sticker_attr(doc);
            let mut name = None;
            if let Some(tl::enums::InputStickerSet::Id(id)) = set {
                if !names.contains_key(&id.id) && names.len() < NAMED_SETS {
                    let found = self.sticker_set_raw(tl::enums::InputStickerSet::Id(id.clone())).await;
                    names.insert(id.id, found.ok().map(|(f, _)| f.set.short_name));
                }
                name = names.get(&id.id).cloned().flatten();
            }
            let date = recent.dates.get(index).map(|d| i64::from(*d));
            stickers.push(Sticker { index, emoji, document_id: doc.id.to_string(), set: name, date });
        }
        Ok(stickers)
    }

    /// Sends the sticker at `index` of a set.
    pub(crate) async fn send_sticker(
        &self,
        chat: &Target,
        short_name: &str,
        index: usize,
        reply_to: Option<i32>,
    ) -> Result<StickerSent, OwnerError> {
        let (full, documents) = self.sticker_set_raw(short_name_of(short_name)?).await?;
        let (Some(sticker), Some(doc)) = (full.stickers.get(index), documents.get(index)) else {
            return Err(OwnerError::Invalid(format!(
                "{} has {} sticker(s): index must be 0–{}",
                full.set.short_name,
                full.stickers.len(),
                full.stickers.len().saturating_sub(1)
            )));
        };
        let random_id = rand_i64();
        let media = tl::enums::InputMedia::Document(tl::types::InputMediaDocument {
            spoiler: false,
            id: tl::enums::InputDocument::Document(tl::types::InputDocument {
                id: doc.id,
                access_hash: doc.access_hash,
                file_reference: doc.file_reference.clone(),
            }),
            video_cover: None,
            video_timestamp: None,
            ttl_seconds: None,
            query: None,
        });
        let request = tl::functions::messages::SendMedia {
            silent: false,
            background: false,
            clear_draft: false,
            noforwards: false,
            update_stickersets_order: false,
            invert_media: false,
            allow_paid_floodskip: false,
            peer: chat.input_peer(),
            reply_to: reply_header(reply_to, None),
            media,
            message: String::new(),
            random_id,
            reply_markup: None,
            entities: None,
            schedule_date: None,
            schedule_repeat_period: None,
            send_as: None,
            quick_reply_shortcut: None,
            effect: None,
            allow_paid_stars: None,
            suggested_post: None,
        };
        let updates = self.call(&request).await?;
        let message = self.sent_messages(updates, &[random_id]).into_iter().next().flatten();
        let message = message.ok_or_else(|| {
            OwnerError::Internal(anyhow::anyhow!("Telegram did not return the sent sticker"))
        })?;
        Ok(StickerSent { sticker: sticker.clone(), message })
    }

    /// A set with its stickers, and its documents in the same order.
    async fn sticker_set_raw(
        &self,
        set: tl::enums::InputStickerSet,
    ) -> Result<(StickerSetFull, Vec<tl::types::Document>), OwnerError> {
        let request = tl::functions::messages::GetStickerSet { stickerset: set, hash: 0 };
        let tl::enums::messages::StickerSet::Set(found) = self.call(&request).await? else {
            return Err(OwnerError::Internal(anyhow::anyhow!(
                "Telegram answered a fresh request with not-modified"
            )));
        };
        let info = set_info(&found.set);
        let documents: Vec<tl::types::Document> = found
            .documents
            .into_iter()
            .filter_map(|d| match d {
                tl::enums::Document::Document(d) => Some(d),
                tl::enums::Document::Empty(_) => None,
            })
            .collect();
        let stickers = documents
            .iter()
            .enumerate()
            .map(|(index, doc)| Sticker {
                index,
                emoji: sticker_attr(doc).0,
                document_id: doc.id.to_string(),
                set: Some(info.short_name.clone()),
                date: None,
            })
            .collect();
        Ok((StickerSetFull { set: info, stickers }, documents))
    }
}

fn short_name_of(name: &str) -> Result<tl::enums::InputStickerSet, OwnerError> {
    // Accept a t.me/addstickers/<name> link too.
    let name = name.trim().rsplit('/').next().unwrap_or_default().trim();
    if name.is_empty() {
        return Err(OwnerError::Invalid("the sticker set's short name is empty".into()));
    }
    Ok(tl::enums::InputStickerSet::ShortName(tl::types::InputStickerSetShortName {
        short_name: name.to_owned(),
    }))
}

fn set_info(set: &tl::enums::StickerSet) -> StickerSetInfo {
    let tl::enums::StickerSet::Set(s) = set;
    StickerSetInfo {
        id: s.id.to_string(),
        short_name: s.short_name.clone(),
        title: s.title.clone(),
        count: s.count,
        installed: s.installed_date.is_some() && !s.archived,
        archived: s.archived,
        official: s.official,
    }
}

/// The emoji and set of a sticker document.
fn sticker_attr(doc: &tl::types::Document) -> (String, Option<tl::enums::InputStickerSet>) {
    doc.attributes
        .iter()
        .find_map(|a| match a {
            tl::enums::DocumentAttribute::Sticker(s) => Some((s.alt.clone(), Some(s.stickerset.clone()))),
            _ => None,
        })
        .unwrap_or_default()
}
