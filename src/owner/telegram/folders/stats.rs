//! Channel and supergroup statistics (`stats.getBroadcastStats`, `getMegagroupStats`) and
//! boosts (`premium.getMyBoosts`, `getBoostsStatus`, `getBoostsList`).

use grammers_client::tl;

use super::channel_only;
use crate::model::folders::{
    Boost, BoostsStatus, BroadcastStats, Graph, MegagroupStats, MyBoost, PostCounters, PrepaidGiveaway,
    StatValue, TopMember,
};
use crate::owner::OwnerError;
use crate::owner::telegram::Telegram;
use crate::owner::telegram::peers::Target;
use crate::owner::telegram::target::peer_id;

impl Telegram {
    /// A broadcast channel's statistics; graphs only when asked for.
    pub(crate) async fn broadcast_stats(
        &self,
        target: &Target,
        graphs: bool,
        dark: bool,
    ) -> Result<BroadcastStats, OwnerError> {
        let channel = channel_only(target, "statistics")?;
        let tl::enums::stats::BroadcastStats::Stats(s) =
            self.call(&tl::functions::stats::GetBroadcastStats { dark, channel }).await?;
        let (start, end) = period(&s.period);
        let tl::enums::StatsPercentValue::Value(n) = &s.enabled_notifications;
        let named = [
            ("growth", &s.growth_graph),
            ("followers", &s.followers_graph),
            ("mute", &s.mute_graph),
            ("topHours", &s.top_hours_graph),
            ("interactions", &s.interactions_graph),
            ("ivInteractions", &s.iv_interactions_graph),
            ("viewsBySource", &s.views_by_source_graph),
            ("newFollowersBySource", &s.new_followers_by_source_graph),
            ("languages", &s.languages_graph),
            ("reactionsByEmotion", &s.reactions_by_emotion_graph),
            ("storyInteractions", &s.story_interactions_graph),
            ("storyReactionsByEmotion", &s.story_reactions_by_emotion_graph),
        ];
        Ok(BroadcastStats {
            chat_id: target.id,
            period_start: start,
            period_end: end,
            followers: value(&s.followers),
            views_per_post: value(&s.views_per_post),
            shares_per_post: value(&s.shares_per_post),
            reactions_per_post: value(&s.reactions_per_post),
            views_per_story: value(&s.views_per_story),
            shares_per_story: value(&s.shares_per_story),
            reactions_per_story: value(&s.reactions_per_story),
            notifications_percent: if n.total > 0.0 { n.part * 100.0 / n.total } else { 0.0 },
            recent_posts: s.recent_posts_interactions.iter().map(counters).collect(),
            graphs: if graphs { named.iter().map(|(name, g)| graph(name, g)).collect() } else { Vec::new() },
        })
    }

    /// A supergroup's statistics; graphs only when asked for.
    pub(crate) async fn megagroup_stats(
        &self,
        target: &Target,
        graphs: bool,
        dark: bool,
    ) -> Result<MegagroupStats, OwnerError> {
        let channel = channel_only(target, "statistics")?;
        let tl::enums::stats::MegagroupStats::Stats(s) =
            self.call(&tl::functions::stats::GetMegagroupStats { dark, channel }).await?;
        self.learn(&s.users, &[]);
        let (start, end) = period(&s.period);
        let name = |id: i64| self.known(id).map(|t| t.title);
        let member = |user_id: i64| TopMember {
            user_id,
            name: name(user_id),
            messages: None,
            avg_chars: None,
            deleted: None,
            kicked: None,
            banned: None,
            invitations: None,
        };
        let named = [
            ("growth", &s.growth_graph),
            ("members", &s.members_graph),
            ("newMembersBySource", &s.new_members_by_source_graph),
            ("languages", &s.languages_graph),
            ("messages", &s.messages_graph),
            ("actions", &s.actions_graph),
            ("topHours", &s.top_hours_graph),
            ("weekdays", &s.weekdays_graph),
        ];
        Ok(MegagroupStats {
            chat_id: target.id,
            period_start: start,
            period_end: end,
            members: value(&s.members),
            messages: value(&s.messages),
            viewers: value(&s.viewers),
            posters: value(&s.posters),
            top_posters: s
                .top_posters
                .iter()
                .map(|tl::enums::StatsGroupTopPoster::Poster(p)| TopMember {
                    messages: Some(p.messages),
                    avg_chars: Some(p.avg_chars),
                    ..member(p.user_id)
                })
                .collect(),
            top_admins: s
                .top_admins
                .iter()
                .map(|tl::enums::StatsGroupTopAdmin::Admin(a)| TopMember {
                    deleted: Some(a.deleted),
                    kicked: Some(a.kicked),
                    banned: Some(a.banned),
                    ..member(a.user_id)
                })
                .collect(),
            top_inviters: s
                .top_inviters
                .iter()
                .map(|tl::enums::StatsGroupTopInviter::Inviter(i)| TopMember {
                    invitations: Some(i.invitations),
                    ..member(i.user_id)
                })
                .collect(),
            graphs: if graphs { named.iter().map(|(name, g)| graph(name, g)).collect() } else { Vec::new() },
        })
    }

    /// The account's boost slots (none without Premium).
    pub(crate) async fn my_boosts(&self) -> Result<Vec<MyBoost>, OwnerError> {
        let tl::enums::premium::MyBoosts::Boosts(b) =
            self.call(&tl::functions::premium::GetMyBoosts {}).await?;
        self.learn(&b.users, &b.chats);
        Ok(b.my_boosts
            .iter()
            .map(|tl::enums::MyBoost::Boost(m)| {
                let chat_id = m.peer.as_ref().map(peer_id);
                MyBoost {
                    slot: m.slot,
                    chat_id,
                    chat_title: chat_id.and_then(|id| self.known(id)).map(|t| t.title),
                    date: i64::from(m.date),
                    expires: i64::from(m.expires),
                    cooldown_until_date: m.cooldown_until_date.map(i64::from),
                }
            })
            .collect())
    }

    /// A channel's or supergroup's boost level and progress.
    pub(crate) async fn boosts_status(&self, target: &Target) -> Result<BoostsStatus, OwnerError> {
        channel_only(target, "boosts")?;
        let request = tl::functions::premium::GetBoostsStatus { peer: target.input_peer() };
        let tl::enums::premium::BoostsStatus::Status(s) = self.call(&request).await?;
        let audience =
            s.premium_audience.as_ref().map(
                |tl::enums::StatsPercentValue::Value(p)| {
                    if p.total > 0.0 { p.part * 100.0 / p.total } else { 0.0 }
                },
            );
        let giveaways = s.prepaid_giveaways.iter().flatten().filter_map(|g| match g {
            tl::enums::PrepaidGiveaway::Giveaway(g) => Some(PrepaidGiveaway {
                id: g.id,
                months: g.months,
                quantity: g.quantity,
                date: i64::from(g.date),
            }),
            _ => None,
        });
        Ok(BoostsStatus {
            chat_id: target.id,
            level: s.level,
            boosts: s.boosts,
            current_level_boosts: s.current_level_boosts,
            next_level_boosts: s.next_level_boosts,
            gift_boosts: s.gift_boosts,
            premium_audience_percent: audience,
            boost_url: s.boost_url.clone(),
            my_boost: s.my_boost,
            my_boost_slots: s.my_boost_slots.clone().unwrap_or_default(),
            prepaid_giveaways: giveaways.collect(),
        })
    }

    /// One page of the boosts applied to a channel (admins only): Telegram's total, the
    /// boosts, and the offset of the next page.
    pub(crate) async fn boosts_list(
        &self,
        target: &Target,
        gifts: bool,
        offset: &str,
        limit: usize,
    ) -> Result<(i32, Vec<Boost>, Option<String>), OwnerError> {
        channel_only(target, "boosts")?;
        let request = tl::functions::premium::GetBoostsList {
            gifts,
            peer: target.input_peer(),
            offset: offset.to_owned(),
            limit: limit as i32,
        };
        let tl::enums::premium::BoostsList::List(l) = self.call(&request).await?;
        self.learn(&l.users, &[]);
        let boosts = l
            .boosts
            .iter()
            .map(|tl::enums::Boost::Boost(b)| Boost {
                id: b.id.clone(),
                user_id: b.user_id,
                date: i64::from(b.date),
                expires: i64::from(b.expires),
                gift: b.gift,
                giveaway: b.giveaway,
                unclaimed: b.unclaimed,
                giveaway_msg_id: b.giveaway_msg_id,
                used_gift_slug: b.used_gift_slug.clone(),
                multiplier: b.multiplier,
                stars: b.stars,
            })
            .collect();
        Ok((l.count, boosts, l.next_offset))
    }
}

fn period(p: &tl::enums::StatsDateRangeDays) -> (i64, i64) {
    let tl::enums::StatsDateRangeDays::Days(d) = p;
    (i64::from(d.min_date), i64::from(d.max_date))
}

fn value(v: &tl::enums::StatsAbsValueAndPrev) -> StatValue {
    let tl::enums::StatsAbsValueAndPrev::Prev(v) = v;
    StatValue { current: v.current, previous: v.previous }
}

fn counters(c: &tl::enums::PostInteractionCounters) -> PostCounters {
    match c {
        tl::enums::PostInteractionCounters::Message(m) => PostCounters {
            message_id: Some(m.msg_id),
            story_id: None,
            views: m.views,
            forwards: m.forwards,
            reactions: m.reactions,
        },
        tl::enums::PostInteractionCounters::Story(s) => PostCounters {
            message_id: None,
            story_id: Some(s.story_id),
            views: s.views,
            forwards: s.forwards,
            reactions: s.reactions,
        },
    }
}

/// A graph as Telegram sent it; an async one keeps its token (`stats.loadAsyncGraph` loads it).
fn graph(name: &str, g: &tl::enums::StatsGraph) -> Graph {
    let mut out = Graph { name: name.to_owned(), json: None, token: None, error: None };
    match g {
        tl::enums::StatsGraph::Graph(g) => {
            let tl::enums::DataJson::Json(j) = &g.json;
            out.json = Some(j.data.clone());
        }
        tl::enums::StatsGraph::Async(a) => out.token = Some(a.token.clone()),
        tl::enums::StatsGraph::Error(e) => out.error = Some(e.error.clone()),
    }
    out
}
