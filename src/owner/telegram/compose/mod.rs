//! The Telegram side of the `compose` tools: scheduled messages, cloud drafts, pins and chat
//! actions here; mentions, read receipts, discussion threads and Saved Messages dialogs in
//! `reads`; translation, link previews, spam reports and auto-delete timers in `extras`.

mod extras;
mod reads;

use grammers_client::tl;

use super::peers::{Target, peer_id};
use super::write::{TextFormat, formatted, reply_header};
use super::{Telegram, rand_i64};
use crate::model::Message;
use crate::model::compose::{Draft, Pin};
use crate::owner::OwnerError;

impl Telegram {
    /// The chat's scheduled messages, in the order they will be sent.
    pub(crate) async fn scheduled(&self, target: &Target) -> Result<Vec<Message>, OwnerError> {
        let request = tl::functions::messages::GetScheduledHistory { peer: target.input_peer(), hash: 0 };
        let mut list = self.unpack_messages(self.call(&request).await?);
        list.sort_by_key(|m| (m.date, m.id));
        Ok(list)
    }

    /// Queues a text message for `date` (unix seconds).
    pub(crate) async fn schedule(
        &self,
        target: &Target,
        text: &str,
        format: TextFormat,
        reply_to: Option<i32>,
        date: i32,
    ) -> Result<Message, OwnerError> {
        let (text, entities) = formatted(text, format);
        if text.trim().is_empty() {
            return Err(OwnerError::Invalid("the text is empty once formatting is removed".into()));
        }
        let request = tl::functions::messages::SendMessage {
            no_webpage: false,
            silent: false,
            background: false,
            clear_draft: false,
            noforwards: false,
            update_stickersets_order: false,
            invert_media: false,
            allow_paid_floodskip: false,
            peer: target.input_peer(),
            reply_to: reply_header(reply_to, None),
            message: text,
            random_id: rand_i64(),
            reply_markup: None,
            entities,
            schedule_date: Some(date),
            schedule_repeat_period: None,
            send_as: None,
            quick_reply_shortcut: None,
            effect: None,
            allow_paid_stars: None,
            suggested_post: None,
            rich_message: None,
        };
        let tl::enums::Updates::Updates(u) = self.call(&request).await? else {
            return Err(OwnerError::Internal(anyhow::anyhow!(
                "Telegram did not return the scheduled message"
            )));
        };
        self.learn(&u.users, &u.chats);
        u.updates
            .iter()
            .find_map(|update| match update {
                tl::enums::Update::NewScheduledMessage(m) => self.message(&m.message),
                _ => None,
            })
            .ok_or_else(|| {
                OwnerError::Internal(anyhow::anyhow!("Telegram did not return the scheduled message"))
            })
    }

    /// Deletes scheduled messages; returns the ids Telegram removed.
    pub(crate) async fn delete_scheduled(
        &self,
        target: &Target,
        ids: &[i32],
    ) -> Result<Vec<i32>, OwnerError> {
        let request =
            tl::functions::messages::DeleteScheduledMessages { peer: target.input_peer(), id: ids.to_vec() };
        let updates = self.call(&request).await?;
        let tl::enums::Updates::Updates(u) = updates else { return Ok(ids.to_vec()) };
        let removed = u.updates.iter().find_map(|update| match update {
            tl::enums::Update::DeleteScheduledMessages(d) => Some(d.messages.clone()),
            _ => None,
        });
        Ok(removed.unwrap_or_else(|| ids.to_vec()))
    }

    /// Saves the chat's draft (an empty text without a reply clears it).
    pub(crate) async fn save_draft(
        &self,
        target: &Target,
        text: &str,
        reply_to: Option<i32>,
    ) -> Result<(), OwnerError> {
        let request = tl::functions::messages::SaveDraft {
            no_webpage: false,
            invert_media: false,
            reply_to: reply_header(reply_to, None),
            peer: target.input_peer(),
            message: text.to_owned(),
            entities: None,
            media: None,
            effect: None,
            suggested_post: None,
            rich_message: None,
        };
        self.call(&request).await.map(drop)
    }

    /// Every chat's draft, as Telegram pushes them in answer to `getAllDrafts`.
    pub(crate) async fn drafts(&self) -> Result<Vec<Draft>, OwnerError> {
        let tl::enums::Updates::Updates(u) = self.call(&tl::functions::messages::GetAllDrafts {}).await?
        else {
            return Ok(Vec::new());
        };
        self.learn(&u.users, &u.chats);
        let drafts = u.updates.iter().filter_map(|update| {
            let tl::enums::Update::DraftMessage(d) = update else { return None };
            let tl::enums::DraftMessage::Message(m) = &d.draft else { return None };
            let chat_id = peer_id(&d.peer);
            let reply_to = match &m.reply_to {
                Some(tl::enums::InputReplyTo::Message(r)) => Some(r.reply_to_msg_id),
                _ => None,
            };
            let title = self.known(chat_id).map(|t| t.title);
            Some(Draft { chat_id, title, text: m.message.clone(), reply_to, date: i64::from(m.date) })
        });
        Ok(drafts.collect())
    }

    /// Deletes the drafts of every chat.
    pub(crate) async fn clear_all_drafts(&self) -> Result<(), OwnerError> {
        self.call(&tl::functions::messages::ClearAllDrafts {}).await.map(drop)
    }

    /// Pins or unpins a message, then reads the chat's pinned messages back.
    pub(crate) async fn pin(
        &self,
        target: &Target,
        id: i32,
        pin: bool,
        silent: bool,
    ) -> Result<Pin, OwnerError> {
        let request = tl::functions::messages::UpdatePinnedMessage {
            silent,
            unpin: !pin,
            pm_oneside: false,
            peer: target.input_peer(),
            id,
        };
        self.call(&request).await?;
        let pinned_ids = self.pinned_ids(target).await?;
        Ok(Pin { chat_id: target.id, message_id: id, pinned: pin, pinned_ids })
    }

    /// Ids of the chat's pinned messages, newest first (one page of 100).
    async fn pinned_ids(&self, target: &Target) -> Result<Vec<i32>, OwnerError> {
        let request = tl::functions::messages::Search {
            peer: target.input_peer(),
            q: String::new(),
            from_id: None,
            saved_peer_id: None,
            saved_reaction: None,
            top_msg_id: None,
            filter: tl::enums::MessagesFilter::InputMessagesFilterPinned,
            min_date: 0,
            max_date: 0,
            offset_id: 0,
            add_offset: 0,
            limit: 100,
            max_id: 0,
            min_id: 0,
            hash: 0,
        };
        Ok(self.unpack_messages(self.call(&request).await?).into_iter().map(|m| m.id).collect())
    }

    /// Shows (or cancels) a chat action: `typing`, `upload_photo`, `upload_document` or `cancel`.
    pub(crate) async fn send_action(&self, target: &Target, action: &str) -> Result<(), OwnerError> {
        use tl::enums::SendMessageAction as A;
        let action = match action {
            "typing" => A::SendMessageTypingAction,
            "upload_photo" => {
                A::SendMessageUploadPhotoAction(tl::types::SendMessageUploadPhotoAction { progress: 0 })
            }
            "upload_document" => {
                A::SendMessageUploadDocumentAction(tl::types::SendMessageUploadDocumentAction { progress: 0 })
            }
            "cancel" => A::SendMessageCancelAction,
            other => {
                return Err(OwnerError::Invalid(format!(
                    "action {other:?} is not typing, upload_photo, upload_document or cancel"
                )));
            }
        };
        let request =
            tl::functions::messages::SetTyping { peer: target.input_peer(), top_msg_id: None, action };
        self.call(&request).await.map(drop)
    }

    /// The messages of a `messages.Messages` answer, with their peers learnt.
    fn unpack_messages(&self, answer: tl::enums::messages::Messages) -> Vec<Message> {
        use tl::enums::messages::Messages as M;
        let (messages, users, chats) = match answer {
            M::Messages(m) => (m.messages, m.users, m.chats),
            M::Slice(m) => (m.messages, m.users, m.chats),
            M::ChannelMessages(m) => (m.messages, m.users, m.chats),
            M::NotModified(_) => (Vec::new(), Vec::new(), Vec::new()),
        };
        self.learn(&users, &chats);
        self.messages(&messages)
    }
}
