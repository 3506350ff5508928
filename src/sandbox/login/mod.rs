//! Signing in to the demo account. For now only whether a key is signed in ([`AuthState`]);
//! the state lives with the keys, the gate in the RPC layer.

use serde::{Deserialize, Serialize};

/// How far one auth key got in signing in to the demo account.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthState {
    /// Every RPC works (how keys adopted with [`Sandbox::adopt_key`](super::Sandbox) start).
    #[default]
    SignedIn,
    /// Only login RPCs work; everything else answers `401 AUTH_KEY_UNREGISTERED`.
    SignedOut,
}
