//! The `bots` part of the demo account: a keyboard message from the helper bot, a fact check
//! on a channel post, and two sticker sets of tiny real WebP files (one installed, one
//! recently used sticker). Deterministic except for the dates.

use super::{Button, StickerAttr, StickerSetRec};
use crate::sandbox::media::Store;
use crate::sandbox::world::{DocAttrs, MediaKind, MsgRec, PeerKey, World};

/// The helper bot's user id.
pub(crate) const HELPER_BOT: i64 = 7_000_006;
/// The broadcast channel whose first post carries a fact check.
const NEWS: i64 = 1_500_000_002;

/// A 1×1 lossless WebP image: a real, decodable sticker file.
const WEBP: &[u8] = &[
    0x52, 0x49, 0x46, 0x46, 0x1a, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x4c, 0x0d,
    0x00, 0x00, 0x00, 0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00,
];

const SETS: &[(&str, &str, &[&str], bool)] = &[
    ("SandboxCats", "Sandbox Cats 🐱", &["😺", "😹", "😻"], true),
    ("RustCrabs", "Rust Crabs 🦀", &["🦀", "⚙️"], false),
];

/// The text of the keyboard message for a vote count.
pub(crate) fn vote_text(likes: i32, dislikes: i32) -> String {
    format!("Rate the sandbox: 👍 {likes} · 👎 {dislikes}")
}

/// Adds the family's seed; the sticker files go into `files`.
pub(crate) fn seed(w: &mut World, files: &Store, now: i32) -> std::io::Result<()> {
    keyboard_message(w);
    let post = w.dialogs.get(&PeerKey::Channel(NEWS)).and_then(|d| d.messages.keys().next().copied());
    if let Some(post) = post {
        let text = "Independent checkers: this post comes from a simulated data center.";
        w.bots.fact_checks.insert((NEWS, post), text.to_owned());
    }
    for (n, (short_name, title, emojis, installed)) in SETS.iter().enumerate() {
        let id = 0x571c_0000 + n as i64;
        let access_hash = (id as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(11) as i64;
        let mut stickers = Vec::new();
        for emoji in *emojis {
            let blob = files.put(WEBP)?;
            let sticker =
                StickerAttr { emoji: (*emoji).to_owned(), set_id: id, set_access_hash: access_hash };
            let attrs = DocAttrs {
                file_name: Some("sticker.webp".to_owned()),
                image_size: Some((1, 1)),
                sticker: Some(sticker),
                ..DocAttrs::default()
            };
            let date = now - 30 * 86_400;
            stickers.push(w.store_media(
                blob,
                WEBP.len() as u64,
                "image/webp",
                MediaKind::Document(attrs),
                date,
            ));
        }
        let installed = installed.then_some(now - 5 * 86_400);
        let set = StickerSetRec {
            id,
            access_hash,
            short_name: (*short_name).to_owned(),
            title: (*title).to_owned(),
            stickers,
            installed,
        };
        w.bots.sticker_sets.push(set);
    }
    let first = w.bots.sticker_sets[0].stickers[0].clone();
    w.bots.sticker_sent(&first, now - 3_600);
    Ok(())
}

/// The helper bot's last message: a vote with callback buttons and a link.
fn keyboard_message(w: &mut World) {
    let peer = PeerKey::User(HELPER_BOT);
    let Some(dialog) = w.dialogs.get(&peer) else { return };
    let date = dialog.messages.values().next_back().map_or(0, |m| m.date) + 30;
    let id = w.next_msg_id;
    w.next_msg_id += 1;
    w.pts += 1;
    let callback =
        |text: &str, data: &str| Button::Callback { text: text.to_owned(), data: data.as_bytes().to_vec() };
    let buttons = vec![
        vec![callback("👍 Like", "like"), callback("👎 Dislike", "dislike")],
        vec![callback("🔢 Count", "count")],
        vec![Button::Url { text: "📖 Docs".to_owned(), url: "https://example.org/sandbox-bot".to_owned() }],
    ];
    let from = Some(PeerKey::User(HELPER_BOT));
    let msg = MsgRec { buttons, ..MsgRec::new(id, peer, from, false, date, vote_text(0, 0)) };
    w.dialogs.get_mut(&peer).expect("checked above").messages.insert(id, msg);
}
