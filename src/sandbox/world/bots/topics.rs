//! Forum topic changes: creating one (a service message whose id becomes the topic id),
//! editing its title, icon, closed and hidden flags, and deleting it with its messages.

use super::super::{Affected, Failure, MsgRec, PeerKey, TopicRec, World};

/// Longest topic title Telegram accepts.
const MAX_TITLE: usize = 128;
/// The General topic: never deleted, the only one that can be hidden.
const GENERAL: i32 = 1;

/// The requested changes of `messages.editForumTopic`.
#[derive(Debug, Default)]
pub(crate) struct TopicEdit {
    pub(crate) title: Option<String>,
    pub(crate) icon_emoji_id: Option<i64>,
    pub(crate) closed: Option<bool>,
    pub(crate) hidden: Option<bool>,
}

impl World {
    /// The forum of a peer, or `CHANNEL_FORUM_MISSING`.
    fn forum_id(&self, peer: PeerKey) -> Result<i64, Failure> {
        match peer {
            PeerKey::Channel(id) if self.channels.get(&id).is_some_and(|c| c.forum) => Ok(id),
            _ => Err(Failure::bad("CHANNEL_FORUM_MISSING")),
        }
    }

    /// Opens a topic: its service message is the topic's first message and gives its id.
    pub(crate) fn create_topic(
        &mut self,
        peer: PeerKey,
        title: &str,
        icon_color: Option<i32>,
        icon_emoji_id: Option<i64>,
        random_id: i64,
        now: i32,
    ) -> Result<(MsgRec, Affected), Failure> {
        let forum = self.forum_id(peer)?;
        check_title(title)?;
        if self.random_ids.contains_key(&random_id) {
            return Err(Failure::new(500, "RANDOM_ID_DUPLICATE"));
        }
        let from = Some(PeerKey::User(self.self_id));
        let opening = MsgRec {
            topic_created: Some(title.to_owned()),
            ..MsgRec::new(0, peer, from, true, now, String::new())
        };
        let (msg, affected) = self.store_new(opening);
        self.random_ids.insert(random_id, (peer, msg.id));
        let topic = TopicRec {
            id: msg.id,
            title: title.to_owned(),
            icon_color: icon_color.unwrap_or(0x6fb9f0),
            date: now,
            closed: false,
            hidden: false,
            icon_emoji_id,
        };
        self.channels.get_mut(&forum).expect("checked forum").topics.push(topic);
        Ok((msg, affected))
    }

    /// Changes a topic; `TOPIC_NOT_MODIFIED` when nothing would change.
    pub(crate) fn edit_topic(
        &mut self,
        peer: PeerKey,
        id: i32,
        edit: TopicEdit,
    ) -> Result<TopicRec, Failure> {
        let forum = self.forum_id(peer)?;
        if let Some(title) = &edit.title {
            check_title(title)?;
        }
        if edit.hidden.is_some() && id != GENERAL {
            return Err(Failure::bad("TOPIC_HIDE_INVALID"));
        }
        if edit.icon_emoji_id.is_some() && id == GENERAL {
            return Err(Failure::bad("GENERAL_MODIFY_ICON_FORBIDDEN"));
        }
        let channel = self.channels.get_mut(&forum).expect("checked forum");
        let topic =
            channel.topics.iter_mut().find(|t| t.id == id).ok_or_else(|| Failure::bad("TOPIC_ID_INVALID"))?;
        let before = topic.clone();
        if let Some(title) = edit.title {
            topic.title = title;
        }
        if let Some(icon) = edit.icon_emoji_id {
            topic.icon_emoji_id = (icon != 0).then_some(icon);
        }
        topic.closed = edit.closed.unwrap_or(topic.closed);
        topic.hidden = edit.hidden.unwrap_or(topic.hidden);
        let same = topic.title == before.title
            && topic.icon_emoji_id == before.icon_emoji_id
            && topic.closed == before.closed
            && topic.hidden == before.hidden;
        if same {
            return Err(Failure::bad("TOPIC_NOT_MODIFIED"));
        }
        Ok(topic.clone())
    }

    /// Deletes a topic and every message in it (the General topic cannot be deleted).
    pub(crate) fn delete_topic(&mut self, peer: PeerKey, id: i32) -> Result<Affected, Failure> {
        let forum = self.forum_id(peer)?;
        let channel = &self.channels[&forum];
        if id == GENERAL || !channel.topics.iter().any(|t| t.id == id) {
            return Err(Failure::bad("TOPIC_ID_INVALID"));
        }
        let dialog = self.dialog(peer)?;
        let ids: Vec<i32> =
            dialog.messages.values().filter(|m| m.id == id || m.top_id == Some(id)).map(|m| m.id).collect();
        let affected = self.delete_channel(forum, &ids)?;
        self.channels.get_mut(&forum).expect("checked forum").topics.retain(|t| t.id != id);
        Ok(affected)
    }
}

fn check_title(title: &str) -> Result<(), Failure> {
    if title.trim().is_empty() {
        return Err(Failure::bad("TOPIC_TITLE_EMPTY"));
    }
    if title.chars().count() > MAX_TITLE {
        return Err(Failure::bad("TOPIC_TITLE_TOO_LONG"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORUM: PeerKey = PeerKey::Channel(1_500_000_001);

    fn world() -> World {
        let files = crate::sandbox::media::Store::new().unwrap();
        World::demo(1_800_000_000, &files).unwrap()
    }

    #[test]
    fn topics_open_change_and_go_with_their_messages() {
        let mut w = world();
        let (msg, _) = w.create_topic(FORUM, "Bots", Some(9_367_192), None, 77, 1_800_000_000).unwrap();
        assert!(w.channels[&1_500_000_001].topics.iter().any(|t| t.id == msg.id));
        assert_eq!(
            w.create_topic(FORUM, "Again", None, None, 77, 0).unwrap_err().name,
            "RANDOM_ID_DUPLICATE"
        );
        assert_eq!(w.create_topic(FORUM, " ", None, None, 78, 0).unwrap_err().name, "TOPIC_TITLE_EMPTY");
        let close = || TopicEdit { closed: Some(true), ..TopicEdit::default() };
        assert!(w.edit_topic(FORUM, msg.id, close()).unwrap().closed);
        assert_eq!(w.edit_topic(FORUM, msg.id, close()).unwrap_err().name, "TOPIC_NOT_MODIFIED");
        let hide = TopicEdit { hidden: Some(true), ..TopicEdit::default() };
        assert_eq!(w.edit_topic(FORUM, msg.id, hide).unwrap_err().name, "TOPIC_HIDE_INVALID");
        assert_eq!(w.edit_topic(FORUM, 999, close()).unwrap_err().name, "TOPIC_ID_INVALID");
        assert_eq!(w.delete_topic(FORUM, 1).unwrap_err().name, "TOPIC_ID_INVALID");
        assert_eq!(w.delete_topic(FORUM, msg.id).unwrap().pts_count, 1);
        assert!(w.message(FORUM, msg.id).is_none());
        let group = PeerKey::Chat(4_100_001);
        assert_eq!(w.delete_topic(group, 2).unwrap_err().name, "CHANNEL_FORUM_MISSING");
    }
}
