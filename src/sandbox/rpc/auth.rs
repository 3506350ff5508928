//! Signing in, server side: the authorization gate in front of every RPC, and `auth.logOut`. A
//! key that is not signed in may call only login RPCs and the harmless
//! `help.getConfig`/`help.getNearestDc`; anything else answers `401 AUTH_KEY_UNREGISTERED`,
//! which grammers' `is_authorized()` (an `updates.getState`) reads as "not signed in".

use grammers_tl_types::{Identifiable, Serializable, enums, functions as f, types};

use super::{Call, Caller};
use crate::sandbox::login::AuthState;
use crate::sandbox::state::Shared;
use crate::sandbox::world::Failure;

type Answer = Result<Vec<u8>, Failure>;

/// Answers a login RPC, or refuses a call the key is not authorized for. `None`: dispatch the
/// call normally.
pub(super) fn route(shared: &Shared, caller: Caller, call: &Call) -> Option<Answer> {
    let answer = match call.method {
        f::auth::LogOut::CONSTRUCTOR_ID => log_out(shared, caller),
        f::help::GetConfig::CONSTRUCTOR_ID | f::help::GetNearestDc::CONSTRUCTOR_ID => return None,
        _ => match shared.auth_of(caller.key_id) {
            AuthState::SignedIn => return None,
            AuthState::SignedOut => Err(unregistered()),
        },
    };
    Some(answer)
}

fn log_out(shared: &Shared, caller: Caller) -> Answer {
    if shared.auth_of(caller.key_id) == AuthState::SignedOut {
        return Err(unregistered());
    }
    shared.set_auth(caller.key_id, AuthState::SignedOut);
    tracing::info!(key_id = %format!("{:016x}", caller.key_id), "sandbox signed a key out");
    Ok(enums::auth::LoggedOut::Out(types::auth::LoggedOut { future_auth_token: None }).to_bytes())
}

fn unregistered() -> Failure {
    Failure::new(401, "AUTH_KEY_UNREGISTERED")
}
