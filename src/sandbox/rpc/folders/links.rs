//! Invite links of groups and channels: exporting, listing per admin, editing and revoking,
//! and checking a link's hash as a joining client would (`messages.checkChatInvite`).

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::Answer;
use crate::sandbox::rpc::{input_peer, input_user};
use crate::sandbox::world::folders::{Invite, require_admin};
use crate::sandbox::world::tl::Peers;
use crate::sandbox::world::{Failure, PeerKey, World};

/// Longest link label Telegram accepts.
const MAX_TITLE: usize = 32;

pub(super) fn export(w: &mut World, req: f::messages::ExportChatInvite, now: i32) -> Answer {
    let peer = input_peer(w, &req.peer)?;
    require_admin(w, peer)?;
    check_terms(req.expire_date, req.usage_limit, req.request_needed, req.title.as_deref(), now)?;
    let me = w.self_id;
    let permanent = req.legacy_revoke_permanent;
    if permanent {
        let list = w.folders.invites.entry(peer).or_default();
        list.iter_mut().filter(|i| i.permanent && i.admin == me && !i.revoked).for_each(|i| i.revoked = true);
    }
    let invite = Invite {
        hash: w.folders.new_hash(),
        admin: me,
        date: now,
        expire_date: req.expire_date.filter(|_| !permanent),
        usage_limit: req.usage_limit.filter(|_| !permanent),
        usage: 0,
        request_needed: req.request_needed && !permanent,
        title: req.title.filter(|t| !t.is_empty()),
        revoked: false,
        permanent,
    };
    w.folders.invites.entry(peer).or_default().push(invite.clone());
    Ok(render(&invite).to_bytes())
}

pub(super) fn list(w: &mut World, req: f::messages::GetExportedChatInvites) -> Answer {
    let peer = input_peer(w, &req.peer)?;
    require_admin(w, peer)?;
    let admin = input_user(w, &req.admin_id)?;
    let mut links: Vec<&Invite> = w
        .folders
        .invites
        .get(&peer)
        .map(|l| l.iter().filter(|i| i.admin == admin && i.revoked == req.revoked).collect())
        .unwrap_or_default();
    // Newest first; the hash breaks ties, so (date, link) is a stable page offset.
    links.sort_by(|a, b| (b.date, &b.hash).cmp(&(a.date, &a.hash)));
    let count = links.len() as i32;
    if let (Some(date), Some(link)) = (req.offset_date, req.offset_link.as_deref()) {
        let hash = hash_of(link).to_owned();
        links.retain(|i| (i.date, &i.hash) < (date, &hash));
    }
    let invites: Vec<enums::ExportedChatInvite> =
        links.iter().take(req.limit.clamp(1, 100) as usize).map(|i| render(i)).collect();
    let mut peers = Peers::default();
    peers.add(PeerKey::User(admin));
    let (users, _) = peers.build(w);
    let answer = types::messages::ExportedChatInvites { count, invites, users };
    Ok(enums::messages::ExportedChatInvites::Invites(answer).to_bytes())
}

pub(super) fn edit(w: &mut World, req: f::messages::EditExportedChatInvite, now: i32) -> Answer {
    let peer = input_peer(w, &req.peer)?;
    require_admin(w, peer)?;
    let hash = hash_of(&req.link).to_owned();
    let me = w.self_id;
    let list = w.folders.invites.get(&peer).ok_or_else(|| Failure::bad("INVITE_HASH_EXPIRED"))?;
    let at = list.iter().position(|i| i.hash == hash).ok_or_else(|| Failure::bad("INVITE_HASH_EXPIRED"))?;
    let old = list[at].clone();
    if req.revoked {
        w.folders.invites.get_mut(&peer).into_iter().for_each(|l| l[at].revoked = true);
        let revoked = Invite { revoked: true, ..old.clone() };
        if old.permanent && !old.revoked {
            // A revoked permanent link is replaced at once, as on Telegram.
            let fresh = Invite { hash: w.folders.new_hash(), date: now, usage: 0, ..old };
            w.folders.invites.entry(peer).or_default().push(fresh.clone());
            return Ok(replaced(w, &revoked, &fresh, me));
        }
        return Ok(single(w, &revoked, me));
    }
    if old.revoked {
        return Err(Failure::bad("INVITE_REVOKED_MISSING"));
    }
    let request_needed = req.request_needed;
    check_terms(
        req.expire_date,
        req.usage_limit,
        request_needed.unwrap_or(false),
        req.title.as_deref(),
        now,
    )?;
    let edited = Invite {
        expire_date: req.expire_date.map_or(old.expire_date, |d| (d != 0).then_some(d)),
        usage_limit: req.usage_limit.map_or(old.usage_limit, |u| (u != 0).then_some(u)),
        request_needed: request_needed.unwrap_or(old.request_needed),
        title: req.title.map_or(old.title.clone(), |t| (!t.is_empty()).then_some(t)),
        ..old
    };
    w.folders.invites.get_mut(&peer).into_iter().for_each(|l| l[at] = edited.clone());
    Ok(single(w, &edited, me))
}

pub(super) fn check(w: &mut World, req: f::messages::CheckChatInvite, now: i32) -> Answer {
    let (peer, invite) = w.folders.invite(&req.hash).ok_or_else(|| Failure::bad("INVITE_HASH_INVALID"))?;
    if !invite.usable(now) {
        return Err(Failure::bad("INVITE_HASH_EXPIRED"));
    }
    let request_needed = invite.request_needed;
    let mut peers = Peers::default();
    peers.add(peer);
    let (_, chats) = peers.build(w);
    let chat = chats.into_iter().next().ok_or_else(|| Failure::bad("INVITE_HASH_INVALID"))?;
    let me = w.self_id;
    let (title, about, members, channel, broadcast, public) = match peer {
        PeerKey::Chat(id) => {
            let c = &w.chats[&id];
            (c.title.clone(), c.about.clone(), c.members.clone(), false, false, false)
        }
        PeerKey::Channel(id) => {
            let c = &w.channels[&id];
            (c.title.clone(), c.about.clone(), c.members.clone(), true, c.broadcast, c.username.is_some())
        }
        PeerKey::User(_) => return Err(Failure::bad("INVITE_HASH_INVALID")),
    };
    if members.contains(&me) {
        return Ok(enums::ChatInvite::Already(types::ChatInviteAlready { chat }).to_bytes());
    }
    let invite = types::ChatInvite {
        channel,
        broadcast,
        public,
        megagroup: channel && !broadcast,
        request_needed,
        verified: false,
        scam: false,
        fake: false,
        can_refulfill_subscription: false,
        title,
        about: (!about.is_empty()).then_some(about),
        photo: enums::Photo::Empty(types::PhotoEmpty { id: 0 }),
        participants_count: members.len() as i32,
        participants: None,
        color: 0,
        subscription_pricing: None,
        subscription_form_id: None,
        bot_verification: None,
    };
    Ok(enums::ChatInvite::Invite(invite).to_bytes())
}

/// The hash of a link given whole (`https://t.me/+…`, `t.me/joinchat/…`) or bare.
pub(crate) fn hash_of(link: &str) -> &str {
    let link = link.trim();
    let tail = link.rsplit('/').next().unwrap_or(link);
    tail.trim_start_matches('+')
}

fn check_terms(
    expire: Option<i32>,
    usage_limit: Option<i32>,
    request_needed: bool,
    title: Option<&str>,
    now: i32,
) -> Result<(), Failure> {
    if expire.is_some_and(|d| d != 0 && d <= now) {
        return Err(Failure::bad("EXPIRE_DATE_INVALID"));
    }
    if usage_limit.is_some_and(|u| !(0..=99_999).contains(&u)) {
        return Err(Failure::bad("USAGE_LIMIT_INVALID"));
    }
    // A link that needs approval admits any number of requests: no usage limit.
    if request_needed && usage_limit.is_some_and(|u| u != 0) {
        return Err(Failure::bad("USAGE_LIMIT_INVALID"));
    }
    if title.is_some_and(|t| t.chars().count() > MAX_TITLE) {
        return Err(Failure::bad("INVITE_TITLE_INVALID"));
    }
    Ok(())
}

fn single(w: &World, invite: &Invite, me: i64) -> Vec<u8> {
    let users = admin_users(w, me);
    let answer = types::messages::ExportedChatInvite { invite: render(invite), users };
    enums::messages::ExportedChatInvite::Invite(answer).to_bytes()
}

fn replaced(w: &World, old: &Invite, new: &Invite, me: i64) -> Vec<u8> {
    let users = admin_users(w, me);
    let answer =
        types::messages::ExportedChatInviteReplaced { invite: render(old), new_invite: render(new), users };
    enums::messages::ExportedChatInvite::Replaced(answer).to_bytes()
}

fn admin_users(w: &World, admin: i64) -> Vec<enums::User> {
    let mut peers = Peers::default();
    peers.add(PeerKey::User(admin));
    peers.build(w).0
}

fn render(i: &Invite) -> enums::ExportedChatInvite {
    enums::ExportedChatInvite::ChatInviteExported(types::ChatInviteExported {
        revoked: i.revoked,
        permanent: i.permanent,
        request_needed: i.request_needed,
        link: i.link(),
        admin_id: i.admin,
        date: i.date,
        start_date: None,
        expire_date: i.expire_date,
        usage_limit: i.usage_limit,
        usage: (i.usage > 0).then_some(i.usage),
        requested: None,
        subscription_expired: None,
        title: i.title.clone(),
        subscription_pricing: None,
    })
}
