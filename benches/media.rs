//! Media transfer: a 200 MB file sent through a window to Saved Messages and downloaded back,
//! against the sandbox, on the release binary. Reports throughput each way and the peak
//! resident memory of the daemon (the process that streams the parts), of the window and of
//! the sandbox: streaming must keep them bounded, far below the file's size.
//!
//! Run: `cargo bench --bench media`. Numbers for this machine are in the README.

use std::io::Write;
use std::time::Instant;

use serde_json::json;

#[allow(dead_code, clippy::unwrap_used)]
#[path = "../tests/it/window.rs"]
mod window;

use window::{SandboxProc, Window, socket_of};

const SIZE: usize = 200 * 1000 * 1000;

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let session = dir.path().join("session");
    let sandbox = SandboxProc::start(&session).await;
    let daemon = Window::spawn_with(&session, &["serve"], &[]);
    window::listening(&socket_of(&session)).await;
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).expect("files dir");
    let source = files.join("big.bin");
    write_noise(&source, SIZE);

    let mut w = Window::spawn_with(&session, &[], &[("MCP_TELEGRAM_TOOLS", "media")]);
    w.initialize().await;
    let before = peak_kib(daemon.pid());

    let started = Instant::now();
    let sent = w.call_ok("telegram-send-file", json!({"chatId": "me", "filePath": "big.bin"})).await;
    let up = started.elapsed().as_secs_f64();
    let id = sent["messages"][0]["id"].clone();

    let started = Instant::now();
    let args = json!({"chatId": "me", "messageId": id, "downloadPath": "back.bin"});
    let got = w.call_ok("telegram-download-media", args).await;
    let down = started.elapsed().as_secs_f64();
    assert_eq!(got["size"], json!(SIZE), "{got}");
    assert!(same(&source, &files.join("back.bin")), "the download differs from the upload");

    let mb = SIZE as f64 / 1e6;
    report("upload 200 MB (send-file)", format!("{:.0} MB/s ({up:.1} s)", mb / up));
    report("download 200 MB (download-media)", format!("{:.0} MB/s ({down:.1} s)", mb / down));
    let after = peak_kib(daemon.pid());
    report(
        "daemon peak RSS, before → after both transfers",
        format!("{:.1} → {:.1} MiB", mib(before), mib(after)),
    );
    report("window peak RSS", format!("{:.1} MiB", mib(peak_kib(w.pid()))));
    report(
        "sandbox peak RSS (stores the file on disk)",
        format!("{:.1} MiB", mib(peak_kib(sandbox.child.id().unwrap_or(0)))),
    );
    w.close().await;
}

fn report(what: &str, value: String) {
    eprintln!("{what:<52} {value}");
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn write_noise(path: &std::path::Path, size: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut block = vec![0u8; 1 << 20];
    let mut left = size;
    while left > 0 {
        for b in block.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
        let n = left.min(block.len());
        out.write_all(&block[..n]).expect("write");
        left -= n;
    }
}

fn same(a: &std::path::Path, b: &std::path::Path) -> bool {
    use std::io::Read;
    let (mut fa, mut fb) = (std::fs::File::open(a).expect("open a"), std::fs::File::open(b).expect("open b"));
    let (mut ba, mut bb) = (vec![0u8; 1 << 20], vec![0u8; 1 << 20]);
    loop {
        let n = fa.read(&mut ba).expect("read a");
        let m = fb.read_exact(&mut bb[..n]).map(|()| n);
        if m.is_err() || ba[..n] != bb[..n] {
            return false;
        }
        if n == 0 {
            return fb.read(&mut bb).expect("read b") == 0;
        }
    }
}

/// Peak resident memory (VmHWM) of a process, in KiB.
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
