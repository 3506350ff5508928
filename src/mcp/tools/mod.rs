//! The tool catalogue. Tools live in families (`account`, `chats`, `messages`, `media`, `updates`), each holding
//! its argument structs, its tool functions and their renderings; this file registers every
//! family in one place ([`TelegramMcp::full_router`], [`catalog`]) and holds what they share.
//!
//! A new tool is one `#[tool]` function in its family's router, its argument struct beside it,
//! and one line in that family's `TOOLS` table (its profile and access). A unit test checks that
//! the table and the routers name the same tools and that the annotations agree with the access.

mod account;
mod admin;
mod bots;
mod business;
mod chats;
mod compose;
mod contacts;
mod folders;
mod media;
mod messages;
mod reactions;
mod stories;
mod updates;

use std::future::Future;

use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::model::CallToolResult;
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer};
use schemars::JsonSchema;
use serde::Deserialize;

use super::{TelegramMcp, done, failed};
use crate::model::HIDDEN;
use crate::owner::{Cursor, OwnerError, Target, TextFormat};

type Reply = Result<CallToolResult, ErrorData>;

/// What a tool may do to the account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    /// Reads only.
    Read,
    /// Sends or changes something that can be undone or is additive.
    Write,
    /// Cannot be undone (delete, ban, leave, log out, …): needs the user's confirmation.
    Destructive,
}

/// The profiles (`MCP_TELEGRAM_TOOLS`). Every profile includes `core`; `all` is every tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Profile {
    Core,
    Messaging,
    Media,
    Groups,
    Account,
    Stories,
    Business,
    /// Opt-in in the original (`MCP_TELEGRAM_ENABLE_STARS=1`).
    Stars,
    /// Opt-in in the original (`MCP_TELEGRAM_ENABLE_GROUP_CALLS=1`).
    Calls,
    /// Opt-in in the original (`MCP_TELEGRAM_ENABLE_QUICK_REPLIES=1`).
    QuickReplies,
}

/// One tool of the catalogue.
#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) name: &'static str,
    pub(crate) profile: Profile,
    pub(crate) access: Access,
}

impl Profile {
    /// Every profile, in the order `mcp-telegram tools` lists them.
    pub(crate) const ALL: [Profile; 10] = [
        Profile::Core,
        Profile::Messaging,
        Profile::Media,
        Profile::Groups,
        Profile::Account,
        Profile::Stories,
        Profile::Business,
        Profile::Stars,
        Profile::Calls,
        Profile::QuickReplies,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Core => "core",
            Self::Messaging => "messaging",
            Self::Media => "media",
            Self::Groups => "groups",
            Self::Account => "account",
            Self::Stories => "stories",
            Self::Business => "business",
            Self::Stars => "stars",
            Self::Calls => "calls",
            Self::QuickReplies => "quick-replies",
        }
    }

    /// What the profile adds to `core`, in words.
    pub(crate) fn about(self) -> &'static str {
        match self {
            Self::Core => "status, chats, reading, searching, sending and managing messages (the default)",
            Self::Messaging => {
                "core plus scheduled messages, drafts, pins, reactions, polls, topics, bots, transcription"
            }
            Self::Media => "core plus sending and downloading files, photos, video, voice",
            Self::Groups => "core plus joining, creating and administering groups and channels",
            Self::Account => {
                "core plus contacts, profile, privacy, sessions, folders, archive/pin/mute, stickers"
            }
            Self::Stories => "core plus reading, posting and managing stories",
            Self::Business => {
                "core plus Telegram Business: chat links, hours, location, greeting, away, intro"
            }
            Self::Stars => "core plus Telegram Stars: balance, transactions, subscriptions, gifts",
            Self::Calls => "core plus group calls and their participants",
            Self::QuickReplies => "core plus quick-reply shortcuts and their messages",
        }
    }

    pub(crate) fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// Every tool with its profile and access.
pub(crate) fn catalog() -> impl Iterator<Item = &'static Entry> {
    let families: [&'static [Entry]; 13] = [
        account::TOOLS,
        chats::TOOLS,
        messages::TOOLS,
        media::TOOLS,
        updates::TOOLS,
        compose::TOOLS,
        reactions::TOOLS,
        bots::TOOLS,
        admin::TOOLS,
        folders::TOOLS,
        contacts::TOOLS,
        stories::TOOLS,
        business::TOOLS,
    ];
    families.into_iter().flatten()
}

/// A tool of the catalogue by name.
pub(crate) fn entry(name: &str) -> Option<&'static Entry> {
    catalog().find(|e| e.name == name)
}

impl TelegramMcp {
    /// Every family's tools in one router (each connection sees its scope's part of it).
    pub(crate) fn full_router() -> ToolRouter<Self> {
        let mut router = Self::account_router()
            + Self::chats_router()
            + Self::messages_router()
            + Self::media_router()
            + Self::updates_router()
            + Self::compose_router()
            + Self::reactions_router()
            + Self::bots_router()
            + Self::admin_router()
            + Self::folders_router()
            + Self::contacts_router()
            + Self::stories_router()
            + Self::business_router();
        for route in router.map.values_mut() {
            compact(&mut route.attr);
        }
        router
    }

    /// Resolves a `chatId` and checks it against this window's chat allowlist.
    async fn chat(&self, arg: &ChatArg) -> Result<Target, OwnerError> {
        let target = match self.owner.telegram().resolve(&arg.as_query()).await {
            // Candidates may include chats this window may not see: list none of them.
            Err(OwnerError::Ambiguous { query, .. }) if self.scope.limits_chats() => {
                return Err(OwnerError::Invalid(format!(
                    "{query:?} matches several chats: pass an id or @username from telegram-list-chats"
                )));
            }
            other => other?,
        };
        self.scope.check_chat(&target.chat(0, None))?;
        Ok(target)
    }

    /// Whether a listing may name this user or chat: always the account itself, others unless
    /// the window's chat allowlist leaves them out (or the peer cache does not know them).
    fn shows(&self, id: i64) -> bool {
        !self.scope.limits_chats()
            || self.owner.telegram().known(id).is_some_and(|t| {
                t.kind == crate::model::ChatKind::Saved || self.scope.permits(&t.chat(0, None))
            })
    }

    /// A listing's sender as this window may see it: outside the allowlist, neither id nor
    /// name (the entry stays, so counts and pages stay whole).
    fn redacted(&self, sender: &mut crate::model::Sender) {
        if !self.shows(sender.id) {
            *sender = crate::model::Sender { id: 0, name: HIDDEN.to_owned(), username: None };
        }
    }
}

/// Shrinks a tool's schemas for `tools/list`, which every client loads into its context:
/// no `$schema` (2020-12 is the default dialect), no integer `format`s, string enums instead of
/// `oneOf` constants, and no descriptions inside the output schemas' definitions (the
/// renderings and the instructions say what fields mean). What validates stays the same.
fn compact(tool: &mut rmcp::model::Tool) {
    use serde_json::{Map, Value};
    fn walk(value: &mut Value, in_defs: bool) {
        match value {
            Value::Object(map) => shrink(map, in_defs),
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, in_defs)),
            _ => {}
        }
    }
    fn shrink(map: &mut Map<String, Value>, in_defs: bool) {
        if map.get("format").is_some_and(Value::is_string) && map.contains_key("type") {
            map.remove("format");
        }
        if in_defs && map.get("description").is_some_and(Value::is_string) {
            map.remove("description");
        }
        let constants: Option<Vec<Value>> = match map.get("oneOf") {
            Some(Value::Array(options)) => options.iter().map(|o| o.get("const").cloned()).collect(),
            _ => None,
        };
        if let Some(values) = constants.filter(|v| v.iter().all(Value::is_string)) {
            map.remove("oneOf");
            map.insert("type".into(), "string".into());
            map.insert("enum".into(), Value::Array(values));
        }
        for value in map.values_mut() {
            walk(value, in_defs);
        }
    }
    let mut input = (*tool.input_schema).clone();
    input.remove("$schema");
    shrink(&mut input, false);
    tool.input_schema = std::sync::Arc::new(input);
    if let Some(output) = &tool.output_schema {
        let mut output = (**output).clone();
        output.remove("$schema");
        shrink(&mut output, false);
        if let Some(defs) = output.get_mut("$defs") {
            walk(defs, true);
        }
        tool.output_schema = Some(std::sync::Arc::new(output));
    }
}

/// A chat: numeric id (bare, `-100…` or negative), `@username`, `me`, or a name fragment.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged, expecting = "a chat: a numeric id, \"@username\", \"me\", or a chat name")]
pub(crate) enum ChatArg {
    Name(String),
    Id(i64),
}

impl ChatArg {
    pub(crate) fn as_query(&self) -> String {
        match self {
            Self::Name(name) => name.clone(),
            Self::Id(id) => id.to_string(),
        }
    }
}

/// A `parseMode` (`md`, `html`, or plain when absent) as a text format.
fn text_format(parse_mode: Option<&str>) -> Result<TextFormat, OwnerError> {
    match parse_mode.map(str::to_lowercase).as_deref() {
        None | Some("" | "plain" | "text") => Ok(TextFormat::Plain),
        Some("md" | "markdown") => Ok(TextFormat::Markdown),
        Some("html") => Ok(TextFormat::Html),
        Some(other) => Err(OwnerError::Invalid(format!("parseMode {other:?} is not md or html"))),
    }
}

/// A `limit` within 1..=100, or the tool's default.
fn limit(value: Option<u32>, default: usize) -> usize {
    value.map_or(default, |v| (v as usize).clamp(1, 100))
}

/// Runs a tool body, stopping it when the client cancels the request or goes away.
async fn guard<T, F>(ctx: &RequestContext<RoleServer>, body: F) -> Reply
where
    T: serde::Serialize,
    F: Future<Output = Result<(String, T), OwnerError>>,
{
    tokio::select! {
        result = body => match result {
            Ok((text, value)) => done(text, &value),
            Err(error) => failed(error),
        },
        () = ctx.ct.cancelled() => failed(OwnerError::Invalid("cancelled by the client".into())),
    }
}

/// Like [`guard`], for tools whose result carries more content than its text (images).
async fn guard_blocks<T, F>(ctx: &RequestContext<RoleServer>, body: F) -> Reply
where
    T: serde::Serialize,
    F: Future<Output = Result<(String, T, Vec<rmcp::model::ContentBlock>), OwnerError>>,
{
    tokio::select! {
        result = body => match result {
            Ok((text, value, blocks)) => done(text, &value).map(|mut r| {
                r.content.extend(blocks);
                r
            }),
            Err(error) => failed(error),
        },
        () = ctx.ct.cancelled() => failed(OwnerError::Invalid("cancelled by the client".into())),
    }
}

fn non_empty<'a>(value: &'a str, name: &str) -> Result<&'a str, OwnerError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(OwnerError::Invalid(format!("{name} is empty")));
    }
    Ok(trimmed)
}

fn ids_in_range(ids: &[i32]) -> Result<(), OwnerError> {
    match ids.len() {
        0 => Err(OwnerError::Invalid("messageIds is empty".into())),
        1..=100 => Ok(()),
        n => Err(OwnerError::Invalid(format!("{n} messageIds given; at most 100 per call"))),
    }
}

/// The message offset from a cursor or the original's `offsetId`.
fn offset(cursor: Option<&str>, offset_id: Option<i32>) -> Result<i32, OwnerError> {
    match cursor.map(Cursor::decode).transpose()? {
        Some(Cursor::Messages { offset_id }) => Ok(offset_id),
        Some(_) => Err(OwnerError::Invalid("that cursor belongs to another tool".into())),
        None => Ok(offset_id.unwrap_or(0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_and_the_routers_name_the_same_tools() {
        let mut routed: Vec<String> =
            TelegramMcp::full_router().list_all().into_iter().map(|t| t.name.to_string()).collect();
        let mut listed: Vec<String> = catalog().map(|e| e.name.to_owned()).collect();
        routed.sort();
        listed.sort();
        let before = listed.len();
        listed.dedup();
        assert_eq!(before, listed.len(), "a tool is listed twice in the catalogue");
        assert_eq!(routed, listed);
    }

    #[test]
    fn annotations_agree_with_the_access() {
        for tool in TelegramMcp::full_router().list_all() {
            let access = entry(&tool.name).unwrap().access;
            let a = tool.annotations.as_ref().unwrap_or_else(|| panic!("{} has no annotations", tool.name));
            assert_eq!(a.read_only_hint, Some(access == Access::Read), "{}: readOnlyHint", tool.name);
            assert_eq!(
                a.destructive_hint,
                Some(access == Access::Destructive),
                "{}: destructiveHint",
                tool.name
            );
            if access == Access::Destructive {
                let props = &tool.input_schema["properties"];
                assert!(props.get("confirm").is_some(), "{} takes no confirm argument", tool.name);
            }
        }
    }
}
