//! Inline bots and keyboard buttons (here), forum topics (`topics`), voice transcription and
//! fact checks (`notes`), and stickers (`stickers`): the Telegram side of the `bots` tools.

mod notes;
mod stickers;
mod topics;

pub(super) use notes::Transcriptions;

use grammers_client::tl;

use super::peers::Target;
use super::write::reply_header;
use super::{Telegram, rand_i64};
use crate::model::ChatKind;
use crate::model::bots::{
    ButtonInfo, Buttons, CallbackAnswer, InlineOptions, InlineResult, InlineResults, InlineSent, Press,
};
use crate::owner::OwnerError;

impl Telegram {
    /// Asks an inline bot for results in the context of a chat (one page).
    pub(crate) async fn inline_query(
        &self,
        bot: &Target,
        chat: &Target,
        query: &str,
        offset: &str,
    ) -> Result<InlineResults, OwnerError> {
        let request = tl::functions::messages::GetInlineBotResults {
            bot: input_user(bot)?,
            peer: chat.input_peer(),
            geo_point: None,
            query: query.to_owned(),
            offset: offset.to_owned(),
        };
        let tl::enums::messages::BotResults::Results(answer) = self.call(&request).await?;
        self.learn(&answer.users, &[]);
        let results = answer.results.iter().map(inline_result).collect();
        Ok(InlineResults {
            bot_id: bot.id,
            query_id: answer.query_id.to_string(),
            cache_time: answer.cache_time,
            next_offset: answer.next_offset.filter(|o| !o.is_empty()),
            results,
        })
    }

    /// Sends a result of an earlier inline query into a chat.
    pub(crate) async fn inline_send(
        &self,
        chat: &Target,
        query_id: i64,
        result_id: &str,
        options: InlineOptions,
    ) -> Result<InlineSent, OwnerError> {
        let random_id = rand_i64();
        let request = tl::functions::messages::SendInlineBotResult {
            silent: options.silent,
            background: false,
            clear_draft: options.clear_draft,
            hide_via: options.hide_via,
            peer: chat.input_peer(),
            reply_to: reply_header(options.reply_to, None),
            random_id,
            query_id,
            id: result_id.to_owned(),
            schedule_date: None,
            send_as: None,
            quick_reply_shortcut: None,
            allow_paid_stars: None,
        };
        let updates = self.call(&request).await?;
        let message = self.sent_messages(updates, &[random_id]).into_iter().next().flatten();
        let message = message.ok_or_else(|| {
            OwnerError::Internal(anyhow::anyhow!("Telegram did not return the sent message"))
        })?;
        Ok(InlineSent { message_id: message.id, message })
    }

    /// The keyboard of a message, button by button.
    pub(crate) async fn buttons(&self, chat: &Target, id: i32) -> Result<Buttons, OwnerError> {
        let message = self.raw_message(chat, id).await?;
        let (markup_type, buttons) = keyboard(message.reply_markup.as_ref());
        Ok(Buttons { chat_id: chat.id, message_id: id, markup_type: markup_type.to_owned(), buttons })
    }

    /// Presses a callback button (by position, or by raw data) and returns the bot's answer.
    pub(crate) async fn press(
        &self,
        chat: &Target,
        id: i32,
        press: &Press,
    ) -> Result<CallbackAnswer, OwnerError> {
        let (data, label) = match press {
            Press::Data(raw) => (base64_decode(raw)?, None),
            Press::At { row, column } => {
                let buttons = self.buttons(chat, id).await?;
                let (data, text) = callback_at(&buttons, *row, *column)?;
                (data, Some(text))
            }
        };
        let request = tl::functions::messages::GetBotCallbackAnswer {
            game: false,
            peer: chat.input_peer(),
            msg_id: id,
            data: Some(data),
            password: None,
        };
        let tl::enums::messages::BotCallbackAnswer::Answer(a) = self.call(&request).await?;
        Ok(CallbackAnswer {
            button: label,
            alert: a.alert,
            has_url: a.has_url,
            native_ui: a.native_ui,
            message: a.message,
            url: a.url,
            cache_time: a.cache_time,
        })
    }

    /// Learns the users and chats an `Updates` answer names.
    fn learn_answer(&self, updates: &tl::enums::Updates) {
        if let tl::enums::Updates::Updates(u) = updates {
            self.learn(&u.users, &u.chats);
        }
    }
}

/// The user form of a bot (or person) chat.
fn input_user(t: &Target) -> Result<tl::enums::InputUser, OwnerError> {
    match t.kind {
        ChatKind::Bot | ChatKind::User => Ok(tl::enums::InputUser::User(tl::types::InputUser {
            user_id: t.raw_id,
            access_hash: t.access_hash,
        })),
        ChatKind::Saved => Ok(tl::enums::InputUser::UserSelf),
        _ => Err(OwnerError::Invalid(format!("{} is not a bot: pass the bot's @username", t.title))),
    }
}

fn inline_result(r: &tl::enums::BotInlineResult) -> InlineResult {
    match r {
        tl::enums::BotInlineResult::Result(r) => InlineResult {
            id: r.id.clone(),
            kind: r.r#type.clone(),
            title: r.title.clone(),
            description: r.description.clone(),
            url: r.url.clone(),
        },
        tl::enums::BotInlineResult::BotInlineMediaResult(r) => InlineResult {
            id: r.id.clone(),
            kind: r.r#type.clone(),
            title: r.title.clone(),
            description: r.description.clone(),
            url: None,
        },
    }
}

/// The markup type and buttons of a reply markup.
fn keyboard(markup: Option<&tl::enums::ReplyMarkup>) -> (&'static str, Vec<ButtonInfo>) {
    use tl::enums::ReplyMarkup as R;
    match markup {
        None => ("none", Vec::new()),
        Some(R::ReplyKeyboardHide(_)) => ("remove", Vec::new()),
        Some(R::ReplyKeyboardForceReply(_)) => ("forceReply", Vec::new()),
        Some(R::ReplyKeyboardMarkup(m)) => {
            let rows = m.rows.iter().map(|tl::enums::KeyboardButtonRow::Row(r)| &r.buttons);
            let buttons = rows.enumerate().flat_map(|(row, list)| {
                list.iter().enumerate().map(move |(column, tl::enums::KeyboardButton::Button(b))| {
                    ButtonInfo { kind: "text".to_owned(), ..blank(row, column, &b.text) }
                })
            });
            ("keyboard", buttons.collect())
        }
        Some(R::ReplyInlineMarkup(m)) => {
            let rows = m.rows.iter().map(|tl::enums::KeyboardInlineButtonRow::Row(r)| &r.buttons);
            let buttons = rows.enumerate().flat_map(|(row, list)| {
                list.iter().enumerate().map(move |(column, tl::enums::KeyboardInlineButton::Button(b))| {
                    inline_button(row, column, b)
                })
            });
            ("inline", buttons.collect())
        }
    }
}

fn blank(row: usize, column: usize, text: &str) -> ButtonInfo {
    ButtonInfo {
        row,
        column,
        kind: String::new(),
        text: text.to_owned(),
        data: None,
        url: None,
        switch_query: None,
        user_id: None,
        copy_text: None,
    }
}

fn inline_button(row: usize, column: usize, b: &tl::types::KeyboardInlineButton) -> ButtonInfo {
    use tl::enums::InlineButtonType as T;
    let base = blank(row, column, &b.text);
    let kind = |k: &str| k.to_owned();
    match &b.r#type {
        T::Callback(c) => ButtonInfo { kind: kind("callback"), data: Some(base64_encode(&c.data)), ..base },
        T::Url(u) => ButtonInfo { kind: kind("url"), url: Some(u.url.clone()), ..base },
        T::UrlAuth(u) => ButtonInfo { kind: kind("urlAuth"), url: Some(u.url.clone()), ..base },
        T::InputInlineButtonTypeUrlAuth(u) => {
            ButtonInfo { kind: kind("urlAuth"), url: Some(u.url.clone()), ..base }
        }
        T::WebView(u) => ButtonInfo { kind: kind("webView"), url: Some(u.url.clone()), ..base },
        T::SwitchInline(s) => {
            ButtonInfo { kind: kind("switchInline"), switch_query: Some(s.query.clone()), ..base }
        }
        T::UserProfile(u) => ButtonInfo { kind: kind("userProfile"), user_id: Some(u.user_id), ..base },
        T::Copy(c) => ButtonInfo { kind: kind("copy"), copy_text: Some(c.copy_text.clone()), ..base },
        T::Game => ButtonInfo { kind: kind("game"), ..base },
        T::Buy => ButtonInfo { kind: kind("buy"), ..base },
        _ => ButtonInfo { kind: kind("other"), ..base },
    }
}

/// The callback data of the button at a position, or why it cannot be pressed.
fn callback_at(buttons: &Buttons, row: usize, column: usize) -> Result<(Vec<u8>, String), OwnerError> {
    if buttons.markup_type != "inline" {
        return Err(OwnerError::Invalid(format!(
            "message {} has no inline keyboard (markup: {}): nothing to press",
            buttons.message_id, buttons.markup_type
        )));
    }
    let rows = buttons.buttons.iter().map(|b| b.row + 1).max().unwrap_or(0);
    let Some(b) = buttons.buttons.iter().find(|b| b.row == row && b.column == column) else {
        let in_row = buttons.buttons.iter().filter(|b| b.row == row).count();
        return Err(OwnerError::Invalid(format!(
            "no button at row {row}, column {column}: the keyboard has {rows} row(s){}; see telegram-get-message-buttons",
            if row < rows { format!(", row {row} has {in_row} button(s)") } else { String::new() }
        )));
    };
    match (&b.data, &b.url) {
        (Some(data), _) => Ok((base64_decode(data)?, b.text.clone())),
        (None, Some(url)) => Err(OwnerError::Invalid(format!(
            "button {:?} is a {} button opening {url}: open the link instead of pressing it",
            b.text, b.kind
        ))),
        (None, None) => Err(OwnerError::Invalid(format!(
            "button {:?} is a {} button: only callback buttons can be pressed",
            b.text, b.kind
        ))),
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(BASE64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard or URL-safe base64, padded or not.
fn base64_decode(text: &str) -> Result<Vec<u8>, OwnerError> {
    let bad = || {
        OwnerError::Invalid(format!("data {text:?} is not base64: copy it from telegram-get-message-buttons"))
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.trim().trim_end_matches('=').bytes() {
        let v = match c {
            b'-' => 62,
            b'_' => 63,
            _ => BASE64.iter().position(|b| *b == c).ok_or_else(bad)? as u32,
        };
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 6 {
        return Err(bad());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for raw in [&b""[..], b"f", b"fo", b"foo", b"like", b"\xff\x00\xfe"] {
            let text = base64_encode(raw);
            assert_eq!(base64_decode(&text).unwrap(), raw, "{text}");
        }
        assert_eq!(base64_encode(b"like"), "bGlrZQ==");
        assert!(base64_decode("no!").is_err());
        assert!(base64_decode("a").is_err());
    }
}
