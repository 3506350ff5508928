//! Other people: your contacts, non-contacts who wrote to you, full profiles, adding a contact,
//! blocking and unblocking.

use std::fmt::Write;

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::super::{ChatArg, Reply, guard, limit, non_empty};
use super::{next_offset, page_offset};
use crate::mcp::{TelegramMcp, render};
use crate::model::contacts::{Contact, ContactRequests, Contacts, Profile};
use crate::owner::Cursor;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetContacts {
    /// Contacts per page, 1–100 (default 50).
    limit: Option<u32>,
    /// `nextCursor` of the previous page.
    cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetContactRequests {
    /// Requests per page, 1–100 (default 20).
    limit: Option<u32>,
    /// `nextCursor` of the previous page.
    cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UserArg {
    /// User id, @username, or `me`.
    user_id: ChatArg,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AddContact {
    /// User id or @username.
    user_id: ChatArg,
    /// First name to save the contact under.
    first_name: String,
    last_name: Option<String>,
    phone: Option<String>,
}

/// A page of contact requests.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
struct Requests {
    #[serde(flatten)]
    requests: ContactRequests,
    next_cursor: Option<String>,
}

/// A page of contacts.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
struct ContactPage {
    #[serde(flatten)]
    contacts: Contacts,
    next_cursor: Option<String>,
}

/// A user blocked or unblocked.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
struct Blocked {
    user_id: i64,
    blocked: bool,
}

#[tool_router(router = contacts_people_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Your contacts with usernames and phone numbers. Page with `cursor`.
    #[tool(name = "telegram-get-contacts", annotations(title = "Contacts", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<ContactPage>())]
    async fn get_contacts(
        &self,
        Parameters(a): Parameters<GetContacts>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let offset = page_offset(a.cursor.as_deref())?;
            let tg = self.owner.telegram();
            let page = limit(a.limit, 50);
            // With chat allowlists, the page and its total count only the contacts this window
            // may see, so neither reveals the others.
            let (list, total) = if self.scope.limits_chats() {
                let (mut all, _) = tg.contacts(usize::MAX, 0).await?;
                all.retain(|c| tg.known(c.id).is_some_and(|t| self.scope.permits(&t.chat(0, None))));
                let total = all.len();
                (all.into_iter().skip(offset).take(page).collect::<Vec<_>>(), total)
            } else {
                tg.contacts(page, offset).await?
            };
            let shown = list.len();
            let next_cursor = next_offset(offset, shown, total);
            let mut text = list.iter().map(contact_line).collect::<Vec<_>>().join("\n");
            let _ = write!(text, "\n{shown} of {total} contacts from #{}", offset + 1);
            if let Some(c) = &next_cursor {
                let _ = write!(text, "; more with cursor {c}");
            }
            Ok((text, ContactPage { contacts: Contacts { contacts: list, total }, next_cursor }))
        })
        .await
    }

    /// A user's full profile: bio, birthday, personal channel, common chats, blocked, emoji status, colours.
    #[tool(name = "telegram-get-profile", annotations(title = "Profile", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Profile>())]
    async fn get_profile(
        &self,
        Parameters(a): Parameters<UserArg>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.user_id).await?;
            let profile = self.owner.telegram().profile(&target).await?;
            Ok((profile_text(&profile), profile))
        })
        .await
    }

    /// People who are not your contacts but wrote to you, with their last message.
    #[tool(name = "telegram-get-contact-requests", annotations(title = "Contact requests", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Requests>())]
    async fn get_contact_requests(
        &self,
        Parameters(a): Parameters<GetContactRequests>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let cursor = a.cursor.as_deref().map(Cursor::decode).transpose()?;
            let tg = self.owner.telegram();
            let page = tg.contact_requests(limit(a.limit, 20), cursor, |c| self.scope.permits(c)).await?;
            let mut text = String::new();
            for r in &page.items {
                let _ = write!(text, "{}", contact_line(&r.user));
                if let Some(m) = &r.last_message {
                    let _ = write!(text, "\n  {}", render::message(m));
                }
                text.push('\n');
            }
            if page.items.is_empty() {
                text.push_str("no contact requests");
            }
            let value = Requests {
                requests: ContactRequests { requests: page.items },
                next_cursor: page.next_cursor,
            };
            Ok((text.trim_end().to_owned(), value))
        })
        .await
    }

    /// Add a user to your contacts (also accepts a contact request).
    #[tool(name = "telegram-add-contact", annotations(title = "Add contact", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Contact>())]
    async fn add_contact(
        &self,
        Parameters(a): Parameters<AddContact>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let first = non_empty(&a.first_name, "firstName")?;
            let target = self.chat(&a.user_id).await?;
            let last = a.last_name.as_deref().unwrap_or("").trim();
            let phone = a.phone.as_deref().unwrap_or("").trim();
            let contact = self.owner.telegram().add_contact(&target, first, last, phone).await?;
            Ok((format!("added to contacts: {}", contact_line(&contact)), contact))
        })
        .await
    }

    /// Block a user: they can no longer message or call you.
    #[tool(name = "telegram-block-user", annotations(title = "Block user", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Blocked>())]
    async fn block_user(&self, Parameters(a): Parameters<UserArg>, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.user_id).await?;
            self.owner.telegram().set_blocked(&target, true).await?;
            let text = format!("blocked {} ({})", render::clean(&target.title), target.id);
            Ok((text, Blocked { user_id: target.id, blocked: true }))
        })
        .await
    }

    /// Unblock a user you blocked.
    #[tool(name = "telegram-unblock-user", annotations(title = "Unblock user", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Blocked>())]
    async fn unblock_user(
        &self,
        Parameters(a): Parameters<UserArg>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.user_id).await?;
            self.owner.telegram().set_blocked(&target, false).await?;
            let text = format!("unblocked {} ({})", render::clean(&target.title), target.id);
            Ok((text, Blocked { user_id: target.id, blocked: false }))
        })
        .await
    }
}

fn contact_line(c: &Contact) -> String {
    let mut line = format!("{} id {}", render::clean(&c.name), c.id);
    if let Some(u) = &c.username {
        let _ = write!(line, " @{u}");
    }
    if let Some(p) = &c.phone {
        let _ = write!(line, " +{p}");
    }
    if c.mutual {
        line.push_str(" · mutual");
    }
    line
}

pub(super) fn profile_text(p: &Profile) -> String {
    let name =
        [Some(p.first_name.as_str()), p.last_name.as_deref()].into_iter().flatten().collect::<Vec<_>>();
    let mut text = format!("{} id {}", render::clean(&name.join(" ")), p.id);
    if let Some(u) = &p.username {
        let _ = write!(text, " @{u}");
    }
    let flags = [
        (p.is_self, "you"),
        (p.bot, "bot"),
        (p.premium, "premium"),
        (p.contact, "contact"),
        (p.blocked, "blocked"),
    ];
    for (on, word) in flags {
        if on {
            let _ = write!(text, " · {word}");
        }
    }
    if let Some(bio) = &p.bio {
        let _ = write!(text, "\nbio: {}", render::clean(bio));
    }
    if let Some(b) = &p.birthday {
        let _ = write!(text, "\nbirthday: {:02}-{:02}", b.day, b.month);
        if let Some(y) = b.year {
            let _ = write!(text, "-{y}");
        }
    }
    if let Some(c) = p.personal_channel_id {
        let _ = write!(text, "\npersonal channel: {c}");
    }
    if let Some(s) = &p.emoji_status {
        let id = s.document_id.as_deref().or(s.collectible_id.as_deref()).unwrap_or("?");
        let _ = write!(text, "\nemoji status: {id}");
    }
    if let Some(c) = p.color.as_ref().and_then(|c| c.color) {
        let _ = write!(text, "\nname color: {c}");
    }
    if let Some(c) = p.profile_color.as_ref().and_then(|c| c.color) {
        let _ = write!(text, "\nprofile color: {c}");
    }
    let _ = write!(text, "\ncommon chats: {}", p.common_chats_count);
    if let Some(s) = &p.status {
        let _ = write!(text, " · last seen: {s}");
    }
    text
}
