//! Voice transcription (transcribe, read again, rate) and fact checks on channel posts.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::super::{ChatArg, Reply, guard, ids_in_range, non_empty, text_format};
use super::digits;
use crate::mcp::{TelegramMcp, render};
use crate::model::ChatKind;
use crate::model::bots::{FactCheckChanged, FactChecks, Transcription, TranscriptionRated};
use crate::owner::{OwnerError, Target};

/// Longest fact check Telegram accepts.
const MAX_FACT_CHECK: usize = 1024;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct VoiceMessage {
    /// Chat of the message.
    chat_id: ChatArg,
    /// A voice or video note.
    message_id: i32,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RateTranscription {
    /// Chat of the message.
    chat_id: ChatArg,
    /// The transcribed voice or video note.
    message_id: i32,
    /// `transcriptionId` from telegram-transcribe-audio.
    transcription_id: String,
    /// true = good, false = poor.
    good: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetFactCheck {
    /// A broadcast channel.
    chat_id: ChatArg,
    /// Message ids (1–100).
    message_ids: Vec<i32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EditFactCheck {
    /// A broadcast channel.
    chat_id: ChatArg,
    /// The post to annotate.
    message_id: i32,
    /// The note, 1–1024 characters.
    text: String,
    /// `md` or `html`; plain text if omitted.
    parse_mode: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DeleteFactCheck {
    /// A broadcast channel.
    chat_id: ChatArg,
    /// The post whose fact check to remove.
    message_id: i32,
    /// `true` to remove without being asked; otherwise the user is asked (or the call is refused).
    confirm: Option<bool>,
}

#[tool_router(router = notes_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Transcribe a voice or video note (Telegram Premium). If pending, poll telegram-get-transcription.
    #[tool(name = "telegram-transcribe-audio", annotations(title = "Transcribe audio", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Transcription>())]
    async fn transcribe_audio(
        &self,
        Parameters(a): Parameters<VoiceMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let chat = self.chat(&a.chat_id).await?;
            let t = self.owner.telegram().transcribe(&chat, a.message_id).await?;
            Ok((transcription_text(&t), t))
        })
        .await
    }

    /// The transcription of a voice or video note, updated once Telegram finishes it (one made by telegram-transcribe-audio).
    #[tool(name = "telegram-get-transcription", annotations(title = "Get transcription", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Transcription>())]
    async fn get_transcription(
        &self,
        Parameters(a): Parameters<VoiceMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let chat = self.chat(&a.chat_id).await?;
            // Only what the owner has seen: asking Telegram again would start a transcription.
            let t = self.owner.telegram().transcription(&chat, a.message_id)?;
            Ok((transcription_text(&t), t))
        })
        .await
    }

    /// Rate a transcription as good or poor.
    #[tool(name = "telegram-rate-transcription", annotations(title = "Rate transcription", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<TranscriptionRated>())]
    async fn rate_transcription(
        &self,
        Parameters(a): Parameters<RateTranscription>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let id = digits(&a.transcription_id, "transcriptionId")?;
            let chat = self.chat(&a.chat_id).await?;
            self.owner.telegram().rate_transcription(&chat, a.message_id, id, a.good).await?;
            let word = if a.good { "good" } else { "poor" };
            let value = TranscriptionRated {
                chat_id: chat.id,
                message_id: a.message_id,
                transcription_id: id.to_string(),
                good: a.good,
            };
            Ok((format!("rated transcription {id} of message {} as {word}", a.message_id), value))
        })
        .await
    }

    /// Fact-check notes on channel posts (most posts have none).
    #[tool(name = "telegram-get-fact-check", annotations(title = "Get fact checks", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<FactChecks>())]
    async fn get_fact_check(
        &self,
        Parameters(a): Parameters<GetFactCheck>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            ids_in_range(&a.message_ids)?;
            let chat = self.channel(&a.chat_id).await?;
            let checks = self.owner.telegram().fact_checks(&chat, &a.message_ids).await?;
            let mut text = format!("fact checks in {}:", render::clean(&chat.title));
            for c in &checks {
                let note = c.text.as_deref().map_or_else(|| "none".to_owned(), render::clean);
                text.push_str(&format!("\n- {}: {note}", c.message_id));
            }
            Ok((text, FactChecks { chat_id: chat.id, checks }))
        })
        .await
    }

    /// Add or replace the fact-check note of a channel post (needs fact-checker or admin rights).
    #[tool(name = "telegram-edit-fact-check", annotations(title = "Edit fact check", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<FactCheckChanged>())]
    async fn edit_fact_check(
        &self,
        Parameters(a): Parameters<EditFactCheck>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let format = text_format(a.parse_mode.as_deref())?;
            let text = non_empty(&a.text, "text")?;
            if text.encode_utf16().count() > MAX_FACT_CHECK {
                return Err(OwnerError::Invalid(format!(
                    "text is longer than {MAX_FACT_CHECK} characters: shorten it"
                )));
            }
            let chat = self.channel(&a.chat_id).await?;
            self.owner.telegram().edit_fact_check(&chat, a.message_id, text, format).await?;
            let value =
                FactCheckChanged { chat_id: chat.id, message_id: a.message_id, text: Some(text.to_owned()) };
            Ok((
                format!("fact check set on message {} in {}", a.message_id, render::clean(&chat.title)),
                value,
            ))
        })
        .await
    }

    /// Remove the fact-check note of a channel post. Cannot be undone.
    #[tool(name = "telegram-delete-fact-check", annotations(title = "Delete fact check", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<FactCheckChanged>())]
    async fn delete_fact_check(
        &self,
        Parameters(a): Parameters<DeleteFactCheck>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let chat = self.channel(&a.chat_id).await?;
            let tg = self.owner.telegram();
            let current =
                tg.fact_checks(&chat, &[a.message_id]).await?.into_iter().next().and_then(|c| c.text);
            let Some(note) = current else {
                return Err(OwnerError::Invalid(format!(
                    "message {} has no fact check: nothing to delete",
                    a.message_id
                )));
            };
            let question =
                format!("Remove the fact check {:?} from message {}?", render::clean(&note), a.message_id);
            self.confirm(&ctx, a.confirm, "telegram-delete-fact-check", question).await?;
            tg.delete_fact_check(&chat, a.message_id).await?;
            let value = FactCheckChanged { chat_id: chat.id, message_id: a.message_id, text: None };
            Ok((format!("fact check removed from message {}", a.message_id), value))
        })
        .await
    }
}

impl TelegramMcp {
    /// A broadcast channel (fact checks exist only on channel posts).
    async fn channel(&self, arg: &ChatArg) -> Result<Target, OwnerError> {
        let chat = self.chat(arg).await?;
        if chat.kind != ChatKind::Channel {
            return Err(OwnerError::Invalid(format!(
                "{} is not a broadcast channel: fact checks exist only on channel posts",
                chat.title
            )));
        }
        Ok(chat)
    }
}

fn transcription_text(t: &Transcription) -> String {
    let state = if t.pending { " (pending: poll telegram-get-transcription)" } else { "" };
    format!(
        "transcription {} of message {}{state}: {}",
        t.transcription_id,
        t.message_id,
        render::clean(&t.text)
    )
}
