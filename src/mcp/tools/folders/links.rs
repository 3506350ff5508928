//! Invite links, statistics and boosts of groups and channels.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use super::args::{BoostsListArgs, BoostsStatusArgs, CreateInvite, GetInvites, GetStats, RevokeInvite};
use crate::mcp::tools::{Reply, guard, limit, non_empty};
use crate::mcp::{TelegramMcp, render};
use crate::model::folders::{
    BoostsList, BoostsStatus, BroadcastStats, InviteLink, InviteLinks, MegagroupStats, MyBoosts, RevokedLink,
    StatValue,
};
use crate::owner::{Cursor, InviteTerms, OwnerError};

#[tool_router(router = links_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Create an invite link for a group or channel you administer.
    #[tool(name = "telegram-create-invite-link", annotations(title = "Create invite link", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<InviteLink>())]
    async fn create_invite_link(
        &self,
        Parameters(a): Parameters<CreateInvite>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let expire_date = a
                .expire_date
                .map(|d| {
                    i32::try_from(d).map_err(|_| {
                        OwnerError::Invalid(format!("expireDate {d} is not a unix time Telegram accepts"))
                    })
                })
                .transpose()?;
            let usage_limit = match a.member_limit {
                None => None,
                Some(n @ 1..=99_999) => Some(n as i32),
                Some(n) => return Err(OwnerError::Invalid(format!("memberLimit {n} is outside 1–99999"))),
            };
            let title = a.title.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
            let terms = InviteTerms {
                expire_date,
                usage_limit,
                request_approval: a.request_approval.unwrap_or(false),
                title,
            };
            let target = self.chat(&a.chat_id).await?;
            let link = self.owner.telegram().create_invite(&target, terms).await?;
            Ok((format!("created for {}: {}", render::clean(&target.title), link_line(&link)), link))
        })
        .await
    }

    /// Invite links of a group or channel: yours, or another admin's with `adminId`. Page with `cursor`.
    #[tool(name = "telegram-get-invite-links", annotations(title = "Invite links", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<InviteLinks>())]
    async fn get_invite_links(
        &self,
        Parameters(a): Parameters<GetInvites>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let cursor = a.cursor.as_deref().map(Cursor::decode).transpose()?;
            let target = self.chat(&a.chat_id).await?;
            let admin = match &a.admin_id {
                Some(arg) => Some(self.chat(arg).await?),
                None => None,
            };
            let revoked = a.revoked.unwrap_or(false);
            let (count, page) = self
                .owner
                .telegram()
                .invite_links(&target, admin.as_ref(), revoked, limit(a.limit, 20), cursor)
                .await?;
            let value =
                InviteLinks { chat_id: target.id, count, links: page.items, next_cursor: page.next_cursor };
            let mut text =
                format!("{} of {count} link(s) of {}", value.links.len(), render::clean(&target.title));
            value.links.iter().for_each(|l| text.push_str(&format!("\n{}", link_line(l))));
            if let Some(next) = &value.next_cursor {
                text.push_str(&format!("\nmore: cursor {next}"));
            }
            Ok((text, value))
        })
        .await
    }

    /// Revoke an invite link so nobody can join with it. Cannot be undone.
    #[tool(name = "telegram-revoke-invite-link", annotations(title = "Revoke invite link", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<RevokedLink>())]
    async fn revoke_invite_link(
        &self,
        Parameters(a): Parameters<RevokeInvite>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let link = non_empty(&a.link, "link")?.to_owned();
            let target = self.chat(&a.chat_id).await?;
            let title = render::clean(&target.title);
            let question =
                format!("Revoke the invite link {link} of {title}? Nobody can join with it afterwards.");
            self.confirm(&ctx, a.confirm, "telegram-revoke-invite-link", question).await?;
            let (revoked, replacement) = self.owner.telegram().revoke_invite(&target, &link).await?;
            let mut text = format!("revoked in {title}: {}", link_line(&revoked));
            if let Some(new) = &replacement {
                text.push_str(&format!("\nnew primary link: {}", link_line(new)));
            }
            Ok((text, RevokedLink { chat_id: target.id, revoked, replacement }))
        })
        .await
    }

    /// Statistics of a broadcast channel you administer: followers, views, shares and reactions per post.
    #[tool(name = "telegram-get-broadcast-stats", annotations(title = "Channel statistics", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<BroadcastStats>())]
    async fn get_broadcast_stats(
        &self,
        Parameters(a): Parameters<GetStats>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let graphs = a.include_graphs.unwrap_or(false);
            let s = self.owner.telegram().broadcast_stats(&target, graphs, a.dark.unwrap_or(false)).await?;
            let text = format!(
                "{}, {} to {}: followers {}, views/post {}, shares/post {}, reactions/post {}, notifications on {:.0}%, {} recent post(s)",
                render::clean(&target.title),
                render::date(s.period_start),
                render::date(s.period_end),
                stat(&s.followers),
                stat(&s.views_per_post),
                stat(&s.shares_per_post),
                stat(&s.reactions_per_post),
                s.notifications_percent,
                s.recent_posts.len()
            );
            Ok((text, s))
        })
        .await
    }

    /// Statistics of a supergroup you administer: members, messages, viewers, posters and top members.
    #[tool(name = "telegram-get-megagroup-stats", annotations(title = "Supergroup statistics", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<MegagroupStats>())]
    async fn get_megagroup_stats(
        &self,
        Parameters(a): Parameters<GetStats>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let graphs = a.include_graphs.unwrap_or(false);
            let s = self.owner.telegram().megagroup_stats(&target, graphs, a.dark.unwrap_or(false)).await?;
            let top: Vec<String> = s
                .top_posters
                .iter()
                .map(|p| {
                    let who = p.name.as_deref().map_or_else(|| p.user_id.to_string(), render::clean);
                    format!("{who} {}", p.messages.unwrap_or(0))
                })
                .collect();
            let text = format!(
                "{}, {} to {}: members {}, messages {}, viewers {}, posters {}; top posters: {}",
                render::clean(&target.title),
                render::date(s.period_start),
                render::date(s.period_end),
                stat(&s.members),
                stat(&s.messages),
                stat(&s.viewers),
                stat(&s.posters),
                if top.is_empty() { "none".to_owned() } else { top.join(", ") }
            );
            Ok((text, s))
        })
        .await
    }

    /// Your Premium boost slots and the chats they boost (none without Premium).
    #[tool(name = "telegram-get-my-boosts", annotations(title = "My boosts", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<MyBoosts>())]
    async fn get_my_boosts(&self, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let mut boosts = tg.my_boosts().await?;
            if self.scope.limits_chats() {
                // A slot boosting a chat this window may not see names no detail of it.
                for b in &mut boosts {
                    let visible = b
                        .chat_id
                        .and_then(|id| tg.known(id))
                        .is_some_and(|t| self.scope.permits(&t.chat(0, None)));
                    if !visible {
                        (b.chat_id, b.chat_title) = (None, Some("a chat outside this window".to_owned()));
                    }
                }
            }
            let mut text = match boosts.len() {
                0 => "no boost slots (boosting needs Telegram Premium)".to_owned(),
                n => format!("{n} boost slot(s)"),
            };
            for b in &boosts {
                let target = match (&b.chat_title, b.chat_id) {
                    (Some(t), _) => render::clean(t),
                    (None, Some(id)) => id.to_string(),
                    (None, None) => "unused".to_owned(),
                };
                text.push_str(&format!("\nslot {}: {target}, expires {}", b.slot, render::date(b.expires)));
            }
            Ok((text, MyBoosts { boosts }))
        })
        .await
    }

    /// Boost level and progress of a channel or supergroup.
    #[tool(name = "telegram-get-boosts-status", annotations(title = "Boost status", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<BoostsStatus>())]
    async fn get_boosts_status(
        &self,
        Parameters(a): Parameters<BoostsStatusArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat).await?;
            let s = self.owner.telegram().boosts_status(&target).await?;
            let next =
                s.next_level_boosts.map_or_else(|| "top level".to_owned(), |n| format!("next level at {n}"));
            let mine = if s.my_boost { ", you boost it" } else { "" };
            let text = format!(
                "{}: level {}, {} boost(s), {next}{mine}; {}",
                render::clean(&target.title),
                s.level,
                s.boosts,
                s.boost_url
            );
            Ok((text, s))
        })
        .await
    }

    /// Boosts applied to a channel or supergroup you administer. Page with `offset`.
    #[tool(name = "telegram-get-boosts-list", annotations(title = "Boosts", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<BoostsList>())]
    async fn get_boosts_list(
        &self,
        Parameters(a): Parameters<BoostsListArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat).await?;
            let offset = a.offset.unwrap_or_default();
            let gifts = a.gifts.unwrap_or(false);
            let (count, boosts, next_offset) =
                self.owner.telegram().boosts_list(&target, gifts, &offset, limit(a.limit, 50)).await?;
            let mut text =
                format!("{} of {count} boost(s) of {}", boosts.len(), render::clean(&target.title));
            for b in &boosts {
                let who = b.user_id.map_or_else(|| "unclaimed gift".to_owned(), |id| format!("user {id}"));
                let gift = if b.gift { ", gift" } else { "" };
                let times = b.multiplier.map(|m| format!(" ×{m}")).unwrap_or_default();
                text.push_str(&format!("\n{who}{times}{gift}, expires {}", render::date(b.expires)));
            }
            if let Some(next) = &next_offset {
                text.push_str(&format!("\nmore: offset {next}"));
            }
            Ok((text, BoostsList { chat_id: target.id, count, boosts, next_offset }))
        })
        .await
    }
}

fn stat(v: &StatValue) -> String {
    format!("{:.1} (before {:.1})", v.current, v.previous)
}

/// `https://t.me/+… "label" 7/100 joined, expires …, revoked`.
fn link_line(l: &InviteLink) -> String {
    let mut text = l.link.clone();
    if let Some(t) = &l.title {
        text.push_str(&format!(" {:?}", render::clean(t)));
    }
    match l.usage_limit {
        Some(max) => text.push_str(&format!(", {}/{max} joined", l.usage)),
        None => text.push_str(&format!(", {} joined", l.usage)),
    }
    if let Some(d) = l.expire_date {
        text.push_str(&format!(", expires {}", render::date(d)));
    }
    let marks = [(l.permanent, "primary"), (l.request_approval, "needs approval"), (l.revoked, "revoked")];
    for (on, mark) in marks {
        if on {
            text.push_str(&format!(", {mark}"));
        }
    }
    text
}
