//! Chat settings: title, description and photo (`channels.editTitle`/`messages.editChatTitle`,
//! `messages.editChatAbout`, `channels.editPhoto`/`messages.editChatPhoto`), slow mode, the
//! channel toggles, and the admin log (`channels.getAdminLog`) in words. A value the chat
//! already has (`CHAT_NOT_MODIFIED`) is reported as unchanged, not as an error.

use grammers_client::tl;

use super::{Telegram, channel_of, group_only};
use crate::model::admin::{AdminEvent, AdminLog, Setting, Switched};
use crate::model::{ChatKind, HIDDEN};
use crate::owner::telegram::peers::Target;
use crate::owner::{Cursor, OwnerError, Uploaded};

impl Telegram {
    /// Renames a group or channel; `false` when it had that title.
    pub(crate) async fn set_title(&self, target: &Target, title: &str) -> Result<bool, OwnerError> {
        group_only(target)?;
        let result = match target.input_channel() {
            Some(channel) => {
                self.call(&tl::functions::channels::EditTitle { channel, title: title.to_owned() }).await
            }
            None => {
                let request = tl::functions::messages::EditChatTitle {
                    chat_id: target.raw_id,
                    title: title.to_owned(),
                };
                self.call(&request).await
            }
        };
        self.changed(result)
    }

    /// Sets a group's or channel's description; `false` when it had that one.
    pub(crate) async fn set_about(&self, target: &Target, about: &str) -> Result<bool, OwnerError> {
        group_only(target)?;
        let request =
            tl::functions::messages::EditChatAbout { peer: target.input_peer(), about: about.to_owned() };
        match self.call(&request).await {
            Ok(_) => Ok(true),
            Err(OwnerError::Rpc { name, .. }) if name == "CHAT_ABOUT_NOT_MODIFIED" => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Sets a group's or channel's photo from an upload.
    pub(crate) async fn set_chat_photo(&self, target: &Target, file: Uploaded) -> Result<bool, OwnerError> {
        group_only(target)?;
        let photo = tl::enums::InputChatPhoto::InputChatUploadedPhoto(tl::types::InputChatUploadedPhoto {
            file: Some(file.input),
            video: None,
            video_start_ts: None,
            video_emoji_markup: None,
        });
        let result = match target.input_channel() {
            Some(channel) => self.call(&tl::functions::channels::EditPhoto { channel, photo }).await,
            None => {
                self.call(&tl::functions::messages::EditChatPhoto { chat_id: target.raw_id, photo }).await
            }
        };
        self.changed(result)
    }

    /// Sets slow mode (seconds between one member's messages; 0 turns it off).
    pub(crate) async fn slow_mode(&self, target: &Target, seconds: i32) -> Result<Switched, OwnerError> {
        let channel = supergroup(target, "slow mode")?;
        let changed =
            self.changed(self.call(&tl::functions::channels::ToggleSlowMode { channel, seconds }).await)?;
        let setting = Setting::SlowMode;
        Ok(Switched { chat_id: target.id, setting, enabled: seconds > 0, seconds: Some(seconds), changed })
    }

    /// Switches signatures (broadcast channels), anti-spam, forum mode or hidden pre-history
    /// (supergroups).
    pub(crate) async fn switch(
        &self,
        target: &Target,
        setting: Setting,
        on: bool,
    ) -> Result<Switched, OwnerError> {
        let result = match setting {
            Setting::Signatures => {
                let channel = channel_of(target, "signatures")?;
                if target.kind != ChatKind::Channel {
                    return Err(OwnerError::Invalid(format!(
                        "{} is a supergroup: signatures are for broadcast channels",
                        target.title
                    )));
                }
                let request = tl::functions::channels::ToggleSignatures {
                    signatures_enabled: on,
                    profiles_enabled: false,
                    channel,
                };
                self.call(&request).await
            }
            Setting::AntiSpam => {
                let channel = supergroup(target, "anti-spam")?;
                self.call(&tl::functions::channels::ToggleAntiSpam { channel, enabled: on }).await
            }
            Setting::Forum => {
                let channel = supergroup(target, "forum mode")?;
                self.call(&tl::functions::channels::ToggleForum { channel, enabled: on, tabs: false }).await
            }
            Setting::PrehistoryHidden => {
                let channel = supergroup(target, "hiding pre-history")?;
                self.call(&tl::functions::channels::TogglePreHistoryHidden { channel, enabled: on }).await
            }
            Setting::SlowMode => {
                return Err(OwnerError::Invalid(
                    "slow mode takes seconds: use telegram-set-slow-mode".into(),
                ));
            }
        };
        let changed = self.changed(result)?;
        Ok(Switched { chat_id: target.id, setting, enabled: on, seconds: None, changed })
    }

    /// Learns a settings answer; `false` for `CHAT_NOT_MODIFIED`.
    fn changed(&self, result: Result<tl::enums::Updates, OwnerError>) -> Result<bool, OwnerError> {
        match result {
            Ok(updates) => {
                self.learn_changes(&updates);
                Ok(true)
            }
            Err(OwnerError::Rpc { name, .. }) if name == "CHAT_NOT_MODIFIED" => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// A page of the admin log, newest first; `before` is the cursor's event id. Users that
    /// `shows` refuses (outside the window's allowed chats) are named [`HIDDEN`], id 0.
    pub(crate) async fn admin_log(
        &self,
        target: &Target,
        q: &str,
        limit: usize,
        before: i64,
        shows: &(dyn Fn(i64) -> bool + Sync),
    ) -> Result<AdminLog, OwnerError> {
        let channel = channel_of(target, "the admin log")?;
        let request = tl::functions::channels::GetAdminLog {
            channel,
            q: q.to_owned(),
            events_filter: None,
            admins: None,
            max_id: before,
            min_id: 0,
            limit: limit as i32,
        };
        let tl::enums::channels::AdminLogResults::Results(answer) = self.call(&request).await?;
        self.learn(&answer.users, &answer.chats);
        let names = super::Names::of(&answer.users);
        let events: Vec<AdminEvent> = answer.events.iter().map(|e| admin_event(e, &names, shows)).collect();
        let next_cursor = (events.len() == limit)
            .then(|| answer.events.last())
            .flatten()
            .map(|tl::enums::ChannelAdminLogEvent::Event(e)| Cursor::Offset { offset: e.id }.encode());
        Ok(AdminLog { chat: target.chat(0, None), events, next_cursor })
    }
}

/// One event, naming only the users and chats `shows` lets the window see.
fn admin_event(
    e: &tl::enums::ChannelAdminLogEvent,
    names: &super::Names,
    shows: &dyn Fn(i64) -> bool,
) -> AdminEvent {
    let tl::enums::ChannelAdminLogEvent::Event(e) = e;
    let name = |id: i64| if shows(id) { names.name(id) } else { HIDDEN.to_owned() };
    let (action, text) = describe(&e.action, &name);
    AdminEvent {
        id: e.id.to_string(),
        date: i64::from(e.date),
        user_id: if shows(e.user_id) { e.user_id } else { 0 },
        user: name(e.user_id),
        action: action.to_owned(),
        text,
    }
}

/// A supergroup's channel form, or why this chat has no `what`.
fn supergroup(target: &Target, what: &str) -> Result<tl::enums::InputChannel, OwnerError> {
    let channel = channel_of(target, what)?;
    if target.kind != ChatKind::Supergroup {
        return Err(OwnerError::Invalid(format!(
            "{} is a broadcast channel: {what} is for supergroups",
            target.title
        )));
    }
    Ok(channel)
}

/// An admin-log action's kind and a sentence about it.
fn describe(
    action: &tl::enums::ChannelAdminLogEventAction,
    name: &dyn Fn(i64) -> String,
) -> (&'static str, String) {
    use tl::enums::ChannelAdminLogEventAction as A;
    let on_off = |on: bool| if on { "enabled" } else { "disabled" };
    match action {
        A::ChangeTitle(a) => {
            ("title", format!("changed the title from {:?} to {:?}", a.prev_value, a.new_value))
        }
        A::ChangeAbout(a) => ("description", format!("changed the description to {:?}", a.new_value)),
        A::ChangePhoto(a) => {
            let removed = matches!(a.new_photo, tl::enums::Photo::Empty(_));
            ("photo", if removed { "removed the photo".into() } else { "changed the photo".into() })
        }
        A::ParticipantJoin => ("join", "joined".into()),
        A::ParticipantLeave => ("leave", "left".into()),
        A::ParticipantInvite(a) => ("invite", format!("invited {}", name(participant_id(&a.participant)))),
        A::ParticipantToggleBan(a) => {
            let who = name(participant_id(&a.new_participant));
            match (&a.prev_participant, &a.new_participant) {
                (_, tl::enums::ChannelParticipant::Banned(b)) if b.left => ("ban", format!("banned {who}")),
                (_, tl::enums::ChannelParticipant::Banned(_)) => ("restrict", format!("restricted {who}")),
                (tl::enums::ChannelParticipant::Banned(b), _) if b.left => {
                    ("unban", format!("unbanned {who}"))
                }
                _ => ("unrestrict", format!("lifted the restrictions of {who}")),
            }
        }
        A::ParticipantToggleAdmin(a) => {
            let who = name(participant_id(&a.new_participant));
            match &a.new_participant {
                tl::enums::ChannelParticipant::Admin(p) => {
                    let title = p.rank.as_deref().map(|r| format!(" as {r:?}")).unwrap_or_default();
                    ("promote", format!("promoted {who}{title}"))
                }
                _ => ("demote", format!("removed the admin rights of {who}")),
            }
        }
        A::DefaultBannedRights(a) => {
            let (denied, _) = super::rights::banned_names(&a.new_banned_rights);
            let list = if denied.is_empty() { "nothing".to_owned() } else { denied.join(", ") };
            ("permissions", format!("changed the default permissions: members may not {list}"))
        }
        A::ToggleSlowMode(a) if a.new_value == 0 => ("slowMode", "turned slow mode off".into()),
        A::ToggleSlowMode(a) => ("slowMode", format!("set slow mode to {} s", a.new_value)),
        A::ToggleSignatures(a) => ("signatures", format!("{} signatures", on_off(a.new_value))),
        A::ToggleAntiSpam(a) => ("antiSpam", format!("{} aggressive anti-spam", on_off(a.new_value))),
        A::ToggleForum(a) => ("forum", format!("{} forum mode", on_off(a.new_value))),
        A::TogglePreHistoryHidden(a) => {
            let state = if a.new_value { "hid" } else { "showed" };
            ("prehistoryHidden", format!("{state} the history for new members"))
        }
        A::ParticipantJoinByRequest(a) => {
            ("joinRequest", format!("joined, approved by {}", name(a.approved_by)))
        }
        A::UpdatePinned(_) => ("pin", "pinned or unpinned a message".into()),
        A::EditMessage(_) => ("edit", "edited a message".into()),
        A::DeleteMessage(_) => ("delete", "deleted a message".into()),
        _ => ("other", "changed a setting".into()),
    }
}

fn participant_id(p: &tl::enums::ChannelParticipant) -> i64 {
    use tl::enums::ChannelParticipant as P;
    match p {
        P::Participant(p) => p.user_id,
        P::ParticipantSelf(p) => p.user_id,
        P::Creator(p) => p.user_id,
        P::Admin(p) => p.user_id,
        P::Banned(p) => super::super::peers::peer_id(&p.peer),
        P::Left(p) => super::super::peers::peer_id(&p.peer),
    }
}
