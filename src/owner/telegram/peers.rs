//! Who a `chatId` names. Every user and chat seen in any answer is remembered with its access
//! hash, so numeric ids resolve without another lookup; `me`, `@username`, numeric ids and
//! display-name fragments are accepted, and an ambiguous name lists its candidates. The cache
//! outlives the owner in `<session>.peers` (`peer_file.rs`): after a restart ids, `me` and
//! names resolve from it, and a name meets a dialog scan only when the last list does not name
//! exactly one chat.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use grammers_client::tl;

use super::Telegram;
use super::peer_file::Snapshot;
pub(crate) use super::target::{Target, channel_id, peer_id};
use crate::model::ChatKind;
use crate::owner::OwnerError;

/// How long a scan of all dialogs serves name lookups before it is refreshed.
const DIALOGS_FRESH: Duration = Duration::from_secs(30);
/// Candidates listed for an ambiguous name.
const MAX_CANDIDATES: usize = 10;

#[derive(Default)]
pub(crate) struct PeerCache {
    by_id: HashMap<i64, Target>,
    self_id: Option<i64>,
    /// Dialog ids from the last full scan, and when it happened (`None`: loaded from the file,
    /// of unknown age, so never fresh).
    dialogs: Option<(Option<Instant>, Vec<i64>)>,
    /// Counts changes, so that the file is written only when something changed.
    generation: u64,
}

impl PeerCache {
    /// The cache as the file left it.
    pub(super) fn restore(snapshot: Snapshot) -> Self {
        Self {
            by_id: snapshot.peers.into_iter().map(|t| (t.id, t)).collect(),
            self_id: snapshot.self_id,
            dialogs: snapshot.dialogs.map(|ids| (None, ids)),
            generation: 0,
        }
    }

    /// What the file should hold (peers in id order, so equal caches write equal files).
    pub(super) fn snapshot(&self) -> Snapshot {
        let mut peers: Vec<Target> = self.by_id.values().cloned().collect();
        peers.sort_by_key(|t| t.id);
        Snapshot { self_id: self.self_id, dialogs: self.dialogs.as_ref().map(|(_, ids)| ids.clone()), peers }
    }

    pub(super) fn generation(&self) -> u64 {
        self.generation
    }

    /// Remembers `target`; whether that changed anything.
    fn insert(&mut self, target: Target) -> bool {
        if self.by_id.get(&target.id) == Some(&target) {
            return false;
        }
        self.by_id.insert(target.id, target);
        true
    }

    /// Forgets everything (another account, or none); returns the new generation.
    fn clear(&mut self) -> u64 {
        self.by_id.clear();
        self.self_id = None;
        self.dialogs = None;
        self.generation += 1;
        self.generation
    }
}

impl Telegram {
    /// Remembers every usable peer of an answer.
    pub(crate) fn learn(&self, users: &[tl::enums::User], chats: &[tl::enums::Chat]) {
        let mut cache = self.peers.lock().unwrap_or_else(|p| p.into_inner());
        let mut changed = false;
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
            if u.is_self && cache.self_id != Some(u.id) {
                if cache.self_id.is_some() {
                    // The file may hold another account's peers; none of them is ours.
                    tracing::info!("signed in as another account: dropped the cached peers");
                    cache.clear();
                }
                cache.self_id = Some(u.id);
                changed = true;
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
                contact: u.contact || u.mutual_contact,
            };
            changed |= cache.insert(target);
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
                    contact: false,
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
                        contact: false,
                    }
                }
                _ => continue,
            };
            changed |= cache.insert(target);
        }
        if changed {
            cache.generation += 1;
            self.peer_file.changed();
        }
    }

    /// Forgets every peer and removes the file (after a logout): the next account starts empty.
    pub(crate) fn forget_peers(&self) {
        let generation = self.peers.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.peer_file.forget(generation);
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
            if let Some(target) = self.known(id).or(self.known(channel_id(id.saturating_abs()))) {
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

    /// A name against the dialog list: a stale list (older than [`DIALOGS_FRESH`], or from
    /// the file) is trusted when it names exactly one chat; otherwise the dialogs are scanned.
    async fn resolve_name(&self, query: &str) -> Result<Target, OwnerError> {
        let last = self.peers.lock().unwrap_or_else(|p| p.into_inner()).dialogs.clone();
        let ids = match last {
            Some((at, ids)) if at.is_some_and(|at| at.elapsed() < DIALOGS_FRESH) => ids,
            Some((_, ids)) => match self.name_matches(query, &ids).as_slice() {
                [one] => return Ok(one.clone()),
                _ => self.dialog_ids(true).await?,
            },
            None => self.dialog_ids(true).await?,
        };
        match self.name_matches(query, &ids).as_slice() {
            [one] => Ok(one.clone()),
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

    /// The chats among `ids` that `query` names: exact titles win over fragments.
    fn name_matches(&self, query: &str, ids: &[i64]) -> Vec<Target> {
        let needle = query.trim().to_lowercase();
        let targets: Vec<Target> = ids.iter().filter_map(|id| self.known(*id)).collect();
        let (exact, partial): (Vec<Target>, Vec<Target>) = targets
            .into_iter()
            .filter(|t| {
                t.title.to_lowercase().contains(&needle)
                    || t.username.as_ref().is_some_and(|u| u.to_lowercase() == needle)
            })
            .partition(|t| t.title.to_lowercase() == needle);
        if exact.is_empty() { partial } else { exact }
    }

    /// Ids of all dialogs, from a fresh scan when `force` or the last one is stale.
    pub(crate) async fn dialog_ids(&self, force: bool) -> Result<Vec<i64>, OwnerError> {
        let cached = self.peers.lock().unwrap_or_else(|p| p.into_inner()).dialogs.clone();
        let fresh = |at: &Option<Instant>| at.is_some_and(|at| at.elapsed() < DIALOGS_FRESH);
        if let Some((_, ids)) = cached.filter(|(at, _)| !force && fresh(at)) {
            return Ok(ids);
        }
        let ids: Vec<i64> = self.all_dialogs().await?.into_iter().map(|c| c.id).collect();
        let mut cache = self.peers.lock().unwrap_or_else(|p| p.into_inner());
        let changed = cache.dialogs.as_ref().is_none_or(|(_, old)| *old != ids);
        cache.dialogs = Some((Some(Instant::now()), ids.clone()));
        if changed {
            cache.generation += 1;
            self.peer_file.changed();
        }
        Ok(ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hike() -> Target {
        Target {
            id: -41,
            kind: ChatKind::Group,
            raw_id: 41,
            access_hash: 0,
            title: "Hike".to_owned(),
            username: None,
            forum: false,
            contact: false,
        }
    }

    #[test]
    fn a_loaded_cache_saves_as_loaded_and_its_dialog_list_is_stale() {
        let snapshot = Snapshot { self_id: Some(7), dialogs: Some(vec![-41]), peers: vec![hike()] };
        let cache = PeerCache::restore(snapshot.clone());
        assert_eq!(cache.snapshot(), snapshot);
        assert_eq!(cache.generation(), 0, "loading is no change to write back");
        assert!(matches!(cache.dialogs, Some((None, _))), "a list from the file is never fresh");
    }

    #[test]
    fn only_a_different_peer_is_a_change() {
        let mut cache = PeerCache::default();
        assert!(cache.insert(hike()));
        assert!(!cache.insert(hike()));
        assert!(cache.insert(Target { title: "Hike 2".to_owned(), ..hike() }));
        let generation = cache.clear();
        assert!(generation > 0 && cache.snapshot() == Snapshot::default());
    }
}
