//! Chats as MCP resources (`telegram://chat/<id>`): listed from the dialogs, read as their
//! latest messages, and subscribable. A window's subscriptions live with its connection; a
//! notifier task per window turns the owner's events into `notifications/resources/updated`
//! for the chats it subscribed to. Chats outside the window's allowlist are neither listed,
//! read nor subscribable.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use rmcp::model::{
    ListResourceTemplatesResult, ListResourcesResult, ReadResourceResult, Resource, ResourceContents,
    ResourceTemplate, ResourceUpdatedNotificationParam,
};
use tokio::sync::broadcast::error::RecvError;

use super::{TelegramMcp, render};
use crate::model::ChatEvent;
use crate::owner::{ChatFilter, OwnerError, Window};

/// The URI scheme and prefix of a chat resource.
const PREFIX: &str = "telegram://chat/";
/// Chats listed, and messages a read returns.
const LISTED: usize = 100;
const READ: usize = 20;

/// The chats a window subscribed to, and its notifier task: started by the first
/// subscription, so a window that never subscribes costs no task and no wake-up per event.
#[derive(Clone, Default)]
pub(crate) struct Subscriptions {
    chats: Arc<Mutex<BTreeSet<i64>>>,
    notifier: Arc<Mutex<Option<tokio::task::JoinHandle<()>>>>,
}

impl Subscriptions {
    fn set(&self) -> std::sync::MutexGuard<'_, BTreeSet<i64>> {
        self.chats.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Starts the window's notifier if it is not running yet.
    fn watch(&self, owner: &crate::owner::OwnerHandle, peer: &rmcp::service::Peer<rmcp::RoleServer>) {
        let mut notifier = self.notifier.lock().unwrap_or_else(|p| p.into_inner());
        if notifier.is_none() {
            *notifier = Some(tokio::spawn(notify(owner.clone(), self.clone(), peer.clone())));
        }
    }

    /// Stops the notifier (the window went away).
    pub(crate) fn stop(&self) {
        if let Some(task) = self.notifier.lock().unwrap_or_else(|p| p.into_inner()).take() {
            task.abort();
        }
    }
}

pub(crate) fn uri(chat: i64) -> String {
    format!("{PREFIX}{chat}")
}

fn chat_of(uri: &str) -> Result<i64, rmcp::ErrorData> {
    uri.strip_prefix(PREFIX).and_then(|id| id.parse().ok()).ok_or_else(|| {
        rmcp::ErrorData::invalid_params(
            format!("unknown resource {uri:?}: chats are telegram://chat/<id> (see resources/list)"),
            None,
        )
    })
}

fn refused(error: OwnerError) -> rmcp::ErrorData {
    rmcp::ErrorData::invalid_params(error.to_string(), None)
}

impl TelegramMcp {
    pub(super) async fn resources(&self) -> Result<ListResourcesResult, rmcp::ErrorData> {
        let tg = self.owner.telegram();
        let page = tg.list_chats(LISTED, None, ChatFilter::All).await.map_err(refused)?;
        let resources = page
            .items
            .iter()
            .filter(|c| self.scope.permits(c))
            .map(|c| {
                Resource::new(uri(c.id), render::clean(&c.title))
                    .with_description(render::chat_line(c))
                    .with_mime_type("text/plain")
            })
            .collect();
        Ok(ListResourcesResult::with_all_items(resources))
    }

    pub(super) fn resource_templates() -> ListResourceTemplatesResult {
        let template = ResourceTemplate::new(format!("{PREFIX}{{chatId}}"), "chat")
            .with_description("A chat's latest messages, by its id as telegram-list-chats shows it")
            .with_mime_type("text/plain");
        ListResourceTemplatesResult::with_all_items(vec![template])
    }

    pub(super) async fn read(&self, uri_text: &str) -> Result<ReadResourceResult, rmcp::ErrorData> {
        let id = chat_of(uri_text)?;
        let tg = self.owner.telegram();
        let target = tg.resolve(&id.to_string()).await.map_err(refused)?;
        self.scope.check_chat(&target.chat(0, None)).map_err(refused)?;
        let page = tg.history(&target, Window { limit: READ, ..Window::default() }).await.map_err(refused)?;
        let text = render::messages(Some(&target.title), &page.items, None);
        Ok(ReadResourceResult::new(vec![ResourceContents::text(text, uri_text)]))
    }

    pub(super) async fn subscribe(
        &self,
        uri_text: &str,
        peer: &rmcp::service::Peer<rmcp::RoleServer>,
    ) -> Result<(), rmcp::ErrorData> {
        let id = chat_of(uri_text)?;
        let target = self.owner.telegram().resolve(&id.to_string()).await.map_err(refused)?;
        self.scope.check_chat(&target.chat(0, None)).map_err(refused)?;
        self.subscriptions.set().insert(target.id);
        self.subscriptions.watch(&self.owner, peer);
        Ok(())
    }

    pub(super) fn unsubscribe(&self, uri_text: &str) -> Result<(), rmcp::ErrorData> {
        let id = chat_of(uri_text)?;
        self.subscriptions.set().remove(&id);
        Ok(())
    }
}

/// Tells a window about changes in the chats it subscribed to, until it goes away.
async fn notify(
    owner: crate::owner::OwnerHandle,
    subscriptions: Subscriptions,
    peer: rmcp::service::Peer<rmcp::RoleServer>,
) {
    let mut events = owner.telegram().subscribe_events();
    loop {
        let chats: Vec<i64> = match events.recv().await {
            // Channels and supergroups have Bot API ids below -10^12.
            Ok(event) => affected(&event, &subscriptions.set(), |id| id < -1_000_000_000_000),
            // Events were missed: every subscribed chat may have changed.
            Err(RecvError::Lagged(_)) => subscriptions.set().iter().copied().collect(),
            Err(RecvError::Closed) => return,
        };
        for chat in chats {
            if peer.notify_resource_updated(ResourceUpdatedNotificationParam::new(uri(chat))).await.is_err() {
                return;
            }
        }
    }
}

/// The subscribed chats an event touches. Deletions in private chats and basic groups come
/// without their chat, so every such subscribed chat is told.
fn affected(event: &ChatEvent, subscribed: &BTreeSet<i64>, is_channel: impl Fn(i64) -> bool) -> Vec<i64> {
    match event.chat_id() {
        Some(id) => subscribed.contains(&id).then_some(id).into_iter().collect(),
        None => subscribed.iter().copied().filter(|id| !is_channel(*id)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_round_trip_and_deletions_without_a_chat_reach_common_chats() {
        assert_eq!(chat_of(&uri(-1_000_000_000_123)).unwrap(), -1_000_000_000_123);
        assert!(chat_of("telegram://user/1").is_err());
        let subscribed: BTreeSet<i64> = [5, -7, -1_000_000_000_001].into();
        let channel = |id: i64| id < -1_000_000_000_000;
        let gone = ChatEvent::DeletedMessages { chat_id: None, message_ids: vec![1] };
        assert_eq!(affected(&gone, &subscribed, channel), vec![-7, 5]);
        let read = ChatEvent::Read { chat_id: 5, max_id: 3, outgoing: false };
        assert_eq!(affected(&read, &subscribed, channel), vec![5]);
        let elsewhere = ChatEvent::Read { chat_id: 9, max_id: 3, outgoing: false };
        assert!(affected(&elsewhere, &subscribed, channel).is_empty());
    }
}
