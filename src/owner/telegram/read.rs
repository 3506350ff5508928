//! Reading: dialogs, chat profiles, history, search, replies and unread counts. Every list is
//! one Telegram request per page with a hard page-size cap and a cursor for the next page.

use grammers_client::tl;

use super::Telegram;
use super::peers::{Target, peer_id};
use crate::model::{Chat, ChatDetails, ChatKind, Message, Page, Topic};
use crate::owner::{Cursor, OwnerError};

/// Telegram's largest page.
pub(crate) const MAX_PAGE: usize = 100;

/// Which chats a listing keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatFilter {
    All,
    Private,
    Group,
    Channel,
    Unread,
    /// Private chats with people who are not in your contacts.
    ContactRequests,
}

/// The date window and paging of a message listing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Window {
    pub limit: usize,
    pub offset_id: i32,
    pub min_date: i64,
    pub max_date: i64,
}

struct Fetched {
    messages: Vec<tl::enums::Message>,
    next_rate: Option<i32>,
}

impl Telegram {
    /// One page of dialogs after `cursor`, keeping those that pass `filter`.
    pub(crate) async fn list_chats(
        &self,
        limit: usize,
        mut cursor: Option<Cursor>,
        filter: ChatFilter,
    ) -> Result<Page<Chat>, OwnerError> {
        let mut items = Vec::new();
        loop {
            let (page, more) = self.dialogs_page(MAX_PAGE, cursor).await?;
            for (chat, after) in page {
                if items.len() == limit {
                    return Ok(Page { items, next_cursor: cursor.map(Cursor::encode) });
                }
                cursor = Some(after);
                let keep = match filter {
                    ChatFilter::ContactRequests => {
                        chat.kind == ChatKind::User && self.known(chat.id).is_some_and(|t| !t.contact)
                    }
                    other => keep(&chat, other),
                };
                if keep {
                    items.push(chat);
                }
            }
            if !more || items.len() == limit {
                let next_cursor = if more { cursor.map(Cursor::encode) } else { None };
                return Ok(Page { items, next_cursor });
            }
        }
    }

    /// Every dialog (used for name lookups).
    pub(crate) async fn all_dialogs(&self) -> Result<Vec<Chat>, OwnerError> {
        let mut all = Vec::new();
        let mut cursor = None;
        loop {
            let (page, more) = self.dialogs_page(MAX_PAGE, cursor).await?;
            cursor = page.last().map(|(_, after)| *after);
            all.extend(page.into_iter().map(|(chat, _)| chat));
            if !more || cursor.is_none() {
                return Ok(all);
            }
        }
    }

    /// One `getDialogs` page: each chat with the cursor that continues after it, and whether
    /// Telegram has more.
    async fn dialogs_page(
        &self,
        limit: usize,
        cursor: Option<Cursor>,
    ) -> Result<(Vec<(Chat, Cursor)>, bool), OwnerError> {
        let (offset_date, offset_id, offset_peer) = match cursor {
            Some(Cursor::Dialogs { date, msg_id, chat }) => {
                let peer = self.known(chat).map_or(tl::enums::InputPeer::Empty, |t| t.input_peer());
                (date, msg_id, peer)
            }
            Some(_) => return Err(OwnerError::Invalid("that cursor belongs to another tool".into())),
            None => (0, 0, tl::enums::InputPeer::Empty),
        };
        let request = tl::functions::messages::GetDialogs {
            exclude_pinned: false,
            folder_id: None,
            offset_date,
            offset_id,
            offset_peer,
            limit: limit as i32,
            hash: 0,
        };
        let (dialogs, messages, users, chats, total) = match self.call(&request).await? {
            tl::enums::messages::Dialogs::Dialogs(d) => (d.dialogs, d.messages, d.users, d.chats, None),
            tl::enums::messages::Dialogs::Slice(d) => {
                (d.dialogs, d.messages, d.users, d.chats, Some(d.count))
            }
            tl::enums::messages::Dialogs::NotModified(_) => return Ok((Vec::new(), false)),
        };
        self.learn(&users, &chats);
        let date_of = |peer: i64, id: i32| {
            messages.iter().find_map(|m| match m {
                tl::enums::Message::Message(m) if m.id == id && peer_id(&m.peer_id) == peer => Some(m.date),
                tl::enums::Message::Service(m) if m.id == id && peer_id(&m.peer_id) == peer => Some(m.date),
                _ => None,
            })
        };
        let mut out = Vec::new();
        for dialog in &dialogs {
            let tl::enums::Dialog::Dialog(d) = dialog else { continue };
            let id = peer_id(&d.peer);
            let date = date_of(id, d.top_message);
            let after = Cursor::Dialogs { date: date.unwrap_or(0), msg_id: d.top_message, chat: id };
            if let Some(target) = self.known(id) {
                out.push((target.chat(d.unread_count, date.map(i64::from)), after));
            }
        }
        Ok((out, total.is_some() && dialogs.len() == limit))
    }

    /// Chats whose name or username matches (Telegram's global search plus your dialogs).
    pub(crate) async fn search_chats(&self, query: &str, limit: usize) -> Result<Vec<Chat>, OwnerError> {
        let request = tl::functions::contacts::Search {
            broadcasts: true,
            bots: true,
            q: query.to_owned(),
            limit: limit as i32,
        };
        let tl::enums::contacts::Found::Found(found) = self.call(&request).await?;
        self.learn(&found.users, &found.chats);
        let mut ids: Vec<i64> = found.my_results.iter().chain(&found.results).map(peer_id).collect();
        let needle = query.trim_start_matches('@').to_lowercase();
        for id in self.dialog_ids(false).await? {
            let hit = self.known(id).is_some_and(|t| t.title.to_lowercase().contains(&needle));
            if hit && !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids.into_iter().filter_map(|id| self.known(id)).take(limit).map(|t| t.chat(0, None)).collect())
    }

    /// Profile of one chat: description, members, forum topics.
    pub(crate) async fn chat_info(&self, target: &Target) -> Result<ChatDetails, OwnerError> {
        let (description, members, unread) = match target.kind {
            ChatKind::User | ChatKind::Bot | ChatKind::Saved => {
                let user = tl::enums::InputUser::User(tl::types::InputUser {
                    user_id: target.raw_id,
                    access_hash: target.access_hash,
                });
                let user = if target.kind == ChatKind::Saved { tl::enums::InputUser::UserSelf } else { user };
                let tl::enums::users::UserFull::Full(full) =
                    self.call(&tl::functions::users::GetFullUser { id: user }).await?;
                self.learn(&full.users, &full.chats);
                let tl::enums::UserFull::Full(u) = full.full_user;
                (u.about, None, 0)
            }
            ChatKind::Group => {
                let tl::enums::messages::ChatFull::Full(full) =
                    self.call(&tl::functions::messages::GetFullChat { chat_id: target.raw_id }).await?;
                self.learn(&full.users, &full.chats);
                match full.full_chat {
                    tl::enums::ChatFull::Full(c) => {
                        let members = match c.participants {
                            tl::enums::ChatParticipants::Participants(p) => Some(p.participants.len() as i32),
                            tl::enums::ChatParticipants::Forbidden(_) => None,
                        };
                        (Some(c.about), members, 0)
                    }
                    _ => (None, None, 0),
                }
            }
            ChatKind::Supergroup | ChatKind::Channel => {
                let channel =
                    target.input_channel().ok_or_else(|| OwnerError::Invalid("not a channel".into()))?;
                let tl::enums::messages::ChatFull::Full(full) =
                    self.call(&tl::functions::channels::GetFullChannel { channel }).await?;
                self.learn(&full.users, &full.chats);
                match full.full_chat {
                    tl::enums::ChatFull::ChannelFull(c) => {
                        (Some(c.about), c.participants_count, c.unread_count)
                    }
                    _ => (None, None, 0),
                }
            }
        };
        let topics = if target.forum { self.topics(target).await? } else { Vec::new() };
        let description = description.filter(|d| !d.is_empty());
        Ok(ChatDetails { chat: target.chat(unread, None), description, members, topics })
    }

    /// Forum topics of a supergroup.
    pub(crate) async fn topics(&self, target: &Target) -> Result<Vec<Topic>, OwnerError> {
        let request = tl::functions::messages::GetForumTopics {
            peer: target.input_peer(),
            q: None,
            offset_date: 0,
            offset_id: 0,
            offset_topic: 0,
            limit: MAX_PAGE as i32,
        };
        let tl::enums::messages::ForumTopics::Topics(found) = self.call(&request).await?;
        self.learn(&found.users, &found.chats);
        Ok(found
            .topics
            .iter()
            .filter_map(|t| match t {
                tl::enums::ForumTopic::Topic(t) => {
                    Some(Topic { id: t.id, title: t.title.clone(), unread: t.unread_count })
                }
                tl::enums::ForumTopic::Deleted(_) => None,
            })
            .collect())
    }

    /// Messages of a chat, newest first from Telegram, returned oldest first.
    pub(crate) async fn history(&self, target: &Target, w: Window) -> Result<Page<Message>, OwnerError> {
        let offset_date = if w.max_date > 0 { (w.max_date + 1) as i32 } else { 0 };
        let request = tl::functions::messages::GetHistory {
            peer: target.input_peer(),
            offset_id: w.offset_id,
            offset_date,
            add_offset: 0,
            limit: w.limit as i32,
            max_id: 0,
            min_id: 0,
            hash: 0,
        };
        let fetched = self.unpack(self.call(&request).await?);
        Ok(self.page(fetched, w))
    }

    /// Messages of one chat containing `query` (Telegram's full-text search).
    pub(crate) async fn search(
        &self,
        target: &Target,
        query: &str,
        w: Window,
    ) -> Result<Page<Message>, OwnerError> {
        let request = tl::functions::messages::Search {
            peer: target.input_peer(),
            q: query.to_owned(),
            from_id: None,
            saved_peer_id: None,
            saved_reaction: None,
            top_msg_id: None,
            filter: tl::enums::MessagesFilter::InputMessagesFilterEmpty,
            min_date: w.min_date as i32,
            max_date: w.max_date as i32,
            offset_id: w.offset_id,
            add_offset: 0,
            limit: w.limit as i32,
            max_id: 0,
            min_id: 0,
            hash: 0,
        };
        let fetched = self.unpack(self.call(&request).await?);
        Ok(self.page(fetched, w))
    }

    /// Messages in all chats containing `query`.
    pub(crate) async fn search_global(
        &self,
        query: &str,
        cursor: Option<Cursor>,
        w: Window,
    ) -> Result<Page<Message>, OwnerError> {
        let (offset_rate, offset_peer, offset_id) = match cursor {
            Some(Cursor::Global { rate, chat, msg_id }) => {
                (rate, self.known(chat).map_or(tl::enums::InputPeer::Empty, |t| t.input_peer()), msg_id)
            }
            Some(_) => return Err(OwnerError::Invalid("that cursor belongs to another tool".into())),
            None => (0, tl::enums::InputPeer::Empty, 0),
        };
        let request = tl::functions::messages::SearchGlobal {
            broadcasts_only: false,
            groups_only: false,
            users_only: false,
            folder_id: None,
            community: None,
            q: query.to_owned(),
            filter: tl::enums::MessagesFilter::InputMessagesFilterEmpty,
            min_date: w.min_date as i32,
            max_date: w.max_date as i32,
            offset_rate,
            offset_peer,
            offset_id,
            limit: w.limit as i32,
        };
        let fetched = self.unpack(self.call(&request).await?);
        let next_rate = fetched.next_rate;
        let mut items = self.messages(&fetched.messages);
        let next_cursor = match (next_rate, items.last()) {
            (Some(rate), Some(last)) => {
                Some(Cursor::Global { rate, chat: last.chat_id, msg_id: last.id }.encode())
            }
            _ => None,
        };
        items.sort_by_key(|m| (std::cmp::Reverse(m.date), m.chat_id, m.id));
        Ok(Page { items, next_cursor })
    }

    /// Replies to a message (or the messages of a forum topic).
    pub(crate) async fn replies(
        &self,
        target: &Target,
        msg_id: i32,
        w: Window,
    ) -> Result<Page<Message>, OwnerError> {
        let request = tl::functions::messages::GetReplies {
            peer: target.input_peer(),
            msg_id,
            offset_id: w.offset_id,
            offset_date: 0,
            add_offset: 0,
            limit: w.limit as i32,
            max_id: 0,
            min_id: 0,
            hash: 0,
        };
        let fetched = self.unpack(self.call(&request).await?);
        Ok(self.page(fetched, w))
    }

    fn unpack(&self, answer: tl::enums::messages::Messages) -> Fetched {
        use tl::enums::messages::Messages as M;
        let (messages, users, chats, next_rate) = match answer {
            M::Messages(m) => (m.messages, m.users, m.chats, None),
            M::Slice(m) => (m.messages, m.users, m.chats, m.next_rate),
            M::ChannelMessages(m) => (m.messages, m.users, m.chats, None),
            M::NotModified(_) => (Vec::new(), Vec::new(), Vec::new(), None),
        };
        self.learn(&users, &chats);
        Fetched { messages, next_rate }
    }

    /// Converts a newest-first batch into an oldest-first page with a cursor for older ones.
    fn page(&self, fetched: Fetched, w: Window) -> Page<Message> {
        let full = fetched.messages.len() >= w.limit;
        let mut items = self.messages(&fetched.messages);
        let oldest = items.iter().map(|m| m.id).min();
        let reached_min = w.min_date > 0 && items.iter().any(|m| m.date < w.min_date);
        items.retain(|m| w.min_date <= 0 || m.date >= w.min_date);
        items.sort_by_key(|m| (m.date, m.id));
        let next_cursor =
            oldest.filter(|_| full && !reached_min).map(|offset_id| Cursor::Messages { offset_id }.encode());
        Page { items, next_cursor }
    }
}

fn keep(chat: &Chat, filter: ChatFilter) -> bool {
    match filter {
        ChatFilter::All => true,
        ChatFilter::Private => matches!(chat.kind, ChatKind::User | ChatKind::Bot | ChatKind::Saved),
        ChatFilter::Group => matches!(chat.kind, ChatKind::Group | ChatKind::Supergroup),
        ChatFilter::Channel => chat.kind == ChatKind::Channel,
        ChatFilter::Unread => chat.unread > 0,
        ChatFilter::ContactRequests => chat.kind == ChatKind::User,
    }
}
