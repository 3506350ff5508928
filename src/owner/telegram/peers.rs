//! Who a `chatId` names. Every user and chat seen in any answer is remembered with its access
//! hash, so numeric ids resolve without another lookup; `me`, `@username`, numeric ids and
//! display-name fragments are accepted, and an ambiguous name lists its candidates.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use grammers_client::tl;

use super::Telegram;
use crate::model::{Chat, ChatKind};
use crate::owner::OwnerError;

/// How long a scan of all dialogs serves name lookups before it is refreshed.
const DIALOGS_FRESH: Duration = Duration::from_secs(30);
/// Candidates listed for an ambiguous name.
const MAX_CANDIDATES: usize = 10;

/// A resolved chat with what Telegram needs to address it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Target {
    /// Bot API style id (users positive, basic groups negative, channels `-100…`).
    pub(crate) id: i64,
    pub(crate) kind: ChatKind,
    pub(crate) raw_id: i64,
    pub(crate) access_hash: i64,
    pub(crate) title: String,
    pub(crate) username: Option<String>,
    pub(crate) forum: bool,
}

#[derive(Default)]
pub(crate) struct PeerCache {
    by_id: HashMap<i64, Target>,
    self_id: Option<i64>,
    /// Dialog ids from the last full scan, and when it happened.
    dialogs: Option<(Instant, Vec<i64>)>,
}

impl Target {
    pub(crate) fn input_peer(&self) -> tl::enums::InputPeer {
        use tl::enums::InputPeer;
        match self.kind {
            ChatKind::Saved => InputPeer::PeerSelf,
            ChatKind::User | ChatKind::Bot => InputPeer::User(tl::types::InputPeerUser {
                user_id: self.raw_id,
                access_hash: self.access_hash,
            }),
            ChatKind::Group => InputPeer::Chat(tl::types::InputPeerChat { chat_id: self.raw_id }),
            ChatKind::Supergroup | ChatKind::Channel => InputPeer::Channel(tl::types::InputPeerChannel {
                channel_id: self.raw_id,
                access_hash: self.access_hash,
            }),
        }
    }

    /// The channel form, for `channels.*` methods.
    pub(crate) fn input_channel(&self) -> Option<tl::enums::InputChannel> {
        matches!(self.kind, ChatKind::Supergroup | ChatKind::Channel).then(|| {
            tl::enums::InputChannel::Channel(tl::types::InputChannel {
                channel_id: self.raw_id,
                access_hash: self.access_hash,
            })
        })
    }

    pub(crate) fn chat(&self, unread: i32, last_message_date: Option<i64>) -> Chat {
        Chat {
            id: self.id,
            kind: self.kind,
            title: self.title.clone(),
            username: self.username.clone(),
            unread,
            forum: self.forum,
            last_message_date,
        }
    }
}

/// Bot API id of a TL peer.
pub(crate) fn peer_id(peer: &tl::enums::Peer) -> i64 {
    match peer {
        tl::enums::Peer::User(u) => u.user_id,
        tl::enums::Peer::Chat(c) => -c.chat_id,
        tl::enums::Peer::Channel(c) => channel_id(c.channel_id),
    }
}

fn channel_id(raw: i64) -> i64 {
    -(1_000_000_000_000 + raw)
}

impl Telegram {
    /// Remembers every usable peer of an answer.
    pub(crate) fn learn(&self, users: &[tl::enums::User], chats: &[tl::enums::Chat]) {
        let mut cache = self.peers.lock().unwrap_or_else(|p| p.into_inner());
        for user in users {
            let tl::enums::User::User(u) = user else { continue };
            if u.min && cache.by_id.contains_key(&u.id) {
                continue;
            }
            let name = [u.first_name.as_deref(), u.last_name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            let kind = if u.is_self {
                ChatKind::Saved
            } else if u.bot {
                ChatKind::Bot
            } else {
                ChatKind::User
            };
            if u.is_self {
                cache.self_id = Some(u.id);
            }
            let title = if u.is_self { "Saved Messages".to_owned() } else { name };
            let target = Target {
                id: u.id,
                kind,
                raw_id: u.id,
                access_hash: u.access_hash.unwrap_or(0),
                title,
                username: u.username.clone(),
                forum: false,
            };
            cache.by_id.insert(u.id, target);
        }
        for chat in chats {
            let target = match chat {
                tl::enums::Chat::Chat(c) => Target {
                    id: -c.id,
                    kind: ChatKind::Group,
                    raw_id: c.id,
                    access_hash: 0,
                    title: c.title.clone(),
                    username: None,
                    forum: false,
                },
                tl::enums::Chat::Channel(c) if !c.min || !cache.by_id.contains_key(&channel_id(c.id)) => {
                    Target {
                        id: channel_id(c.id),
                        kind: if c.broadcast { ChatKind::Channel } else { ChatKind::Supergroup },
                        raw_id: c.id,
                        access_hash: c.access_hash.unwrap_or(0),
                        title: c.title.clone(),
                        username: c.username.clone(),
                        forum: c.forum,
                    }
                }
                _ => continue,
            };
            cache.by_id.insert(target.id, target);
        }
    }

    /// A remembered peer by Bot API id.
    pub(crate) fn known(&self, id: i64) -> Option<Target> {
        self.peers.lock().unwrap_or_else(|p| p.into_inner()).by_id.get(&id).cloned()
    }

    /// Resolves a `chatId` argument: `me`, `@username`, a numeric id, or a name fragment.
    pub(crate) async fn resolve(&self, query: &str) -> Result<Target, OwnerError> {
        let q = query.trim();
        if q.is_empty() {
            return Err(OwnerError::Invalid(
                "chatId is empty: pass an id, @username, me, or a chat name".into(),
            ));
        }
        if matches!(q.to_lowercase().as_str(), "me" | "@me" | "self" | "saved") {
            return self.myself().await;
        }
        if let Some(name) = q.strip_prefix('@').or_else(|| q.strip_prefix("https://t.me/")) {
            return self.resolve_username(query, name).await;
        }
        if let Ok(id) = q.parse::<i64>() {
            if let Some(target) = self.known(id).or(self.known(channel_id(id.abs()))) {
                return Ok(target);
            }
            self.dialog_ids(true).await?;
            return self.known(id).ok_or_else(|| OwnerError::ChatNotFound {
                query: query.to_owned(),
                hint: "it is not among your chats; use @username or telegram-search-chats".into(),
            });
        }
        self.resolve_name(query).await
    }

    async fn myself(&self) -> Result<Target, OwnerError> {
        let self_id = self.peers.lock().unwrap_or_else(|p| p.into_inner()).self_id;
        if let Some(target) = self_id.and_then(|id| self.known(id)) {
            return Ok(target);
        }
        let users =
            self.call(&tl::functions::users::GetUsers { id: vec![tl::enums::InputUser::UserSelf] }).await?;
        self.learn(&users, &[]);
        let self_id = self.peers.lock().unwrap_or_else(|p| p.into_inner()).self_id;
        self_id
            .and_then(|id| self.known(id))
            .ok_or_else(|| OwnerError::Internal(anyhow::anyhow!("no self user")))
    }

    async fn resolve_username(&self, query: &str, name: &str) -> Result<Target, OwnerError> {
        let request = tl::functions::contacts::ResolveUsername { username: name.to_owned(), referer: None };
        let tl::enums::contacts::ResolvedPeer::Peer(found) = match self.call(&request).await {
            Err(OwnerError::Rpc { name: err, .. }) if err.starts_with("USERNAME_") => {
                return Err(OwnerError::ChatNotFound {
                    query: query.to_owned(),
                    hint: "no such username".into(),
                });
            }
            other => other?,
        };
        self.learn(&found.users, &found.chats);
        self.known(peer_id(&found.peer)).ok_or_else(|| OwnerError::ChatNotFound {
            query: query.to_owned(),
            hint: "Telegram resolved it to a peer without access".into(),
        })
    }

    async fn resolve_name(&self, query: &str) -> Result<Target, OwnerError> {
        let needle = query.trim().to_lowercase();
        let ids = self.dialog_ids(false).await?;
        let targets: Vec<Target> = ids.iter().filter_map(|id| self.known(*id)).collect();
        let exact: Vec<&Target> = targets.iter().filter(|t| t.title.to_lowercase() == needle).collect();
        let partial: Vec<&Target> = targets
            .iter()
            .filter(|t| {
                t.title.to_lowercase().contains(&needle)
                    || t.username.as_ref().is_some_and(|u| u.to_lowercase() == needle)
            })
            .collect();
        let matches = if exact.is_empty() { partial } else { exact };
        match matches.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(OwnerError::ChatNotFound {
                query: query.to_owned(),
                hint: "no chat has that name; use telegram-search-chats, an id or @username".into(),
            }),
            many => Err(OwnerError::Ambiguous {
                query: query.to_owned(),
                candidates: many
                    .iter()
                    .take(MAX_CANDIDATES)
                    .map(|t| format!("{} ({})", t.title, t.id))
                    .collect(),
            }),
        }
    }

    /// Ids of all dialogs, from a fresh scan when `force` or the last one is stale.
    pub(crate) async fn dialog_ids(&self, force: bool) -> Result<Vec<i64>, OwnerError> {
        let cached = self.peers.lock().unwrap_or_else(|p| p.into_inner()).dialogs.clone();
        if let Some((_, ids)) = cached.filter(|(at, _)| !force && at.elapsed() < DIALOGS_FRESH) {
            return Ok(ids);
        }
        let ids: Vec<i64> = self.all_dialogs().await?.into_iter().map(|c| c.id).collect();
        self.peers.lock().unwrap_or_else(|p| p.into_inner()).dialogs = Some((Instant::now(), ids.clone()));
        Ok(ids)
    }
}
