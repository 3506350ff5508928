//! Telegram Stars: balance, transactions, subscriptions, top-up options and gifts.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::super::{ChatArg, Reply, guard, limit, non_empty};
use super::offset;
use crate::mcp::{TelegramMcp, render};
use crate::model::business::{
    SavedStarGift, SavedStarGifts, StarGift, StarGiftChange, StarGifts, StarsStatus, StarsSubscriptionChange,
    StarsSubscriptions, StarsTopupOptions, StarsTransactions,
};
use crate::owner::{Cursor, OwnerError, TransactionFilter};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Transactions {
    /// Only incoming Stars.
    inbound: Option<bool>,
    /// Only outgoing Stars.
    outbound: Option<bool>,
    /// Oldest first.
    ascending: Option<bool>,
    /// Only the payments of this subscription.
    subscription_id: Option<String>,
    /// Transactions per page, 1–100 (default 20).
    limit: Option<u32>,
    /// `nextOffset` of the previous page.
    offset: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Subscriptions {
    /// Only subscriptions the balance cannot renew.
    missing_balance: Option<bool>,
    /// `nextOffset` of the previous page.
    offset: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ChangeSubscription {
    /// Subscription id from telegram-get-stars-subscriptions.
    subscription_id: String,
    /// `true` to cancel (it stays active until paid up), `false` to renew.
    canceled: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AvailableGifts {
    /// Gifts per page, 1–100 (default 50).
    limit: Option<u32>,
    /// `nextCursor` of the previous page.
    cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SavedGifts {
    /// Whose gifts: a user or channel (default `me`).
    chat_id: Option<ChatArg>,
    /// Leave out gifts hidden from the profile.
    exclude_unsaved: Option<bool>,
    /// Leave out gifts shown on the profile.
    exclude_saved: Option<bool>,
    /// Gifts per page, 1–100 (default 20).
    limit: Option<u32>,
    /// `nextOffset` of the previous page.
    offset: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SaveGift {
    /// `msgId` of a gift you received (telegram-get-saved-star-gifts).
    msg_id: i32,
    /// `true` to hide it from your profile instead.
    unsave: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ConvertGift {
    /// `msgId` of a gift you received (telegram-get-saved-star-gifts).
    msg_id: i32,
    /// `true` to convert without being asked.
    confirm: Option<bool>,
}

#[tool_router(router = stars_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Your Telegram Stars balance.
    #[tool(name = "telegram-get-stars-status", annotations(title = "Stars balance", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StarsStatus>())]
    async fn get_stars_status(&self, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let s = self.owner.telegram().stars_status().await?;
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
            let page = self
                .owner
                .telegram()
                .stars_transactions(filter, offset(a.offset.as_deref()), limit(a.limit, 20))
                .await?;
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
            let page = tg
                .stars_subscriptions(a.missing_balance.unwrap_or(false), offset(a.offset.as_deref()))
                .await?;
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
            self.owner.telegram().change_stars_subscription(id, a.canceled).await?;
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
            let owner = self.chat(a.chat_id.as_ref().unwrap_or(&ChatArg::Name("me".into()))).await?;
            let tg = self.owner.telegram();
            let page = tg
                .saved_star_gifts(
                    &owner,
                    exclude_unsaved,
                    exclude_saved,
                    offset(a.offset.as_deref()),
                    limit(a.limit, 20),
                )
                .await?;
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
            self.owner.telegram().save_star_gift(positive(a.msg_id)?, unsave).await?;
            let action = if unsave { "unsaved" } else { "saved" };
            let shown = if unsave { "hidden from" } else { "shown on" };
            Ok((
                format!("gift {} is {shown} your profile", a.msg_id),
                StarGiftChange { msg_id: a.msg_id, action: action.into(), balance: None },
            ))
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
            let msg_id = positive(a.msg_id)?;
            let question = format!("Convert gift {msg_id} into Stars? The gift is gone for good.");
            self.confirm(&ctx, a.confirm, "telegram-convert-star-gift", question).await?;
            let tg = self.owner.telegram();
            tg.convert_star_gift(msg_id).await?;
            // The conversion is done; a failed balance read only leaves the balance out.
            let balance = tg.stars_status().await.ok().map(|s| s.balance);
            let now = balance.map(|b| format!("; balance now {b} Stars")).unwrap_or_default();
            let value = StarGiftChange { msg_id, action: "converted".into(), balance };
            Ok((format!("gift {msg_id} converted{now}"), value))
        })
        .await
    }
}

fn positive(msg_id: i32) -> Result<i32, OwnerError> {
    if msg_id <= 0 {
        return Err(OwnerError::Invalid(format!(
            "msgId {msg_id} is not a gift's msgId from telegram-get-saved-star-gifts"
        )));
    }
    Ok(msg_id)
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
