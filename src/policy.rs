//! The access policy file: which scope an owner grants each client, by the uid (and its groups)
//! the socket reports for it (SO_PEERCRED). The file is TOML:
//!
//! ```toml
//! [default]                 # every client no [[client]] below matches (optional)
//! tools = "core"            # profiles, as MCP_TELEGRAM_TOOLS
//! read_only = true
//!
//! [[client]]
//! user = "alice"            # or uid = 1000, group = "ops", gid = 1001
//! tools = "all"
//! deny = ["telegram-delete-message"]
//! chats = ["@team", "-1001234567890", "me"]
//! ```
//!
//! Keys of a section: `tools` (profiles), `allow` and `deny` (tool names), `read_only`, `chats`
//! (ids, @usernames, `me`). The first `[[client]]` that matches wins, then `[default]`; a client
//! nothing matches is not restricted (the socket's permissions decide who may connect at all).
//! A grant is a ceiling: a window can narrow it with its own variables, never widen it.
//! This module reads the file and matches peers; what the names mean is `mcp::scope`'s.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

/// What the owner grants one client; the default grants everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grant {
    /// Who this grant is for, as logs and errors name it (e.g. `user alice`).
    pub label: String,
    /// Profiles (`MCP_TELEGRAM_TOOLS` syntax); `None`: every tool.
    pub tools: Option<String>,
    pub allow: Vec<String>,
    pub deny: Vec<String>,
    pub read_only: bool,
    /// Allowed chats; `None`: every chat.
    pub chats: Option<Vec<String>>,
}

/// A loaded policy.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    rules: Vec<(Who, Grant)>,
    default: Option<Grant>,
}

/// The client a connection comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Peer {
    pub uid: u32,
    pub gid: u32,
}

#[derive(Debug, Clone, PartialEq)]
enum Who {
    Uid(u32),
    User(String),
    Gid(u32),
    Group(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    default: Option<toml::Spanned<Section>>,
    #[serde(default)]
    client: Vec<toml::Spanned<Section>>,
}

/// `[default]` or one `[[client]]` (only a client names whom it is for).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    uid: Option<u32>,
    user: Option<String>,
    gid: Option<u32>,
    group: Option<String>,
    tools: Option<String>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    deny: Vec<String>,
    #[serde(default)]
    read_only: bool,
    chats: Option<Vec<String>>,
}

impl Section {
    fn who(&self) -> Option<Result<Who, String>> {
        let named = [self.uid.is_some(), self.user.is_some(), self.gid.is_some(), self.group.is_some()];
        Some(match named.iter().filter(|n| **n).count() {
            0 => return None,
            1 => Ok(match (self.uid, &self.user, self.gid, &self.group) {
                (Some(uid), ..) => Who::Uid(uid),
                (_, Some(user), ..) => Who::User(user.clone()),
                (_, _, Some(gid), _) => Who::Gid(gid),
                (.., Some(group)) => Who::Group(group.clone()),
                _ => return None,
            }),
            _ => Err("a [[client]] needs exactly one of uid, user, gid or group".to_owned()),
        })
    }

    fn grant(self, label: String) -> Grant {
        Grant {
            label,
            tools: self.tools,
            allow: self.allow,
            deny: self.deny,
            read_only: self.read_only,
            chats: self.chats,
        }
    }
}

impl Policy {
    /// Reads and checks a policy file; `check` validates each grant's names (profiles, tools,
    /// chats). Any error names the file, the line and the fix.
    pub fn load(path: &Path, check: impl Fn(&Grant) -> Result<(), String>) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("failed to read the access policy {}", path.display()))?;
        let policy = Self::parse(&text, check).map_err(|(line, why)| {
            anyhow::anyhow!(
                "the access policy {} is invalid at line {line}: {why}: fix the file (format: `man mcp-telegram`, \
                 example: /usr/share/doc/mcp-telegram/examples/policy.toml.example)",
                path.display()
            )
        })?;
        // Names are looked up in /etc/passwd and /etc/group only; say so for a name not there.
        let accounts = Accounts::read();
        for (who, _) in &policy.rules {
            let known = match who {
                Who::User(name) => {
                    accounts.passwd.lines().any(|l| l.split(':').next() == Some(name.as_str()))
                }
                Who::Group(name) => {
                    accounts.group.lines().any(|l| l.split(':').next() == Some(name.as_str()))
                }
                Who::Uid(_) | Who::Gid(_) => true,
            };
            if !known {
                tracing::warn!(
                    policy = %path.display(),
                    "the access policy names {who}, which /etc/passwd or /etc/group does not list: \
                     that rule matches nobody (accounts from LDAP or sssd need uid = or gid =)"
                );
            }
        }
        Ok(policy)
    }

    fn parse(text: &str, check: impl Fn(&Grant) -> Result<(), String>) -> Result<Self, (usize, String)> {
        let line = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let file: File = toml::from_str(text)
            .map_err(|e| (e.span().map_or(1, |s| line(s.start)), e.message().to_owned()))?;
        let mut policy = Self::default();
        if let Some(section) = file.default {
            let at = line(section.span().start);
            let section = section.into_inner();
            if section.who().is_some() {
                return Err((
                    at,
                    "[default] applies to everyone: move uid, user, gid or group into a [[client]]".into(),
                ));
            }
            let grant = section.grant("[default]".into());
            check(&grant).map_err(|why| (at, why))?;
            policy.default = Some(grant);
        }
        for client in file.client {
            let at = line(client.span().start);
            let section = client.into_inner();
            let who = match section.who() {
                Some(Ok(who)) => who,
                Some(Err(why)) => return Err((at, why)),
                None => return Err((at, "a [[client]] needs exactly one of uid, user, gid or group".into())),
            };
            let grant = section.grant(who.to_string());
            check(&grant).map_err(|why| (at, why))?;
            policy.rules.push((who, grant));
        }
        Ok(policy)
    }

    /// What the policy grants a peer (`None`: credentials unknown, treated as no match).
    pub fn grant(&self, peer: Option<Peer>) -> Grant {
        let accounts = Accounts::read();
        let found = peer.and_then(|p| self.rules.iter().find(|(who, _)| accounts.matches(who, p)));
        match (found, &self.default) {
            (Some((_, grant)), _) => grant.clone(),
            (None, Some(default)) => default.clone(),
            (None, None) => Grant { label: "no policy entry".into(), ..Grant::default() },
        }
    }
}

impl std::fmt::Display for Who {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Uid(uid) => write!(f, "uid {uid}"),
            Self::User(name) => write!(f, "user {name}"),
            Self::Gid(gid) => write!(f, "gid {gid}"),
            Self::Group(name) => write!(f, "group {name}"),
        }
    }
}

/// `/etc/passwd` and `/etc/group`, read when a client connects (users and groups change).
struct Accounts {
    passwd: String,
    group: String,
}

impl Accounts {
    fn read() -> Self {
        Self::from_files(Path::new("/etc/passwd"), Path::new("/etc/group"))
    }

    fn from_files(passwd: &Path, group: &Path) -> Self {
        let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
        Self { passwd: read(passwd), group: read(group) }
    }

    fn user_name(&self, uid: u32) -> Option<&str> {
        self.passwd_entry(uid).map(|(name, _)| name)
    }

    /// A uid's name and primary gid from `/etc/passwd`.
    fn passwd_entry(&self, uid: u32) -> Option<(&str, Option<u32>)> {
        let uid = uid.to_string();
        self.passwd.lines().find_map(|line| {
            let mut f = line.split(':');
            let name = f.next()?;
            (f.nth(1)? == uid).then(|| (name, f.next().and_then(|g| g.parse().ok())))
        })
    }

    /// Whether a peer is in a group: its process's gid, its user's primary gid in
    /// `/etc/passwd`, or an entry in the group's member list.
    fn in_group(&self, peer: Peer, group: impl Fn(&str, u32) -> bool) -> bool {
        let (name, primary) = self.passwd_entry(peer.uid).map_or((None, None), |(n, g)| (Some(n), g));
        self.group.lines().any(|line| {
            let f: Vec<&str> = line.split(':').collect();
            let (Some(gname), Some(gid)) = (f.first(), f.get(2).and_then(|g| g.parse::<u32>().ok())) else {
                return false;
            };
            let member = gid == peer.gid
                || primary == Some(gid)
                || name.is_some_and(|n| f.get(3).is_some_and(|m| m.split(',').any(|u| u.trim() == n)));
            member && group(gname, gid)
        })
    }

    fn matches(&self, who: &Who, peer: Peer) -> bool {
        match who {
            Who::Uid(uid) => *uid == peer.uid,
            Who::User(name) => self.user_name(peer.uid) == Some(name.as_str()),
            Who::Gid(gid) => *gid == peer.gid || self.in_group(peer, |_, g| g == *gid),
            Who::Group(name) => self.in_group(peer, |n, _| n == name),
        }
    }
}

/// The policy file an owner uses: the configured path, or none.
pub fn load_configured(
    path: Option<&PathBuf>,
    check: impl Fn(&Grant) -> Result<(), String>,
) -> anyhow::Result<Policy> {
    match path {
        Some(path) => Policy::load(path, check),
        None => Ok(Policy::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(_: &Grant) -> Result<(), String> {
        Ok(())
    }

    #[test]
    fn errors_name_the_line() {
        let (line, why) = Policy::parse("[default]\ntools = \"core\"\ntool = 1\n", ok).unwrap_err();
        assert_eq!(line, 3);
        assert!(why.contains("unknown field `tool`"), "{why}");
        let (line, why) = Policy::parse("[[client]]\nuid = 1\nuser = \"a\"\n", ok).unwrap_err();
        assert_eq!((line, why.contains("exactly one")), (1, true), "{why}");
        let (line, why) = Policy::parse("[[client]]\ntools = \"all\"\n", ok).unwrap_err();
        assert_eq!((line, why.contains("exactly one")), (1, true), "{why}");
        let (line, why) = Policy::parse("\n[default]\nuid = 0\n", ok).unwrap_err();
        assert_eq!((line, why.contains("move uid")), (2, true), "{why}");
        let text = "[default]\nread_only = true\n\n[[client]]\nuid = 5\ntools = \"bogus\"\n";
        let check = |g: &Grant| if g.tools.as_deref() == Some("bogus") { Err("bad".into()) } else { Ok(()) };
        assert_eq!(Policy::parse(text, check).unwrap_err(), (4, "bad".to_owned()));
        let (line, _) = Policy::parse("[default\n", ok).unwrap_err();
        assert_eq!(line, 1);
    }

    #[test]
    fn the_packaged_example_is_a_valid_policy() {
        let text = include_str!("../packaging/policy.toml.example");
        let check = |g: &Grant| crate::mcp::Scope::resolve(&Default::default(), g).map(drop);
        let policy = Policy::parse(text, check).unwrap();
        assert_eq!(policy.rules.len(), 3);
        assert!(policy.default.as_ref().is_some_and(|d| d.read_only));
    }

    #[test]
    fn peers_match_by_uid_user_and_group_else_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let (passwd, group) = (dir.path().join("passwd"), dir.path().join("group"));
        std::fs::write(&passwd, "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n")
            .unwrap();
        std::fs::write(&group, "root:x:0:\nalice:x:1000:\nops:x:2000:alice,bob\n").unwrap();
        let accounts = Accounts::from_files(&passwd, &group);
        let alice = Peer { uid: 1000, gid: 1000 };
        assert!(accounts.matches(&Who::User("alice".into()), alice));
        assert!(accounts.matches(&Who::Group("ops".into()), alice), "a listed member");
        assert!(accounts.matches(&Who::Gid(2000), alice));
        assert!(!accounts.matches(&Who::Group("ops".into()), Peer { uid: 0, gid: 0 }));
        assert!(accounts.matches(&Who::Group("root".into()), Peer { uid: 0, gid: 0 }), "the process's group");
        let switched = Peer { uid: 1000, gid: 2000 };
        assert!(accounts.matches(&Who::Group("alice".into()), switched), "the passwd primary group after sg");
        let policy =
            Policy::parse("[default]\nread_only = true\n[[client]]\nuid = 0\ntools = \"all\"\n", ok).unwrap();
        assert_eq!(policy.grant(Some(Peer { uid: 0, gid: 0 })).tools.as_deref(), Some("all"));
        assert!(policy.grant(Some(Peer { uid: 4242, gid: 4242 })).read_only);
        assert!(policy.grant(None).read_only, "unknown credentials get the default");
        assert_eq!(
            Policy::default().grant(None),
            Grant { label: "no policy entry".into(), ..Grant::default() }
        );
    }
}
