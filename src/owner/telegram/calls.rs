//! Calls to Telegram: each with a deadline, refused fast while connecting or signed out,
//! sent again (same bytes, so a send keeps its `random_id`) after a dropped connection, on
//! another DC with the authorization copied there, and classified into [`OwnerError`]s.

use std::time::Duration;

use grammers_client::InvocationError;
use grammers_client::tl;

use super::{Telegram, rand_u32};
use crate::owner::{OwnerError, State};

impl Telegram {
    /// An MTProto ping with a deadline: proves the connection is alive right now.
    pub(crate) async fn ping(&self, deadline: Duration) -> Result<(), OwnerError> {
        let ping_id = i64::from(rand_u32());
        self.raw_call(&tl::functions::Ping { ping_id }, deadline).await?;
        // Pushes can be lost on a connection that dropped and came back unnoticed: a health
        // check also asks what changed (an empty difference when nothing did).
        self.resync();
        Ok(())
    }

    /// One call as the tools make it: refused fast unless connected, retried after a
    /// dropped connection, bounded by the call deadline.
    pub(crate) async fn call<R: tl::RemoteCall>(&self, request: &R) -> Result<R::Return, OwnerError> {
        self.ready().await?;
        self.raw_call(request, self.call_timeout).await
    }

    /// A call on another DC (files live on the DC of their uploader). The authorization is
    /// copied there first (`auth.exportAuthorization` here, `importAuthorization` there), once
    /// per DC and connection.
    pub(crate) async fn call_in_dc<R: tl::RemoteCall>(
        &self,
        dc: i32,
        request: &R,
    ) -> Result<R::Return, OwnerError> {
        self.ready().await?;
        let client = self.client();
        let copied = self.dcs_authorized.lock().unwrap_or_else(|p| p.into_inner()).contains(&dc);
        if !copied {
            let tl::enums::auth::ExportedAuthorization::Authorization(exported) =
                self.call(&tl::functions::auth::ExportAuthorization { dc_id: dc }).await?;
            let import = tl::functions::auth::ImportAuthorization { id: exported.id, bytes: exported.bytes };
            match tokio::time::timeout(self.call_timeout, client.invoke_in_dc(dc, &import)).await {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => return Err(classify(&e)),
                Err(_) => return Err(OwnerError::Timeout(self.call_timeout)),
            }
            self.dcs_authorized.lock().unwrap_or_else(|p| p.into_inner()).insert(dc);
        }
        match tokio::time::timeout(self.call_timeout, client.invoke_in_dc(dc, request)).await {
            Ok(Ok(answer)) => Ok(answer),
            Ok(Err(e)) => Err(classify(&e)),
            Err(_) => Err(OwnerError::Timeout(self.call_timeout)),
        }
    }

    pub(super) async fn raw_call<R: tl::RemoteCall>(
        &self,
        request: &R,
        deadline: Duration,
    ) -> Result<R::Return, OwnerError> {
        let started = tokio::time::Instant::now();
        let mut retries = 0;
        loop {
            let client = self.client();
            let left = deadline.saturating_sub(started.elapsed());
            match tokio::time::timeout(left, client.invoke(request)).await {
                Ok(Ok(answer)) => {
                    self.answered();
                    return Ok(answer);
                }
                Ok(Err(e)) if is_dropped(&e) && retries < DROP_RETRIES => {
                    // A retry sent before the runner noticed the drop can meet the dying
                    // connection too: give it a moment, then send the same bytes again.
                    tracing::debug!(error = %e, retries, "connection dropped; retrying the call");
                    retries += 1;
                    // Updates pushed while the connection was down come through getDifference.
                    self.resync();
                    tokio::time::sleep(Duration::from_millis(20 * retries)).await;
                }
                Ok(Err(e)) => {
                    if matches!(e, InvocationError::Rpc(_)) {
                        self.answered();
                    }
                    let error = classify(&e);
                    self.note(&error);
                    return Err(error);
                }
                Err(_) => {
                    self.trouble.notify_one();
                    return Err(OwnerError::Timeout(deadline));
                }
            }
        }
    }

    fn answered(&self) {
        *self.last_answer.lock().unwrap_or_else(|p| p.into_inner()) = Some(tokio::time::Instant::now());
    }

    /// Whether Telegram answered within the last `window`.
    pub(crate) fn answered_within(&self, window: Duration) -> bool {
        self.last_answer.lock().unwrap_or_else(|p| p.into_inner()).is_some_and(|at| at.elapsed() <= window)
    }

    /// Waits out the first connection attempt, then fails fast in any state but connected.
    async fn ready(&self) -> Result<(), OwnerError> {
        let mut rx = self.state.subscribe();
        let settled =
            tokio::time::timeout(self.call_timeout, rx.wait_for(|s| !matches!(s, State::Connecting))).await;
        let state = match settled {
            Ok(Ok(state)) => state.clone(),
            _ => return Err(OwnerError::Connecting),
        };
        match state {
            State::Connected(_) => Ok(()),
            State::Connecting => Err(OwnerError::Connecting),
            State::NotLoggedIn => Err(OwnerError::NotLoggedIn),
            State::Reconnecting { attempt } => Err(OwnerError::Unreachable { attempt }),
            State::SessionBurnt => Err(OwnerError::SessionBurnt),
        }
    }

    /// Lets the supervisor know about errors that change the connection state.
    fn note(&self, error: &OwnerError) {
        match error {
            OwnerError::NotLoggedIn => {
                self.state.send_replace(State::NotLoggedIn);
            }
            OwnerError::SessionBurnt => {
                self.state.send_replace(State::SessionBurnt);
            }
            OwnerError::Unreachable { .. } => self.trouble.notify_one(),
            _ => {}
        }
    }
}

/// How often one call is sent again after a dropped connection (same bytes, same `random_id`).
const DROP_RETRIES: u64 = 3;

/// A dropped connection that the next call transparently reopens.
fn is_dropped(e: &InvocationError) -> bool {
    matches!(e, InvocationError::Io(_) | InvocationError::Dropped(_))
}

/// Maps a grammers error to what callers branch on.
pub(super) fn classify(e: &InvocationError) -> OwnerError {
    match e {
        InvocationError::Rpc(rpc) if rpc.code == 401 => OwnerError::NotLoggedIn,
        InvocationError::Rpc(rpc) if rpc.code == 406 && rpc.name == "AUTH_KEY_DUPLICATED" => {
            OwnerError::SessionBurnt
        }
        InvocationError::Rpc(rpc) if rpc.code == 420 => {
            OwnerError::FloodWait { seconds: rpc.value.unwrap_or(1) }
        }
        InvocationError::Rpc(rpc) => {
            let name = match rpc.value {
                Some(value) if !rpc.name.ends_with('_') => format!("{}_{value}", rpc.name),
                _ => rpc.name.clone(),
            };
            OwnerError::Rpc { code: rpc.code, name }
        }
        InvocationError::Transport(t) if t.to_string().contains("404") => OwnerError::NotLoggedIn,
        InvocationError::Io(_) | InvocationError::Dropped(_) | InvocationError::Transport(_) => {
            OwnerError::Unreachable { attempt: 0 }
        }
        other => OwnerError::Internal(anyhow::anyhow!("telegram call failed: {other}")),
    }
}
