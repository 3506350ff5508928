//! Group calls (found through the chat's full info) with their participants, and quick-reply
//! shortcuts with their messages.

use grammers_client::tl;

use super::super::Telegram;
use super::super::peers::{Target, peer_id};
use crate::model::business::{GroupCall, GroupCallParticipant, GroupCallParticipants, QuickReply};
use crate::model::{ChatKind, Message};
use crate::owner::OwnerError;

impl Telegram {
    /// The chat's group call with its first `limit` participants (two RPCs).
    pub(crate) async fn group_call(&self, target: &Target, limit: usize) -> Result<GroupCall, OwnerError> {
        let call = self.call_of(target).await?;
        let request = tl::functions::phone::GetGroupCall { call, limit: limit as i32 };
        let tl::enums::phone::GroupCall::Call(found) = self.call(&request).await?;
        self.learn(&found.users, &found.chats);
        let participants = found.participants.iter().map(|p| self.call_participant(p)).collect();
        let next_offset = Some(found.participants_next_offset).filter(|o| !o.is_empty());
        let mut call = GroupCall {
            chat_id: target.id,
            id: 0,
            title: None,
            active: false,
            participants_count: 0,
            join_muted: false,
            schedule_date: None,
            record_start_date: None,
            rtmp_stream: false,
            duration: None,
            participants,
            next_offset,
        };
        match found.call {
            tl::enums::GroupCall::Call(c) => {
                call.id = c.id;
                call.title = c.title;
                call.active = true;
                call.participants_count = c.participants_count;
                call.join_muted = c.join_muted;
                call.schedule_date = c.schedule_date.map(i64::from);
                call.record_start_date = c.record_start_date.map(i64::from);
                call.rtmp_stream = c.rtmp_stream;
            }
            tl::enums::GroupCall::Discarded(c) => {
                call.id = c.id;
                call.duration = Some(c.duration);
            }
        }
        Ok(call)
    }

    /// A page of the chat's group call participants (two RPCs).
    pub(crate) async fn group_call_participants(
        &self,
        target: &Target,
        only: (&[Target], &[i32]),
        offset: &str,
        limit: usize,
    ) -> Result<GroupCallParticipants, OwnerError> {
        let call = self.call_of(target).await?;
        let request = tl::functions::phone::GetGroupParticipants {
            call,
            ids: only.0.iter().map(Target::input_peer).collect(),
            sources: only.1.to_vec(),
            offset: offset.to_owned(),
            limit: limit as i32,
        };
        let tl::enums::phone::GroupParticipants::Participants(found) = self.call(&request).await?;
        self.learn(&found.users, &found.chats);
        Ok(GroupCallParticipants {
            chat_id: target.id,
            count: found.count,
            participants: found.participants.iter().map(|p| self.call_participant(p)).collect(),
            next_offset: Some(found.next_offset).filter(|o| !o.is_empty()),
        })
    }

    /// Your quick-reply shortcuts (one RPC); `None` when unchanged since `hash`.
    pub(crate) async fn quick_replies(&self, hash: i64) -> Result<Option<Vec<QuickReply>>, OwnerError> {
        match self.call(&tl::functions::messages::GetQuickReplies { hash }).await? {
            tl::enums::messages::QuickReplies::Replies(r) => {
                self.learn(&r.users, &r.chats);
                Ok(Some(
                    r.quick_replies
                        .iter()
                        .map(|tl::enums::QuickReply::Reply(q)| QuickReply {
                            shortcut_id: q.shortcut_id,
                            shortcut: q.shortcut.clone(),
                            top_message: q.top_message,
                            count: q.count,
                        })
                        .collect(),
                ))
            }
            tl::enums::messages::QuickReplies::NotModified => Ok(None),
        }
    }

    /// The messages of one shortcut (or only `ids` of them), in the order they are sent;
    /// `None` when unchanged since `hash`.
    pub(crate) async fn quick_reply_messages(
        &self,
        shortcut_id: i32,
        ids: Option<Vec<i32>>,
        hash: i64,
    ) -> Result<Option<Vec<Message>>, OwnerError> {
        let request = tl::functions::messages::GetQuickReplyMessages { shortcut_id, id: ids, hash };
        let (raw, users, chats) = match self.call(&request).await? {
            tl::enums::messages::Messages::Messages(m) => (m.messages, m.users, m.chats),
            tl::enums::messages::Messages::Slice(m) => (m.messages, m.users, m.chats),
            tl::enums::messages::Messages::ChannelMessages(m) => (m.messages, m.users, m.chats),
            tl::enums::messages::Messages::NotModified(_) => return Ok(None),
        };
        self.learn(&users, &chats);
        let mut messages = self.messages(&raw);
        messages.sort_by_key(|m| m.id);
        Ok(Some(messages))
    }

    /// The group call named in the chat's full info.
    async fn call_of(&self, target: &Target) -> Result<tl::enums::InputGroupCall, OwnerError> {
        let full = match target.kind {
            ChatKind::Group => {
                self.call(&tl::functions::messages::GetFullChat { chat_id: target.raw_id }).await?
            }
            ChatKind::Supergroup | ChatKind::Channel => {
                let channel =
                    target.input_channel().ok_or_else(|| OwnerError::Invalid("not a channel".into()))?;
                self.call(&tl::functions::channels::GetFullChannel { channel }).await?
            }
            _ => {
                return Err(OwnerError::Invalid(format!(
                    "{} is not a group or channel: group calls live in groups and channels",
                    target.title
                )));
            }
        };
        let tl::enums::messages::ChatFull::Full(full) = full;
        self.learn(&full.users, &full.chats);
        let call = match full.full_chat {
            tl::enums::ChatFull::Full(c) => c.call,
            tl::enums::ChatFull::ChannelFull(c) => c.call,
            _ => None,
        };
        call.ok_or_else(|| {
            OwnerError::Invalid(format!("{} has no group call now: nothing to read", target.title))
        })
    }

    fn call_participant(&self, raw: &tl::enums::GroupCallParticipant) -> GroupCallParticipant {
        let tl::enums::GroupCallParticipant::Participant(p) = raw;
        let id = peer_id(&p.peer);
        GroupCallParticipant {
            peer_id: id,
            name: self.name_of(id),
            date: i64::from(p.date),
            active_date: p.active_date.map(i64::from),
            muted: p.muted,
            can_self_unmute: p.can_self_unmute,
            left: p.left,
            is_self: p.is_self,
            raised_hand: p.raise_hand_rating.is_some(),
            video: p.video.is_some(),
            screen_sharing: p.presentation.is_some(),
            volume: p.volume,
            about: p.about.clone(),
        }
    }
}
