//! The owner/client performance targets, measured on the release binary against a sandbox.
//!
//! Run: `cargo bench --bench roles`. Prints one line per target with the measured value and
//! the requirement; numbers for this machine are in the README.
//! - a thin client's resident memory after `tools/list` (≤ 4 MiB), also of `--sandbox` windows
//! - client start → `tools/list` answered (≤ 10 ms)
//! - cold start: five windows started together on a fresh session, the master included,
//!   spawn → `tools/list` answered at the median (≤ 10 ms), also with every RPC of the DC
//!   delayed 300 ms (a far data center): nothing before `tools/list` waits on Telegram
//! - relay overhead per call at the median, over an in-owner call (≤ 30 µs)
//! - 50 concurrent calls to a sandbox delaying each RPC by 100 ms (≤ 200 ms in total)
//! - daemon memory with 1000 clients attached (≤ 64 MiB)
//! - a message injected at the sandbox → `notifications/resources/updated` at a subscribed
//!   window, through the daemon (median and p99 of 200)

use std::path::Path;
use std::time::Instant;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::UnixStream;

#[allow(dead_code, clippy::unwrap_used)]
#[path = "../tests/it/window.rs"]
mod window;

use window::{SandboxProc, Window, socket_of};

fn main() {
    // One thread: the bench itself should not compete for the two cores with what it measures.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    for (delay_ms, what) in [
        (0, "cold start: 5 windows at once, spawn → tools/list (median)"),
        (300, "the same, every DC RPC delayed 300 ms (a far DC)"),
    ] {
        let (init, list, max) = cold_start(delay_ms).await;
        eprintln!(
            "  (spawn → initialize answered, median {init:.2} ms; spawn → tools/list, max {max:.2} ms)"
        );
        report(what, format!("{list:.2} ms"), "≤ 10 ms");
    }

    let dir = tempfile::tempdir().expect("tempdir");
    let session = dir.path().join("session");
    let sandbox = SandboxProc::start(&session).await;
    let daemon = Window::spawn_with(&session, &["serve"], &[]);
    let socket = socket_of(&session);
    window::listening(&socket).await;

    let (start_ms, rss_kib) = client_start_and_memory(&session, &[]).await;
    report("client start → tools/list answered (median of 20)", format!("{start_ms:.2} ms"), "≤ 10 ms");
    report(
        "thin client resident memory after tools/list (max of 20)",
        format!("{:.2} MiB", rss_kib as f64 / 1024.0),
        "≤ 4 MiB",
    );
    let sandbox_kib = sandbox_window_memory(&session).await;
    report(
        "the same, `--sandbox` windows (the README's try-out)",
        format!("{:.2} MiB", sandbox_kib as f64 / 1024.0),
        "≤ 4 MiB",
    );

    let overhead = relay_overhead(&session, &socket).await;
    report("relay overhead per call (median, telegram-status)", format!("{overhead:.1} µs"), "≤ 30 µs");

    let (p50, p99) = update_latency(&session, &sandbox).await;
    report("injected message → resource notification (p50)", format!("{p50:.2} ms"), "p99 below");
    report("injected message → resource notification (p99)", format!("{p99:.2} ms"), "—");

    let total = concurrent_delayed_calls(&session, &sandbox).await;
    report("50 concurrent calls, each RPC delayed 100 ms", format!("{total:.0} ms"), "≤ 200 ms");

    let daemon_mib = thousand_clients(&socket, &session, daemon.pid()).await;
    report("daemon memory with 1000 clients attached", format!("{daemon_mib:.1} MiB"), "≤ 64 MiB");
}

/// Five windows spawned back to back on a fresh session (no owner yet: one becomes the master,
/// four its clients), over ten rounds. Returns the medians of spawn → `initialize` answered and
/// spawn → `tools/list` answered, and the slowest `tools/list`, in ms.
async fn cold_start(delay_ms: u64) -> (f64, f64, f64) {
    const ROUNDS: usize = 10;
    let (mut init, mut list) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let dir = tempfile::tempdir().expect("tempdir");
        let session = dir.path().join("session");
        let sandbox = SandboxProc::start(&session).await;
        sandbox.control(json!({"op": "delay", "method": "*", "ms": delay_ms})).await;
        let windows: Vec<_> = (0..5)
            .map(|_| (Instant::now(), Window::spawn_with(&session, &[], &[("RUST_LOG", "")])))
            .collect();
        // Each window is driven by its own task, so all five are served at once.
        let timed: Vec<_> = windows
            .into_iter()
            .map(|(spawned, mut w)| {
                tokio::spawn(async move {
                    w.initialize().await;
                    let initialized = spawned.elapsed().as_secs_f64() * 1000.0;
                    let tools = w.request("tools/list", json!({})).await;
                    let listed = spawned.elapsed().as_secs_f64() * 1000.0;
                    assert!(tools["result"]["tools"].as_array().is_some_and(|t| !t.is_empty()), "{tools}");
                    (initialized, listed, w)
                })
            })
            .collect();
        let mut windows = Vec::new();
        for task in timed {
            let (initialized, listed, w) = task.await.expect("window task");
            init.push(initialized);
            list.push(listed);
            windows.push(w);
        }
        for w in windows {
            w.close().await;
        }
        drop(sandbox);
    }
    let max = list.iter().copied().fold(0.0, f64::max);
    (median(&mut init), median(&mut list), max)
}

fn report(what: &str, value: String, target: &str) {
    eprintln!("{what:<52} {value:>12}   (target {target})");
}

/// Thin clients of a `--sandbox` owner (its session and socket live under `$HOME`).
async fn sandbox_window_memory(session: &Path) -> u64 {
    let _owner = Window::spawn_with(session, &["--sandbox", "serve"], &[]);
    let home = session.parent().expect("the session's directory is $HOME");
    window::listening(&socket_of(&home.join(".mcp-telegram/sandbox/session"))).await;
    client_start_and_memory(session, &["--sandbox"]).await.1
}

async fn client_start_and_memory(session: &Path, args: &[&str]) -> (f64, u64) {
    let mut times = Vec::new();
    let mut all = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        // As an MCP host starts it: default logging (RUST_LOG unset).
        let mut w = Window::spawn_with(session, args, &[("RUST_LOG", "")]);
        w.initialize().await;
        let tools = w.request("tools/list", json!({})).await;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(tools["result"]["tools"].as_array().is_some_and(|t| t.len() >= 15), "{tools}");
        all.push(rss_kib(w.pid()));
        w.close().await;
    }
    all.sort_unstable();
    eprintln!("  (resident KiB of the 20 windows: min {}, median {}, max {})", all[0], all[10], all[19]);
    (median(&mut times), all[19])
}

async fn relay_overhead(session: &Path, socket: &Path) -> f64 {
    const WARM_UP: usize = 200;
    const N: usize = 4000;
    let mut via_client = Window::spawn(session);
    via_client.initialize().await;
    let mut direct = Direct::connect(socket, session).await;
    direct.initialize().await;
    let status = json!({"name": "telegram-status", "arguments": {}});
    let (mut a, mut b) = (Vec::with_capacity(N), Vec::with_capacity(N));
    // Alternate the two paths call by call, so drift on the machine hits both alike; the first
    // calls (page faults in a fresh client, cold caches) are not counted.
    for i in 0..WARM_UP + N {
        let id = 10 + i as u64;
        let t = Instant::now();
        via_client.request("tools/call", status.clone()).await;
        let through = t.elapsed().as_secs_f64() * 1e6;
        let t = Instant::now();
        direct.request(id, "tools/call", status.clone()).await;
        let straight = t.elapsed().as_secs_f64() * 1e6;
        if i >= WARM_UP {
            a.push(through);
            b.push(straight);
        }
    }
    via_client.close().await;
    let (through, direct) = (median(&mut a), median(&mut b));
    eprintln!(
        "  (telegram-status round trip: {through:.1} µs through a window, {direct:.1} µs straight to the owner)"
    );
    through - direct
}

/// A window subscribed to Boris's chat; each message injected at the sandbox is timed until
/// the window's `notifications/resources/updated` for it.
async fn update_latency(session: &Path, sandbox: &SandboxProc) -> (f64, f64) {
    const N: usize = 200;
    let uri = "telegram://chat/7000002";
    let mut w = Window::spawn(session);
    w.initialize().await;
    w.request("resources/subscribe", json!({"uri": uri})).await;
    let mut times = Vec::with_capacity(N);
    for i in 0..N {
        let started = Instant::now();
        sandbox
            .control(json!({"op": "inject", "chat": 7000002, "from": 7000002, "text": format!("bench {i}")}))
            .await;
        loop {
            let line = w.read().await;
            if line["method"] == "notifications/resources/updated" && line["params"]["uri"] == uri {
                break;
            }
        }
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    w.close().await;
    times.sort_by(f64::total_cmp);
    (times[N / 2], times[N * 99 / 100])
}

async fn concurrent_delayed_calls(session: &Path, sandbox: &SandboxProc) -> f64 {
    let mut w = Window::spawn(session);
    w.initialize().await;
    let read = json!({"name": "telegram-read-messages", "arguments": {"chatId": "@boris_p", "limit": 5}});
    // Warm the chat cache so each call is exactly one Telegram RPC.
    w.request("tools/call", read.clone()).await;
    sandbox.control(json!({"op": "delay", "method": "messages.getHistory", "ms": 100})).await;
    let started = Instant::now();
    let mut batch = String::new();
    for i in 0..50u64 {
        batch += &(json!({"jsonrpc": "2.0", "id": 1000 + i, "method": "tools/call", "params": read})
            .to_string()
            + "\n");
    }
    w.send_raw(batch.as_bytes()).await;
    for _ in 0..50 {
        let answer = w.read().await;
        assert_eq!(answer["result"]["isError"], json!(false), "{answer}");
    }
    let total = started.elapsed().as_secs_f64() * 1000.0;
    sandbox.control(json!({"op": "delay", "method": "messages.getHistory", "ms": 0})).await;
    w.close().await;
    total
}

async fn thousand_clients(socket: &Path, session: &Path, daemon_pid: u32) -> f64 {
    let mut clients = Vec::with_capacity(1000);
    for _ in 0..1000 {
        let mut c = Direct::connect(socket, session).await;
        c.initialize().await;
        clients.push(c);
    }
    // Everyone is attached and initialized; one of them still gets answers.
    let status =
        clients[999].request(2, "tools/call", json!({"name": "telegram-status", "arguments": {}})).await;
    assert_eq!(
        status["result"]["structuredContent"]["clients"].as_u64().map(|n| n >= 1000),
        Some(true),
        "{status}"
    );
    rss_kib(daemon_pid) as f64 / 1024.0
}

/// A raw owner-socket client: the IPC hello, then MCP lines.
struct Direct {
    write: tokio::net::unix::OwnedWriteHalf,
    lines: tokio::io::Lines<BufReader<tokio::net::unix::OwnedReadHalf>>,
}

impl Direct {
    async fn connect(socket: &Path, session: &Path) -> Self {
        let stream = UnixStream::connect(socket).await.expect("connect");
        let (read, mut write) = stream.into_split();
        let hello = json!({"ipc": mcp_telegram::ipc::PROTOCOL_VERSION, "session": session, "pid": std::process::id(), "version": "bench"})
            .to_string()
            + "\n";
        write.write_all(hello.as_bytes()).await.expect("hello");
        let mut lines = BufReader::new(read).lines();
        let welcome: Value =
            serde_json::from_str(&lines.next_line().await.expect("welcome").expect("line")).expect("json");
        assert_eq!(welcome["ok"], json!(true), "{welcome}");
        Self { write, lines }
    }

    async fn request(&mut self, id: u64, method: &str, params: Value) -> Value {
        let line = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).to_string() + "\n";
        self.write.write_all(line.as_bytes()).await.expect("write");
        self.write.flush().await.expect("flush");
        loop {
            // The same bounded read as the window path, so both sides pay the same harness cost.
            let next = tokio::time::timeout(window::ANSWER, self.lines.next_line()).await.expect("in time");
            let answer: Value = serde_json::from_str(&next.expect("read").expect("line")).expect("json");
            if answer["id"] == json!(id) {
                return answer;
            }
        }
    }

    async fn initialize(&mut self) {
        self.request(1, "initialize", json!({"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}})).await;
        self.write
            .write_all(b"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n")
            .await
            .expect("write");
    }
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
