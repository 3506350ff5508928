//! Polls: create (regular or quiz), vote by option index, results, the voters of public polls,
//! and closing one's own poll (`messages.editMessage` with the poll marked closed).

use grammers_client::tl;

use crate::model::Message;
use crate::model::reactions::{Poll, PollOption, Voter};
use crate::owner::OwnerError;
use crate::owner::telegram::peers::{Target, peer_id};
use crate::owner::telegram::write::SendOptions;
use crate::owner::telegram::{Telegram, rand_i64};

/// A poll to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollSpec {
    pub question: String,
    pub answers: Vec<String>,
    pub multiple_choice: bool,
    /// Index of the right answer: makes the poll a quiz.
    pub correct: Option<usize>,
    /// Voters visible to everyone (not allowed in channels).
    pub public_voters: bool,
}

impl Telegram {
    /// Sends a poll; returns the message and the poll as created.
    pub(crate) async fn send_poll(
        &self,
        target: &Target,
        spec: &PollSpec,
        options: SendOptions<'_>,
    ) -> Result<(Message, Poll), OwnerError> {
        let answers = spec.answers.iter().enumerate().map(|(i, a)| {
            tl::enums::PollAnswer::Answer(tl::types::PollAnswer {
                text: text(a),
                option: i.to_string().into_bytes(),
                media: None,
                added_by: None,
                date: None,
            })
        });
        let poll = tl::types::Poll {
            id: rand_i64(),
            closed: false,
            public_voters: spec.public_voters,
            multiple_choice: spec.multiple_choice,
            quiz: spec.correct.is_some(),
            open_answers: false,
            revoting_disabled: false,
            shuffle_answers: false,
            hide_results_until_close: false,
            creator: false,
            subscribers_only: false,
            question: text(&spec.question),
            answers: answers.collect(),
            close_period: None,
            close_date: None,
            countries_iso2: None,
            hash: 0,
        };
        let media = tl::enums::InputMedia::Poll(Box::new(tl::types::InputMediaPoll {
            poll: tl::enums::Poll::Poll(poll),
            correct_answers: spec.correct.map(|i| vec![i as i32]),
            attached_media: None,
            solution: None,
            solution_entities: None,
            solution_media: None,
        }));
        let (message, raw) = self.send_input_media(target, media, options).await?;
        let Some(tl::enums::MessageMedia::Poll(p)) = raw else {
            return Err(OwnerError::Internal(anyhow::anyhow!("Telegram did not return the poll")));
        };
        let tl::enums::Poll::Poll(poll) = &p.poll;
        let poll = poll_model(target, message.id, poll, &p.results);
        Ok((message, poll))
    }

    /// Votes (replacing your vote); no options retracts it.
    pub(crate) async fn vote(
        &self,
        target: &Target,
        message_id: i32,
        indexes: &[usize],
    ) -> Result<Poll, OwnerError> {
        let (poll, _) = self.poll_of(target, message_id).await?;
        let options = indexes.iter().map(|i| option_bytes(&poll, *i)).collect::<Result<Vec<_>, _>>()?;
        let request =
            tl::functions::messages::SendVote { peer: target.input_peer(), msg_id: message_id, options };
        let updates = self.call(&request).await?;
        self.poll_in(target, message_id, &poll, updates)
    }

    /// The poll of a message with its current results.
    pub(crate) async fn poll_results(&self, target: &Target, message_id: i32) -> Result<Poll, OwnerError> {
        let (poll, _) = self.poll_of(target, message_id).await?;
        let request = tl::functions::messages::GetPollResults {
            peer: target.input_peer(),
            msg_id: message_id,
            poll_hash: 0,
        };
        let updates = self.call(&request).await?;
        self.poll_in(target, message_id, &poll, updates)
    }

    /// Who voted (for one option or any), a page from `offset`; returns the next offset.
    pub(crate) async fn poll_voters(
        &self,
        target: &Target,
        message_id: i32,
        option: Option<usize>,
        limit: usize,
        offset: Option<String>,
    ) -> Result<(Vec<Voter>, i32, Option<String>), OwnerError> {
        let (poll, _) = self.poll_of(target, message_id).await?;
        let option = option.map(|i| option_bytes(&poll, i)).transpose()?;
        let request = tl::functions::messages::GetPollVotes {
            peer: target.input_peer(),
            id: message_id,
            option,
            offset,
            limit: limit as i32,
        };
        let tl::enums::messages::VotesList::List(list) = self.call(&request).await?;
        self.learn(&list.users, &list.chats);
        let index = |bytes: &Vec<u8>| answer_options(&poll).iter().position(|o| o == bytes);
        let voters = list
            .votes
            .iter()
            .map(|vote| {
                use tl::enums::MessagePeerVote as V;
                let (peer, options, date) = match vote {
                    V::Vote(v) => (&v.peer, index(&v.option).into_iter().collect(), v.date),
                    V::Multiple(v) => (&v.peer, v.options.iter().filter_map(index).collect(), v.date),
                    V::InputOption(v) => (&v.peer, Vec::new(), v.date),
                };
                Voter { sender: self.who(peer_id(peer)), options, date: i64::from(date) }
            })
            .collect();
        Ok((voters, list.count, list.next_offset))
    }

    /// Closes one of your polls for good.
    pub(crate) async fn close_poll(&self, target: &Target, message_id: i32) -> Result<Poll, OwnerError> {
        let (mut poll, results) = self.poll_of(target, message_id).await?;
        if poll.closed {
            return Ok(poll_model(target, message_id, &poll, &results));
        }
        poll.closed = true;
        let request = tl::functions::messages::EditMessage {
            no_webpage: false,
            invert_media: false,
            peer: target.input_peer(),
            id: message_id,
            message: None,
            media: Some(tl::enums::InputMedia::Poll(Box::new(tl::types::InputMediaPoll {
                poll: tl::enums::Poll::Poll(poll.clone()),
                correct_answers: None,
                attached_media: None,
                solution: None,
                solution_entities: None,
                solution_media: None,
            }))),
            reply_markup: None,
            entities: None,
            schedule_date: None,
            schedule_repeat_period: None,
            quick_reply_shortcut_id: None,
            rich_message: None,
        };
        let updates = self.call(&request).await?;
        self.poll_in(target, message_id, &poll, updates)
    }

    /// The poll of a message, or a clear error when the message holds none.
    async fn poll_of(
        &self,
        target: &Target,
        message_id: i32,
    ) -> Result<(tl::types::Poll, tl::enums::PollResults), OwnerError> {
        let message = self.raw_message(target, message_id).await?;
        match message.media {
            Some(tl::enums::MessageMedia::Poll(p)) => {
                let p = *p;
                let tl::enums::Poll::Poll(poll) = p.poll;
                Ok((poll, p.results))
            }
            _ => Err(OwnerError::Invalid(format!("message {message_id} is not a poll"))),
        }
    }

    /// The poll as an answer's `updateMessagePoll` reports it (`known` fills in what it leaves out).
    fn poll_in(
        &self,
        target: &Target,
        message_id: i32,
        known: &tl::types::Poll,
        updates: tl::enums::Updates,
    ) -> Result<Poll, OwnerError> {
        let update = self.updates_of(updates).into_iter().find_map(|u| match u {
            tl::enums::Update::MessagePoll(p) if p.poll_id == known.id => Some(p),
            _ => None,
        });
        let update = update
            .ok_or_else(|| OwnerError::Internal(anyhow::anyhow!("Telegram did not report the poll")))?;
        let poll = match &update.poll {
            Some(tl::enums::Poll::Poll(p)) => p,
            None => known,
        };
        Ok(poll_model(target, message_id, poll, &update.results))
    }
}

fn poll_model(
    target: &Target,
    message_id: i32,
    poll: &tl::types::Poll,
    results: &tl::enums::PollResults,
) -> Poll {
    let tl::enums::PollResults::Results(r) = results;
    let total = r.total_voters.unwrap_or(0);
    let counts: Vec<&tl::types::PollAnswerVoters> =
        r.results.iter().flatten().map(|tl::enums::PollAnswerVoters::Voters(v)| v).collect();
    let options = poll
        .answers
        .iter()
        .enumerate()
        .map(|(index, answer)| {
            let (text, option) = answer_parts(answer);
            let result = counts.iter().find(|v| v.option == *option);
            let voters = result.and_then(|v| v.voters);
            PollOption {
                index,
                text: text.to_owned(),
                voters,
                percent: voters
                    .filter(|_| total > 0)
                    .map(|v| (f64::from(v) * 1000.0 / f64::from(total)).round() / 10.0),
                chosen: result.is_some_and(|v| v.chosen),
                correct: result.is_some_and(|v| v.correct),
            }
        })
        .collect();
    let enums_text = |t: &tl::enums::TextWithEntities| {
        let tl::enums::TextWithEntities::Entities(t) = t;
        t.text.clone()
    };
    Poll {
        chat_id: target.id,
        message_id,
        question: enums_text(&poll.question),
        closed: poll.closed,
        quiz: poll.quiz,
        multiple_choice: poll.multiple_choice,
        public_voters: poll.public_voters,
        total_voters: total,
        options,
    }
}

fn answer_parts(answer: &tl::enums::PollAnswer) -> (&str, &Vec<u8>) {
    static NONE: Vec<u8> = Vec::new();
    match answer {
        tl::enums::PollAnswer::Answer(a) => {
            let tl::enums::TextWithEntities::Entities(t) = &a.text;
            (t.text.as_str(), &a.option)
        }
        tl::enums::PollAnswer::InputPollAnswer(a) => {
            let tl::enums::TextWithEntities::Entities(t) = &a.text;
            (t.text.as_str(), &NONE)
        }
    }
}

fn answer_options(poll: &tl::types::Poll) -> Vec<Vec<u8>> {
    poll.answers.iter().map(|a| answer_parts(a).1.clone()).collect()
}

fn option_bytes(poll: &tl::types::Poll, index: usize) -> Result<Vec<u8>, OwnerError> {
    answer_options(poll).into_iter().nth(index).ok_or_else(|| {
        OwnerError::Invalid(format!(
            "option {index} does not exist: the poll has {} options, numbered from 0",
            poll.answers.len()
        ))
    })
}

fn text(t: &str) -> tl::enums::TextWithEntities {
    tl::enums::TextWithEntities::Entities(tl::types::TextWithEntities {
        text: t.to_owned(),
        entities: Vec::new(),
    })
}
