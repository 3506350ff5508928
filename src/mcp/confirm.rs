//! Confirmation of destructive tools: `confirm: true` where the client cannot ask its user,
//! otherwise MCP elicitation — an `elicitation/create` request in the legacy era, and in the
//! 2026-07-28 era an `input_required` result whose answer comes back on the retried call,
//! bound to that call by a digest of its tool and arguments. Fails closed.

use std::future::Future;

use super::TelegramMcp;
use crate::owner::OwnerError;

tokio::task_local! {
    /// The modern-era confirmation of the current call: the client's answer, and the question
    /// a tool asks when there is none yet.
    static CONFIRMATION: std::cell::RefCell<Confirmation>;
}

/// What a call brings to its confirmation, taken before the call consumes the request.
pub(super) struct Pending {
    answer: Option<bool>,
    state: String,
}

type Answer = Result<rmcp::model::CallToolResponse, rmcp::ErrorData>;

impl Pending {
    pub(super) fn of(request: &rmcp::model::CallToolRequestParams) -> Self {
        Self { answer: confirmed(request), state: call_digest(request) }
    }

    /// Runs a tool call; a question it asked (2026-07-28 era) becomes the `input_required`
    /// result instead of its own.
    pub(super) async fn run<T>(self, call: impl Future<Output = (Answer, T)>) -> (Answer, T) {
        let confirmation = Confirmation { answer: self.answer, ask: None };
        CONFIRMATION
            .scope(std::cell::RefCell::new(confirmation), async {
                let (result, extra) = call.await;
                let asked = CONFIRMATION.with(|c| c.borrow_mut().ask.take());
                (asked.map_or(result, |question| Ok(ask(question, self.state))), extra)
            })
            .await
    }
}

impl TelegramMcp {
    /// The user's go-ahead for a destructive call (`question` says what will happen), asked
    /// once the arguments are valid and the chat resolved. Where the client declared
    /// elicitation the user is asked (a request to the client in the legacy era; an
    /// `input_required` result and a retry in the 2026-07-28 era), whatever `confirm` says;
    /// otherwise `confirm: true` gives it, and without it the error explains that fallback.
    /// `confirm: false` always refuses. Fails closed.
    pub(super) async fn confirm(
        &self,
        context: &rmcp::service::RequestContext<rmcp::RoleServer>,
        confirm: Option<bool>,
        tool: &str,
        question: String,
    ) -> Result<(), OwnerError> {
        use rmcp::model::{ClientResult, ElicitationAction, ProtocolVersion, ServerRequest};
        let declined =
            || OwnerError::Refused(format!("{tool} was declined by the user; nothing was changed"));
        if confirm == Some(false) {
            return Err(OwnerError::Refused(format!("{tool} was not confirmed (confirm: false)")));
        }
        // A client that can ask its user always does: a model setting `confirm` is no yes.
        let declared = context.client_capabilities().is_some_and(|c| c.elicitation.is_some());
        if !declared {
            if confirm == Some(true) {
                return Ok(());
            }
            return Err(OwnerError::Refused(format!(
                "{tool} cannot be undone ({question}): call it again with \"confirm\": true to go ahead"
            )));
        }
        if context.protocol_version().is_some_and(|v| v >= ProtocolVersion::V_2026_07_28) {
            return match CONFIRMATION.try_with(|c| c.borrow().answer).ok().flatten() {
                Some(true) => Ok(()),
                Some(false) => Err(declined()),
                None => {
                    let _ = CONFIRMATION.try_with(|c| c.borrow_mut().ask = Some(question));
                    Err(OwnerError::Refused(format!("{tool} waits for the user's confirmation")))
                }
            };
        }
        let request =
            ServerRequest::ElicitRequest(rmcp::model::ElicitRequest::new(confirmation_form(question)));
        let answer = context.peer.send_request(request).await.map_err(|e| {
            OwnerError::Refused(format!(
                "{tool} was not confirmed: the client did not answer the confirmation ({e})"
            ))
        })?;
        let accepted = match answer {
            ClientResult::ElicitResult(answer) => {
                answer.action == ElicitationAction::Accept
                    && answer.content.as_ref().and_then(|c| c.get("confirm"))
                        == Some(&serde_json::Value::Bool(true))
            }
            _ => false,
        };
        if accepted { Ok(()) } else { Err(declined()) }
    }
}

/// See [`CONFIRMATION`].
struct Confirmation {
    answer: Option<bool>,
    ask: Option<String>,
}

/// The key of our confirmation among a modern-era call's `inputRequests`/`inputResponses`.
const CONFIRM_KEY: &str = "confirm";

/// The user's answer a retried modern-era call carries: yes only for an accepted form with
/// `confirm: true`, given for this very call (its `requestState` names the tool and arguments
/// that were asked about; an answer to another question is no answer).
fn confirmed(request: &rmcp::model::CallToolRequestParams) -> Option<bool> {
    let answer = request.input_responses.as_ref()?.get(CONFIRM_KEY)?;
    if request.request_state.as_deref() != Some(call_digest(request).as_str()) {
        return None;
    }
    Some(answer.get("action") == Some(&"accept".into()) && answer["content"]["confirm"] == true)
}

/// What a confirmation is about: a digest of the tool name and its arguments.
fn call_digest(request: &rmcp::model::CallToolRequestParams) -> String {
    use sha2::Digest;
    let args = serde_json::to_vec(&request.arguments).unwrap_or_default();
    let digest = sha2::Sha256::new()
        .chain_update(request.name.as_bytes())
        .chain_update([0])
        .chain_update(args)
        .finalize();
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// A modern-era `input_required` result asking the user `question` (a yes/no form) about the
/// call `state` names; the client calls again with the answer in `inputResponses`.
fn ask(question: String, state: String) -> rmcp::model::CallToolResponse {
    use rmcp::model::{ElicitRequest, InputRequest, InputRequiredResult};
    let request = InputRequest::Elicitation(ElicitRequest::new(confirmation_form(question)));
    let requests = [(CONFIRM_KEY.to_owned(), request)].into_iter().collect();
    InputRequiredResult::new(Some(requests), Some(state)).into()
}

/// The yes/no form of a confirmation.
fn confirmation_form(question: String) -> rmcp::model::ElicitRequestParams {
    let schema = rmcp::model::ElicitationSchema::builder().required_bool("confirm").build();
    // A schema of one required boolean always builds.
    let requested_schema =
        schema.unwrap_or_else(|_| rmcp::model::ElicitationSchema::builder().build_unchecked());
    let message = format!("{question} This cannot be undone.");
    rmcp::model::ElicitRequestParams::FormElicitationParams { meta: None, message, requested_schema }
}
