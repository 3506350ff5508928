//! The helper bot (@sandbox_helper_bot) as an inline bot and a keyboard bot:
//! `messages.getInlineBotResults` pages deterministic articles, `messages.sendInlineBotResult`
//! posts one "via" the bot, and `messages.getBotCallbackAnswer` answers its buttons (a vote
//! edits the bot's message, live).

use grammers_tl_types::{Serializable, enums, functions as f, types};

use super::super::{input_peer, input_user, messages};
use super::Answer;
use crate::sandbox::world::bots::{Button, InlineResult, vote_text};
use crate::sandbox::world::tl as conv;
use crate::sandbox::world::{Draft, Failure, World};

/// Seconds a client may cache the bot's answers.
const CACHE_TIME: i32 = 60;

pub(super) fn results(w: &mut World, r: f::messages::GetInlineBotResults, now: i32) -> Answer {
    let bot = input_user(w, &r.bot)?;
    input_peer(w, &r.peer)?;
    if !w.users.get(&bot).is_some_and(|u| u.bot) {
        return Err(Failure::bad("BOT_INLINE_DISABLED"));
    }
    let (query_id, found, next_offset) = w.bots.answer_inline(bot, &r.query, &r.offset, now);
    let results = found.iter().map(article).collect();
    let users = vec![conv::user(w, &w.users[&bot])];
    let answer = types::messages::BotResults {
        gallery: false,
        query_id,
        next_offset,
        switch_pm: None,
        switch_webview: None,
        results,
        cache_time: CACHE_TIME,
        users,
    };
    Ok(enums::messages::BotResults::Results(answer).to_bytes())
}

fn article(r: &InlineResult) -> enums::BotInlineResult {
    let send_message = enums::BotInlineMessage::Text(types::BotInlineMessageText {
        no_webpage: true,
        invert_media: false,
        message: r.text.clone(),
        entities: None,
        reply_markup: None,
    });
    enums::BotInlineResult::Result(types::BotInlineResult {
        id: r.id.clone(),
        r#type: "article".to_owned(),
        title: Some(r.title.clone()),
        description: Some(r.description.clone()),
        url: Some(r.url.clone()),
        thumb: None,
        content: None,
        send_message,
    })
}

pub(super) fn send(w: &mut World, r: f::messages::SendInlineBotResult, now: i32) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    let (bot, result) = w.bots.inline_result(r.query_id, &r.id, now)?;
    let (reply_to, top_msg_id) = messages::reply_target(r.reply_to)?;
    let draft = Draft {
        text: result.text,
        reply_to,
        top_msg_id,
        random_id: r.random_id,
        media: None,
        grouped_id: None,
    };
    let (mut msg, affected) = w.send(peer, draft, now)?;
    if !r.hide_via {
        msg.via_bot = Some(bot);
        if let Some(stored) = w.dialogs.get_mut(&peer).and_then(|d| d.messages.get_mut(&msg.id)) {
            stored.via_bot = Some(bot);
        }
    }
    let id = enums::Update::MessageId(types::UpdateMessageId { id: msg.id, random_id: r.random_id });
    Ok(messages::updates(w, vec![(msg, affected)], vec![id], now))
}

pub(super) fn press(w: &mut World, r: f::messages::GetBotCallbackAnswer, now: i32) -> Answer {
    let peer = input_peer(w, &r.peer)?;
    let msg = w.message(peer, r.msg_id).ok_or_else(|| Failure::bad("MESSAGE_ID_INVALID"))?;
    let data = match (r.game, r.password.is_some(), r.data) {
        (false, false, Some(data)) => data,
        _ => return Err(Failure::bad("DATA_INVALID")),
    };
    let known =
        msg.buttons.iter().flatten().any(|b| matches!(b, Button::Callback { data: d, .. } if *d == data));
    if !known {
        return Err(Failure::bad("DATA_INVALID"));
    }
    let (message, alert) = match data.as_slice() {
        vote @ (b"like" | b"dislike") => {
            let votes = w.bots.votes.entry((peer, r.msg_id)).or_default();
            if vote == b"like" {
                votes.0 += 1;
            } else {
                votes.1 += 1;
            }
            let text = vote_text(votes.0, votes.1);
            w.edit_inbound(peer, r.msg_id, &text, now)?;
            (Some("Thanks for your vote!".to_owned()), false)
        }
        b"count" => {
            w.bots.presses += 1;
            (Some(format!("Pressed {} time(s)", w.bots.presses)), true)
        }
        _ => (None, false),
    };
    let answer = types::messages::BotCallbackAnswer {
        alert,
        has_url: false,
        native_ui: false,
        message,
        url: None,
        cache_time: 0,
    };
    Ok(enums::messages::BotCallbackAnswer::Answer(answer).to_bytes())
}
