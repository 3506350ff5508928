//! Reaction RPCs: send and read reactions, who reacted, a chat's allowed reactions, the quick
//! reaction (shown in `help.getConfig`), top and recent reactions, paid reactions and their
//! privacy, and unread reactions to the account's messages.

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::{Answer, is_broadcast, located, messages_answer, updates_answer};
use crate::sandbox::rpc::input_peer;
use crate::sandbox::world::reactions::{self as r, Allowed, PaidReactor, Reactor};
use crate::sandbox::world::tl::reactions::emoji;
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{Failure, MsgRec, Paging, PeerKey, World};

pub(super) fn send(w: &mut World, q: f::messages::SendReaction, now: i32) -> Answer {
    let peer = input_peer(w, &q.peer)?;
    let wanted = emojis(q.reaction.as_deref().unwrap_or_default())?;
    let limit = if w.premium { r::MAX_OWN_PREMIUM } else { r::MAX_OWN };
    if wanted.len() > limit {
        return Err(Failure::bad("REACTIONS_TOO_MANY"));
    }
    let allowed = allowed(w, peer);
    if let Some(bad) = wanted.iter().find(|e| !allowed.permits(e)) {
        tracing::debug!(reaction = %bad, "reaction not allowed in this chat");
        return Err(Failure::bad("REACTION_INVALID"));
    }
    let me = PeerKey::User(w.self_id);
    let (_, m) = located(w, &q.peer, q.msg_id)?;
    if m.topic_created.is_some() {
        return Err(Failure::bad("MESSAGE_ID_INVALID"));
    }
    let before: Vec<String> = m.reacted.by.iter().filter(|x| x.mine).map(|x| x.emoji.clone()).collect();
    r::remove_reactions(m, me);
    for e in &wanted {
        let reactor = Reactor { peer: me, emoji: e.clone(), date: now, unread: false, mine: true };
        r::add_reaction(m, reactor);
    }
    let update = reactions_update(m);
    if q.add_to_recent {
        let recent = &mut w.reactions.recent;
        for e in wanted.iter().rev().filter(|e| !before.contains(e)) {
            recent.retain(|x| x != e);
            recent.insert(0, e.clone());
        }
        recent.truncate(100);
    }
    Ok(updates_answer(w, vec![update], &[peer], now))
}

pub(super) fn get(w: &mut World, q: f::messages::GetMessagesReactions, now: i32) -> Answer {
    let peer = input_peer(w, &q.peer)?;
    let dialog = w.dialog(peer)?;
    let list: Vec<enums::Update> =
        q.id.iter().filter_map(|id| dialog.messages.get(id)).map(reactions_update).collect();
    Ok(updates_answer(w, list, &[peer], now))
}

pub(super) fn list(w: &mut World, q: f::messages::GetMessageReactionsList) -> Answer {
    let peer = input_peer(w, &q.peer)?;
    if is_broadcast(w, peer) {
        return Err(Failure::bad("BROADCAST_FORBIDDEN"));
    }
    let m = w.message(peer, q.id).ok_or_else(|| Failure::bad("MESSAGE_ID_INVALID"))?;
    let only = match &q.reaction {
        Some(enums::Reaction::Emoji(e)) => Some(e.emoticon.clone()),
        Some(_) => return Err(Failure::bad("REACTION_INVALID")),
        None => None,
    };
    let all: Vec<&Reactor> =
        m.reacted.by.iter().rev().filter(|x| only.as_ref().is_none_or(|e| *e == x.emoji)).collect();
    let start = q
        .offset
        .as_deref()
        .map_or(Ok(0), |o| o.parse::<usize>())
        .map_err(|_| Failure::bad("OFFSET_INVALID"))?;
    let limit = q.limit.clamp(1, 100) as usize;
    let page: Vec<&Reactor> = all.iter().skip(start).take(limit).copied().collect();
    let mut peers = Peers::default();
    page.iter().for_each(|x| peers.add(x.peer));
    let reactions = page.iter().map(|x| peer_reaction(x)).collect();
    let next = start + page.len();
    let (users, chats) = peers.build(w);
    let answer = types::messages::MessageReactionsList {
        count: all.len() as i32,
        reactions,
        chats,
        users,
        next_offset: (next < all.len()).then(|| next.to_string()),
    };
    Ok(enums::messages::MessageReactionsList::List(answer).to_bytes())
}

/// Only groups and channels have a reaction policy, set by their creator or an admin.
pub(super) fn set_available(w: &mut World, q: f::messages::SetChatAvailableReactions, now: i32) -> Answer {
    let peer = input_peer(w, &q.peer)?;
    match peer {
        PeerKey::User(_) => return Err(Failure::bad("PEER_ID_INVALID")),
        PeerKey::Chat(id) if w.chats.get(&id).is_none_or(|c| c.creator != w.self_id) => {
            return Err(Failure::new(403, "CHAT_ADMIN_REQUIRED"));
        }
        _ => {}
    }
    let policy = match q.available_reactions {
        enums::ChatReactions::None => Allowed::None,
        enums::ChatReactions::All(a) => Allowed::All { custom: a.allow_custom },
        enums::ChatReactions::Some(s) => {
            let list = emojis(&s.reactions)?;
            if list.is_empty() || list.iter().any(|e| !r::STANDARD.contains(&e.as_str())) {
                return Err(Failure::bad("REACTION_INVALID"));
            }
            Allowed::Some(list)
        }
    };
    if w.reactions.available.get(&peer).unwrap_or(&Allowed::All { custom: false }) == &policy {
        return Err(Failure::bad("CHAT_NOT_MODIFIED"));
    }
    w.reactions.available.insert(peer, policy);
    Ok(updates_answer(w, Vec::new(), &[peer], now))
}

pub(super) fn set_default(w: &mut World, q: f::messages::SetDefaultReaction) -> Answer {
    let [e] = emojis(std::slice::from_ref(&q.reaction))?
        .try_into()
        .map_err(|_| Failure::bad("REACTION_INVALID"))?;
    if !r::STANDARD.contains(&e.as_str()) {
        return Err(Failure::bad("REACTION_INVALID"));
    }
    w.reactions.default_reaction = e;
    Ok(true.to_bytes())
}

pub(super) fn top(_w: &World, q: f::messages::GetTopReactions) -> Answer {
    Ok(reaction_list(r::STANDARD.iter().map(|e| (*e).to_owned()).collect(), q.limit, q.hash))
}

pub(super) fn recent(w: &World, q: f::messages::GetRecentReactions) -> Answer {
    Ok(reaction_list(w.reactions.recent.clone(), q.limit, q.hash))
}

/// Paid reactions exist only on broadcast posts and cost Stars the account must have.
pub(super) fn send_paid(w: &mut World, q: f::messages::SendPaidReaction, now: i32) -> Answer {
    let peer = input_peer(w, &q.peer)?;
    if !is_broadcast(w, peer) {
        return Err(Failure::bad("REACTION_INVALID"));
    }
    w.message(peer, q.msg_id).ok_or_else(|| Failure::bad("MESSAGE_ID_INVALID"))?;
    if !(1..=2500).contains(&q.count) {
        return Err(Failure::bad("REACTION_INVALID"));
    }
    if w.random_ids.contains_key(&q.random_id) {
        return Err(Failure::new(500, "RANDOM_ID_DUPLICATE"));
    }
    // One wallet: the Stars `payments.getStarsStatus` shows (the business family's state).
    if w.business.stars.balance < i64::from(q.count) {
        return Err(Failure::bad("BALANCE_TOO_LOW"));
    }
    let anonymous = match &q.private {
        Some(p) => {
            let anonymous = anonymous(w, p)?;
            w.reactions.paid_anonymous = anonymous;
            anonymous
        }
        None => w.reactions.paid_anonymous,
    };
    spend_stars(w, peer, q.count, now);
    w.random_ids.insert(q.random_id, (peer, q.msg_id));
    let me = PeerKey::User(w.self_id);
    let (_, m) = located(w, &q.peer, q.msg_id)?;
    match m.reacted.paid.iter_mut().find(|p| p.mine) {
        Some(p) => {
            p.stars += q.count;
            p.anonymous = anonymous;
        }
        None => m.reacted.paid.push(PaidReactor { peer: me, stars: q.count, anonymous, mine: true }),
    }
    let update = reactions_update(m);
    Ok(updates_answer(w, vec![update], &[peer], now))
}

/// Changes the privacy of the account's paid reaction on a post; it becomes the default too
/// (`paidReactionPrivacyDefault` means "as last set with togglePaidReactionPrivacy").
pub(super) fn toggle_paid_privacy(w: &mut World, q: f::messages::TogglePaidReactionPrivacy) -> Answer {
    let anonymous = anonymous(w, &q.private)?;
    let (_, m) = located(w, &q.peer, q.msg_id)?;
    let mine = m.reacted.paid.iter_mut().find(|p| p.mine).ok_or_else(|| Failure::bad("REACTION_EMPTY"))?;
    mine.anonymous = anonymous;
    w.reactions.paid_anonymous = anonymous;
    Ok(true.to_bytes())
}

pub(super) fn paid_privacy(w: &World, now: i32) -> Vec<u8> {
    let private = if w.reactions.paid_anonymous {
        enums::PaidReactionPrivacy::Anonymous
    } else {
        enums::PaidReactionPrivacy::Default
    };
    let update = enums::Update::PaidReactionPrivacy(types::UpdatePaidReactionPrivacy { private });
    updates_answer(w, vec![update], &[], now)
}

/// The account's messages with reactions it has not seen, newest first.
pub(super) fn unread(w: &World, q: f::messages::GetUnreadReactions) -> Answer {
    let peer = input_peer(w, &q.peer)?;
    let all: Vec<&MsgRec> = w
        .history(peer)?
        .into_iter()
        .filter(|m| m.out && m.reacted.by.iter().any(|x| x.unread))
        .filter(|m| q.top_msg_id.is_none_or(|top| m.top_id == Some(top)))
        .collect();
    let paging = Paging {
        offset_id: q.offset_id,
        offset_date: 0,
        add_offset: q.add_offset,
        limit: q.limit,
        max_id: q.max_id,
        min_id: q.min_id,
    };
    Ok(messages_answer(w, peer, &paging.apply(&all), all.len()))
}

pub(super) fn read(w: &mut World, q: f::messages::ReadReactions) -> Answer {
    let peer = input_peer(w, &q.peer)?;
    let pts = w.pts_of(peer);
    let dialog = w.dialogs.get_mut(&peer).ok_or_else(|| Failure::bad("PEER_ID_INVALID"))?;
    let reactors = dialog.messages.values_mut().filter(|m| q.top_msg_id.is_none_or(|t| m.top_id == Some(t)));
    reactors.flat_map(|m| m.reacted.by.iter_mut()).for_each(|x| x.unread = false);
    let affected = types::messages::AffectedHistory { pts, pts_count: 0, offset: 0 };
    Ok(enums::messages::AffectedHistory::History(affected).to_bytes())
}

/// `help.getConfig` with the account's quick reaction.
pub(crate) fn config(w: &World, now: i32) -> Vec<u8> {
    let enums::Config::Config(mut config) = conv::config(now);
    config.reactions_default = Some(emoji(&w.reactions.default_reaction));
    enums::Config::Config(config).to_bytes()
}

/// The emoji of a list of reactions; custom emoji and paid ones are not sent this way.
fn emojis(list: &[enums::Reaction]) -> Result<Vec<String>, Failure> {
    let mut out: Vec<String> = Vec::new();
    for reaction in list {
        match reaction {
            enums::Reaction::Emoji(e) if !out.contains(&e.emoticon) => out.push(e.emoticon.clone()),
            enums::Reaction::Emoji(_) => {}
            _ => return Err(Failure::bad("REACTION_INVALID")),
        }
    }
    Ok(out)
}

fn allowed(w: &World, peer: PeerKey) -> Allowed {
    w.reactions.available.get(&peer).cloned().unwrap_or(Allowed::All { custom: false })
}

fn anonymous(w: &World, p: &enums::PaidReactionPrivacy) -> Result<bool, Failure> {
    match p {
        enums::PaidReactionPrivacy::Anonymous => Ok(true),
        enums::PaidReactionPrivacy::Default => Ok(false),
        enums::PaidReactionPrivacy::Peer(p) => match input_peer(w, &p.peer)? {
            PeerKey::User(id) if id == w.self_id => Ok(false),
            _ => Err(Failure::bad("SEND_AS_PEER_INVALID")),
        },
    }
}

fn reactions_update(m: &MsgRec) -> enums::Update {
    let empty = enums::MessageReactions::Reactions(types::MessageReactions {
        min: false,
        can_see_list: false,
        reactions_as_tags: false,
        results: Vec::new(),
        recent_reactions: None,
        top_reactors: None,
    });
    let reactions = match conv::message(m) {
        enums::Message::Message(x) => x.reactions,
        enums::Message::Service(x) => x.reactions,
        enums::Message::Empty(_) => None,
    };
    enums::Update::MessageReactions(types::UpdateMessageReactions {
        peer: conv::peer(m.peer),
        msg_id: m.id,
        top_msg_id: m.top_id,
        saved_peer_id: None,
        reactions: reactions.unwrap_or(empty),
    })
}

fn peer_reaction(x: &Reactor) -> enums::MessagePeerReaction {
    enums::MessagePeerReaction::Reaction(types::MessagePeerReaction {
        big: false,
        unread: x.unread,
        my: x.mine,
        peer_id: conv::peer(x.peer),
        date: x.date,
        reaction: emoji(&x.emoji),
    })
}

/// `messages.reactions` (or `reactionsNotModified` when the client's hash is current).
fn reaction_list(all: Vec<String>, limit: i32, hash: i64) -> Vec<u8> {
    let page: Vec<String> = all.into_iter().take(limit.clamp(1, 100) as usize).collect();
    let ours = page.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, e| {
        e.bytes().fold(h, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }) as i64;
    if hash != 0 && hash == ours {
        return enums::messages::Reactions::NotModified.to_bytes();
    }
    let reactions = page.iter().map(|e| emoji(e)).collect();
    enums::messages::Reactions::Reactions(types::messages::Reactions { hash: ours, reactions }).to_bytes()
}

/// Takes a paid reaction's Stars from the wallet and records the spending, newest first.
fn spend_stars(w: &mut World, peer: PeerKey, count: i32, now: i32) {
    use crate::sandbox::world::business::{TxPeer, TxRec};
    let stars = &mut w.business.stars;
    stars.balance -= i64::from(count);
    let id = format!("tx{:04}", stars.next_tx);
    stars.next_tx += 1;
    let tx = TxRec {
        id,
        amount: -i64::from(count),
        date: now,
        peer: TxPeer::Peer(peer),
        title: Some("Paid reaction".to_owned()),
        subscription_period: None,
        subscription_id: None,
        gift: false,
    };
    stars.transactions.insert(0, tx);
}
