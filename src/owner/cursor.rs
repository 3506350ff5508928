//! Opaque next-page cursors handed to MCP clients. They encode where Telegram should continue
//! (`m:<offset_id>`, `d:<date>:<msg_id>:<chat>`, `g:<rate>:<chat>:<msg_id>`, `o:<offset>`); clients pass them
//! back unchanged, and anything else is refused with a clear error.

use super::OwnerError;

/// Where the next page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    /// Messages older than this id.
    Messages { offset_id: i32 },
    /// Dialogs after this one (by last-message date, message id and chat id).
    Dialogs { date: i32, msg_id: i32, chat: i64 },
    /// Global search results after this one.
    Global { rate: i32, chat: i64, msg_id: i32 },
    /// The next item of a list Telegram pages by a plain offset (members, voters, links …).
    Offset { offset: i64 },
}

impl Cursor {
    /// The string given to clients.
    pub fn encode(self) -> String {
        match self {
            Self::Messages { offset_id } => format!("m:{offset_id}"),
            Self::Dialogs { date, msg_id, chat } => format!("d:{date}:{msg_id}:{chat}"),
            Self::Global { rate, chat, msg_id } => format!("g:{rate}:{chat}:{msg_id}"),
            Self::Offset { offset } => format!("o:{offset}"),
        }
    }

    /// Parses a client's cursor.
    pub fn decode(raw: &str) -> Result<Self, OwnerError> {
        let bad = || {
            OwnerError::Invalid(format!(
                "invalid cursor {raw:?}: pass back a nextCursor from a previous page"
            ))
        };
        let parts: Vec<&str> = raw.split(':').collect();
        let num = |i: usize| parts.get(i).and_then(|p| p.parse::<i64>().ok()).ok_or_else(bad);
        let int = |i: usize| num(i).and_then(|n| i32::try_from(n).map_err(|_| bad()));
        match parts.first().copied() {
            Some("m") if parts.len() == 2 => Ok(Self::Messages { offset_id: int(1)? }),
            Some("d") if parts.len() == 4 => {
                Ok(Self::Dialogs { date: int(1)?, msg_id: int(2)?, chat: num(3)? })
            }
            Some("g") if parts.len() == 4 => {
                Ok(Self::Global { rate: int(1)?, chat: num(2)?, msg_id: int(3)? })
            }
            Some("o") if parts.len() == 2 => Ok(Self::Offset { offset: num(1)? }),
            _ => Err(bad()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        for c in [
            Cursor::Messages { offset_id: 42 },
            Cursor::Dialogs { date: 1_700_000_000, msg_id: 7, chat: -1_001_500_000_001 },
            Cursor::Global { rate: 5, chat: 7_000_002, msg_id: 9 },
            Cursor::Offset { offset: 200 },
        ] {
            assert_eq!(Cursor::decode(&c.encode()).unwrap(), c);
        }
        for bad in ["", "m", "m:x", "d:1:2", "z:1", "m:99999999999"] {
            assert!(Cursor::decode(bad).is_err(), "{bad}");
        }
    }
}
