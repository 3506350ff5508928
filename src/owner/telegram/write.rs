//! Writing: send, edit, delete, forward, read marks and message links. Sends and forwards pick
//! their `random_id`s once, before the first attempt, so a retry after a dropped connection
//! can never deliver twice (Telegram refuses a repeated `random_id`).

use grammers_client::tl;

use super::peers::{Target, peer_id};
use super::read::Window;
use super::{Telegram, rand_i64};
use crate::model::ChatKind;
use crate::model::Message;
use crate::owner::OwnerError;

/// How the text of a message is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextFormat {
    /// Sent as is.
    #[default]
    Plain,
    /// Markdown (`**bold**`, `_italic_`, `` `code` ``, `[text](url)`).
    Markdown,
    /// Telegram's HTML subset (`<b>`, `<i>`, `<code>`, `<a href>`).
    Html,
}

impl Telegram {
    /// Sends a text message (plain, or formatted from Markdown/HTML), optionally as a reply or
    /// into a forum topic.
    pub(crate) async fn send(
        &self,
        target: &Target,
        text: &str,
        format: TextFormat,
        options: SendOptions<'_>,
    ) -> Result<Message, OwnerError> {
        let SendOptions { to: reply_to, topic, quote, effect } = options;
        let (text, entities) = formatted(text, format);
        if text.trim().is_empty() {
            return Err(OwnerError::Invalid("the text is empty once formatting is removed".into()));
        }
        let text = text.as_str();
        let random_id = rand_i64();
        let reply = quoted(reply_header(reply_to, topic), quote);
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
            reply_to: reply,
            message: text.to_owned(),
            random_id,
            reply_markup: None,
            entities,
            schedule_date: None,
            schedule_repeat_period: None,
            send_as: None,
            quick_reply_shortcut: None,
            effect,
            allow_paid_stars: None,
            suggested_post: None,
            rich_message: None,
        };
        let updates = match self.call(&request).await {
            // A retried send whose first attempt arrived: the message exists, find it.
            Err(OwnerError::Rpc { name, .. }) if name == "RANDOM_ID_DUPLICATE" => {
                return self.already_sent(target, text).await;
            }
            other => other?,
        };
        match updates {
            tl::enums::Updates::UpdateShortSentMessage(u) => Ok(Message {
                id: u.id,
                chat_id: target.id,
                date: i64::from(u.date),
                out: true,
                sender: None,
                text: text.to_owned(),
                reply_to,
                topic_id: topic,
                forwarded_from: None,
                media: None,
                reactions: Vec::new(),
                edited: None,
            }),
            other => self.sent_messages(other, &[random_id]).into_iter().next().flatten().ok_or_else(|| {
                OwnerError::Internal(anyhow::anyhow!("Telegram did not return the sent message"))
            }),
        }
    }

    /// A retried send whose first attempt did arrive: report the message that exists.
    async fn already_sent(&self, target: &Target, text: &str) -> Result<Message, OwnerError> {
        let recent = self.history(target, Window { limit: 10, ..Window::default() }).await?;
        recent.items.into_iter().rev().find(|m| m.out && m.text == text).ok_or_else(|| {
            OwnerError::Invalid(
                "Telegram reports this message as already sent; check the chat before sending again".into(),
            )
        })
    }

    /// Replaces the text of one of your messages.
    pub(crate) async fn edit(&self, target: &Target, id: i32, text: &str) -> Result<(), OwnerError> {
        let request = tl::functions::messages::EditMessage {
            no_webpage: false,
            invert_media: false,
            peer: target.input_peer(),
            id,
            message: Some(text.to_owned()),
            media: None,
            reply_markup: None,
            entities: None,
            schedule_date: None,
            schedule_repeat_period: None,
            quick_reply_shortcut_id: None,
            rich_message: None,
        };
        match self.call(&request).await {
            Ok(updates) => {
                self.learn_updates(&updates);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Deletes messages for everyone; returns how many Telegram removed.
    /// Which of `ids` are messages of this chat. Private chats, basic groups and Saved Messages
    /// share one id sequence per account (a delete by id takes no chat), so their ids are
    /// looked up; a channel's ids are its own.
    pub(crate) async fn in_chat(&self, target: &Target, ids: &[i32]) -> Result<Vec<i32>, OwnerError> {
        if target.input_channel().is_some() {
            return Ok(ids.to_vec());
        }
        let request = tl::functions::messages::GetMessages {
            id: ids
                .iter()
                .map(|id| tl::enums::InputMessage::Id(tl::types::InputMessageId { id: *id }))
                .collect(),
        };
        let messages = match self.call(&request).await? {
            tl::enums::messages::Messages::Messages(m) => m.messages,
            tl::enums::messages::Messages::Slice(m) => m.messages,
            tl::enums::messages::Messages::ChannelMessages(m) => m.messages,
            tl::enums::messages::Messages::NotModified(_) => Vec::new(),
        };
        let ours = |peer: &tl::enums::Peer| {
            peer_id(peer) == target.id || (target.kind == ChatKind::Saved && peer_id(peer) == target.raw_id)
        };
        let found: Vec<i32> = messages
            .iter()
            .filter_map(|m| match m {
                tl::enums::Message::Message(m) if ours(&m.peer_id) => Some(m.id),
                tl::enums::Message::Service(m) if ours(&m.peer_id) => Some(m.id),
                _ => None,
            })
            .collect();
        Ok(ids.iter().copied().filter(|id| found.contains(id)).collect())
    }

    pub(crate) async fn delete(&self, target: &Target, ids: &[i32]) -> Result<usize, OwnerError> {
        let affected = match target.input_channel() {
            Some(channel) => {
                self.call(&tl::functions::channels::DeleteMessages { channel, id: ids.to_vec() }).await?
            }
            None => {
                self.call(&tl::functions::messages::DeleteMessages { revoke: true, id: ids.to_vec() }).await?
            }
        };
        let tl::enums::messages::AffectedMessages::Messages(a) = affected;
        Ok(usize::try_from(a.pts_count).unwrap_or(0))
    }

    /// Forwards messages; returns the new copies (absent where a source id did not exist).
    pub(crate) async fn forward(
        &self,
        from: &Target,
        to: &Target,
        ids: &[i32],
    ) -> Result<Vec<Option<Message>>, OwnerError> {
        let random_id: Vec<i64> = ids.iter().map(|_| rand_i64()).collect();
        let request = tl::functions::messages::ForwardMessages {
            silent: false,
            background: false,
            with_my_score: false,
            drop_author: false,
            drop_media_captions: false,
            noforwards: false,
            allow_paid_floodskip: false,
            from_ephemeral: false,
            from_peer: from.input_peer(),
            id: ids.to_vec(),
            random_id: random_id.clone(),
            to_peer: to.input_peer(),
            top_msg_id: None,
            reply_to: None,
            schedule_date: None,
            schedule_repeat_period: None,
            send_as: None,
            quick_reply_shortcut: None,
            effect: None,
            video_timestamp: None,
            allow_paid_stars: None,
            suggested_post: None,
        };
        let updates = self.call(&request).await?;
        Ok(self.sent_messages(updates, &random_id))
    }

    /// Marks everything in a chat as read.
    pub(crate) async fn mark_read(&self, target: &Target) -> Result<(), OwnerError> {
        match target.input_channel() {
            Some(channel) => {
                self.call(&tl::functions::channels::ReadHistory { channel, max_id: 0 }).await.map(drop)
            }
            None => self
                .call(&tl::functions::messages::ReadHistory { peer: target.input_peer(), max_id: 0 })
                .await
                .map(drop),
        }
    }

    /// A t.me link to a message of a channel or supergroup.
    pub(crate) async fn link(&self, target: &Target, id: i32, thread: bool) -> Result<String, OwnerError> {
        let Some(channel) = target.input_channel() else {
            return Err(OwnerError::Invalid("message links exist only for channels and supergroups".into()));
        };
        let request = tl::functions::channels::ExportMessageLink { grouped: false, thread, channel, id };
        let tl::enums::ExportedMessageLink::Link(link) = self.call(&request).await?;
        Ok(link.link)
    }

    /// The messages an `Updates` answer created, in the order of `random_ids`.
    pub(super) fn sent_messages(
        &self,
        updates: tl::enums::Updates,
        random_ids: &[i64],
    ) -> Vec<Option<Message>> {
        let tl::enums::Updates::Updates(u) = updates else { return vec![None; random_ids.len()] };
        self.learn(&u.users, &u.chats);
        let mut ids = std::collections::HashMap::new();
        let mut created = std::collections::HashMap::new();
        for update in &u.updates {
            match update {
                tl::enums::Update::MessageId(m) => {
                    ids.insert(m.random_id, m.id);
                }
                tl::enums::Update::NewMessage(m) => insert(&mut created, &m.message),
                tl::enums::Update::NewChannelMessage(m) => insert(&mut created, &m.message),
                _ => {}
            }
        }
        random_ids
            .iter()
            .map(|r| ids.get(r).and_then(|id| created.get(id)).and_then(|raw| self.message(raw)))
            .collect()
    }

    fn learn_updates(&self, updates: &tl::enums::Updates) {
        if let tl::enums::Updates::Updates(u) = updates {
            self.learn(&u.users, &u.chats);
        }
    }
}

/// Where a message goes besides its chat: a reply (with an optional verbatim quote of the
/// replied message), a forum topic, and a message effect id.
#[derive(Debug, Clone, Copy, Default)]
pub struct SendOptions<'a> {
    pub to: Option<i32>,
    pub topic: Option<i32>,
    pub quote: Option<&'a str>,
    pub effect: Option<i64>,
}

/// A reply header with a quote of the replied message.
fn quoted(header: Option<tl::enums::InputReplyTo>, quote: Option<&str>) -> Option<tl::enums::InputReplyTo> {
    match (header, quote) {
        (Some(tl::enums::InputReplyTo::Message(mut m)), Some(quote)) => {
            m.quote_text = Some(quote.to_owned());
            Some(tl::enums::InputReplyTo::Message(m))
        }
        (header, _) => header,
    }
}

/// The reply header of a message sent as a reply and/or into a forum topic.
pub(super) fn reply_header(reply_to: Option<i32>, topic: Option<i32>) -> Option<tl::enums::InputReplyTo> {
    match (reply_to, topic) {
        (None, None) => None,
        (reply, top) => Some(tl::enums::InputReplyTo::Message(tl::types::InputReplyToMessage {
            reply_to_msg_id: reply.or(top).unwrap_or(0),
            top_msg_id: top.filter(|_| reply.is_some()),
            reply_to_peer_id: None,
            quote_text: None,
            quote_entities: None,
            quote_offset: None,
            monoforum_peer_id: None,
            todo_item_id: None,
            poll_option: None,
        })),
    }
}

/// Text and entities of a message or caption in a format.
pub(super) fn formatted(text: &str, format: TextFormat) -> (String, Option<Vec<tl::enums::MessageEntity>>) {
    let (text, entities) = match format {
        TextFormat::Plain => (text.to_owned(), Vec::new()),
        TextFormat::Markdown => grammers_client::parsers::parse_markdown_message(text),
        TextFormat::Html => grammers_client::parsers::parse_html_message(text),
    };
    (text, (!entities.is_empty()).then_some(entities))
}

fn insert(created: &mut std::collections::HashMap<i32, tl::enums::Message>, raw: &tl::enums::Message) {
    let id = match raw {
        tl::enums::Message::Message(m) => m.id,
        tl::enums::Message::Service(m) => m.id,
        tl::enums::Message::Empty(m) => m.id,
    };
    created.insert(id, raw.clone());
}
