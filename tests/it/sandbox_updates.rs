//! Updates from the sandbox against the real grammers client: messages injected through the
//! controls arrive unprompted (raw, through the sender pool's updates channel, and high-level,
//! through `Client::stream_updates`), and `updates.getDifference` / `getChannelDifference`
//! replay what a client missed, with one pts counter shared by every answer.

use std::sync::Arc;
use std::time::Duration;

use grammers_client::sender::{ConnectionParams, NoRetries, UpdatesConfiguration};
use grammers_client::session::storages::MemorySession;
use grammers_client::session::updates::UpdatesLike;
use grammers_client::update::Update;
use grammers_client::{Client, SenderPool, tl};
use mcp_telegram::sandbox::session_data;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::support::{API_ID, TestDc, rpc_error};

const BORIS: i64 = 7_000_002;
const CAROL: i64 = 7_000_003;
const FORUM: i64 = 1_500_000_001;

/// A client that keeps its raw updates channel (the shared helper drops it).
struct Live {
    client: Client,
    updates: Option<mpsc::Receiver<UpdatesLike>>,
    runner: JoinHandle<()>,
}

impl Drop for Live {
    fn drop(&mut self) {
        self.runner.abort();
    }
}

fn live(dc: &TestDc) -> Live {
    let session = Arc::new(MemorySession::from(session_data(dc.addr, &dc.key).unwrap()));
    let params = ConnectionParams { retry_policy: Box::new(NoRetries), ..Default::default() };
    let pool = SenderPool::with_configuration(session, API_ID, params);
    let client = Client::new(pool.handle);
    let runner = tokio::spawn(pool.runner.run());
    Live { client, updates: Some(pool.updates), runner }
}

async fn state(client: &Client) -> tl::types::updates::State {
    let tl::enums::updates::State::State(s) =
        client.invoke(&tl::functions::updates::GetState {}).await.unwrap();
    s
}

async fn difference(client: &Client, pts: i32, pts_limit: Option<i32>) -> tl::enums::updates::Difference {
    let req = tl::functions::updates::GetDifference {
        pts,
        pts_limit,
        pts_total_limit: None,
        date: 1,
        qts: 0,
        qts_limit: None,
    };
    client.invoke(&req).await.unwrap()
}

fn text_of(m: &tl::enums::Message) -> &str {
    match m {
        tl::enums::Message::Message(m) => &m.message,
        _ => "",
    }
}

/// The next raw update object, within five seconds.
async fn next_raw(updates: &mut mpsc::Receiver<UpdatesLike>) -> UpdatesLike {
    let next = tokio::time::timeout(Duration::from_secs(5), updates.recv()).await;
    next.expect("an update within 5 s").expect("the updates channel stays open")
}

/// The next high-level update that is a new message, within five seconds.
async fn next_message(stream: &mut grammers_client::client::UpdateStream) -> String {
    let next = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            if let Update::NewMessage(m) = stream.next().await.unwrap() {
                return m.text().to_owned();
            }
        }
    });
    next.await.expect("a new message within 5 s")
}

#[tokio::test]
async fn an_injected_message_is_pushed_without_any_request() {
    let dc = TestDc::start().await;
    let mut tg = live(&dc);
    let before = state(&tg.client).await;
    let injected = dc.sandbox.controls().inject(BORIS, Some(BORIS), "Ты тут? 👀").unwrap();
    assert_eq!(injected.pts, before.pts + 1);
    let updates = tg.updates.as_mut().unwrap();
    let UpdatesLike::Updates(tl::enums::Updates::Updates(pushed)) = next_raw(updates).await else {
        panic!("expected a full `updates` object")
    };
    let [tl::enums::Update::NewMessage(new)] = pushed.updates.as_slice() else {
        panic!("expected one updateNewMessage, got {:?}", pushed.updates)
    };
    assert_eq!((new.pts, new.pts_count), (injected.pts, 1));
    assert_eq!(text_of(&new.message), "Ты тут? 👀");
    let tl::enums::Message::Message(m) = &new.message else { unreachable!() };
    assert_eq!(Some(m.id), injected.id);
    assert!(!m.out);
    let ids: Vec<i64> = pushed.users.iter().map(|u| u.id()).collect();
    assert!(ids.contains(&BORIS), "the sender ships with the update");
}

#[tokio::test]
async fn a_send_from_one_connection_is_pushed_to_the_others_only() {
    let dc = TestDc::start().await;
    let mut sender = live(&dc);
    let mut other = live(&dc);
    let before = state(&other.client).await.pts;
    let boris = sender.client.resolve_username("boris_p").await.unwrap().unwrap();
    let boris = boris.to_ref().await.unwrap().unwrap();
    let sent = sender.client.send_message(boris, "с телефона 📱").await.unwrap();
    let UpdatesLike::Updates(tl::enums::Updates::Updates(pushed)) =
        next_raw(other.updates.as_mut().unwrap()).await
    else {
        panic!("the other connection gets a full `updates`")
    };
    let [tl::enums::Update::NewMessage(new)] = pushed.updates.as_slice() else {
        panic!("expected one updateNewMessage, got {:?}", pushed.updates)
    };
    assert_eq!((new.pts, text_of(&new.message)), (before + 1, "с телефона 📱"));
    let tl::enums::Message::Message(m) = &new.message else { unreachable!() };
    assert!(m.out && m.id == sent.id());
    // The sender sees only its own answer (grammers forwards it as a short sent message).
    let own = next_raw(sender.updates.as_mut().unwrap()).await;
    assert!(matches!(own, UpdatesLike::ShortSentMessage { .. }), "own answer first");
    let quiet =
        tokio::time::timeout(Duration::from_millis(200), sender.updates.as_mut().unwrap().recv()).await;
    assert!(quiet.is_err(), "no push of its own send to the sender");
}

#[tokio::test]
async fn stream_updates_delivers_pushes_and_recovers_a_gap() {
    let dc = TestDc::start().await;
    let mut tg = live(&dc);
    // grammers connects on its first request; pushes reach only live connections.
    tg.client.get_me().await.unwrap();
    let config = UpdatesConfiguration { catch_up: false };
    let mut stream = tg.client.stream_updates(tg.updates.take().unwrap(), config).await.unwrap();
    let controls = dc.sandbox.controls();
    controls.inject(BORIS, None, "first").unwrap();
    assert_eq!(next_message(&mut stream).await, "first");
    controls.set_push(false);
    controls.inject(CAROL, None, "missed while muted").unwrap();
    controls.set_push(true);
    controls.inject(BORIS, None, "after the gap").unwrap();
    // The pushed message leaves a pts gap: grammers fetches the difference by itself.
    assert_eq!(next_message(&mut stream).await, "missed while muted");
    assert_eq!(next_message(&mut stream).await, "after the gap");
    let calls = controls.calls();
    assert!(calls.iter().any(|c| c.method == "updates.getDifference" && c.outcome == "ok"));
}

#[tokio::test]
async fn get_difference_replays_messages_edits_deletions_and_reads_in_order() {
    let dc = TestDc::start().await;
    let tg = live(&dc);
    let controls = dc.sandbox.controls();
    let boris = tg.client.resolve_username("boris_p").await.unwrap().unwrap();
    let boris = boris.to_ref().await.unwrap().unwrap();
    let start = state(&tg.client).await.pts;
    let mine = tg.client.send_message(boris, "ping").await.unwrap();
    let got = controls.inject(BORIS, Some(BORIS), "pong").unwrap();
    let id = got.id.unwrap();
    controls.inject_edit(BORIS, id, "pong ✏️").unwrap();
    controls.inject_read(BORIS, mine.id()).unwrap();
    let last = controls.inject_delete(BORIS, &[id]).unwrap();
    assert_eq!(last.pts, start + 5);
    assert_eq!(state(&tg.client).await.pts, start + 5);

    let tl::enums::updates::Difference::Difference(diff) = difference(&tg.client, start, None).await else {
        panic!("expected a full difference")
    };
    let texts: Vec<&str> = diff.new_messages.iter().map(text_of).collect();
    assert_eq!(texts, ["ping", "pong"]);
    let kinds: Vec<(&str, i32)> = diff
        .other_updates
        .iter()
        .map(|u| match u {
            tl::enums::Update::EditMessage(e) => (text_of(&e.message), e.pts),
            tl::enums::Update::ReadHistoryOutbox(r) => ("read", r.pts),
            tl::enums::Update::DeleteMessages(d) => {
                assert_eq!(d.messages, [id]);
                ("delete", d.pts)
            }
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(kinds, [("pong ✏️", start + 3), ("read", start + 4), ("delete", start + 5)]);
    let tl::enums::updates::State::State(end) = &diff.state;
    assert_eq!(end.pts, start + 5);

    let tl::enums::updates::Difference::Slice(slice) = difference(&tg.client, start, Some(2)).await else {
        panic!("a pts_limit of 2 slices the difference")
    };
    assert_eq!(slice.new_messages.len(), 2);
    assert!(slice.other_updates.is_empty());
    let tl::enums::updates::State::State(mid) = &slice.intermediate_state;
    assert_eq!(mid.pts, start + 2);
    let now = difference(&tg.client, start + 5, None).await;
    assert!(matches!(now, tl::enums::updates::Difference::Empty(_)));
    let future = difference(&tg.client, start + 500, None).await;
    assert!(matches!(future, tl::enums::updates::Difference::Empty(_)));
}

#[tokio::test]
async fn pts_in_every_answer_is_the_get_state_counter() {
    let dc = TestDc::start().await;
    let tg = live(&dc);
    let boris = tg.client.resolve_username("boris_p").await.unwrap().unwrap();
    let input: tl::enums::InputPeer = boris.to_ref().await.unwrap().unwrap().into();
    let send = tl::functions::messages::SendMessage {
        no_webpage: true,
        silent: false,
        background: false,
        clear_draft: false,
        noforwards: false,
        update_stickersets_order: false,
        invert_media: false,
        allow_paid_floodskip: false,
        peer: input.clone(),
        reply_to: None,
        message: "counting".to_owned(),
        random_id: 77,
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
    let tl::enums::Updates::UpdateShortSentMessage(sent) = tg.client.invoke(&send).await.unwrap() else {
        panic!("a private-chat send answers updateShortSentMessage")
    };
    assert_eq!(state(&tg.client).await.pts, sent.pts);
    let read = tl::functions::messages::ReadHistory { peer: input, max_id: 0 };
    let tl::enums::messages::AffectedMessages::Messages(read) = tg.client.invoke(&read).await.unwrap();
    assert_eq!((read.pts, read.pts_count), (sent.pts + 1, 1));
    let delete = tl::functions::messages::DeleteMessages { revoke: true, id: vec![sent.id] };
    let tl::enums::messages::AffectedMessages::Messages(deleted) = tg.client.invoke(&delete).await.unwrap();
    assert_eq!((deleted.pts, deleted.pts_count), (sent.pts + 2, 1));
    assert_eq!(state(&tg.client).await.pts, deleted.pts);
    let injected = dc.sandbox.controls().inject(BORIS, None, "one more").unwrap();
    assert_eq!(injected.pts, deleted.pts + 1);
}

#[tokio::test]
async fn a_kick_between_two_injections_loses_nothing() {
    let dc = TestDc::start().await;
    let mut tg = live(&dc);
    // grammers connects on its first request; pushes reach only live connections.
    tg.client.get_me().await.unwrap();
    let config = UpdatesConfiguration { catch_up: false };
    let mut stream = tg.client.stream_updates(tg.updates.take().unwrap(), config).await.unwrap();
    let controls = dc.sandbox.controls();
    controls.inject(BORIS, None, "before the kick").unwrap();
    assert_eq!(next_message(&mut stream).await, "before the kick");
    controls.kick_all();
    dc.settle_live(0).await;
    controls.inject(BORIS, None, "while nobody listened").unwrap();
    // grammers treats the closed connection as a gap: it reconnects and gets the difference.
    assert_eq!(next_message(&mut stream).await, "while nobody listened");
    controls.inject(BORIS, None, "after the reconnect").unwrap();
    assert_eq!(next_message(&mut stream).await, "after the reconnect");
}

#[tokio::test]
async fn a_kick_loses_no_channel_message_either() {
    let dc = TestDc::start().await;
    let mut tg = live(&dc);
    // grammers needs the channel's access hash in the session to ask for its difference.
    let mut dialogs = tg.client.iter_dialogs();
    while dialogs.next().await.unwrap().is_some() {}
    let config = UpdatesConfiguration { catch_up: false };
    let mut stream = tg.client.stream_updates(tg.updates.take().unwrap(), config).await.unwrap();
    let controls = dc.sandbox.controls();
    // A seeded in-memory session does not hold the self user, so grammers skips
    // `updates.getState`; its common box starts with the first common update instead.
    controls.inject(BORIS, None, "общий ящик").unwrap();
    assert_eq!(next_message(&mut stream).await, "общий ящик");
    controls.inject(FORUM, Some(CAROL), "в форуме до обрыва").unwrap();
    assert_eq!(next_message(&mut stream).await, "в форуме до обрыва");
    controls.kick_all();
    dc.settle_live(0).await;
    controls.inject(FORUM, Some(CAROL), "в форуме без связи").unwrap();
    // The common difference names the channel (updateChannelTooLong); grammers then asks for
    // the channel's difference from the pts it knows.
    assert_eq!(next_message(&mut stream).await, "в форуме без связи");
    let calls = controls.calls();
    assert!(calls.iter().any(|c| c.method == "updates.getChannelDifference" && c.outcome == "ok"));
}

#[tokio::test]
async fn channel_difference_for_a_seeded_supergroup() {
    let dc = TestDc::start().await;
    let tg = live(&dc);
    let controls = dc.sandbox.controls();
    let forum = tg.client.resolve_username("rust_ru_sandbox").await.unwrap().unwrap();
    let forum = forum.to_ref().await.unwrap().unwrap();
    let channel: tl::enums::InputChannel = forum.into();
    let diff = |pts: i32, channel: tl::enums::InputChannel| tl::functions::updates::GetChannelDifference {
        force: false,
        channel,
        filter: tl::enums::ChannelMessagesFilter::Empty,
        pts,
        limit: 100,
    };
    let first = controls.inject(FORUM, Some(BORIS), "новое в форуме").unwrap();
    controls.inject_edit(FORUM, first.id.unwrap(), "новое в форуме ✏️").unwrap();
    let start = first.pts - 1;
    let answer = tg.client.invoke(&diff(start, channel.clone())).await.unwrap();
    let tl::enums::updates::ChannelDifference::Difference(d) = answer else {
        panic!("expected a channel difference")
    };
    assert!(d.r#final);
    assert_eq!(d.pts, start + 2);
    assert_eq!(d.new_messages.iter().map(text_of).collect::<Vec<_>>(), ["новое в форуме"]);
    assert!(matches!(&d.other_updates[..], [tl::enums::Update::EditChannelMessage(e)] if e.pts == start + 2));

    let answer = tg.client.invoke(&diff(start + 2, channel.clone())).await.unwrap();
    let tl::enums::updates::ChannelDifference::Empty(empty) = answer else { panic!("expected empty") };
    assert_eq!((empty.r#final, empty.pts), (true, start + 2));

    let answer = tg.client.invoke(&diff(1, channel.clone())).await.unwrap();
    let tl::enums::updates::ChannelDifference::TooLong(long) = answer else { panic!("expected too long") };
    assert!(!long.messages.is_empty());
    let tl::enums::Dialog::Dialog(dialog) = &long.dialog else { panic!("a plain dialog") };
    assert_eq!(dialog.pts, Some(start + 2));

    let tl::enums::InputChannel::Channel(mut bad) = channel else { panic!("an input channel") };
    bad.access_hash ^= 1;
    let err = tg.client.invoke(&diff(start, bad.into())).await.unwrap_err();
    assert_eq!(rpc_error(&err).map(|e| e.1), Some("CHANNEL_INVALID".to_owned()));
}

#[tokio::test]
async fn a_pts_older_than_the_log_is_too_long() {
    let dc = TestDc::start().await;
    let tg = live(&dc);
    let current = state(&tg.client).await.pts;
    let tl::enums::updates::Difference::TooLong(long) = difference(&tg.client, 1, None).await else {
        panic!("the seeded history is not in the log")
    };
    assert_eq!(long.pts, current);
}
