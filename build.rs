//! Links the executable without PIE: its many static tables then need no load-time
//! relocations, so a thin client does not dirty megabytes of pages just by starting.
fn main() {
    println!("cargo:rustc-link-arg-bins=-no-pie");
}
