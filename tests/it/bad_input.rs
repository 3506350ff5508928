//! Every bad input a user (on a window's stdin) or a peer (on the owner socket) can send gets a
//! clear error, the process survives, and nothing is lost or sent by accident.

use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::UnixStream;
use tokio::net::unix::{OwnedReadHalf, OwnedWriteHalf};

use crate::window::{ANSWER, SandboxProc, Window, signal, socket_of};

/// `ipc::MAX_MESSAGE`: the largest line a window or the owner accepts.
const MAX_MESSAGE: usize = 16 * 1024 * 1024;

/// A sandbox and an initialized window that became its owner.
async fn owner() -> (TempDir, SandboxProc, Window) {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn(&sandbox.session);
    let init = w.initialize().await;
    assert_eq!(init["result"]["serverInfo"]["name"], "mcp-telegram", "{init}");
    assert_eq!(w.owner_pid().await, u64::from(w.pid()), "the first window owns the session");
    (dir, sandbox, w)
}

/// An initialized thin client of `owner`'s session.
async fn client(sandbox: &SandboxProc, owner: &Window) -> Window {
    let mut w = Window::spawn(&sandbox.session);
    w.initialize().await;
    assert_eq!(w.owner_pid().await, u64::from(owner.pid()), "a second window is a thin client");
    w
}

/// Proves a window still serves real Telegram calls.
async fn works(w: &mut Window) {
    let page = w.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 2})).await;
    assert_eq!(page["messages"].as_array().unwrap().len(), 2, "{page}");
}

/// The text of a tool result that must be `isError: true`.
fn tool_error(result: &Value) -> String {
    assert_eq!(result["isError"], json!(true), "expected a tool error: {result}");
    assert!(result.get("structuredContent").is_none(), "an error carries no data: {result}");
    let texts: Vec<&str> =
        result["content"].as_array().unwrap().iter().filter_map(|c| c["text"].as_str()).collect();
    assert!(!texts.is_empty(), "the error explains itself: {result}");
    texts.join("\n")
}

/// A JSON-RPC error answer: asserts its code and returns its message.
fn rpc_error(answer: &Value, code: i64) -> String {
    assert!(answer.get("result").is_none(), "expected an error, got a result: {answer}");
    assert_eq!(answer["error"]["code"], json!(code), "{answer}");
    answer["error"]["message"].as_str().unwrap().to_owned()
}

/// The sandbox's RPC log entries for one method.
async fn calls_of(sandbox: &SandboxProc, method: &str) -> Vec<Value> {
    let log = sandbox.control(json!({"op": "calls"})).await;
    log["calls"].as_array().unwrap().iter().filter(|c| c["method"] == method).cloned().collect()
}

/// Polls `probe` every 20 ms until it returns `Some`, failing after [`ANSWER`].
async fn eventually<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + ANSWER;
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(tokio::time::Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// One line from a raw socket peer's view (`None` at EOF).
async fn read_json(reader: &mut BufReader<OwnedReadHalf>) -> Option<Value> {
    let mut line = String::new();
    let n =
        tokio::time::timeout(ANSWER, reader.read_line(&mut line)).await.expect("an answer in time").unwrap();
    (n > 0).then(|| serde_json::from_str(&line).unwrap_or_else(|e| panic!("non-JSON line {line:?}: {e}")))
}

/// Asserts the owner closed this connection (EOF within [`ANSWER`]).
async fn assert_closed(reader: &mut BufReader<OwnedReadHalf>) {
    let mut rest = Vec::new();
    let read = tokio::time::timeout(ANSWER, reader.read_to_end(&mut rest)).await;
    let n = read.expect("the owner closes a refused peer").unwrap_or(0);
    assert_eq!(n, 0, "nothing after the refusal: {:?}", String::from_utf8_lossy(&rest));
}

/// Connects to the owner socket as a raw peer and sends `first` as its hello.
async fn raw_peer(session: &Path, first: &[u8]) -> (BufReader<OwnedReadHalf>, OwnedWriteHalf) {
    let stream = UnixStream::connect(socket_of(session)).await.unwrap();
    let (read, mut write) = stream.into_split();
    write.write_all(first).await.unwrap();
    (BufReader::new(read), write)
}

const IPC: u32 = mcp_telegram::ipc::PROTOCOL_VERSION;

fn hello(ipc: u32, session: &str) -> Vec<u8> {
    let mut line = serde_json::to_vec(
        &json!({"ipc": ipc, "session": session, "pid": std::process::id(), "version": "it"}),
    )
    .unwrap();
    line.push(b'\n');
    line
}

/// Writes `size` bytes of JSON string content inside a `tools/call` line, in 1 MiB chunks.
async fn send_huge_line(w: &mut Window, id: u64, size: usize) {
    let head = format!(
        r#"{{"jsonrpc":"2.0","id":{id},"method":"tools/call","params":{{"name":"telegram-send-message","arguments":{{"chatId":"me","text":""#
    );
    w.send_raw(head.as_bytes()).await;
    let chunk = vec![b'a'; 1024 * 1024];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len());
        w.send_raw(&chunk[..n]).await;
        left -= n;
    }
    w.send_raw(b"\"}}}\n").await;
}

/// Peak resident memory of a process (`VmHWM`), in KiB.
fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[tokio::test]
async fn malformed_json_gets_a_parse_error_and_the_window_carries_on() {
    let (_dir, _sandbox, mut w) = owner().await;
    for bad in [&b"{not json\n"[..], b"{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\n", b"\xff\xfe\x00garbage\n"]
    {
        w.send_raw(bad).await;
        let answer = w.read().await;
        let message = rpc_error(&answer, -32700);
        assert_eq!(answer.get("id"), Some(&Value::Null), "no id can be read from {bad:?}: {answer}");
        assert_eq!(answer["jsonrpc"], "2.0");
        assert!(message.contains("parse error"), "{message}");
    }
    // A blank line is no message at all: no answer, and the next request is answered first.
    w.send_raw(b"   \n").await;
    w.send_raw(b"{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"tools/list\"}\n").await;
    let answer = w.read().await;
    assert_eq!(answer["id"], "after", "{answer}");
    assert!(answer["result"]["tools"].as_array().unwrap().len() >= 15, "{answer}");
    works(&mut w).await;
}

#[tokio::test]
async fn unknown_methods_and_tools_are_json_rpc_errors() {
    let (_dir, _sandbox, mut w) = owner().await;
    let answer = w.request("telegram/frobnicate", json!({})).await;
    let message = rpc_error(&answer, -32601);
    assert!(message.contains("telegram/frobnicate"), "{message}");
    // Not declared as a capability, so not served either.
    rpc_error(&w.request("prompts/list", json!({})).await, -32601);
    // A resource that is no chat is an invalid-params error.
    let message = rpc_error(&w.request("resources/read", json!({"uri": "telegram://user/1"})).await, -32602);
    assert!(message.contains("telegram://chat/<id>"), "{message}");

    let answer = w.request("tools/call", json!({"name": "telegram-nope", "arguments": {}})).await;
    let message = rpc_error(&answer, -32602);
    assert!(message.contains("not found"), "{message}");

    works(&mut w).await;
}

/// JSON that is no valid request, and requests with malformed params, get the JSON-RPC codes
/// the specs prescribe. Every deviation is collected, so one run lists them all.
#[tokio::test]
async fn malformed_requests_get_the_prescribed_json_rpc_errors() {
    let (_dir, _sandbox, mut w) = owner().await;
    let mut wrong = Vec::new();
    // JSON-RPC 2.0 §5: an error answer always has `id`, null when it cannot be determined.
    for line in
        [r#""just a string""#, "[1,2]", "42", "{}", r#"{"jsonrpc":"2.0","id":{"a":1},"method":"tools/list"}"#]
    {
        w.send_raw(format!("{line}\n").as_bytes()).await;
        let answer = w.read().await;
        if answer["error"]["code"] != -32600 || answer.get("id") != Some(&Value::Null) {
            wrong.push(format!("{line} → {answer} (want -32600 with \"id\":null)"));
        }
    }
    // JSON-RPC -32602 (invalid params) for params of the wrong shape; MCP pagination: an invalid
    // cursor SHOULD be -32602.
    let cases = [
        ("tools/call", json!({"name": "telegram-status", "arguments": "x"})),
        ("tools/call", json!({"arguments": {}})),
        ("tools/list", json!({"cursor": "bogus"})),
    ];
    for (method, params) in cases {
        let answer = w.request(method, params.clone()).await;
        if answer["error"]["code"] != -32602 {
            wrong.push(format!("{method} {params} → {} (want -32602)", shorten(&answer)));
        }
    }
    works(&mut w).await;
    assert!(
        wrong.is_empty(),
        "{} malformed requests got the wrong error:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

fn shorten(answer: &Value) -> String {
    let text = answer.to_string();
    match text.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

#[tokio::test]
async fn wrong_argument_types_are_tool_errors_and_send_nothing() {
    let (_dir, sandbox, mut w) = owner().await;
    let cases = [
        ("telegram-read-messages", json!({"chatId": "@boris_p", "limit": "ten"}), "\"ten\""),
        ("telegram-read-messages", json!({"chatId": "@boris_p", "limit": -1}), "-1"),
        ("telegram-read-messages", json!({"limit": 2}), "missing field `chatId`"),
        ("telegram-read-messages", json!({"chatId": ""}), "chatId is empty"),
        ("telegram-search-chats", json!({}), "missing field `query`"),
        ("telegram-list-chats", json!({"filterType": "bogus"}), "filterType \"bogus\""),
        ("telegram-send-message", json!({"chatId": "me"}), "missing field `text`"),
        ("telegram-send-message", json!({"chatId": "me", "text": "   "}), "text is empty"),
        ("telegram-send-message", json!({"chatId": "me", "text": "x".repeat(4097)}), "4096"),
        ("telegram-send-message", json!({"chatId": "me", "text": "hi", "replyTo": "first"}), "\"first\""),
        ("telegram-delete-message", json!({"chatId": "me", "messageIds": "5"}), "\"5\""),
        ("telegram-delete-message", json!({"chatId": "me", "messageIds": []}), "messageIds is empty"),
        (
            "telegram-forward-message",
            json!({"fromChatId": "me", "toChatId": "me", "messageIds": (1..=101).collect::<Vec<i32>>()}),
            "at most 100",
        ),
        ("telegram-edit-message", json!({"chatId": "me", "messageId": 1.5, "text": "x"}), "1.5"),
    ];
    for (tool, args, expected) in cases {
        let text = tool_error(&w.call(tool, args.clone()).await);
        assert!(text.contains(expected), "{tool} {args}: {text:?} should mention {expected:?}");
    }
    for method in [
        "messages.sendMessage",
        "messages.deleteMessages",
        "messages.forwardMessages",
        "messages.editMessage",
    ] {
        assert_eq!(calls_of(&sandbox, method).await, Vec::<Value>::new(), "{method} reached Telegram");
    }
    works(&mut w).await;
}

/// A `chatId` that is neither a number nor a string must be explained in the tool's terms,
/// not with the server's Rust type names.
#[tokio::test]
async fn a_chat_id_of_the_wrong_type_is_explained_in_the_tools_terms() {
    let (_dir, sandbox, mut w) = owner().await;
    let cases = [
        ("telegram-read-messages", json!({"chatId": true})),
        ("telegram-send-message", json!({"chatId": ["me"], "text": "hi"})),
        ("telegram-forward-message", json!({"fromChatId": "me", "toChatId": {"id": 1}, "messageIds": [1]})),
    ];
    for (tool, args) in cases {
        let text = tool_error(&w.call(tool, args.clone()).await);
        assert!(
            !text.contains("ChatArg")
                && !text.contains("untagged enum")
                && text.to_lowercase().contains("chat"),
            "{tool} {args}: {text:?} should say what a chat argument may be, without Rust type names"
        );
    }
    assert_eq!(calls_of(&sandbox, "messages.sendMessage").await, Vec::<Value>::new());
    assert_eq!(calls_of(&sandbox, "messages.forwardMessages").await, Vec::<Value>::new());
    works(&mut w).await;
}

#[tokio::test]
async fn oversized_message_is_refused_and_the_window_stays_small() {
    let (_dir, sandbox, owner) = owner().await;
    let mut w = client(&sandbox, &owner).await;
    let before = peak_rss_kib(w.pid());

    // A large message under the cap goes through (unknown arguments are ignored).
    let pad = "p".repeat(1024 * 1024);
    let page =
        w.call_ok("telegram-read-messages", json!({"chatId": "@boris_p", "limit": 2, "pad": pad})).await;
    assert_eq!(page["messages"].as_array().unwrap().len(), 2);

    // Just over the cap, then four times the cap: each is answered with -32600 and id null.
    for size in [MAX_MESSAGE + 1, 4 * MAX_MESSAGE] {
        send_huge_line(&mut w, 900, size).await;
        let answer = w.read().await;
        let message = rpc_error(&answer, -32600);
        assert_eq!(answer.get("id"), Some(&Value::Null), "{answer}");
        assert!(message.contains(&MAX_MESSAGE.to_string()), "the limit is named: {message}");
    }
    // The refused line never reached the owner: the next answer on stdout is for the next id.
    w.send_raw(b"{\"jsonrpc\":\"2.0\",\"id\":901,\"method\":\"tools/list\"}\n").await;
    assert_eq!(w.read().await["id"], 901);
    assert_eq!(calls_of(&sandbox, "messages.sendMessage").await, Vec::<Value>::new(), "nothing was sent");

    // A relay that buffered the 64 MiB line would have grown by at least that much.
    let grown = peak_rss_kib(w.pid()).saturating_sub(before);
    assert!(grown < 40 * 1024, "the window grew by {grown} KiB for an oversized line");
    works(&mut w).await;
}

#[tokio::test]
async fn raw_peers_with_bad_hellos_are_refused_and_others_are_unaffected() {
    let (_dir, sandbox, mut owner) = owner().await;
    let session = owner.call_ok("telegram-status", json!({})).await["session"].as_str().unwrap().to_owned();

    // The control: a correct hello is welcomed by this owner.
    let (mut reader, _write) = raw_peer(&sandbox.session, &hello(IPC, &session)).await;
    let welcome = read_json(&mut reader).await.unwrap();
    assert_eq!(welcome["ok"], true, "{welcome}");
    assert_eq!(welcome["pid"], json!(owner.pid()));
    assert_eq!(welcome["session"], session);

    let mut huge_garbage: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8 | 0x80).collect();
    huge_garbage.push(b'\n');
    let refusals: [(&str, Vec<u8>, &str); 5] = [
        ("an HTTP request", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(), "JSON hello"),
        ("a 100 kB line of binary garbage", huge_garbage, "JSON hello"),
        (
            "JSON that is no hello",
            b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}\n".to_vec(),
            "JSON hello",
        ),
        ("a newer IPC version", hello(IPC + 1, &session), "IPC version"),
        ("another session", hello(IPC, "/elsewhere/other-session"), "not /elsewhere/other-session"),
    ];
    for (what, first, expected) in refusals {
        let (mut reader, _write) = raw_peer(&sandbox.session, &first).await;
        let answer = read_json(&mut reader).await.unwrap_or_else(|| panic!("{what}: closed without a word"));
        assert_eq!(answer["ok"], false, "{what}: {answer}");
        let error = answer["error"].as_str().unwrap();
        assert!(error.contains(expected), "{what}: {error:?} should mention {expected:?}");
        assert_closed(&mut reader).await;
    }
    let (mut reader, _write) = raw_peer(&sandbox.session, &hello(IPC + 1, &session)).await;
    let error = read_json(&mut reader).await.unwrap()["error"].as_str().unwrap().to_owned();
    assert!(
        error.contains(&format!("version {IPC}")) && error.contains(&format!(" {}", IPC + 1)),
        "both versions are named: {error}"
    );
    // A scope the owner cannot apply is refused with the variable named; the owner goes on.
    let mut bad = serde_json::to_vec(&json!({"ipc": IPC, "session": session, "pid": 1, "version": "it",
        "scope": {"MCP_TELEGRAM_TOOLS": "everything"}}))
    .unwrap();
    bad.push(b'\n');
    let (mut reader, _write) = raw_peer(&sandbox.session, &bad).await;
    let answer = read_json(&mut reader).await.unwrap();
    assert!(answer["error"].as_str().unwrap().contains("MCP_TELEGRAM_TOOLS: unknown profile"), "{answer}");
    assert_closed(&mut reader).await;

    // The owner and its socket carry on.
    works(&mut owner).await;
    let mut other = client(&sandbox, &owner).await;
    works(&mut other).await;
}

#[tokio::test]
async fn a_silent_peer_is_dropped_after_the_hello_timeout() {
    let (_dir, sandbox, mut owner) = owner().await;
    let started = tokio::time::Instant::now();
    let (mut reader, _write) = raw_peer(&sandbox.session, b"").await;
    let answer = read_json(&mut reader).await.unwrap();
    assert_eq!(answer["ok"], false, "{answer}");
    assert!(answer["error"].as_str().unwrap().contains("hello"), "{answer}");
    assert_closed(&mut reader).await;
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(4) && waited < Duration::from_secs(15),
        "hello timeout: {waited:?}"
    );
    works(&mut owner).await;
}

#[tokio::test]
async fn a_peer_past_the_hello_cannot_hurt_the_owner_with_bad_lines() {
    let (_dir, sandbox, mut owner) = owner().await;
    let session = owner.call_ok("telegram-status", json!({})).await["session"].as_str().unwrap().to_owned();
    let (mut reader, mut write) = raw_peer(&sandbox.session, &hello(IPC, &session)).await;
    assert_eq!(read_json(&mut reader).await.unwrap()["ok"], true);
    let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}}});
    write.write_all(format!("{init}\n").as_bytes()).await.unwrap();
    assert_eq!(read_json(&mut reader).await.unwrap()["id"], 1);
    write.write_all(b"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n").await.unwrap();

    // Garbage and an oversized line straight at the owner (no relay in front of it).
    write.write_all(b"{not json\n\xff\xfe\n").await.unwrap();
    let chunk = vec![b'x'; 1024 * 1024];
    for _ in 0..(MAX_MESSAGE / chunk.len() + 1) {
        write.write_all(&chunk).await.unwrap();
    }
    write.write_all(b"\n").await.unwrap();
    let call = json!({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "telegram-status", "arguments": {}}});
    write.write_all(format!("{call}\n").as_bytes()).await.unwrap();
    let answer = loop {
        let line = read_json(&mut reader).await.expect("the owner keeps this peer");
        if line["id"] == 2 {
            break line;
        }
        // Anything else it says must be an error about the bad lines, never a result.
        assert!(line.get("error").is_some() && line["id"].is_null(), "unexpected line {line}");
    };
    assert_eq!(answer["result"]["structuredContent"]["ownerPid"], json!(owner.pid()), "{answer}");
    drop(write);
    works(&mut owner).await;
}

#[tokio::test]
async fn a_window_killed_mid_call_leaves_the_owner_and_others_working() {
    let (_dir, sandbox, mut owner) = owner().await;
    let mut victim = client(&sandbox, &owner).await;
    let mut bystander = client(&sandbox, &owner).await;
    assert_eq!(owner.call_ok("telegram-status", json!({})).await["clients"], 3);

    sandbox.control(json!({"op": "delay", "method": "messages.getHistory", "ms": 2000})).await;
    sandbox.control(json!({"op": "clear-calls"})).await;
    let call = json!({"jsonrpc": "2.0", "id": 77, "method": "tools/call", "params": {"name": "telegram-read-messages", "arguments": {"chatId": "@carol_w", "limit": 2}}});
    victim.send_raw(format!("{call}\n").as_bytes()).await;
    // The owner is working on it once it resolved the username; the history is delayed.
    let sb = &sandbox;
    eventually("the victim's call to reach Telegram", || async move {
        let resolved = calls_of(sb, "contacts.resolveUsername").await;
        (!resolved.is_empty()).then_some(())
    })
    .await;
    let in_flight = calls_of(&sandbox, "messages.getHistory").await;
    assert!(
        in_flight.iter().all(|c| c["outcome"] == "pending"),
        "the call is still in flight: {in_flight:?}"
    );
    signal(victim.pid(), "-KILL");
    let status = tokio::time::timeout(ANSWER, victim.child.wait()).await.unwrap().unwrap();
    assert!(!status.success(), "SIGKILL: {status}");

    // The orphaned call completes at Telegram and its answer goes nowhere, harmlessly.
    let history = eventually("the orphaned getHistory to finish", || async move {
        let calls = calls_of(sb, "messages.getHistory").await;
        calls.iter().any(|c| c["outcome"] != "pending").then_some(calls)
    })
    .await;
    assert_eq!(history[0]["outcome"], "ok");
    sandbox.control(json!({"op": "delay", "method": "messages.getHistory", "ms": 0})).await;

    let deadline = tokio::time::Instant::now() + ANSWER;
    while owner.call_ok("telegram-status", json!({})).await["clients"] != 2 {
        assert!(tokio::time::Instant::now() < deadline, "the owner still counts the dead window");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    works(&mut owner).await;
    works(&mut bystander).await;
    assert_eq!(bystander.owner_pid().await, u64::from(owner.pid()), "no failover happened");
    let mut newcomer = client(&sandbox, &owner).await;
    works(&mut newcomer).await;
    assert_eq!(sandbox.max_live().await, 1, "still one Telegram connection");
}

#[tokio::test]
async fn windows_exit_cleanly_when_stdin_closes() {
    let (_dir, sandbox, owner) = owner().await;
    let idle = client(&sandbox, &owner).await;
    let started = tokio::time::Instant::now();
    let status = idle.close().await;
    assert_eq!(status.code(), Some(0), "an idle thin client: {status}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "an idle window exits at once: {:?}",
        started.elapsed()
    );

    // Even with a call in flight, EOF means a clean exit.
    let mut busy = client(&sandbox, &owner).await;
    sandbox.control(json!({"op": "delay", "method": "messages.getHistory", "ms": 2000})).await;
    let call = json!({"jsonrpc": "2.0", "id": 5, "method": "tools/call", "params": {"name": "telegram-read-messages", "arguments": {"chatId": "me", "limit": 1}}});
    busy.send_raw(format!("{call}\n").as_bytes()).await;
    let status = busy.close().await;
    assert_eq!(status.code(), Some(0), "a thin client with a call in flight: {status}");
    sandbox.control(json!({"op": "delay", "method": "messages.getHistory", "ms": 0})).await;

    // A window that never said anything.
    let silent = Window::spawn(&sandbox.session);
    assert_eq!(silent.close().await.code(), Some(0), "a window closed before initialize");

    let status = owner.close().await;
    assert_eq!(status.code(), Some(0), "the owner window: {status}");
}

/// MCP SDKs close stdin, wait 2 s, then SIGTERM: a window must be gone by then, even when the
/// host sent requests that can never be answered with their id.
#[tokio::test]
async fn a_window_exits_within_the_sdk_grace_after_unanswerable_requests() {
    let (_dir, sandbox, owner) = owner().await;
    let mut w = client(&sandbox, &owner).await;
    for line in [
        r#"{"jsonrpc":"1.0","id":3,"method":"tools/list"}"#,
        r#"{"jsonrpc":"2.0","id":{"a":1},"method":"tools/list"}"#,
    ] {
        w.send_raw(format!("{line}\n").as_bytes()).await;
        assert_eq!(w.read().await["error"]["code"], -32600, "{line}");
    }
    let started = tokio::time::Instant::now();
    let status = w.close().await;
    let took = started.elapsed();
    assert_eq!(status.code(), Some(0), "{status}");
    assert!(took < Duration::from_secs(2), "the window took {took:?} to exit after stdin EOF");
}

#[tokio::test]
async fn bad_chat_names_and_cursors_are_explained() {
    let (_dir, _sandbox, mut w) = owner().await;
    let text = tool_error(&w.call("telegram-read-messages", json!({"chatId": "Sandbox"})).await);
    assert!(text.contains("matches several chats"), "{text}");
    assert!(text.contains("Sandbox News 📰 (-1001500000002)"), "candidates are listed with ids: {text}");
    assert!(text.contains("Sandbox Helper (7000006)"), "candidates are listed with ids: {text}");
    // Each candidate id then works.
    let page = w.call_ok("telegram-read-messages", json!({"chatId": -1001500000002i64, "limit": 1})).await;
    assert_eq!(page["chat"]["id"], -1001500000002i64);

    let text = tool_error(&w.call("telegram-read-messages", json!({"chatId": "@no_such_user_xyz"})).await);
    assert!(text.contains("\"@no_such_user_xyz\" not found") && text.contains("no such username"), "{text}");
    let text =
        tool_error(&w.call("telegram-send-message", json!({"chatId": "Nobody Atall", "text": "x"})).await);
    assert!(text.contains("\"Nobody Atall\" not found"), "{text}");
    let text = tool_error(&w.call("telegram-get-chat-info", json!({"chatId": 123456789})).await);
    assert!(text.contains("\"123456789\" not found"), "{text}");

    let text = tool_error(
        &w.call("telegram-read-messages", json!({"chatId": "@boris_p", "cursor": "garbage"})).await,
    );
    assert!(text.contains("invalid cursor \"garbage\""), "{text}");
    let text = tool_error(&w.call("telegram-list-chats", json!({"cursor": "m:99999999999"})).await);
    assert!(text.contains("invalid cursor"), "{text}");
    let text = tool_error(
        &w.call("telegram-read-messages", json!({"chatId": "@boris_p", "cursor": "d:1:2:3"})).await,
    );
    assert!(text.contains("belongs to another tool"), "{text}");
    works(&mut w).await;
}

#[tokio::test]
async fn flood_wait_is_reported_with_its_seconds_and_the_next_send_works() {
    let (_dir, sandbox, mut w) = owner().await;
    sandbox
        .control(json!({"op": "flood", "method": "messages.sendMessage", "seconds": 42, "times": 1}))
        .await;
    let flooded = w.call("telegram-send-message", json!({"chatId": "me", "text": "flooded attempt"})).await;
    let text = tool_error(&flooded);
    assert!(text.contains("42 s") && text.contains("FLOOD_WAIT"), "{text}");

    let sent = w.call_ok("telegram-send-message", json!({"chatId": "me", "text": "after the flood"})).await;
    let id = sent["message"]["id"].as_i64().unwrap();
    let sends: Vec<String> = calls_of(&sandbox, "messages.sendMessage")
        .await
        .iter()
        .map(|c| c["outcome"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(sends, ["FLOOD_WAIT_42", "ok"], "one refused attempt, no silent retry, one send");

    let page = w.call_ok("telegram-read-messages", json!({"chatId": "me", "limit": 5})).await;
    let messages = page["messages"].as_array().unwrap();
    assert_eq!(messages.last().unwrap()["id"].as_i64(), Some(id));
    assert_eq!(messages.last().unwrap()["text"], "after the flood");
    assert!(messages.iter().all(|m| m["text"] != "flooded attempt"), "the refused text was not delivered");
}
