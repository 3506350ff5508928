//! Story arguments that must not slip through: privacy users outside a narrowed window,
//! parameters that would go nowhere, and files outside the files directory. Nothing is posted
//! by any refused call.

use serde_json::{Value, json};

use super::{BORIS, png};
use crate::window::{SandboxProc, Window, tool_error};

/// Successful `stories.sendStory` and `stories.editStory` calls so far.
async fn writes(sandbox: &SandboxProc) -> usize {
    let calls = sandbox.calls().await;
    let write = |c: &&Value| {
        (c["method"] == "stories.sendStory" || c["method"] == "stories.editStory") && c["outcome"] == "ok"
    };
    calls.iter().filter(write).count()
}

#[tokio::test]
async fn privacy_users_stay_inside_the_window_and_unused_parameters_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("sunset.png"), png(8, 8)).unwrap();
    let env = [("MCP_TELEGRAM_TOOLS", "stories"), ("MCP_TELEGRAM_ALLOWED_CHATS", "me, @boris_p")];
    let mut w = Window::spawn_with(&sandbox.session, &[], &env);
    w.initialize().await;

    // Carol (7000003) exists but is outside the window: neither list may name her.
    let args = json!({"filePath": "sunset.png", "privacy": "selected", "allowUserIds": ["7000003"]});
    let hidden = w.call("telegram-send-story", args).await;
    assert!(tool_error(&hidden).contains("allowed chats"), "{hidden}");
    let args = json!({"filePath": "sunset.png", "privacy": "contacts", "disallowUserIds": ["7000003"]});
    assert!(tool_error(&w.call("telegram-send-story", args).await).contains("allowed chats"));
    // Lists that Telegram would not use are refused, not dropped.
    let args = json!({"filePath": "sunset.png", "privacy": "selected", "allowUserIds": ["7000002"], "disallowUserIds": ["7000002"]});
    let both = w.call("telegram-send-story", args).await;
    assert!(tool_error(&both).contains("disallowUserIds does not apply to privacy selected"), "{both}");
    let args = json!({"filePath": "sunset.png", "allowUserIds": ["7000002"]});
    let wide = w.call("telegram-send-story", args).await;
    assert!(tool_error(&wide).contains("only to privacy selected"), "{wide}");
    assert_eq!(writes(&sandbox).await, 0, "nothing posted");

    // Boris is inside: the story goes out for him alone.
    let args = json!({"filePath": "sunset.png", "privacy": "selected", "allowUserIds": [BORIS.to_string()]});
    let posted = w.call_ok("telegram-send-story", args).await;
    assert_eq!(posted["privacy"], json!("selected"), "{posted}");
    let args = json!({"storyId": 1, "privacy": "selected", "allowUserIds": ["7000003"]});
    assert!(tool_error(&w.call("telegram-edit-story", args).await).contains("allowed chats"));

    // Edit parameters that only count beside another one.
    let refused = [
        (json!({"storyId": 1, "caption": "x", "type": "photo"}), "give filePath too"),
        (json!({"storyId": 1, "filePath": "sunset.png", "parseMode": "md"}), "give caption too"),
        (json!({"storyId": 1, "caption": "x", "allowUserIds": ["7000002"]}), "give privacy too"),
        (json!({"storyId": 1, "caption": "x", "disallowUserIds": ["7000002"]}), "give privacy too"),
    ];
    for (args, hint) in refused {
        let answer = w.call("telegram-edit-story", args.clone()).await;
        assert!(tool_error(&answer).contains(hint), "{args}: {answer}");
    }
    assert_eq!(writes(&sandbox).await, 1, "only the one story was posted, and never edited");
}

#[tokio::test]
async fn a_story_file_outside_the_files_directory_is_refused_and_nothing_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("sunset.png"), png(8, 8)).unwrap();
    std::fs::write(dir.path().join("secret.png"), png(8, 8)).unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.png"), files.join("out.png")).unwrap();
    let mut w = Window::spawn_with(&sandbox.session, &[], &[("MCP_TELEGRAM_TOOLS", "stories")]);
    w.initialize().await;
    w.call_ok("telegram-send-story", json!({"filePath": "sunset.png"})).await;

    for path in ["../secret.png", "out.png", dir.path().join("secret.png").to_str().unwrap()] {
        // `..` is refused by name, the others as leading outside the files directory.
        let refused = |text: String| text.contains("outside") || text.contains("`..` is not allowed");
        let sent = w.call("telegram-send-story", json!({"filePath": path})).await;
        assert!(refused(tool_error(&sent)), "{path}: {sent}");
        let edited = w.call("telegram-edit-story", json!({"storyId": 1, "filePath": path})).await;
        assert!(refused(tool_error(&edited)), "{path}: {edited}");
    }
    let calls = sandbox.calls().await;
    let uploads = calls.iter().filter(|c| c["method"].as_str().unwrap().starts_with("upload.")).count();
    assert_eq!(uploads, 1, "only sunset.png was uploaded: {calls:?}");
    assert_eq!(writes(&sandbox).await, 1, "one story posted, none edited");
}
