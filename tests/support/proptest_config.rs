//! The property tests' configuration, included with `#[path]` by each crate's property tests.

use proptest::test_runner::{Config as ProptestConfig, RngSeed};

/// `cases` runs from a fixed `seed`, so a run is the same every time, unless PROPTEST_RNG_SEED
/// (another seed) or PROPTEST_CASES (more or fewer cases) says otherwise. No failure files are
/// written into the source tree.
pub fn deterministic(cases: u32, seed: u64) -> ProptestConfig {
    let mut config = ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(seed);
    }
    if let Some(cases) = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()) {
        config.cases = cases;
    }
    config
}
