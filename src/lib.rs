//! mcp-telegram: an MCP server for a Telegram user account that shares one MTProto connection
//! between every MCP window. The library holds everything the binary runs, so integration
//! tests exercise exactly the shipped code; `main.rs` only parses the command line.

pub mod cli;
pub mod modes;
pub mod sandbox;
