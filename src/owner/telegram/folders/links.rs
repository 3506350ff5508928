//! Invite links of groups and channels: create (`messages.exportChatInvite`), list per admin
//! (`messages.getExportedChatInvites`, newest first) and revoke (`editExportedChatInvite`).

use grammers_client::tl;

use super::group_or_channel;
use crate::model::ChatKind;
use crate::model::Page;
use crate::model::folders::InviteLink;
use crate::owner::telegram::Telegram;
use crate::owner::telegram::peers::Target;
use crate::owner::telegram::read::MAX_PAGE;
use crate::owner::{Cursor, OwnerError};

/// The terms of a new invite link; `None` leaves each unlimited or off.
#[derive(Debug, Clone, Default)]
pub struct InviteTerms {
    /// Unix time the link stops working.
    pub expire_date: Option<i32>,
    pub usage_limit: Option<i32>,
    pub request_approval: bool,
    pub title: Option<String>,
}

impl Telegram {
    /// A new invite link of a group or channel where you are an admin.
    pub(crate) async fn create_invite(
        &self,
        target: &Target,
        terms: InviteTerms,
    ) -> Result<InviteLink, OwnerError> {
        group_or_channel(target, "invite links")?;
        let request = tl::functions::messages::ExportChatInvite {
            legacy_revoke_permanent: false,
            request_needed: terms.request_approval,
            peer: target.input_peer(),
            expire_date: terms.expire_date,
            usage_limit: terms.usage_limit,
            title: terms.title,
            subscription_pricing: None,
        };
        Ok(invite(&self.call(&request).await?))
    }

    /// One page of the links `admin` (default: you) created, newest first, with Telegram's
    /// total.
    pub(crate) async fn invite_links(
        &self,
        target: &Target,
        admin: Option<&Target>,
        revoked: bool,
        limit: usize,
        cursor: Option<Cursor>,
    ) -> Result<(i32, Page<InviteLink>), OwnerError> {
        group_or_channel(target, "invite links")?;
        let admin_id = match admin {
            None => tl::enums::InputUser::UserSelf,
            Some(a) if a.kind == ChatKind::Saved => tl::enums::InputUser::UserSelf,
            Some(a) if matches!(a.kind, ChatKind::User | ChatKind::Bot) => {
                tl::enums::InputUser::User(tl::types::InputUser {
                    user_id: a.raw_id,
                    access_hash: a.access_hash,
                })
            }
            Some(a) => return Err(OwnerError::Invalid(format!("adminId {} is not a user", a.title))),
        };
        // The cursor is (date, seen): the next page starts at the links of `date` and older,
        // after the `seen` links of that date already shown (links can share a second).
        let (date, seen) = match cursor {
            None => (None, 0),
            Some(Cursor::Offset { offset }) if offset >= 0 => {
                (Some(i32::try_from(offset >> 8).unwrap_or(i32::MAX)), (offset & 0xff) as usize)
            }
            Some(_) => return Err(OwnerError::Invalid("that cursor belongs to another tool".into())),
        };
        // One link more than shown says whether another page follows.
        let asked = (limit + seen + 1).min(MAX_PAGE);
        let request = tl::functions::messages::GetExportedChatInvites {
            revoked,
            peer: target.input_peer(),
            admin_id,
            offset_date: date.map(|d| d.saturating_add(1)),
            offset_link: date.map(|_| String::new()),
            limit: asked as i32,
        };
        let tl::enums::messages::ExportedChatInvites::Invites(found) = self.call(&request).await?;
        self.learn(&found.users, &[]);
        let capped = found.invites.len() == asked && asked == MAX_PAGE;
        let mut fetched = found.invites.iter().map(invite);
        let mut skipped = 0;
        let links: Vec<InviteLink> = fetched
            .by_ref()
            .skip_while(|l| {
                let shown = skipped < seen && date.is_some_and(|d| l.date == i64::from(d));
                skipped += usize::from(shown);
                shown
            })
            .take(limit)
            .collect();
        let more = fetched.next().is_some() || capped;
        let next_cursor = links.last().filter(|_| more).and_then(|last| {
            let same = links.iter().filter(|l| l.date == last.date).count();
            let seen = if date.is_some_and(|d| i64::from(d) == last.date) { seen + same } else { same };
            // More than a page of links in one second cannot be paged past: stop there.
            (seen < MAX_PAGE).then(|| Cursor::Offset { offset: (last.date << 8) | seen as i64 }.encode())
        });
        Ok((found.count, Page { items: links, next_cursor }))
    }

    /// Revokes a link; returns it revoked, and the new primary link when it was the primary one.
    pub(crate) async fn revoke_invite(
        &self,
        target: &Target,
        link: &str,
    ) -> Result<(InviteLink, Option<InviteLink>), OwnerError> {
        group_or_channel(target, "invite links")?;
        let request = tl::functions::messages::EditExportedChatInvite {
            revoked: true,
            peer: target.input_peer(),
            link: link.to_owned(),
            expire_date: None,
            usage_limit: None,
            request_needed: None,
            title: None,
        };
        match self.call(&request).await? {
            tl::enums::messages::ExportedChatInvite::Invite(i) => {
                self.learn(&i.users, &[]);
                Ok((invite(&i.invite), None))
            }
            tl::enums::messages::ExportedChatInvite::Replaced(r) => {
                self.learn(&r.users, &[]);
                Ok((invite(&r.invite), Some(invite(&r.new_invite))))
            }
        }
    }
}

fn invite(i: &tl::enums::ExportedChatInvite) -> InviteLink {
    match i {
        tl::enums::ExportedChatInvite::ChatInviteExported(i) => InviteLink {
            link: i.link.clone(),
            title: i.title.clone(),
            admin_id: i.admin_id,
            date: i64::from(i.date),
            expire_date: i.expire_date.map(i64::from),
            usage_limit: i.usage_limit,
            usage: i.usage.unwrap_or(0),
            requested: i.requested,
            request_approval: i.request_needed,
            revoked: i.revoked,
            permanent: i.permanent,
        },
        tl::enums::ExportedChatInvite::ChatInvitePublicJoinRequests => InviteLink {
            link: String::new(),
            title: Some("public join requests".to_owned()),
            admin_id: 0,
            date: 0,
            expire_date: None,
            usage_limit: None,
            usage: 0,
            requested: None,
            request_approval: true,
            revoked: false,
            permanent: false,
        },
    }
}
