//! Channel and supergroup statistics, computed from the world (members, messages per period,
//! views, forwards and reactions), and boosts: the account's slots, a channel's level and its
//! list of boosts. Graphs are not drawn: each is a `statsGraphError`.

use std::collections::BTreeMap;

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::Answer;
use crate::sandbox::rpc::{input_channel, input_peer};
use crate::sandbox::world::folders::require_admin;
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{ChannelRec, Failure, MsgRec, PeerKey, World};

/// The statistics period: the last seven days, compared with the seven before.
const PERIOD: i32 = 7 * 86_400;
/// Boosts needed to reach each level (level n needs `LEVELS[n - 1]`).
const LEVELS: [i32; 10] = [1, 3, 7, 12, 18, 25, 33, 42, 52, 63];
/// Boost slots of a Premium account.
const SLOTS: i32 = 4;
/// What Telegram answers for a graph of a small chat.
const NO_GRAPH: &str = "Not enough data to display.";

pub(super) fn broadcast(w: &mut World, req: f::stats::GetBroadcastStats, now: i32) -> Answer {
    let channel = stats_channel(w, &req.channel)?;
    if !channel.broadcast {
        return Err(Failure::bad("BROADCAST_REQUIRED"));
    }
    let peer = PeerKey::Channel(channel.id);
    let posts = posts_of(w, peer);
    let (current, previous) = split(&posts, now);
    let per_post = |list: &[&MsgRec], value: &dyn Fn(&MsgRec) -> i32| {
        if list.is_empty() {
            0.0
        } else {
            list.iter().map(|m| f64::from(value(m))).sum::<f64>() / list.len() as f64
        }
    };
    let views = |m: &MsgRec| m.views.unwrap_or(0);
    let shares = |m: &MsgRec| forwards_of(w, peer, m.id);
    let reactions = |m: &MsgRec| m.reactions.iter().map(|(_, n)| *n).sum();
    let pair = |v: &dyn Fn(&MsgRec) -> i32| abs(per_post(&current, v), per_post(&previous, v));
    let members = channel.members.len() as f64;
    let notified =
        channel.members.iter().filter(|id| **id != w.self_id || !w.folders.muted(peer, now)).count();
    let recent = posts
        .iter()
        .rev()
        .take(10)
        .map(|m| {
            let counters = types::PostInteractionCountersMessage {
                msg_id: m.id,
                views: views(m),
                forwards: shares(m),
                reactions: reactions(m),
            };
            enums::PostInteractionCounters::Message(counters)
        })
        .collect();
    let stats = types::stats::BroadcastStats {
        period: period(now),
        followers: abs(members, members),
        views_per_post: pair(&views),
        shares_per_post: pair(&shares),
        reactions_per_post: pair(&reactions),
        views_per_story: abs(0.0, 0.0),
        shares_per_story: abs(0.0, 0.0),
        reactions_per_story: abs(0.0, 0.0),
        enabled_notifications: enums::StatsPercentValue::Value(types::StatsPercentValue {
            part: notified as f64,
            total: members,
        }),
        growth_graph: graph(),
        followers_graph: graph(),
        mute_graph: graph(),
        top_hours_graph: graph(),
        interactions_graph: graph(),
        iv_interactions_graph: graph(),
        views_by_source_graph: graph(),
        new_followers_by_source_graph: graph(),
        languages_graph: graph(),
        reactions_by_emotion_graph: graph(),
        story_interactions_graph: graph(),
        story_reactions_by_emotion_graph: graph(),
        recent_posts_interactions: recent,
    };
    Ok(enums::stats::BroadcastStats::Stats(stats).to_bytes())
}

pub(super) fn megagroup(w: &mut World, req: f::stats::GetMegagroupStats, now: i32) -> Answer {
    let channel = stats_channel(w, &req.channel)?;
    if channel.broadcast {
        return Err(Failure::bad("MEGAGROUP_REQUIRED"));
    }
    let posts = posts_of(w, PeerKey::Channel(channel.id));
    let (current, previous) = split(&posts, now);
    let posters = |list: &[&MsgRec]| {
        let mut by: BTreeMap<i64, (i32, usize)> = BTreeMap::new();
        for m in list {
            if let Some(PeerKey::User(id)) = m.from {
                let e = by.entry(id).or_default();
                e.0 += 1;
                e.1 += m.text.chars().count();
            }
        }
        by
    };
    let (now_posters, before_posters) = (posters(&current), posters(&previous));
    let members = channel.members.len() as f64;
    let mut top: Vec<(i64, (i32, usize))> = now_posters.iter().map(|(k, v)| (*k, *v)).collect();
    top.sort_by_key(|(id, (n, _))| (std::cmp::Reverse(*n), *id));
    let mut peers = Peers::default();
    top.iter().for_each(|(id, _)| peers.add(PeerKey::User(*id)));
    let top_posters = top
        .iter()
        .take(10)
        .map(|(id, (n, chars))| {
            let avg = (*chars / (*n).max(1) as usize) as i32;
            enums::StatsGroupTopPoster::Poster(types::StatsGroupTopPoster {
                user_id: *id,
                messages: *n,
                avg_chars: avg,
            })
        })
        .collect();
    let (users, _) = peers.build(w);
    let stats = types::stats::MegagroupStats {
        period: period(now),
        members: abs(members, members),
        messages: abs(current.len() as f64, previous.len() as f64),
        viewers: abs(members, members),
        posters: abs(now_posters.len() as f64, before_posters.len() as f64),
        growth_graph: graph(),
        members_graph: graph(),
        new_members_by_source_graph: graph(),
        languages_graph: graph(),
        messages_graph: graph(),
        actions_graph: graph(),
        top_hours_graph: graph(),
        weekdays_graph: graph(),
        top_posters,
        top_admins: Vec::new(),
        top_inviters: Vec::new(),
        users,
    };
    Ok(enums::stats::MegagroupStats::Stats(stats).to_bytes())
}

pub(super) fn my_boosts(w: &mut World, _now: i32) -> Vec<u8> {
    let me = w.self_id;
    let mut peers = Peers::default();
    let mut slots = Vec::new();
    if w.premium {
        let mine: Vec<(PeerKey, i32, i32)> = w
            .folders
            .boosts
            .iter()
            .flat_map(|(p, list)| list.iter().filter(|b| b.user == Some(me)).map(|b| (*p, b.date, b.expires)))
            .collect();
        let start = w.folders.slots_date;
        for slot in 1..=SLOTS {
            let used = mine.get(slot as usize - 1);
            used.iter().for_each(|(p, ..)| peers.add(*p));
            slots.push(enums::MyBoost::Boost(types::MyBoost {
                slot,
                peer: used.map(|(p, ..)| conv::peer(*p)),
                date: used.map_or(start, |u| u.1),
                expires: used.map_or(start + 30 * 86_400, |u| u.2),
                cooldown_until_date: None,
            }));
        }
    }
    let (users, chats) = peers.build(w);
    enums::premium::MyBoosts::Boosts(types::premium::MyBoosts { my_boosts: slots, chats, users }).to_bytes()
}

pub(super) fn boosts_status(w: &mut World, req: f::premium::GetBoostsStatus) -> Answer {
    let peer = input_peer(w, &req.peer)?;
    let PeerKey::Channel(id) = peer else { return Err(Failure::bad("PEER_ID_INVALID")) };
    let channel = &w.channels[&id];
    let list = w.folders.boosts.get(&peer).map(Vec::as_slice).unwrap_or_default();
    let boosts: i32 = list.iter().map(|b| b.multiplier.unwrap_or(1)).sum();
    let gifts: i32 = list.iter().filter(|b| b.gift).map(|b| b.multiplier.unwrap_or(1)).sum();
    let level = LEVELS.iter().take_while(|need| boosts >= **need).count();
    let current_level_boosts = if level == 0 { 0 } else { LEVELS[level - 1] };
    let me = w.self_id;
    let my_slots: Vec<i32> =
        list.iter().filter(|b| b.user == Some(me)).enumerate().map(|(n, _)| n as i32 + 1).collect();
    let boost_url = match &channel.username {
        Some(name) => format!("https://t.me/boost/{name}"),
        None => format!("https://t.me/boost?c={id}"),
    };
    let status = types::premium::BoostsStatus {
        my_boost: !my_slots.is_empty(),
        level: level as i32,
        current_level_boosts,
        boosts,
        gift_boosts: (gifts > 0).then_some(gifts),
        next_level_boosts: LEVELS.get(level).copied(),
        premium_audience: None,
        boost_url,
        prepaid_giveaways: None,
        my_boost_slots: (!my_slots.is_empty()).then_some(my_slots),
    };
    Ok(enums::premium::BoostsStatus::Status(status).to_bytes())
}

pub(super) fn boosts_list(w: &mut World, req: f::premium::GetBoostsList) -> Answer {
    let peer = input_peer(w, &req.peer)?;
    if !matches!(peer, PeerKey::Channel(_)) {
        return Err(Failure::bad("PEER_ID_INVALID"));
    }
    require_admin(w, peer)?;
    let start: usize = match req.offset.as_str() {
        "" => 0,
        raw => raw.parse().map_err(|_| Failure::bad("OFFSET_INVALID"))?,
    };
    let all: Vec<_> = w
        .folders
        .boosts
        .get(&peer)
        .map(|l| l.iter().filter(|b| !req.gifts || b.gift).rev().collect())
        .unwrap_or_default();
    let limit = req.limit.clamp(1, 100) as usize;
    let page: Vec<_> = all.iter().skip(start).take(limit).collect();
    let mut peers = Peers::default();
    page.iter().filter_map(|b| b.user).for_each(|id| peers.add(PeerKey::User(id)));
    let boosts = page
        .iter()
        .map(|b| {
            enums::Boost::Boost(types::Boost {
                gift: b.gift,
                giveaway: b.giveaway_msg_id.is_some(),
                unclaimed: b.gift && b.user.is_none(),
                id: b.id.clone(),
                user_id: b.user,
                giveaway_msg_id: b.giveaway_msg_id,
                date: b.date,
                expires: b.expires,
                used_gift_slug: None,
                multiplier: b.multiplier,
                stars: None,
            })
        })
        .collect();
    let next = start + page.len();
    let (users, _) = peers.build(w);
    let list = types::premium::BoostsList {
        count: all.len() as i32,
        boosts,
        next_offset: (next < all.len()).then(|| next.to_string()),
        users,
    };
    Ok(enums::premium::BoostsList::List(list).to_bytes())
}

/// The channel of a stats request, checked for the account's admin rights.
fn stats_channel<'w>(w: &'w World, c: &enums::InputChannel) -> Result<&'w ChannelRec, Failure> {
    let key = input_channel(w, c)?;
    require_admin(w, key)?;
    let PeerKey::Channel(id) = key else { return Err(Failure::bad("CHANNEL_INVALID")) };
    Ok(&w.channels[&id])
}

/// A chat's messages without service messages, oldest first.
fn posts_of(w: &World, peer: PeerKey) -> Vec<&MsgRec> {
    let dialog = w.dialogs.get(&peer);
    dialog.map(|d| d.messages.values().filter(|m| m.topic_created.is_none()).collect()).unwrap_or_default()
}

/// The messages of this period and of the one before.
fn split<'a>(posts: &[&'a MsgRec], now: i32) -> (Vec<&'a MsgRec>, Vec<&'a MsgRec>) {
    let current = posts.iter().filter(|m| m.date > now - PERIOD).copied().collect();
    let previous =
        posts.iter().filter(|m| m.date > now - 2 * PERIOD && m.date <= now - PERIOD).copied().collect();
    (current, previous)
}

/// How often a channel post was forwarded, as far as the account can see.
fn forwards_of(w: &World, channel: PeerKey, id: i32) -> i32 {
    let copies = w.dialogs.values().flat_map(|d| d.messages.values());
    copies.filter(|m| m.fwd.as_ref().is_some_and(|f| f.from == channel && f.channel_post == Some(id))).count()
        as i32
}

fn period(now: i32) -> enums::StatsDateRangeDays {
    enums::StatsDateRangeDays::Days(types::StatsDateRangeDays { min_date: now - PERIOD, max_date: now })
}

fn abs(current: f64, previous: f64) -> enums::StatsAbsValueAndPrev {
    enums::StatsAbsValueAndPrev::Prev(types::StatsAbsValueAndPrev { current, previous })
}

fn graph() -> enums::StatsGraph {
    enums::StatsGraph::Error(types::StatsGraphError { error: NO_GRAPH.to_owned() })
}
