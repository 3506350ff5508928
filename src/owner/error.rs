//! What can go wrong for a caller of the owner, as one typed error the MCP layer maps to tool
//! errors in exactly one place. Every variant's text is one line with a fix hint.

use std::time::Duration;

/// A failed owner operation.
#[derive(Debug, thiserror::Error)]
pub enum OwnerError {
    #[error("not logged in: run `mcp-telegram login`")]
    NotLoggedIn,
    #[error("Telegram unreachable, reconnecting (attempt {attempt}): retry in a few seconds")]
    Unreachable { attempt: u32 },
    #[error("Telegram is still connecting: retry in a few seconds")]
    Connecting,
    #[error(
        "this session was used from two places at once and Telegram revoked it (AUTH_KEY_DUPLICATED): \
         run `mcp-telegram login` again"
    )]
    SessionBurnt,
    #[error("Telegram asks to wait {seconds} s before this call (FLOOD_WAIT): retry after that")]
    FloodWait { seconds: u32 },
    #[error("Telegram error {code} {name}{}", hint_for(name))]
    Rpc { code: i32, name: String },
    #[error("Telegram did not answer within {} s: retry; the connection is being checked", .0.as_secs())]
    Timeout(Duration),
    #[error("chat {query:?} not found: {hint}")]
    ChatNotFound { query: String, hint: String },
    #[error("{query:?} matches several chats, pass one of these ids as chatId: {}", candidates.join(", "))]
    Ambiguous { query: String, candidates: Vec<String> },
    #[error("{0}")]
    Invalid(String),
    /// The window's scope or the user refused the call (read-only, allowlist, not confirmed).
    #[error("{0}")]
    Refused(String),
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl OwnerError {
    /// The kind of failure, as logs name it: the Telegram RPC error name for RPC errors
    /// (`FLOOD_WAIT`, `PEER_ID_INVALID`, …), otherwise a short word.
    pub fn kind(&self) -> &str {
        match self {
            Self::NotLoggedIn => "not_logged_in",
            Self::Unreachable { .. } => "unreachable",
            Self::Connecting => "connecting",
            Self::SessionBurnt => "AUTH_KEY_DUPLICATED",
            Self::FloodWait { .. } => "FLOOD_WAIT",
            Self::Rpc { name, .. } => name,
            Self::Timeout(_) => "timeout",
            Self::ChatNotFound { .. } => "chat_not_found",
            Self::Refused(_) => "refused",
            Self::Ambiguous { .. } => "ambiguous_chat",
            Self::Invalid(_) => "invalid_arguments",
            Self::Internal(_) => "internal",
        }
    }

    /// Whether Telegram itself answered with this error (an RPC error).
    pub fn is_rpc(&self) -> bool {
        matches!(self, Self::SessionBurnt | Self::FloodWait { .. } | Self::Rpc { .. })
    }
}

/// A short fix hint for common RPC errors.
fn hint_for(name: &str) -> &'static str {
    match name {
        "QUOTE_TEXT_INVALID" => ": quoteText must be copied verbatim from the replied message",
        "EFFECT_INVALID" => ": that message effect id does not exist",
        "PEER_ID_INVALID" | "CHANNEL_INVALID" | "CHAT_ID_INVALID" => {
            ": the chat id is unknown or not accessible; use telegram-search-chats"
        }
        "MESSAGE_ID_INVALID" | "MSG_ID_INVALID" => ": no such message in that chat",
        "MESSAGE_NOT_MODIFIED" => ": the new text equals the old one",
        "MESSAGE_AUTHOR_REQUIRED" => ": only your own messages can be edited",
        "MESSAGE_TOO_LONG" => ": Telegram allows 4096 characters per message",
        "MESSAGE_EMPTY" => ": the text is empty",
        "USERNAME_NOT_OCCUPIED" | "USERNAME_INVALID" => ": no such username",
        "CHAT_WRITE_FORBIDDEN" => ": you may not write in that chat",
        "CHAT_ADMIN_REQUIRED" | "RIGHT_FORBIDDEN" | "ADMIN_RIGHTS_EMPTY" => {
            ": this needs an admin right in that chat that you do not have"
        }
        "USER_NOT_PARTICIPANT" => ": that user (or you) is not a member of the chat",
        "USER_ADMIN_INVALID" => ": only the chat's creator or the admin who promoted them may change this",
        "PREMIUM_ACCOUNT_REQUIRED" => ": this needs Telegram Premium on your account",
        "BUSINESS_PEER_INVALID" | "BUSINESS_CONNECTION_INVALID" => ": this needs a Telegram Business account",
        "USER_ID_INVALID" => ": the user id is unknown or not accessible; use telegram-search-chats",
        "USER_PRIVACY_RESTRICTED" => ": the user's privacy settings forbid this",
        "USER_ALREADY_PARTICIPANT" => ": that user is already a member",
        "INVITE_HASH_EXPIRED" | "INVITE_HASH_INVALID" => ": the invite link is expired or invalid",
        "REACTION_INVALID" => ": that reaction is not allowed in this chat",
        "POLL_VOTE_REQUIRED" => ": vote in the poll first",
        "MESSAGE_POLL_CLOSED" => ": the poll is closed",
        "TOPIC_ID_INVALID" | "TOPIC_DELETED" => ": no such forum topic",
        "CHANNEL_FORUM_MISSING" => ": that chat is not a forum",
        "STORY_ID_INVALID" | "STORIES_NEVER_CREATED" => ": no such story",
        "SECONDS_INVALID" => ": slow mode takes 0, 10, 30, 60, 300, 900 or 3600 seconds",
        "HIDE_REQUESTER_MISSING" => ": that user has no pending join request in this chat",
        "PARTICIPANTS_TOO_FEW" => ": the group has too few members for this",
        "CHANNEL_PRIVATE" => {
            ": the chat is private or you were banned from it; an invite link may let you in"
        }
        "USER_KICKED" => ": that user is banned from the chat; unban them first",
        "USER_CREATOR" => ": the chat's creator keeps every right",
        "ADMIN_RANK_INVALID" => ": an admin title has at most 16 characters",
        "CHAT_TITLE_EMPTY" => ": the title is empty",
        "CHAT_NOT_MODIFIED" | "CHAT_ABOUT_NOT_MODIFIED" => ": it is already set that way",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_as_one_line_with_a_hint() {
        assert_eq!(OwnerError::NotLoggedIn.to_string(), "not logged in: run `mcp-telegram login`");
        let rpc = OwnerError::Rpc { code: 400, name: "PEER_ID_INVALID".into() }.to_string();
        assert!(rpc.starts_with("Telegram error 400 PEER_ID_INVALID: "), "{rpc}");
        assert!(OwnerError::FloodWait { seconds: 42 }.to_string().contains("42 s"));
        let amb =
            OwnerError::Ambiguous { query: "a".into(), candidates: vec!["A (1)".into(), "Ab (2)".into()] };
        assert!(amb.to_string().contains("A (1), Ab (2)"));
    }
}
