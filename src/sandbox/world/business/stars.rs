//! Telegram Stars of the demo account: balance, history, a subscription, the gift catalogue
//! and received gifts.

use crate::sandbox::world::World;

/// Balance and history.
#[derive(Debug, Default)]
pub(crate) struct StarsState {
    pub(crate) balance: i64,
    /// Newest first.
    pub(crate) transactions: Vec<TxRec>,
    pub(crate) subscriptions: Vec<SubscriptionRec>,
    pub(crate) topup: Vec<TopupRec>,
    pub(crate) catalogue: Vec<GiftRec>,
    /// Gifts users received, by receiver.
    pub(crate) saved: Vec<SavedGiftRec>,
    pub(crate) next_tx: u32,
}

/// The other side of a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TxPeer {
    Peer(crate::sandbox::world::PeerKey),
    AppStore,
    Fragment,
}

#[derive(Debug, Clone)]
pub(crate) struct TxRec {
    pub(crate) id: String,
    pub(crate) amount: i64,
    pub(crate) date: i32,
    pub(crate) peer: TxPeer,
    pub(crate) title: Option<String>,
    pub(crate) subscription_period: Option<i32>,
    pub(crate) subscription_id: Option<String>,
    pub(crate) gift: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct SubscriptionRec {
    pub(crate) id: String,
    pub(crate) peer: crate::sandbox::world::PeerKey,
    pub(crate) until: i32,
    pub(crate) period: i32,
    pub(crate) amount: i64,
    pub(crate) canceled: bool,
    pub(crate) title: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct TopupRec {
    pub(crate) stars: i64,
    pub(crate) amount: i64,
    pub(crate) extended: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct GiftRec {
    pub(crate) id: i64,
    pub(crate) title: Option<String>,
    pub(crate) stars: i64,
    pub(crate) convert_stars: i64,
    /// Remaining and total, for a limited gift.
    pub(crate) limited: Option<(i32, i32)>,
}

#[derive(Debug, Clone)]
pub(crate) struct SavedGiftRec {
    pub(crate) owner: i64,
    pub(crate) msg_id: i32,
    pub(crate) gift_id: i64,
    pub(crate) from: i64,
    pub(crate) date: i32,
    pub(crate) message: Option<String>,
    /// Hidden from the profile.
    pub(crate) unsaved: bool,
}

pub(super) fn seed(w: &mut World, now: i32) {
    use crate::sandbox::world::PeerKey;
    let me = w.self_id;
    let s = &mut w.business.stars;
    s.balance = 250;
    s.catalogue = vec![
        GiftRec { id: 5_170_145_012_310_081_615, title: None, stars: 15, convert_stars: 13, limited: None },
        GiftRec { id: 5_170_233_102_089_322_756, title: None, stars: 25, convert_stars: 21, limited: None },
        GiftRec { id: 5_168_103_777_563_050_263, title: None, stars: 50, convert_stars: 43, limited: None },
        GiftRec {
            id: 5_782_984_811_920_491_178,
            title: Some("Winter Hat".into()),
            stars: 350,
            convert_stars: 300,
            limited: Some((1_200, 50_000)),
        },
    ];
    s.topup = [(50, 99, false), (100, 199, false), (250, 499, false), (2_500, 4_999, true)]
        .into_iter()
        .map(|(stars, amount, extended)| TopupRec { stars, amount, extended })
        .collect();
    let club = PeerKey::Channel(1_500_000_002);
    s.subscriptions.push(SubscriptionRec {
        id: "sub_hike_club".into(),
        peer: club,
        until: now + 20 * 86_400,
        period: 30 * 86_400,
        amount: 40,
        canceled: false,
        title: None,
    });
    let history: [(i64, i32, TxPeer, Option<&str>, bool); 5] = [
        (500, 20, TxPeer::AppStore, None, false),
        (-40, 10, TxPeer::Peer(club), Some("Channel subscription"), false),
        (-25, 6, TxPeer::Peer(PeerKey::User(7_000_002)), Some("Gift"), true),
        (-100, 3, TxPeer::Peer(PeerKey::User(7_000_006)), Some("Premium sticker pack"), false),
        (-85, 1, TxPeer::Fragment, Some("Ad payment"), false),
    ];
    for (i, (amount, days, peer, title, gift)) in history.into_iter().enumerate() {
        let subscription = matches!(peer, TxPeer::Peer(p) if p == club);
        s.transactions.push(TxRec {
            id: format!("tx{:04}", i + 1),
            amount,
            date: now - days * 86_400,
            peer,
            title: title.map(str::to_owned),
            subscription_period: subscription.then_some(30 * 86_400),
            subscription_id: subscription.then(|| "sub_hike_club".to_owned()),
            gift,
        });
    }
    // Newest first, as Telegram lists them.
    s.transactions.reverse();
    s.next_tx = 6;
    let gifts = [
        (me, 900_001, 1, 7_000_002, 2, Some("Happy hiking!"), false),
        (me, 900_002, 0, 7_000_003, 1, None, true),
        (me, 900_003, 3, 7_000_005, 0, Some("For the trip"), false),
        (7_000_002, 900_004, 2, me, 5, None, false),
    ];
    for (owner, msg_id, gift, from, days, message, unsaved) in gifts {
        s.saved.push(SavedGiftRec {
            owner,
            msg_id,
            gift_id: s.catalogue[gift].id,
            from,
            date: now - days * 86_400 - 3_600,
            message: message.map(str::to_owned),
            unsaved,
        });
    }
}
