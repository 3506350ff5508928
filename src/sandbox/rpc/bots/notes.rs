//! Voice transcription (`messages.transcribeAudio`, Premium only; `messages.rateTranscribedAudio`)
//! and fact checks on channel posts (`messages.getFactCheck`, `editFactCheck`,
//! `deleteFactCheck`; editing needs the channel's admin).

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::super::input_peer;
use super::{Answer, no_updates};
use crate::sandbox::world::{Failure, MediaKind, MediaRec, MsgRec, PeerKey, World};

/// Longest fact check Telegram accepts.
const MAX_FACT_CHECK: usize = 1024;

pub(super) fn transcribe(w: &mut World, r: f::messages::TranscribeAudio) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    if !w.premium {
        return Err(Failure::new(403, "PREMIUM_ACCOUNT_REQUIRED"));
    }
    let msg = w.message(peer, r.msg_id).ok_or_else(|| Failure::bad("MESSAGE_ID_INVALID"))?;
    let seconds = voice_seconds(msg).ok_or_else(|| Failure::bad("MSG_VOICE_MISSING"))?;
    let t = w.bots.transcribe((peer, r.msg_id), seconds);
    let answer = types::messages::TranscribedAudio {
        pending: false,
        transcription_id: t.id,
        text: t.text,
        trial_remains_num: None,
        trial_remains_until_date: None,
    };
    Ok(enums::messages::TranscribedAudio::Audio(answer).to_bytes())
}

/// The length of a voice note or round video; `None` for any other message.
fn voice_seconds(msg: &MsgRec) -> Option<i32> {
    let Some(MediaRec::Stored(stored)) = &msg.media else { return None };
    let MediaKind::Document(a) = &stored.kind else { return None };
    let voice = a.audio.as_ref().filter(|a| a.voice).map(|a| a.duration);
    voice.or_else(|| a.video.as_ref().filter(|v| v.round).map(|v| v.duration.round() as i32))
}

pub(super) fn rate(w: &mut World, r: f::messages::RateTranscribedAudio) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    let stored = w.bots.transcriptions.get_mut(&(peer, r.msg_id));
    let stored = stored
        .filter(|t| t.id == r.transcription_id)
        .ok_or_else(|| Failure::bad("TRANSCRIPTION_ID_INVALID"))?;
    stored.rating = Some(r.good);
    Ok(true.to_bytes())
}

pub(super) fn fact_checks(w: &World, r: f::messages::GetFactCheck) -> Answer {
    let channel = channel_of(w, &r.peer)?;
    let mut checks = Vec::with_capacity(r.msg_id.len());
    for id in &r.msg_id {
        w.message(PeerKey::Channel(channel), *id).ok_or_else(|| Failure::bad("MESSAGE_ID_INVALID"))?;
        let text = w.bots.fact_checks.get(&(channel, *id));
        checks.push(enums::FactCheck::Check(types::FactCheck {
            need_check: false,
            country: text.map(|_| "US".to_owned()),
            text: text.map(|t| {
                enums::TextWithEntities::Entities(types::TextWithEntities {
                    text: t.clone(),
                    entities: Vec::new(),
                })
            }),
            hash: text.map_or(0, |t| t.len() as i64 * 31 + i64::from(*id)),
        }));
    }
    Ok(checks.to_bytes())
}

pub(super) fn edit_fact_check(w: &mut World, r: f::messages::EditFactCheck, now: i32) -> Answer {
    let channel = admin_channel(w, &r.peer, r.msg_id)?;
    let enums::TextWithEntities::Entities(text) = r.text;
    if text.text.trim().is_empty() {
        return Err(Failure::bad("MESSAGE_EMPTY"));
    }
    if text.text.encode_utf16().count() > MAX_FACT_CHECK {
        return Err(Failure::bad("MESSAGE_TOO_LONG"));
    }
    w.bots.fact_checks.insert((channel, r.msg_id), text.text);
    Ok(no_updates(w, PeerKey::Channel(channel), now))
}

pub(super) fn delete_fact_check(w: &mut World, r: f::messages::DeleteFactCheck, now: i32) -> Answer {
    let channel = admin_channel(w, &r.peer, r.msg_id)?;
    w.bots.fact_checks.remove(&(channel, r.msg_id));
    Ok(no_updates(w, PeerKey::Channel(channel), now))
}

/// The broadcast channel a fact check call names; other chats have no fact checks.
fn channel_of(w: &World, peer: &enums::InputPeer) -> Result<i64, Failure> {
    match input_peer(w, peer)? {
        PeerKey::Channel(id) if w.channels[&id].broadcast => Ok(id),
        _ => Err(Failure::bad("PEER_ID_INVALID")),
    }
}

/// The channel of a fact-check change: its post must exist and the account must administer it.
fn admin_channel(w: &World, peer: &enums::InputPeer, msg_id: i32) -> Result<i64, Failure> {
    let channel = channel_of(w, peer)?;
    if !w.administers(channel) {
        return Err(Failure::new(403, "CHAT_ADMIN_REQUIRED"));
    }
    w.message(PeerKey::Channel(channel), msg_id).ok_or_else(|| Failure::bad("MESSAGE_ID_INVALID"))?;
    Ok(channel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_channel_admin_edits_fact_checks() {
        let files = crate::sandbox::media::Store::new().unwrap();
        let mut w = World::demo(1_800_000_000, &files).unwrap();
        let news = 1_500_000_002;
        let peer = enums::InputPeer::Channel(types::InputPeerChannel {
            channel_id: news,
            access_hash: w.channels[&news].access_hash,
        });
        let post = *w.dialogs[&PeerKey::Channel(news)].messages.keys().next_back().unwrap();
        let text = |t: &str| {
            enums::TextWithEntities::Entities(types::TextWithEntities {
                text: t.to_owned(),
                entities: Vec::new(),
            })
        };
        let edit = |t: &str| f::messages::EditFactCheck { peer: peer.clone(), msg_id: post, text: text(t) };
        assert!(edit_fact_check(&mut w, edit("checked"), 0).is_ok());
        assert_eq!(w.bots.fact_checks[&(news, post)], "checked");
        assert_eq!(edit_fact_check(&mut w, edit(" "), 0).unwrap_err().name, "MESSAGE_EMPTY");
        w.channels.get_mut(&news).unwrap().members.clear();
        let refused = edit_fact_check(&mut w, edit("again"), 0).unwrap_err();
        assert_eq!((refused.code, refused.name.as_str()), (403, "CHAT_ADMIN_REQUIRED"));
        assert_eq!(w.bots.fact_checks[&(news, post)], "checked", "nothing changed");
    }
}
