//! The push task of one MTProto connection: forwards the updates the sandbox broadcasts
//! (injected events, other connections' writes) to the connection's writer, as Telegram sends
//! them. It never decides what to push; `state::Shared::push` does.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use tokio::sync::{broadcast, mpsc};

use super::conn::Out;
use super::login::AuthState;
use super::state::{Pushed, Shared};

/// Forwards pushed updates to the writer as content-related messages that answer nothing
/// (msg_id low bits 3), as Telegram sends them: only once the client has a session and only
/// while its key is signed in, and never what this connection's own RPC caused.
pub(super) struct Push {
    pub(super) shared: Arc<Shared>,
    pub(super) conn: u64,
    pub(super) key_id: u64,
    /// The connection's current session id (0 until its first message).
    pub(super) session: Arc<AtomicI64>,
}

impl Push {
    pub(super) async fn run(self, mut pushes: broadcast::Receiver<Pushed>, out: mpsc::Sender<Out>) {
        loop {
            let body = match pushes.recv().await {
                Ok(pushed) if pushed.origin == Some(self.conn) => continue,
                Ok(pushed) => pushed.body,
                Err(broadcast::error::RecvError::Lagged(skipped)) => {
                    tracing::debug!(skipped, "sandbox connection fell behind its pushed updates");
                    continue;
                }
                Err(broadcast::error::RecvError::Closed) => return,
            };
            let session_id = self.session.load(Ordering::Relaxed);
            if session_id == 0 || self.shared.auth_of(self.key_id) != AuthState::SignedIn {
                continue;
            }
            let message = Out { session_id, body: body.to_vec(), content_related: true, response: false };
            if out.send(message).await.is_err() {
                return;
            }
        }
    }
}
