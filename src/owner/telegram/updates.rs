//! Updates: what Telegram pushes (new, edited and deleted messages, read marks), received once
//! by the owner and fanned out to every window as [`ChatEvent`]s. grammers' update receiver
//! keeps the state (pts, qts, seq, date, and each channel's pts) in the session file and closes
//! gaps with `updates.getDifference` / `getChannelDifference`, also after a reconnect or a
//! restart, so no message is lost in between. Also the stateless polling calls of the
//! original's `telegram-get-state` / `-get-updates` / `-get-channel-updates`.

use std::sync::Arc;

use grammers_client::sender::{SenderPoolFatHandle, UpdatesConfiguration, UpdatesReceiver};
use grammers_client::session::updates::UpdatesLike;
use grammers_client::tl;
use tokio::sync::{Notify, broadcast, mpsc};

use super::Telegram;
use super::peers::{Target, peer_id};
use crate::model::{ChatEvent, Message};
use crate::owner::OwnerError;

/// Updates received in one batch, with the users and chats they mention.
pub(crate) type Batch = (Vec<tl::enums::Update>, Vec<tl::enums::User>, Vec<tl::enums::Chat>);

/// Events a slow window may fall behind by before it is told it missed some.
pub(crate) const EVENT_BACKLOG: usize = 1024;

/// Where a connection's updates go: QR-login wake-ups and the batches for the fan-out.
#[derive(Clone)]
pub(crate) struct Sinks {
    pub(crate) login_accepted: Arc<Notify>,
    pub(crate) batches: mpsc::Sender<Batch>,
}

/// The state of the account's update sequence (`updates.getState`).
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UpdateState {
    pub pts: i32,
    pub qts: i32,
    pub date: i32,
    pub seq: i32,
    pub unread_count: i32,
}

/// What changed since a cursor (`updates.getDifference` / `getChannelDifference`).
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Difference {
    pub new_messages: Vec<Message>,
    pub deleted_message_ids: Vec<i32>,
    /// Other updates, by their TL class name.
    pub other_updates: Vec<String>,
    /// The cursor to pass next time.
    pub pts: i32,
    pub qts: Option<i32>,
    pub date: Option<i32>,
    /// `false`: more is queued, call again with the new cursor.
    pub is_final: bool,
    /// Set when Telegram says the gap is too long: re-read the chats instead.
    pub hint: Option<String>,
}

/// Starts receiving a connection's updates: a forwarder that spots QR-login tokens at once,
/// and grammers' receiver that orders them, fills gaps and persists the state. Both end with
/// the connection.
/// Returns the way into the receiver, for asking it to resync.
pub(crate) fn spawn(
    handle: SenderPoolFatHandle,
    mut raw: mpsc::Receiver<UpdatesLike>,
    sinks: Sinks,
) -> mpsc::Sender<UpdatesLike> {
    let (ordered_tx, ordered_rx) = mpsc::channel(100);
    let resync = ordered_tx.clone();
    let accepted = Arc::clone(&sinks.login_accepted);
    tokio::spawn(async move {
        while let Some(update) = raw.recv().await {
            if super::login::is_login_token(&update) {
                accepted.notify_one();
            }
            if ordered_tx.send(update).await.is_err() {
                break;
            }
        }
    });
    tokio::spawn(async move {
        let config = UpdatesConfiguration { catch_up: true };
        let mut receiver =
            match UpdatesReceiver::create(handle.thin, handle.session, ordered_rx, config).await {
                Ok(receiver) => receiver,
                Err(error) => {
                    tracing::warn!(%error, "failed to load the update state; updates are not received");
                    return;
                }
            };
        loop {
            let (updates, users, chats) = match receiver.next().await {
                Ok(batch) => batch,
                Err(error) => {
                    tracing::debug!(%error, "update receiver ended");
                    break;
                }
            };
            let updates: Vec<tl::enums::Update> = updates.into_iter().map(|(u, _)| u).collect();
            if !updates.is_empty() && sinks.batches.send((updates, users, chats)).await.is_err() {
                break;
            }
            // Saved after every batch: a reconnect or restart resumes from the last event seen.
            if let Err(error) = receiver.sync_update_state().await {
                tracing::warn!(%error, "failed to save the update state");
            }
        }
        let _ = receiver.sync_update_state().await;
    });
    resync
}

impl Telegram {
    /// Turns batches into events for the windows, until the owner stops.
    pub(crate) async fn fan_out(self: Arc<Self>, mut batches: mpsc::Receiver<Batch>) {
        while let Some((updates, users, chats)) = batches.recv().await {
            self.learn(&users, &chats);
            for update in &updates {
                self.note_transcription(update);
                if let Some(event) = self.event(update) {
                    // Nobody listening is fine: events are for windows that subscribed.
                    let _ = self.events.send(event);
                }
            }
        }
    }

    /// A new receiver of the account's events.
    pub(crate) fn subscribe_events(&self) -> broadcast::Receiver<ChatEvent> {
        self.events.subscribe()
    }

    fn event(&self, update: &tl::enums::Update) -> Option<ChatEvent> {
        use tl::enums::Update as U;
        Some(match update {
            U::NewMessage(u) => ChatEvent::NewMessage { message: self.message(&u.message)? },
            U::NewChannelMessage(u) => ChatEvent::NewMessage { message: self.message(&u.message)? },
            U::EditMessage(u) => ChatEvent::EditedMessage { message: self.message(&u.message)? },
            U::EditChannelMessage(u) => ChatEvent::EditedMessage { message: self.message(&u.message)? },
            U::DeleteMessages(u) => {
                ChatEvent::DeletedMessages { chat_id: None, message_ids: u.messages.clone() }
            }
            U::DeleteChannelMessages(u) => ChatEvent::DeletedMessages {
                chat_id: Some(super::peers::channel_id(u.channel_id)),
                message_ids: u.messages.clone(),
            },
            U::ReadHistoryInbox(u) => {
                ChatEvent::Read { chat_id: peer_id(&u.peer), max_id: u.max_id, outgoing: false }
            }
            U::ReadHistoryOutbox(u) => {
                ChatEvent::Read { chat_id: peer_id(&u.peer), max_id: u.max_id, outgoing: true }
            }
            U::ReadChannelInbox(u) => ChatEvent::Read {
                chat_id: super::peers::channel_id(u.channel_id),
                max_id: u.max_id,
                outgoing: false,
            },
            U::ReadChannelOutbox(u) => ChatEvent::Read {
                chat_id: super::peers::channel_id(u.channel_id),
                max_id: u.max_id,
                outgoing: true,
            },
            _ => return None,
        })
    }

    /// `updates.getState`.
    pub(crate) async fn update_state(&self) -> Result<UpdateState, OwnerError> {
        let tl::enums::updates::State::State(s) = self.call(&tl::functions::updates::GetState {}).await?;
        Ok(UpdateState { pts: s.pts, qts: s.qts, date: s.date, seq: s.seq, unread_count: s.unread_count })
    }

    /// `updates.getDifference` from a cursor (stateless: the caller keeps the cursor).
    pub(crate) async fn difference(
        &self,
        pts: i32,
        qts: i32,
        date: i32,
        pts_limit: i32,
        pts_total_limit: i32,
    ) -> Result<Difference, OwnerError> {
        use tl::enums::updates::Difference as D;
        let request = tl::functions::updates::GetDifference {
            pts,
            pts_limit: Some(pts_limit),
            pts_total_limit: Some(pts_total_limit),
            date,
            qts,
            qts_limit: None,
        };
        let (messages, others, users, chats, state, is_final) = match self.call(&request).await? {
            D::Empty(e) => {
                return Ok(Difference::empty(pts, Some(qts), Some(e.date), true, None));
            }
            D::TooLong(t) => {
                let hint = "the gap is too long: re-read the chats with telegram-read-messages".to_owned();
                return Ok(Difference::empty(t.pts, Some(qts), Some(date), true, Some(hint)));
            }
            D::Difference(d) => (d.new_messages, d.other_updates, d.users, d.chats, d.state, true),
            D::Slice(d) => (d.new_messages, d.other_updates, d.users, d.chats, d.intermediate_state, false),
        };
        self.learn(&users, &chats);
        let tl::enums::updates::State::State(state) = state;
        let mut out = self.collect(&messages, &others);
        (out.pts, out.qts, out.date, out.is_final) = (state.pts, Some(state.qts), Some(state.date), is_final);
        Ok(out)
    }

    /// `updates.getChannelDifference` of one channel or supergroup from its own pts.
    pub(crate) async fn channel_difference(
        &self,
        target: &Target,
        pts: i32,
        limit: i32,
        force: bool,
    ) -> Result<Difference, OwnerError> {
        use tl::enums::updates::ChannelDifference as D;
        let Some(channel) = target.input_channel() else {
            return Err(OwnerError::Invalid(format!(
                "{} is not a channel or supergroup: use telegram-get-updates",
                target.title
            )));
        };
        let request = tl::functions::updates::GetChannelDifference {
            force,
            channel,
            filter: tl::enums::ChannelMessagesFilter::Empty,
            pts,
            limit,
        };
        match self.call(&request).await? {
            D::Empty(e) => Ok(Difference::empty(e.pts, None, None, e.r#final, None)),
            D::TooLong(t) => {
                self.learn(&t.users, &t.chats);
                let mut out = self.collect(&t.messages, &[]);
                let pts = match &t.dialog {
                    tl::enums::Dialog::Dialog(d) => d.pts.unwrap_or(pts),
                    _ => pts,
                };
                out.pts = pts;
                out.hint = Some(
                    "the gap is too long: these are the latest messages; re-read with telegram-read-messages"
                        .into(),
                );
                Ok(out)
            }
            D::Difference(d) => {
                self.learn(&d.users, &d.chats);
                let mut out = self.collect(&d.new_messages, &d.other_updates);
                (out.pts, out.is_final) = (d.pts, d.r#final);
                Ok(out)
            }
        }
    }

    fn collect(&self, messages: &[tl::enums::Message], others: &[tl::enums::Update]) -> Difference {
        let mut out = Difference::empty(0, None, None, true, None);
        out.new_messages = self.messages(messages);
        for update in others {
            match self.event(update) {
                Some(ChatEvent::NewMessage { message }) => out.new_messages.push(message),
                Some(ChatEvent::DeletedMessages { message_ids, .. }) => {
                    out.deleted_message_ids.extend(message_ids)
                }
                _ => out.other_updates.push(class_name(update)),
            }
        }
        out
    }
}

impl Difference {
    fn empty(pts: i32, qts: Option<i32>, date: Option<i32>, is_final: bool, hint: Option<String>) -> Self {
        Self {
            new_messages: Vec::new(),
            deleted_message_ids: Vec::new(),
            other_updates: Vec::new(),
            pts,
            qts,
            date,
            is_final,
            hint,
        }
    }
}

/// `updateEditMessage` style name of an update.
fn class_name(update: &tl::enums::Update) -> String {
    let debug = format!("{update:?}");
    let name = debug.split(['(', ' ', '{']).next().unwrap_or("Update");
    let mut out = String::from("update");
    out.push_str(name);
    out
}
