//! TL rendering of dialogs, forum topics, the full profiles of users, groups and channels,
//! and the server config: the large, mostly-default objects of layer 230.

use grammers_tl_types::{enums, types};

use super::peer;
use crate::sandbox::world::{ChannelRec, ChatRec, DialogRec, MsgRec, PeerKey, TopicRec, UserRec, World};

fn notify_settings() -> enums::PeerNotifySettings {
    peer_notify(0)
}

/// A dialog's notification settings, muted until `mute_until` (0: not muted).
pub(crate) fn peer_notify(mute_until: i32) -> enums::PeerNotifySettings {
    enums::PeerNotifySettings::Settings(types::PeerNotifySettings {
        show_previews: Some(true),
        silent: Some(false),
        mute_until: Some(mute_until),
        ios_sound: None,
        android_sound: None,
        other_sound: None,
        stories_muted: None,
        stories_hide_sender: None,
        stories_ios_sound: None,
        stories_android_sound: None,
        stories_other_sound: None,
    })
}

pub(crate) fn dialog(world: &World, d: &DialogRec) -> enums::Dialog {
    let pts = match d.peer {
        PeerKey::Channel(id) => world.channels.get(&id).map(|c| c.pts),
        _ => None,
    };
    enums::Dialog::Dialog(types::Dialog {
        pinned: d.pinned,
        unread_mark: world.folders.unread_marks.contains(&d.peer),
        view_forum_as_messages: false,
        peer: peer(d.peer),
        top_message: world.top_message(d),
        read_inbox_max_id: d.read_inbox_max_id,
        read_outbox_max_id: d.read_outbox_max_id,
        unread_count: world.unread_count(d),
        unread_mentions_count: 0,
        unread_reactions_count: 0,
        unread_poll_votes_count: 0,
        notify_settings: peer_notify(world.folders.mute_until.get(&d.peer).copied().unwrap_or(0)),
        pts,
        draft: None,
        folder_id: Some(world.folders.folder_of(d.peer)).filter(|f| *f != 0),
        ttl_period: None,
    })
}

pub(crate) fn topic(world: &World, channel: &ChannelRec, t: &TopicRec) -> enums::ForumTopic {
    let dialog = world.dialogs.get(&PeerKey::Channel(channel.id));
    let in_topic = |m: &&MsgRec| m.top_id == Some(t.id) || m.id == t.id;
    let top_message = dialog.and_then(|d| d.messages.values().rev().find(in_topic)).map_or(t.id, |m| m.id);
    let read = dialog.map_or(0, |d| d.read_inbox_max_id);
    let unread =
        dialog.map_or(0, |d| d.messages.values().filter(in_topic).filter(|m| !m.out && m.id > read).count());
    enums::ForumTopic::Topic(types::ForumTopic {
        my: true,
        closed: t.closed,
        pinned: t.id == 1,
        short: false,
        hidden: t.hidden,
        title_missing: false,
        id: t.id,
        date: t.date,
        peer: peer(PeerKey::Channel(channel.id)),
        title: t.title.clone(),
        icon_color: t.icon_color,
        icon_emoji_id: t.icon_emoji_id,
        top_message,
        read_inbox_max_id: read,
        read_outbox_max_id: top_message,
        unread_count: unread as i32,
        unread_mentions_count: 0,
        unread_reactions_count: 0,
        unread_poll_votes_count: 0,
        from_id: peer(PeerKey::User(world.self_id)),
        notify_settings: notify_settings(),
        draft: None,
    })
}

/// `help.getConfig`. `dc_options` stays empty: any static option would overwrite the session's
/// loopback address with one the sandbox does not control.
pub(crate) fn config(now: i32) -> enums::Config {
    enums::Config::Config(types::Config {
        default_p2p_contacts: false,
        preload_featured_stickers: false,
        revoke_pm_inbox: true,
        blocked_mode: false,
        force_try_ipv6: false,
        date: now,
        expires: now + 3600,
        test_mode: false,
        this_dc: crate::sandbox::session::HOME_DC,
        dc_options: Vec::new(),
        dc_txt_domain_name: "sandbox.invalid".to_owned(),
        chat_size_max: 200,
        megagroup_size_max: 200_000,
        forwarded_count_max: 100,
        online_update_period_ms: 210_000,
        offline_blur_timeout_ms: 5_000,
        offline_idle_timeout_ms: 30_000,
        online_cloud_timeout_ms: 300_000,
        notify_cloud_delay_ms: 30_000,
        notify_default_delay_ms: 1_500,
        push_chat_period_ms: 60_000,
        push_chat_limit: 2,
        edit_time_limit: 172_800,
        revoke_time_limit: i32::MAX,
        revoke_pm_time_limit: i32::MAX,
        rating_e_decay: 2_419_200,
        stickers_recent_limit: 200,
        channels_read_media_period: 604_800,
        tmp_sessions: None,
        call_receive_timeout_ms: 20_000,
        call_ring_timeout_ms: 90_000,
        call_connect_timeout_ms: 30_000,
        call_packet_timeout_ms: 10_000,
        me_url_prefix: "https://t.me/".to_owned(),
        autoupdate_url_prefix: None,
        gif_search_username: None,
        venue_search_username: None,
        img_search_username: None,
        static_maps_provider: None,
        caption_length_max: 1024,
        message_length_max: 4096,
        webfile_dc_id: 4,
        suggested_lang_code: None,
        lang_pack_version: None,
        base_lang_pack_version: None,
        reactions_default: None,
        autologin_token: None,
    })
}

/// `userFull` of a seeded user; `common` counts the groups shared with the account owner.
pub(crate) fn user_full(user: &UserRec, common: i32, photo: Option<enums::Photo>) -> enums::UserFull {
    enums::UserFull::Full(types::UserFull {
        blocked: false,
        phone_calls_available: false,
        phone_calls_private: false,
        can_pin_message: true,
        has_scheduled: false,
        video_calls_available: false,
        voice_messages_forbidden: false,
        translations_disabled: false,
        stories_pinned_available: false,
        blocked_my_stories_from: false,
        wallpaper_overridden: false,
        contact_require_premium: false,
        read_dates_private: false,
        sponsored_enabled: false,
        can_view_revenue: false,
        bot_can_manage_emoji_status: false,
        display_gifts_button: false,
        noforwards_my_enabled: false,
        noforwards_peer_enabled: false,
        unofficial_security_risk: false,
        id: user.id,
        about: Some(user.about.clone()),
        settings: enums::PeerSettings::Settings(types::PeerSettings {
            report_spam: false,
            add_contact: false,
            block_contact: false,
            share_contact: false,
            need_contacts_exception: false,
            report_geo: false,
            autoarchived: false,
            invite_members: false,
            request_chat_broadcast: false,
            business_bot_paused: false,
            business_bot_can_reply: false,
            geo_distance: None,
            request_chat_title: None,
            request_chat_date: None,
            business_bot_id: None,
            business_bot_manage_url: None,
            charge_paid_message_stars: None,
            registration_month: None,
            phone_country: None,
            name_change_date: None,
            photo_change_date: None,
        }),
        personal_photo: None,
        profile_photo: photo,
        fallback_photo: None,
        notify_settings: notify_settings(),
        bot_info: None,
        pinned_msg_id: None,
        common_chats_count: common,
        folder_id: None,
        ttl_period: None,
        theme: None,
        private_forward_name: None,
        bot_group_admin_rights: None,
        bot_broadcast_admin_rights: None,
        wallpaper: None,
        stories: None,
        business_work_hours: None,
        business_location: None,
        business_greeting_message: None,
        business_away_message: None,
        business_intro: None,
        birthday: None,
        personal_channel_id: None,
        personal_channel_message: None,
        stargifts_count: None,
        starref_program: None,
        bot_verification: None,
        send_paid_messages_stars: None,
        disallowed_gifts: None,
        stars_rating: None,
        stars_my_pending_rating: None,
        stars_my_pending_rating_date: None,
        main_tab: None,
        saved_music: None,
        note: None,
        bot_manager_id: None,
    })
}

/// `chatFull` of a basic group, with its member list.
pub(crate) fn chat_full(chat: &ChatRec) -> enums::ChatFull {
    let participants = chat.members.iter().map(|&user_id| {
        if user_id == chat.creator {
            enums::ChatParticipant::Creator(types::ChatParticipantCreator { user_id, rank: None })
        } else {
            enums::ChatParticipant::Participant(types::ChatParticipant {
                user_id,
                inviter_id: chat.creator,
                date: chat.date,
                rank: None,
            })
        }
    });
    enums::ChatFull::Full(types::ChatFull {
        can_set_username: false,
        has_scheduled: false,
        translations_disabled: false,
        has_welcome_messages: false,
        id: chat.id,
        about: chat.about.clone(),
        participants: enums::ChatParticipants::Participants(types::ChatParticipants {
            chat_id: chat.id,
            participants: participants.collect(),
            version: 1,
        }),
        chat_photo: None,
        notify_settings: notify_settings(),
        exported_invite: None,
        bot_info: None,
        pinned_msg_id: None,
        folder_id: None,
        call: None,
        ttl_period: None,
        groupcall_default_join_as: None,
        theme_emoticon: None,
        requests_pending: None,
        recent_requesters: None,
        available_reactions: None,
        reactions_limit: None,
    })
}

/// `channelFull` of a supergroup or broadcast channel, with its read marks and pts.
pub(crate) fn channel_full(world: &World, channel: &ChannelRec, dialog: &DialogRec) -> enums::ChatFull {
    use crate::sandbox::world::admin::Part;
    let state = world.admin.channels.get(&channel.id).cloned().unwrap_or_default();
    let admins = channel.members.iter().map(|u| world.part(channel, *u));
    let admins = admins.filter(|p| matches!(p, Part::Creator { .. } | Part::Admin { .. })).count();
    enums::ChatFull::ChannelFull(types::ChannelFull {
        can_view_participants: !channel.broadcast,
        can_set_username: true,
        can_set_stickers: false,
        hidden_prehistory: state.prehistory_hidden,
        can_set_location: false,
        has_scheduled: false,
        can_view_stats: false,
        blocked: false,
        can_delete_channel: true,
        antispam: state.antispam,
        participants_hidden: false,
        translations_disabled: false,
        stories_pinned_available: false,
        view_forum_as_messages: false,
        restricted_sponsored: false,
        can_view_revenue: false,
        paid_media_allowed: false,
        can_view_stars_revenue: false,
        paid_reactions_available: false,
        stargifts_available: false,
        paid_messages_available: false,
        has_welcome_messages: false,
        id: channel.id,
        about: channel.about.clone(),
        participants_count: Some(channel.members.len() as i32),
        admins_count: Some(admins as i32),
        kicked_count: None,
        banned_count: None,
        online_count: Some(1),
        read_inbox_max_id: dialog.read_inbox_max_id,
        read_outbox_max_id: dialog.read_outbox_max_id,
        unread_count: world.unread_count(dialog),
        chat_photo: enums::Photo::Empty(types::PhotoEmpty { id: 0 }),
        notify_settings: notify_settings(),
        exported_invite: None,
        bot_info: Vec::new(),
        migrated_from_chat_id: None,
        migrated_from_max_id: None,
        pinned_msg_id: None,
        stickerset: None,
        available_min_id: None,
        folder_id: None,
        linked_chat_id: None,
        location: None,
        slowmode_seconds: (state.slowmode > 0).then_some(state.slowmode),
        slowmode_next_send_date: None,
        stats_dc: None,
        pts: channel.pts,
        call: None,
        ttl_period: None,
        pending_suggestions: None,
        groupcall_default_join_as: None,
        theme_emoticon: None,
        requests_pending: None,
        recent_requesters: None,
        default_send_as: None,
        available_reactions: None,
        reactions_limit: None,
        stories: None,
        wallpaper: None,
        boosts_applied: None,
        boosts_unrestrict: None,
        emojiset: None,
        bot_verification: None,
        stargifts_count: None,
        send_paid_messages_stars: None,
        main_tab: None,
        guard_bot_id: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_full_tells_the_admin_state() {
        let files = crate::sandbox::media::Store::new().unwrap();
        let mut world = World::demo(1_800_000_000, &files).unwrap();
        let id = crate::sandbox::world::admin::BOARD_GAMES;
        let state = world.admin.channel(id);
        (state.slowmode, state.antispam, state.prehistory_hidden) = (30, true, true);
        let dialog = world.dialogs[&crate::sandbox::world::PeerKey::Channel(id)].clone();
        let enums::ChatFull::ChannelFull(full) = channel_full(&world, &world.channels[&id], &dialog) else {
            panic!("a channel's full info")
        };
        let got = (full.admins_count, full.slowmode_seconds, full.antispam, full.hidden_prehistory);
        assert_eq!(got, (Some(1), Some(30), true, true));
    }
}
