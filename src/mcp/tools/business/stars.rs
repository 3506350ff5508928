//! Telegram Stars: balance, transactions, subscriptions, top-up options and gifts.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use super::super::{ChatArg, Reply, guard, limit, non_empty};
use super::offset;
use super::stars_args::{
    AvailableGifts, ChangeSubscription, ConvertGift, SaveGift, SavedGifts, Status, Subscriptions,
    Transactions,
};
use crate::mcp::{TelegramMcp, render};
use crate::model::business::{
    SavedStarGift, SavedStarGifts, StarGift, StarGiftChange, StarGifts, StarsStatus, StarsSubscriptionChange,
    StarsSubscriptions, StarsTopupOptions, StarsTransactions,
};
use crate::owner::{Cursor, GiftFilter, GiftRef, OwnerError, TransactionFilter};

#[tool_router(router = stars_router, vis = "pub(super)")]
impl TelegramMcp {
    /// The Telegram Stars balance of you, or of a bot or channel you own.
    #[tool(name = "telegram-get-stars-status", annotations(title = "Stars balance", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StarsStatus>())]
    async fn get_stars_status(
        &self,
        Parameters(a): Parameters<Status>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let peer = self.chat(&a.peer).await?;
            let s = self.owner.telegram().stars_status(&peer).await?;
            let missing = s
                .subscriptions_missing_balance
                .map(|m| format!("; subscriptions need {m} more"))
                .unwrap_or_default();
            Ok((format!("balance: {} Stars{missing}", s.balance), s))
        })
        .await
    }

    /// Your Stars transactions, newest first. More via `offset`.
    #[tool(name = "telegram-get-stars-transactions", annotations(title = "Stars transactions", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StarsTransactions>())]
    async fn get_stars_transactions(
        &self,
        Parameters(a): Parameters<Transactions>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let (inbound, outbound) = (a.inbound.unwrap_or(false), a.outbound.unwrap_or(false));
            if inbound && outbound {
                return Err(OwnerError::Invalid(
                    "inbound and outbound exclude each other: pass one or neither".into(),
                ));
            }
            let subscription_id = a.subscription_id.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
            let filter = TransactionFilter {
                inbound,
                outbound,
                ascending: a.ascending.unwrap_or(false),
                subscription_id,
            };
            let peer = self.chat(&a.peer).await?;
            let (offset, limit) = (offset(a.offset.as_deref()), limit(a.limit, 50));
            let page = self.owner.telegram().stars_transactions(&peer, filter, offset, limit).await?;
            let mut text =
                format!("balance {} Stars; {} transaction(s)", page.balance, page.transactions.len());
            for t in &page.transactions {
                let title = t.title.as_deref().map(render::clean).unwrap_or_default();
                text.push_str(&format!(
                    "\n{} {} {:+} with {} {title}",
                    t.id,
                    render::date(t.date),
                    t.amount,
                    t.peer
                ));
            }
            more(&mut text, page.next_offset.as_deref());
            Ok((text, page))
        })
        .await
    }

    /// Your Stars subscriptions (channels, bots) with price, period and renewal.
    #[tool(name = "telegram-get-stars-subscriptions", annotations(title = "Stars subscriptions", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StarsSubscriptions>())]
    async fn get_stars_subscriptions(
        &self,
        Parameters(a): Parameters<Subscriptions>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let peer = self.chat(&a.chat_id).await?;
            let missing = a.missing_balance.unwrap_or(false);
            let page = tg.stars_subscriptions(&peer, missing, offset(a.offset.as_deref())).await?;
            let mut text = format!("{} subscription(s)", page.subscriptions.len());
            for s in &page.subscriptions {
                let name = s.peer_name.as_deref().map(render::clean).unwrap_or_else(|| s.peer_id.to_string());
                let state = if s.canceled { "canceled, ends" } else { "renews" };
                let days = s.period_seconds / 86_400;
                text.push_str(&format!(
                    "\n{}: {name}, {} Stars / {days} d, {state} {}",
                    s.id,
                    s.amount,
                    render::date(s.until_date)
                ));
            }
            more(&mut text, page.next_offset.as_deref());
            Ok((text, page))
        })
        .await
    }

    /// Cancel a Stars subscription (it runs until paid up) or renew a canceled one.
    #[tool(name = "telegram-change-stars-subscription", annotations(title = "Change Stars subscription", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StarsSubscriptionChange>())]
    async fn change_stars_subscription(
        &self,
        Parameters(a): Parameters<ChangeSubscription>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let id = non_empty(&a.subscription_id, "subscriptionId")?;
            let peer = self.chat(&a.chat_id).await?;
            self.owner.telegram().change_stars_subscription(&peer, id, a.canceled).await?;
            let done = if a.canceled { "canceled" } else { "renewed" };
            Ok((
                format!("subscription {id} {done}"),
                StarsSubscriptionChange { subscription_id: id.to_owned(), canceled: a.canceled },
            ))
        })
        .await
    }

    /// The Stars packages you can buy, with prices.
    #[tool(name = "telegram-get-stars-topup-options", annotations(title = "Stars top-up options", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StarsTopupOptions>())]
    async fn get_stars_topup_options(&self, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let options = self.owner.telegram().stars_topup_options().await?;
            let lines: Vec<String> = options
                .iter()
                .map(|o| format!("{} Stars for {} {:.2}", o.stars, o.currency, o.amount as f64 / 100.0))
                .collect();
            Ok((format!("{} option(s)\n{}", options.len(), lines.join("\n")), StarsTopupOptions { options }))
        })
        .await
    }

    /// Gifts on sale for Stars, with price and what the receiver can convert them to.
    #[tool(name = "telegram-get-available-star-gifts", annotations(title = "Star gifts on sale", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StarGifts>())]
    async fn get_available_star_gifts(
        &self,
        Parameters(a): Parameters<AvailableGifts>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let start = match a.cursor.as_deref().map(Cursor::decode).transpose()? {
                Some(Cursor::Offset { offset }) => usize::try_from(offset).unwrap_or(usize::MAX),
                Some(_) => return Err(OwnerError::Invalid("that cursor belongs to another tool".into())),
                None => 0,
            };
            let all = self.owner.telegram().star_gifts().await?;
            let total = all.len();
            let gifts: Vec<StarGift> = all.into_iter().skip(start).take(limit(a.limit, 50)).collect();
            let end = start.saturating_add(gifts.len());
            let next_cursor = (end < total).then(|| Cursor::Offset { offset: end as i64 }.encode());
            let mut text = format!("{} of {total} gift(s)", gifts.len());
            gifts.iter().for_each(|g| text.push_str(&format!("\n{}", gift_line(g))));
            more(&mut text, next_cursor.as_deref());
            Ok((text, StarGifts { gifts, total, next_cursor }))
        })
        .await
    }

    /// Gifts received by you (hidden ones too) or shown on a user's or channel's profile.
    #[tool(name = "telegram-get-saved-star-gifts", annotations(title = "Received star gifts", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<SavedStarGifts>())]
    async fn get_saved_star_gifts(
        &self,
        Parameters(a): Parameters<SavedGifts>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let (exclude_unsaved, exclude_saved) =
                (a.exclude_unsaved.unwrap_or(false), a.exclude_saved.unwrap_or(false));
            if exclude_unsaved && exclude_saved {
                return Err(OwnerError::Invalid(
                    "excludeUnsaved and excludeSaved together leave nothing: pass one".into(),
                ));
            }
            let owner = self.chat(&a.chat_id).await?;
            let filter = GiftFilter {
                exclude_unsaved,
                exclude_saved,
                exclude_unlimited: a.exclude_unlimited.unwrap_or(false),
                exclude_limited: a.exclude_limited.unwrap_or(false),
                exclude_unique: a.exclude_unique.unwrap_or(false),
                sort_by_value: a.sort_by_value.unwrap_or(false),
            };
            let (offset, limit) = (offset(a.offset.as_deref()), limit(a.limit, 20));
            let page = self.owner.telegram().saved_star_gifts(&owner, filter, offset, limit).await?;
            let mut text =
                format!("{} gift(s) of {} for {}", page.gifts.len(), page.count, render::clean(&owner.title));
            page.gifts.iter().for_each(|g| text.push_str(&format!("\n{}", saved_line(g))));
            more(&mut text, page.next_offset.as_deref());
            Ok((text, page))
        })
        .await
    }

    /// Show a gift you received on your profile, or hide it (`unsave`).
    #[tool(name = "telegram-save-star-gift", annotations(title = "Show or hide a star gift", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StarGiftChange>())]
    async fn save_star_gift(
        &self,
        Parameters(a): Parameters<SaveGift>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let unsave = a.unsave.unwrap_or(false);
            let gift = self.gift_ref(a.msg_id, a.chat_id.as_ref(), a.saved_id.as_deref()).await?;
            self.owner.telegram().save_star_gift(&gift, unsave).await?;
            let action = if unsave { "unsaved" } else { "saved" };
            let shown = if unsave { "hidden from" } else { "shown on" };
            let value = change(&gift, action, None);
            Ok((format!("{} is {shown} the profile", named(&gift)), value))
        })
        .await
    }

    /// Convert a gift you received into Stars. The gift is gone for good.
    #[tool(name = "telegram-convert-star-gift", annotations(title = "Convert star gift", read_only_hint = false, destructive_hint = true, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<StarGiftChange>())]
    async fn convert_star_gift(
        &self,
        Parameters(a): Parameters<ConvertGift>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let gift = self.gift_ref(a.msg_id, a.chat_id.as_ref(), a.saved_id.as_deref()).await?;
            let question = format!("Convert {} into Stars? The gift is gone for good.", named(&gift));
            self.confirm(&ctx, a.confirm, "telegram-convert-star-gift", question).await?;
            let tg = self.owner.telegram();
            tg.convert_star_gift(&gift).await?;
            // The conversion is done; a failed balance read only leaves the balance out.
            let wallet = match &gift {
                GiftRef::Message(_) => self.chat(&ChatArg::Name("me".into())).await.ok(),
                GiftRef::Chat(chat, _) => Some(chat.clone()),
            };
            let balance = match wallet {
                Some(w) => tg.stars_status(&w).await.ok().map(|s| s.balance),
                None => None,
            };
            let now = balance.map(|b| format!("; balance now {b} Stars")).unwrap_or_default();
            Ok((format!("{} converted{now}", named(&gift)), change(&gift, "converted", balance)))
        })
        .await
    }
}

impl TelegramMcp {
    /// A received gift: `msgId`, or a channel's `chatId` and `savedId`.
    async fn gift_ref(
        &self,
        msg_id: Option<i32>,
        chat_id: Option<&ChatArg>,
        saved_id: Option<&str>,
    ) -> Result<GiftRef, OwnerError> {
        match (msg_id, chat_id, saved_id) {
            (Some(id), None, None) if id > 0 => Ok(GiftRef::Message(id)),
            (Some(id), None, None) => Err(OwnerError::Invalid(format!(
                "msgId {id} is not a gift's msgId from telegram-get-saved-star-gifts"
            ))),
            (None, Some(chat), Some(saved)) => {
                let saved = saved.trim().parse::<i64>().map_err(|_| {
                    OwnerError::Invalid(format!("savedId {saved:?} is not a saved gift id (digits)"))
                })?;
                Ok(GiftRef::Chat(self.chat(chat).await?, saved))
            }
            _ => Err(OwnerError::Invalid("pass msgId, or both chatId and savedId".into())),
        }
    }
}

fn named(gift: &GiftRef) -> String {
    match gift {
        GiftRef::Message(id) => format!("gift {id}"),
        GiftRef::Chat(chat, saved) => format!("gift {saved} of {}", render::clean(&chat.title)),
    }
}

fn change(gift: &GiftRef, action: &str, balance: Option<i64>) -> StarGiftChange {
    let (msg_id, saved_id) = match gift {
        GiftRef::Message(id) => (Some(*id), None),
        GiftRef::Chat(_, saved) => (None, Some(saved.to_string())),
    };
    StarGiftChange { msg_id, saved_id, action: action.to_owned(), balance }
}

fn gift_line(g: &StarGift) -> String {
    let title = g.title.as_deref().map(|t| format!(" {}", render::clean(t))).unwrap_or_default();
    let left = match (g.availability_remains, g.availability_total) {
        (Some(r), Some(t)) => format!(", {r}/{t} left"),
        _ => String::new(),
    };
    format!("{}{title}: {} Stars (converts to {}){left}", g.id, g.stars, g.convert_stars)
}

fn saved_line(g: &SavedStarGift) -> String {
    let id = g.msg_id.map(|m| format!("msgId {m}")).unwrap_or_else(|| "gift".into());
    let from = g.from_name.as_deref().map(render::clean).unwrap_or_else(|| "hidden sender".into());
    let shown = if g.saved { "shown" } else { "hidden" };
    let note = g.message.as_deref().map(|m| format!(": {}", render::clean(m))).unwrap_or_default();
    format!("{id} from {from} {} ({shown}, {} Stars){note}", render::date(g.date), g.gift.stars)
}

fn more(text: &mut String, next: Option<&str>) {
    if let Some(next) = next {
        text.push_str(&format!("\nmore: pass {next:?}"));
    }
}
