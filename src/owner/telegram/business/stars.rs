//! Telegram Stars: your balance and history, subscriptions, top-up options, the gift
//! catalogue and received gifts (save, hide, convert). Lists page with Telegram's own string
//! offsets.

use grammers_client::tl;

use super::super::Telegram;
use super::super::peers::{Target, peer_id};
use crate::model::business::{
    SavedStarGift, SavedStarGifts, StarGift, StarsStatus, StarsSubscription, StarsSubscriptions,
    StarsTopupOption, StarsTransaction, StarsTransactions,
};
use crate::owner::OwnerError;

/// Which transactions to list.
#[derive(Debug, Clone, Default)]
pub(crate) struct TransactionFilter {
    pub(crate) inbound: bool,
    pub(crate) outbound: bool,
    pub(crate) ascending: bool,
    pub(crate) subscription_id: Option<String>,
}

/// Which received gifts to list.
#[derive(Debug, Clone, Default)]
pub(crate) struct GiftFilter {
    pub(crate) exclude_unsaved: bool,
    pub(crate) exclude_saved: bool,
    pub(crate) exclude_unlimited: bool,
    pub(crate) exclude_limited: bool,
    pub(crate) exclude_unique: bool,
    pub(crate) sort_by_value: bool,
}

/// A received gift: by its service message in your chat with the sender, or a chat's gift id.
#[derive(Debug, Clone)]
pub(crate) enum GiftRef {
    Message(i32),
    Chat(Target, i64),
}

impl Telegram {
    /// The Stars balance of you (or a bot or channel you own), one RPC.
    pub(crate) async fn stars_status(&self, peer: &Target) -> Result<StarsStatus, OwnerError> {
        let request = tl::functions::payments::GetStarsStatus { ton: false, peer: peer.input_peer() };
        let tl::enums::payments::StarsStatus::Status(s) = self.call(&request).await?;
        self.learn(&s.users, &s.chats);
        Ok(StarsStatus {
            balance: amount(&s.balance),
            subscriptions_missing_balance: s.subscriptions_missing_balance,
        })
    }

    /// A page of your Stars transactions, newest first unless `ascending`.
    pub(crate) async fn stars_transactions(
        &self,
        peer: &Target,
        filter: TransactionFilter,
        offset: &str,
        limit: usize,
    ) -> Result<StarsTransactions, OwnerError> {
        let request = tl::functions::payments::GetStarsTransactions {
            inbound: filter.inbound,
            outbound: filter.outbound,
            ascending: filter.ascending,
            ton: false,
            subscription_id: filter.subscription_id,
            peer: peer.input_peer(),
            offset: offset.to_owned(),
            limit: limit as i32,
        };
        let tl::enums::payments::StarsStatus::Status(s) = self.call(&request).await?;
        self.learn(&s.users, &s.chats);
        let transactions = s.history.unwrap_or_default().iter().map(transaction).collect();
        let next_offset = s.next_offset.filter(|o| !o.is_empty());
        Ok(StarsTransactions { balance: amount(&s.balance), transactions, next_offset })
    }

    /// A page of your Stars subscriptions.
    pub(crate) async fn stars_subscriptions(
        &self,
        peer: &Target,
        missing_balance: bool,
        offset: &str,
    ) -> Result<StarsSubscriptions, OwnerError> {
        let request = tl::functions::payments::GetStarsSubscriptions {
            missing_balance,
            peer: peer.input_peer(),
            offset: offset.to_owned(),
        };
        let tl::enums::payments::StarsStatus::Status(s) = self.call(&request).await?;
        self.learn(&s.users, &s.chats);
        let subscriptions =
            s.subscriptions.unwrap_or_default().iter().map(|x| self.subscription(x)).collect();
        Ok(StarsSubscriptions {
            subscriptions,
            missing_balance: s.subscriptions_missing_balance,
            next_offset: s.subscriptions_next_offset.filter(|o| !o.is_empty()),
        })
    }

    /// Cancels or renews a subscription.
    pub(crate) async fn change_stars_subscription(
        &self,
        peer: &Target,
        id: &str,
        canceled: bool,
    ) -> Result<(), OwnerError> {
        let request = tl::functions::payments::ChangeStarsSubscription {
            peer: peer.input_peer(),
            subscription_id: id.to_owned(),
            canceled: Some(canceled),
        };
        self.call(&request).await?;
        Ok(())
    }

    /// The ways to buy Stars.
    pub(crate) async fn stars_topup_options(&self) -> Result<Vec<StarsTopupOption>, OwnerError> {
        let options = self.call(&tl::functions::payments::GetStarsTopupOptions {}).await?;
        Ok(options
            .into_iter()
            .map(|tl::enums::StarsTopupOption::Option(o)| StarsTopupOption {
                stars: o.stars,
                currency: o.currency,
                amount: o.amount,
                extended: o.extended,
                store_product: o.store_product,
            })
            .collect())
    }

    /// Every gift on sale (one RPC; Telegram sends the whole catalogue).
    pub(crate) async fn star_gifts(&self) -> Result<Vec<StarGift>, OwnerError> {
        match self.call(&tl::functions::payments::GetStarGifts { hash: 0 }).await? {
            tl::enums::payments::StarGifts::Gifts(g) => {
                self.learn(&g.users, &g.chats);
                Ok(g.gifts.iter().map(gift).collect())
            }
            tl::enums::payments::StarGifts::NotModified => Ok(Vec::new()),
        }
    }

    /// Gifts a user (or channel) received; yours include hidden ones.
    pub(crate) async fn saved_star_gifts(
        &self,
        owner: &Target,
        filter: GiftFilter,
        offset: &str,
        limit: usize,
    ) -> Result<SavedStarGifts, OwnerError> {
        let request = tl::functions::payments::GetSavedStarGifts {
            exclude_unsaved: filter.exclude_unsaved,
            exclude_saved: filter.exclude_saved,
            exclude_unlimited: filter.exclude_unlimited,
            exclude_unique: filter.exclude_unique,
            sort_by_value: filter.sort_by_value,
            // Limited gifts are the upgradable and the unupgradable ones.
            exclude_upgradable: filter.exclude_limited,
            exclude_unupgradable: filter.exclude_limited,
            peer_color_available: false,
            exclude_hosted: false,
            peer: owner.input_peer(),
            collection_id: None,
            offset: offset.to_owned(),
            limit: limit as i32,
        };
        let tl::enums::payments::SavedStarGifts::Gifts(found) = self.call(&request).await?;
        self.learn(&found.users, &found.chats);
        let gifts = found.gifts.iter().map(|g| self.saved_gift(g)).collect();
        Ok(SavedStarGifts {
            count: found.count,
            gifts,
            next_offset: found.next_offset.filter(|o| !o.is_empty()),
        })
    }

    /// Shows (`unsave` false) or hides a received gift on the profile.
    pub(crate) async fn save_star_gift(&self, gift: &GiftRef, unsave: bool) -> Result<(), OwnerError> {
        let stargift = gift.input();
        self.call(&tl::functions::payments::SaveStarGift { unsave, stargift }).await?;
        Ok(())
    }

    /// Converts a received gift into Stars; the gift is gone afterwards.
    pub(crate) async fn convert_star_gift(&self, gift: &GiftRef) -> Result<(), OwnerError> {
        self.call(&tl::functions::payments::ConvertStarGift { stargift: gift.input() }).await?;
        Ok(())
    }

    fn subscription(&self, raw: &tl::enums::StarsSubscription) -> StarsSubscription {
        let tl::enums::StarsSubscription::Subscription(s) = raw;
        let tl::enums::StarsSubscriptionPricing::Pricing(p) = &s.pricing;
        let peer = peer_id(&s.peer);
        StarsSubscription {
            id: s.id.clone(),
            peer_id: peer,
            peer_name: self.name_of(peer),
            title: s.title.clone(),
            until_date: i64::from(s.until_date),
            period_seconds: p.period,
            amount: p.amount,
            canceled: s.canceled,
            can_refulfill: s.can_refulfill,
            missing_balance: s.missing_balance,
        }
    }

    fn saved_gift(&self, raw: &tl::enums::SavedStarGift) -> SavedStarGift {
        let tl::enums::SavedStarGift::Gift(g) = raw;
        let from = g.from_id.as_ref().map(peer_id);
        SavedStarGift {
            msg_id: g.msg_id,
            saved_id: g.saved_id,
            gift: gift(&g.gift),
            from_id: from,
            from_name: from.and_then(|id| self.name_of(id)),
            date: i64::from(g.date),
            message: g.message.as_ref().map(|tl::enums::TextWithEntities::Entities(t)| t.text.clone()),
            saved: !g.unsaved,
            name_hidden: g.name_hidden,
            convert_stars: g.convert_stars,
            can_upgrade: g.can_upgrade,
        }
    }
}

impl GiftRef {
    fn input(&self) -> tl::enums::InputSavedStarGift {
        match self {
            Self::Message(msg_id) => {
                tl::enums::InputSavedStarGift::User(tl::types::InputSavedStarGiftUser { msg_id: *msg_id })
            }
            Self::Chat(chat, saved_id) => {
                tl::enums::InputSavedStarGift::Chat(tl::types::InputSavedStarGiftChat {
                    peer: chat.input_peer(),
                    saved_id: *saved_id,
                })
            }
        }
    }
}

/// Whole Stars (TON amounts, in nanotons, are not Stars and count as 0).
fn amount(raw: &tl::enums::StarsAmount) -> i64 {
    match raw {
        tl::enums::StarsAmount::Amount(a) => a.amount,
        tl::enums::StarsAmount::StarsTonAmount(_) => 0,
    }
}

fn transaction(raw: &tl::enums::StarsTransaction) -> StarsTransaction {
    use tl::enums::StarsTransactionPeer as P;
    let tl::enums::StarsTransaction::Transaction(t) = raw;
    let peer = match &t.peer {
        P::Peer(p) => peer_id(&p.peer).to_string(),
        P::AppStore => "appstore".into(),
        P::PlayMarket => "playmarket".into(),
        P::PremiumBot => "premiumbot".into(),
        P::Fragment => "fragment".into(),
        P::Ads => "ads".into(),
        P::Api => "api".into(),
        P::Unsupported => "unsupported".into(),
    };
    StarsTransaction {
        id: t.id.clone(),
        amount: amount(&t.amount),
        date: i64::from(t.date),
        peer,
        title: t.title.clone(),
        description: t.description.clone(),
        refund: t.refund,
        pending: t.pending,
        failed: t.failed,
        gift: t.gift,
        subscription_period: t.subscription_period,
        msg_id: t.msg_id,
    }
}

fn gift(raw: &tl::enums::StarGift) -> StarGift {
    match raw {
        tl::enums::StarGift::Gift(g) => StarGift {
            id: g.id,
            title: g.title.clone(),
            stars: g.stars,
            convert_stars: g.convert_stars,
            limited: g.limited,
            sold_out: g.sold_out,
            availability_remains: g.availability_remains,
            availability_total: g.availability_total,
            birthday: g.birthday,
            require_premium: g.require_premium,
            unique: false,
        },
        tl::enums::StarGift::Unique(g) => StarGift {
            id: g.id,
            title: Some(format!("{} #{}", g.title, g.num)),
            stars: 0,
            convert_stars: 0,
            limited: true,
            sold_out: false,
            availability_remains: None,
            availability_total: Some(g.availability_total),
            birthday: false,
            require_premium: g.require_premium,
            unique: true,
        },
    }
}
