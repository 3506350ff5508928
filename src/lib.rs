//! mcp-telegram: an MCP server for a Telegram user account that shares one MTProto connection
//! between every MCP window. The library holds everything the binary runs, so integration
//! tests exercise exactly the shipped code; `main.rs` only parses the command line.

pub mod admin;
pub mod cli;
pub mod config;
pub mod files;
pub mod ipc;
pub mod lock;
pub mod mcp;
pub mod model;
pub mod modes;
pub mod owner;
pub mod policy;
pub mod relay;
pub mod sandbox;
pub mod systemd;

/// This build's version, as reported to MCP clients and IPC peers.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
