//! Stickers: a set, searching sets, the installed sets, the recent stickers, sending one.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::super::{ChatArg, Reply, guard, non_empty};
use crate::mcp::{TelegramMcp, render};
use crate::model::bots::{Sticker, StickerSent, StickerSetFull, StickerSetInfo, StickerSets, Stickers};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetStickerSet {
    /// Short name of the set (from telegram-search-sticker-sets or a t.me/addstickers/ link).
    short_name: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SearchStickerSets {
    /// Name, keyword or emoji.
    query: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NoArgs {}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendSticker {
    /// Chat to send to.
    chat_id: ChatArg,
    /// Short name of the sticker set.
    sticker_set: String,
    /// 0-based index in the set (from telegram-get-sticker-set).
    index: u32,
    /// Message id to reply to.
    reply_to: Option<i32>,
}

#[tool_router(router = stickers_router, vis = "pub(super)")]
impl TelegramMcp {
    /// The stickers of a set by short name, each with its index and emoji (for telegram-send-sticker).
    #[tool(name = "telegram-get-sticker-set", annotations(title = "Sticker set", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StickerSetFull>())]
    async fn get_sticker_set(
        &self,
        Parameters(a): Parameters<GetStickerSet>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let name = non_empty(&a.short_name, "shortName")?;
            let full = self.owner.telegram().sticker_set(name).await?;
            let mut text = set_line(&full.set);
            text.push_str(&sticker_lines(&full.stickers));
            Ok((text, full))
        })
        .await
    }

    /// Search sticker sets by name, keyword or emoji.
    #[tool(name = "telegram-search-sticker-sets", annotations(title = "Search sticker sets", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StickerSets>())]
    async fn search_sticker_sets(
        &self,
        Parameters(a): Parameters<SearchStickerSets>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let query = non_empty(&a.query, "query")?;
            let sets = self.owner.telegram().search_sticker_sets(query).await?;
            Ok((sets_text(&sets, &format!("sticker sets matching {query:?}")), StickerSets { sets }))
        })
        .await
    }

    /// The sticker sets you installed.
    #[tool(name = "telegram-get-installed-stickers", annotations(title = "Installed stickers", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<StickerSets>())]
    async fn get_installed_stickers(
        &self,
        Parameters(_): Parameters<NoArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let sets = self.owner.telegram().installed_sticker_sets().await?;
            Ok((sets_text(&sets, "installed sticker sets"), StickerSets { sets }))
        })
        .await
    }

    /// Send a sticker of a set by its index (see telegram-get-sticker-set).
    #[tool(name = "telegram-send-sticker", annotations(title = "Send sticker", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<StickerSent>())]
    async fn send_sticker(
        &self,
        Parameters(a): Parameters<SendSticker>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let set = non_empty(&a.sticker_set, "stickerSet")?;
            let chat = self.chat(&a.chat_id).await?;
            let sent = self.owner.telegram().send_sticker(&chat, set, a.index as usize, a.reply_to).await?;
            let text = format!(
                "sent sticker {} of {set} to {}: {}",
                sent.sticker.emoji,
                render::clean(&chat.title),
                render::message(&sent.message)
            );
            Ok((text, sent))
        })
        .await
    }

    /// Recently used stickers with their index and emoji.
    #[tool(name = "telegram-get-recent-stickers", annotations(title = "Recent stickers", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Stickers>())]
    async fn get_recent_stickers(
        &self,
        Parameters(_): Parameters<NoArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let stickers = self.owner.telegram().recent_stickers().await?;
            let text = format!("{} recent sticker(s){}", stickers.len(), sticker_lines(&stickers));
            Ok((text, Stickers { stickers }))
        })
        .await
    }
}

fn set_line(s: &StickerSetInfo) -> String {
    let installed = if s.installed { ", installed" } else { "" };
    format!("{} {:?}: {} sticker(s){installed}", s.short_name, render::clean(&s.title), s.count)
}

fn sets_text(sets: &[StickerSetInfo], what: &str) -> String {
    let mut text = format!("{} {what}", sets.len());
    sets.iter().for_each(|s| text.push_str(&format!("\n- {}", set_line(s))));
    text
}

fn sticker_lines(stickers: &[Sticker]) -> String {
    let line = |s: &Sticker| {
        let set = s.set.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
        format!("\n- {} {}{set}", s.index, s.emoji)
    };
    stickers.iter().map(line).collect()
}
