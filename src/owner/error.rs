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
        "REACTIONS_TOO_MANY" => ": one reaction per message (Telegram Premium allows three)",
        "BALANCE_TOO_LOW" => ": not enough Telegram Stars on your account; buy Stars first",
        "REACTION_EMPTY" => ": you have no paid reaction on that post",
        "BROADCAST_FORBIDDEN" => {
            ": Telegram keeps these voters or reactors anonymous (anonymous polls, channels)"
        }
        "BROADCAST_PUBLIC_VOTERS_FORBIDDEN" => ": polls in channels must be anonymous",
        "OPTION_INVALID" | "OPTIONS_TOO_MUCH" => {
            ": pick existing options, one unless the poll is multiple choice"
        }
        "REVOTE_NOT_ALLOWED" => ": a quiz answer cannot be changed",
        "GEO_POINT_INVALID" => ": latitude is -90..90, longitude -180..180",
        "TOPIC_ID_INVALID" | "TOPIC_DELETED" => ": no such forum topic",
        "CHANNEL_FORUM_MISSING" => ": that chat is not a forum",
        "STORY_ID_INVALID" | "STORIES_NEVER_CREATED" => ": no such story",
        "SCHEDULE_DATE_INVALID" => ": scheduleDate must be a future unix time in seconds",
        "SCHEDULE_DATE_TOO_LATE" => ": scheduleDate may be at most a year ahead",
        "SCHEDULE_TOO_MUCH" => ": a chat holds at most 100 scheduled messages; delete some first",
        "REPLY_MESSAGE_ID_INVALID" | "REPLY_TO_INVALID" => ": replyTo is not a message of that chat",
        "MSG_TOO_OLD" | "MESSAGE_TOO_OLD" => ": read receipts are kept for 7 days only",
        "CHAT_TOO_BIG" => ": read receipts exist only in groups of at most 100 members",
        "YOUR_PRIVACY_RESTRICTED" => ": you hide your own read times, so Telegram hides theirs",
        "TO_LANG_INVALID" => ": Telegram does not translate into that language",
        "TTL_PERIOD_INVALID" => ": period must be 0 or whole days up to 365 (86400, 604800, 2592000 …)",
        "BOT_INLINE_DISABLED" => ": that user is not an inline bot",
        "QUERY_ID_INVALID" | "RESULT_ID_INVALID" => {
            ": run telegram-inline-query again and send one of its results soon"
        }
        "DATA_INVALID" => {
            ": that callback data is not on the message's keyboard; see telegram-get-message-buttons"
        }
        "STICKERSET_INVALID" => ": no sticker set with that short name; try telegram-search-sticker-sets",
        "TOPIC_NOT_MODIFIED" => ": the topic already looks like that",
        "TOPIC_HIDE_INVALID" => ": only the General topic (id 1) can be hidden",
        "GENERAL_MODIFY_ICON_FORBIDDEN" => ": the General topic's icon cannot be changed",
        "MSG_VOICE_MISSING" => ": that message is not a voice or video note",
        "TRANSCRIPTION_ID_INVALID" => {
            ": pass the transcriptionId telegram-transcribe-audio returned for this message"
        }
        "CONTACT_ID_INVALID" => ": that is not another user (you cannot add or block yourself)",
        "HASH_INVALID" => ": no such other session: take a hash from telegram-get-sessions",
        "FRESH_RESET_AUTHORISATION_FORBIDDEN" => ": a session younger than 24 hours cannot end others",
        "ABOUT_TOO_LONG" => ": a bio may have 70 characters (140 with Premium)",
        "FIRSTNAME_INVALID" => ": the first name is empty or invalid",
        "USERNAME_OCCUPIED" => ": that username is taken: choose another",
        "USERNAME_NOT_MODIFIED" => ": that is already your username",
        "BIRTHDAY_INVALID" => ": that date does not exist",
        "DOCUMENT_INVALID" | "COLLECTIBLE_INVALID" => {
            ": unknown id: take one from telegram-list-emoji-statuses"
        }
        "COLOR_INVALID" => ": not a colour index Telegram offers",
        "STORY_PERIOD_INVALID" => ": a story lives 21600, 43200, 86400 or 172800 s",
        "USER_PUBLIC_MISSING" => ": only stories of peers with a public username have links",
        "PINNED_DIALOGS_TOO_MUCH" => ": unpin a chat first (5 pinned chats without Premium, 10 with)",
        "DIALOG_FILTERS_TOO_MUCH" => ": delete a folder first (10 folders without Premium, 30 with)",
        "FILTER_INCLUDE_EMPTY" => {
            ": a folder needs a category flag (contacts, groups, …) or chats in includePeers"
        }
        "FILTER_TITLE_EMPTY" => ": give the folder a title",
        "FILTER_ID_INVALID" => ": no such folder; see telegram-get-chat-folders",
        "FILTER_INCLUDE_TOO_MUCH" => ": too many chats in the folder (100 without Premium, 200 with)",
        "BROADCAST_REQUIRED" => ": that is a supergroup; use telegram-get-megagroup-stats",
        "MEGAGROUP_REQUIRED" => ": that is a broadcast channel; use telegram-get-broadcast-stats",
        "EXPIRE_DATE_INVALID" => ": expireDate must be a unix time in the future",
        "USAGE_LIMIT_INVALID" => ": memberLimit must be 1–99999, and cannot be combined with requestApproval",
        "INVITE_REVOKED_MISSING" => ": that link is already revoked",
        "CHATLINK_SLUG_EXPIRED" | "CHATLINK_SLUG_EMPTY" => ": no such chat link: check the slug",
        "SHORTCUT_INVALID" => ": no such quick-reply shortcut: see telegram-get-quick-replies",
        "TIMEZONE_INVALID" => ": use an IANA timezone name like Europe/Berlin",
        "STARGIFT_INVALID" => ": no such received gift: see telegram-get-saved-star-gifts",
        "SUBSCRIPTION_ID_INVALID" => ": no such subscription: see telegram-get-stars-subscriptions",
        "GROUPCALL_INVALID" => ": that group call has ended or does not exist",
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
