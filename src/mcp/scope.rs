//! What one MCP window may see and do: its tools (profiles, allow and deny lists), whether it
//! is read-only, and which chats it may touch. A scope is resolved once per window from what the
//! window asked for (its `MCP_TELEGRAM_*` variables, carried in the IPC hello) within what the
//! owner grants that client (the policy file's entry for its uid or group). A window can only
//! narrow what it was granted.

use std::collections::{BTreeMap, BTreeSet};

use super::tools::{Access, Profile, catalog, entry};
use crate::model::{Chat, ChatKind};
use crate::owner::OwnerError;
use crate::policy::Grant;

/// The window's profiles, e.g. `core,media` or `all` (default `core`).
pub const TOOLS: &str = "MCP_TELEGRAM_TOOLS";
/// Tool names added to the profiles.
pub const TOOLS_ALLOW: &str = "MCP_TELEGRAM_TOOLS_ALLOW";
/// Tool names removed from the profiles.
pub const TOOLS_DENY: &str = "MCP_TELEGRAM_TOOLS_DENY";
/// `1`: hide and refuse every tool that writes.
pub const READ_ONLY: &str = "MCP_TELEGRAM_READ_ONLY";
/// Chat ids or @usernames: every call touching another chat is refused.
pub const ALLOWED_CHATS: &str = "MCP_TELEGRAM_ALLOWED_CHATS";

/// The original's opt-in flags, each `1` adding one profile: the same tools appear as there.
pub(crate) const ENABLE_FLAGS: [(&str, Profile); 3] = [
    ("MCP_TELEGRAM_ENABLE_GROUP_CALLS", Profile::Calls),
    ("MCP_TELEGRAM_ENABLE_STARS", Profile::Stars),
    ("MCP_TELEGRAM_ENABLE_QUICK_REPLIES", Profile::QuickReplies),
];

/// Every variable a window sends to its owner, in the order they are documented.
pub const VARIABLES: [&str; 8] = [
    TOOLS,
    TOOLS_ALLOW,
    TOOLS_DENY,
    READ_ONLY,
    ALLOWED_CHATS,
    ENABLE_FLAGS[0].0,
    ENABLE_FLAGS[1].0,
    ENABLE_FLAGS[2].0,
];

/// A resolved scope; see the module docs.
#[derive(Debug, Clone)]
pub struct Scope {
    tools: BTreeSet<&'static str>,
    /// What the grant allows at most (tools outside it are refused with the policy named).
    ceiling: BTreeSet<&'static str>,
    /// What the window's own deny list removed.
    denied: BTreeSet<&'static str>,
    /// Who made the window read-only, if anyone.
    read_only: Option<String>,
    /// Every list must permit a chat (the window's own and the grant's).
    chats: Vec<ChatList>,
    profiles: String,
    grant: String,
    /// Whether this window's client is the owner's own user or root: only they may sign the
    /// account in or out (as on the admin protocol).
    account_holder: bool,
}

#[derive(Debug, Clone)]
struct ChatList {
    source: String,
    rules: Vec<ChatRule>,
}

#[derive(Debug, Clone, PartialEq)]
enum ChatRule {
    Id(i64),
    Username(String),
    Me,
}

impl Scope {
    /// Resolves a window's request (variable → value) within a grant. The error is one line
    /// naming the variable at fault.
    pub fn resolve(request: &BTreeMap<String, String>, grant: &Grant) -> Result<Self, String> {
        // A setting this owner does not know would be dropped, widening the window: refuse it.
        if let Some(unknown) = request.keys().find(|k| !VARIABLES.contains(&k.as_str())) {
            return Err(format!(
                "this owner does not know the setting {unknown}: update the owner (restart the daemon)"
            ));
        }
        let asked = |name: &str| request.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
        let mut ceiling = match &grant.tools {
            Some(profiles) => expand(profiles, "tools")?,
            None => catalog().map(|e| e.name).collect(),
        };
        ceiling.extend(names(grant.allow.iter().map(String::as_str), "allow")?);
        for name in names(grant.deny.iter().map(String::as_str), "deny")? {
            ceiling.remove(name);
        }
        let mut profiles =
            asked(TOOLS).map(str::to_owned).or(grant.tools.clone()).unwrap_or_else(|| "core".into());
        for (variable, profile) in ENABLE_FLAGS {
            if flag(asked(variable), variable)? {
                profiles = format!("{profiles},{}", profile.name());
            }
        }
        let source = if asked(TOOLS).is_some() { TOOLS } else { "tools" };
        let mut tools = expand(&profiles, source)?;
        tools.extend(names(asked(TOOLS_ALLOW).unwrap_or("").split(','), TOOLS_ALLOW)?);
        let denied: BTreeSet<&'static str> =
            names(asked(TOOLS_DENY).unwrap_or("").split(','), TOOLS_DENY)?.into_iter().collect();
        tools.retain(|t| !denied.contains(t));
        tools.retain(|t| ceiling.contains(t));
        let read_only = match (flag(asked(READ_ONLY), READ_ONLY)?, grant.read_only) {
            (_, true) => Some(format!("the policy for {}", grant.label)),
            (true, false) => Some(format!("{READ_ONLY}=1")),
            (false, false) => None,
        };
        if read_only.is_some() {
            tools.retain(|t| entry(t).is_some_and(|e| e.access == Access::Read));
        }
        let mut chats = Vec::new();
        if let Some(list) = asked(ALLOWED_CHATS) {
            chats.push(ChatList::parse(list.split(','), ALLOWED_CHATS)?);
        }
        if let Some(list) = &grant.chats {
            chats.push(ChatList::parse(
                list.iter().map(String::as_str),
                &format!("the policy ({})", grant.label),
            )?);
        }
        let grant = grant.label.clone();
        Ok(Self { tools, ceiling, denied, read_only, chats, profiles, grant, account_holder: true })
    }

    /// The scope of a client whose uid the socket reported: only the owner's own user and root
    /// may sign the account in or out; a client of unknown uid may not.
    pub fn for_peer(mut self, peer_uid: Option<u32>) -> Self {
        let own = rustix::process::geteuid().as_raw();
        self.account_holder = peer_uid.is_some_and(|uid| uid == own || uid == 0);
        self
    }

    /// Refuses signing in or out to a client that is not the owner's user or root.
    pub(crate) fn check_account_holder(&self, tool: &str) -> Result<(), OwnerError> {
        if self.account_holder {
            return Ok(());
        }
        let own = rustix::process::geteuid().as_raw();
        Err(OwnerError::Refused(format!(
            "{tool} is refused: only the owner's user (uid {own}) or root may log in or out; run it as that user"
        )))
    }

    /// Whether `tools/list` shows the tool and calls may use it.
    pub fn has(&self, tool: &str) -> bool {
        self.tools.contains(tool)
    }

    /// The tool names of this scope.
    pub fn tools(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.tools.iter().copied()
    }

    /// Why a known tool outside this scope is refused, with the fix; `None` for tools in scope
    /// and for names that are no tool at all.
    pub fn refusal(&self, tool: &str) -> Option<String> {
        let e = entry(tool)?;
        if self.has(tool) {
            return None;
        }
        Some(match (&self.read_only, e.access) {
            (Some(by), Access::Write | Access::Destructive) => {
                format!("{tool} is refused: this window is read-only ({by})")
            }
            _ if !self.ceiling.contains(tool) => {
                format!("{tool} is not permitted for this client by the policy for {}", self.grant)
            }
            _ if self.denied.contains(tool) => {
                format!("{tool} is in this window's {TOOLS_DENY}: remove it from there")
            }
            _ => format!(
                "{tool} is not among this window's tools ({TOOLS}={}): add it with {TOOLS_ALLOW}={tool} \
                 or {TOOLS}={}",
                self.profiles,
                e.profile.name()
            ),
        })
    }

    /// Refuses a chat outside the allowlists.
    pub fn check_chat(&self, chat: &Chat) -> Result<(), OwnerError> {
        match self.chats.iter().find(|list| !list.permits(chat)) {
            None => Ok(()),
            // Name no detail of a chat the window may not see.
            Some(list) => Err(OwnerError::Refused(format!(
                "that chat is not in this window's allowed chats ({})",
                list.source
            ))),
        }
    }

    /// Whether a chat is inside the allowlists (for filtering listings).
    pub fn permits(&self, chat: &Chat) -> bool {
        self.chats.iter().all(|list| list.permits(chat))
    }

    /// Whether some allowlist applies (listings then need filtering).
    pub fn limits_chats(&self) -> bool {
        !self.chats.is_empty()
    }

    /// One line for logs and `telegram-status`: grant, profiles, read-only, chat limits.
    pub fn describe(&self) -> String {
        let mut out = format!("{}: {} ({} tools)", self.grant, self.profiles, self.tools.len());
        if self.read_only.is_some() {
            out.push_str(", read-only");
        }
        for list in &self.chats {
            let rules: Vec<String> = list.rules.iter().map(ChatRule::to_string).collect();
            out.push_str(&format!(", chats {} ({})", rules.join(" "), list.source));
        }
        out
    }
}

impl ChatList {
    fn parse<'a>(entries: impl Iterator<Item = &'a str>, source: &str) -> Result<Self, String> {
        let mut rules = Vec::new();
        for raw in entries.map(str::trim).filter(|e| !e.is_empty()) {
            let rule = if raw.eq_ignore_ascii_case("me") {
                ChatRule::Me
            } else if let Some(name) = raw.strip_prefix('@') {
                ChatRule::Username(name.to_lowercase())
            } else if let Ok(id) = raw.parse::<i64>() {
                ChatRule::Id(id)
            } else {
                return Err(format!(
                    "{source}: {raw:?} is not a chat id or an @username (e.g. -1001234567890, @team, me)"
                ));
            };
            rules.push(rule);
        }
        if rules.is_empty() {
            return Err(format!("{source} is set but names no chat"));
        }
        Ok(Self { source: source.to_owned(), rules })
    }

    fn permits(&self, chat: &Chat) -> bool {
        self.rules.iter().any(|rule| match rule {
            // Ids as Telegram's Bot API and `telegram-list-chats` write them (channels `-100…`).
            ChatRule::Id(id) => *id == chat.id,
            ChatRule::Username(name) => {
                chat.username.as_deref().is_some_and(|u| u.eq_ignore_ascii_case(name))
            }
            ChatRule::Me => chat.kind == ChatKind::Saved,
        })
    }
}

impl std::fmt::Display for ChatRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Id(id) => write!(f, "{id}"),
            Self::Username(name) => write!(f, "@{name}"),
            Self::Me => f.write_str("me"),
        }
    }
}

/// The tools of a comma list of profiles (`all` = every tool).
pub(crate) fn expand(profiles: &str, source: &str) -> Result<BTreeSet<&'static str>, String> {
    let mut tools = BTreeSet::new();
    for name in profiles.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if name == "all" {
            tools.extend(catalog().map(|e| e.name));
            continue;
        }
        let Some(profile) = Profile::parse(name) else {
            let known: Vec<_> = Profile::ALL.iter().map(|p| p.name()).collect();
            return Err(format!("{source}: unknown profile {name:?}: use {} or all", known.join(", ")));
        };
        tools
            .extend(catalog().filter(|e| e.profile == Profile::Core || e.profile == profile).map(|e| e.name));
    }
    Ok(tools)
}

/// Checks tool names against the catalogue.
pub(crate) fn names<'a>(
    list: impl Iterator<Item = &'a str>,
    source: &str,
) -> Result<Vec<&'static str>, String> {
    list.map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            entry(n).map(|e| e.name).ok_or_else(|| {
                format!("{source}: no tool is named {n:?} (`mcp-telegram tools --profile all` lists them)")
            })
        })
        .collect()
}

fn flag(value: Option<&str>, variable: &str) -> Result<bool, String> {
    match value.map(str::to_ascii_lowercase).as_deref() {
        None | Some("0" | "false" | "no" | "off") => Ok(false),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some(other) => Err(format!("{variable}={other:?}: use 1 or 0")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn chat(id: i64, username: Option<&str>, kind: ChatKind) -> Chat {
        Chat {
            id,
            kind,
            title: "t".into(),
            username: username.map(str::to_owned),
            unread: 0,
            forum: false,
            last_message_date: None,
        }
    }

    #[test]
    fn the_default_is_core_and_a_window_narrows_within_its_grant() {
        let open = Grant::default();
        let core = Scope::resolve(&request(&[]), &open).unwrap();
        assert!(core.has("telegram-send-message"));
        let all = Scope::resolve(&request(&[(TOOLS, "all")]), &open).unwrap();
        assert_eq!(all.tools().count(), catalog().count());
        let ro = Grant { read_only: true, label: "uid 7".into(), ..Grant::default() };
        let scoped = Scope::resolve(&request(&[(TOOLS, "all"), (READ_ONLY, "0")]), &ro).unwrap();
        assert!(!scoped.has("telegram-send-message") && scoped.has("telegram-read-messages"));
        assert!(
            scoped.refusal("telegram-send-message").unwrap().contains("read-only (the policy for uid 7)")
        );
        let denied = Scope::resolve(&request(&[(TOOLS_DENY, "telegram-delete-message")]), &open).unwrap();
        let why = denied.refusal("telegram-delete-message").unwrap();
        assert!(why.contains("remove it from there"), "{why}");
        let err = Scope::resolve(&request(&[("MCP_TELEGRAM_FUTURE", "1")]), &open).unwrap_err();
        assert!(err.contains("does not know the setting MCP_TELEGRAM_FUTURE"), "{err}");
        let capped = Grant { deny: vec!["telegram-send-message".into()], ..Grant::default() };
        let asked = Scope::resolve(&request(&[(TOOLS_ALLOW, "telegram-send-message")]), &capped).unwrap();
        assert!(asked.refusal("telegram-send-message").unwrap().contains("by the policy"));
        assert_eq!(denied.refusal("telegram-no-such-tool"), None);
    }

    #[test]
    fn the_originals_opt_in_flags_add_their_profiles() {
        let open = Grant::default();
        for (variable, profile) in ENABLE_FLAGS {
            let scope = Scope::resolve(&request(&[(variable, "1")]), &open).unwrap();
            assert!(scope.describe().contains(&format!("core,{}", profile.name())), "{}", scope.describe());
            assert!(catalog().filter(|e| e.profile == profile).all(|e| scope.has(e.name)));
            assert!(scope.has("telegram-send-message"));
            let off = Scope::resolve(&request(&[(variable, "0")]), &open).unwrap();
            assert!(!off.describe().contains(profile.name()));
            let err = Scope::resolve(&request(&[(variable, "sure")]), &open).unwrap_err();
            assert!(err.starts_with(&format!("{variable}=\"sure\"")), "{err}");
        }
    }

    #[test]
    fn bad_settings_name_the_variable() {
        let open = Grant::default();
        let err = Scope::resolve(&request(&[(TOOLS, "core,medai")]), &open).unwrap_err();
        assert!(err.starts_with("MCP_TELEGRAM_TOOLS: unknown profile \"medai\""), "{err}");
        let err = Scope::resolve(&request(&[(TOOLS_ALLOW, "telegram-sned")]), &open).unwrap_err();
        assert!(err.contains("no tool is named \"telegram-sned\""), "{err}");
        let err = Scope::resolve(&request(&[(READ_ONLY, "maybe")]), &open).unwrap_err();
        assert!(err.contains("use 1 or 0"), "{err}");
        let err = Scope::resolve(&request(&[(ALLOWED_CHATS, "@team,Team Chat")]), &open).unwrap_err();
        assert!(err.contains("\"Team Chat\" is not a chat id"), "{err}");
    }

    #[test]
    fn chat_lists_match_ids_usernames_and_me_and_every_list_must_agree() {
        let grant = Grant {
            chats: Some(vec!["@Team".into(), "-1000000001234".into(), "me".into()]),
            ..Grant::default()
        };
        let scope = Scope::resolve(&request(&[(ALLOWED_CHATS, "@team, -1000000001234")]), &grant).unwrap();
        assert!(scope.permits(&chat(-5, Some("TEAM"), ChatKind::Supergroup)));
        assert!(scope.permits(&chat(-1_000_000_001_234, None, ChatKind::Channel)));
        let users_only = Scope::resolve(&request(&[(ALLOWED_CHATS, "1234")]), &Grant::default()).unwrap();
        assert!(
            !users_only.permits(&chat(-1_000_000_001_234, None, ChatKind::Channel)),
            "a bare id is a user"
        );
        assert!(users_only.permits(&chat(1234, None, ChatKind::User)));
        assert!(!scope.permits(&chat(0, None, ChatKind::Saved)), "me is only in the grant's list");
        let err = scope.check_chat(&chat(42, Some("boris"), ChatKind::User)).unwrap_err();
        assert!(err.to_string().contains("MCP_TELEGRAM_ALLOWED_CHATS"), "{err}");
    }
}
