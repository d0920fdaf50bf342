//! The browser app hands readings between its modules as bytes (`recdesk_record::transfer`): the
//! reader module's answer to the first screen, the chosen reading to the desk. A field or location lost there would be a dose or a redaction-log
//! line silently dropped, so every fixture of every reader, and the shared corpus, must come back
//! equal, locations included.

#[path = "support/inputs.rs"]
mod inputs;

use inputs::{every_input, workspace};
use recdesk_record::transfer;

const EXAMPLE_ISSUER: &str = "https://spec.smarthealth.cards/examples/issuer";
const NOW: i64 = 1_764_000_000;

#[test]
fn every_fixture_and_corpus_reading_survives_the_hand_over() {
    let mut trust = recdesk_intake::TrustStore::bundled();
    let jwks = std::fs::read_to_string(workspace().join("crates/intake/tests/fixtures/example-issuer.jwks"))
        .expect("the example issuer's keys");
    trust.add_issuer_jwks(EXAMPLE_ISSUER, &jwks).expect("valid keys");
    let context = recdesk_intake::ReadContext { now_unix_seconds: NOW, trust: &trust };

    let inputs = every_input();

    let (mut records, mut doses, mut located) = (0, 0, 0);
    for input in &inputs {
        let bytes = std::fs::read(input).expect("a fixture");
        let intake = recdesk_intake::read(&bytes, &context);
        // The whole of intake's answer, as the reader module hands it to the first screen.
        let intake_back: recdesk_intake::Intake = transfer::from_bytes(&transfer::to_bytes(&intake))
            .unwrap_or_else(|problem| panic!("{}: {problem}", input.display()));
        assert_eq!(intake_back, intake, "{}", input.display());
        let reading = intake.outcome;
        let back = transfer::decode(&transfer::encode(&reading))
            .unwrap_or_else(|problem| panic!("{}: {problem}", input.display()));
        assert_eq!(back, reading, "{}", input.display());
        records += reading.records.len();
        doses += reading.records.iter().map(|r| r.immunizations.len()).sum::<usize>();
        located += reading.records.iter().map(|r| r.locations().len()).sum::<usize>();
    }
    // The sweep must have covered real readings, not only inputs that read as nothing.
    assert!(inputs.len() >= 80, "{} inputs", inputs.len());
    assert!(records >= 100 && doses >= 200 && located >= 2000, "{records} records, {doses} doses, {located} locations");
}
