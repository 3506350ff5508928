//! Poll tools: create (regular or quiz), vote, results, voters of public polls, close.

use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use super::args::{ClosePoll, CreatePoll, GetPollVoters, PollMessage, PollSent, PollState, VotePoll, Voters};
use super::{message_id, poll_text};
use crate::mcp::tools::{Reply, guard, limit};
use crate::mcp::{TelegramMcp, render};
use crate::owner::{OwnerError, PollSpec, SendOptions};

/// Most answers a poll may have.
const MAX_ANSWERS: usize = 10;

#[tool_router(router = polls_router, vis = "pub(super)")]
impl TelegramMcp {
    /// Create a poll (single or multiple choice) or a quiz with one correct answer.
    #[tool(name = "telegram-create-poll", annotations(title = "Create poll", read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = true), output_schema = schema_for_output::<PollSent>())]
    async fn create_poll(
        &self,
        Parameters(a): Parameters<CreatePoll>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let spec = poll_spec(&a)?;
            let target = self.chat(&a.chat_id).await?;
            let (message, poll) =
                self.owner.telegram().send_poll(&target, &spec, SendOptions::default()).await?;
            let text = format!("sent to {}: {}", render::clean(&target.title), poll_text(&poll));
            Ok((text, PollSent { message, poll }))
        })
        .await
    }

    /// Vote in a poll by zero-based option indexes; `[]` retracts your vote.
    #[tool(name = "telegram-vote-poll", annotations(title = "Vote in poll", read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<PollState>())]
    async fn vote_poll(&self, Parameters(a): Parameters<VotePoll>, ctx: RequestContext<RoleServer>) -> Reply {
        guard(&ctx, async {
            let id = message_id(a.message_id)?;
            if a.option_indexes.len() > MAX_ANSWERS {
                return Err(OwnerError::Invalid("optionIndexes: a poll has at most 10 options".into()));
            }
            let indexes: Vec<usize> = a.option_indexes.iter().map(|i| *i as usize).collect();
            let target = self.chat(&a.chat_id).await?;
            let poll = self.owner.telegram().vote(&target, id, &indexes).await?;
            Ok((poll_text(&poll), PollState { poll }))
        })
        .await
    }

    /// A poll's results: votes and percentages per option, your choice, a quiz's answer.
    #[tool(name = "telegram-get-poll-results", annotations(title = "Poll results", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<PollState>())]
    async fn poll_results(
        &self,
        Parameters(a): Parameters<PollMessage>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let id = message_id(a.message_id)?;
            let target = self.chat(&a.chat_id).await?;
            let poll = self.owner.telegram().poll_results(&target, id).await?;
            Ok((poll_text(&poll), PollState { poll }))
        })
        .await
    }

    /// Who voted in a public poll (optionally for one option), a page at a time.
    #[tool(name = "telegram-get-poll-voters", annotations(title = "Poll voters", read_only_hint = true, destructive_hint = false, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<Voters>())]
    async fn poll_voters(
        &self,
        Parameters(a): Parameters<GetPollVoters>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let id = message_id(a.message_id)?;
            let target = self.chat(&a.chat_id).await?;
            let option = a.option_index.map(|i| i as usize);
            let offset = a.offset.filter(|o| !o.is_empty());
            let (mut voters, count, next_offset) =
                self.owner.telegram().poll_voters(&target, id, option, limit(a.limit, 20), offset).await?;
            voters.iter_mut().for_each(|v| self.redacted(&mut v.sender));
            let mut text = format!("{count} voter(s) in message {id}");
            for v in &voters {
                let options: Vec<String> = v.options.iter().map(ToString::to_string).collect();
                text.push_str(&format!("\n  {} → {}", render::clean(&v.sender.name), options.join(", ")));
            }
            if let Some(next) = &next_offset {
                text.push_str(&format!("\nmore: offset {next}"));
            }
            Ok((text, Voters { chat_id: target.id, message_id: id, count, voters, next_offset }))
        })
        .await
    }

    /// Close one of your polls for good: no more votes, and it cannot be reopened.
    #[tool(name = "telegram-close-poll", annotations(title = "Close poll", read_only_hint = false, destructive_hint = true, idempotent_hint = true, open_world_hint = true), output_schema = schema_for_output::<PollState>())]
    async fn close_poll(
        &self,
        Parameters(a): Parameters<ClosePoll>,
        ctx: RequestContext<RoleServer>,
    ) -> Reply {
        guard(&ctx, async {
            let id = message_id(a.message_id)?;
            let target = self.chat(&a.chat_id).await?;
            let question =
                format!("Close the poll in message {id} of {} for good?", render::clean(&target.title));
            self.confirm(&ctx, a.confirm, "telegram-close-poll", question).await?;
            let poll = self.owner.telegram().close_poll(&target, id).await?;
            Ok((poll_text(&poll), PollState { poll }))
        })
        .await
    }
}

/// The poll to create, checked as Telegram checks it.
fn poll_spec(a: &CreatePoll) -> Result<PollSpec, OwnerError> {
    let question = a.question.trim();
    if question.is_empty() || question.chars().count() > 255 {
        return Err(OwnerError::Invalid("question must have 1 to 255 characters".into()));
    }
    if !(2..=MAX_ANSWERS).contains(&a.answers.len()) {
        return Err(OwnerError::Invalid(format!("{} answers given: a poll has 2 to 10", a.answers.len())));
    }
    let answers: Vec<String> = a.answers.iter().map(|s| s.trim().to_owned()).collect();
    if answers.iter().any(|s| s.is_empty() || s.chars().count() > 100) {
        return Err(OwnerError::Invalid("every answer needs 1 to 100 characters".into()));
    }
    let quiz = a.quiz.unwrap_or(false);
    let multiple_choice = a.multiple_choice.unwrap_or(false);
    let correct = match (quiz, a.correct_answer) {
        (true, None) => {
            return Err(OwnerError::Invalid("a quiz needs correctAnswer (zero-based index)".into()));
        }
        (true, Some(i)) if i as usize >= answers.len() => {
            return Err(OwnerError::Invalid(format!(
                "correctAnswer {i} is not one of the {} answers (0-based)",
                answers.len()
            )));
        }
        (true, Some(_)) if multiple_choice => {
            return Err(OwnerError::Invalid("a quiz has one correct answer: drop multipleChoice".into()));
        }
        (true, Some(i)) => Some(i as usize),
        (false, Some(_)) => return Err(OwnerError::Invalid("correctAnswer needs quiz: true".into())),
        (false, None) => None,
    };
    let public_voters = a.public_voters.unwrap_or(false);
    Ok(PollSpec { question: question.to_owned(), answers, multiple_choice, correct, public_voters })
}
