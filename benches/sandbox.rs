//! Sandbox throughput over one MTProto connection, measured with the real grammers client.
//!
//! Run: `cargo bench --bench sandbox` (release build). Prints one line per scenario with RPCs/s
//! and latency percentiles. Numbers for this machine are in the README.

use std::sync::Arc;
use std::time::{Duration, Instant};

use grammers_client::session::storages::MemorySession;
use grammers_client::{Client, SenderPool};
use mcp_telegram::sandbox::{Sandbox, session_data};
use tokio::net::TcpListener;

const SEQUENTIAL: usize = 3_000;
const CONCURRENT_TASKS: usize = 64;
const PER_TASK: usize = 150;

fn main() {
    // Like the product: the client side on one current-thread runtime (as an owner runs), the
    // simulated DC on another thread of its own (as the separate sandbox process does).
    let sandbox = Sandbox::new();
    let server = sandbox.clone();
    let (bound, addr) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        current_thread().block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
            bound.send(listener.local_addr().expect("local addr")).expect("report the address");
            server.serve(listener, std::future::pending()).await
        })
    });
    let addr = addr.recv().expect("the sandbox thread listens");
    current_thread().block_on(run(sandbox, addr));
}

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime")
}

async fn run(sandbox: Sandbox, addr: std::net::SocketAddr) {
    let key = sandbox.mint_key();
    let session = Arc::new(MemorySession::from(session_data(addr, &key).expect("session")));
    let pool = SenderPool::new(session, 1);
    let client = Client::new(pool.handle);
    tokio::spawn(pool.runner.run());
    client.get_me().await.expect("warm-up call");
    let boris = client.resolve_username("boris_p").await.expect("resolve").expect("peer");
    let boris = boris.to_ref().await.expect("ref").expect("peer ref");

    let mut latencies = Vec::with_capacity(SEQUENTIAL);
    let started = Instant::now();
    for _ in 0..SEQUENTIAL {
        let t = Instant::now();
        client.get_me().await.expect("get_me");
        latencies.push(t.elapsed());
    }
    report("sequential users.getUsers", SEQUENTIAL, started.elapsed(), &mut latencies);

    for (name, history) in
        [("concurrent users.getUsers", false), ("concurrent messages.getHistory(20)", true)]
    {
        let started = Instant::now();
        let tasks: Vec<_> = (0..CONCURRENT_TASKS)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move {
                    let mut own = Vec::with_capacity(PER_TASK);
                    for _ in 0..PER_TASK {
                        let t = Instant::now();
                        if history {
                            client.iter_messages(boris).limit(20).next().await.expect("history");
                        } else {
                            client.get_me().await.expect("get_me");
                        }
                        own.push(t.elapsed());
                    }
                    own
                })
            })
            .collect();
        let mut all = Vec::new();
        for task in tasks {
            all.extend(task.await.expect("bench task"));
        }
        report(name, CONCURRENT_TASKS * PER_TASK, started.elapsed(), &mut all);
    }
    let stats = sandbox.controls().key_stats();
    eprintln!("connections used: max {} (must be 1)", stats[0].max_live);
}

fn report(name: &str, calls: usize, total: Duration, latencies: &mut [Duration]) {
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    eprintln!(
        "{name:<36} {calls:>6} calls  {:>8.0} RPC/s  p50 {:>7.1?}  p99 {:>7.1?}",
        calls as f64 / total.as_secs_f64(),
        pct(0.50),
        pct(0.99),
    );
}
