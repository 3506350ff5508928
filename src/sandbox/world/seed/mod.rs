//! The demo account every sandbox starts with: Alice, five contacts (one a bot), a basic group,
//! a forum supergroup, a broadcast channel and Saved Messages, holding a few hundred messages in
//! English and Russian with emoji, replies, forwards, reactions, media placeholders and a few
//! texts longer than 4 KB. Deterministic except for the dates, which end at "now".

mod cast;
mod media;

use std::collections::BTreeMap;

use cast::{BORIS, BOT, CAROL, DMITRI, ELENA, FORUM, HIKE, LINES, NEWS, REACTIONS, SELF_ID, long_text};

use super::{DialogRec, FwdRec, MediaRec, MsgRec, PeerKey, World};

struct Seeder {
    world: World,
    clock: i32,
    rng: u64,
}

/// Builds the demo world with message dates spread over the three days before `now`; the
/// bytes of its media go into `files`.
pub(crate) fn build(now: i32, files: &crate::sandbox::media::Store) -> std::io::Result<World> {
    let mut s = Seeder { world: empty_world(), clock: now - 3 * 86_400, rng: 0x5eed };
    cast::add_people(&mut s.world);
    cast::add_groups(&mut s.world, now - 33 * 86_400);
    s.private_chat(BORIS, 48, 3);
    s.private_chat(CAROL, 30, 0);
    s.private_chat(ELENA, 14, 2);
    s.bot_chat();
    s.basic_group(44, 5);
    s.forum(90, 12);
    s.channel(28, 4);
    s.saved_messages();
    media::add(&mut s, files)?;
    super::compose::seed(&mut s.world, now);
    super::reactions::seed(&mut s.world, now);
    super::bots::seed(&mut s.world, files, now)?;
    super::admin::seed(&mut s.world, now);
    super::folders::seed(&mut s.world, now);
    super::contacts::seed(&mut s.world, now);
    super::stories::seed(&mut s.world, now);
    super::stories::seed_music(&mut s.world, files)?;
    super::business::seed(&mut s.world, now);
    // The seeded history happened before anyone could watch: the logs start empty, at the
    // boxes' current pts.
    let world = &mut s.world;
    world.log = super::Log::new(world.pts);
    world.channel_logs = world.channels.values().map(|c| (c.id, super::Log::new(c.pts))).collect();
    Ok(s.world)
}

fn empty_world() -> World {
    World {
        self_id: SELF_ID,
        users: BTreeMap::new(),
        chats: BTreeMap::new(),
        channels: BTreeMap::new(),
        dialogs: BTreeMap::new(),
        next_msg_id: 1,
        pts: 1,
        log: super::Log::new(1),
        channel_logs: BTreeMap::new(),
        fresh: Vec::new(),
        random_ids: BTreeMap::new(),
        media: BTreeMap::new(),
        profile_photos: BTreeMap::new(),
        next_media_id: 5_100_000_000_000_001,
        premium: false,
        compose: Default::default(),
        reactions: Default::default(),
        bots: Default::default(),
        admin: Default::default(),
        folders: Default::default(),
        contacts: Default::default(),
        stories: Default::default(),
        business: Default::default(),
    }
}

impl Seeder {
    fn next(&mut self) -> u64 {
        // xorshift64: deterministic, good enough to pick lines and senders.
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn open(&mut self, peer: PeerKey) {
        let dialog = DialogRec {
            peer,
            messages: BTreeMap::new(),
            read_inbox_max_id: 0,
            read_outbox_max_id: 0,
            pinned: false,
        };
        self.world.dialogs.insert(peer, dialog);
    }

    /// Appends a message with the next id of its box and returns the id.
    fn push(&mut self, peer: PeerKey, from: Option<i64>, text: String) -> i32 {
        self.clock += 300 + (self.next() % 900) as i32;
        let id = match peer {
            PeerKey::Channel(c) => {
                let channel = self.world.channels.get_mut(&c).expect("seeded channel");
                channel.next_msg_id += 1;
                channel.pts += 1;
                channel.next_msg_id - 1
            }
            _ => {
                self.world.next_msg_id += 1;
                self.world.pts += 1;
                self.world.next_msg_id - 1
            }
        };
        let views = from.is_none().then_some(100 + (self.next() % 900) as i32);
        let sender = from.map(PeerKey::User);
        let msg = MsgRec { views, ..MsgRec::new(id, peer, sender, from == Some(SELF_ID), self.clock, text) };
        self.dialog(peer).messages.insert(id, msg);
        id
    }

    fn dialog(&mut self, peer: PeerKey) -> &mut DialogRec {
        self.world.dialogs.get_mut(&peer).expect("dialog opened before use")
    }

    fn msg(&mut self, peer: PeerKey, id: i32) -> &mut MsgRec {
        self.dialog(peer).messages.get_mut(&id).expect("message just pushed")
    }

    /// Adds the decorations that make the data realistic, by position in the chat.
    fn decorate(&mut self, peer: PeerKey, id: i32, n: usize) {
        if n % 7 == 6 {
            let target = self.dialog(peer).messages.keys().rev().nth(3).copied();
            self.msg(peer, id).reply_to = target;
        }
        if n % 5 == 2 {
            let emoji = self.pick(REACTIONS);
            let count = 1 + (self.next() % 4) as i32;
            self.msg(peer, id).reactions.push((emoji.to_owned(), count));
        }
        if n % 11 == 4 {
            let media = match n % 3 {
                0 => MediaRec::Photo { id: 880_000 + n as i64 },
                1 => MediaRec::Document { id: 990_000 + n as i64 },
                _ => MediaRec::Geo { lat: 55.7558, long: 37.6173 },
            };
            self.msg(peer, id).media = Some(media);
        }
        if n % 13 == 9 {
            self.msg(peer, id).edit_date = Some(self.clock + 60);
        }
    }

    /// Marks all but the last `unread` incoming messages as read.
    fn mark_read(&mut self, peer: PeerKey, unread: usize) {
        let incoming: Vec<i32> =
            self.dialog(peer).messages.values().filter(|m| !m.out).map(|m| m.id).collect();
        let cut = incoming.len().saturating_sub(unread);
        let read_to = if cut == 0 { 0 } else { incoming[cut - 1] };
        let top = self.dialog(peer).messages.keys().next_back().copied().unwrap_or(0);
        let dialog = self.dialog(peer);
        dialog.read_inbox_max_id = if unread == 0 { top } else { read_to };
        dialog.read_outbox_max_id = top;
    }

    fn chatter(&mut self, peer: PeerKey, people: &[i64], count: usize) {
        for n in 0..count {
            let from = self.pick(people);
            let line = self.pick(LINES).to_owned();
            let id = self.push(peer, Some(from), line);
            self.decorate(peer, id, n);
        }
    }

    fn private_chat(&mut self, other: i64, count: usize, unread: usize) {
        let peer = PeerKey::User(other);
        self.open(peer);
        self.chatter(peer, &[SELF_ID, other], count);
        if other == BORIS {
            let id = self.push(peer, Some(BORIS), long_text());
            self.decorate(peer, id, 2);
            self.push(peer, Some(BORIS), "Прочитай, когда будет время 👆".to_owned());
        }
        self.mark_read(peer, unread);
    }

    fn bot_chat(&mut self) {
        let peer = PeerKey::User(BOT);
        self.open(peer);
        for n in 0..6 {
            self.push(peer, Some(SELF_ID), format!("/echo test {n}"));
            self.push(peer, Some(BOT), format!("🤖 echo: test {n}"));
        }
        self.mark_read(peer, 1);
    }

    fn basic_group(&mut self, count: usize, unread: usize) {
        let peer = PeerKey::Chat(HIKE);
        self.open(peer);
        self.chatter(peer, &[SELF_ID, BORIS, CAROL, DMITRI], count);
        self.mark_read(peer, unread);
    }

    fn forum(&mut self, count: usize, unread: usize) {
        let peer = PeerKey::Channel(FORUM);
        self.open(peer);
        self.dialog(peer).pinned = true;
        let topics: Vec<(i32, String)> =
            self.world.channels[&FORUM].topics.iter().map(|t| (t.id, t.title.clone())).collect();
        for (topic, title) in &topics {
            let id = self.push(peer, Some(SELF_ID), String::new());
            debug_assert_eq!(id, *topic, "topic ids are the ids of their opening messages");
            self.msg(peer, id).topic_created = Some(title.clone());
        }
        let people = [SELF_ID, BORIS, CAROL, DMITRI, ELENA];
        for n in 0..count {
            let from = self.pick(&people);
            let line = self.pick(LINES).to_owned();
            let id = self.push(peer, Some(from), line);
            let topic = topics[n % topics.len()].0;
            self.msg(peer, id).top_id = Some(topic);
            self.decorate(peer, id, n);
        }
        let id = self.push(peer, Some(DMITRI), long_text());
        self.msg(peer, id).top_id = Some(2);
        self.mark_read(peer, unread);
    }

    fn channel(&mut self, count: usize, unread: usize) {
        let peer = PeerKey::Channel(NEWS);
        self.open(peer);
        for n in 0..count {
            let text = format!("📰 Выпуск #{n}: {}", self.pick(LINES));
            let id = self.push(peer, None, text);
            self.decorate(peer, id, n);
        }
        let id = self.push(peer, None, format!("Long read 📚\n\n{}", long_text()));
        self.msg(peer, id).reactions.push(("🔥".to_owned(), 42));
        self.mark_read(peer, unread);
    }

    fn saved_messages(&mut self) {
        let peer = PeerKey::User(SELF_ID);
        self.open(peer);
        self.push(peer, Some(SELF_ID), "Список покупок: хлеб, сыр, кофе ☕".to_owned());
        let post = self.world.dialogs[&PeerKey::Channel(NEWS)].messages.values().next().cloned();
        if let Some(post) = post {
            let id = self.push(peer, Some(SELF_ID), post.text.clone());
            self.msg(peer, id).fwd =
                Some(FwdRec { from: PeerKey::Channel(NEWS), date: post.date, channel_post: Some(post.id) });
        }
        let hike = self.world.dialogs[&PeerKey::Chat(HIKE)].messages.values().nth(5).cloned();
        if let Some(m) = hike {
            let id = self.push(PeerKey::Chat(HIKE), Some(SELF_ID), m.text.clone());
            let from = m.from.unwrap_or(PeerKey::User(BORIS));
            self.msg(PeerKey::Chat(HIKE), id).fwd = Some(FwdRec { from, date: m.date, channel_post: None });
        }
        self.mark_read(peer, 0);
        self.mark_read(PeerKey::Chat(HIKE), 5);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_world_has_what_the_issue_promises() {
        let files = crate::sandbox::media::Store::new().unwrap();
        let world = build(1_800_000_000, &files).unwrap();
        let total: usize = world.dialogs.values().map(|d| d.messages.len()).sum();
        assert!(total >= 200, "only {total} messages");
        let all: Vec<&MsgRec> = world.dialogs.values().flat_map(|d| d.messages.values()).collect();
        assert!(all.iter().any(|m| m.text.len() > 4096));
        assert!(all.iter().any(|m| m.text.chars().any(|c| ('а'..='я').contains(&c))));
        assert!(all.iter().any(|m| m.text.contains('🚀')));
        assert!(all.iter().any(|m| m.reply_to.is_some()));
        assert!(all.iter().any(|m| m.fwd.is_some()));
        assert!(all.iter().any(|m| !m.reactions.is_empty()));
        assert!(all.iter().any(|m| m.media.is_some()));
        assert!(world.users.values().any(|u| u.bot));
        assert!(world.channels.values().any(|c| c.forum && c.topics.len() >= 2));
        assert!(world.channels.values().any(|c| c.broadcast));
        assert!(!world.chats.is_empty());
        assert!(world.dialogs.values().any(|d| world.unread_count(d) > 0));
    }
}
