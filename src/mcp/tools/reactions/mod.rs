//! Reactions (send, list, unread, defaults, paid), polls (create, vote, results, voters, close), and contact, dice, location and venue messages.
//!
//! Three routers, one per file (`react`, `polls`, `cards`), joined as the family's router; the
//! arguments and results live in `args`, the renderings they share here.

mod args;
mod cards;
mod polls;
mod react;

use rmcp::handler::server::router::tool::ToolRouter;

use super::{Access, Entry, Profile};
use crate::mcp::{TelegramMcp, render};
use crate::model::reactions::{MessageReactions, Poll};
use crate::owner::OwnerError;

/// The family's tools: profile and access.
pub(super) const TOOLS: &[Entry] = &[
    Entry { name: "telegram-send-reaction", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-get-reactions", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-set-default-reaction", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-get-top-reactions", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-set-chat-reactions", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-get-recent-reactions", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-send-paid-reaction", profile: Profile::Messaging, access: Access::Write },
    Entry {
        name: "telegram-toggle-paid-reaction-privacy",
        profile: Profile::Messaging,
        access: Access::Write,
    },
    Entry { name: "telegram-get-paid-reaction-privacy", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-get-unread-reactions", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-create-poll", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-vote-poll", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-get-poll-results", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-get-poll-voters", profile: Profile::Messaging, access: Access::Read },
    Entry { name: "telegram-close-poll", profile: Profile::Messaging, access: Access::Destructive },
    Entry { name: "telegram-send-contact", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-send-dice", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-send-location", profile: Profile::Messaging, access: Access::Write },
    Entry { name: "telegram-send-venue", profile: Profile::Messaging, access: Access::Write },
];

impl TelegramMcp {
    /// The family's router: reactions, polls and cards.
    pub(super) fn reactions_router() -> ToolRouter<Self> {
        Self::react_router() + Self::polls_router() + Self::cards_router()
    }

    /// A message's reactions as this window may see them: reactors and paid senders outside
    /// its allowed chats keep their reaction but lose id and name (yours stay).
    fn redact_reactions(&self, mut r: MessageReactions) -> MessageReactions {
        r.reactors.iter_mut().filter(|x| !x.mine).for_each(|x| self.redacted(&mut x.sender));
        for p in r.paid.iter_mut().filter(|p| !p.mine) {
            if let Some(sender) = &mut p.sender {
                self.redacted(sender);
            }
        }
        r
    }
}

/// A message id as Telegram numbers them (positive).
fn message_id(id: i32) -> Result<i32, OwnerError> {
    if id <= 0 {
        return Err(OwnerError::Invalid(format!("messageId {id} is not a message id (positive)")));
    }
    Ok(id)
}

/// A reaction emoji: one short emoji, checked before Telegram sees it.
fn emoji(raw: &str) -> Result<String, OwnerError> {
    let e = raw.trim();
    if e.is_empty() || e.encode_utf16().count() > 8 || e.chars().any(|c| c.is_ascii_alphanumeric()) {
        return Err(OwnerError::Invalid(format!(
            "{raw:?} is not a reaction emoji: pass one emoji such as 👍"
        )));
    }
    Ok(e.to_owned())
}

/// A message's reactions in a few lines.
fn reactions_text(title: &str, r: &MessageReactions) -> String {
    let mut text = format!("message {} in {}: ", r.message_id, render::clean(title));
    if r.reactions.is_empty() {
        text.push_str("no reactions");
    }
    let counts: Vec<String> = r
        .reactions
        .iter()
        .map(|c| format!("{} {}{}", c.emoji, c.count, if c.chosen { " (yours)" } else { "" }))
        .collect();
    text.push_str(&counts.join(", "));
    for x in &r.reactors {
        let unread = if x.unread { " (unread)" } else { "" };
        text.push_str(&format!("\n  {} {}{unread}", x.emoji, render::clean(&x.sender.name)));
    }
    for p in &r.paid {
        let who = p.sender.as_ref().map_or("anonymous".to_owned(), |s| render::clean(&s.name));
        let privacy = if p.anonymous { " (anonymous)" } else { "" };
        text.push_str(&format!("\n  ⭐ {} from {who}{privacy}", p.stars));
    }
    if let Some(next) = &r.next_offset {
        text.push_str(&format!("\nmore reactors: offset {next}"));
    }
    text
}

/// A poll with its options and results.
fn poll_text(p: &Poll) -> String {
    let kind = if p.quiz { "quiz" } else { "poll" };
    let state = if p.closed { ", closed" } else { "" };
    let mut text = format!(
        "{kind} in message {}: {} ({} voters{state})",
        p.message_id,
        render::clean(&p.question),
        p.total_voters
    );
    for o in &p.options {
        let votes = o.voters.map_or(String::new(), |v| format!(" — {v}"));
        let percent = o.percent.map_or(String::new(), |v| format!(" ({v}%)"));
        let marks = match (o.chosen, o.correct) {
            (true, true) => " ✓ yours, correct",
            (true, false) => " ✓ yours",
            (false, true) => " correct",
            (false, false) => "",
        };
        text.push_str(&format!("\n  {}. {}{votes}{percent}{marks}", o.index, render::clean(&o.text)));
    }
    text
}
