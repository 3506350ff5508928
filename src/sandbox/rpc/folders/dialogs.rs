//! Dialog-level settings: the archive (`folders.editPeerFolders`), pins, unread marks and
//! notification settings (mute).

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::{Answer, bool_answer, premium_limit};
use crate::sandbox::rpc::input_peer;
use crate::sandbox::world::folders::ARCHIVE;
use crate::sandbox::world::tl::{self as conv, Peers};
use crate::sandbox::world::{Failure, PeerKey, World};

/// Pinned dialogs allowed in the main list, without and with Premium.
const PINNED_MAIN: (usize, usize) = (5, 10);
/// Pinned dialogs allowed in the archive, without and with Premium.
const PINNED_ARCHIVE: (usize, usize) = (100, 200);

pub(super) fn edit_folders(w: &mut World, req: f::folders::EditPeerFolders, now: i32) -> Answer {
    if req.folder_peers.is_empty() {
        return Err(Failure::bad("FOLDER_PEERS_EMPTY"));
    }
    let mut moves = Vec::new();
    for enums::InputFolderPeer::Peer(fp) in &req.folder_peers {
        let peer = input_peer(w, &fp.peer)?;
        w.dialog(peer)?;
        if fp.folder_id != 0 && fp.folder_id != ARCHIVE {
            return Err(Failure::bad("FOLDER_ID_INVALID"));
        }
        moves.push((peer, fp.folder_id));
    }
    let mut updates = Vec::new();
    let mut peers = Peers::default();
    for (peer, folder) in moves {
        if w.folders.folder_of(peer) != folder {
            // Pins belong to a list: a dialog changing lists leaves its pin behind.
            if let Some(d) = w.dialogs.get_mut(&peer) {
                d.pinned = false;
            }
        }
        if folder == ARCHIVE {
            w.folders.archived.insert(peer);
        } else {
            w.folders.archived.remove(&peer);
        }
        peers.add(peer);
        let folder_peer =
            enums::FolderPeer::Peer(types::FolderPeer { peer: conv::peer(peer), folder_id: folder });
        updates.push(folder_peer);
    }
    // The sandbox counts no pts for folder moves: the answer carries the current pts.
    let update = enums::Update::FolderPeers(types::UpdateFolderPeers {
        folder_peers: updates,
        pts: w.pts,
        pts_count: 0,
    });
    let (users, chats) = peers.build(w);
    Ok(enums::Updates::Updates(types::Updates { updates: vec![update], users, chats, date: now, seq: 0 })
        .to_bytes())
}

pub(super) fn toggle_pin(w: &mut World, req: f::messages::ToggleDialogPin) -> Answer {
    let peer = dialog_peer(w, &req.peer)?;
    let folder = w.folders.folder_of(peer);
    let already = w.dialog(peer)?.pinned;
    if req.pinned && !already {
        let (free, premium) = if folder == ARCHIVE { PINNED_ARCHIVE } else { PINNED_MAIN };
        let pinned = w.dialogs.values().filter(|d| d.pinned && w.folders.folder_of(d.peer) == folder).count();
        if pinned >= premium_limit(w, free, premium) {
            return Err(Failure::bad("PINNED_DIALOGS_TOO_MUCH"));
        }
    }
    if let Some(d) = w.dialogs.get_mut(&peer) {
        d.pinned = req.pinned;
    }
    Ok(bool_answer(true))
}

pub(super) fn mark_unread(w: &mut World, req: f::messages::MarkDialogUnread) -> Answer {
    let peer = dialog_peer(w, &req.peer)?;
    if req.unread {
        w.folders.unread_marks.insert(peer);
    } else {
        w.folders.unread_marks.remove(&peer);
    }
    Ok(bool_answer(true))
}

pub(super) fn update_notify(w: &mut World, req: f::account::UpdateNotifySettings, now: i32) -> Answer {
    let peer = notify_peer(w, &req.peer)?;
    let enums::InputPeerNotifySettings::Settings(s) = &req.settings;
    match s.mute_until {
        Some(until) if until > now => {
            w.folders.mute_until.insert(peer, until);
        }
        Some(_) => {
            w.folders.mute_until.remove(&peer);
        }
        None => {}
    }
    Ok(bool_answer(true))
}

pub(super) fn get_notify(w: &mut World, req: f::account::GetNotifySettings) -> Answer {
    let peer = notify_peer(w, &req.peer)?;
    let until = w.folders.mute_until.get(&peer).copied().unwrap_or(0);
    Ok(conv::peer_notify(until).to_bytes())
}

/// A dialog named by `inputDialogPeer` (folders themselves cannot be pinned or marked here).
fn dialog_peer(w: &World, p: &enums::InputDialogPeer) -> Result<PeerKey, Failure> {
    match p {
        enums::InputDialogPeer::Peer(p) => {
            let peer = input_peer(w, &p.peer)?;
            w.dialog(peer)?;
            Ok(peer)
        }
        _ => Err(Failure::bad("PEER_ID_INVALID")),
    }
}

/// The dialog of `inputNotifyPeer`; the account-wide scopes (all users, chats, broadcasts)
/// are not kept by the sandbox.
fn notify_peer(w: &World, p: &enums::InputNotifyPeer) -> Result<PeerKey, Failure> {
    match p {
        enums::InputNotifyPeer::Peer(p) => {
            let peer = input_peer(w, &p.peer)?;
            w.dialog(peer)?;
            Ok(peer)
        }
        _ => Err(Failure::bad("PEER_ID_INVALID")),
    }
}
