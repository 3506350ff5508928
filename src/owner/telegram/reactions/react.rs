//! Reactions: send, read (counts, your choices, who reacted, paid senders), a chat's allowed
//! reactions, the quick reaction, top and recent reactions, paid reactions and their privacy,
//! and unread reactions to your messages.

use grammers_client::tl;

use super::{emoji_of, reaction};
use crate::model::reactions::{MessageReactions, UnreadReaction};
use crate::owner::OwnerError;
use crate::owner::telegram::peers::Target;
use crate::owner::telegram::{Telegram, rand_i64};

/// Which reactions a chat allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReactionPolicy {
    /// Every standard emoji (and custom emoji for Premium users when `custom`).
    All { custom: bool },
    /// Only these emoji.
    Some(Vec<String>),
    /// No reactions.
    None,
}

impl Telegram {
    /// Sets your reactions on a message (replacing yours, or added to yours); empty removes them.
    pub(crate) async fn send_reaction(
        &self,
        target: &Target,
        message_id: i32,
        emoji: &[String],
        add_to_existing: bool,
    ) -> Result<MessageReactions, OwnerError> {
        let mut wanted: Vec<tl::enums::Reaction> = Vec::new();
        if add_to_existing {
            let current = self.message_reactions(target, message_id).await?;
            let mine: Vec<&str> =
                current.reactions.iter().filter(|r| r.chosen).map(|r| r.emoji.as_str()).collect();
            // A custom emoji is known here only as `custom`, so it cannot be sent back.
            if mine.contains(&"custom") {
                return Err(OwnerError::Invalid(
                    "your reactions include a custom emoji that addToExisting cannot keep: send the full list".into(),
                ));
            }
            wanted.extend(mine.into_iter().map(reaction));
        }
        for e in emoji {
            let r = reaction(e);
            if !wanted.contains(&r) {
                wanted.push(r);
            }
        }
        let request = tl::functions::messages::SendReaction {
            big: false,
            add_to_recent: true,
            peer: target.input_peer(),
            msg_id: message_id,
            reaction: (!wanted.is_empty()).then_some(wanted),
        };
        let updates = self.call(&request).await?;
        Ok(self.reactions_in(target, message_id, updates))
    }

    /// Counts, your choices and paid senders of a message's reactions.
    async fn message_reactions(
        &self,
        target: &Target,
        message_id: i32,
    ) -> Result<MessageReactions, OwnerError> {
        let request =
            tl::functions::messages::GetMessagesReactions { peer: target.input_peer(), id: vec![message_id] };
        let updates = self.call(&request).await?;
        Ok(self.reactions_in(target, message_id, updates))
    }

    /// A message's reactions with who reacted (a page of `limit` from `offset`, where Telegram
    /// shows it).
    pub(crate) async fn reactions(
        &self,
        target: &Target,
        message_id: i32,
        limit: usize,
        offset: Option<String>,
    ) -> Result<MessageReactions, OwnerError> {
        self.raw_message(target, message_id).await?;
        let mut out = self.message_reactions(target, message_id).await?;
        if !out.reactors_visible || out.reactions.is_empty() {
            out.reactors.clear();
            return Ok(out);
        }
        let request = tl::functions::messages::GetMessageReactionsList {
            peer: target.input_peer(),
            id: message_id,
            reaction: None,
            offset,
            limit: limit as i32,
        };
        let tl::enums::messages::MessageReactionsList::List(list) = self.call(&request).await?;
        self.learn(&list.users, &list.chats);
        out.reactors = list.reactions.iter().map(|r| self.reactor(r)).collect();
        out.next_offset = list.next_offset;
        Ok(out)
    }

    /// The reactions of `message_id` in an answer's `updateMessageReactions`.
    fn reactions_in(
        &self,
        target: &Target,
        message_id: i32,
        updates: tl::enums::Updates,
    ) -> MessageReactions {
        let raw = self.updates_of(updates).into_iter().find_map(|u| match u {
            tl::enums::Update::MessageReactions(r) if r.msg_id == message_id => Some(r.reactions),
            _ => None,
        });
        self.reactions_model(target, message_id, raw.as_ref())
    }

    /// Sets which reactions a group or channel allows.
    pub(crate) async fn set_chat_reactions(
        &self,
        target: &Target,
        policy: &ReactionPolicy,
    ) -> Result<(), OwnerError> {
        let available_reactions = match policy {
            ReactionPolicy::All { custom } => {
                tl::enums::ChatReactions::All(tl::types::ChatReactionsAll { allow_custom: *custom })
            }
            ReactionPolicy::Some(list) => tl::enums::ChatReactions::Some(tl::types::ChatReactionsSome {
                reactions: list.iter().map(|e| reaction(e)).collect(),
            }),
            ReactionPolicy::None => tl::enums::ChatReactions::None,
        };
        let request = tl::functions::messages::SetChatAvailableReactions {
            peer: target.input_peer(),
            available_reactions,
            reactions_limit: None,
            paid_enabled: None,
        };
        self.updates_of(self.call(&request).await?);
        Ok(())
    }

    /// Sets the quick reaction; returns it as Telegram's configuration now reports it.
    pub(crate) async fn set_default_reaction(&self, emoji: &str) -> Result<Option<String>, OwnerError> {
        let done =
            self.call(&tl::functions::messages::SetDefaultReaction { reaction: reaction(emoji) }).await?;
        if !done {
            return Err(OwnerError::Invalid("Telegram did not change the default reaction".into()));
        }
        let tl::enums::Config::Config(config) = self.call(&tl::functions::help::GetConfig {}).await?;
        Ok(config.reactions_default.as_ref().map(emoji_of))
    }

    /// The most popular reactions (`recent`: the ones you used lately).
    pub(crate) async fn reaction_list(&self, recent: bool, limit: usize) -> Result<Vec<String>, OwnerError> {
        let limit = limit as i32;
        let answer = if recent {
            self.call(&tl::functions::messages::GetRecentReactions { limit, hash: 0 }).await?
        } else {
            self.call(&tl::functions::messages::GetTopReactions { limit, hash: 0 }).await?
        };
        Ok(match answer {
            tl::enums::messages::Reactions::Reactions(r) => r.reactions.iter().map(emoji_of).collect(),
            tl::enums::messages::Reactions::NotModified => Vec::new(),
        })
    }

    /// Sends Stars as a paid reaction to a channel post (`private`: hide your name).
    pub(crate) async fn send_paid_reaction(
        &self,
        target: &Target,
        message_id: i32,
        count: i32,
        private: Option<bool>,
    ) -> Result<MessageReactions, OwnerError> {
        let request = tl::functions::messages::SendPaidReaction {
            peer: target.input_peer(),
            msg_id: message_id,
            count,
            random_id: rand_i64(),
            private: private.map(privacy),
        };
        let updates = self.call(&request).await?;
        Ok(self.reactions_in(target, message_id, updates))
    }

    /// Shows or hides your name on your paid reaction to a post (and by default from now on).
    pub(crate) async fn toggle_paid_privacy(
        &self,
        target: &Target,
        message_id: i32,
        private: bool,
    ) -> Result<MessageReactions, OwnerError> {
        let request = tl::functions::messages::TogglePaidReactionPrivacy {
            peer: target.input_peer(),
            msg_id: message_id,
            private: privacy(private),
        };
        if !self.call(&request).await? {
            return Err(OwnerError::Invalid("Telegram did not change the privacy".into()));
        }
        self.message_reactions(target, message_id).await
    }

    /// Whether your paid reactions are anonymous by default.
    pub(crate) async fn paid_privacy(&self) -> Result<bool, OwnerError> {
        let updates = self.call(&tl::functions::messages::GetPaidReactionPrivacy {}).await?;
        self.updates_of(updates)
            .into_iter()
            .find_map(|u| match u {
                tl::enums::Update::PaidReactionPrivacy(p) => {
                    Some(matches!(p.private, tl::enums::PaidReactionPrivacy::Anonymous))
                }
                _ => None,
            })
            .ok_or_else(|| OwnerError::Internal(anyhow::anyhow!("Telegram did not report the privacy")))
    }

    /// Your messages with reactions you have not seen, newest first; marks them seen when all
    /// fit into `limit` (returned as `true`).
    pub(crate) async fn unread_reactions(
        &self,
        target: &Target,
        limit: usize,
    ) -> Result<(Vec<UnreadReaction>, bool), OwnerError> {
        let request = tl::functions::messages::GetUnreadReactions {
            peer: target.input_peer(),
            top_msg_id: None,
            saved_peer_id: None,
            offset_id: 0,
            add_offset: 0,
            limit: limit as i32,
            max_id: 0,
            min_id: 0,
        };
        let (count, raw, users, chats) = match self.call(&request).await? {
            tl::enums::messages::Messages::Messages(m) => (m.messages.len(), m.messages, m.users, m.chats),
            tl::enums::messages::Messages::Slice(m) => (m.count as usize, m.messages, m.users, m.chats),
            tl::enums::messages::Messages::ChannelMessages(m) => {
                (m.count as usize, m.messages, m.users, m.chats)
            }
            tl::enums::messages::Messages::NotModified(_) => (0, Vec::new(), Vec::new(), Vec::new()),
        };
        self.learn(&users, &chats);
        let mut out = Vec::new();
        for m in &raw {
            let Some(message) = self.message(m) else { continue };
            let tl::enums::Message::Message(full) = m else { continue };
            let reactions = self.reactions_model(target, full.id, full.reactions.as_ref()).reactors;
            let reactions = reactions.into_iter().filter(|r| r.unread).collect();
            out.push(UnreadReaction { message, reactions });
        }
        let all_fit = count <= out.len() && !out.is_empty();
        if all_fit {
            let request = tl::functions::messages::ReadReactions {
                peer: target.input_peer(),
                top_msg_id: None,
                saved_peer_id: None,
            };
            self.call(&request).await?;
        }
        Ok((out, all_fit))
    }
}

/// The privacy of a paid reaction: anonymous, or under your own name.
fn privacy(private: bool) -> tl::enums::PaidReactionPrivacy {
    if private {
        tl::enums::PaidReactionPrivacy::Anonymous
    } else {
        tl::enums::PaidReactionPrivacy::Peer(tl::types::PaidReactionPrivacyPeer {
            peer: tl::enums::InputPeer::PeerSelf,
        })
    }
}
