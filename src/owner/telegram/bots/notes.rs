//! Voice transcription (`messages.transcribeAudio`, `messages.rateTranscribedAudio`) and fact
//! checks on channel posts (`messages.getFactCheck`, `editFactCheck`, `deleteFactCheck`).

use grammers_client::tl;

use super::super::Telegram;
use super::super::peers::Target;
use crate::model::bots::{FactCheck, Transcription};
use crate::owner::OwnerError;

impl Telegram {
    /// Transcribes a voice or video note (Telegram answers a repeated request with the same
    /// transcription, updated once it is done).
    pub(crate) async fn transcribe(&self, chat: &Target, id: i32) -> Result<Transcription, OwnerError> {
        let request = tl::functions::messages::TranscribeAudio { peer: chat.input_peer(), msg_id: id };
        let tl::enums::messages::TranscribedAudio::Audio(t) = self.call(&request).await?;
        Ok(Transcription {
            chat_id: chat.id,
            message_id: id,
            transcription_id: t.transcription_id.to_string(),
            pending: t.pending,
            text: t.text,
            trial_remains: t.trial_remains_num,
        })
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

    /// Adds or replaces the fact check of a channel message.
    pub(crate) async fn edit_fact_check(&self, chat: &Target, id: i32, text: &str) -> Result<(), OwnerError> {
        let text = tl::enums::TextWithEntities::Entities(tl::types::TextWithEntities {
            text: text.to_owned(),
            entities: Vec::new(),
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
