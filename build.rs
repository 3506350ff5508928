//! Links the executable without PIE and with lazy binding: a thin client (one process per
//! MCP window) then dirties fewer pages and maps fewer library pages just by starting.
fn main() {
    // Only this file decides; without the line, any change in the package would relink.
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-link-arg-bins=-no-pie");
    // Lazy binding (after rustc's `-z now`, so it wins): a thin client resolves only the
    // libc symbols it calls instead of all ~190 at start, which keeps about 0.5 MiB of
    // library pages out of its resident memory (the roles benchmark's 4 MiB budget). The
    // price is a writable .got.plt (partial RELRO); the service unit's sandboxing stays.
    println!("cargo:rustc-link-arg-bins=-Wl,-z,lazy");
}
