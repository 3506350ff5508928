//! Socket activation and readiness as systemd does them, without systemd as PID 1:
//! `systemd-socket-activate` binds the socket and execs the daemon on the first connection
//! with real `LISTEN_FDS`/`LISTEN_PID`/`LISTEN_FDNAMES`, and the test owns the
//! `NOTIFY_SOCKET` datagram listener and reads what the daemon tells the service manager.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::UnixDatagram;
use tokio::process::{Child, Command};

use crate::window::{ANSWER, SandboxProc, Window, bin, signal};

/// The daemon behind `systemd-socket-activate`, and the notifications it sends.
struct Activated {
    child: Child,
    socket: PathBuf,
    notify: UnixDatagram,
    /// Everything written to stderr after the socket was bound (the daemon's log), complete
    /// once the process has exited and closed it.
    log: tokio::task::JoinHandle<String>,
}

impl Activated {
    /// Binds `socket` (named `fdname`) the way a `.socket` unit does; the daemon starts on
    /// the first connection. `listen` may be a TCP address to hand over the wrong kind.
    async fn start(session: &Path, listen: &str, fdname: &str, env: &[(&str, &str)]) -> Self {
        let dir = session.parent().unwrap();
        let notify_path = dir.join("notify");
        let _ = std::fs::remove_file(&notify_path);
        let notify = UnixDatagram::bind(&notify_path).unwrap();
        let mut command = Command::new("systemd-socket-activate");
        command
            .args(["-l", listen, &format!("--fdname={fdname}")])
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", dir)
            .env("TELEGRAM_SESSION_PATH", session)
            .env("TELEGRAM_API_ID", "12345")
            .env("NOTIFY_SOCKET", &notify_path)
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut names =
            vec!["PATH", "HOME", "TELEGRAM_SESSION_PATH", "TELEGRAM_API_ID", "NOTIFY_SOCKET", "RUST_LOG"];
        for (k, v) in env {
            command.env(k, v);
            names.push(k);
        }
        for name in names {
            command.arg("-E").arg(name);
        }
        let mut child = command.arg(bin()).arg("serve").spawn().unwrap();
        // It says "Listening on …" once the socket is bound.
        let mut stderr = BufReader::new(child.stderr.take().unwrap()).lines();
        loop {
            let line = tokio::time::timeout(ANSWER, stderr.next_line()).await.unwrap().unwrap().unwrap();
            if line.contains("Listening on") {
                break;
            }
        }
        // Keep draining the daemon's log so it never blocks on a full pipe.
        let log = tokio::spawn(async move {
            let mut log = String::new();
            while let Ok(Some(line)) = stderr.next_line().await {
                log.push_str(&line);
                log.push('\n');
            }
            log
        });
        Self { child, socket: PathBuf::from(listen), notify, log }
    }

    /// The next notification datagram, e.g. `READY=1\nSTATUS=…`.
    async fn next(&self) -> String {
        let mut buf = vec![0u8; 4096];
        let n =
            tokio::time::timeout(ANSWER, self.notify.recv(&mut buf)).await.expect("a notification").unwrap();
        String::from_utf8_lossy(&buf[..n]).into_owned()
    }

    /// Notifications until one contains `wanted`; returns them all.
    async fn until(&self, wanted: &str) -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            let message = self.next().await;
            let done = message.contains(wanted);
            seen.push(message);
            if done {
                return seen;
            }
        }
    }

    fn window(&self, session: &Path) -> Window {
        Window::spawn_with(session, &[], &[("MCP_TELEGRAM_SOCKET", self.socket.to_str().unwrap())])
    }
}

#[tokio::test]
async fn the_first_connect_starts_the_daemon_which_reports_ready_and_stops_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session");
    let sandbox = SandboxProc::start(&session).await;
    // A slow first connection: start-up asks for more time before READY.
    sandbox.control(json!({"op": "delay", "method": "users.getUsers", "ms": 700})).await;
    let socket = dir.path().join("daemon.sock");
    let daemon = Activated::start(&session, socket.to_str().unwrap(), "daemon", &[]).await;
    let mut w = daemon.window(&session);
    w.initialize().await;

    let before_ready = daemon.until("READY=1").await;
    let ready = before_ready.last().unwrap();
    assert!(ready.contains("STATUS=connected as @alice_sandbox"), "{ready}");
    assert!(
        before_ready.iter().any(|m| m.contains("EXTEND_TIMEOUT_USEC=")),
        "a slow start extends the timeout: {before_ready:?}"
    );
    let status = w.call_ok("telegram-status", json!({})).await;
    assert_eq!(status["ownerPid"].as_u64(), daemon.child.id().map(u64::from), "systemd's exec'd daemon owns");
    // STATUS follows the clients attached.
    let mut second = daemon.window(&session);
    second.initialize().await;
    daemon.until("· 2 clients").await;
    second.close().await;
    daemon.until("· 1 client\n").await;

    signal(daemon.child.id().unwrap(), "-TERM");
    let stopping = daemon.until("STOPPING=1").await;
    assert!(stopping.last().unwrap().contains("STATUS=stopping"), "{stopping:?}");
    let mut daemon = daemon;
    let exit = tokio::time::timeout(ANSWER, daemon.child.wait()).await.unwrap().unwrap();
    assert!(exit.success(), "a clean exit on SIGTERM: {exit}");
    assert!(socket.exists(), "the daemon never unlinks a socket systemd owns");
    assert!(!dir.path().join("session.daemon.sock").exists(), "nor binds its own when handed one");
}

#[tokio::test]
async fn the_watchdog_is_fed_only_while_the_connection_is_verified_alive() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session");
    let sandbox = SandboxProc::start(&session).await;
    let socket = dir.path().join("daemon.sock");
    let env = [("WATCHDOG_USEC", "1500000")];
    let daemon = Activated::start(&session, socket.to_str().unwrap(), "daemon", &env).await;
    let mut w = daemon.window(&session);
    w.initialize().await;
    daemon.until("READY=1").await;
    daemon.until("WATCHDOG=1").await;

    // A server that stops answering: the connection is no longer verified, so no WATCHDOG=1
    // until it is back (systemd would restart a daemon that stays stuck).
    sandbox.control(json!({"op": "stall", "on": true})).await;
    daemon.until("STATUS=reconnecting").await;
    sandbox.control(json!({"op": "stall", "on": false})).await;
    let outage = daemon.until("STATUS=connected as").await;
    assert!(!outage.iter().any(|m| m.contains("WATCHDOG=1")), "fed during the outage: {outage:?}");
    daemon.until("WATCHDOG=1").await;
    w.call_ok("telegram-status", json!({})).await;
}

#[tokio::test]
async fn a_socket_of_the_wrong_kind_is_refused_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session");
    let _sandbox = SandboxProc::start(&session).await;
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = probe.local_addr().unwrap().to_string();
    drop(probe);
    let mut daemon = Activated::start(&session, &addr, "daemon", &[]).await;
    // The connect that activates it; the daemon must then explain and exit.
    let _ = tokio::net::TcpStream::connect(&addr).await;
    let exit = tokio::time::timeout(ANSWER, daemon.child.wait()).await.unwrap().unwrap();
    assert!(!exit.success(), "{exit}");
    let log = tokio::time::timeout(ANSWER, daemon.log).await.expect("stderr closes at exit").unwrap();
    assert!(log.contains("ListenStream="), "the error names the fix: {log}");
}

#[tokio::test]
async fn a_connect_to_a_socket_nobody_serves_yet_waits_for_the_starting_daemon() {
    // Several windows connect at once to a not-yet-started service: one daemon starts and
    // serves them all; none of them becomes an owner.
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session");
    let sandbox = SandboxProc::start(&session).await;
    sandbox.control(json!({"op": "policy", "policy": "reject-newcomer"})).await;
    let socket = dir.path().join("daemon.sock");
    let daemon = Activated::start(&session, socket.to_str().unwrap(), "daemon", &[]).await;
    let mut windows: Vec<Window> = (0..3).map(|_| daemon.window(&session)).collect();
    let owner = daemon.child.id().map(u64::from);
    for w in &mut windows {
        w.initialize().await;
        assert_eq!(w.call_ok("telegram-status", json!({})).await["ownerPid"].as_u64(), owner);
    }
    assert_eq!(sandbox.max_live().await, 1);
}

#[tokio::test]
async fn stopping_lets_the_calls_in_flight_finish() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session");
    let sandbox = SandboxProc::start(&session).await;
    let socket = dir.path().join("daemon.sock");
    let mut daemon = Activated::start(&session, socket.to_str().unwrap(), "daemon", &[]).await;
    let mut w = daemon.window(&session);
    w.initialize().await;
    daemon.until("READY=1").await;
    sandbox.control(json!({"op": "delay", "method": "messages.getHistory", "ms": 1500})).await;
    let call = json!({"jsonrpc": "2.0", "id": 77, "method": "tools/call",
        "params": {"name": "telegram-read-messages", "arguments": {"chatId": "@boris_p", "limit": 2}}});
    w.send_raw(format!("{call}\n").as_bytes()).await;
    // The call is in the sandbox's hands once it is logged there.
    sandbox.until_calls(|c| c.iter().any(|c| c["method"] == "messages.getHistory")).await;
    signal(daemon.child.id().unwrap(), "-TERM");
    let stopping = daemon.until("STOPPING=1").await;
    assert!(stopping.last().unwrap().contains("finishing 1 tool call"), "{stopping:?}");
    let answer = w.read().await;
    assert_eq!(answer["id"], json!(77));
    assert_eq!(answer["result"]["isError"], json!(false), "{answer}");
    let exit = tokio::time::timeout(ANSWER, daemon.child.wait()).await.unwrap().unwrap();
    assert!(exit.success(), "{exit}");
}

#[tokio::test]
async fn a_window_with_no_configuration_finds_the_user_service_socket() {
    // The per-user units listen on $XDG_RUNTIME_DIR/mcp-telegram/daemon.sock; a window with
    // neither TELEGRAM_SESSION_PATH nor MCP_TELEGRAM_SOCKET finds it by discovery.
    let dir = tempfile::tempdir().unwrap();
    let service = dir.path().join("service");
    std::fs::create_dir_all(&service).unwrap();
    let session = service.join("session");
    let _sandbox = SandboxProc::start(&session).await;
    let runtime = dir.path().join("run");
    std::fs::create_dir_all(runtime.join("mcp-telegram")).unwrap();
    let socket = runtime.join("mcp-telegram/daemon.sock");
    let daemon = Activated::start(&session, socket.to_str().unwrap(), "daemon", &[]).await;
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let mut command = tokio::process::Command::new(bin());
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("XDG_RUNTIME_DIR", &runtime);
    let mut w = Window::from_command(command);
    w.initialize().await;
    let status = w.call_ok("telegram-status", json!({})).await;
    assert_eq!(status["ownerPid"].as_u64(), daemon.child.id().map(u64::from));
    assert_eq!(status["session"], json!(session.to_str().unwrap()));
    assert!(!home.join(".mcp-telegram/session").exists(), "the window did not become an owner");
}

#[tokio::test]
async fn a_daemon_that_is_not_logged_in_is_ready_and_says_so() {
    // Never a restart loop for an unconfigured service: it comes up and explains.
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("state/session");
    std::fs::create_dir(dir.path().join("state")).unwrap();
    let socket = dir.path().join("daemon.sock");
    let daemon = Activated::start(&session, socket.to_str().unwrap(), "daemon", &[]).await;
    let mut w = daemon.window(&session);
    w.initialize().await;
    let ready = daemon.until("READY=1").await;
    assert!(ready.last().unwrap().contains("STATUS=not logged in: run `mcp-telegram login`"), "{ready:?}");
    let result = w.call("telegram-list-chats", json!({})).await;
    assert_eq!(result["isError"], json!(true));
    assert!(result["content"][0]["text"].as_str().unwrap().contains("mcp-telegram login"), "{result}");

    // The next start finds the session file the first one created (no key in it): still
    // "not logged in" at once, never a connection attempt that holds up READY.
    w.close().await;
    let mut daemon = daemon;
    signal(daemon.child.id().unwrap(), "-TERM");
    daemon.child.wait().await.unwrap();
    assert!(session.exists());
    std::fs::remove_file(&socket).unwrap();
    let again = Activated::start(&session, socket.to_str().unwrap(), "daemon", &[]).await;
    let mut w = again.window(&session);
    w.initialize().await;
    let ready = again.until("READY=1").await;
    assert!(ready.last().unwrap().contains("STATUS=not logged in"), "{ready:?}");
}
