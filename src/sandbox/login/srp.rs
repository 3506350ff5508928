//! The server half of Telegram's 2FA password check (SRP-2048 as described at
//! <https://core.telegram.org/api/srp>): derive the verifier `v` from a password once, hand out
//! `B` per `account.getPassword`, and check the client's `M1` with the server's own secret `b`.
//! It never sees the client's secret `a` and never needs the password after setup. Pure math:
//! no state, no TL, no logging.

use std::fmt;

use num_bigint::BigUint;
use sha2::{Digest, Sha256, Sha512};

/// The generator Telegram uses with [`prime`].
pub(crate) const G: i32 = 3;
/// PBKDF2 rounds of the `…SHA512iter100000…` KDF.
const PBKDF2_ROUNDS: u32 = 100_000;
/// Big numbers are hashed as 256-byte big-endian blocks.
const NUM_LEN: usize = 256;

/// Telegram's documented 2048-bit safe prime `p` (g = 3 generates a subgroup of order (p-1)/2).
const PRIME_HEX: &str = concat!(
    "c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f",
    "48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c37",
    "20fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f64",
    "2477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4",
    "a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754",
    "fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4",
    "e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f",
    "0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b",
);

/// What the server stores instead of a password: the salts and `v = g^x mod p`.
///
/// `Debug` shows neither salts nor `v`: with them a password can be brute-forced offline.
#[derive(Clone)]
pub(crate) struct Verifier {
    pub(crate) salt1: Vec<u8>,
    pub(crate) salt2: Vec<u8>,
    v: BigUint,
}

/// One `account.getPassword` answer's server secret `b` and public `B` (`srp_B`).
#[derive(Clone)]
pub(crate) struct Challenge {
    b: BigUint,
    pub(crate) g_b: [u8; NUM_LEN],
}

/// `p` as the 256 big-endian bytes sent in `current_algo`.
pub(crate) fn prime() -> [u8; NUM_LEN] {
    let mut out = [0u8; NUM_LEN];
    for (i, byte) in out.iter_mut().enumerate() {
        let pair = &PRIME_HEX[2 * i..2 * i + 2];
        *byte = u8::from_str_radix(pair, 16).expect("the prime constant is hex");
    }
    out
}

impl Verifier {
    /// A verifier for `password` with fresh random salts (40 and 16 bytes, as Telegram uses).
    /// Costs 100 000 PBKDF2-HMAC-SHA512 rounds.
    pub(crate) fn new(password: &[u8]) -> Self {
        Self::with_salts(password, random_bytes(40), random_bytes(16))
    }

    pub(crate) fn with_salts(password: &[u8], salt1: Vec<u8>, salt2: Vec<u8>) -> Self {
        let x = BigUint::from_bytes_be(&password_hash(password, &salt1, &salt2));
        let v = g().modpow(&x, &p());
        Self { salt1, salt2, v }
    }

    /// A fresh challenge with a random 2048-bit `b`.
    pub(crate) fn challenge(&self) -> Challenge {
        self.challenge_with(BigUint::from_bytes_be(&random_bytes(NUM_LEN)))
    }

    /// `B = (k·v + g^b) mod p` for a given `b`.
    pub(crate) fn challenge_with(&self, b: BigUint) -> Challenge {
        let p = p();
        let k = BigUint::from_bytes_be(&sha256(&[&prime(), &pad(&g())]));
        let g_b = (k * &self.v + g().modpow(&b, &p)) % &p;
        Challenge { b, g_b: pad(&g_b) }
    }

    /// Whether the client's `A` and `M1` prove knowledge of the password for `challenge`.
    pub(crate) fn check(&self, challenge: &Challenge, a: &[u8], m1: &[u8]) -> bool {
        let p = p();
        let big_a = BigUint::from_bytes_be(a);
        // A ≡ 0 (mod p) would make the shared secret 0 whatever the password: refuse it.
        if a.len() > NUM_LEN || (&big_a % &p) == BigUint::ZERO {
            return false;
        }
        let a = pad(&big_a);
        let u = BigUint::from_bytes_be(&sha256(&[&a, &challenge.g_b]));
        // S = (A · v^u)^b mod p, the same number the client computes as (B − k·v)^(a + u·x).
        let s = (big_a * self.v.modpow(&u, &p)).modpow(&challenge.b, &p);
        let key = sha256(&[&pad(&s)]);
        let p_xor_g: Vec<u8> =
            sha256(&[&prime()]).iter().zip(sha256(&[&pad(&g())])).map(|(x, y)| x ^ y).collect();
        let expected =
            sha256(&[&p_xor_g, &sha256(&[&self.salt1]), &sha256(&[&self.salt2]), &a, &challenge.g_b, &key]);
        constant_time_eq(&expected, m1)
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Verifier(..)")
    }
}

impl fmt::Debug for Challenge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Challenge(..)")
    }
}

/// Random bytes from the OS generator.
pub(crate) fn random_bytes(n: usize) -> Vec<u8> {
    let mut out = vec![0u8; n];
    getrandom::fill(&mut out).expect("the OS random generator is unavailable");
    out
}

fn p() -> BigUint {
    BigUint::from_bytes_be(&prime())
}

fn g() -> BigUint {
    BigUint::from(G as u32)
}

/// A number as the 256-byte big-endian block SRP hashes.
fn pad(n: &BigUint) -> [u8; NUM_LEN] {
    let bytes = n.to_bytes_be();
    let mut out = [0u8; NUM_LEN];
    out[NUM_LEN - bytes.len()..].copy_from_slice(&bytes);
    out
}

fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    parts.iter().for_each(|part| hasher.update(part));
    let mut out = [0u8; 32];
    out.copy_from_slice(&hasher.finalize());
    out
}

/// `SH(data, salt) = H(salt | data | salt)`.
fn salted(data: &[u8], salt: &[u8]) -> [u8; 32] {
    sha256(&[salt, data, salt])
}

/// `x = SH(PBKDF2-HMAC-SHA512(SH(SH(password, salt1), salt2), salt1, 100000), salt2)`.
fn password_hash(password: &[u8], salt1: &[u8], salt2: &[u8]) -> [u8; 32] {
    let inner = salted(&salted(password, salt1), salt2);
    salted(&pbkdf2_sha512(&inner, salt1, PBKDF2_ROUNDS), salt2)
}

/// PBKDF2 with HMAC-SHA512 and a single 64-byte output block.
fn pbkdf2_sha512(password: &[u8], salt: &[u8], rounds: u32) -> [u8; 64] {
    let mac = HmacSha512::new(password);
    let mut block = mac.sign(&[salt, &1u32.to_be_bytes()]);
    let mut out = block;
    for _ in 1..rounds {
        block = mac.sign(&[&block]);
        out.iter_mut().zip(block).for_each(|(o, b)| *o ^= b);
    }
    out
}

/// HMAC-SHA512 with the keyed inner and outer states computed once, so each signature costs
/// two short hashes (PBKDF2 signs 100 000 times).
struct HmacSha512 {
    inner: Sha512,
    outer: Sha512,
}

impl HmacSha512 {
    const BLOCK: usize = 128;

    fn new(key: &[u8]) -> Self {
        let mut block = [0u8; Self::BLOCK];
        if key.len() > Self::BLOCK {
            block[..64].copy_from_slice(&Sha512::digest(key));
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let keyed = |pad: u8| {
            let mut hasher = Sha512::new();
            hasher.update(block.map(|b| b ^ pad));
            hasher
        };
        Self { inner: keyed(0x36), outer: keyed(0x5c) }
    }

    fn sign(&self, parts: &[&[u8]]) -> [u8; 64] {
        let mut inner = self.inner.clone();
        parts.iter().for_each(|part| inner.update(part));
        let mut outer = self.outer.clone();
        outer.update(inner.finalize());
        let mut out = [0u8; 64];
        out.copy_from_slice(&outer.finalize());
        out
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use grammers_crypto::two_factor_auth::{calculate_2fa, check_p_and_g};

    use super::*;

    #[test]
    fn the_prime_passes_the_clients_checks() {
        assert!(check_p_and_g(&prime(), &G));
    }

    /// The client half is grammers' own `calculate_2fa` with a chosen secret `a`; the server
    /// checks with `v` and its `b` only. (A wrong password is covered end to end in the
    /// integration tests: every PBKDF2 costs seconds in a debug build.)
    #[test]
    fn server_accepts_exactly_what_the_grammers_client_proves() {
        let verifier = Verifier::with_salts(b"hunter2", b"salt-one".to_vec(), b"salt-two".to_vec());
        let challenge = verifier.challenge();
        let a = [0x5a; 256].to_vec();
        let (salt1, salt2) = (&verifier.salt1[..], &verifier.salt2[..]);
        let (m1, g_a) = calculate_2fa(salt1, salt2, &prime(), &G, challenge.g_b.to_vec(), a, "hunter2");
        assert!(verifier.check(&challenge, &g_a, &m1));
        let mut forged = m1;
        forged[31] ^= 1;
        assert!(!verifier.check(&challenge, &g_a, &forged), "one flipped bit of M1 is refused");
        assert!(!verifier.check(&verifier.challenge(), &g_a, &m1), "a proof is bound to its challenge");
        assert!(!verifier.check(&challenge, &prime(), &m1), "A = p is refused");
        assert!(!verifier.check(&challenge, &[], &m1), "A = 0 is refused");
    }

    #[test]
    fn hmac_sha512_matches_rfc_4231_case_2() {
        let mac = HmacSha512::new(b"Jefe").sign(&[b"what do ya want ", b"for nothing?"]);
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert!(hex.starts_with("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"));
    }
}
