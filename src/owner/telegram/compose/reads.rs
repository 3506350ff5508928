//! Reads of the `compose` tools: unread mentions, read receipts in groups and private chats,
//! discussion threads of channel posts, candidate discussion groups and Saved Messages dialogs.

use grammers_client::tl;

use super::super::Telegram;
use super::super::peers::{Target, peer_id};
use crate::model::compose::{Discussion, Mentions, Reader, SavedDialog, SavedDialogs};
use crate::model::{Chat, Message};
use crate::owner::{Cursor, OwnerError};

impl Telegram {
    /// Unread mentions older than `offset_id` (0: the newest), newest first; the ones
    /// returned are marked read (`readMessageContents`), so none is reported twice.
    pub(crate) async fn unread_mentions(
        &self,
        target: &Target,
        limit: usize,
        offset_id: i32,
    ) -> Result<Mentions, OwnerError> {
        let request = tl::functions::messages::GetUnreadMentions {
            peer: target.input_peer(),
            top_msg_id: None,
            offset_id,
            add_offset: 0,
            limit: limit as i32,
            max_id: 0,
            min_id: 0,
        };
        use tl::enums::messages::Messages as M;
        let (raw, users, chats, count) = match self.call(&request).await? {
            M::Messages(m) => {
                let n = m.messages.len() as i32;
                (m.messages, m.users, m.chats, n)
            }
            M::Slice(m) => (m.messages, m.users, m.chats, m.count),
            M::ChannelMessages(m) => (m.messages, m.users, m.chats, m.count),
            M::NotModified(m) => (Vec::new(), Vec::new(), Vec::new(), m.count),
        };
        self.learn(&users, &chats);
        let messages: Vec<Message> = self.messages(&raw);
        let ids: Vec<i32> = messages.iter().map(|m| m.id).collect();
        if !ids.is_empty() {
            self.read_contents(target, ids).await?;
        }
        let more = messages.len() == limit && (count as usize) > messages.len();
        let next_cursor =
            messages.last().filter(|_| more).map(|m| Cursor::Messages { offset_id: m.id }.encode());
        Ok(Mentions {
            chat_id: target.id,
            marked_read: !messages.is_empty(),
            messages,
            total: count,
            next_cursor,
        })
    }

    /// Marks the contents (mentions) of these messages read, in a channel or the common box.
    async fn read_contents(&self, target: &Target, id: Vec<i32>) -> Result<(), OwnerError> {
        match target.input_channel() {
            Some(channel) => {
                self.call(&tl::functions::channels::ReadMessageContents { channel, id }).await?;
            }
            None => {
                self.call(&tl::functions::messages::ReadMessageContents { id }).await?;
            }
        }
        Ok(())
    }

    /// Who read one of your messages in a small group, newest first.
    pub(crate) async fn read_participants(
        &self,
        target: &Target,
        id: i32,
    ) -> Result<Vec<Reader>, OwnerError> {
        let request =
            tl::functions::messages::GetMessageReadParticipants { peer: target.input_peer(), msg_id: id };
        let list = self.call(&request).await?;
        Ok(list
            .into_iter()
            .map(|tl::enums::ReadParticipantDate::Date(r)| Reader {
                user_id: r.user_id,
                name: self.known(r.user_id).map(|t| t.title),
                read_at: i64::from(r.date),
            })
            .collect())
    }

    /// When the other side read your message; `None` while unread.
    pub(crate) async fn outbox_read_date(&self, target: &Target, id: i32) -> Result<Option<i64>, OwnerError> {
        let request = tl::functions::messages::GetOutboxReadDate { peer: target.input_peer(), msg_id: id };
        match self.call(&request).await {
            Ok(tl::enums::OutboxReadDate::Date(d)) => Ok(Some(i64::from(d.date))),
            Err(OwnerError::Rpc { name, .. }) if name == "MESSAGE_NOT_READ_YET" => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The comment thread of a channel post in the linked discussion group.
    pub(crate) async fn discussion(&self, target: &Target, id: i32) -> Result<Discussion, OwnerError> {
        let request = tl::functions::messages::GetDiscussionMessage { peer: target.input_peer(), msg_id: id };
        let tl::enums::messages::DiscussionMessage::Message(d) = self.call(&request).await?;
        self.learn(&d.users, &d.chats);
        let root = d.messages.iter().filter_map(|m| self.message(m)).min_by_key(|m| m.id);
        let root = root.ok_or_else(|| OwnerError::Invalid(format!("message {id} has no comment thread")))?;
        Ok(Discussion {
            discussion_group_id: root.chat_id,
            discussion_msg_id: root.id,
            unread_count: d.unread_count,
            read_inbox_max_id: d.read_inbox_max_id,
            read_outbox_max_id: d.read_outbox_max_id,
            top_message: d.max_id,
            message: Some(root),
        })
    }

    /// Groups you could link to a channel as its discussion group.
    pub(crate) async fn groups_for_discussion(&self) -> Result<Vec<Chat>, OwnerError> {
        let chats = match self.call(&tl::functions::channels::GetGroupsForDiscussion {}).await? {
            tl::enums::messages::Chats::Chats(c) => c.chats,
            tl::enums::messages::Chats::Slice(c) => c.chats,
        };
        self.learn(&[], &chats);
        let ids = chats.iter().filter_map(|c| match c {
            tl::enums::Chat::Chat(c) => Some(-c.id),
            tl::enums::Chat::Channel(c) => Some(super::super::peers::channel_id(c.id)),
            _ => None,
        });
        Ok(ids.filter_map(|id| self.known(id)).map(|t| t.chat(0, None)).collect())
    }

    /// One page of Saved Messages dialogs, newest first.
    pub(crate) async fn saved_dialogs(
        &self,
        limit: usize,
        cursor: Option<Cursor>,
    ) -> Result<SavedDialogs, OwnerError> {
        let (offset_date, offset_id, offset_peer) = match cursor {
            None => (0, 0, tl::enums::InputPeer::Empty),
            Some(Cursor::Dialogs { date, msg_id, chat }) => {
                (date, msg_id, self.known(chat).map_or(tl::enums::InputPeer::Empty, |t| t.input_peer()))
            }
            Some(_) => return Err(OwnerError::Invalid("that cursor belongs to another tool".into())),
        };
        let request = tl::functions::messages::GetSavedDialogs {
            exclude_pinned: false,
            parent_peer: None,
            offset_date,
            offset_id,
            offset_peer,
            limit: limit as i32,
            hash: 0,
        };
        use tl::enums::messages::SavedDialogs as S;
        let (dialogs, messages, users, chats, count) = match self.call(&request).await? {
            S::Dialogs(d) => (d.dialogs, d.messages, d.users, d.chats, None),
            S::Slice(d) => (d.dialogs, d.messages, d.users, d.chats, Some(d.count)),
            S::NotModified(d) => (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Some(d.count)),
        };
        self.learn(&users, &chats);
        let messages = self.messages(&messages);
        let list: Vec<SavedDialog> = dialogs
            .iter()
            .filter_map(|d| match d {
                tl::enums::SavedDialog::Dialog(d) => Some((d.pinned, peer_id(&d.peer), d.top_message)),
                tl::enums::SavedDialog::MonoForumDialog(_) => None,
            })
            .map(|(pinned, peer, top)| SavedDialog {
                peer_id: peer,
                title: self.known(peer).map(|t| t.title),
                pinned,
                top_message: messages.iter().find(|m| m.id == top).cloned(),
            })
            .collect();
        let last = list.last().and_then(|d| d.top_message.as_ref().map(|m| (d.peer_id, m)));
        let more = count.is_some_and(|c| c as usize > list.len()) && list.len() >= limit;
        let next_cursor = last
            .filter(|_| more)
            .map(|(chat, m)| Cursor::Dialogs { date: m.date as i32, msg_id: m.id, chat }.encode());
        Ok(SavedDialogs { dialogs: list, count, next_cursor })
    }
}
