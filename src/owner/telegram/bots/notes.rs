//! Voice transcription (`messages.transcribeAudio`, `messages.rateTranscribedAudio`) and fact
//! checks on channel posts (`messages.getFactCheck`, `editFactCheck`, `deleteFactCheck`).
//! Transcriptions seen are kept (bounded) so that reading one is not a write: a repeated
//! `transcribeAudio` would start a transcription, and use up a trial, in a read-only window.

use std::collections::{HashMap, VecDeque};

use grammers_client::tl;

use super::super::Telegram;
use super::super::peers::Target;
use super::super::target::peer_id;
use super::super::write::{TextFormat, formatted};
use crate::model::bots::{FactCheck, Transcription};
use crate::owner::OwnerError;

/// How many transcriptions the owner remembers; the oldest is forgotten first.
const KEPT_TRANSCRIPTIONS: usize = 4096;

/// The transcriptions the owner has seen, by chat and message, oldest first in `order`.
#[derive(Default)]
pub(crate) struct Transcriptions {
    by_message: HashMap<(i64, i32), Transcription>,
    order: VecDeque<(i64, i32)>,
}

impl Transcriptions {
    fn keep(&mut self, t: Transcription) {
        let key = (t.chat_id, t.message_id);
        if self.by_message.insert(key, t).is_none() {
            self.order.push_back(key);
            if self.order.len() > KEPT_TRANSCRIPTIONS
                && let Some(old) = self.order.pop_front()
            {
                self.by_message.remove(&old);
            }
        }
    }

    /// An update for a transcription: kept whole if new, else its text and state refreshed.
    fn update(&mut self, chat_id: i64, u: &tl::types::UpdateTranscribedAudio) {
        let trial_remains = self.by_message.get(&(chat_id, u.msg_id)).and_then(|t| t.trial_remains);
        self.keep(Transcription {
            chat_id,
            message_id: u.msg_id,
            transcription_id: u.transcription_id.to_string(),
            pending: u.pending,
            text: u.text.clone(),
            trial_remains,
        });
    }
}

impl Telegram {
    /// Transcribes a voice or video note (Telegram answers a repeated request with the same
    /// transcription, updated once it is done).
    pub(crate) async fn transcribe(&self, chat: &Target, id: i32) -> Result<Transcription, OwnerError> {
        let request = tl::functions::messages::TranscribeAudio { peer: chat.input_peer(), msg_id: id };
        let tl::enums::messages::TranscribedAudio::Audio(t) = self.call(&request).await?;
        let t = Transcription {
            chat_id: chat.id,
            message_id: id,
            transcription_id: t.transcription_id.to_string(),
            pending: t.pending,
            text: t.text,
            trial_remains: t.trial_remains_num,
        };
        self.transcriptions.lock().unwrap_or_else(|p| p.into_inner()).keep(t.clone());
        Ok(t)
    }

    /// The transcription of a message as last seen (no RPC: asking Telegram again would
    /// start one), or an error saying to transcribe it first.
    pub(crate) fn transcription(&self, chat: &Target, id: i32) -> Result<Transcription, OwnerError> {
        let kept = self.transcriptions.lock().unwrap_or_else(|p| p.into_inner());
        kept.by_message.get(&(chat.id, id)).cloned().ok_or_else(|| {
            OwnerError::Invalid(format!(
                "message {id} is not transcribed yet: call telegram-transcribe-audio first"
            ))
        })
    }

    /// Keeps the transcription an `updateTranscribedAudio` carries (others are ignored).
    pub(crate) fn note_transcription(&self, update: &tl::enums::Update) {
        if let tl::enums::Update::TranscribedAudio(u) = update {
            let chat_id = peer_id(&u.peer);
            self.transcriptions.lock().unwrap_or_else(|p| p.into_inner()).update(chat_id, u);
        }
    }

    /// Rates a transcription as good or poor.
    pub(crate) async fn rate_transcription(
        &self,
        chat: &Target,
        id: i32,
        transcription_id: i64,
        good: bool,
    ) -> Result<(), OwnerError> {
        let request = tl::functions::messages::RateTranscribedAudio {
            peer: chat.input_peer(),
            msg_id: id,
            transcription_id,
            good,
        };
        self.call(&request).await?;
        Ok(())
    }

    /// The fact checks of channel messages (a message without one has no text).
    pub(crate) async fn fact_checks(&self, chat: &Target, ids: &[i32]) -> Result<Vec<FactCheck>, OwnerError> {
        let request = tl::functions::messages::GetFactCheck { peer: chat.input_peer(), msg_id: ids.to_vec() };
        let checks = self.call(&request).await?;
        Ok(ids
            .iter()
            .zip(checks)
            .map(|(id, tl::enums::FactCheck::Check(c))| FactCheck {
                message_id: *id,
                text: c.text.map(|tl::enums::TextWithEntities::Entities(t)| t.text),
                country: c.country,
                need_check: c.need_check,
            })
            .collect())
    }

    /// Adds or replaces the fact check of a channel message, formatted.
    pub(crate) async fn edit_fact_check(
        &self,
        chat: &Target,
        id: i32,
        text: &str,
        format: TextFormat,
    ) -> Result<(), OwnerError> {
        let (text, entities) = formatted(text, format);
        let text = tl::enums::TextWithEntities::Entities(tl::types::TextWithEntities {
            text,
            entities: entities.unwrap_or_default(),
        });
        let request = tl::functions::messages::EditFactCheck { peer: chat.input_peer(), msg_id: id, text };
        self.learn_answer(&self.call(&request).await?);
        Ok(())
    }

    /// Removes the fact check of a channel message.
    pub(crate) async fn delete_fact_check(&self, chat: &Target, id: i32) -> Result<(), OwnerError> {
        let request = tl::functions::messages::DeleteFactCheck { peer: chat.input_peer(), msg_id: id };
        self.learn_answer(&self.call(&request).await?);
        Ok(())
    }
}
