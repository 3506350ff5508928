//! The stories side of the controls: another user views (and maybe reacts to) a story, as
//! their phone would, and the reports the account filed, so tests can check both without a
//! second account.

use serde::Serialize;

use super::Controls;
use crate::sandbox::state::now_secs;
use crate::sandbox::world::PeerKey;

/// A report as the controls list it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoryReport {
    /// The peer's id (users as is, channels by their raw id).
    pub peer: i64,
    pub ids: Vec<i32>,
    /// The chosen option's bytes as text.
    pub option: String,
    pub message: String,
}

impl Controls {
    /// `user` views story `id` of `peer` (a user id, or a channel's raw id), leaving `reaction`.
    pub fn story_view(&self, peer: i64, id: i32, user: i64, reaction: Option<String>) -> Result<(), String> {
        let now = now_secs() as i32;
        let mut world = self.shared.world();
        let w = &mut *world;
        if !w.users.contains_key(&user) || user == w.self_id {
            return Err(format!("no other user {user}"));
        }
        let key = if w.channels.contains_key(&peer) { PeerKey::Channel(peer) } else { PeerKey::User(peer) };
        match reaction {
            Some(r) => w.stories.react(key, id, user, Some(r), now).map_err(|f| f.name),
            None => {
                w.stories.story_mut(key, id).map_err(|f| f.name)?;
                w.stories.view(key, id, user, now);
                Ok(())
            }
        }
    }

    /// Every report filed, oldest first.
    pub fn story_reports(&self) -> Vec<StoryReport> {
        let world = self.shared.world();
        let id = |p: PeerKey| match p {
            PeerKey::User(id) | PeerKey::Chat(id) | PeerKey::Channel(id) => id,
        };
        let reports = world.stories.reports.iter();
        reports
            .map(|r| StoryReport {
                peer: id(r.peer),
                ids: r.ids.clone(),
                option: String::from_utf8_lossy(&r.option).into_owned(),
                message: r.message.clone(),
            })
            .collect()
    }
}
