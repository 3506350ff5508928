//! Rights: kicking, banning and unbanning (`channels.editBanned`, `messages.deleteChatUser`),
//! promoting and demoting (`channels.editAdmin`), the default permissions of members
//! (`messages.editChatDefaultBannedRights`) and join requests (`messages.hideChatJoinRequest`).

use grammers_client::tl;

use super::{Telegram, channel_of, group_only, input_user};
use crate::model::ChatKind;
use crate::model::admin::{Member, Permissions};
use crate::owner::OwnerError;
use crate::owner::telegram::peers::Target;

/// The member permissions `telegram-set-chat-permissions` takes, in its parameter names.
const PERMISSIONS: [&str; 10] = [
    "sendMessages",
    "sendMedia",
    "sendStickers",
    "sendGifs",
    "sendPolls",
    "sendInline",
    "embedLinks",
    "changeInfo",
    "inviteUsers",
    "pinMessages",
];

impl Telegram {
    /// One member's standing (`channels.getParticipant`).
    pub(crate) async fn participant(&self, target: &Target, user: &Target) -> Result<Member, OwnerError> {
        let channel = channel_of(target, "reading one member")?;
        let request = tl::functions::channels::GetParticipant { channel, participant: user.input_peer() };
        match self.call(&request).await {
            Ok(tl::enums::channels::ChannelParticipant::Participant(p)) => {
                self.learn(&p.users, &p.chats);
                Ok(super::member(&p.participant, &super::Names::of(&p.users)))
            }
            Err(OwnerError::Rpc { name, .. }) if name == "USER_NOT_PARTICIPANT" => Ok(super::left(user)),
            Err(e) => Err(e),
        }
    }

    /// Removes a member without a lasting ban: a ban lifted at once in supergroups and
    /// channels, `messages.deleteChatUser` in basic groups.
    pub(crate) async fn kick(&self, target: &Target, user: &Target) -> Result<(), OwnerError> {
        if target.kind == ChatKind::Group {
            let request = tl::functions::messages::DeleteChatUser {
                revoke_history: false,
                chat_id: target.raw_id,
                user_id: input_user(user)?,
            };
            let updates = self.call(&request).await?;
            self.learn_changes(&updates);
            return Ok(());
        }
        let member = self.participant(target, user).await?;
        if matches!(member.role.as_str(), "left" | "banned") {
            return Err(OwnerError::Invalid(format!(
                "{} is not a member of {} (role: {}): nothing to kick",
                user.title, target.title, member.role
            )));
        }
        self.edit_banned(target, user, everything_banned()).await?;
        self.edit_banned(target, user, nothing_banned()).await
    }

    /// Bans a user for good (until unbanned): removed and kept out.
    pub(crate) async fn ban(&self, target: &Target, user: &Target) -> Result<(), OwnerError> {
        self.edit_banned(target, user, everything_banned()).await
    }

    /// Lifts a ban or restriction; a banned user may join again but is not added back.
    pub(crate) async fn unban(&self, target: &Target, user: &Target) -> Result<(), OwnerError> {
        let member = self.participant(target, user).await?;
        if !matches!(member.role.as_str(), "banned" | "restricted") {
            return Err(OwnerError::Invalid(format!(
                "{} is not banned in {} (role: {}): nothing to lift",
                user.title, target.title, member.role
            )));
        }
        self.edit_banned(target, user, nothing_banned()).await
    }

    async fn edit_banned(
        &self,
        target: &Target,
        user: &Target,
        rights: tl::types::ChatBannedRights,
    ) -> Result<(), OwnerError> {
        let channel = channel_of(target, "a ban")?;
        input_user(user)?;
        let request = tl::functions::channels::EditBanned {
            channel,
            participant: user.input_peer(),
            banned_rights: tl::enums::ChatBannedRights::Rights(rights),
        };
        let updates = self.call(&request).await?;
        self.learn_changes(&updates);
        Ok(())
    }

    /// Promotes a member with every admin right fit for the chat except adding admins and
    /// anonymity, under an optional title.
    pub(crate) async fn set_admin(
        &self,
        target: &Target,
        user: &Target,
        rank: Option<&str>,
    ) -> Result<(), OwnerError> {
        let broadcast = target.kind == ChatKind::Channel;
        let rights = tl::types::ChatAdminRights {
            change_info: true,
            post_messages: broadcast,
            edit_messages: broadcast,
            delete_messages: true,
            ban_users: !broadcast,
            invite_users: true,
            pin_messages: !broadcast,
            add_admins: false,
            anonymous: false,
            manage_call: true,
            other: true,
            manage_topics: target.forum,
            post_stories: true,
            edit_stories: true,
            delete_stories: true,
            manage_direct_messages: false,
            manage_ranks: false,
            manage_linked_peers: false,
            manage_welcome_messages: false,
        };
        self.edit_admin(target, user, rights, rank).await
    }

    /// Takes every admin right away; refused when the user is not an admin.
    pub(crate) async fn remove_admin(&self, target: &Target, user: &Target) -> Result<(), OwnerError> {
        let member = self.participant(target, user).await?;
        if member.role != "admin" {
            return Err(OwnerError::Invalid(format!(
                "{} is not an admin of {} (role: {}): nothing to remove",
                user.title, target.title, member.role
            )));
        }
        self.edit_admin(target, user, no_admin_rights(), None).await
    }

    async fn edit_admin(
        &self,
        target: &Target,
        user: &Target,
        rights: tl::types::ChatAdminRights,
        rank: Option<&str>,
    ) -> Result<(), OwnerError> {
        let channel = channel_of(target, "admin rights")?;
        let request = tl::functions::channels::EditAdmin {
            channel,
            user_id: input_user(user)?,
            admin_rights: tl::enums::ChatAdminRights::Rights(rights),
            rank: rank.map(str::to_owned),
        };
        let updates = self.call(&request).await?;
        self.learn_changes(&updates);
        Ok(())
    }

    /// Changes the given default permissions (`true` = members may), keeping the others.
    pub(crate) async fn set_permissions(
        &self,
        target: &Target,
        changes: &[(&str, bool)],
    ) -> Result<Permissions, OwnerError> {
        group_only(target)?;
        if target.kind == ChatKind::Channel {
            return Err(OwnerError::Invalid(format!(
                "{} is a broadcast channel: only its admins post, members have no permissions to set",
                target.title
            )));
        }
        let mut rights = self.default_rights(target).await?;
        for (name, allowed) in changes {
            *flag(&mut rights, name)? = !allowed;
        }
        let request = tl::functions::messages::EditChatDefaultBannedRights {
            peer: target.input_peer(),
            banned_rights: tl::enums::ChatBannedRights::Rights(rights.clone()),
        };
        let changed = match self.call(&request).await {
            Ok(updates) => {
                self.learn_changes(&updates);
                true
            }
            Err(OwnerError::Rpc { name, .. }) if name == "CHAT_NOT_MODIFIED" => false,
            Err(e) => return Err(e),
        };
        let (mut allowed, mut denied) = (Vec::new(), Vec::new());
        for name in PERMISSIONS {
            let banned = *flag(&mut rights, name)?;
            if banned { &mut denied } else { &mut allowed }.push(name.to_owned());
        }
        Ok(Permissions { chat_id: target.id, allowed, denied, changed })
    }

    /// The chat's current default banned rights, as Telegram reports them with the chat.
    async fn default_rights(&self, target: &Target) -> Result<tl::types::ChatBannedRights, OwnerError> {
        let chats = match target.input_channel() {
            Some(channel) => self.call(&tl::functions::channels::GetChannels { id: vec![channel] }).await?,
            None => self.call(&tl::functions::messages::GetChats { id: vec![target.raw_id] }).await?,
        };
        let list = match chats {
            tl::enums::messages::Chats::Chats(c) => c.chats,
            tl::enums::messages::Chats::Slice(c) => c.chats,
        };
        self.learn(&[], &list);
        let rights = list.into_iter().find_map(|c| match c {
            tl::enums::Chat::Chat(c) => c.default_banned_rights,
            tl::enums::Chat::Channel(c) => c.default_banned_rights,
            _ => None,
        });
        Ok(rights.map_or_else(nothing_banned, |tl::enums::ChatBannedRights::Rights(r)| r))
    }

    /// Approves or declines a pending join request.
    pub(crate) async fn answer_request(
        &self,
        target: &Target,
        user: &Target,
        approved: bool,
    ) -> Result<(), OwnerError> {
        channel_of(target, "answering join requests")?;
        let request = tl::functions::messages::HideChatJoinRequest {
            approved,
            peer: target.input_peer(),
            user_id: input_user(user)?,
        };
        let updates = self.call(&request).await?;
        self.learn_changes(&updates);
        Ok(())
    }
}

/// Telegram's names of the admin rights set.
pub(super) fn admin_names(rights: &tl::enums::ChatAdminRights) -> Vec<String> {
    let tl::enums::ChatAdminRights::Rights(r) = rights;
    let all = [
        ("change_info", r.change_info),
        ("post_messages", r.post_messages),
        ("edit_messages", r.edit_messages),
        ("delete_messages", r.delete_messages),
        ("ban_users", r.ban_users),
        ("invite_users", r.invite_users),
        ("pin_messages", r.pin_messages),
        ("add_admins", r.add_admins),
        ("anonymous", r.anonymous),
        ("manage_call", r.manage_call),
        ("other", r.other),
        ("manage_topics", r.manage_topics),
        ("post_stories", r.post_stories),
        ("edit_stories", r.edit_stories),
        ("delete_stories", r.delete_stories),
        ("manage_direct_messages", r.manage_direct_messages),
    ];
    all.iter().filter(|(_, on)| *on).map(|(n, _)| (*n).to_owned()).collect()
}

/// Telegram's names of the rights taken away, and when that ends (absent: forever).
pub(super) fn banned_names(rights: &tl::enums::ChatBannedRights) -> (Vec<String>, Option<i64>) {
    let tl::enums::ChatBannedRights::Rights(r) = rights;
    let all = [
        ("view_messages", r.view_messages),
        ("send_messages", r.send_messages),
        ("send_media", r.send_media),
        ("send_stickers", r.send_stickers),
        ("send_gifs", r.send_gifs),
        ("send_games", r.send_games),
        ("send_inline", r.send_inline),
        ("embed_links", r.embed_links),
        ("send_polls", r.send_polls),
        ("change_info", r.change_info),
        ("invite_users", r.invite_users),
        ("pin_messages", r.pin_messages),
        ("manage_topics", r.manage_topics),
    ];
    let names = all.iter().filter(|(_, on)| *on).map(|(n, _)| (*n).to_owned()).collect();
    // Telegram treats dates within a few seconds or past 366 days as forever; 0 is forever.
    let until = (r.until_date > 0 && r.until_date < i32::MAX).then_some(i64::from(r.until_date));
    (names, until)
}

/// The banned-rights flag behind a permission name.
fn flag<'a>(r: &'a mut tl::types::ChatBannedRights, name: &str) -> Result<&'a mut bool, OwnerError> {
    Ok(match name {
        "sendMessages" => &mut r.send_messages,
        "sendMedia" => &mut r.send_media,
        "sendStickers" => &mut r.send_stickers,
        "sendGifs" => &mut r.send_gifs,
        "sendPolls" => &mut r.send_polls,
        "sendInline" => &mut r.send_inline,
        "embedLinks" => &mut r.embed_links,
        "changeInfo" => &mut r.change_info,
        "inviteUsers" => &mut r.invite_users,
        "pinMessages" => &mut r.pin_messages,
        other => return Err(OwnerError::Invalid(format!("unknown permission {other:?}"))),
    })
}

fn no_admin_rights() -> tl::types::ChatAdminRights {
    tl::types::ChatAdminRights {
        change_info: false,
        post_messages: false,
        edit_messages: false,
        delete_messages: false,
        ban_users: false,
        invite_users: false,
        pin_messages: false,
        add_admins: false,
        anonymous: false,
        manage_call: false,
        other: false,
        manage_topics: false,
        post_stories: false,
        edit_stories: false,
        delete_stories: false,
        manage_direct_messages: false,
        manage_ranks: false,
        manage_linked_peers: false,
        manage_welcome_messages: false,
    }
}

fn nothing_banned() -> tl::types::ChatBannedRights {
    banned(false)
}

/// Every right taken away, forever (`until_date` 0).
fn everything_banned() -> tl::types::ChatBannedRights {
    banned(true)
}

fn banned(on: bool) -> tl::types::ChatBannedRights {
    tl::types::ChatBannedRights {
        view_messages: on,
        send_messages: on,
        send_media: on,
        send_stickers: on,
        send_gifs: on,
        send_games: on,
        send_inline: on,
        embed_links: on,
        send_polls: on,
        change_info: on,
        invite_users: on,
        pin_messages: on,
        manage_topics: on,
        send_photos: on,
        send_videos: on,
        send_roundvideos: on,
        send_audios: on,
        send_voices: on,
        send_docs: on,
        send_plain: on,
        edit_rank: false,
        send_reactions: on,
        manage_linked_peers: false,
        until_date: 0,
    }
}
