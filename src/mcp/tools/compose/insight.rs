//! Mentions, read receipts, discussion threads, Saved Messages dialogs, translation, link
//! previews, spam reports and auto-delete timers.

use std::net::IpAddr;

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use super::args::{
    AutoDelete, ChatMessage, ChatOnly, NoArgs, SavedDialogsArgs, Translate, UnreadMentions, WebPreviewArgs,
};
use crate::mcp::tools::{ChatArg, Reply, guard, ids_in_range, limit};
use crate::mcp::{TelegramMcp, render};
use crate::model::ChatKind;
use crate::model::compose::{
    ChatChange, Discussion, DiscussionGroups, Mentions, OutboxRead, ReadParticipants, SavedDialogs,
    Translations, WebPreview,
};
use crate::owner::{Cursor, OwnerError};

#[tool_router(router = compose_insight_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Unread @mentions of you in a chat, newest first; the ones returned are marked read.
    #[tool(name = "telegram-get-unread-mentions", annotations(title = "Unread mentions", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<Mentions>())]
    async fn unread_mentions(
        &self,
        Parameters(a): Parameters<UnreadMentions>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let offset_id = match a.cursor.as_deref().map(Cursor::decode).transpose()? {
                None => 0,
                Some(Cursor::Messages { offset_id }) => offset_id,
                Some(_) => {
                    return Err(OwnerError::Invalid(
                        "that cursor belongs to another tool: pass this tool's nextCursor".into(),
                    ));
                }
            };
            let target = self.chat(&a.chat_id).await?;
            let found = self.owner.telegram().unread_mentions(&target, limit(a.limit, 20), offset_id).await?;
            let mut text = render::messages(Some(&target.title), &found.messages, None);
            if found.marked_read {
                text.push_str(&format!("\n({} marked read)", found.messages.len()));
            }
            if let Some(next) = &found.next_cursor {
                text.push_str(&format!("\n({} unread in total; more with cursor {next})", found.total));
            }
            Ok((text, found))
        })
        .await
    }

    /// Who read your message in a small group (≤100 members, ≤7 days old), and when.
    #[tool(name = "telegram-get-message-read-participants", annotations(title = "Read by", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<ReadParticipants>())]
    async fn read_participants(
        &self,
        Parameters(a): Parameters<ChatMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            if !matches!(target.kind, ChatKind::Group | ChatKind::Supergroup) {
                return Err(OwnerError::Invalid(
                    "read participants exist only in groups: pass a group chatId".into(),
                ));
            }
            let readers = self.owner.telegram().read_participants(&target, a.message_id).await?;
            let mut text = format!("#{} read by {}", a.message_id, readers.len());
            for r in &readers {
                let name = r.name.as_deref().map_or_else(|| r.user_id.to_string(), render::clean);
                text.push_str(&format!("\n{name} ({}) at {}", r.user_id, render::date(r.read_at)));
            }
            Ok((text, ReadParticipants { chat_id: target.id, message_id: a.message_id, readers }))
        })
        .await
    }

    /// When the other side of a private chat read your message (null while unread).
    #[tool(name = "telegram-get-outbox-read-date", annotations(title = "Read date", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<OutboxRead>())]
    async fn outbox_read_date(
        &self,
        Parameters(a): Parameters<ChatMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            if target.kind != ChatKind::User {
                return Err(OwnerError::Invalid("read dates exist only in private chats with people".into()));
            }
            let read_at = self.owner.telegram().outbox_read_date(&target, a.message_id).await?;
            let when =
                read_at.map_or_else(|| "not read yet".to_owned(), |d| format!("read at {}", render::date(d)));
            Ok((
                format!("#{}: {when}", a.message_id),
                OutboxRead { chat_id: target.id, message_id: a.message_id, read_at },
            ))
        })
        .await
    }

    /// The discussion thread of a channel post: group id and thread root to comment with.
    #[tool(name = "telegram-get-discussion-message", annotations(title = "Discussion thread", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Discussion>())]
    async fn discussion(
        &self,
        Parameters(a): Parameters<ChatMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            if target.input_channel().is_none() {
                return Err(OwnerError::Invalid(
                    "comment threads exist only for channels and supergroups".into(),
                ));
            }
            let tg = self.owner.telegram();
            let found = tg.discussion(&target, a.message_id).await?;
            if let Some(group) = tg.known(found.discussion_group_id) {
                self.scope.check_chat(&group.chat(0, None))?;
            }
            let text = format!(
                "discussion of #{}: group {} message #{}, {} unread, newest comment {}",
                a.message_id,
                found.discussion_group_id,
                found.discussion_msg_id,
                found.unread_count,
                found.top_message.map_or_else(|| "none".to_owned(), |id| format!("#{id}"))
            );
            Ok((text, found))
        })
        .await
    }

    /// Groups you could link to a channel you admin as its discussion group.
    #[tool(name = "telegram-get-groups-for-discussion", annotations(title = "Discussion groups", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<DiscussionGroups>())]
    async fn groups_for_discussion(
        &self,
        Parameters(_): Parameters<NoArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let mut groups = self.owner.telegram().groups_for_discussion().await?;
            groups.retain(|c| self.scope.permits(c));
            Ok((render::chats(&groups, None), DiscussionGroups { groups }))
        })
        .await
    }

    /// Saved Messages grouped by the chat each message was saved from.
    #[tool(name = "telegram-get-saved-dialogs", annotations(title = "Saved dialogs", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<SavedDialogs>())]
    async fn saved_dialogs(
        &self,
        Parameters(a): Parameters<SavedDialogsArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            self.chat(&ChatArg::Name("me".into())).await?;
            let cursor = a.cursor.as_deref().map(Cursor::decode).transpose()?;
            let page = self.owner.telegram().saved_dialogs(limit(a.limit, 20), cursor).await?;
            let mut text = format!("{} saved dialog(s)", page.dialogs.len());
            for d in &page.dialogs {
                let title = d.title.as_deref().map_or_else(|| d.peer_id.to_string(), render::clean);
                let top = d.top_message.as_ref().map(render::message).unwrap_or_default();
                text.push_str(&format!("\n{title} ({}): {top}", d.peer_id));
            }
            if let Some(next) = &page.next_cursor {
                text.push_str(&format!("\nmore: cursor {next}"));
            }
            Ok((text, page))
        })
        .await
    }

    /// Translate messages into another language (Telegram Premium).
    #[tool(name = "telegram-translate-message", annotations(title = "Translate", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Translations>())]
    async fn translate(
        &self,
        Parameters(a): Parameters<Translate>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            ids_in_range(&a.message_ids)?;
            if !valid_lang(&a.to_lang) {
                return Err(OwnerError::Invalid(format!(
                    "toLang {:?} is not a language code: pass e.g. en, ru or en-US",
                    a.to_lang
                )));
            }
            let target = self.chat(&a.chat_id).await?;
            let translations = self.owner.telegram().translate(&target, &a.message_ids, &a.to_lang).await?;
            let lines: Vec<String> = translations
                .iter()
                .map(|t| format!("#{}: {}", t.message_id, render::clean(&t.text)))
                .collect();
            let value = Translations { chat_id: target.id, to_lang: a.to_lang, translations };
            Ok((lines.join("\n"), value))
        })
        .await
    }

    /// Telegram's link preview (type, title, description, site) of a URL.
    #[tool(name = "telegram-get-web-preview", annotations(title = "Link preview", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<WebPreview>())]
    async fn web_preview(
        &self,
        Parameters(a): Parameters<WebPreviewArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let url = public_url(&a.url)?;
            let preview = self.owner.telegram().web_preview(url).await?;
            let text = match (&preview.title, &preview.site_name) {
                _ if !preview.found => format!("no preview for {url}"),
                (title, site) => format!(
                    "{}: {} ({})",
                    site.as_deref().map_or("", |s| s),
                    render::clean(title.as_deref().unwrap_or("")),
                    render::clean(preview.description.as_deref().unwrap_or(""))
                ),
            };
            Ok((text, preview))
        })
        .await
    }

    /// Report a chat to Telegram as spam.
    #[tool(name = "telegram-report-spam", annotations(title = "Report spam", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<ChatChange>())]
    async fn report_spam(
        &self,
        Parameters(a): Parameters<ChatOnly>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            if target.kind == ChatKind::Saved {
                return Err(OwnerError::Invalid("Saved Messages cannot be reported".into()));
            }
            self.owner.telegram().report_spam(&target).await?;
            let text = format!("reported {} as spam", render::clean(&target.title));
            Ok((text, ChatChange { chat_id: target.id, period: None }))
        })
        .await
    }

    /// Set a chat's auto-delete timer for new messages (0 turns it off).
    #[tool(name = "telegram-set-auto-delete", annotations(title = "Auto-delete timer", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<ChatChange>())]
    async fn set_auto_delete(
        &self,
        Parameters(a): Parameters<AutoDelete>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let period = i32::try_from(a.period)
                .map_err(|_| OwnerError::Invalid("period is longer than a year: at most 31536000".into()))?;
            let target = self.chat(&a.chat_id).await?;
            self.owner.telegram().set_auto_delete(&target, period).await?;
            let text = match period {
                0 => format!("auto-delete off in {}", render::clean(&target.title)),
                p => format!(
                    "messages in {} now auto-delete after {} day(s)",
                    render::clean(&target.title),
                    p / 86_400
                ),
            };
            Ok((text, ChatChange { chat_id: target.id, period: Some(period) }))
        })
        .await
    }
}

/// `en`, `pt-BR`: two or three lowercase letters, optionally a region.
fn valid_lang(code: &str) -> bool {
    let (lang, region) = code.split_once('-').map_or((code, None), |(l, r)| (l, Some(r)));
    (2..=3).contains(&lang.len())
        && lang.chars().all(|c| c.is_ascii_lowercase())
        && region.is_none_or(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_uppercase()))
}

/// The URL if it is http(s) and does not name a literal private, loopback or reserved address.
fn public_url(url: &str) -> Result<&str, OwnerError> {
    let url = url.trim();
    let bad = |why: &str| OwnerError::Invalid(format!("url {url:?} {why}"));
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(|| bad("is not an http:// or https:// URL"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host_port.split(':').next().unwrap_or_default(),
    };
    if host.is_empty() || url.chars().any(char::is_whitespace) {
        return Err(bad("has no host"));
    }
    if host == "localhost" || host.ends_with(".localhost") {
        return Err(bad("names this machine"));
    }
    if let Ok(ip) = host.parse::<IpAddr>()
        && !public_ip(ip)
    {
        return Err(bad("names a private, loopback or reserved address"));
    }
    Ok(url)
}

fn public_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                || a >= 240
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => public_ip(IpAddr::V4(v4)),
            None => {
                let first = v6.segments()[0];
                !(v6.is_loopback()
                    || v6.is_unspecified()
                    || v6.is_multicast()
                    || (first & 0xfe00) == 0xfc00
                    || (first & 0xffc0) == 0xfe80
                    || first == 0x2001 && v6.segments()[1] == 0x0db8)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_naming_private_addresses_are_refused() {
        for ok in ["https://example.org/a-b", "http://93.184.216.34/", "https://[2606:4700::1111]/x"] {
            assert!(public_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "ftp://example.org",
            "https://127.0.0.1/",
            "http://10.1.2.3",
            "http://169.254.169.254/latest",
            "http://[::1]:8080/",
            "http://[fd00::1]/",
            "http://localhost/",
            "http://user@192.168.1.1/",
            "https://",
        ] {
            assert!(public_url(bad).is_err(), "{bad}");
        }
        assert!(valid_lang("en") && valid_lang("pt-BR") && !valid_lang("EN") && !valid_lang("english"));
    }
}
