//! Shared helpers: an in-process sandbox on an ephemeral loopback port and grammers clients
//! bound to it through in-memory sessions.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use grammers_client::Client;
use grammers_client::sender::{ConnectionParams, NoRetries};
use grammers_client::session::storages::MemorySession;
use grammers_client::{InvocationError, SenderPool};
use mcp_telegram::sandbox::{AuthKey, Sandbox, session_data};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// `api_id` the tests present; the sandbox accepts any.
pub(crate) const API_ID: i32 = 12345;

/// A running in-process sandbox; stops when dropped.
pub(crate) struct TestDc {
    pub(crate) sandbox: Sandbox,
    pub(crate) addr: SocketAddr,
    pub(crate) key: AuthKey,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

/// A grammers client and its runner task; the runner is aborted on drop (connection closed).
pub(crate) struct Tg {
    pub(crate) client: Client,
    runner: JoinHandle<()>,
}

impl TestDc {
    pub(crate) async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let sandbox = Sandbox::new();
        let key = sandbox.mint_key();
        let (stop, mut stopped) = watch::channel(false);
        let server = sandbox.clone();
        let task = tokio::spawn(async move {
            server
                .serve(listener, async move {
                    let _ = stopped.wait_for(|s| *s).await;
                })
                .await;
        });
        Self { sandbox, addr, key, stop, task }
    }

    /// A new client sharing this sandbox's key (a second "device process" on one session).
    pub(crate) fn client(&self) -> Tg {
        self.client_with_key(&self.key)
    }

    pub(crate) fn client_with_key(&self, key: &AuthKey) -> Tg {
        let session = Arc::new(MemorySession::from(session_data(self.addr, key).unwrap()));
        let params = ConnectionParams { retry_policy: Box::new(NoRetries), ..Default::default() };
        let pool = SenderPool::with_configuration(session, API_ID, params);
        let client = Client::new(pool.handle);
        let runner = tokio::spawn(pool.runner.run());
        Tg { client, runner }
    }

    /// Waits until the sandbox counts `n` live connections in total (bounded).
    pub(crate) async fn settle_live(&self, n: usize) {
        let controls = self.sandbox.controls();
        let waited = tokio::time::timeout(Duration::from_secs(5), async {
            while controls.live_connections() != n {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        });
        waited.await.unwrap_or_else(|_| {
            panic!("live connections stuck at {}, wanted {n}", controls.live_connections())
        });
    }
}

impl Drop for TestDc {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        self.task.abort();
    }
}

impl Drop for Tg {
    fn drop(&mut self) {
        self.runner.abort();
    }
}

/// The RPC error name and code of a failed call, if it was an RPC error.
pub(crate) fn rpc_error(err: &InvocationError) -> Option<(i32, String, Option<u32>)> {
    match err {
        InvocationError::Rpc(e) => Some((e.code, e.name.clone(), e.value)),
        _ => None,
    }
}
