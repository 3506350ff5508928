//! Business chat links (t.me/m/…): list, create, edit, delete, resolve.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::super::{Reply, guard, non_empty, text_format};
use crate::mcp::{TelegramMcp, render};
use crate::model::business::{ChatLink, ChatLinkDeleted, ChatLinks, ResolvedChatLink};
use crate::owner::OwnerError;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreateLink {
    /// Pre-filled message shown to users who open the link (up to 4096 characters).
    message: String,
    /// Admin-facing label (up to 32 characters).
    title: Option<String>,
    /// `md` or `html` to format the message.
    parse_mode: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EditLink {
    /// The link's slug: the last path segment of t.me/m/<slug>.
    slug: String,
    /// New pre-filled message (up to 4096 characters).
    message: String,
    /// New admin-facing label (up to 32 characters).
    title: Option<String>,
    /// `md` or `html` to format the message.
    parse_mode: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DeleteLink {
    /// Slug of the link to delete (from t.me/m/<slug>).
    slug: String,
    /// `true` to delete without being asked.
    confirm: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ResolveLink {
    /// Slug to resolve (from t.me/m/<slug>).
    slug: String,
}

#[tool_router(router = business_links_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Your Telegram Business chat links with message, title and views. Needs Telegram Business.
    #[tool(name = "telegram-get-business-chat-links", annotations(title = "Business chat links", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<ChatLinks>())]
    async fn get_business_chat_links(&self, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let links = self.owner.telegram().business_links().await?;
            let mut text = format!("{} business chat link(s)", links.len());
            links.iter().for_each(|l| text.push_str(&format!("\n{}", line(l))));
            Ok((text, ChatLinks { links }))
        })
        .await
    }

    /// Create a Business chat link (t.me/m/…) that opens a chat with you, pre-filled with a message. Needs Telegram Business.
    #[tool(name = "telegram-create-business-chat-link", annotations(title = "Create business chat link", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<ChatLink>())]
    async fn create_business_chat_link(
        &self,
        Parameters(a): Parameters<CreateLink>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let (message, title) = checked(&a.message, a.title.as_deref())?;
            let format = text_format(a.parse_mode.as_deref())?;
            let link = self.owner.telegram().create_business_link(message, format, title).await?;
            Ok((format!("created {}", line(&link)), link))
        })
        .await
    }

    /// Change the message and title of a Business chat link by its slug. Needs Telegram Business.
    #[tool(name = "telegram-edit-business-chat-link", annotations(title = "Edit business chat link", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<ChatLink>())]
    async fn edit_business_chat_link(
        &self,
        Parameters(a): Parameters<EditLink>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let slug = slug(&a.slug)?;
            let (message, title) = checked(&a.message, a.title.as_deref())?;
            let format = text_format(a.parse_mode.as_deref())?;
            let link = self.owner.telegram().edit_business_link(slug, message, format, title).await?;
            Ok((format!("edited {}", line(&link)), link))
        })
        .await
    }

    /// Delete a Business chat link by its slug; the link stops working. Needs Telegram Business.
    #[tool(name = "telegram-delete-business-chat-link", annotations(title = "Delete business chat link", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<ChatLinkDeleted>())]
    async fn delete_business_chat_link(
        &self,
        Parameters(a): Parameters<DeleteLink>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let slug = slug(&a.slug)?;
            let question =
                format!("Delete the business chat link t.me/m/{slug}? It stops working for everyone.");
            self.confirm(&ctx, a.confirm, "telegram-delete-business-chat-link", question).await?;
            self.owner.telegram().delete_business_link(slug).await?;
            Ok((format!("deleted t.me/m/{slug}"), ChatLinkDeleted { slug: slug.to_owned(), deleted: true }))
        })
        .await
    }

    /// Whose chat a Business chat link opens, and its pre-filled message.
    #[tool(name = "telegram-resolve-business-chat-link", annotations(title = "Resolve business chat link", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<ResolvedChatLink>())]
    async fn resolve_business_chat_link(
        &self,
        Parameters(a): Parameters<ResolveLink>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let slug = slug(&a.slug)?;
            let r = self.owner.telegram().resolve_business_link(slug).await?;
            let who = r.peer_name.as_deref().map(render::clean).unwrap_or_default();
            let text = format!(
                "t.me/m/{slug} opens {} {who} (id {}): {}",
                r.peer_type,
                r.peer_id,
                render::clean(&r.message)
            );
            Ok((text, r))
        })
        .await
    }
}

/// A slug, bare or as the whole link.
fn slug(raw: &str) -> Result<&str, OwnerError> {
    let slug = non_empty(raw, "slug")?.rsplit('/').next().unwrap_or_default();
    if slug.is_empty() || !slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Err(OwnerError::Invalid(format!(
            "slug {raw:?} is not a link slug: pass the part after t.me/m/"
        )));
    }
    Ok(slug)
}

fn checked<'a>(message: &'a str, title: Option<&'a str>) -> Result<(&'a str, Option<&'a str>), OwnerError> {
    let message = non_empty(message, "message")?;
    if message.encode_utf16().count() > 4096 {
        return Err(OwnerError::Invalid("message is longer than Telegram's 4096 characters".into()));
    }
    let title = title.map(str::trim).filter(|t| !t.is_empty());
    if title.is_some_and(|t| t.chars().count() > 32) {
        return Err(OwnerError::Invalid("title is longer than 32 characters".into()));
    }
    Ok((message, title))
}

fn line(l: &ChatLink) -> String {
    let title = l.title.as_deref().map(|t| format!(" [{}]", render::clean(t))).unwrap_or_default();
    format!("{}{title} ({} views): {}", l.link, l.views, render::clean(&l.message))
}
