//! The RPC layer of the sandbox: peels `invokeWithLayer`/`initConnection`/`invokeWithoutUpdates`
//! (and `gzip_packed`) off a request, applies the duplicate-key policy and injected faults, then
//! the authorization gate and login RPCs (`auth`), dispatches on the innermost constructor id
//! and records the call (method, outcome and `random_id`s only: never arguments, so no phone,
//! code, password or token reaches the log). Unknown methods answer `400 <METHOD>_UNSUPPORTED`;
//! malformed ones `400 INPUT_FETCH_ERROR`. Never panics on input.

mod admin;
mod auth;
mod bots;
mod business;
mod compose;
mod contacts;
mod files;
mod folders;
mod media;
mod messages;
mod peers;
mod reactions;
mod stories;
mod updates;

use std::sync::Arc;

use grammers_tl_types::{self as tl, Cursor, Deserializable, Identifiable, Serializable};

use super::control::RecordedCall;
use super::session::HOME_DC;
use super::state::{Admission, Shared, now_secs};
use super::wire::{self, GZIP_PACKED};
use super::world::{Failure, PeerKey, World};

/// One request after its wrappers were removed.
#[derive(Debug)]
pub(crate) struct Call {
    pub(crate) method: u32,
    /// The innermost query, constructor id included.
    pub(crate) body: Vec<u8>,
    pub(crate) layer: Option<i32>,
    pub(crate) api_id: Option<i32>,
    pub(crate) device_model: Option<String>,
}

/// Who is calling: the connection and its auth key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Caller {
    pub(crate) conn: u64,
    pub(crate) key_id: u64,
}

/// The rest of a wrapper's bytes: the wrapped query, left for the next round of unwrapping.
struct Rest(Vec<u8>);

impl Deserializable for Rest {
    fn deserialize(buf: &mut Cursor<'_>) -> tl::deserialize::Result<Self> {
        let mut rest = Vec::new();
        buf.read_to_end(&mut rest)?;
        Ok(Rest(rest))
    }
}

impl Call {
    /// Removes wrappers until a plain method remains.
    pub(crate) fn unwrap(mut body: Vec<u8>) -> Result<Call, Failure> {
        let (mut layer, mut api_id, mut device_model) = (None, None, None);
        loop {
            let method = wire::constructor_of(&body).ok_or_else(|| Failure::bad("INPUT_FETCH_ERROR"))?;
            body = match method {
                tl::functions::InvokeWithLayer::<Rest>::CONSTRUCTOR_ID => {
                    let w: tl::functions::InvokeWithLayer<Rest> = parse(&body)?;
                    layer = Some(w.layer);
                    w.query.0
                }
                tl::functions::InitConnection::<Rest>::CONSTRUCTOR_ID => {
                    let w: tl::functions::InitConnection<Rest> = parse(&body)?;
                    api_id = Some(w.api_id);
                    device_model = Some(w.device_model);
                    w.query.0
                }
                tl::functions::InvokeWithoutUpdates::<Rest>::CONSTRUCTOR_ID => {
                    parse::<tl::functions::InvokeWithoutUpdates<Rest>>(&body)?.query.0
                }
                GZIP_PACKED => wire::gunzip(&body).map_err(|_| Failure::bad("INPUT_FETCH_ERROR"))?,
                _ => return Ok(Call { method, body, layer, api_id, device_model }),
            };
        }
    }

    /// The TL name of the method, e.g. `messages.getHistory`.
    pub(crate) fn name(&self) -> &'static str {
        tl::name_for_id(self.method)
    }
}

/// Runs one call to completion: policy, faults, handler, log. Returns the serialized result.
pub(crate) async fn run(shared: &Arc<Shared>, caller: Caller, call: Call) -> Result<Vec<u8>, Failure> {
    let name = call.name();
    let seq = record_arrival(shared, caller, &call);
    let delay = {
        let faults = shared.faults();
        faults.delays.get(name).or_else(|| faults.delays.get("*")).copied()
    };
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    let result = match admit(shared, caller, name) {
        Err(failure) => Err(failure),
        Ok(()) => match auth::route(shared, caller, &call) {
            Some(answer) => answer,
            None => match files::route(shared, caller, call).await {
                Ok(answer) => answer,
                Err(call) => dispatch(shared, &call),
            },
        },
    };
    record_outcome(shared, seq, &result);
    // The caller learns of its writes from the answer; the account's other connections (its
    // other devices) get them pushed, as on Telegram.
    shared.push_fresh(Some(caller.conn));
    result
}

fn admit(shared: &Shared, caller: Caller, name: &str) -> Result<(), Failure> {
    if shared.admit(caller.key_id, caller.conn) == Admission::Duplicated {
        return Err(Failure::new(406, "AUTH_KEY_DUPLICATED"));
    }
    let mut faults = shared.faults();
    for method in [name, "*"] {
        if let Some((seconds, left)) = faults.floods.get_mut(method)
            && *left > 0
        {
            *left -= 1;
            return Err(Failure::new(420, &format!("FLOOD_WAIT_{seconds}")));
        }
    }
    Ok(())
}

fn dispatch(shared: &Shared, call: &Call) -> Result<Vec<u8>, Failure> {
    use tl::functions as f;
    let now = now_secs() as i32;
    let mut world = shared.world();
    let w = &mut *world;
    w.deliver_scheduled(now);
    let b = &call.body;
    match call.method {
        f::help::GetConfig::CONSTRUCTOR_ID => Ok(reactions::config(w, now)),
        f::help::GetNearestDc::CONSTRUCTOR_ID => Ok(nearest_dc().to_bytes()),
        f::updates::GetState::CONSTRUCTOR_ID => Ok(peers::state(w, now).to_bytes()),
        f::updates::GetDifference::CONSTRUCTOR_ID => updates::difference(w, parse(b)?, now),
        f::updates::GetChannelDifference::CONSTRUCTOR_ID => updates::channel_difference(w, parse(b)?),
        f::users::GetUsers::CONSTRUCTOR_ID => peers::get_users(w, parse(b)?),
        f::users::GetFullUser::CONSTRUCTOR_ID => peers::get_full_user(w, parse(b)?),
        f::messages::GetFullChat::CONSTRUCTOR_ID => peers::get_full_chat(w, parse(b)?),
        f::channels::GetFullChannel::CONSTRUCTOR_ID => peers::get_full_channel(w, parse(b)?),
        f::messages::GetChats::CONSTRUCTOR_ID => peers::get_chats(w, parse(b)?),
        f::channels::GetChannels::CONSTRUCTOR_ID => peers::get_channels(w, parse(b)?),
        f::contacts::Search::CONSTRUCTOR_ID => peers::contacts_search(w, parse(b)?),
        f::contacts::ResolveUsername::CONSTRUCTOR_ID => peers::resolve_username(w, parse(b)?),
        f::messages::GetDialogs::CONSTRUCTOR_ID => peers::get_dialogs(w, parse(b)?),
        f::messages::GetPeerDialogs::CONSTRUCTOR_ID => peers::get_peer_dialogs(w, parse(b)?, now),
        f::messages::GetForumTopics::CONSTRUCTOR_ID => peers::get_forum_topics(w, parse(b)?),
        f::messages::GetHistory::CONSTRUCTOR_ID => messages::get_history(w, parse(b)?),
        f::messages::Search::CONSTRUCTOR_ID => messages::search(w, parse(b)?),
        f::messages::SearchGlobal::CONSTRUCTOR_ID => messages::search_global(w, parse(b)?),
        f::messages::GetMessages::CONSTRUCTOR_ID => messages::get_messages(w, parse(b)?),
        f::channels::GetMessages::CONSTRUCTOR_ID => messages::get_channel_messages(w, parse(b)?),
        f::messages::GetReplies::CONSTRUCTOR_ID => messages::get_replies(w, parse(b)?),
        f::messages::SendMessage::CONSTRUCTOR_ID => messages::send(w, parse(b)?, now),
        f::messages::EditMessage::CONSTRUCTOR_ID => messages::edit(w, parse(b)?, now),
        f::messages::DeleteMessages::CONSTRUCTOR_ID => messages::delete(w, parse(b)?),
        f::channels::DeleteMessages::CONSTRUCTOR_ID => messages::delete_channel(w, parse(b)?),
        f::messages::ForwardMessages::CONSTRUCTOR_ID => messages::forward(w, parse(b)?, now),
        f::messages::ReadHistory::CONSTRUCTOR_ID => messages::read_history(w, parse(b)?),
        f::channels::ReadHistory::CONSTRUCTOR_ID => messages::read_channel_history(w, parse(b)?),
        f::channels::ExportMessageLink::CONSTRUCTOR_ID => messages::export_link(w, parse(b)?),
        _ => families(w, call, now),
    }
}

/// The tool families' RPCs, each answered by its own module.
fn families(w: &mut World, call: &Call, now: i32) -> Result<Vec<u8>, Failure> {
    let routes = [
        compose::route,
        reactions::route,
        bots::route,
        admin::route,
        folders::route,
        contacts::route,
        stories::route,
        business::route,
    ];
    for route in routes {
        if let Some(answer) = route(w, call, now) {
            return answer;
        }
    }
    Err(Failure::bad(&unsupported_name(call.name(), call.method)))
}

/// The sandbox is the only DC, so it is the nearest one too.
fn nearest_dc() -> tl::enums::NearestDc {
    tl::enums::NearestDc::Dc(tl::types::NearestDc {
        country: "US".to_owned(),
        this_dc: HOME_DC,
        nearest_dc: HOME_DC,
    })
}

/// Logs a call as it arrives (outcome `pending`), so tests see calls still in flight.
fn record_arrival(shared: &Shared, caller: Caller, call: &Call) -> u64 {
    use tl::functions as f;
    let random_ids = match call.method {
        f::messages::SendMessage::CONSTRUCTOR_ID => {
            parse::<f::messages::SendMessage>(&call.body).map(|r| vec![r.random_id])
        }
        f::messages::SendMedia::CONSTRUCTOR_ID => {
            parse::<f::messages::SendMedia>(&call.body).map(|r| vec![r.random_id])
        }
        f::messages::ForwardMessages::CONSTRUCTOR_ID => {
            parse::<f::messages::ForwardMessages>(&call.body).map(|r| r.random_id)
        }
        f::messages::SendMultiMedia::CONSTRUCTOR_ID => parse::<f::messages::SendMultiMedia>(&call.body)
            .map(|r| r.multi_media.iter().map(|tl::enums::InputSingleMedia::Media(m)| m.random_id).collect()),
        _ => Ok(Vec::new()),
    };
    let entry = RecordedCall {
        conn: caller.conn,
        key_id: format!("{:016x}", caller.key_id),
        method: call.name().to_owned(),
        random_ids: random_ids.unwrap_or_default(),
        seq: 0,
        outcome: "pending".to_owned(),
        layer: call.layer,
        api_id: call.api_id,
        device_model: call.device_model.clone(),
    };
    let seq = shared.call_seq.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    shared.calls().push(RecordedCall { seq, ..entry });
    seq
}

/// Fills in how a logged call ended (`ok` or the RPC error name).
fn record_outcome(shared: &Shared, seq: u64, result: &Result<Vec<u8>, Failure>) {
    let outcome = result.as_ref().map_or_else(|f| f.name.clone(), |_| "ok".to_owned());
    if let Some(call) = shared.calls().iter_mut().rev().find(|c| c.seq == seq) {
        call.outcome = outcome;
    }
}

/// Deserializes a function body (constructor id first) into its request type.
pub(crate) fn parse<T: Deserializable>(body: &[u8]) -> Result<T, Failure> {
    T::from_bytes(body.get(4..).unwrap_or_default()).map_err(|_| Failure::bad("INPUT_FETCH_ERROR"))
}

/// `messages.sendReaction` → `MESSAGES_SEND_REACTION_UNSUPPORTED`.
fn unsupported_name(name: &str, id: u32) -> String {
    if name == "(unknown)" {
        return format!("INPUT_CONSTRUCTOR_INVALID_{id:08X}");
    }
    let mut out = String::new();
    for c in name.chars() {
        if c == '.' {
            out.push('_');
        } else if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c);
        } else {
            out.push(c.to_ascii_uppercase());
        }
    }
    out + "_UNSUPPORTED"
}

/// Resolves an `InputPeer`, checking access hashes as Telegram does.
pub(crate) fn input_peer(w: &World, p: &tl::enums::InputPeer) -> Result<PeerKey, Failure> {
    use tl::enums::InputPeer as P;
    let invalid = || Failure::bad("PEER_ID_INVALID");
    match p {
        P::PeerSelf => Ok(PeerKey::User(w.self_id)),
        P::User(u) => match w.users.get(&u.user_id) {
            Some(user) if user.access_hash == u.access_hash => Ok(PeerKey::User(u.user_id)),
            _ => Err(invalid()),
        },
        P::Chat(c) if w.chats.contains_key(&c.chat_id) => Ok(PeerKey::Chat(c.chat_id)),
        P::Channel(c) => channel_key(w, c.channel_id, c.access_hash),
        _ => Err(invalid()),
    }
}

pub(crate) fn input_channel(w: &World, c: &tl::enums::InputChannel) -> Result<PeerKey, Failure> {
    match c {
        tl::enums::InputChannel::Channel(c) => channel_key(w, c.channel_id, c.access_hash),
        _ => Err(Failure::bad("CHANNEL_INVALID")),
    }
}

pub(crate) fn input_user(w: &World, u: &tl::enums::InputUser) -> Result<i64, Failure> {
    match u {
        tl::enums::InputUser::UserSelf => Ok(w.self_id),
        tl::enums::InputUser::User(u)
            if w.users.get(&u.user_id).is_some_and(|x| x.access_hash == u.access_hash) =>
        {
            Ok(u.user_id)
        }
        _ => Err(Failure::bad("USER_ID_INVALID")),
    }
}

fn channel_key(w: &World, id: i64, access_hash: i64) -> Result<PeerKey, Failure> {
    match w.channels.get(&id) {
        Some(c) if c.access_hash == access_hash => Ok(PeerKey::Channel(id)),
        _ => Err(Failure::bad("CHANNEL_INVALID")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsupported_names_read_like_telegram_errors() {
        assert_eq!(unsupported_name("messages.sendReaction", 1), "MESSAGES_SEND_REACTION_UNSUPPORTED");
        assert_eq!(unsupported_name("(unknown)", 0xdead_beef), "INPUT_CONSTRUCTOR_INVALID_DEADBEEF");
    }

    #[test]
    fn unwraps_layer_init_and_gzip() {
        let inner = tl::functions::help::GetConfig {};
        let init = tl::functions::InitConnection {
            api_id: 42,
            device_model: "dev".into(),
            system_version: "s".into(),
            app_version: "a".into(),
            system_lang_code: "en".into(),
            lang_pack: String::new(),
            lang_code: "en".into(),
            proxy: None,
            params: None,
            query: inner,
        };
        let mut packed = wire::gzip(&init.to_bytes());
        let mut wrapped = Vec::new();
        tl::functions::InvokeWithLayer::<tl::functions::help::GetConfig>::CONSTRUCTOR_ID
            .serialize(&mut wrapped);
        tl::LAYER.serialize(&mut wrapped);
        wrapped.append(&mut packed);
        let call = Call::unwrap(wrapped).unwrap();
        assert_eq!(call.name(), "help.getConfig");
        assert_eq!((call.layer, call.api_id), (Some(tl::LAYER), Some(42)));
        assert_eq!(call.device_model.as_deref(), Some("dev"));
        assert!(Call::unwrap(vec![1, 2]).is_err());
    }
}
