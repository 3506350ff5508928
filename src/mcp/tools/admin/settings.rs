//! Settings tools: editing a group, member permissions, slow mode, the channel toggles, join
//! requests and the admin log.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use tokio::sync::watch;

use super::args::{AdminLogArgs, EditGroup, JoinRequestAnswer, SetChatPermissions, SlowMode, Toggle};
use super::args::{ToggleForum, TogglePrehistory};
use crate::mcp::tools::{Reply, guard, limit, non_empty};
use crate::mcp::{TelegramMcp, render};
use crate::model::admin::{AdminLog, GroupEdit, JoinRequest, Permissions, Setting, Switched};
use crate::owner::{Cursor, OwnerError};

#[tool_router(router = admin_settings_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Change a group's or channel's title, description or photo (from the files directory).
    #[tool(name = "telegram-edit-group", annotations(title = "Edit group", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<GroupEdit>())]
    async fn edit_group(
        &self,
        Parameters(a): Parameters<EditGroup>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            if a.title.is_none() && a.description.is_none() && a.photo_path.is_none() {
                return Err(OwnerError::Invalid(
                    "nothing to change: give title, description or photoPath".into(),
                ));
            }
            let title = a.title.as_deref().map(|t| non_empty(t, "title")).transpose()?;
            if title.is_some_and(|t| t.chars().count() > 128) {
                return Err(OwnerError::Invalid("title is longer than Telegram's 128 characters".into()));
            }
            if a.description.as_ref().is_some_and(|d| d.trim().chars().count() > 255) {
                return Err(OwnerError::Invalid(
                    "description is longer than Telegram's 255 characters".into(),
                ));
            }
            let source = a.photo_path.as_deref().map(|p| self.owner.files().open(p)).transpose();
            let source = source.map_err(OwnerError::Invalid)?;
            let target = self.chat(&a.chat_id).await?;
            let tg = self.owner.telegram();
            // The upload goes first: a file that cannot be sent leaves the chat unchanged.
            let mut photo = None;
            if let Some(source) = source {
                let file = source
                    .file
                    .try_clone()
                    .map_err(|e| OwnerError::Invalid(format!("failed to read {}: {e}", source.name)))?;
                let mut file = tokio::fs::File::from_std(file);
                photo = Some(tg.upload(&mut file, source.size, &source.name, &watch::Sender::new(0)).await?);
            }
            let mut edit = GroupEdit { chat_id: target.id, changed: Vec::new(), unchanged: Vec::new() };
            if let Some(title) = title {
                let changed = tg.set_title(&target, title).await?;
                if changed { &mut edit.changed } else { &mut edit.unchanged }.push("title".into());
            }
            if let Some(about) = &a.description {
                let changed = tg.set_about(&target, about.trim()).await?;
                if changed { &mut edit.changed } else { &mut edit.unchanged }.push("description".into());
            }
            if let Some(uploaded) = photo {
                let changed = tg.set_chat_photo(&target, uploaded).await?;
                if changed { &mut edit.changed } else { &mut edit.unchanged }.push("photo".into());
            }
            let mut text = format!("{}: changed {}", render::clean(&target.title), list(&edit.changed));
            if !edit.unchanged.is_empty() {
                text.push_str(&format!("; already set: {}", edit.unchanged.join(", ")));
            }
            Ok((text, edit))
        })
        .await
    }

    /// Set what members of a group or supergroup may do; omitted permissions stay as they are.
    #[tool(name = "telegram-set-chat-permissions", annotations(title = "Set chat permissions", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Permissions>())]
    async fn set_chat_permissions(
        &self,
        Parameters(a): Parameters<SetChatPermissions>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let changes = a.changes();
            if changes.is_empty() {
                return Err(OwnerError::Invalid("no permission given: pass e.g. sendMessages: false".into()));
            }
            let target = self.chat(&a.chat_id).await?;
            let p = self.owner.telegram().set_permissions(&target, &changes).await?;
            let verb = if p.changed { "permissions set" } else { "permissions already so" };
            let text = format!(
                "{} in {}: allowed {}; denied {}",
                verb,
                render::clean(&target.title),
                list(&p.allowed),
                list(&p.denied)
            );
            Ok((text, p))
        })
        .await
    }

    /// Set slow mode of a supergroup: 0 (off), 10, 30, 60, 300, 900 or 3600 seconds.
    #[tool(name = "telegram-set-slow-mode", annotations(title = "Set slow mode", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Switched>())]
    async fn set_slow_mode(
        &self,
        Parameters(a): Parameters<SlowMode>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let s = self.owner.telegram().slow_mode(&target, a.seconds).await?;
            Ok((switched_text(&target.title, &s), s))
        })
        .await
    }

    /// Turn author signatures on broadcast channel posts on or off (needs admin).
    #[tool(name = "telegram-toggle-channel-signatures", annotations(title = "Toggle signatures", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Switched>())]
    async fn toggle_signatures(
        &self,
        Parameters(a): Parameters<Toggle>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, self.switch(a.chat_id, Setting::Signatures, a.enabled)).await
    }

    /// Turn aggressive anti-spam of a supergroup on or off (needs the ban right).
    #[tool(name = "telegram-toggle-anti-spam", annotations(title = "Toggle anti-spam", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Switched>())]
    async fn toggle_anti_spam(
        &self,
        Parameters(a): Parameters<Toggle>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, self.switch(a.chat_id, Setting::AntiSpam, a.enabled)).await
    }

    /// Turn topics of a supergroup on or off. Disabling deletes every topic.
    #[tool(name = "telegram-toggle-forum-mode", annotations(title = "Toggle forum mode", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Switched>())]
    async fn toggle_forum_mode(
        &self,
        Parameters(a): Parameters<ToggleForum>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            if !a.enabled {
                let target = self.chat(&a.chat_id).await?;
                let question =
                    format!("Disable topics in {}? Every topic is deleted.", render::clean(&target.title));
                self.confirm(&ctx, a.confirm, "telegram-toggle-forum-mode", question).await?;
            }
            self.switch(a.chat_id, Setting::Forum, a.enabled).await
        })
        .await
    }

    /// Hide or show the earlier history of a supergroup to new members.
    #[tool(name = "telegram-toggle-prehistory-hidden", annotations(title = "Toggle pre-history", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Switched>())]
    async fn toggle_prehistory(
        &self,
        Parameters(a): Parameters<TogglePrehistory>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, self.switch(a.chat_id, Setting::PrehistoryHidden, a.hidden)).await
    }

    /// Approve or decline a pending join request to a supergroup or channel.
    #[tool(name = "telegram-approve-join-request", annotations(title = "Answer join request", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<JoinRequest>())]
    async fn approve_join_request(
        &self,
        Parameters(a): Parameters<JoinRequestAnswer>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let user = self.user(&a.user_id).await?;
            self.owner.telegram().answer_request(&target, &user, a.approved).await?;
            let verb = if a.approved { "approved" } else { "declined" };
            let text = format!(
                "{verb} the join request of {} to {}",
                render::clean(&user.title),
                render::clean(&target.title)
            );
            Ok((text, JoinRequest { chat_id: target.id, user_id: user.id, approved: a.approved }))
        })
        .await
    }

    /// Recent admin actions in a supergroup or channel (bans, edits, roles, settings), newest first.
    #[tool(name = "telegram-get-admin-log", annotations(title = "Admin log", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<AdminLog>())]
    async fn get_admin_log(
        &self,
        Parameters(a): Parameters<AdminLogArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let before = match a.cursor.as_deref().map(Cursor::decode).transpose()? {
                Some(Cursor::Offset { offset }) => offset,
                Some(_) => return Err(OwnerError::Invalid("that cursor belongs to another tool".into())),
                None => 0,
            };
            let target = self.chat(&a.chat_id).await?;
            let q = a.q.as_deref().unwrap_or_default().trim();
            let shows = |id: i64| self.shows(id);
            let log = self.owner.telegram().admin_log(&target, q, limit(a.limit, 20), before, &shows).await?;
            let mut text =
                format!("{} event(s) in the admin log of {}", log.events.len(), render::clean(&target.title));
            for e in &log.events {
                let line = format!(
                    "\n{} {}: {}",
                    render::date(e.date),
                    render::clean(&e.user),
                    render::clean(&e.text)
                );
                text.push_str(&line);
            }
            if let Some(next) = &log.next_cursor {
                text.push_str(&format!("\nolder: cursor {next}"));
            }
            Ok((text, log))
        })
        .await
    }
}

impl TelegramMcp {
    async fn switch(
        &self,
        chat: crate::mcp::tools::ChatArg,
        setting: Setting,
        on: bool,
    ) -> Result<(String, Switched), OwnerError> {
        let target = self.chat(&chat).await?;
        let s = self.owner.telegram().switch(&target, setting, on).await?;
        Ok((switched_text(&target.title, &s), s))
    }
}

fn switched_text(title: &str, s: &Switched) -> String {
    let what = match s.setting {
        Setting::SlowMode if s.enabled => format!("slow mode {} s", s.seconds.unwrap_or(0)),
        Setting::SlowMode => "slow mode off".to_owned(),
        Setting::Signatures => format!("signatures {}", on_off(s.enabled)),
        Setting::AntiSpam => format!("aggressive anti-spam {}", on_off(s.enabled)),
        Setting::Forum => format!("topics {}", on_off(s.enabled)),
        Setting::PrehistoryHidden if s.enabled => "history hidden from new members".to_owned(),
        Setting::PrehistoryHidden => "history visible to new members".to_owned(),
    };
    let state = if s.changed { "now" } else { "already" };
    format!("{}: {state} {what}", render::clean(title))
}

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

fn list(items: &[String]) -> String {
    if items.is_empty() { "nothing".to_owned() } else { items.join(", ") }
}
