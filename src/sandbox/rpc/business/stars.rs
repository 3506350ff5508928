//! Telegram Stars: balance, transactions, subscriptions, top-up options, the gift catalogue
//! and received gifts (saving toggles a gift's visibility; converting removes it and credits
//! its Stars). Only your own balance and history are readable (`PEER_ID_INVALID` otherwise).

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::super::input_peer;
use super::{Answer, done};
use crate::sandbox::world::business::{GiftRec, SavedGiftRec, SubscriptionRec, TxPeer, TxRec};
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{Failure, PeerKey, World};

/// Subscriptions per `getStarsSubscriptions` page.
const SUBSCRIPTIONS_PAGE: usize = 20;

pub(super) fn status(w: &World, r: f::payments::GetStarsStatus) -> Answer {
    own(w, &r.peer)?;
    Ok(answer(w, Status { missing: missing_balance(w), ..Status::default() }, Peers::default()))
}

pub(super) fn transactions(w: &World, r: f::payments::GetStarsTransactions) -> Answer {
    own(w, &r.peer)?;
    let limit = page_limit(r.limit)?;
    let mut list: Vec<&TxRec> = w
        .business
        .stars
        .transactions
        .iter()
        .filter(|t| !r.inbound || t.amount > 0)
        .filter(|t| !r.outbound || t.amount < 0)
        .filter(|t| r.subscription_id.as_ref().is_none_or(|id| t.subscription_id.as_ref() == Some(id)))
        .collect();
    if r.ascending {
        list.reverse();
    }
    let (page, next) = slice(&list, &r.offset, limit)?;
    let mut peers = Peers::default();
    for t in &page {
        if let TxPeer::Peer(p) = t.peer {
            peers.add(p);
        }
    }
    let history = page.iter().map(|t| transaction(t)).collect();
    Ok(answer(w, Status { history: Some(history), next, ..Status::default() }, peers))
}

pub(super) fn subscriptions(w: &World, r: f::payments::GetStarsSubscriptions) -> Answer {
    own(w, &r.peer)?;
    let balance = w.business.stars.balance;
    let list: Vec<&SubscriptionRec> = w
        .business
        .stars
        .subscriptions
        .iter()
        .filter(|s| !r.missing_balance || (!s.canceled && s.amount > balance))
        .collect();
    let (page, next) = slice(&list, &r.offset, SUBSCRIPTIONS_PAGE)?;
    let mut peers = Peers::default();
    page.iter().for_each(|s| peers.add(s.peer));
    let subs = page.iter().map(|s| subscription(s, balance)).collect();
    let status = Status {
        subscriptions: Some(subs),
        next_subscriptions: next,
        missing: missing_balance(w),
        ..Status::default()
    };
    Ok(answer(w, status, peers))
}

pub(super) fn change(w: &mut World, r: f::payments::ChangeStarsSubscription) -> Answer {
    own(w, &r.peer)?;
    let sub = w.business.stars.subscriptions.iter_mut().find(|s| s.id == r.subscription_id);
    let sub = sub.ok_or_else(|| Failure::bad("SUBSCRIPTION_ID_INVALID"))?;
    if let Some(canceled) = r.canceled {
        sub.canceled = canceled;
    }
    done()
}

pub(super) fn topup_options(w: &World) -> Vec<u8> {
    let options: Vec<enums::StarsTopupOption> = w
        .business
        .stars
        .topup
        .iter()
        .map(|o| {
            enums::StarsTopupOption::Option(types::StarsTopupOption {
                extended: o.extended,
                stars: o.stars,
                store_product: None,
                currency: "USD".into(),
                amount: o.amount,
            })
        })
        .collect();
    options.to_bytes()
}

pub(super) fn gifts(w: &World, r: f::payments::GetStarGifts) -> Answer {
    let catalogue = &w.business.stars.catalogue;
    let hash =
        catalogue.iter().fold(0i32, |h, g| h.wrapping_mul(31).wrapping_add(g.id as i32 ^ g.stars as i32));
    if r.hash != 0 && r.hash == hash {
        return Ok(enums::payments::StarGifts::NotModified.to_bytes());
    }
    let gifts = catalogue.iter().map(gift).collect();
    let (users, chats) = Peers::default().build(w);
    Ok(enums::payments::StarGifts::Gifts(types::payments::StarGifts { hash, gifts, chats, users }).to_bytes())
}

pub(super) fn saved_gifts(w: &World, r: f::payments::GetSavedStarGifts) -> Answer {
    let owner = input_peer(w, &r.peer)?;
    let mine = owner == PeerKey::User(w.self_id);
    let limit = page_limit(r.limit)?;
    let stars = &w.business.stars;
    let limited = |g: &SavedGiftRec| stars.catalogue.iter().any(|c| c.id == g.gift_id && c.limited.is_some());
    let value = |g: &SavedGiftRec| stars.catalogue.iter().find(|c| c.id == g.gift_id).map_or(0, |c| c.stars);
    let mut list: Vec<&SavedGiftRec> = stars
        .saved
        .iter()
        .filter(|g| PeerKey::User(g.owner) == owner)
        // Others see only the gifts shown on the profile.
        .filter(|g| !g.unsaved || mine)
        .filter(|g| if g.unsaved { !r.exclude_unsaved } else { !r.exclude_saved })
        // Every limited gift of the sandbox can be upgraded; there are no unique ones.
        .filter(|g| if limited(g) { !r.exclude_upgradable } else { !r.exclude_unlimited })
        .collect();
    if r.sort_by_value {
        list.sort_by_key(|g| std::cmp::Reverse(value(g)));
    }
    let (page, next) = slice(&list, &r.offset, limit)?;
    let mut peers = Peers::default();
    peers.add(owner);
    page.iter().for_each(|g| peers.add(PeerKey::User(g.from)));
    let gifts = page.iter().filter_map(|g| saved_gift(w, g, mine)).collect();
    let (users, chats) = peers.build(w);
    let answer = types::payments::SavedStarGifts {
        count: list.len() as i32,
        chat_notifications_enabled: None,
        gifts,
        next_offset: next,
        chats,
        users,
    };
    Ok(enums::payments::SavedStarGifts::Gifts(answer).to_bytes())
}

pub(super) fn save_gift(w: &mut World, r: f::payments::SaveStarGift) -> Answer {
    let index = received(w, &r.stargift)?;
    w.business.stars.saved[index].unsaved = r.unsave;
    done()
}

pub(super) fn convert_gift(w: &mut World, r: f::payments::ConvertStarGift, now: i32) -> Answer {
    let index = received(w, &r.stargift)?;
    let stars = &mut w.business.stars;
    let gift = stars.saved.remove(index);
    let amount = stars.catalogue.iter().find(|g| g.id == gift.gift_id).map_or(0, |g| g.convert_stars);
    stars.balance += amount;
    let id = format!("tx{:04}", stars.next_tx);
    stars.next_tx += 1;
    let peer = TxPeer::Peer(PeerKey::User(gift.from));
    let title = Some("Gift converted to Stars".to_owned());
    let tx = TxRec {
        id,
        amount,
        date: now,
        peer,
        title,
        subscription_period: None,
        subscription_id: None,
        gift: true,
    };
    stars.transactions.insert(0, tx);
    done()
}

/// The index of a gift you received, named by its service message. Channels of the sandbox
/// hold no gifts, so a chat's gift id never matches.
fn received(w: &World, input: &enums::InputSavedStarGift) -> Result<usize, Failure> {
    let u = match input {
        enums::InputSavedStarGift::User(u) => u,
        enums::InputSavedStarGift::Chat(c) => {
            input_peer(w, &c.peer)?;
            return Err(Failure::bad("STARGIFT_INVALID"));
        }
        enums::InputSavedStarGift::Slug(_) => return Err(Failure::bad("STARGIFT_INVALID")),
    };
    let me = w.self_id;
    let found = w.business.stars.saved.iter().position(|g| g.owner == me && g.msg_id == u.msg_id);
    found.ok_or_else(|| Failure::bad("STARGIFT_INVALID"))
}

fn own(w: &World, peer: &enums::InputPeer) -> Result<(), Failure> {
    match input_peer(w, peer)? {
        PeerKey::User(id) if id == w.self_id => Ok(()),
        _ => Err(Failure::bad("PEER_ID_INVALID")),
    }
}

fn page_limit(limit: i32) -> Result<usize, Failure> {
    match limit {
        1..=100 => Ok(limit as usize),
        _ => Err(Failure::bad("LIMIT_INVALID")),
    }
}

/// A page from a string offset (`""` is the start) and the next page's offset.
fn slice<'a, T>(list: &[&'a T], offset: &str, limit: usize) -> Result<(Vec<&'a T>, Option<String>), Failure> {
    let start = match offset {
        "" => 0,
        raw => raw.parse::<usize>().map_err(|_| Failure::bad("OFFSET_INVALID"))?,
    };
    let page: Vec<&T> = list.iter().skip(start).take(limit).copied().collect();
    let end = start + page.len();
    Ok((page, (end < list.len()).then(|| end.to_string())))
}

/// Stars the active subscriptions need beyond the balance, if any.
fn missing_balance(w: &World) -> Option<i64> {
    let s = &w.business.stars;
    let due: i64 = s.subscriptions.iter().filter(|x| !x.canceled).map(|x| x.amount).sum();
    (due > s.balance).then_some(due - s.balance)
}

#[derive(Default)]
struct Status {
    history: Option<Vec<enums::StarsTransaction>>,
    next: Option<String>,
    subscriptions: Option<Vec<enums::StarsSubscription>>,
    next_subscriptions: Option<String>,
    missing: Option<i64>,
}

fn answer(w: &World, s: Status, peers: Peers) -> Vec<u8> {
    let (users, chats) = peers.build(w);
    let balance = stars_amount(w.business.stars.balance);
    enums::payments::StarsStatus::Status(types::payments::StarsStatus {
        balance,
        subscriptions: s.subscriptions,
        subscriptions_next_offset: s.next_subscriptions,
        subscriptions_missing_balance: s.missing,
        history: s.history,
        next_offset: s.next,
        chats,
        users,
    })
    .to_bytes()
}

fn stars_amount(amount: i64) -> enums::StarsAmount {
    enums::StarsAmount::Amount(types::StarsAmount { amount, nanos: 0 })
}

fn transaction(t: &TxRec) -> enums::StarsTransaction {
    let peer = match t.peer {
        TxPeer::Peer(p) => {
            enums::StarsTransactionPeer::Peer(types::StarsTransactionPeer { peer: conv::peer(p) })
        }
        TxPeer::AppStore => enums::StarsTransactionPeer::AppStore,
        TxPeer::Fragment => enums::StarsTransactionPeer::Fragment,
    };
    enums::StarsTransaction::Transaction(types::StarsTransaction {
        refund: false,
        pending: false,
        failed: false,
        gift: t.gift,
        reaction: false,
        stargift_upgrade: false,
        business_transfer: false,
        stargift_resale: false,
        posts_search: false,
        stargift_prepaid_upgrade: false,
        stargift_drop_original_details: false,
        phonegroup_message: false,
        stargift_auction_bid: false,
        offer: false,
        id: t.id.clone(),
        amount: stars_amount(t.amount),
        date: t.date,
        peer,
        title: t.title.clone(),
        description: None,
        photo: None,
        transaction_date: None,
        transaction_url: None,
        bot_payload: None,
        msg_id: None,
        extended_media: None,
        subscription_period: t.subscription_period,
        giveaway_post_id: None,
        stargift: None,
        floodskip_number: None,
        starref_commission_permille: None,
        starref_peer: None,
        starref_amount: None,
        paid_messages: None,
        premium_gift_months: None,
        ads_proceeds_from_date: None,
        ads_proceeds_to_date: None,
    })
}

fn subscription(s: &SubscriptionRec, balance: i64) -> enums::StarsSubscription {
    let pricing = types::StarsSubscriptionPricing { period: s.period, amount: s.amount };
    enums::StarsSubscription::Subscription(types::StarsSubscription {
        canceled: s.canceled,
        can_refulfill: false,
        missing_balance: !s.canceled && s.amount > balance,
        bot_canceled: false,
        id: s.id.clone(),
        peer: conv::peer(s.peer),
        until_date: s.until,
        pricing: enums::StarsSubscriptionPricing::Pricing(pricing),
        chat_invite_hash: None,
        title: s.title.clone(),
        photo: None,
        invoice_slug: None,
    })
}

fn gift(g: &GiftRec) -> enums::StarGift {
    let (remains, total) = g.limited.unzip();
    enums::StarGift::Gift(types::StarGift {
        limited: g.limited.is_some(),
        sold_out: remains == Some(0),
        birthday: false,
        require_premium: false,
        limited_per_user: false,
        peer_color_available: false,
        auction: false,
        id: g.id,
        sticker: enums::Document::Empty(types::DocumentEmpty { id: g.id }),
        stars: g.stars,
        availability_remains: remains,
        availability_total: total,
        availability_resale: None,
        convert_stars: g.convert_stars,
        first_sale_date: None,
        last_sale_date: None,
        upgrade_stars: None,
        resell_min_stars: None,
        title: g.title.clone(),
        released_by: None,
        per_user_total: None,
        per_user_remains: None,
        locked_until_date: None,
        auction_slug: None,
        gifts_per_round: None,
        auction_start_date: None,
        upgrade_variants: None,
        background: None,
    })
}

/// A received gift; the receiver also sees its message id and conversion value.
fn saved_gift(w: &World, g: &SavedGiftRec, mine: bool) -> Option<enums::SavedStarGift> {
    let catalogue = w.business.stars.catalogue.iter().find(|c| c.id == g.gift_id)?;
    let message = g.message.as_ref().map(|text| {
        enums::TextWithEntities::Entities(types::TextWithEntities {
            text: text.clone(),
            entities: Vec::new(),
        })
    });
    Some(enums::SavedStarGift::Gift(types::SavedStarGift {
        name_hidden: false,
        unsaved: g.unsaved,
        refunded: false,
        can_upgrade: false,
        pinned_to_top: false,
        upgrade_separate: false,
        from_id: Some(conv::peer(PeerKey::User(g.from))),
        date: g.date,
        gift: gift(catalogue),
        message,
        msg_id: mine.then_some(g.msg_id),
        saved_id: None,
        convert_stars: mine.then_some(catalogue.convert_stars),
        upgrade_stars: None,
        can_export_at: None,
        transfer_stars: None,
        can_transfer_at: None,
        can_resell_at: None,
        collection_id: None,
        prepaid_upgrade_hash: None,
        drop_original_details_stars: None,
        gift_num: None,
        can_craft_at: None,
    }))
}
