//! Translation, link previews, spam reports and auto-delete timers. The sandbox translates
//! deterministically and fetches nothing: a tiny Russian↔English phrase book replaces the
//! phrases it knows and the result is marked `[<lang>] `; a preview is built from the URL
//! alone (its host is the site name, its last path segment the title).

use grammers_tl_types::{Identifiable, Serializable, enums, functions as f, types};

use super::super::{Call, input_peer, parse};
use super::{Answer, updates};
use crate::sandbox::world::compose::valid_ttl;
use crate::sandbox::world::{Failure, PeerKey, World};

/// Target languages the sandbox accepts (ISO 639-1).
const LANGUAGES: &[&str] = &[
    "ar", "de", "en", "es", "fa", "fr", "he", "hi", "id", "it", "ja", "kk", "ko", "nl", "pl", "pt", "ru",
    "tr", "uk", "uz", "zh",
];

/// Russian ↔ English phrases, longest first within a language so phrases win over words.
const PHRASES: &[(&str, &str)] = &[
    ("Список покупок", "Shopping list"),
    ("Как дела", "How are you"),
    ("Привет", "Hello"),
    ("Спасибо", "Thank you"),
    ("Отлично", "Great"),
    ("хлеб", "bread"),
    ("сыр", "cheese"),
    ("кофе", "coffee"),
    ("Выпуск", "Issue"),
    ("Да", "Yes"),
];

pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Answer> {
    let b = &call.body;
    let answer = match call.method {
        f::messages::TranslateText::CONSTRUCTOR_ID => parse(b).and_then(|r| translate(w, r)),
        f::messages::GetWebPagePreview::CONSTRUCTOR_ID => parse(b).map(web_preview),
        f::messages::ReportSpam::CONSTRUCTOR_ID => parse(b).and_then(|r| report_spam(w, r)),
        f::messages::SetHistoryTtl::CONSTRUCTOR_ID => parse(b).and_then(|r| set_ttl(w, r, now)),
        _ => return None,
    };
    Some(answer)
}

fn translate(w: &World, r: f::messages::TranslateText) -> Answer {
    if !w.premium {
        return Err(Failure::bad("PREMIUM_ACCOUNT_REQUIRED"));
    }
    let lang = r.to_lang.split('-').next().unwrap_or_default();
    if !LANGUAGES.contains(&lang) {
        return Err(Failure::bad("TO_LANG_INVALID"));
    }
    let texts: Vec<String> = match (&r.peer, &r.id, r.text) {
        (Some(peer), Some(ids), None) => {
            let peer = input_peer(w, peer)?;
            if ids.is_empty() || ids.len() > 100 {
                return Err(Failure::bad("MSG_ID_INVALID"));
            }
            let found: Option<Vec<String>> =
                ids.iter().map(|id| w.message(peer, *id).map(|m| m.text.clone())).collect();
            found.ok_or_else(|| Failure::bad("MSG_ID_INVALID"))?
        }
        (None, None, Some(list)) => {
            list.into_iter().map(|enums::TextWithEntities::Entities(t)| t.text).collect()
        }
        _ => return Err(Failure::bad("INPUT_REQUEST_INVALID")),
    };
    let result = texts
        .iter()
        .map(|text| {
            enums::TextWithEntities::Entities(types::TextWithEntities {
                text: format!("[{}] {}", r.to_lang, phrase_book(text, lang)),
                entities: Vec::new(),
            })
        })
        .collect();
    Ok(enums::messages::TranslatedText::TranslateResult(types::messages::TranslateResult { result })
        .to_bytes())
}

/// Replaces the phrases the sandbox knows into English (`en`) or Russian (`ru`).
fn phrase_book(text: &str, lang: &str) -> String {
    let mut out = text.to_owned();
    for (ru, en) in PHRASES {
        match lang {
            "en" => out = out.replace(ru, en),
            "ru" => out = out.replace(en, ru),
            _ => {}
        }
    }
    out
}

/// A preview of the first http(s) URL in the text, or `messageMediaEmpty`.
fn web_preview(r: f::messages::GetWebPagePreview) -> Vec<u8> {
    let media = r.message.split_whitespace().find_map(page_of).map_or(enums::MessageMedia::Empty, |page| {
        enums::MessageMedia::WebPage(types::MessageMediaWebPage {
            force_large_media: false,
            force_small_media: false,
            manual: false,
            safe: true,
            webpage: enums::WebPage::Page(page),
        })
    });
    let answer = types::messages::WebPagePreview { media, chats: Vec::new(), users: Vec::new() };
    enums::messages::WebPagePreview::Preview(answer).to_bytes()
}

fn page_of(word: &str) -> Option<types::WebPage> {
    let rest = word.strip_prefix("https://").or_else(|| word.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit('@').next()?.split(':').next()?.to_lowercase();
    let valid = !host.is_empty()
        && host.contains('.')
        && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if !valid {
        return None;
    }
    let path = rest[end..].split(['?', '#']).next().unwrap_or_default().trim_end_matches('/');
    let title = path.rsplit('/').next().filter(|s| !s.is_empty()).map_or_else(
        || host.clone(),
        |slug| slug.split(['-', '_', '.']).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" "),
    );
    let display_url = format!("{host}{path}");
    let id = display_url
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    Some(types::WebPage {
        has_large_media: false,
        video_cover_photo: false,
        id: id as i64,
        url: word.to_owned(),
        display_url: display_url.clone(),
        hash: 0,
        r#type: Some("article".to_owned()),
        site_name: Some(host),
        title: Some(title),
        description: Some(format!("Sandbox preview of {display_url} (nothing was fetched)")),
        photo: None,
        embed_url: None,
        embed_type: None,
        embed_width: None,
        embed_height: None,
        duration: None,
        author: None,
        document: None,
        cached_page: None,
        attributes: None,
    })
}

fn report_spam(w: &mut World, r: f::messages::ReportSpam) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    if peer == PeerKey::User(w.self_id) {
        return Err(Failure::bad("PEER_ID_INVALID"));
    }
    w.dialog(peer)?;
    w.compose.reported.insert(peer);
    Ok(true.to_bytes())
}

fn set_ttl(w: &mut World, r: f::messages::SetHistoryTtl, now: i32) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    w.dialog(peer)?;
    if !valid_ttl(r.period) {
        return Err(Failure::bad("TTL_PERIOD_INVALID"));
    }
    if r.period == 0 {
        w.compose.ttl.remove(&peer);
    } else {
        w.compose.ttl.insert(peer, r.period);
    }
    let update = types::UpdatePeerHistoryTtl {
        peer: crate::sandbox::world::tl::peer(peer),
        ttl_period: (r.period > 0).then_some(r.period),
    };
    Ok(updates(w, vec![enums::Update::PeerHistoryTtl(update)], &[peer], now))
}
