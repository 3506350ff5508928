//! The one integration-test binary: every test drives real code (the sandbox with the real
//! grammers client over TCP, or the built `mcp-telegram` binary) the way a user would.

// Test helpers outside #[test] fns unwrap too: a failed setup is a failed test.
#![allow(clippy::unwrap_used)]

mod admin;
mod anchor;
mod bad_input;
mod bots;
mod business;
mod compose;
mod config_errors;
mod contacts;
mod folders;
mod login;
mod media;
mod messages;
mod peer_cache;
mod pty;
mod python_clients;
mod reactions;
mod resilience;
mod roles;
mod sandbox;
mod sandbox_cli;
mod sandbox_login;
mod sandbox_media;
mod sandbox_updates;
mod scope;
mod secrets;
mod stories;
mod support;
mod systemd;
mod updates;
mod window;
