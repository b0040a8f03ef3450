//! The `threadesk` binary.

fn main() {
    println!("threadesk {}", env!("CARGO_PKG_VERSION"));
}
