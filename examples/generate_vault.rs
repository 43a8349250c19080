//! Writes the benchmarks' generated workspace to a folder, to measure by hand:
//! `cargo run --release --example generate_vault -- <folder> <notes> [index lines]`.

#[path = "../benches/support.rs"]
mod support;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(folder), Some(notes)) = (args.next(), args.next()) else {
        eprintln!("usage: generate_vault <folder> <notes> [index lines]");
        std::process::exit(2);
    };
    let notes: usize = notes.parse().expect("<notes> is a number");
    let lines: usize = args
        .next()
        .map_or(2_000, |l| l.parse().expect("[index lines] is a number"));
    support::vault(std::path::Path::new(&folder), notes, lines);
    println!("{notes} notes written to {folder}");
}
