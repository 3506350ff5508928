//! Chat folders (dialog filters): listing, creating, editing, deleting, reordering, Telegram's
//! suggestions and folder tags.

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::{Answer, bool_answer, premium_limit};
use crate::sandbox::rpc::input_peer;
use crate::sandbox::world::folders::Filter;
use crate::sandbox::world::{Failure, PeerKey, World};

/// Folders allowed without and with Premium.
const MAX_FILTERS: (usize, usize) = (10, 30);
/// Chats a folder may name (pinned and included together), without and with Premium.
const MAX_PEERS: (usize, usize) = (100, 200);

pub(super) fn get(w: &World) -> Vec<u8> {
    let mut filters = vec![enums::DialogFilter::Default];
    filters.extend(w.folders.filters.iter().map(|f| render(w, f)));
    let answer = types::messages::DialogFilters { tags_enabled: w.folders.tags_enabled, filters };
    enums::messages::DialogFilters::Filters(answer).to_bytes()
}

pub(super) fn update(w: &mut World, req: f::messages::UpdateDialogFilter) -> Answer {
    if req.id < 2 {
        return Err(Failure::bad("FILTER_ID_INVALID"));
    }
    let existing = w.folders.filters.iter().position(|f| f.id == req.id);
    let Some(filter) = req.filter else {
        let at = existing.ok_or_else(|| Failure::bad("FILTER_ID_INVALID"))?;
        w.folders.filters.remove(at);
        return Ok(bool_answer(true));
    };
    let enums::DialogFilter::Filter(f) = filter else { return Err(Failure::bad("FILTER_NOT_SUPPORTED")) };
    let filter = parse_filter(w, req.id, f)?;
    match existing {
        Some(at) => w.folders.filters[at] = filter,
        None => {
            if w.folders.filters.len() >= premium_limit(w, MAX_FILTERS.0, MAX_FILTERS.1) {
                return Err(Failure::bad("DIALOG_FILTERS_TOO_MUCH"));
            }
            w.folders.filters.push(filter);
        }
    }
    Ok(bool_answer(true))
}

pub(super) fn order(w: &mut World, req: f::messages::UpdateDialogFiltersOrder) -> Answer {
    // 0 marks where "All chats" goes; the sandbox always shows it first.
    let ids: Vec<i32> = req.order.into_iter().filter(|id| *id != 0).collect();
    let mut ordered = Vec::new();
    for id in &ids {
        let at = w.folders.filters.iter().position(|f| f.id == *id);
        let Some(at) = at else { return Err(Failure::bad("FILTER_ID_INVALID")) };
        ordered.push(w.folders.filters.remove(at));
    }
    // Folders the order left out keep their relative order, after the named ones.
    ordered.append(&mut w.folders.filters);
    w.folders.filters = ordered;
    Ok(bool_answer(true))
}

pub(super) fn suggested(w: &World) -> Vec<u8> {
    let has = |pred: &dyn Fn(PeerKey) -> bool| w.dialogs.keys().any(|p| pred(*p));
    let bot = |p: PeerKey| matches!(p, PeerKey::User(id) if w.users.get(&id).is_some_and(|u| u.bot));
    let channel = |p: PeerKey| matches!(p, PeerKey::Channel(id) if w.channels[&id].broadcast);
    let group = |p: PeerKey| match p {
        PeerKey::Chat(_) => true,
        PeerKey::Channel(id) => !w.channels[&id].broadcast,
        PeerKey::User(_) => false,
    };
    let unread = w.dialogs.values().any(|d| w.unread_count(d) > 0);
    let mut out = Vec::new();
    let all = Filter {
        contacts: true,
        non_contacts: true,
        groups: true,
        broadcasts: true,
        bots: true,
        ..Filter::default()
    };
    let candidates = [
        (unread, "Unread", "📥", "Chats with unread messages", Filter { exclude_read: true, ..all.clone() }),
        (
            true,
            "Personal",
            "👤",
            "Only messages from private chats",
            Filter { contacts: true, non_contacts: true, ..Filter::default() },
        ),
        (
            has(&group),
            "Groups",
            "👥",
            "Only messages from groups",
            Filter { groups: true, ..Filter::default() },
        ),
        (
            has(&channel),
            "Channels",
            "📢",
            "Only messages from channels",
            Filter { broadcasts: true, ..Filter::default() },
        ),
        (has(&bot), "Bots", "🤖", "Only messages from bots", Filter { bots: true, ..Filter::default() }),
    ];
    for (fits, title, emoticon, description, filter) in candidates {
        let taken = w.folders.filters.iter().any(|f| f.title.eq_ignore_ascii_case(title));
        if fits && !taken {
            let filter = Filter { title: title.to_owned(), emoticon: Some(emoticon.to_owned()), ..filter };
            let suggested = types::DialogFilterSuggested {
                filter: render(w, &filter),
                description: description.to_owned(),
            };
            out.push(enums::DialogFilterSuggested::Suggested(suggested));
        }
    }
    out.to_bytes()
}

pub(super) fn tags(w: &mut World, req: f::messages::ToggleDialogFilterTags) -> Answer {
    if !w.premium {
        return Err(Failure::bad("PREMIUM_ACCOUNT_REQUIRED"));
    }
    w.folders.tags_enabled = req.enabled;
    Ok(bool_answer(true))
}

fn parse_filter(w: &World, id: i32, f: types::DialogFilter) -> Result<Filter, Failure> {
    let enums::TextWithEntities::Entities(title) = f.title;
    let title = title.text.trim().to_owned();
    if title.is_empty() {
        return Err(Failure::bad("FILTER_TITLE_EMPTY"));
    }
    let peers = |list: &[enums::InputPeer]| -> Result<Vec<PeerKey>, Failure> {
        let mut out: Vec<PeerKey> = Vec::new();
        for p in list {
            let key = input_peer(w, p)?;
            if !out.contains(&key) {
                out.push(key);
            }
        }
        Ok(out)
    };
    let filter = Filter {
        id,
        title,
        emoticon: f.emoticon.filter(|e| !e.is_empty()),
        color: f.color,
        contacts: f.contacts,
        non_contacts: f.non_contacts,
        groups: f.groups,
        broadcasts: f.broadcasts,
        bots: f.bots,
        exclude_muted: f.exclude_muted,
        exclude_read: f.exclude_read,
        exclude_archived: f.exclude_archived,
        pinned: peers(&f.pinned_peers)?,
        include: peers(&f.include_peers)?,
        exclude: peers(&f.exclude_peers)?,
    };
    let categories =
        filter.contacts || filter.non_contacts || filter.groups || filter.broadcasts || filter.bots;
    if !categories && filter.include.is_empty() && filter.pinned.is_empty() {
        return Err(Failure::bad("FILTER_INCLUDE_EMPTY"));
    }
    if filter.include.len() + filter.pinned.len() > premium_limit(w, MAX_PEERS.0, MAX_PEERS.1) {
        return Err(Failure::bad("FILTER_INCLUDE_TOO_MUCH"));
    }
    Ok(filter)
}

fn render(w: &World, f: &Filter) -> enums::DialogFilter {
    let peers = |list: &[PeerKey]| list.iter().filter_map(|p| input_peer_of(w, *p)).collect();
    enums::DialogFilter::Filter(types::DialogFilter {
        contacts: f.contacts,
        non_contacts: f.non_contacts,
        groups: f.groups,
        broadcasts: f.broadcasts,
        bots: f.bots,
        exclude_muted: f.exclude_muted,
        exclude_read: f.exclude_read,
        exclude_archived: f.exclude_archived,
        title_noanimate: false,
        id: f.id,
        title: enums::TextWithEntities::Entities(types::TextWithEntities {
            text: f.title.clone(),
            entities: Vec::new(),
        }),
        emoticon: f.emoticon.clone(),
        color: f.color,
        pinned_peers: peers(&f.pinned),
        include_peers: peers(&f.include),
        exclude_peers: peers(&f.exclude),
    })
}

/// The `InputPeer` a client would send back for a peer (with its access hash).
fn input_peer_of(w: &World, p: PeerKey) -> Option<enums::InputPeer> {
    Some(match p {
        PeerKey::User(id) => {
            let u = w.users.get(&id)?;
            enums::InputPeer::User(types::InputPeerUser { user_id: id, access_hash: u.access_hash })
        }
        PeerKey::Chat(id) => enums::InputPeer::Chat(types::InputPeerChat { chat_id: id }),
        PeerKey::Channel(id) => {
            let c = w.channels.get(&id)?;
            enums::InputPeer::Channel(types::InputPeerChannel { channel_id: id, access_hash: c.access_hash })
        }
    })
}
