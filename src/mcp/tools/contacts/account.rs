//! Sessions (list, terminate one or all others) and privacy (per-setting rules, the global
//! switches).

use std::fmt::Write;

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::super::{ChatArg, Reply, guard};
use super::{NoArgs, long_id};
use crate::mcp::{TelegramMcp, render};
use crate::model::contacts::{GlobalPrivacy, PrivacyRules, Sessions};
use crate::owner::{OwnerError, PrivacyChange, Target};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TerminateSession {
    /// Session hash from telegram-get-sessions.
    session_id: Option<String>,
    /// `true` to end every session but this one (instead of `sessionId`).
    terminate_all_other: Option<bool>,
    /// `true` to go ahead without asking (when the client cannot ask the user).
    confirm: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetPrivacy {
    #[schemars(extend("enum" = ["phone_number", "last_seen", "profile_photo", "forwards", "calls", "groups", "bio"]))]
    setting: String,
    /// Who may see or do it.
    #[schemars(extend("enum" = ["everyone", "contacts", "nobody"]))]
    rule: String,
    /// Users always allowed (ids or @usernames).
    allow_users: Option<Vec<ChatArg>>,
    /// Users never allowed.
    disallow_users: Option<Vec<ChatArg>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetGlobalPrivacy {
    /// Archive and mute new chats from non-contacts.
    archive_and_mute_new_noncontact_peers: Option<bool>,
    /// Keep archived chats unmuted when new messages arrive.
    keep_archived_unmuted: Option<bool>,
    /// Keep archived chats in their folders.
    keep_archived_folders: Option<bool>,
    /// Hide your read times.
    hide_read_marks: Option<bool>,
    /// Only Premium users who are not contacts may message you (needs Premium).
    new_noncontact_peers_require_premium: Option<bool>,
}

/// A session ended, or all others.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
struct Terminated {
    /// The ended session's hash; absent when all others were ended.
    session_id: Option<String>,
    all_other: bool,
}

/// A privacy setting before and after.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
struct PrivacySet {
    setting: String,
    before: PrivacyRules,
    after: PrivacyRules,
}

/// The global switches before and after.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
struct GlobalSet {
    before: GlobalPrivacy,
    after: GlobalPrivacy,
}

#[tool_router(router = contacts_account_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Devices signed in to your account, with app, IP, place and last activity.
    #[tool(name = "telegram-get-sessions", annotations(title = "Sessions", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Sessions>())]
    async fn get_sessions(
        &self,
        Parameters(_): Parameters<NoArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let sessions = self.owner.telegram().sessions().await?;
            let mut text = String::new();
            for s in &sessions.sessions {
                let _ = writeln!(
                    text,
                    "{}{} · {} {} · {} {} · {} {} · active {} · hash {}",
                    if s.current { "[this session] " } else { "" },
                    render::clean(&s.device_model),
                    render::clean(&s.app_name),
                    render::clean(&s.app_version),
                    render::clean(&s.platform),
                    render::clean(&s.system_version),
                    s.ip,
                    render::clean(&s.country),
                    render::date(s.date_active),
                    s.hash
                );
            }
            let _ = write!(text, "inactive sessions end after {} days", sessions.ttl_days);
            Ok((text, sessions))
        })
        .await
    }

    /// End another session by its hash, or all other sessions. This session stays (use telegram-logout).
    #[tool(name = "telegram-terminate-session", annotations(title = "Terminate session", read_only_hint = false, destructive_hint = true, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<Terminated>())]
    async fn terminate_session(
        &self,
        Parameters(a): Parameters<TerminateSession>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let tg = self.owner.telegram();
            let hash = long_id(a.session_id.as_deref(), "sessionId")?;
            let all = a.terminate_all_other == Some(true);
            let Some(hash) = hash else {
                if !all {
                    return Err(OwnerError::Invalid(
                        "give sessionId (from telegram-get-sessions) or terminateAllOther: true".into(),
                    ));
                }
                let question = "End every session of your account except this one?".to_owned();
                self.confirm(&ctx, a.confirm, "telegram-terminate-session", question).await?;
                tg.terminate_other_sessions().await?;
                let text = "ended every other session".to_owned();
                return Ok((text, Terminated { session_id: None, all_other: true }));
            };
            if all {
                return Err(OwnerError::Invalid("give sessionId or terminateAllOther, not both".into()));
            }
            let sessions = tg.sessions().await?;
            let found = sessions.sessions.iter().find(|s| s.hash == hash.to_string());
            if found.is_some_and(|s| s.current) {
                return Err(OwnerError::Invalid(
                    "that is this session: it cannot be terminated here; use telegram-logout".into(),
                ));
            }
            let device = found.map_or_else(|| format!("session {hash}"), |s| render::clean(&s.device_model));
            let question = format!("End the session of {device} (hash {hash})?");
            self.confirm(&ctx, a.confirm, "telegram-terminate-session", question).await?;
            tg.terminate_session(hash).await?;
            Ok((
                format!("ended the session of {device}"),
                Terminated { session_id: Some(hash.to_string()), all_other: false },
            ))
        })
        .await
    }

    /// Set who can see your phone number, last seen, photo, bio, or forward, call or add you to groups.
    #[tool(name = "telegram-set-privacy", annotations(title = "Set privacy", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<PrivacySet>())]
    async fn set_privacy(
        &self,
        Parameters(a): Parameters<SetPrivacy>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let allow = self.privacy_users(a.allow_users.as_deref().unwrap_or_default()).await?;
            let disallow = self.privacy_users(a.disallow_users.as_deref().unwrap_or_default()).await?;
            let change = PrivacyChange { setting: a.setting.clone(), rule: a.rule.clone(), allow, disallow };
            let (before, after) = self.owner.telegram().set_privacy(&change).await?;
            let text = format!("{}: {} → {}", a.setting, rules_text(&before), rules_text(&after));
            Ok((text, PrivacySet { setting: a.setting, before, after }))
        })
        .await
    }

    /// Your global privacy switches: auto-archive of non-contacts, archive behaviour, read times, Premium-only messages.
    #[tool(name = "telegram-get-global-privacy-settings", annotations(title = "Global privacy", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<GlobalPrivacy>())]
    async fn get_global_privacy(
        &self,
        Parameters(_): Parameters<NoArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let settings = self.owner.telegram().global_privacy().await?;
            Ok((global_text(&settings), settings))
        })
        .await
    }

    /// Change global privacy switches; omitted ones keep their values.
    #[tool(name = "telegram-set-global-privacy-settings", annotations(title = "Set global privacy", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<GlobalSet>())]
    async fn set_global_privacy(
        &self,
        Parameters(a): Parameters<SetGlobalPrivacy>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let given = [
                a.archive_and_mute_new_noncontact_peers,
                a.keep_archived_unmuted,
                a.keep_archived_folders,
                a.hide_read_marks,
                a.new_noncontact_peers_require_premium,
            ];
            if given.iter().all(Option::is_none) {
                return Err(OwnerError::Invalid("nothing to change: give at least one setting".into()));
            }
            let (before, after) = self
                .owner
                .telegram()
                .set_global_privacy(|s| {
                    let set = |field: &mut bool, value: Option<bool>| *field = value.unwrap_or(*field);
                    set(
                        &mut s.archive_and_mute_new_noncontact_peers,
                        a.archive_and_mute_new_noncontact_peers,
                    );
                    set(&mut s.keep_archived_unmuted, a.keep_archived_unmuted);
                    set(&mut s.keep_archived_folders, a.keep_archived_folders);
                    set(&mut s.hide_read_marks, a.hide_read_marks);
                    set(&mut s.new_noncontact_peers_require_premium, a.new_noncontact_peers_require_premium);
                })
                .await?;
            Ok((format!("global privacy now: {}", global_text(&after)), GlobalSet { before, after }))
        })
        .await
    }
}

impl TelegramMcp {
    /// Resolves privacy exceptions (each must be a user the window may see).
    async fn privacy_users(&self, args: &[ChatArg]) -> Result<Vec<Target>, OwnerError> {
        if args.len() > 100 {
            return Err(OwnerError::Invalid(format!("{} users given; at most 100", args.len())));
        }
        let mut out = Vec::with_capacity(args.len());
        for arg in args {
            out.push(self.chat(arg).await?);
        }
        Ok(out)
    }
}

fn rules_text(r: &PrivacyRules) -> String {
    let mut text = r.rule.clone();
    if !r.allow_users.is_empty() {
        let _ = write!(text, " (always: {:?})", r.allow_users);
    }
    if !r.disallow_users.is_empty() {
        let _ = write!(text, " (never: {:?})", r.disallow_users);
    }
    text
}

fn global_text(s: &GlobalPrivacy) -> String {
    let on = |b: bool| if b { "on" } else { "off" };
    format!(
        "archive and mute new non-contacts {}, keep archived unmuted {}, keep archived folders {}, hide read \
         marks {}, non-contacts need Premium {}",
        on(s.archive_and_mute_new_noncontact_peers),
        on(s.keep_archived_unmuted),
        on(s.keep_archived_folders),
        on(s.hide_read_marks),
        on(s.new_noncontact_peers_require_premium)
    )
}
