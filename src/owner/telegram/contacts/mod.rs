//! The account: signing in and out, contacts and blocks, sessions, privacy, the profile, emoji status, colour, birthday and personal channel.
//!
//! The Telegram side of the `contacts` tools: contacts, requests, full profiles and blocks here;
//! sessions and privacy in `account.rs`; the own profile, emoji status, colour, birthday and
//! personal channel in `profile.rs`. Every answer's users are learned into the peer cache.

mod account;
mod profile;

use std::collections::HashMap;

use grammers_client::tl;

use super::Telegram;
use super::peers::{Target, channel_id};
use crate::model::contacts::{Birthday, Contact, ContactRequest, EmojiStatus, PeerColor, Profile};
use crate::model::{Chat, ChatKind, Page};
use crate::owner::{ChatFilter, Cursor, OwnerError, Window};

pub(crate) use account::PrivacyChange;
pub use profile::{EmojiStatusKind, ProfileChange};

impl Telegram {
    /// `contacts.getContacts` (all at once; paged here by `offset`). Returns the page and the total.
    pub(crate) async fn contacts(
        &self,
        limit: usize,
        offset: usize,
    ) -> Result<(Vec<Contact>, usize), OwnerError> {
        let answer = self.call(&tl::functions::contacts::GetContacts { hash: 0 }).await?;
        let tl::enums::contacts::Contacts::Contacts(c) = answer else { return Ok((Vec::new(), 0)) };
        self.learn(&c.users, &[]);
        let users: HashMap<i64, &tl::types::User> = c
            .users
            .iter()
            .filter_map(|u| match u {
                tl::enums::User::User(u) => Some((u.id, u)),
                tl::enums::User::Empty(_) => None,
            })
            .collect();
        let all: Vec<Contact> = c
            .contacts
            .iter()
            .filter_map(|tl::enums::Contact::Contact(k)| users.get(&k.user_id).map(|u| contact(u, k.mutual)))
            .collect();
        let total = all.len();
        Ok((all.into_iter().skip(offset).take(limit).collect(), total))
    }

    /// Private chats with people who are not your contacts and whose last message came from
    /// them (a chat you started is not a request), each with that message. Only chats that
    /// pass `visible` (the window's scope) are looked into: one `getHistory` per such chat.
    pub(crate) async fn contact_requests(
        &self,
        limit: usize,
        cursor: Option<Cursor>,
        visible: impl Fn(&Chat) -> bool,
    ) -> Result<Page<ContactRequest>, OwnerError> {
        let chats = self.list_chats(limit, cursor, ChatFilter::ContactRequests).await?;
        let mut items = Vec::with_capacity(chats.items.len());
        for chat in chats.items.into_iter().filter(|c| visible(c)) {
            let Some(target) = self.known(chat.id) else { continue };
            let w = Window { limit: 1, ..Window::default() };
            let Some(last) = self.history(&target, w).await?.items.pop() else { continue };
            if last.out {
                continue;
            }
            let user = Contact {
                id: target.id,
                name: target.title.clone(),
                username: target.username.clone(),
                phone: None,
                mutual: false,
            };
            items.push(ContactRequest { user, unread: chat.unread, last_message: Some(last) });
        }
        Ok(Page { items, next_cursor: chats.next_cursor })
    }

    /// `users.getFullUser`: bio, birthday, personal channel, common chats, blocked and more.
    pub(crate) async fn profile(&self, target: &Target) -> Result<Profile, OwnerError> {
        let id = input_user(target)?;
        let tl::enums::users::UserFull::Full(answer) =
            self.call(&tl::functions::users::GetFullUser { id }).await?;
        self.learn(&answer.users, &answer.chats);
        let tl::enums::UserFull::Full(full) = answer.full_user;
        let user = answer.users.iter().find_map(|u| match u {
            tl::enums::User::User(u) if u.id == full.id => Some(u),
            _ => None,
        });
        let user =
            user.ok_or_else(|| OwnerError::Internal(anyhow::anyhow!("getFullUser returned no user")))?;
        Ok(Profile {
            id: user.id,
            first_name: user.first_name.clone().unwrap_or_default(),
            last_name: user.last_name.clone(),
            username: user.username.clone(),
            phone: user.phone.clone(),
            bio: full.about.filter(|a| !a.is_empty()),
            bot: user.bot,
            premium: user.premium,
            contact: user.contact,
            is_self: user.is_self,
            blocked: full.blocked,
            common_chats_count: full.common_chats_count,
            birthday: full.birthday.map(|tl::enums::Birthday::Birthday(b)| Birthday {
                day: b.day,
                month: b.month,
                year: b.year,
            }),
            personal_channel_id: full.personal_channel_id.map(channel_id),
            emoji_status: user.emoji_status.as_ref().and_then(emoji_status),
            color: user.color.as_ref().map(peer_color),
            profile_color: user.profile_color.as_ref().map(peer_color),
            status: user.status.as_ref().map(status),
        })
    }

    /// `contacts.addContact`; returns the contact as Telegram now shows it.
    pub(crate) async fn add_contact(
        &self,
        target: &Target,
        first_name: &str,
        last_name: &str,
        phone: &str,
    ) -> Result<Contact, OwnerError> {
        let request = tl::functions::contacts::AddContact {
            add_phone_privacy_exception: false,
            id: input_user(target)?,
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
            phone: phone.to_owned(),
            note: None,
        };
        let updates = self.call(&request).await?;
        let users = match &updates {
            tl::enums::Updates::Updates(u) => u.users.clone(),
            tl::enums::Updates::Combined(u) => u.users.clone(),
            _ => Vec::new(),
        };
        self.learn(&users, &[]);
        let user = users.iter().find_map(|u| match u {
            tl::enums::User::User(u) if u.id == target.raw_id => Some(contact(u, u.mutual_contact)),
            _ => None,
        });
        Ok(user.unwrap_or(Contact {
            id: target.id,
            name: [first_name, last_name].join(" ").trim().to_owned(),
            username: target.username.clone(),
            phone: (!phone.is_empty()).then(|| phone.to_owned()),
            mutual: false,
        }))
    }

    /// `contacts.block` or `contacts.unblock`.
    pub(crate) async fn set_blocked(&self, target: &Target, blocked: bool) -> Result<(), OwnerError> {
        if !matches!(target.kind, ChatKind::User | ChatKind::Bot | ChatKind::Saved) {
            return Err(OwnerError::Invalid(format!(
                "{} is not a user: pass a user's id or @username",
                target.title
            )));
        }
        let id = target.input_peer();
        if blocked {
            self.call(&tl::functions::contacts::Block { my_stories_from: false, id }).await?;
        } else {
            self.call(&tl::functions::contacts::Unblock { my_stories_from: false, id }).await?;
        }
        Ok(())
    }
}

/// The `InputUser` of a resolved user (`me` included).
fn input_user(target: &Target) -> Result<tl::enums::InputUser, OwnerError> {
    match target.kind {
        ChatKind::Saved => Ok(tl::enums::InputUser::UserSelf),
        ChatKind::User | ChatKind::Bot => Ok(tl::enums::InputUser::User(tl::types::InputUser {
            user_id: target.raw_id,
            access_hash: target.access_hash,
        })),
        _ => Err(OwnerError::Invalid(format!(
            "{} is a group or channel, not a user: pass a user's id or @username",
            target.title
        ))),
    }
}

fn contact(u: &tl::types::User, mutual: bool) -> Contact {
    let name =
        [u.first_name.as_deref(), u.last_name.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    Contact { id: u.id, name, username: u.username.clone(), phone: u.phone.clone(), mutual }
}

fn emoji_status(s: &tl::enums::EmojiStatus) -> Option<EmojiStatus> {
    use tl::enums::EmojiStatus as S;
    match s {
        S::Empty => None,
        S::Status(s) => Some(EmojiStatus {
            document_id: Some(s.document_id.to_string()),
            collectible_id: None,
            title: None,
            until: s.until.map(i64::from),
        }),
        S::Collectible(s) => Some(EmojiStatus {
            document_id: Some(s.document_id.to_string()),
            collectible_id: Some(s.collectible_id.to_string()),
            title: Some(s.title.clone()),
            until: s.until.map(i64::from),
        }),
        S::InputEmojiStatusCollectible(s) => Some(EmojiStatus {
            document_id: None,
            collectible_id: Some(s.collectible_id.to_string()),
            title: None,
            until: s.until.map(i64::from),
        }),
    }
}

fn peer_color(c: &tl::enums::PeerColor) -> PeerColor {
    use tl::enums::PeerColor as C;
    match c {
        C::Color(c) => {
            PeerColor { color: c.color, background_emoji_id: c.background_emoji_id.map(|id| id.to_string()) }
        }
        C::Collectible(c) => PeerColor {
            color: Some(c.accent_color),
            background_emoji_id: Some(c.background_emoji_id.to_string()),
        },
        C::InputPeerColorCollectible(_) => PeerColor { color: None, background_emoji_id: None },
    }
}

fn status(s: &tl::enums::UserStatus) -> String {
    use tl::enums::UserStatus as S;
    match s {
        S::Empty => "unknown".to_owned(),
        S::Online(_) => "online".to_owned(),
        S::Offline(o) => format!("last seen at {}", o.was_online),
        S::Recently(_) => "recently".to_owned(),
        S::LastWeek(_) => "within a week".to_owned(),
        S::LastMonth(_) => "within a month".to_owned(),
    }
}
