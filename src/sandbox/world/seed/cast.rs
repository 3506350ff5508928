//! The cast of the demo account: who Alice talks to, the groups and channels she is in, and the
//! lines they say. Pure data and constructors; the seeder decides where each line goes.

use super::super::{ChannelRec, ChatRec, TopicRec, UserRec, World};
use crate::sandbox::login::DEMO_PHONE;

/// The demo account's own user id.
pub(super) const SELF_ID: i64 = 7_000_001;
pub(super) const BORIS: i64 = 7_000_002;
pub(super) const CAROL: i64 = 7_000_003;
pub(super) const DMITRI: i64 = 7_000_004;
pub(super) const ELENA: i64 = 7_000_005;
pub(super) const BOT: i64 = 7_000_006;
pub(super) const HIKE: i64 = 4_100_001;
pub(super) const FORUM: i64 = 1_500_000_001;
pub(super) const NEWS: i64 = 1_500_000_002;

pub(super) const LINES: &[&str] = &[
    "Привет! Как дела?",
    "Всё отлично, спасибо 😊",
    "Did you see the release notes?",
    "Да, уже читаю. Выглядит здорово 🚀",
    "Let's meet on Saturday at 10:00 ☕",
    "Кто берёт палатку? ⛺",
    "I can bring the stove and the coffee.",
    "Напомни, пожалуйста, адрес.",
    "Here's the link: https://example.org/trail-map",
    "Спасибо! 🙏",
    "Weather says sunny ☀️ with a light breeze.",
    "Отлично, тогда без дождевиков 😄",
    "Does anyone know why the build fails on 1.89?",
    "Попробуй `cargo update -p tokio`, у меня помогло.",
    "The borrow checker is my friend now 🦀",
    "Сегодня разобрался с async/await — наконец-то!",
    "New blog post is up, feedback welcome 📝",
    "Кто-нибудь пробовал grammers с MTProto 2.0?",
    "Yes, works fine against the sandbox.",
    "Пятница! 🎉 Хороших выходных всем.",
    "Reminder: standup moved to 11:30.",
    "Мне нравится этот чат ❤️",
    "Can you review my PR when you have a minute?",
    "Конечно, посмотрю вечером.",
];

pub(super) const REACTIONS: &[&str] = &["👍", "❤️", "🔥", "😂", "🎉"];

fn user(id: i64, first: &str, last: Option<&str>, username: Option<&str>, about: &str) -> UserRec {
    UserRec {
        id,
        access_hash: access_hash(id),
        first_name: first.to_owned(),
        last_name: last.map(str::to_owned),
        username: username.map(str::to_owned),
        phone: None,
        bot: false,
        contact: true,
        about: about.to_owned(),
    }
}

/// Stable per-peer access hashes, so a session written by one sandbox run works in the next.
pub(super) fn access_hash(id: i64) -> i64 {
    (id as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(17) as i64
}

pub(super) fn add_people(world: &mut World) {
    let me = UserRec {
        // Telegram reports phone numbers as digits without the "+".
        phone: Some(DEMO_PHONE.trim_start_matches('+').to_owned()),
        contact: false,
        ..user(
            SELF_ID,
            "Alice",
            Some("Sandbox"),
            Some("alice_sandbox"),
            "Demo account of the mcp-telegram sandbox",
        )
    };
    let bot = UserRec {
        bot: true,
        contact: false,
        ..user(BOT, "Sandbox Helper", None, Some("sandbox_helper_bot"), "I echo what you send 🤖")
    };
    for u in [
        me,
        user(BORIS, "Борис", Some("Петров"), Some("boris_p"), "Люблю горы и Rust"),
        user(CAROL, "Carol", Some("White"), Some("carol_w"), "Coffee first ☕"),
        user(DMITRI, "Дмитрий", Some("Соколов"), None, ""),
        user(ELENA, "Елена", None, Some("elena_k"), "Photographer 📷"),
        bot,
    ] {
        world.users.insert(u.id, u);
    }
}

pub(super) fn add_groups(world: &mut World, date: i32) {
    let hike = ChatRec {
        id: HIKE,
        title: "Weekend Hike 🥾".to_owned(),
        about: "Планируем походы".to_owned(),
        creator: SELF_ID,
        members: vec![SELF_ID, BORIS, CAROL, DMITRI],
        date,
    };
    world.chats.insert(HIKE, hike);
    let topics = [(1, "General"), (2, "Releases 🚀"), (3, "Вопросы и ответы")];
    let forum = ChannelRec {
        id: FORUM,
        access_hash: access_hash(FORUM),
        title: "Rust по-русски 🦀".to_owned(),
        about: "Forum about Rust, in two languages".to_owned(),
        username: Some("rust_ru_sandbox".to_owned()),
        broadcast: false,
        forum: true,
        members: vec![SELF_ID, BORIS, CAROL, DMITRI, ELENA],
        topics: topics
            .iter()
            .map(|(id, title)| TopicRec {
                id: *id,
                title: (*title).to_owned(),
                icon_color: 0x6fb9f0,
                date,
                closed: false,
                hidden: false,
                icon_emoji_id: None,
            })
            .collect(),
        date,
        pts: 1,
        next_msg_id: 1,
    };
    world.channels.insert(FORUM, forum);
    let news = ChannelRec {
        id: NEWS,
        access_hash: access_hash(NEWS),
        title: "Sandbox News 📰".to_owned(),
        about: "Announcements from the simulated data center".to_owned(),
        username: Some("sandbox_news".to_owned()),
        broadcast: true,
        forum: false,
        members: vec![SELF_ID],
        topics: Vec::new(),
        date,
        pts: 1,
        next_msg_id: 1,
    };
    world.channels.insert(NEWS, news);
}

/// A Russian text of about 5.6 KB (2 800 characters), longer than one 4 KB buffer.
pub(super) fn long_text() -> String {
    let paragraph = "Длинное сообщение для проверки: MTProto передаёт текст в UTF-8, \
                     а клиент не должен терять ни одного символа при разбиении на части. ";
    let mut text = String::from("📜 ");
    while text.len() < 5_600 {
        text.push_str(paragraph);
    }
    text
}
