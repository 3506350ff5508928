//! The login side of the controls: signing keys out.

use super::Controls;
use crate::sandbox::login::AuthState;

impl Controls {
    /// Signs every key out, as "terminate all sessions" would.
    pub fn sign_out_all(&self) {
        for key in self.shared.keys().values_mut() {
            key.auth = AuthState::SignedOut;
        }
    }
}
