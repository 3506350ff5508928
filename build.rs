//! Links the executable without PIE: its many static tables then need no load-time
//! relocations, so a thin client does not dirty megabytes of pages just by starting.
fn main() {
    // Only this file decides; without the line, any change in the package would relink.
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-link-arg-bins=-no-pie");
}
