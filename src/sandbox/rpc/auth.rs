//! Signing in, server side: the authorization gate in front of every RPC and the login RPCs
//! (`auth.sendCode`, `auth.signIn`, `account.getPassword`, `auth.checkPassword`,
//! `auth.exportLoginToken`, `auth.importLoginToken`, `auth.logOut`). A key that is not signed
//! in may call only these and the harmless `help.getConfig`/`help.getNearestDc`; anything else
//! answers `401 AUTH_KEY_UNREGISTERED` (or `401 SESSION_PASSWORD_NEEDED` half-way through 2FA),
//! which grammers' `is_authorized()` (an `updates.getState`) reads as "not signed in".
//! Logs name the key and a masked phone only: never the code, the password or a token.

use grammers_tl_types::{Identifiable, Serializable, enums, functions as f, types};

use super::{Call, Caller, parse};
use crate::sandbox::login::{self, AuthState, Exported, FirstFactor, PasswordInfo, srp};
use crate::sandbox::state::{Shared, now_secs};
use crate::sandbox::world::{Failure, World, tl as conv};

type Answer = Result<Vec<u8>, Failure>;

/// Answers a login RPC, or refuses a call the key is not authorized for. `None`: dispatch the
/// call normally.
pub(super) fn route(shared: &Shared, caller: Caller, call: &Call) -> Option<Answer> {
    let b = &call.body;
    let answer = match call.method {
        f::auth::SendCode::CONSTRUCTOR_ID => send_code(shared, caller, b),
        f::auth::SignIn::CONSTRUCTOR_ID => sign_in(shared, caller, b),
        f::account::GetPassword::CONSTRUCTOR_ID => Ok(password(shared.login().password_info()).to_bytes()),
        f::auth::CheckPassword::CONSTRUCTOR_ID => check_password(shared, caller, b),
        f::auth::ExportLoginToken::CONSTRUCTOR_ID => export_token(shared, caller, b),
        f::auth::ImportLoginToken::CONSTRUCTOR_ID => import_token(shared, caller, b),
        f::auth::LogOut::CONSTRUCTOR_ID => log_out(shared, caller),
        f::help::GetConfig::CONSTRUCTOR_ID | f::help::GetNearestDc::CONSTRUCTOR_ID => return None,
        _ => match shared.auth_of(caller.key_id) {
            AuthState::SignedIn => return None,
            AuthState::SignedOut => Err(unregistered()),
            AuthState::PasswordNeeded => Err(password_needed()),
        },
    };
    Some(answer)
}

fn send_code(shared: &Shared, caller: Caller, body: &[u8]) -> Answer {
    let req: f::auth::SendCode = parse(body)?;
    let phone_code_hash = shared.login().send_code(caller.key_id, &req.phone_number)?;
    tracing::info!(
        key_id = %format!("{:016x}", caller.key_id),
        phone = %login::masked_phone(),
        "sandbox sent a login code; read it with the login-code control"
    );
    // Type "app": the code shows up in the (simulated) Telegram app, never as an SMS.
    let sent = types::auth::SentCode {
        r#type: enums::auth::SentCodeType::App(types::auth::SentCodeTypeApp {
            length: login::CODE_LENGTH as i32,
        }),
        phone_code_hash,
        next_type: None,
        timeout: Some(login::RESEND_AFTER_SECS),
    };
    Ok(enums::auth::SentCode::Code(sent).to_bytes())
}

fn sign_in(shared: &Shared, caller: Caller, body: &[u8]) -> Answer {
    let req: f::auth::SignIn = parse(body)?;
    let passed = shared.login().sign_in(
        caller.key_id,
        &req.phone_number,
        &req.phone_code_hash,
        req.phone_code.as_deref(),
    )?;
    first_factor_passed(shared, caller, passed, "a login code")?;
    Ok(authorization(&shared.world()).to_bytes())
}

fn check_password(shared: &Shared, caller: Caller, body: &[u8]) -> Answer {
    let req: f::auth::CheckPassword = parse(body)?;
    let enums::InputCheckPasswordSrp::Srp(proof) = req.password else {
        return Err(Failure::bad("PASSWORD_HASH_INVALID"));
    };
    if shared.auth_of(caller.key_id) == AuthState::SignedOut {
        return Err(unregistered());
    }
    let (verifier, challenge) = shared.login().srp_for(proof.srp_id)?;
    // Two 2048-bit exponentiations: done without holding any lock.
    if !verifier.check(&challenge, &proof.a, &proof.m1) {
        return Err(Failure::bad("PASSWORD_HASH_INVALID"));
    }
    shared.login().srp_used(proof.srp_id);
    sign_in_key(shared, caller, "the 2FA password");
    Ok(authorization(&shared.world()).to_bytes())
}

fn export_token(shared: &Shared, caller: Caller, body: &[u8]) -> Answer {
    let _req: f::auth::ExportLoginToken = parse(body)?;
    let exported = shared.login().export_token(caller.key_id, now_secs());
    let answer = match exported {
        Exported::Token { token, expires } => {
            enums::auth::LoginToken::Token(types::auth::LoginToken { expires, token })
        }
        Exported::Scanned(passed) => {
            first_factor_passed(shared, caller, passed, "a scanned QR token")?;
            login_token_success(&shared.world())
        }
    };
    Ok(answer.to_bytes())
}

fn import_token(shared: &Shared, caller: Caller, body: &[u8]) -> Answer {
    let req: f::auth::ImportLoginToken = parse(body)?;
    let passed = shared.login().import_token(&req.token)?;
    first_factor_passed(shared, caller, passed, "an imported QR token")?;
    Ok(login_token_success(&shared.world()).to_bytes())
}

fn log_out(shared: &Shared, caller: Caller) -> Answer {
    if shared.auth_of(caller.key_id) == AuthState::SignedOut {
        return Err(unregistered());
    }
    shared.set_auth(caller.key_id, AuthState::SignedOut);
    tracing::info!(key_id = %format!("{:016x}", caller.key_id), "sandbox signed a key out");
    Ok(enums::auth::LoggedOut::Out(types::auth::LoggedOut { future_auth_token: None }).to_bytes())
}

/// Moves the key on after a code or QR token: signed in, or waiting for the 2FA password (then
/// the call answers `401 SESSION_PASSWORD_NEEDED`, as Telegram does).
fn first_factor_passed(
    shared: &Shared,
    caller: Caller,
    passed: FirstFactor,
    how: &str,
) -> Result<(), Failure> {
    match passed {
        FirstFactor::SignedIn => {
            sign_in_key(shared, caller, how);
            Ok(())
        }
        FirstFactor::PasswordNeeded => {
            shared.set_auth(caller.key_id, AuthState::PasswordNeeded);
            Err(password_needed())
        }
    }
}

fn sign_in_key(shared: &Shared, caller: Caller, how: &str) {
    shared.set_auth(caller.key_id, AuthState::SignedIn);
    tracing::info!(key_id = %format!("{:016x}", caller.key_id), "sandbox signed a key in with {how}");
}

fn password(info: PasswordInfo) -> enums::account::Password {
    let algo = |salt1: Vec<u8>, salt2: Vec<u8>| {
        enums::PasswordKdfAlgo::Sha256Sha256Pbkdf2Hmacsha512iter100000Sha256ModPow(
            types::PasswordKdfAlgoSha256Sha256Pbkdf2Hmacsha512iter100000Sha256ModPow {
                salt1,
                salt2,
                g: srp::G,
                p: srp::prime().to_vec(),
            },
        )
    };
    let (current_algo, srp_b, srp_id) = match info.current {
        Some((srp_id, verifier, challenge)) => {
            (Some(algo(verifier.salt1, verifier.salt2)), Some(challenge.g_b.to_vec()), Some(srp_id))
        }
        None => (None, None, None),
    };
    enums::account::Password::Password(types::account::Password {
        has_recovery: false,
        has_secure_values: false,
        has_password: current_algo.is_some(),
        current_algo,
        srp_b,
        srp_id,
        hint: info.hint,
        email_unconfirmed_pattern: None,
        // Clients extend salt1 with their own random bytes when they set a new password.
        new_algo: algo(srp::random_bytes(8), srp::random_bytes(16)),
        new_secure_algo: enums::SecurePasswordKdfAlgo::Pbkdf2Hmacsha512iter100000(
            types::SecurePasswordKdfAlgoPbkdf2Hmacsha512iter100000 { salt: srp::random_bytes(8) },
        ),
        secure_random: srp::random_bytes(256),
        pending_reset_date: None,
        login_email_pattern: None,
    })
}

/// `auth.authorization` carrying the self user (with its access hash, which grammers caches).
fn authorization(w: &World) -> enums::auth::Authorization {
    enums::auth::Authorization::Authorization(types::auth::Authorization {
        setup_password_required: false,
        otherwise_relogin_days: None,
        tmp_sessions: None,
        future_auth_token: None,
        user: conv::user(w, &w.users[&w.self_id]),
    })
}

fn login_token_success(w: &World) -> enums::auth::LoginToken {
    enums::auth::LoginToken::Success(types::auth::LoginTokenSuccess { authorization: authorization(w) })
}

fn unregistered() -> Failure {
    Failure::new(401, "AUTH_KEY_UNREGISTERED")
}

fn password_needed() -> Failure {
    Failure::new(401, "SESSION_PASSWORD_NEEDED")
}
