//! Membership tools: members and your role, creating, joining, leaving, inviting, kicking,
//! banning, unbanning, promoting and demoting.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use super::args::{
    ChatMembers, ChatOnly, ChatUser, CreateGroup, InviteToGroup, JoinChat, LeaveGroup, SetAdmin,
};
use super::{invitations_text, member_line};
use crate::mcp::tools::{Reply, guard, limit, non_empty};
use crate::mcp::{TelegramMcp, render};
use crate::model::ChatKind;
use crate::model::admin::{Created, Invitations, Joined, Member, MemberChange, Members, MyRole};
use crate::owner::{Cursor, OwnerError, Target};

#[tool_router(router = admin_members_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Members of a group or channel with their roles (a channel's subscribers need admin).
    #[tool(name = "telegram-get-chat-members", annotations(title = "Chat members", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Members>())]
    async fn get_chat_members(
        &self,
        Parameters(a): Parameters<ChatMembers>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let offset = match a.cursor.as_deref().map(Cursor::decode).transpose()? {
                Some(Cursor::Offset { offset }) => offset,
                Some(_) => return Err(OwnerError::Invalid("that cursor belongs to another tool".into())),
                None => 0,
            };
            let target = self.chat(&a.chat_id).await?;
            let mut page = self.owner.telegram().members(&target, offset, limit(a.limit, 50)).await?;
            page.members.iter_mut().for_each(|m| self.redact_member(m));
            let mut text = format!(
                "{} of {} members of {}",
                page.members.len(),
                page.total,
                render::clean(&target.title)
            );
            for m in &page.members {
                text.push('\n');
                text.push_str(&member_line(m));
            }
            if let Some(next) = &page.next_cursor {
                text.push_str(&format!("\nmore: cursor {next}"));
            }
            Ok((text, page))
        })
        .await
    }

    /// Your role in a chat (creator, admin, member, restricted, banned or left) and rights.
    #[tool(name = "telegram-get-my-role", annotations(title = "My role", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<MyRole>())]
    async fn get_my_role(
        &self,
        Parameters(a): Parameters<ChatOnly>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let role = self.owner.telegram().my_role(&target).await?;
            Ok((format!("in {}: {}", render::clean(&target.title), member_line(&role.member)), role))
        })
        .await
    }

    /// Create a basic group (with at least one user) or a supergroup (optionally a forum).
    #[tool(name = "telegram-create-group", annotations(title = "Create group", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<Created>())]
    async fn create_group(
        &self,
        Parameters(a): Parameters<CreateGroup>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let title = non_empty(&a.title, "title")?;
            if title.chars().count() > 128 {
                return Err(OwnerError::Invalid("title is longer than Telegram's 128 characters".into()));
            }
            let (supergroup, forum) = (a.supergroup.unwrap_or(false), a.forum.unwrap_or(false));
            if forum && !supergroup {
                return Err(OwnerError::Invalid(
                    "topics need a supergroup: pass supergroup: true with forum".into(),
                ));
            }
            let users = self.users(&a.users, true).await?;
            if users.is_empty() && !supergroup {
                return Err(OwnerError::Invalid(
                    "a basic group needs at least one other member: add users or pass supergroup: true"
                        .into(),
                ));
            }
            let about = a.description.as_deref().map(str::trim).filter(|d| !d.is_empty());
            let created = self.owner.telegram().create_group(title, &users, supergroup, forum, about).await?;
            let text = format!(
                "created {}: {}",
                render::chat_line(&created.chat),
                invitations_text(&created.invitations)
            );
            Ok((text, created))
        })
        .await
    }

    /// Join a group or channel by @username, t.me link or invite link (t.me/+…).
    #[tool(name = "telegram-join-chat", annotations(title = "Join chat", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Joined>())]
    async fn join_chat(&self, Parameters(a): Parameters<JoinChat>, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let allowed = |chat: &crate::model::Chat| self.scope.check_chat(chat);
            let joined = self.owner.telegram().join(&a.target, !self.scope.limits_chats(), &allowed).await?;
            let verb = if joined.already_member { "already a member of" } else { "joined" };
            Ok((format!("{verb} {}", render::chat_line(&joined.chat)), joined))
        })
        .await
    }

    /// Leave a group or channel. A private one may not let you back.
    #[tool(name = "telegram-leave-group", annotations(title = "Leave group", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<MemberChange>())]
    async fn leave_group(
        &self,
        Parameters(a): Parameters<LeaveGroup>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let title = render::clean(&target.title);
            self.confirm(&ctx, a.confirm, "telegram-leave-group", format!("Leave {title}?")).await?;
            let tg = self.owner.telegram();
            tg.leave(&target).await?;
            let member = tg.my_role(&target).await?.member;
            Ok((format!("left {title}"), MemberChange { chat_id: target.id, member }))
        })
        .await
    }

    /// Add users to a group or channel (needs the invite right where members may not).
    #[tool(name = "telegram-invite-to-group", annotations(title = "Invite to group", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Invitations>())]
    async fn invite_to_group(
        &self,
        Parameters(a): Parameters<InviteToGroup>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let users = self.users(&a.users, false).await?;
            let result = self.owner.telegram().invite(&target, &users).await?;
            Ok((format!("{}: {}", render::clean(&target.title), invitations_text(&result)), result))
        })
        .await
    }

    /// Remove a member without a lasting ban (they may rejoin or be invited back).
    #[tool(name = "telegram-kick-user", annotations(title = "Kick user", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<MemberChange>())]
    async fn kick_user(&self, Parameters(a): Parameters<ChatUser>, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let (target, user) = (self.chat(&a.chat_id).await?, self.user(&a.user_id).await?);
            self.owner.telegram().kick(&target, &user).await?;
            self.changed(&target, &user, "kicked").await
        })
        .await
    }

    /// Ban a user from a supergroup or channel until unbanned (removes them).
    #[tool(name = "telegram-ban-user", annotations(title = "Ban user", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<MemberChange>())]
    async fn ban_user(&self, Parameters(a): Parameters<ChatUser>, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let (target, user) = (self.chat(&a.chat_id).await?, self.user(&a.user_id).await?);
            self.owner.telegram().ban(&target, &user).await?;
            self.changed(&target, &user, "banned").await
        })
        .await
    }

    /// Lift a ban or restriction in a supergroup or channel (they are not re-added).
    #[tool(name = "telegram-unban-user", annotations(title = "Unban user", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<MemberChange>())]
    async fn unban_user(
        &self,
        Parameters(a): Parameters<ChatUser>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let (target, user) = (self.chat(&a.chat_id).await?, self.user(&a.user_id).await?);
            self.owner.telegram().unban(&target, &user).await?;
            self.changed(&target, &user, "unbanned").await
        })
        .await
    }

    /// Make a member of a supergroup or channel an admin with all rights but adding admins.
    #[tool(name = "telegram-set-admin", annotations(title = "Set admin", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<MemberChange>())]
    async fn set_admin(&self, Parameters(a): Parameters<SetAdmin>, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let rank = a.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
            if rank.is_some_and(|t| t.chars().count() > 16) {
                return Err(OwnerError::Invalid(
                    "title is longer than Telegram's 16 characters for admins".into(),
                ));
            }
            let (target, user) = (self.chat(&a.chat_id).await?, self.user(&a.user_id).await?);
            self.owner.telegram().set_admin(&target, &user, rank).await?;
            self.changed(&target, &user, "promoted").await
        })
        .await
    }

    /// Take all admin rights from an admin of a supergroup or channel.
    #[tool(name = "telegram-remove-admin", annotations(title = "Remove admin", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<MemberChange>())]
    async fn remove_admin(
        &self,
        Parameters(a): Parameters<ChatUser>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let (target, user) = (self.chat(&a.chat_id).await?, self.user(&a.user_id).await?);
            self.owner.telegram().remove_admin(&target, &user).await?;
            self.changed(&target, &user, "demoted").await
        })
        .await
    }
}

impl TelegramMcp {
    /// Reads a member back after a change, so the answer shows what Telegram now holds.
    async fn changed(
        &self,
        target: &Target,
        user: &Target,
        verb: &str,
    ) -> Result<(String, MemberChange), OwnerError> {
        let member = match target.kind {
            ChatKind::Group => {
                let page = self.owner.telegram().members(target, 0, 100).await?;
                page.members.into_iter().find(|m| m.id == user.id).unwrap_or_else(|| gone(user))
            }
            _ => self.owner.telegram().participant(target, user).await?,
        };
        let text = format!("{verb} in {}: {}", render::clean(&target.title), member_line(&member));
        Ok((text, MemberChange { chat_id: target.id, member }))
    }
}

/// Someone no longer in a chat.
fn gone(user: &Target) -> Member {
    Member {
        id: user.id,
        name: user.title.clone(),
        username: user.username.clone(),
        role: "left".to_owned(),
        rank: None,
        rights: Vec::new(),
        since: None,
        until: None,
    }
}
