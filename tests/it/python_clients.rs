//! The official Python MCP SDK (PyPI `mcp`) drives the built binary as a thin client of a
//! running owner, in both protocol eras, through the shared smoke tool `mcp_smoke.py`: it lists
//! the tools, checks every schema, calls a tool and validates `structuredContent`.
//!
//! The SDK lives in a virtualenv under `target/py-mcp`, created on first use (idempotent, and
//! guarded by a lock file so concurrent test processes create it once).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::process::Command;

use crate::window::{ANSWER, SandboxProc, Window, bin, signal, socket_of};

/// What the virtualenv holds; the marker file records it.
const REQUIREMENTS: [&str; 2] = ["mcp==2.3.0", "jsonschema"];
/// Bound for creating the virtualenv (network installs).
const INSTALL_TIMEOUT: Duration = Duration::from_secs(300);
/// Bound for one smoke-tool run.
const SMOKE_TIMEOUT: Duration = Duration::from_secs(60);

/// Every tool the server must list, sorted (rmcp lists by name).
const TOOLS: [&str; 18] = [
    "telegram-delete-message",
    "telegram-edit-message",
    "telegram-forward-message",
    "telegram-get-chat-info",
    "telegram-get-message-link",
    "telegram-get-replies",
    "telegram-get-unread",
    "telegram-list-chats",
    "telegram-login",
    "telegram-logout",
    "telegram-mark-as-read",
    "telegram-read-messages",
    "telegram-search-chats",
    "telegram-search-global",
    "telegram-search-messages",
    "telegram-send-message",
    "telegram-status",
    "telegram-wait-for-messages",
];

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `$MCP_SMOKE`, or the shared tool beside the crate.
fn smoke_script() -> PathBuf {
    let path = std::env::var_os("MCP_SMOKE")
        .map_or_else(|| crate_dir().join("../shared/tools/mcp_smoke.py"), PathBuf::from);
    assert!(
        path.is_file(),
        "the MCP smoke tool is missing at {}: check out shared/tools/mcp_smoke.py beside the crate or set MCP_SMOKE",
        path.display()
    );
    path
}

/// The virtualenv's python with the SDK installed (created once per test process).
pub(crate) async fn venv_python() -> PathBuf {
    static VENV: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let venv = tokio::task::spawn_blocking(|| VENV.get_or_init(make_venv).clone()).await.unwrap();
    venv.unwrap_or_else(|e| panic!("failed to set up the Python MCP SDK: {e}"))
}

fn make_venv() -> Result<PathBuf, String> {
    let target = crate_dir().join("target");
    std::fs::create_dir_all(&target).map_err(|e| format!("create {}: {e}", target.display()))?;
    let venv = target.join("py-mcp");
    let python = venv.join("bin").join("python");
    let marker = venv.join(".mcp-telegram-requirements");
    let wanted = REQUIREMENTS.join("\n");

    // Held until this function returns: another test process waits here, then finds the marker.
    let lock_path = target.join("py-mcp.lock");
    let lock = File::create(&lock_path).map_err(|e| format!("create {}: {e}", lock_path.display()))?;
    lock.lock().map_err(|e| format!("lock {}: {e}", lock_path.display()))?;

    if python.is_file() && std::fs::read_to_string(&marker).is_ok_and(|m| m == wanted) {
        return Ok(python);
    }
    // Missing or half-made (no marker): start from a clean venv.
    let log = target.join("py-mcp-install.log");
    let mut create = std::process::Command::new("python3");
    create.args(["-m", "venv", "--clear"]).arg(&venv);
    run_logged(create, &log)?;
    let mut install = std::process::Command::new(&python);
    install.args(["-m", "pip", "install", "--quiet"]).args(REQUIREMENTS);
    run_logged(install, &log)?;
    std::fs::write(&marker, &wanted).map_err(|e| format!("write {}: {e}", marker.display()))?;
    Ok(python)
}

/// Runs a setup command with its output appended to `log`, within [`INSTALL_TIMEOUT`].
fn run_logged(mut command: std::process::Command, log: &Path) -> Result<(), String> {
    let open = || std::fs::OpenOptions::new().create(true).append(true).open(log);
    let (out, err) = (open().map_err(|e| e.to_string())?, open().map_err(|e| e.to_string())?);
    let shown = format!("{command:?}");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("{shown}: failed to start: {e}"))?;
    let deadline = Instant::now() + INSTALL_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "{shown} did not finish within {INSTALL_TIMEOUT:?} (log: {})",
                log.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    if status.success() {
        return Ok(());
    }
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let tail: Vec<&str> = text.lines().rev().take(20).collect::<Vec<_>>().into_iter().rev().collect();
    Err(format!("{shown} failed ({status}); end of {}:\n{}", log.display(), tail.join("\n")))
}

/// A sandbox with an owner daemon (`mcp-telegram serve`) listening on its socket.
struct Owner {
    dir: tempfile::TempDir,
    sandbox: SandboxProc,
    daemon: Window,
}

impl Owner {
    async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let sandbox = SandboxProc::start(&dir.path().join("session")).await;
        let daemon = Window::spawn_with(&sandbox.session, &["serve"], &[]);
        let socket = socket_of(&sandbox.session);
        let deadline = tokio::time::Instant::now() + ANSWER;
        while tokio::net::UnixStream::connect(&socket).await.is_err() {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the daemon never listened on {}",
                socket.display()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        Self { dir, sandbox, daemon }
    }

    /// Runs the smoke tool with a thin-client window as its server; returns the report and the
    /// server window's stderr.
    async fn smoke(&self, mode: &str, tool: &str, args: &Value) -> (Value, String) {
        let python = venv_python().await;
        let home = self.dir.path();
        let server_log = home.join(format!("server-{mode}-{tool}.log"));
        let envs = [
            format!("TELEGRAM_SESSION_PATH={}", self.sandbox.session.display()),
            "TELEGRAM_API_ID=12345".to_owned(),
            format!("HOME={}", home.display()),
            "RUST_LOG=info,mcp_telegram=debug".to_owned(),
        ];
        let mut command = Command::new(&python);
        command
            .arg(smoke_script())
            .args(["--mode", mode, "--timeout", "20", "--call", tool, "--args", &args.to_string()])
            .arg("--server-stderr")
            .arg(&server_log);
        for env in &envs {
            command.args(["--env", env]);
        }
        command
            .arg("--")
            .arg(bin())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", home)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let started = Instant::now();
        let child = command.spawn().unwrap();
        let output = tokio::time::timeout(SMOKE_TIMEOUT, child.wait_with_output())
            .await
            .unwrap_or_else(|_| panic!("mcp_smoke.py --mode {mode} --call {tool} ran over {SMOKE_TIMEOUT:?}"))
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!("mcp_smoke.py --mode {mode} printed no JSON report ({e}); {}\nstdout: {stdout}\nstderr: {stderr}", output.status)
        });
        let server_stderr = std::fs::read_to_string(&server_log).unwrap_or_default();
        assert!(
            output.status.success() && report["exit_code"] == 0,
            "mcp_smoke.py --mode {mode} --call {tool} failed: {}\nreport: {report:#}\nstderr: {stderr}\nserver stderr: {server_stderr}",
            output.status
        );
        eprintln!(
            "mcp_smoke.py --mode {mode} --call {tool}: {:?}, {}",
            started.elapsed(),
            report["timings_ms"]
        );
        (report, server_stderr)
    }

    /// Both smoke runs in one era: read two messages, then ask who the owner is.
    async fn check_era(mut self, mode: &str, era: &str, version: &str) {
        let args = json!({"chatId": "@boris_p", "limit": 2});
        let (report, server_stderr) = self.smoke(mode, "telegram-read-messages", &args).await;
        assert_eq!(report["mcp_sdk"], "2.3.0", "the pinned official SDK");
        assert_eq!(report["connect"]["era"], era, "{}", report["connect"]);
        assert_eq!(report["connect"]["protocolVersion"], version, "{}", report["connect"]);
        assert_eq!(report["connect"]["serverInfo"]["name"], "mcp-telegram");
        assert_eq!(
            report["connect"]["capabilities"],
            json!({"tools": {}, "resources": {"subscribe": true}}),
            "tools and subscribable chat resources"
        );

        let mut names: Vec<&str> =
            report["tools"]["names"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
        names.sort_unstable();
        assert_eq!(names, TOOLS, "the default (core) tools, each once");
        assert_eq!(report["tools"]["count"], TOOLS.len());
        assert_eq!(report["schema_problems"], json!([]), "schemas the SDK and jsonschema accept");
        assert_eq!(report["warnings"], json!([]));
        for tool in report["tool_definitions"].as_array().unwrap() {
            assert!(tool["outputSchema"].is_object(), "{} declares its output", tool["name"]);
        }

        let result = &report["call"]["result"];
        assert_ne!(result["isError"], true, "{result}");
        let page = &result["structuredContent"];
        assert_eq!(page["messages"].as_array().map(Vec::len), Some(2), "two messages: {page}");
        assert_eq!(page["chat"]["id"], 7_000_002, "Борис's chat: {}", page["chat"]);
        assert!(result["content"][0]["text"].as_str().is_some_and(|t| !t.is_empty()), "{result}");

        // The SDK's server process was a thin client of the daemon, not an owner itself.
        let daemon = self.daemon.pid();
        assert!(
            server_stderr.contains(&format!("attached to the owner owner_pid={daemon}")),
            "the smoke tool's server attached to the daemon {daemon}:\n{server_stderr}"
        );
        assert!(!server_stderr.contains("became the owner"), "{server_stderr}");
        let (report, _) = self.smoke(mode, "telegram-status", &json!({})).await;
        let status = &report["call"]["result"]["structuredContent"];
        assert_eq!(status["ownerPid"], json!(daemon), "{status}");
        assert_eq!(status["state"], "connected", "{status}");
        assert!(
            status["clients"].as_u64().is_some_and(|n| n >= 1),
            "the smoke window was attached: {status}"
        );

        // The daemon outlived both clients and stops cleanly.
        assert!(self.daemon.child.try_wait().unwrap().is_none(), "the daemon is still running");
        signal(daemon, "-TERM");
        let exit = tokio::time::timeout(ANSWER, self.daemon.child.wait()).await.unwrap().unwrap();
        assert!(exit.success(), "the daemon exits cleanly: {exit}");
    }
}

#[tokio::test]
async fn python_sdk_legacy_era_lists_and_calls_through_a_thin_client() {
    Owner::start().await.check_era("legacy", "legacy", "2025-11-25").await;
}

#[tokio::test]
async fn python_sdk_auto_negotiates_the_modern_era_through_a_thin_client() {
    Owner::start().await.check_era("auto", "modern", "2026-07-28").await;
}

#[tokio::test]
async fn python_sdk_pinned_to_2026_07_28_lists_and_calls_through_a_thin_client() {
    Owner::start().await.check_era("2026-07-28", "modern", "2026-07-28").await;
}
