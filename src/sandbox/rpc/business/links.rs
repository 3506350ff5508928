//! Business chat links: list, create, edit, delete, resolve (which counts a view).

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::{Answer, done};
use crate::sandbox::world::business::LinkRec;
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{Failure, PeerKey, World};

/// Telegram keeps at most this many links per account.
const MAX_LINKS: usize = 100;

pub(super) fn list(w: &World) -> Answer {
    let links = w.business.links.iter().map(render).collect();
    let (users, chats) = Peers::default().build(w);
    let answer = types::account::BusinessChatLinks { links, chats, users };
    Ok(enums::account::BusinessChatLinks::Links(answer).to_bytes())
}

pub(super) fn create(w: &mut World, r: f::account::CreateBusinessChatLink) -> Answer {
    if w.business.links.len() >= MAX_LINKS {
        return Err(Failure::bad("CHATLINKS_TOO_MUCH"));
    }
    let (message, entities, title) = input(r.link)?;
    let slug = format!("sbx{:05}", w.business.next_link);
    w.business.next_link += 1;
    let link = LinkRec { slug, message, entities, title, views: 0 };
    let answer = render(&link);
    w.business.links.push(link);
    Ok(answer.to_bytes())
}

pub(super) fn edit(w: &mut World, r: f::account::EditBusinessChatLink) -> Answer {
    let (message, entities, title) = input(r.link)?;
    let link = find(w, &r.slug)?;
    link.message = message;
    link.entities = entities;
    link.title = title;
    Ok(render(link).to_bytes())
}

pub(super) fn delete(w: &mut World, r: f::account::DeleteBusinessChatLink) -> Answer {
    find(w, &r.slug)?;
    w.business.links.retain(|l| l.slug != slug_of(&r.slug));
    done()
}

/// Anyone may resolve a link: yours (a view is counted) or another business's.
pub(super) fn resolve(w: &mut World, r: f::account::ResolveBusinessChatLink) -> Answer {
    let slug = slug_of(&r.slug).to_owned();
    let me = w.self_id;
    let (owner, message, entities) = if let Ok(link) = find(w, &slug) {
        link.views += 1;
        (me, link.message.clone(), link.entities.clone())
    } else {
        let foreign = w.business.foreign_links.iter().find(|(s, _, _)| *s == slug);
        let (_, owner, message) = foreign.ok_or_else(|| Failure::bad("CHATLINK_SLUG_EXPIRED"))?;
        (*owner, message.clone(), Vec::new())
    };
    let mut peers = Peers::default();
    peers.add(PeerKey::User(owner));
    let (users, chats) = peers.build(w);
    let answer = types::account::ResolvedBusinessChatLinks {
        peer: conv::peer(PeerKey::User(owner)),
        message,
        entities: (!entities.is_empty()).then_some(entities),
        chats,
        users,
    };
    Ok(enums::account::ResolvedBusinessChatLinks::Links(answer).to_bytes())
}

/// A slug as given: bare, or the whole `t.me/m/<slug>` link.
fn slug_of(raw: &str) -> &str {
    raw.trim().rsplit('/').next().unwrap_or_default()
}

fn find<'w>(w: &'w mut World, raw: &str) -> Result<&'w mut LinkRec, Failure> {
    let slug = slug_of(raw);
    if slug.is_empty() {
        return Err(Failure::bad("CHATLINK_SLUG_EMPTY"));
    }
    w.business.links.iter_mut().find(|l| l.slug == slug).ok_or_else(|| Failure::bad("CHATLINK_SLUG_EXPIRED"))
}

type Input = (String, Vec<enums::MessageEntity>, Option<String>);

fn input(link: enums::InputBusinessChatLink) -> Result<Input, Failure> {
    let enums::InputBusinessChatLink::Link(l) = link;
    if l.message.trim().is_empty() {
        return Err(Failure::bad("MESSAGE_EMPTY"));
    }
    if l.message.encode_utf16().count() > 4096 {
        return Err(Failure::bad("MESSAGE_TOO_LONG"));
    }
    if l.title.as_ref().is_some_and(|t| t.chars().count() > 32) {
        return Err(Failure::bad("TITLE_TOO_LONG"));
    }
    Ok((l.message, l.entities.unwrap_or_default(), l.title.filter(|t| !t.is_empty())))
}

fn render(l: &LinkRec) -> enums::BusinessChatLink {
    enums::BusinessChatLink::Link(types::BusinessChatLink {
        link: format!("https://t.me/m/{}", l.slug),
        message: l.message.clone(),
        entities: (!l.entities.is_empty()).then(|| l.entities.clone()),
        title: l.title.clone(),
        views: l.views,
    })
}
