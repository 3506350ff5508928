//! Reaction tools: send and read reactions, the quick reaction, top and recent reactions, a
//! chat's allowed reactions, paid reactions and their privacy, unread reactions.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use super::args::{
    ChatReactions, DefaultReaction, Emojis, GetReactions, GetUnreadReactions, PaidPrivacy, Policy,
    ReactionLimit, ReactionList, Reactions, SendPaidReaction, SendReaction, SetChatReactions,
    SetDefaultReaction, TogglePaidPrivacy, UnreadReactions,
};
use super::{emoji, message_id, reactions_text};
use crate::mcp::tools::{Reply, guard, limit};
use crate::mcp::{TelegramMcp, render};
use crate::model::ChatKind;
use crate::owner::{OwnerError, ReactionPolicy, Target};

#[tool_router(router = react_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Set your reaction(s) on a message, replacing yours or added to them; omit emoji to remove yours.
    #[tool(name = "telegram-send-reaction", annotations(title = "Send reaction", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Reactions>())]
    async fn send_reaction(
        &self,
        Parameters(a): Parameters<SendReaction>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let id = message_id(a.message_id)?;
            let list = match a.emoji {
                None => Vec::new(),
                Some(Emojis::One(e)) => vec![emoji(&e)?],
                Some(Emojis::Many(list)) => list.iter().map(|e| emoji(e)).collect::<Result<_, _>>()?,
            };
            let target = self.chat(&a.chat_id).await?;
            let reactions = self
                .owner
                .telegram()
                .send_reaction(&target, id, &list, a.add_to_existing.unwrap_or(false))
                .await?;
            let reactions = self.redact_reactions(reactions);
            Ok((reactions_text(&target.title, &reactions), Reactions { reactions }))
        })
        .await
    }

    /// Reactions of a message: counts, yours, who reacted (where visible) and paid senders.
    #[tool(name = "telegram-get-reactions", annotations(title = "Reactions", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Reactions>())]
    async fn get_reactions(
        &self,
        Parameters(a): Parameters<GetReactions>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let id = message_id(a.message_id)?;
            let target = self.chat(&a.chat_id).await?;
            let offset = a.offset.filter(|o| !o.is_empty());
            let reactions = self.owner.telegram().reactions(&target, id, limit(a.limit, 50), offset).await?;
            let reactions = self.redact_reactions(reactions);
            Ok((reactions_text(&target.title, &reactions), Reactions { reactions }))
        })
        .await
    }

    /// Set your quick (double-tap) reaction.
    #[tool(name = "telegram-set-default-reaction", annotations(title = "Set default reaction", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<DefaultReaction>())]
    async fn set_default_reaction(
        &self,
        Parameters(a): Parameters<SetDefaultReaction>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let e = emoji(&a.emoji)?;
            let now = self.owner.telegram().set_default_reaction(&e).await?;
            let text = format!("default reaction is now {}", now.as_deref().unwrap_or("unset"));
            Ok((text, DefaultReaction { emoji: now }))
        })
        .await
    }

    /// The most popular reactions on Telegram.
    #[tool(name = "telegram-get-top-reactions", annotations(title = "Top reactions", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<ReactionList>())]
    async fn get_top_reactions(
        &self,
        Parameters(a): Parameters<ReactionLimit>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let reactions = self.owner.telegram().reaction_list(false, limit(a.limit, 20)).await?;
            Ok((format!("top reactions: {}", reactions.join(" ")), ReactionList { reactions }))
        })
        .await
    }

    /// The reactions you used recently, newest first.
    #[tool(name = "telegram-get-recent-reactions", annotations(title = "Recent reactions", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<ReactionList>())]
    async fn get_recent_reactions(
        &self,
        Parameters(a): Parameters<ReactionLimit>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let reactions = self.owner.telegram().reaction_list(true, limit(a.limit, 20)).await?;
            Ok((format!("recent reactions: {}", reactions.join(" ")), ReactionList { reactions }))
        })
        .await
    }

    /// Choose which reactions a group or channel allows: all, some (a list) or none. Needs admin.
    #[tool(name = "telegram-set-chat-reactions", annotations(title = "Set chat reactions", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<ChatReactions>())]
    async fn set_chat_reactions(
        &self,
        Parameters(a): Parameters<SetChatReactions>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let (policy, name) = match a.reactions {
                Policy::All { allow_custom } => {
                    (ReactionPolicy::All { custom: allow_custom.unwrap_or(false) }, "all")
                }
                Policy::None => (ReactionPolicy::None, "none"),
                Policy::Some { emoji: list } => {
                    if list.is_empty() || list.len() > 100 {
                        return Err(OwnerError::Invalid("reactions.emoji needs 1 to 100 emoji".into()));
                    }
                    (ReactionPolicy::Some(list.iter().map(|e| emoji(e)).collect::<Result<_, _>>()?), "some")
                }
            };
            let target = self.chat(&a.chat_id).await?;
            group_or_channel(&target)?;
            self.owner.telegram().set_chat_reactions(&target, &policy).await?;
            let emoji = match &policy {
                ReactionPolicy::Some(list) => list.clone(),
                _ => Vec::new(),
            };
            let text = format!("reactions in {}: {name} {}", render::clean(&target.title), emoji.join(" "));
            Ok((
                text.trim_end().to_owned(),
                ChatReactions { chat_id: target.id, policy: name.to_owned(), emoji },
            ))
        })
        .await
    }

    /// Send Stars as a paid reaction to a channel post (spent from your balance).
    #[tool(name = "telegram-send-paid-reaction", annotations(title = "Send paid reaction", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<Reactions>())]
    async fn send_paid_reaction(
        &self,
        Parameters(a): Parameters<SendPaidReaction>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let id = message_id(a.message_id)?;
            let count = a.count.unwrap_or(1);
            if !(1..=2500).contains(&count) {
                return Err(OwnerError::Invalid(format!("count {count} is outside 1–2500 Stars")));
            }
            let target = self.chat(&a.chat_id).await?;
            channel(&target)?;
            let reactions = self.owner.telegram().send_paid_reaction(&target, id, count, a.private).await?;
            let reactions = self.redact_reactions(reactions);
            Ok((reactions_text(&target.title, &reactions), Reactions { reactions }))
        })
        .await
    }

    /// Show or hide your name on your paid reaction to a channel post (also your new default).
    #[tool(name = "telegram-toggle-paid-reaction-privacy", annotations(title = "Paid reaction privacy", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Reactions>())]
    async fn toggle_paid_privacy(
        &self,
        Parameters(a): Parameters<TogglePaidPrivacy>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let id = message_id(a.message_id)?;
            let target = self.chat(&a.chat_id).await?;
            channel(&target)?;
            let reactions = self.owner.telegram().toggle_paid_privacy(&target, id, a.private).await?;
            let reactions = self.redact_reactions(reactions);
            Ok((reactions_text(&target.title, &reactions), Reactions { reactions }))
        })
        .await
    }

    /// Whether your paid reactions are anonymous by default.
    #[tool(name = "telegram-get-paid-reaction-privacy", annotations(title = "Default paid reaction privacy", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<PaidPrivacy>())]
    async fn get_paid_privacy(&self, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let private = self.owner.telegram().paid_privacy().await?;
            let text = if private {
                "paid reactions: anonymous by default"
            } else {
                "paid reactions: shown with your name"
            };
            Ok((text.to_owned(), PaidPrivacy { private }))
        })
        .await
    }

    /// Your messages in a chat with reactions you have not seen; marks them seen when all fit into `limit`.
    #[tool(name = "telegram-get-unread-reactions", annotations(title = "Unread reactions", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<UnreadReactions>())]
    async fn get_unread_reactions(
        &self,
        Parameters(a): Parameters<GetUnreadReactions>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let target = self.chat(&a.chat_id).await?;
            let (mut messages, marked_read) =
                self.owner.telegram().unread_reactions(&target, limit(a.limit, 20)).await?;
            for r in messages.iter_mut().flat_map(|m| m.reactions.iter_mut()).filter(|r| !r.mine) {
                self.redacted(&mut r.sender);
            }
            let mut text = format!(
                "{} message(s) with unread reactions in {}",
                messages.len(),
                render::clean(&target.title)
            );
            for m in &messages {
                let who: Vec<String> = m
                    .reactions
                    .iter()
                    .map(|r| format!("{} {}", r.emoji, render::clean(&r.sender.name)))
                    .collect();
                text.push_str(&format!("\n{} ← {}", render::message(&m.message), who.join(", ")));
            }
            if marked_read {
                text.push_str("\n(marked as seen)");
            }
            Ok((text, UnreadReactions { chat: target.chat(0, None), messages, marked_read }))
        })
        .await
    }
}

fn group_or_channel(target: &Target) -> Result<(), OwnerError> {
    match target.kind {
        ChatKind::Group | ChatKind::Supergroup | ChatKind::Channel => Ok(()),
        _ => Err(OwnerError::Invalid(format!(
            "{} is a private chat: reactions can be restricted only in groups and channels",
            render::clean(&target.title)
        ))),
    }
}

fn channel(target: &Target) -> Result<(), OwnerError> {
    match target.kind {
        ChatKind::Channel => Ok(()),
        _ => Err(OwnerError::Invalid(format!(
            "{} is not a channel: paid reactions exist only on channel posts",
            render::clean(&target.title)
        ))),
    }
}
