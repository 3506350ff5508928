//! Forum topics: listing with their state (`messages.getForumTopics`), creating
//! (`messages.createForumTopic`), editing (`messages.editForumTopic`) and deleting with their
//! messages (`messages.deleteTopicHistory`). Reading a topic is `Telegram::replies`.

use grammers_client::tl;

use super::super::peers::Target;
use super::super::{Telegram, rand_i64};
use crate::model::bots::{ForumTopic, TopicChange};
use crate::owner::OwnerError;

/// One page of topics: the topics, how many the forum has, and the last topic id when more follow.
pub(crate) struct TopicPage {
    pub(crate) topics: Vec<ForumTopic>,
    pub(crate) count: i32,
    pub(crate) next: Option<i32>,
}

impl Telegram {
    /// Topics of a forum after topic `after` (0 for the first page).
    pub(crate) async fn forum_topics(
        &self,
        chat: &Target,
        limit: usize,
        after: i32,
    ) -> Result<TopicPage, OwnerError> {
        forum(chat)?;
        let request = tl::functions::messages::GetForumTopics {
            peer: chat.input_peer(),
            q: None,
            offset_date: 0,
            offset_id: 0,
            offset_topic: after,
            limit: limit as i32,
        };
        let tl::enums::messages::ForumTopics::Topics(found) = self.call(&request).await?;
        self.learn(&found.users, &found.chats);
        let topics: Vec<ForumTopic> = found.topics.iter().filter_map(topic).collect();
        let full = found.topics.len() >= limit;
        let next = topics.last().map(|t| t.id).filter(|_| full);
        Ok(TopicPage { topics, count: found.count, next })
    }

    /// One topic of a forum by id.
    pub(crate) async fn forum_topic(&self, chat: &Target, id: i32) -> Result<Option<ForumTopic>, OwnerError> {
        forum(chat)?;
        let request =
            tl::functions::messages::GetForumTopicsById { peer: chat.input_peer(), topics: vec![id] };
        let tl::enums::messages::ForumTopics::Topics(found) = self.call(&request).await?;
        self.learn(&found.users, &found.chats);
        Ok(found.topics.iter().filter_map(topic).find(|t| t.id == id))
    }

    /// Opens a topic; returns its id (the id of its opening service message).
    pub(crate) async fn create_topic(
        &self,
        chat: &Target,
        title: &str,
        icon_color: Option<i32>,
        icon_emoji_id: Option<i64>,
    ) -> Result<i32, OwnerError> {
        forum(chat)?;
        let random_id = rand_i64();
        let request = tl::functions::messages::CreateForumTopic {
            title_missing: false,
            peer: chat.input_peer(),
            title: title.to_owned(),
            icon_color,
            icon_emoji_id,
            random_id,
            send_as: None,
        };
        let updates = self.call(&request).await?;
        let id = match &updates {
            tl::enums::Updates::Updates(u) => u.updates.iter().find_map(|x| match x {
                tl::enums::Update::MessageId(m) if m.random_id == random_id => Some(m.id),
                _ => None,
            }),
            _ => None,
        };
        self.sent_messages(updates, &[random_id]);
        id.ok_or_else(|| OwnerError::Internal(anyhow::anyhow!("Telegram did not return the new topic")))
    }

    /// Changes a topic's title, icon, closed or hidden state.
    pub(crate) async fn edit_topic(
        &self,
        chat: &Target,
        id: i32,
        change: &TopicChange,
    ) -> Result<(), OwnerError> {
        forum(chat)?;
        let request = tl::functions::messages::EditForumTopic {
            peer: chat.input_peer(),
            topic_id: id,
            title: change.title.clone(),
            icon_emoji_id: change.icon_emoji_id,
            closed: change.closed,
            hidden: change.hidden,
        };
        self.learn_answer(&self.call(&request).await?);
        Ok(())
    }

    /// Deletes a topic and its messages; returns how many messages went.
    pub(crate) async fn delete_topic(&self, chat: &Target, id: i32) -> Result<i32, OwnerError> {
        forum(chat)?;
        let mut deleted = 0;
        // Telegram deletes a long history in portions: repeat while it reports an offset.
        for _ in 0..100 {
            let request =
                tl::functions::messages::DeleteTopicHistory { peer: chat.input_peer(), top_msg_id: id };
            let tl::enums::messages::AffectedHistory::History(h) = self.call(&request).await?;
            deleted += h.pts_count;
            if h.offset <= 0 {
                break;
            }
        }
        Ok(deleted)
    }
}

fn forum(chat: &Target) -> Result<(), OwnerError> {
    if chat.forum {
        return Ok(());
    }
    Err(OwnerError::Invalid(format!(
        "{} is not a forum (a supergroup with topics): pass a forum's chatId",
        chat.title
    )))
}

fn topic(t: &tl::enums::ForumTopic) -> Option<ForumTopic> {
    let tl::enums::ForumTopic::Topic(t) = t else { return None };
    Some(ForumTopic {
        id: t.id,
        title: t.title.clone(),
        unread: t.unread_count,
        closed: t.closed,
        hidden: t.hidden,
        pinned: t.pinned,
        icon_color: t.icon_color,
        icon_emoji_id: t.icon_emoji_id.map(|i| i.to_string()),
        top_message: t.top_message,
        date: i64::from(t.date),
    })
}
