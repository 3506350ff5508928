//! Driving the built binary like an MCP host does: spawn `mcp-telegram` with a session, speak
//! JSON-RPC lines on its stdio, and run `mcp-telegram sandbox` processes to talk to.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::net::UnixStream;
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

/// How long a test waits for any single answer before it fails.
pub(crate) const ANSWER: Duration = Duration::from_secs(30);

/// A `mcp-telegram sandbox` process and the session it wrote.
pub(crate) struct SandboxProc {
    /// The process; it is killed when this value drops.
    pub(crate) child: Child,
    /// Its ready line (`listen`, `session`, `control`).
    pub(crate) ready: Value,
    pub(crate) session: PathBuf,
    pub(crate) control: PathBuf,
}

/// An MCP window: the binary with its stdio as our JSON-RPC pipe.
pub(crate) struct Window {
    pub(crate) child: Child,
    stdin: ChildStdin,
    lines: Lines<BufReader<ChildStdout>>,
    next_id: u64,
}

/// The owner socket of a session file (the default, beside it).
pub(crate) fn socket_of(session: &Path) -> PathBuf {
    mcp_telegram::config::with_suffix(session, ".daemon.sock")
}

pub(crate) fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_mcp-telegram")
}

/// The binary with `args` and a session's environment, nothing inherited but `PATH`.
pub(crate) fn command(session: &Path, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(bin());
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", session.parent().unwrap())
        .env("TELEGRAM_SESSION_PATH", session)
        .env("TELEGRAM_API_ID", "12345");
    command
}

/// Waits (bounded) until an owner accepts connections on `socket`.
pub(crate) async fn listening(socket: &Path) {
    let waited = tokio::time::timeout(ANSWER, async {
        while UnixStream::connect(socket).await.is_err() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    });
    waited.await.expect("the daemon listens");
}

impl SandboxProc {
    /// Starts a sandbox writing `session` and waits for its ready line.
    pub(crate) async fn start(session: &Path) -> Self {
        Self::start_with(session, &[]).await
    }

    /// Starts a sandbox with extra arguments (e.g. `--signed-out`).
    pub(crate) async fn start_with(session: &Path, args: &[&str]) -> Self {
        let mut child = Command::new(bin())
            .args(["sandbox", "--session"])
            .arg(session)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).await.unwrap();
        let ready: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("ready line {line:?}: {e}"));
        let control = PathBuf::from(ready["control"].as_str().unwrap());
        Self { child, ready, session: session.to_owned(), control }
    }

    /// One control request (see the sandbox's control protocol).
    pub(crate) async fn control(&self, request: Value) -> Value {
        self.control_raw(&request.to_string()).await
    }

    /// One control request line as given, well-formed or not.
    pub(crate) async fn control_raw(&self, request: &str) -> Value {
        let mut stream = UnixStream::connect(&self.control).await.unwrap();
        stream.write_all(format!("{request}\n").as_bytes()).await.unwrap();
        let mut line = String::new();
        BufReader::new(&mut stream).read_line(&mut line).await.unwrap();
        serde_json::from_str(&line).unwrap()
    }

    /// The RPC log (`{"op":"calls"}`).
    pub(crate) async fn calls(&self) -> Vec<Value> {
        self.control(json!({"op": "calls"})).await["calls"].as_array().unwrap().clone()
    }

    /// Polls the RPC log until `pred` holds (bounded).
    pub(crate) async fn until_calls(&self, pred: impl Fn(&[Value]) -> bool) {
        let waited = tokio::time::timeout(ANSWER, async {
            while !pred(&self.calls().await) {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        });
        waited.await.expect("the sandbox saw the expected calls");
    }

    /// The most connections ever live on the session's key.
    pub(crate) async fn max_live(&self) -> u64 {
        let stats = self.control(json!({"op": "stats"})).await;
        stats["keys"].as_array().unwrap().iter().map(|k| k["max_live"].as_u64().unwrap()).max().unwrap_or(0)
    }
}

impl Window {
    /// Starts a window on `session` (a sandbox session file).
    pub(crate) fn spawn(session: &Path) -> Self {
        Self::spawn_with(session, &[], &[])
    }

    pub(crate) fn spawn_with(session: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut command = Command::from(command(session, args));
        command
            .env("RUST_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true);
        for (k, v) in env {
            command.env(k, v);
        }
        Self::from_command(command)
    }

    /// Starts a window from a prepared command (its environment as given).
    pub(crate) fn from_command(mut command: Command) -> Self {
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).kill_on_drop(true);
        let mut child = command.spawn().unwrap();
        let stdin = child.stdin.take().unwrap();
        let lines = BufReader::new(child.stdout.take().unwrap()).lines();
        Self { child, stdin, lines, next_id: 1 }
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.id().unwrap()
    }

    /// Writes raw bytes to the window's stdin.
    pub(crate) async fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).await.unwrap();
        self.stdin.flush().await.unwrap();
    }

    /// The next JSON line on stdout (fails the test on anything else).
    pub(crate) async fn read(&mut self) -> Value {
        let line =
            tokio::time::timeout(ANSWER, self.lines.next_line()).await.expect("an answer in time").unwrap();
        let line = line.expect("stdout open");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("stdout carried a non-JSON line {line:?}: {e}"))
    }

    /// Sends a request and returns the response with the same id.
    pub(crate) async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(format!("{msg}\n").as_bytes()).await;
        loop {
            let answer = self.read().await;
            if answer["id"] == json!(id) {
                return answer;
            }
        }
    }

    /// The legacy handshake.
    pub(crate) async fn initialize(&mut self) -> Value {
        let params = json!({"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "it", "version": "1"}});
        let answer = self.request("initialize", params).await;
        self.send_raw(b"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n").await;
        answer
    }

    /// Calls a tool and returns its `result` (panics on a JSON-RPC error).
    pub(crate) async fn call(&mut self, tool: &str, args: Value) -> Value {
        let answer = self.request("tools/call", json!({"name": tool, "arguments": args})).await;
        assert!(answer.get("error").is_none(), "{tool}: {answer}");
        answer["result"].clone()
    }

    /// Calls a tool that must succeed and returns its `structuredContent`.
    pub(crate) async fn call_ok(&mut self, tool: &str, args: Value) -> Value {
        let result = self.call(tool, args).await;
        assert_eq!(result["isError"], json!(false), "{tool}: {result}");
        result["structuredContent"].clone()
    }

    /// The pid of the owner this window is served by.
    pub(crate) async fn owner_pid(&mut self) -> u64 {
        self.call_ok("telegram-status", json!({})).await["ownerPid"].as_u64().unwrap()
    }

    /// Closes stdin and waits for the exit status.
    pub(crate) async fn close(mut self) -> std::process::ExitStatus {
        drop(self.stdin);
        tokio::time::timeout(ANSWER, self.child.wait()).await.expect("exit after stdin EOF").unwrap()
    }
}

/// Sends a signal to a process.
pub(crate) fn signal(pid: u32, sig: &str) {
    let status = std::process::Command::new("kill").args([sig, &pid.to_string()]).status().unwrap();
    assert!(status.success(), "kill {sig} {pid}");
}

/// The text of a tool error (panics unless the result is one).
pub(crate) fn tool_error(result: &Value) -> String {
    assert_eq!(result["isError"], json!(true), "expected a tool error: {result}");
    result["content"][0]["text"].as_str().unwrap().to_owned()
}
