//! Media through the real binary against the sandbox: every kind sent and fetched back byte
//! for byte, the big-file upload path, inline images, profile photos, progress seen by the
//! official Python SDK, cancellation mid-transfer, path escapes and byte caps.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::{Value, json};

use crate::python_clients::venv_python;
use crate::window::tool_error;
use crate::window::{ANSWER, SandboxProc, Window, bin, listening, socket_of};

/// A sandbox, a daemon serving it, and the daemon's files directory.
struct Setup {
    dir: tempfile::TempDir,
    sandbox: SandboxProc,
    _daemon: Window,
}

impl Setup {
    async fn start(env: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let sandbox = SandboxProc::start(&dir.path().join("session")).await;
        let daemon = Window::spawn_with(&sandbox.session, &["serve"], env);
        listening(&socket_of(&sandbox.session)).await;
        Self { dir, sandbox, _daemon: daemon }
    }

    /// The files directory (the default: `files/` beside the session).
    fn files(&self) -> PathBuf {
        self.dir.path().join("files")
    }

    fn put(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.files().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    async fn window(&self) -> Window {
        let mut w = Window::spawn_with(&self.sandbox.session, &[], &[("MCP_TELEGRAM_TOOLS", "media")]);
        w.initialize().await;
        w
    }

    async fn methods(&self) -> Vec<String> {
        self.sandbox.calls().await.iter().filter_map(|c| c["method"].as_str().map(str::to_owned)).collect()
    }
}

/// Deterministic bytes that do not compress.
fn noise(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// A valid RGB PNG of `w`×`h` pixels.
fn png(w: u32, h: u32, seed: u8) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(data);
        out.extend(kind);
        out.extend(data);
        out.extend(crc.finalize().to_be_bytes());
    }
    let mut raw = Vec::new();
    for y in 0..h {
        raw.push(0);
        for x in 0..w {
            raw.extend([(x as u8).wrapping_mul(seed), (y as u8).wrapping_add(seed), seed]);
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&raw).unwrap();
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", &[]);
    out
}

fn decode64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = text.bytes().filter(|c| *c != b'=').collect();
    let mut out = Vec::new();
    for chunk in clean.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, c)| n | (u32::from(value(*c)) << (18 - 6 * i)));
        out.extend(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

/// The image block of a result, decoded.
fn inline_image(result: &Value) -> Option<(String, Vec<u8>)> {
    let block = result["content"].as_array()?.iter().find(|b| b["type"] == "image")?;
    Some((block["mimeType"].as_str()?.to_owned(), decode64(block["data"].as_str()?)))
}

/// Sends a file with a tool and returns the new messages.
async fn send(w: &mut Window, tool: &str, args: Value) -> Vec<Value> {
    let sent = w.call_ok(tool, args).await;
    sent["messages"].as_array().unwrap().clone()
}

/// Downloads a message's file to `path` (inside the files directory) and returns its bytes.
async fn fetch(w: &mut Window, s: &Setup, chat: &str, message: &Value, path: &str) -> Vec<u8> {
    let id = message["id"].as_i64().unwrap();
    let got = w
        .call_ok("telegram-download-media", json!({"chatId": chat, "messageId": id, "downloadPath": path}))
        .await;
    assert_eq!(
        got["path"].as_str().map(PathBuf::from),
        Some(s.files().canonicalize().unwrap().join(path)),
        "{got}"
    );
    std::fs::read(s.files().join(path)).unwrap()
}

#[tokio::test]
async fn every_media_kind_round_trips_byte_for_byte() {
    let s = Setup::start(&[]).await;
    let mut w = s.window().await;
    let photo = png(64, 48, 7);
    s.put("photo.png", &photo);
    let notes = b"line one\nline two\n".to_vec();
    s.put("notes.txt", &notes);
    let clip = noise(300_000, 1);
    s.put("clip.mp4", &clip);
    let memo = noise(20_000, 2);
    s.put("memo.ogg", &memo);
    let round = noise(150_000, 3);
    s.put("round.mp4", &round);
    let (a, b) = (png(32, 32, 1), png(40, 20, 2));
    s.put("album/a.png", &a);
    s.put("album/b.png", &b);

    let cases: [(&str, Value, &str, &[u8]); 5] = [
        (
            "telegram-send-file",
            json!({"chatId": "me", "filePath": "photo.png", "caption": "a photo"}),
            "photo",
            &photo,
        ),
        ("telegram-send-file", json!({"chatId": "me", "filePath": "notes.txt"}), "document", &notes),
        ("telegram-send-file", json!({"chatId": "me", "filePath": "clip.mp4"}), "video", &clip),
        (
            "telegram-send-voice",
            json!({"chatId": "me", "filePath": "memo.ogg", "duration": 3}),
            "voice",
            &memo,
        ),
        (
            "telegram-send-video-note",
            json!({"chatId": "me", "filePath": "round.mp4", "duration": 5}),
            "video_note",
            &round,
        ),
    ];
    for (n, (tool, args, kind, bytes)) in cases.into_iter().enumerate() {
        let messages = send(&mut w, tool, args).await;
        assert_eq!(messages.len(), 1, "{tool}: {messages:?}");
        assert_eq!(messages[0]["media"], kind, "{tool}: {messages:?}");
        let back = fetch(&mut w, &s, "me", &messages[0], &format!("back/{n}")).await;
        assert!(back == bytes, "{tool}: {} bytes back for {}", back.len(), bytes.len());
    }
    let album = send(
        &mut w,
        "telegram-send-album",
        json!({"chatId": "me", "items": [{"filePath": "album/a.png", "caption": "first"}, {"filePath": "album/b.png"}]}),
    )
    .await;
    assert_eq!(album.len(), 2, "{album:?}");
    assert_eq!(album[0]["text"], "first");
    assert_eq!(fetch(&mut w, &s, "me", &album[0], "back/a.png").await, a);
    assert_eq!(fetch(&mut w, &s, "me", &album[1], "back/b.png").await, b);

    // Past 10 MiB the upload takes the big-file path.
    let big = noise(12 * 1024 * 1024 + 123, 4);
    s.put("big.bin", &big);
    let messages = send(&mut w, "telegram-send-file", json!({"chatId": "me", "filePath": "big.bin"})).await;
    assert!(fetch(&mut w, &s, "me", &messages[0], "back/big.bin").await == big, "the 12 MiB file differs");
    let methods = s.methods().await;
    assert!(methods.iter().any(|m| m == "upload.saveBigFilePart"), "{methods:?}");
    assert!(methods.iter().any(|m| m == "upload.saveFilePart"), "{methods:?}");

    // A photo fetched without a path is shown inline and saved nowhere.
    let shown = w.call("telegram-download-media", json!({"chatId": "me", "messageId": album[0]["id"]})).await;
    let (mime, bytes) = inline_image(&shown).unwrap_or_else(|| panic!("no image block: {shown}"));
    assert_eq!((mime.as_str(), bytes), ("image/png", a));
    assert_eq!(shown["structuredContent"]["path"], Value::Null, "{shown}");
    // A document is no image: it is not shown inline.
    let sent = send(&mut w, "telegram-send-file", json!({"chatId": "me", "filePath": "notes.txt"})).await;
    let args = json!({"chatId": "me", "messageId": sent[0]["id"], "inline": true});
    let why = tool_error(&w.call("telegram-download-media", args).await);
    assert!(why.contains("is not an image"), "{why}");
    // Nothing half-written anywhere.
    let parts = walk(&s.files()).into_iter().filter(|p| p.to_string_lossy().contains(".part-")).count();
    assert_eq!(parts, 0);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[tokio::test]
async fn profile_photos_are_shown_set_saved_and_deleted() {
    let s = Setup::start(&[]).await;
    let mut w = s.window().await;
    let boris = w.call("telegram-get-profile-photo", json!({"entityId": "@boris_p"})).await;
    let (_, bytes) = inline_image(&boris).unwrap_or_else(|| panic!("Boris's photo is inline: {boris}"));
    assert!(!bytes.is_empty());

    let mine = png(96, 96, 9);
    s.put("me.png", &mine);
    let set = w.call_ok("telegram-set-profile-photo", json!({"filePath": "me.png"})).await;
    let id = set["photo"]["id"].as_str().unwrap().to_owned();
    let saved =
        w.call_ok("telegram-get-profile-photo", json!({"entityId": "me", "savePath": "avatar.png"})).await;
    assert_eq!(saved["inline"], false, "{saved}");
    assert_eq!(std::fs::read(s.files().join("avatar.png")).unwrap(), mine, "the new photo comes back");

    let why = tool_error(&w.call("telegram-delete-profile-photo", json!({"photoIds": [id]})).await);
    assert!(why.contains("\"confirm\": true"), "{why}");
    let gone =
        w.call_ok("telegram-delete-profile-photo", json!({"photoIds": [id.clone()], "confirm": true})).await;
    assert_eq!(gone["deleted"], json!([id]), "{gone}");
    let again =
        w.call_ok("telegram-delete-profile-photo", json!({"photoIds": [id.clone()], "confirm": true})).await;
    assert_eq!(again["notFound"], json!([id]), "{again}");
}

#[tokio::test]
async fn paths_outside_the_files_directory_are_refused_before_any_upload() {
    let s = Setup::start(&[]).await;
    let mut w = s.window().await;
    s.put("inside.txt", b"ok");
    std::fs::write(s.dir.path().join("secret.txt"), b"private").unwrap();
    std::os::unix::fs::symlink(s.dir.path().join("secret.txt"), s.files().join("link.txt")).unwrap();
    std::os::unix::fs::symlink(s.dir.path(), s.files().join("up")).unwrap();
    let secret = s.dir.path().join("secret.txt");
    for (path, expected) in [
        ("../secret.txt", "`..` is not allowed"),
        (secret.to_str().unwrap(), "outside the files directory"),
        ("/etc/passwd", "outside the files directory"),
        ("link.txt", "outside the files directory"),
        ("up/secret.txt", "outside the files directory"),
        ("missing.txt", "no file missing.txt"),
        ("https://example.org/x.png", "is a URL"),
    ] {
        let why = tool_error(&w.call("telegram-send-file", json!({"chatId": "me", "filePath": path})).await);
        assert!(why.contains(expected), "{path}: {why}");
    }
    assert!(!s.methods().await.iter().any(|m| m.starts_with("upload.")), "nothing was uploaded");
    // Downloads may not escape either, and never replace a file.
    let sent = send(&mut w, "telegram-send-file", json!({"chatId": "me", "filePath": "inside.txt"})).await;
    let id = sent[0]["id"].clone();
    for (path, expected) in [
        ("../out.txt", "`..` is not allowed"),
        ("up/out.txt", "outside the files directory"),
        ("inside.txt", "exists already"),
    ] {
        let args = json!({"chatId": "me", "messageId": id, "downloadPath": path});
        let why = tool_error(&w.call("telegram-download-media", args).await);
        assert!(why.contains(expected), "{path}: {why}");
    }
    assert_eq!(std::fs::read(s.files().join("inside.txt")).unwrap(), b"ok", "not replaced");
    assert!(!s.dir.path().join("out.txt").exists());
}

#[tokio::test]
async fn byte_caps_refuse_large_transfers_and_leave_nothing() {
    let s = Setup::start(&[("MCP_TELEGRAM_MAX_UPLOAD", "64K"), ("MCP_TELEGRAM_MAX_DOWNLOAD", "16K")]).await;
    let mut w = s.window().await;
    s.put("huge.bin", &noise(100 * 1024, 5));
    let why =
        tool_error(&w.call("telegram-send-file", json!({"chatId": "me", "filePath": "huge.bin"})).await);
    assert!(why.contains("over the upload cap") && why.contains("MCP_TELEGRAM_MAX_UPLOAD"), "{why}");
    s.put("mid.bin", &noise(32 * 1024, 6));
    let sent = send(&mut w, "telegram-send-file", json!({"chatId": "me", "filePath": "mid.bin"})).await;
    let args = json!({"chatId": "me", "messageId": sent[0]["id"], "downloadPath": "mid-back.bin"});
    let why = tool_error(&w.call("telegram-download-media", args).await);
    assert!(why.contains("over the cap of 16.4 KB (MCP_TELEGRAM_MAX_DOWNLOAD)"), "{why}");
    assert!(!s.files().join("mid-back.bin").exists());
    assert_eq!(walk(&s.files()).len(), 2, "only the two sources: {:?}", walk(&s.files()));
}

/// Sends a `tools/call` with a progress token and returns once the first progress arrives.
async fn start_with_progress(w: &mut Window, id: u64, tool: &str, args: Value) -> Value {
    let call = json!({"jsonrpc": "2.0", "id": id, "method": "tools/call",
        "params": {"name": tool, "arguments": args, "_meta": {"progressToken": format!("t{id}")}}});
    w.send_raw(format!("{call}\n").as_bytes()).await;
    loop {
        let line = w.read().await;
        if line["method"] == "notifications/progress" {
            assert_eq!(line["params"]["progressToken"], format!("t{id}"));
            return line;
        }
        assert_ne!(line["id"], json!(id), "the call ended before any progress: {line}");
    }
}

async fn cancel(w: &mut Window, id: u64) {
    let note = json!({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": id, "reason": "test"}});
    w.send_raw(format!("{note}\n").as_bytes()).await;
}

#[tokio::test]
async fn cancelled_transfers_stop_and_leave_nothing_behind() {
    let s = Setup::start(&[]).await;
    let mut w = s.window().await;
    s.put("big.bin", &noise(6 * 1024 * 1024, 7));
    let sent = send(&mut w, "telegram-send-file", json!({"chatId": "me", "filePath": "big.bin"})).await;

    // A download, slowed down, cancelled after its first progress report.
    s.sandbox.control(json!({"op": "delay", "method": "upload.getFile", "ms": 150})).await;
    let args = json!({"chatId": "me", "messageId": sent[0]["id"], "downloadPath": "partial.bin"});
    start_with_progress(&mut w, 9001, "telegram-download-media", args).await;
    cancel(&mut w, 9001).await;
    w.call_ok("telegram-status", json!({})).await;
    s.sandbox.control(json!({"op": "delay", "method": "upload.getFile", "ms": 0})).await;
    let left: Vec<PathBuf> = walk(&s.files()).into_iter().filter(|p| !p.ends_with("big.bin")).collect();
    assert_eq!(left, Vec::<PathBuf>::new(), "no file and no partial file");

    // An upload, cancelled the same way, sends no message.
    s.sandbox.control(json!({"op": "clear-calls"})).await;
    s.sandbox.control(json!({"op": "delay", "method": "upload.saveFilePart", "ms": 150})).await;
    s.put("slow.bin", &noise(4 * 1024 * 1024, 8));
    start_with_progress(&mut w, 9002, "telegram-send-file", json!({"chatId": "me", "filePath": "slow.bin"}))
        .await;
    cancel(&mut w, 9002).await;
    w.call_ok("telegram-status", json!({})).await;
    // A cancelled upload that kept going would send its 8 parts and the message within ~1.2 s;
    // watch the log for longer than that.
    let kept_going = tokio::time::timeout(std::time::Duration::from_secs(3), async {
        loop {
            let methods = s.methods().await;
            let parts = methods.iter().filter(|m| *m == "upload.saveFilePart").count();
            if parts >= 8 || methods.iter().any(|m| m == "messages.sendMedia") {
                return methods;
            }
            // The same 10 ms poll as SandboxProc::until_calls, not a spin on the control socket.
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    });
    if let Ok(methods) = kept_going.await {
        panic!("the cancelled upload went on: {methods:?}");
    }
    s.sandbox.control(json!({"op": "delay", "method": "upload.saveFilePart", "ms": 0})).await;
}

#[tokio::test]
async fn the_python_sdk_sees_transfer_progress() {
    let s = Setup::start(&[]).await;
    s.put("progress.bin", &noise(3 * 1024 * 1024, 9));
    let python = venv_python().await;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/progress.py");
    let args = json!({"chatId": "me", "filePath": "progress.bin"});
    let mut cmd = tokio::process::Command::new(python);
    cmd.arg(script)
        .args(["telegram-send-file", &args.to_string(), "--", bin()])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", s.dir.path())
        .env("TELEGRAM_SESSION_PATH", &s.sandbox.session)
        .env("TELEGRAM_API_ID", "12345")
        .env("MCP_TELEGRAM_TOOLS", "media")
        .stdin(Stdio::null())
        .kill_on_drop(true);
    let out = tokio::time::timeout(ANSWER * 2, cmd.output()).await.unwrap().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "progress.py: {stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["is_error"], false, "{report}");
    let seen = report["progress"].as_array().unwrap();
    assert!(!seen.is_empty(), "{report}");
    let values: Vec<f64> = seen.iter().map(|p| p["progress"].as_f64().unwrap()).collect();
    assert!(values.len() >= 2, "several reports for 6 parts: {values:?}");
    assert!(values.windows(2).all(|w| w[0] < w[1]), "progress only grows: {values:?}");
    assert_eq!(values.last().copied(), Some((3 * 1024 * 1024) as f64), "{report}");
    assert_eq!(seen[0]["total"], json!((3 * 1024 * 1024) as f64));
}
