//! The sandbox against the real grammers client over real TCP and MTProto 2.0.

use std::time::Duration;

use grammers_client::session::types::PeerRef;
use grammers_client::{Client, InvocationError, tl};
use mcp_telegram::sandbox::{AuthKey, DuplicatePolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{TestDc, rpc_error};

async fn peer(client: &Client, username: &str) -> PeerRef {
    let peer = client.resolve_username(username).await.unwrap().expect("username resolves");
    peer.to_ref().await.unwrap().expect("resolved peers carry an access hash")
}

async fn texts(client: &Client, peer: PeerRef, n: usize) -> Vec<String> {
    let mut iter = client.iter_messages(peer).limit(n);
    let mut out = Vec::new();
    while let Some(m) = iter.next().await.unwrap() {
        out.push(m.text().to_owned());
    }
    out
}

#[tokio::test]
async fn get_me_and_authorization() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    assert!(tg.client.is_authorized().await.unwrap());
    let me = tg.client.get_me().await.unwrap();
    assert_eq!(me.username(), Some("alice_sandbox"));
    assert_eq!(me.first_name(), Some("Alice"));
    let calls = dc.sandbox.controls().calls();
    let init = calls.iter().find(|c| c.layer.is_some()).expect("initConnection recorded");
    assert_eq!((init.layer, init.api_id), (Some(tl::LAYER), Some(crate::support::API_ID)));
}

#[tokio::test]
async fn send_then_read_back_in_every_kind_of_chat() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    let long = "Ёжик в тумане 🦔 ".repeat(220);
    for (username, text) in [
        ("boris_p", "Привет, Борис! 👋".to_owned()),
        ("rust_ru_sandbox", "Вопрос про lifetimes 🦀".to_owned()),
        ("sandbox_news", "Breaking: sandbox works 📰".to_owned()),
        ("sandbox_helper_bot", long.clone()),
    ] {
        let target = peer(&tg.client, username).await;
        let sent = tg.client.send_message(target, text.as_str()).await.unwrap();
        assert!(sent.id() > 0, "{username}: the sent message has a real id");
        assert_eq!(texts(&tg.client, target, 1).await, vec![text.clone()], "{username}");
    }
    assert!(long.len() > 4096, "the long text is more than 4 KB");
}

#[tokio::test]
async fn dialogs_list_every_seeded_chat_with_unread_counts() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    let mut dialogs = tg.client.iter_dialogs();
    assert!(dialogs.total().await.unwrap() >= 8);
    let mut names = Vec::new();
    let mut unread = 0;
    while let Some(d) = dialogs.next().await.unwrap() {
        names.push(d.peer().name().unwrap_or_default().to_owned());
        let tl::enums::Dialog::Dialog(raw) = &d.raw else { panic!("folder dialogs are not seeded") };
        unread += raw.unread_count;
    }
    for expected in ["Weekend Hike 🥾", "Rust по-русски 🦀", "Sandbox News 📰", "Борис", "Sandbox Helper"]
    {
        assert!(names.iter().any(|n| n == expected), "{expected} missing from {names:?}");
    }
    assert!(unread > 0, "some dialogs start unread");
}

#[tokio::test]
async fn mark_as_read_clears_unread_counts() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    for username in ["boris_p", "rust_ru_sandbox"] {
        let target = peer(&tg.client, username).await;
        assert!(unread_of(&tg.client, target).await > 0, "{username} starts unread");
        tg.client.mark_as_read(target).await.unwrap();
        assert_eq!(unread_of(&tg.client, target).await, 0, "{username} is read");
    }
}

async fn unread_of(client: &Client, target: PeerRef) -> i32 {
    let mut dialogs = client.iter_dialogs();
    while let Some(d) = dialogs.next().await.unwrap() {
        if d.peer_id() == target.id {
            let tl::enums::Dialog::Dialog(raw) = &d.raw else { continue };
            return raw.unread_count;
        }
    }
    panic!("dialog not found")
}

#[tokio::test]
async fn search_in_a_chat_and_globally() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    let forum = peer(&tg.client, "rust_ru_sandbox").await;
    let mut found = tg.client.search_messages(forum).query("grammers");
    let first = found.next().await.unwrap().expect("the forum mentions grammers");
    assert!(first.text().contains("grammers"));
    let mut global = tg.client.search_all_messages().query("спасибо");
    let mut chats = std::collections::HashSet::new();
    while let Some(m) = global.next().await.unwrap() {
        assert!(m.text().to_lowercase().contains("спасибо"));
        chats.insert(m.peer_id());
    }
    assert!(chats.len() > 1, "global search spans chats");
}

#[tokio::test]
async fn edit_delete_and_forward() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    for username in ["carol_w", "sandbox_news"] {
        let target = peer(&tg.client, username).await;
        let sent = tg.client.send_message(target, "draft 1").await.unwrap();
        tg.client.edit_message(target, sent.id(), "draft 2 ✍️").await.unwrap();
        let edited = tg.client.get_messages_by_id(target, &[sent.id()]).await.unwrap();
        let edited = edited[0].as_ref().expect("edited message exists");
        assert_eq!(edited.text(), "draft 2 ✍️");
        assert!(edited.edit_date().is_some());
        assert_eq!(tg.client.delete_messages(target, &[sent.id()]).await.unwrap(), 1);
        let mut history = tg.client.iter_messages(target).limit(5);
        while let Some(m) = history.next().await.unwrap() {
            assert_ne!(m.id(), sent.id(), "{username}: the deleted message is gone from history");
        }
    }
    let news = peer(&tg.client, "sandbox_news").await;
    let boris = peer(&tg.client, "boris_p").await;
    let post = tg.client.iter_messages(news).limit(1).next().await.unwrap().unwrap();
    let forwarded = tg.client.forward_messages(boris, &[post.id()], news).await.unwrap();
    let copy = forwarded[0].as_ref().expect("forwarded");
    assert_eq!(copy.text(), post.text());
    assert!(copy.forward_header().is_some());
}

#[tokio::test]
async fn errors_for_unknown_rpcs_bad_peers_and_duplicate_random_ids() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    let err = tg.client.invoke(&tl::functions::help::GetSupport {}).await.unwrap_err();
    assert_eq!(rpc_error(&err), Some((400, "HELP_GET_SUPPORT_UNSUPPORTED".into(), None)));
    let bogus = tl::enums::InputPeer::User(tl::types::InputPeerUser { user_id: 7_000_002, access_hash: 1 });
    let send = |peer: tl::enums::InputPeer, random_id: i64| tl::functions::messages::SendMessage {
        no_webpage: true,
        silent: false,
        background: false,
        clear_draft: false,
        noforwards: false,
        update_stickersets_order: false,
        invert_media: false,
        allow_paid_floodskip: false,
        peer,
        reply_to: None,
        message: "once only".into(),
        random_id,
        reply_markup: None,
        entities: None,
        schedule_date: None,
        schedule_repeat_period: None,
        send_as: None,
        quick_reply_shortcut: None,
        effect: None,
        allow_paid_stars: None,
        suggested_post: None,
        rich_message: None,
    };
    let err = tg.client.invoke(&send(bogus, 1)).await.unwrap_err();
    assert_eq!(rpc_error(&err).map(|e| e.1), Some("PEER_ID_INVALID".into()));
    let carol = peer(&tg.client, "carol_w").await;
    tg.client.invoke(&send(carol.into(), 77)).await.unwrap();
    let err = tg.client.invoke(&send(carol.into(), 77)).await.unwrap_err();
    assert_eq!(rpc_error(&err).map(|e| e.1), Some("RANDOM_ID_DUPLICATE".into()));
    let sent: Vec<_> = texts(&tg.client, carol, 3).await.into_iter().filter(|t| t == "once only").collect();
    assert_eq!(sent.len(), 1, "a replayed random_id is never delivered twice");
    let sends = dc.sandbox.controls().calls().into_iter().filter(|c| c.random_ids == vec![77]).count();
    assert_eq!(sends, 2, "the log shows both attempts with their random_id");
}

#[tokio::test]
async fn allow_policy_lets_two_clients_share_a_key() {
    let dc = TestDc::start().await;
    let (a, b) = (dc.client(), dc.client());
    a.client.get_me().await.unwrap();
    b.client.get_me().await.unwrap();
    assert_eq!(dc.sandbox.controls().max_connections(), 2);
}

#[tokio::test]
async fn reject_newcomer_policy_answers_auth_key_duplicated() {
    let dc = TestDc::start().await;
    dc.sandbox.controls().set_duplicate_policy(DuplicatePolicy::RejectNewcomer);
    let (old, new) = (dc.client(), dc.client());
    old.client.get_me().await.unwrap();
    let err = new.client.get_me().await.unwrap_err();
    assert_eq!(rpc_error(&err).map(|e| (e.0, e.1)), Some((406, "AUTH_KEY_DUPLICATED".into())));
    old.client.get_me().await.expect("the oldest connection keeps working");
}

#[tokio::test]
async fn revoke_policy_burns_the_key_for_everyone() {
    let dc = TestDc::start().await;
    let controls = dc.sandbox.controls();
    controls.set_duplicate_policy(DuplicatePolicy::RevokeKey);
    let (old, new) = (dc.client(), dc.client());
    old.client.get_me().await.unwrap();
    let err = new.client.get_me().await.unwrap_err();
    assert_eq!(rpc_error(&err).map(|e| e.1), Some("AUTH_KEY_DUPLICATED".into()));
    let err = old.client.get_me().await.unwrap_err();
    assert_eq!(rpc_error(&err).map(|e| e.1), Some("AUTH_KEY_DUPLICATED".into()));
    assert!(controls.key_stats()[0].revoked);
    controls.restore_keys();
    old.client.get_me().await.expect("restored keys work again");
}

#[tokio::test]
async fn kick_closes_connections_and_clients_reconnect() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    tg.client.get_me().await.unwrap();
    dc.settle_live(1).await;
    dc.sandbox.controls().kick_all();
    dc.settle_live(0).await;
    // grammers surfaces the dead connection once (Io or Dropped) and reconnects on the next call.
    let mut failures = 0;
    while let Err(err) = tg.client.get_me().await {
        assert!(matches!(err, InvocationError::Io(_) | InvocationError::Dropped(_)), "{err}");
        failures += 1;
        assert!(failures < 3, "never reconnected");
    }
    let inits = dc.sandbox.controls().calls().iter().filter(|c| c.layer.is_some()).count();
    assert_eq!(inits, 2, "initConnection was sent again on the new connection");
}

#[tokio::test]
async fn delay_injection_delays_one_method_without_blocking_others() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    tg.client.get_me().await.unwrap();
    dc.sandbox.controls().set_delay("users.getUsers", Duration::from_millis(400));
    let started = tokio::time::Instant::now();
    let slow = tg.client.get_me();
    let fast = async {
        let mut dialogs = tg.client.iter_dialogs();
        dialogs.next().await.unwrap().expect("a dialog");
    };
    tokio::pin!(slow);
    tokio::select! {
        _ = &mut slow => panic!("the delayed call finished before an undelayed one on the same connection"),
        () = fast => {}
    }
    slow.await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(400), "the delay was applied");
}

#[tokio::test]
async fn flood_wait_injection_fails_the_next_calls_then_clears() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    let carol = peer(&tg.client, "carol_w").await;
    dc.sandbox.controls().inject_flood("messages.sendMessage", 30, 1);
    let err = tg.client.send_message(carol, "too fast").await.unwrap_err();
    assert_eq!(rpc_error(&err), Some((420, "FLOOD_WAIT".into(), Some(30))));
    tg.client.send_message(carol, "after the wait").await.unwrap();
    let outcomes: Vec<String> = dc
        .sandbox
        .controls()
        .calls()
        .into_iter()
        .filter(|c| c.method == "messages.sendMessage")
        .map(|c| c.outcome)
        .collect();
    assert_eq!(outcomes, vec!["FLOOD_WAIT_30".to_owned(), "ok".to_owned()]);
}

#[tokio::test]
async fn hundred_concurrent_calls_share_one_connection() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    let boris = peer(&tg.client, "boris_p").await;
    let calls = (0..100).map(|i| {
        let client = tg.client.clone();
        async move {
            if i % 2 == 0 {
                client.get_me().await.map(|_| ())
            } else {
                client.iter_messages(boris).limit(5).next().await.map(|_| ())
            }
        }
    });
    for result in futures_join_all(calls).await {
        result.unwrap();
    }
    assert_eq!(dc.sandbox.controls().max_connections(), 1);
}

async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

#[tokio::test]
async fn stall_mode_never_answers_until_lifted() {
    let dc = TestDc::start().await;
    let controls = dc.sandbox.controls();
    controls.set_stall(true);
    let stuck = dc.client();
    let timed_out = tokio::time::timeout(Duration::from_millis(300), stuck.client.get_me()).await;
    assert!(timed_out.is_err(), "a stalled sandbox must not answer");
    controls.set_stall(false);
    let fresh = dc.client();
    fresh.client.get_me().await.expect("a new connection works after the stall");
}

#[tokio::test]
async fn unknown_key_gets_transport_error_404() {
    let dc = TestDc::start().await;
    let stranger = dc.client_with_key(&AuthKey::generate());
    let err = stranger.client.get_me().await.unwrap_err();
    assert!(err.to_string().contains("404"), "{err}");
}

/// Garbage of every kind closes only the offending connection.
#[tokio::test]
async fn garbage_input_closes_only_that_connection() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    tg.client.get_me().await.unwrap();
    let mut frame_with_unknown_key = vec![0u8; 8];
    frame_with_unknown_key.extend([7u8; 40]);
    let mut bad_msg_key = dc.key.id().to_le_bytes().to_vec();
    bad_msg_key.extend([9u8; 56]);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("random bytes", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n".to_vec()),
        ("huge length prefix", i32::MAX.to_le_bytes().to_vec()),
        ("truncated frame", frame(&[1u8; 64])[..20].to_vec()),
        ("plain message (key id 0)", frame(&frame_with_unknown_key)),
        ("bad msg_key", frame(&bad_msg_key)),
        ("bad checksum", {
            let mut f = frame(&[0u8; 32]);
            f[10] ^= 1;
            f
        }),
    ];
    for (name, bytes) in cases {
        let mut raw = TcpStream::connect(dc.addr).await.unwrap();
        raw.write_all(&bytes).await.unwrap();
        raw.shutdown().await.ok();
        let mut answer = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(5), raw.read_to_end(&mut answer)).await;
        assert!(read.is_ok(), "{name}: the sandbox closed the connection");
        assert!(answer.is_empty() || answer == (-404i32).to_le_bytes(), "{name}: answered {answer:?}");
        tg.client.get_me().await.unwrap_or_else(|e| panic!("after {name}: {e}"));
    }
}

/// A well-formed full-transport frame with sequence number 0.
fn frame(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend(((payload.len() + 12) as i32).to_le_bytes());
    out.extend(0i32.to_le_bytes());
    out.extend(payload);
    let crc = crc32fast::hash(&out);
    out.extend(crc.to_le_bytes());
    out
}

/// The raw RPCs the product's tools use beyond grammers' high-level helpers.
#[tokio::test]
async fn raw_rpcs_for_profiles_links_topics_and_replies() {
    use tl::enums;
    let dc = TestDc::start().await;
    let tg = dc.client();
    let c = &tg.client;
    let boris = peer(c, "boris_p").await;
    let forum = peer(c, "rust_ru_sandbox").await;

    let enums::users::UserFull::Full(full) =
        c.invoke(&tl::functions::users::GetFullUser { id: boris.into() }).await.unwrap();
    let enums::UserFull::Full(profile) = full.full_user;
    assert_eq!(profile.about.as_deref(), Some("Люблю горы и Rust"));

    let channel_full =
        c.invoke(&tl::functions::channels::GetFullChannel { channel: forum.into() }).await.unwrap();
    let enums::messages::ChatFull::Full(channel_full) = channel_full;
    assert!(
        matches!(channel_full.full_chat, enums::ChatFull::ChannelFull(ref f) if f.participants_count == Some(5))
    );

    let found = c
        .invoke(&tl::functions::contacts::Search {
            broadcasts: false,
            bots: false,
            q: "hike".into(),
            limit: 10,
        })
        .await
        .unwrap();
    let enums::contacts::Found::Found(found) = found;
    let chat_id = match found.results.first() {
        Some(enums::Peer::Chat(chat)) => chat.chat_id,
        other => panic!("the basic group is found by name: {other:?}"),
    };
    let chat_full = c.invoke(&tl::functions::messages::GetFullChat { chat_id }).await.unwrap();
    let enums::messages::ChatFull::Full(chat_full) = chat_full;
    let enums::ChatFull::Full(chat_full) = chat_full.full_chat else { panic!("a basic group") };
    let enums::ChatParticipants::Participants(members) = chat_full.participants else { panic!("members") };
    assert_eq!(members.participants.len(), 4);

    let topics = c
        .invoke(&tl::functions::messages::GetForumTopics {
            peer: forum.into(),
            q: None,
            offset_date: 0,
            offset_id: 0,
            offset_topic: 0,
            limit: 10,
        })
        .await
        .unwrap();
    let enums::messages::ForumTopics::Topics(topics) = topics;
    assert_eq!(topics.count, 3);
    let replies = c
        .invoke(&tl::functions::messages::GetReplies {
            peer: forum.into(),
            msg_id: 2,
            offset_id: 0,
            offset_date: 0,
            add_offset: 0,
            limit: 100,
            max_id: 0,
            min_id: 0,
            hash: 0,
        })
        .await
        .unwrap();
    let enums::messages::Messages::ChannelMessages(replies) = replies else { panic!("channel replies") };
    assert!(replies.count >= 30, "topic 2 holds a third of the forum: {}", replies.count);

    let latest = replies.messages.iter().find_map(|m| match m {
        enums::Message::Message(m) => Some(m.id),
        _ => None,
    });
    let link = c
        .invoke(&tl::functions::channels::ExportMessageLink {
            grouped: false,
            thread: false,
            channel: forum.into(),
            id: latest.unwrap(),
        })
        .await
        .unwrap();
    let enums::ExportedMessageLink::Link(link) = link;
    assert_eq!(link.link, format!("https://t.me/rust_ru_sandbox/{}", latest.unwrap()));

    let pong = c.invoke(&tl::functions::Ping { ping_id: 4242 }).await.unwrap();
    let enums::Pong::Pong(pong) = pong;
    assert_eq!(pong.ping_id, 4242);

    let missing = c
        .invoke(&tl::functions::contacts::ResolveUsername { username: "nobody_here".into(), referer: None })
        .await
        .unwrap_err();
    assert_eq!(rpc_error(&missing).map(|e| e.1), Some("USERNAME_NOT_OCCUPIED".into()));
}

#[tokio::test]
async fn ping_delay_disconnect_closes_a_silent_connection() {
    let dc = TestDc::start().await;
    let tg = dc.client();
    let ping = tl::functions::PingDelayDisconnect { ping_id: 1, disconnect_delay: 1 };
    tg.client.invoke(&ping).await.unwrap();
    dc.settle_live(1).await;
    // Nobody pings again within a second, so the sandbox hangs up as Telegram would.
    dc.settle_live(0).await;
}
