//! RPCs of the `folders` tools: dialogs moved to the archive, pinned, marked unread and muted
//! (`dialogs`), chat folders (`filters`), invite links (`links`), and channel statistics and
//! boosts (`stats`). Every write changes the world's `folders` state, so the next read sees it.

mod dialogs;
mod filters;
mod links;
mod stats;

use grammers_tl_types::{Identifiable, Serializable, functions as f};

use super::{Call, parse};
use crate::sandbox::world::{Failure, World};

type Answer = Result<Vec<u8>, Failure>;

/// Answers the call if it is one of this family's methods.
pub(super) fn route(w: &mut World, call: &Call, now: i32) -> Option<Answer> {
    let b = &call.body;
    let answer = match call.method {
        f::folders::EditPeerFolders::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| dialogs::edit_folders(w, r, now))
        }
        f::messages::ToggleDialogPin::CONSTRUCTOR_ID => parse(b).and_then(|r| dialogs::toggle_pin(w, r)),
        f::messages::MarkDialogUnread::CONSTRUCTOR_ID => parse(b).and_then(|r| dialogs::mark_unread(w, r)),
        f::account::UpdateNotifySettings::CONSTRUCTOR_ID => {
            parse(b).and_then(|r| dialogs::update_notify(w, r, now))
        }
        f::account::GetNotifySettings::CONSTRUCTOR_ID => parse(b).and_then(|r| dialogs::get_notify(w, r)),
        f::messages::GetDialogFilters::CONSTRUCTOR_ID => Ok(filters::get(w)),
        f::messages::UpdateDialogFilter::CONSTRUCTOR_ID => parse(b).and_then(|r| filters::update(w, r)),
        f::messages::UpdateDialogFiltersOrder::CONSTRUCTOR_ID => parse(b).and_then(|r| filters::order(w, r)),
        f::messages::GetSuggestedDialogFilters::CONSTRUCTOR_ID => Ok(filters::suggested(w)),
        f::messages::ToggleDialogFilterTags::CONSTRUCTOR_ID => parse(b).and_then(|r| filters::tags(w, r)),
        f::messages::ExportChatInvite::CONSTRUCTOR_ID => parse(b).and_then(|r| links::export(w, r, now)),
        f::messages::GetExportedChatInvites::CONSTRUCTOR_ID => parse(b).and_then(|r| links::list(w, r)),
        f::messages::EditExportedChatInvite::CONSTRUCTOR_ID => parse(b).and_then(|r| links::edit(w, r, now)),
        f::messages::CheckChatInvite::CONSTRUCTOR_ID => parse(b).and_then(|r| links::check(w, r, now)),
        f::stats::GetBroadcastStats::CONSTRUCTOR_ID => parse(b).and_then(|r| stats::broadcast(w, r, now)),
        f::stats::GetMegagroupStats::CONSTRUCTOR_ID => parse(b).and_then(|r| stats::megagroup(w, r, now)),
        f::premium::GetMyBoosts::CONSTRUCTOR_ID => Ok(stats::my_boosts(w, now)),
        f::premium::GetBoostsStatus::CONSTRUCTOR_ID => parse(b).and_then(|r| stats::boosts_status(w, r)),
        f::premium::GetBoostsList::CONSTRUCTOR_ID => parse(b).and_then(|r| stats::boosts_list(w, r)),
        _ => return None,
    };
    Some(answer)
}

fn bool_answer(value: bool) -> Vec<u8> {
    value.to_bytes()
}

/// Premium raises most of this family's limits (pinned dialogs, folders).
fn premium_limit(w: &World, free: usize, premium: usize) -> usize {
    if w.premium { premium } else { free }
}

#[cfg(test)]
mod tests {
    use grammers_tl_types::{Deserializable, enums, functions as f, types};

    use super::*;
    use crate::sandbox::world::PeerKey;

    const NEWS: i64 = 1_500_000_002;
    const HIKE: i64 = 4_100_001;
    const NOW: i32 = 1_800_000_000;

    fn world() -> World {
        let files = crate::sandbox::media::Store::new().unwrap();
        World::demo(NOW, &files).unwrap()
    }

    fn run<R: Serializable + Identifiable>(w: &mut World, request: &R) -> Answer {
        let call = Call {
            method: R::CONSTRUCTOR_ID,
            body: request.to_bytes(),
            layer: None,
            api_id: None,
            device_model: None,
        };
        route(w, &call, NOW).expect("a folders method")
    }

    fn news_peer(w: &World) -> enums::InputPeer {
        let access_hash = w.channels[&NEWS].access_hash;
        enums::InputPeer::Channel(types::InputPeerChannel { channel_id: NEWS, access_hash })
    }

    fn export(peer: enums::InputPeer) -> f::messages::ExportChatInvite {
        f::messages::ExportChatInvite {
            legacy_revoke_permanent: false,
            request_needed: false,
            peer,
            expire_date: None,
            usage_limit: None,
            title: None,
            subscription_pricing: None,
        }
    }

    #[test]
    fn links_resolve_until_revoked_and_only_admins_manage_them() {
        let mut w = world();
        let news = export(news_peer(&w));
        let bytes = run(&mut w, &news).unwrap();
        let enums::ExportedChatInvite::ChatInviteExported(link) =
            enums::ExportedChatInvite::from_bytes(&bytes).unwrap()
        else {
            panic!("an exported link")
        };
        let hash = links::hash_of(&link.link).to_owned();
        let check = f::messages::CheckChatInvite { hash: hash.clone() };
        let answer = enums::ChatInvite::from_bytes(&run(&mut w, &check).unwrap()).unwrap();
        assert!(matches!(answer, enums::ChatInvite::Already(_)), "a member sees the chat: {answer:?}");

        // Once the account is no longer in the channel, it sees an invitation and manages nothing.
        w.channels.get_mut(&NEWS).unwrap().members.retain(|id| *id != w.self_id);
        let answer = enums::ChatInvite::from_bytes(&run(&mut w, &check).unwrap()).unwrap();
        let enums::ChatInvite::Invite(invite) = answer else { panic!("an invitation") };
        assert!(invite.channel && invite.broadcast && invite.title.contains("Sandbox News"));
        assert_eq!(run(&mut w, &news).unwrap_err().name, "CHAT_ADMIN_REQUIRED");
        let channel = enums::InputChannel::Channel(types::InputChannel {
            channel_id: NEWS,
            access_hash: w.channels[&NEWS].access_hash,
        });
        let stats = f::stats::GetBroadcastStats { dark: false, channel };
        assert_eq!(run(&mut w, &stats).unwrap_err().name, "CHAT_ADMIN_REQUIRED");

        w.folders.invites.get_mut(&PeerKey::Channel(NEWS)).unwrap().iter_mut().for_each(|i| i.revoked = true);
        assert_eq!(run(&mut w, &check).unwrap_err().name, "INVITE_HASH_EXPIRED");
        let unknown = f::messages::CheckChatInvite { hash: "nothing".into() };
        assert_eq!(run(&mut w, &unknown).unwrap_err().name, "INVITE_HASH_INVALID");

        w.chats.get_mut(&HIKE).unwrap().creator = 7_000_002;
        let hike = enums::InputPeer::Chat(types::InputPeerChat { chat_id: HIKE });
        assert_eq!(run(&mut w, &export(hike)).unwrap_err().name, "CHAT_ADMIN_REQUIRED");
    }

    #[test]
    fn archived_dialogs_move_between_the_dialog_lists() {
        let mut w = world();
        let move_to = |folder_id| f::folders::EditPeerFolders {
            folder_peers: vec![enums::InputFolderPeer::Peer(types::InputFolderPeer {
                peer: enums::InputPeer::Chat(types::InputPeerChat { chat_id: HIKE }),
                folder_id,
            })],
        };
        assert_eq!(run(&mut w, &move_to(7)).unwrap_err().name, "FOLDER_ID_INVALID");
        run(&mut w, &move_to(1)).unwrap();
        let listed = |w: &World, folder| {
            let req = f::messages::GetDialogs {
                exclude_pinned: false,
                folder_id: Some(folder),
                offset_date: 0,
                offset_id: 0,
                offset_peer: enums::InputPeer::Empty,
                limit: 100,
                hash: 0,
            };
            let bytes = super::super::peers::get_dialogs(w, req).unwrap();
            match enums::messages::Dialogs::from_bytes(&bytes).unwrap() {
                enums::messages::Dialogs::Dialogs(d) => d.dialogs.len(),
                enums::messages::Dialogs::Slice(d) => d.dialogs.len(),
                enums::messages::Dialogs::NotModified(_) => 0,
            }
        };
        let all = w.dialogs.len();
        assert_eq!((listed(&w, 1), listed(&w, 0)), (1, all - 1));
        run(&mut w, &move_to(0)).unwrap();
        assert_eq!((listed(&w, 1), listed(&w, 0)), (0, all));
    }

    #[test]
    fn mutes_and_unread_marks_are_kept_until_changed() {
        let mut w = world();
        let carol = w.users[&7_000_003].access_hash;
        let peer = enums::InputPeer::User(types::InputPeerUser { user_id: 7_000_003, access_hash: carol });
        let notify = enums::InputNotifyPeer::Peer(types::InputNotifyPeer { peer: peer.clone() });
        let mute = |until| f::account::UpdateNotifySettings {
            peer: notify.clone(),
            settings: enums::InputPeerNotifySettings::Settings(types::InputPeerNotifySettings {
                show_previews: None,
                silent: None,
                mute_until: Some(until),
                sound: None,
                stories_muted: None,
                stories_hide_sender: None,
                stories_sound: None,
            }),
        };
        let get = f::account::GetNotifySettings { peer: notify.clone() };
        let until = |w: &mut World| {
            let enums::PeerNotifySettings::Settings(s) =
                enums::PeerNotifySettings::from_bytes(&run(w, &get).unwrap()).unwrap();
            s.mute_until
        };
        run(&mut w, &mute(NOW + 60)).unwrap();
        assert_eq!(until(&mut w), Some(NOW + 60));
        run(&mut w, &mute(0)).unwrap();
        assert_eq!(until(&mut w), Some(0));

        let dialog = enums::InputDialogPeer::Peer(types::InputDialogPeer { peer });
        let mark = f::messages::MarkDialogUnread { unread: true, parent_peer: None, peer: dialog };
        run(&mut w, &mark).unwrap();
        assert!(w.folders.unread_marks.contains(&PeerKey::User(7_000_003)));
        w.read_history(PeerKey::User(7_000_003), 0).unwrap();
        assert!(w.folders.unread_marks.is_empty(), "reading clears the mark");
    }
}
