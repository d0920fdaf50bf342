//! Times `TrustStore::bundled()`: `cargo run --release -p recdesk-shc --example load_directory`.

use std::time::Instant;

use recdesk_shc::TrustStore;

fn main() {
    let runs = 50;
    let mut times = Vec::with_capacity(runs);
    let mut keys = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let store = TrustStore::bundled();
        times.push(start.elapsed());
        keys = store.key_count();
    }
    times.sort();
    println!(
        "TrustStore::bundled(): {keys} keys; median {:.2?}, fastest {:.2?}, slowest {:.2?} over {runs} runs",
        times[runs / 2],
        times[0],
        times[runs - 1]
    );
}
