//! The Telegram side of the `admin` tools: members and roles (`channels.getParticipants`,
//! `channels.getParticipant`, `messages.getFullChat`), creating, joining, leaving and
//! inviting. Rights and settings live in the submodules. Basic groups and channels take
//! different RPCs; a call that only one kind has is refused with a one-line reason before
//! anything is sent.

mod join;
mod rights;
mod settings;

use std::collections::HashMap;

use grammers_client::tl;

use super::Telegram;
use super::peers::{Target, channel_id};
use crate::model::ChatKind;
use crate::model::admin::{Created, Invitations, Member, Members, MyRole, NotInvited};
use crate::owner::{Cursor, OwnerError};

impl Telegram {
    /// A page of a chat's members: `channels.getParticipants` (supergroups; channels for their
    /// admins) or the member list of `messages.getFullChat` (basic groups).
    pub(crate) async fn members(
        &self,
        target: &Target,
        offset: i64,
        limit: usize,
    ) -> Result<Members, OwnerError> {
        let (members, total) = match target.input_channel() {
            Some(channel) => {
                let request = tl::functions::channels::GetParticipants {
                    channel,
                    filter: tl::enums::ChannelParticipantsFilter::ChannelParticipantsRecent,
                    offset: offset.clamp(0, i64::from(i32::MAX)) as i32,
                    limit: limit as i32,
                    hash: 0,
                };
                match self.call(&request).await? {
                    tl::enums::channels::ChannelParticipants::Participants(p) => {
                        self.learn(&p.users, &p.chats);
                        let names = Names::of(&p.users);
                        (p.participants.iter().map(|p| member(p, &names)).collect::<Vec<_>>(), p.count)
                    }
                    tl::enums::channels::ChannelParticipants::NotModified => (Vec::new(), 0),
                }
            }
            None => {
                let all = self.chat_participants(target).await?;
                let total = all.len() as i32;
                (all.into_iter().skip(offset.max(0) as usize).take(limit).collect(), total)
            }
        };
        let end = offset + members.len() as i64;
        let next_cursor =
            (end < i64::from(total) && !members.is_empty()).then(|| Cursor::Offset { offset: end }.encode());
        Ok(Members { chat: target.chat(0, None), total, members, next_cursor })
    }

    /// Every member of a basic group, with the creator marked.
    async fn chat_participants(&self, target: &Target) -> Result<Vec<Member>, OwnerError> {
        if target.kind != ChatKind::Group {
            return Err(OwnerError::Invalid(format!(
                "{} is not a group or channel: it has no members",
                target.title
            )));
        }
        let tl::enums::messages::ChatFull::Full(full) =
            self.call(&tl::functions::messages::GetFullChat { chat_id: target.raw_id }).await?;
        self.learn(&full.users, &full.chats);
        let tl::enums::ChatFull::Full(chat) = full.full_chat else { return Ok(Vec::new()) };
        let tl::enums::ChatParticipants::Participants(list) = chat.participants else {
            return Err(OwnerError::Invalid(format!("you are not a member of {}", target.title)));
        };
        let names = Names::of(&full.users);
        Ok(list.participants.iter().map(|p| chat_member(p, &names)).collect())
    }

    /// Your own standing in a chat.
    pub(crate) async fn my_role(&self, target: &Target) -> Result<MyRole, OwnerError> {
        let me = self.resolve("me").await?;
        let member = match target.input_channel() {
            Some(channel) => {
                let request = tl::functions::channels::GetParticipant {
                    channel,
                    participant: tl::enums::InputPeer::PeerSelf,
                };
                match self.call(&request).await {
                    Ok(tl::enums::channels::ChannelParticipant::Participant(p)) => {
                        self.learn(&p.users, &p.chats);
                        member(&p.participant, &Names::of(&p.users))
                    }
                    Err(OwnerError::Rpc { name, .. }) if name == "USER_NOT_PARTICIPANT" => {
                        self.me_outside(&me).await?
                    }
                    Err(e) => return Err(e),
                }
            }
            None => {
                let all = self.chat_participants(target).await?;
                match all.into_iter().find(|m| m.id == me.id) {
                    Some(member) => member,
                    None => self.me_outside(&me).await?,
                }
            }
        };
        Ok(MyRole { chat: target.chat(0, None), member })
    }

    /// The account as someone not in a chat, by its own name (the cache calls it "Saved
    /// Messages").
    async fn me_outside(&self, me: &Target) -> Result<Member, OwnerError> {
        let users =
            self.call(&tl::functions::users::GetUsers { id: vec![tl::enums::InputUser::UserSelf] }).await?;
        Ok(Member { name: Names::of(&users).name(me.id), ..left(me) })
    }

    /// Creates a basic group (`messages.createChat`, at least one other member) or a
    /// supergroup (`channels.createChannel`, optionally a forum) and invites `users`.
    pub(crate) async fn create_group(
        &self,
        title: &str,
        users: &[(String, Target)],
        supergroup: bool,
        forum: bool,
        about: Option<&str>,
    ) -> Result<Created, OwnerError> {
        if !supergroup {
            let request = tl::functions::messages::CreateChat {
                users: users.iter().map(|(_, u)| input_user(u)).collect::<Result<_, _>>()?,
                title: title.to_owned(),
                ttl_period: None,
            };
            let tl::enums::messages::InvitedUsers::Users(answer) = self.call(&request).await?;
            let chat = self.new_chat(&answer.updates)?;
            let missing: Vec<i64> = answer
                .missing_invitees
                .iter()
                .map(|tl::enums::MissingInvitee::Invitee(m)| m.user_id)
                .collect();
            if let Some(about) = about {
                self.set_about(&chat, about).await?;
            }
            let mut invitations = Invitations::default();
            for (given, user) in users {
                if missing.contains(&user.id) {
                    let reason = "their privacy settings forbid adding them".to_owned();
                    invitations.failed.push(NotInvited { user: given.clone(), reason });
                } else {
                    invitations.invited.push(user.id);
                }
            }
            return Ok(Created { chat: chat.chat(0, None), invitations });
        }
        let request = tl::functions::channels::CreateChannel {
            broadcast: false,
            megagroup: true,
            for_import: false,
            forum,
            title: title.to_owned(),
            about: about.unwrap_or_default().to_owned(),
            geo_point: None,
            address: None,
            ttl_period: None,
        };
        let updates = self.call(&request).await?;
        let chat = self.new_chat(&updates)?;
        let invitations = self.invite(&chat, users).await?;
        Ok(Created { chat: chat.chat(0, None), invitations })
    }

    /// The chat an answer created or joined, learned.
    pub(super) fn new_chat(&self, updates: &tl::enums::Updates) -> Result<Target, OwnerError> {
        let tl::enums::Updates::Updates(u) = updates else {
            return Err(OwnerError::Internal(anyhow::anyhow!("Telegram answered without the chat")));
        };
        self.learn(&u.users, &u.chats);
        let id = u.chats.iter().find_map(|c| match c {
            tl::enums::Chat::Chat(c) => Some(-c.id),
            tl::enums::Chat::Channel(c) => Some(channel_id(c.id)),
            _ => None,
        });
        id.and_then(|id| self.known(id))
            .ok_or_else(|| OwnerError::Internal(anyhow::anyhow!("Telegram answered without the chat")))
    }

    /// Leaves a chat: `channels.leaveChannel`, or removes yourself from a basic group.
    pub(crate) async fn leave(&self, target: &Target) -> Result<(), OwnerError> {
        let updates = match target.input_channel() {
            Some(channel) => self.call(&tl::functions::channels::LeaveChannel { channel }).await?,
            None => {
                group_only(target)?;
                let request = tl::functions::messages::DeleteChatUser {
                    revoke_history: false,
                    chat_id: target.raw_id,
                    user_id: tl::enums::InputUser::UserSelf,
                };
                self.call(&request).await?
            }
        };
        self.learn_changes(&updates);
        Ok(())
    }

    /// Adds users one by one, so each one's outcome is known: `channels.inviteToChannel` or
    /// `messages.addChatUser`.
    pub(crate) async fn invite(
        &self,
        target: &Target,
        users: &[(String, Target)],
    ) -> Result<Invitations, OwnerError> {
        let mut out = Invitations::default();
        for (given, user) in users {
            let outcome = match target.input_channel() {
                Some(channel) => {
                    let request =
                        tl::functions::channels::InviteToChannel { channel, users: vec![input_user(user)?] };
                    self.call(&request).await
                }
                None => {
                    group_only(target)?;
                    let request = tl::functions::messages::AddChatUser {
                        chat_id: target.raw_id,
                        user_id: input_user(user)?,
                        fwd_limit: 100,
                    };
                    self.call(&request).await
                }
            };
            match outcome {
                Ok(tl::enums::messages::InvitedUsers::Users(answer)) => {
                    self.learn_changes(&answer.updates);
                    if answer.missing_invitees.is_empty() {
                        out.invited.push(user.id);
                    } else {
                        let reason = "their privacy settings forbid adding them".to_owned();
                        out.failed.push(NotInvited { user: given.clone(), reason });
                    }
                }
                Err(OwnerError::Rpc { name, .. }) if name == "USER_ALREADY_PARTICIPANT" => {
                    out.already_members.push(user.id);
                }
                // Missing rights fail every user alike: say so once.
                Err(e @ OwnerError::Rpc { .. }) if e.kind() == "CHAT_ADMIN_REQUIRED" => return Err(e),
                Err(e @ OwnerError::Rpc { .. }) => {
                    out.failed.push(NotInvited { user: given.clone(), reason: e.to_string() });
                }
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// Learns the chats and users an answer carries (new titles, flags, members).
    fn learn_changes(&self, updates: &tl::enums::Updates) {
        if let tl::enums::Updates::Updates(u) = updates {
            self.learn(&u.users, &u.chats);
        }
    }
}

/// A member entry for someone not in the chat.
fn left(user: &Target) -> Member {
    Member {
        id: user.id,
        name: user.title.clone(),
        username: user.username.clone(),
        role: "left".to_owned(),
        rank: None,
        rights: Vec::new(),
        since: None,
        until: None,
    }
}

/// A user as Telegram's `InputUser`.
fn input_user(user: &Target) -> Result<tl::enums::InputUser, OwnerError> {
    match user.kind {
        ChatKind::Saved => Ok(tl::enums::InputUser::UserSelf),
        ChatKind::User | ChatKind::Bot => Ok(tl::enums::InputUser::User(tl::types::InputUser {
            user_id: user.raw_id,
            access_hash: user.access_hash,
        })),
        _ => Err(OwnerError::Invalid(format!("{} is a chat, not a user", user.title))),
    }
}

/// Refuses chats that are neither groups nor channels.
fn group_only(target: &Target) -> Result<(), OwnerError> {
    match target.kind {
        ChatKind::Group | ChatKind::Supergroup | ChatKind::Channel => Ok(()),
        _ => Err(OwnerError::Invalid(format!("{} is a private chat, not a group or channel", target.title))),
    }
}

/// The channel form of a supergroup or channel, or why a basic group cannot do `what`.
fn channel_of(target: &Target, what: &str) -> Result<tl::enums::InputChannel, OwnerError> {
    group_only(target)?;
    target.input_channel().ok_or_else(|| {
        OwnerError::Invalid(format!(
            "{} is a basic group: {what} needs a supergroup or channel",
            target.title
        ))
    })
}

/// A channel participant as a member.
pub(super) fn member(p: &tl::enums::ChannelParticipant, names: &Names) -> Member {
    use tl::enums::ChannelParticipant as P;
    let (id, role, rank, rights, since, until) = match p {
        P::Participant(p) => (p.user_id, "member", p.rank.clone(), Vec::new(), Some(p.date), None),
        P::ParticipantSelf(p) => (p.user_id, "member", p.rank.clone(), Vec::new(), Some(p.date), None),
        P::Creator(p) => {
            (p.user_id, "creator", p.rank.clone(), rights::admin_names(&p.admin_rights), None, None)
        }
        P::Admin(p) => {
            (p.user_id, "admin", p.rank.clone(), rights::admin_names(&p.admin_rights), Some(p.date), None)
        }
        P::Banned(p) => {
            let (names, until) = rights::banned_names(&p.banned_rights);
            let role = if p.left { "banned" } else { "restricted" };
            (super::peers::peer_id(&p.peer), role, None, names, Some(p.date), until)
        }
        P::Left(p) => (super::peers::peer_id(&p.peer), "left", None, Vec::new(), None, None),
    };
    named(names, id, role, rank, rights, since.map(i64::from), until)
}

/// A basic group's participant as a member.
fn chat_member(p: &tl::enums::ChatParticipant, names: &Names) -> Member {
    use tl::enums::ChatParticipant as P;
    match p {
        P::Creator(p) => named(names, p.user_id, "creator", p.rank.clone(), Vec::new(), None, None),
        P::Admin(p) => {
            named(names, p.user_id, "admin", p.rank.clone(), Vec::new(), Some(i64::from(p.date)), None)
        }
        P::Participant(p) => {
            named(names, p.user_id, "member", p.rank.clone(), Vec::new(), Some(i64::from(p.date)), None)
        }
    }
}

fn named(
    names: &Names,
    id: i64,
    role: &str,
    rank: Option<String>,
    rights: Vec<String>,
    since: Option<i64>,
    until: Option<i64>,
) -> Member {
    Member {
        id,
        name: names.name(id),
        username: names.username(id),
        role: role.to_owned(),
        rank,
        rights,
        since,
        until,
    }
}

/// Display names and usernames of the users an answer carries (the account by its own name,
/// where the peer cache calls it "Saved Messages").
pub(super) struct Names(HashMap<i64, (String, Option<String>)>);

impl Names {
    pub(super) fn of(users: &[tl::enums::User]) -> Self {
        let named = users.iter().filter_map(|u| match u {
            tl::enums::User::User(u) => {
                let parts = [u.first_name.as_deref(), u.last_name.as_deref()];
                let name = parts.into_iter().flatten().collect::<Vec<_>>().join(" ");
                Some((u.id, (name, u.username.clone())))
            }
            tl::enums::User::Empty(_) => None,
        });
        Self(named.collect())
    }

    pub(super) fn name(&self, id: i64) -> String {
        self.0.get(&id).map_or_else(|| id.to_string(), |(name, _)| name.clone())
    }

    fn username(&self, id: i64) -> Option<String> {
        self.0.get(&id).and_then(|(_, username)| username.clone())
    }
}
