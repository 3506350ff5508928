//! A dialog's place and marks: archive (`folders.editPeerFolders`), pin, unread mark and mute
//! (`account.updateNotifySettings`), each read back with `messages.getPeerDialogs`.

use grammers_client::tl;

use super::MUTE_FOREVER;
use crate::model::folders::DialogState;
use crate::owner::OwnerError;
use crate::owner::telegram::Telegram;
use crate::owner::telegram::peers::Target;

impl Telegram {
    /// Moves a dialog to the Archive (folder 1) or back to the main list (folder 0).
    pub(crate) async fn archive(&self, target: &Target, archive: bool) -> Result<DialogState, OwnerError> {
        let folder = tl::enums::InputFolderPeer::Peer(tl::types::InputFolderPeer {
            peer: target.input_peer(),
            folder_id: i32::from(archive),
        });
        let updates =
            self.call(&tl::functions::folders::EditPeerFolders { folder_peers: vec![folder] }).await?;
        if let tl::enums::Updates::Updates(u) = &updates {
            self.learn(&u.users, &u.chats);
        }
        self.dialog_state(target).await
    }

    /// Pins or unpins a dialog in its list.
    pub(crate) async fn pin_dialog(&self, target: &Target, pin: bool) -> Result<DialogState, OwnerError> {
        let peer = dialog_peer(target);
        self.call(&tl::functions::messages::ToggleDialogPin { pinned: pin, peer }).await?;
        self.dialog_state(target).await
    }

    /// Sets or clears a dialog's manual unread mark.
    pub(crate) async fn mark_unread(&self, target: &Target, unread: bool) -> Result<DialogState, OwnerError> {
        let request = tl::functions::messages::MarkDialogUnread {
            unread,
            parent_peer: None,
            peer: dialog_peer(target),
        };
        self.call(&request).await?;
        self.dialog_state(target).await
    }

    /// Mutes a dialog until a unix time ([`MUTE_FOREVER`] for good), or unmutes it (0).
    pub(crate) async fn mute(&self, target: &Target, until: i32) -> Result<DialogState, OwnerError> {
        let settings = tl::enums::InputPeerNotifySettings::Settings(tl::types::InputPeerNotifySettings {
            show_previews: None,
            silent: None,
            mute_until: Some(until),
            sound: None,
            stories_muted: None,
            stories_hide_sender: None,
            stories_sound: None,
        });
        let peer = tl::enums::InputNotifyPeer::Peer(tl::types::InputNotifyPeer { peer: target.input_peer() });
        self.call(&tl::functions::account::UpdateNotifySettings { peer, settings }).await?;
        self.dialog_state(target).await
    }

    /// The dialog as Telegram lists it now.
    async fn dialog_state(&self, target: &Target) -> Result<DialogState, OwnerError> {
        let request = tl::functions::messages::GetPeerDialogs { peers: vec![dialog_peer(target)] };
        let tl::enums::messages::PeerDialogs::Dialogs(found) = self.call(&request).await?;
        self.learn(&found.users, &found.chats);
        let dialog = found.dialogs.into_iter().find_map(|d| match d {
            tl::enums::Dialog::Dialog(d) => Some(d),
            _ => None,
        });
        let d =
            dialog.ok_or_else(|| OwnerError::Invalid(format!("{} is not among your chats", target.title)))?;
        let tl::enums::PeerNotifySettings::Settings(n) = &d.notify_settings;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |t| t.as_secs() as i64);
        let until = n.mute_until.map_or(0, i64::from);
        let muted = until > now;
        Ok(DialogState {
            chat_id: target.id,
            title: target.title.clone(),
            archived: d.folder_id == Some(1),
            pinned: d.pinned,
            unread_mark: d.unread_mark,
            unread: d.unread_count,
            muted,
            muted_until: (muted && until < i64::from(MUTE_FOREVER)).then_some(until),
        })
    }
}

fn dialog_peer(target: &Target) -> tl::enums::InputDialogPeer {
    tl::enums::InputDialogPeer::Peer(tl::types::InputDialogPeer { peer: target.input_peer() })
}
