//! MTProto 2.0 encryption as the *server* sees it: decrypt what a client sent (x = 0) and
//! encrypt what the server answers (x = 8). grammers only ships the client direction, so this
//! mirrors the documented algorithm on top of its public AES-IGE functions. It owns the auth
//! key type of the sandbox and must not know about framing or sessions.

use std::fmt;

use sha1::Sha1;
use sha2::{Digest, Sha256};

/// Length of an MTProto auth key in bytes.
pub const AUTH_KEY_LEN: usize = 256;
/// `auth_key_id` (8) + `msg_key` (16): the clear-text prefix of every encrypted packet.
pub(crate) const ENVELOPE_LEN: usize = 24;

/// A 2048-bit MTProto auth key shared by the sandbox and the sessions it writes.
///
/// `Debug` prints only the key id: the key itself is a secret.
#[derive(Clone, PartialEq, Eq)]
pub struct AuthKey {
    bytes: [u8; AUTH_KEY_LEN],
    id: [u8; 8],
}

/// Why an encrypted packet was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum CryptoError {
    #[error("encrypted packet of {0} bytes is not 24 + a positive multiple of 16")]
    BadLength(usize),
    #[error("msg_key does not match the decrypted payload")]
    BadMsgKey,
}

impl AuthKey {
    /// A fresh random key (256 bytes from the OS generator).
    pub fn generate() -> Self {
        let mut bytes = [0u8; AUTH_KEY_LEN];
        // The OS random source failing is not recoverable for a crypto server.
        getrandom::fill(&mut bytes).expect("the OS random generator is unavailable");
        Self::from_bytes(bytes)
    }

    /// Wraps existing key material, e.g. read back from a session file.
    pub fn from_bytes(bytes: [u8; AUTH_KEY_LEN]) -> Self {
        let digest = Sha1::digest(bytes);
        let mut id = [0u8; 8];
        id.copy_from_slice(&digest[12..20]);
        Self { bytes, id }
    }

    /// The raw key, as stored in the session file.
    pub fn to_bytes(&self) -> [u8; AUTH_KEY_LEN] {
        self.bytes
    }

    /// `auth_key_id`: the low 8 bytes of SHA1(key), as sent in front of every packet.
    pub fn id(&self) -> u64 {
        u64::from_le_bytes(self.id)
    }

    pub(crate) fn id_bytes(&self) -> &[u8; 8] {
        &self.id
    }
}

impl fmt::Debug for AuthKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AuthKey(id={:016x})", self.id())
    }
}

/// Reads the `auth_key_id` of a packet, if it is long enough to have one.
pub(crate) fn packet_key_id(packet: &[u8]) -> Option<u64> {
    let id: [u8; 8] = packet.get(..8)?.try_into().ok()?;
    Some(u64::from_le_bytes(id))
}

/// Decrypts a client packet (`auth_key_id ‖ msg_key ‖ ciphertext`) and checks its msg_key.
/// Returns the plaintext including padding.
pub(crate) fn decrypt_from_client(key: &AuthKey, packet: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let body_len = packet.len().saturating_sub(ENVELOPE_LEN);
    if packet.len() < ENVELOPE_LEN + 16 || !body_len.is_multiple_of(16) {
        return Err(CryptoError::BadLength(packet.len()));
    }
    let msg_key: [u8; 16] = packet[8..24].try_into().expect("slice of 16");
    let (aes_key, aes_iv) = derive(key, &msg_key, 0);
    let mut plain = packet[ENVELOPE_LEN..].to_vec();
    grammers_crypto::aes::ige_decrypt(&mut plain, &aes_key, &aes_iv);
    if msg_key_for(key, &plain, 0) != msg_key {
        return Err(CryptoError::BadMsgKey);
    }
    Ok(plain)
}

/// Pads and encrypts a server plaintext (`salt ‖ session_id ‖ message`) into a packet.
pub(crate) fn encrypt_to_client(key: &AuthKey, mut plain: Vec<u8>) -> Vec<u8> {
    // MTProto 2.0 wants 12..1024 bytes of padding and a multiple of 16 in total.
    let pad = 12 + (16 - (plain.len() + 12) % 16) % 16;
    let mut padding = [0u8; 28];
    getrandom::fill(&mut padding[..pad]).expect("the OS random generator is unavailable");
    plain.extend_from_slice(&padding[..pad]);
    let msg_key = msg_key_for(key, &plain, 8);
    let (aes_key, aes_iv) = derive(key, &msg_key, 8);
    grammers_crypto::aes::ige_encrypt(&mut plain, &aes_key, &aes_iv);
    let mut packet = Vec::with_capacity(ENVELOPE_LEN + plain.len());
    packet.extend_from_slice(key.id_bytes());
    packet.extend_from_slice(&msg_key);
    packet.extend_from_slice(&plain);
    packet
}

fn msg_key_for(key: &AuthKey, padded_plain: &[u8], x: usize) -> [u8; 16] {
    let digest =
        Sha256::new().chain_update(&key.bytes[88 + x..120 + x]).chain_update(padded_plain).finalize();
    digest[8..24].try_into().expect("slice of 16")
}

fn derive(key: &AuthKey, msg_key: &[u8; 16], x: usize) -> ([u8; 32], [u8; 32]) {
    let a = Sha256::new().chain_update(msg_key).chain_update(&key.bytes[x..x + 36]).finalize();
    let b = Sha256::new().chain_update(&key.bytes[40 + x..76 + x]).chain_update(msg_key).finalize();
    let mut aes_key = [0u8; 32];
    aes_key[..8].copy_from_slice(&a[..8]);
    aes_key[8..24].copy_from_slice(&b[8..24]);
    aes_key[24..].copy_from_slice(&a[24..32]);
    let mut aes_iv = [0u8; 32];
    aes_iv[..8].copy_from_slice(&b[..8]);
    aes_iv[8..24].copy_from_slice(&a[8..24]);
    aes_iv[24..].copy_from_slice(&b[24..32]);
    (aes_key, aes_iv)
}

#[cfg(test)]
mod tests {
    use grammers_crypto::DequeBuffer;

    use super::*;

    fn client_key(key: &AuthKey) -> grammers_crypto::AuthKey {
        grammers_crypto::AuthKey::from_bytes(key.to_bytes())
    }

    #[test]
    fn decrypts_what_the_grammers_client_encrypts() {
        let key = AuthKey::generate();
        let plain: Vec<u8> = (0..64u8).collect();
        let mut buf = DequeBuffer::with_capacity(128, 64);
        buf.extend(plain.iter().copied());
        grammers_crypto::encrypt_data_v2(&mut buf, &client_key(&key));
        let packet = buf.as_ref().to_vec();
        assert_eq!(packet_key_id(&packet), Some(key.id()));
        let got = decrypt_from_client(&key, &packet).unwrap();
        assert_eq!(&got[..64], &plain[..]);
    }

    #[test]
    fn grammers_client_decrypts_what_we_encrypt() {
        let key = AuthKey::generate();
        let plain: Vec<u8> = (0..40u8).collect();
        let mut packet = encrypt_to_client(&key, plain.clone());
        let got = grammers_crypto::decrypt_data_v2(&mut packet, &client_key(&key)).unwrap();
        assert_eq!(&got[..40], &plain[..]);
    }

    #[test]
    fn refuses_tampering_and_bad_lengths() {
        let key = AuthKey::generate();
        let mut buf = DequeBuffer::with_capacity(64, 64);
        buf.extend([7u8; 32]);
        grammers_crypto::encrypt_data_v2(&mut buf, &client_key(&key));
        let mut packet = buf.as_ref().to_vec();
        let last = packet.len() - 1;
        packet[last] ^= 1;
        assert_eq!(decrypt_from_client(&key, &packet), Err(CryptoError::BadMsgKey));
        assert_eq!(decrypt_from_client(&key, &packet[..30]), Err(CryptoError::BadLength(30)));
        let other = AuthKey::generate();
        assert_eq!(decrypt_from_client(&other, buf.as_ref()), Err(CryptoError::BadMsgKey));
    }

    #[test]
    fn debug_never_shows_key_material() {
        let key = AuthKey::from_bytes([0xab; AUTH_KEY_LEN]);
        let shown = format!("{key:?}");
        assert!(shown.starts_with("AuthKey(id="));
        assert!(!shown.contains("abab"));
    }
}
