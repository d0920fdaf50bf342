//! Made-up records for warming up a host: a browser compiles WebAssembly code on its first call
//! and optimises it only once it has run a while, so reading these a few times while staff are
//! busy elsewhere makes the first real paste fast. They name no one.

/// Doses in the made-up message: enough that the per-dose code runs often.
const DOSES: usize = 12;

/// A VXU with a patient, a mother, an order and [`DOSES`] doses with route, funding and VIS rows,
/// and a FHIR bundle with a patient and two immunizations: the segments and resources records
/// usually have.
pub fn warm_up_inputs() -> [String; 2] {
    let mut hl7 = String::from(
        "MSH|^~\\&|EHR|CLINIC|IIS|MDH|20240101120000||VXU^V04^VXU_V04|W1|P|2.5.1|||ER|AL\r\
         PID|1||W1^^^CLINIC^MR||Sample^Warm^A||20200101|F||2106-3^White^CDCREC|1 Main St^^Town^MN^55401^USA^L||^PRN^PH^^^612^5550100\r\
         PD1|||||||||||02^Reminder^HL70215|N|20240101|||A|20240101|20240101\r\
         NK1|1|Sample^Parent^^^^^L|MTH^Mother^HL70063\r",
    );
    for dose in 0..DOSES {
        let (cvx, name) = [("08", "HepB"), ("20", "DTaP"), ("10", "IPV"), ("03", "MMR")][dose % 4];
        hl7.push_str(&format!(
            "ORC|RE||W{dose}^CLINIC|||||||^Nurse^Nora\r\
             RXA|0|1|2024{month:02}01|2024{month:02}01|{cvx}^{name}^CVX|0.5|mL^mL^UCUM||00^New record^NIP001|^Doctor^Dee||||L{dose}|20251231|MSD^Merck^MVX|||CP|A\r\
             RXR|C28161^Intramuscular^NCIT|LT^Left Thigh^HL70163\r\
             OBX|1|CE|64994-7^Funding eligibility^LN|1|V02^VFC eligible^HL70064||||||F\r\
             OBX|2|CE|30956-7^Vaccine type^LN|2|{cvx}^{name}^CVX||||||F\r\
             OBX|3|TS|29768-9^VIS published^LN|2|20230101||||||F\r",
            month = dose % 12 + 1,
        ));
    }
    let fhir = r#"{"resourceType":"Bundle","type":"collection","entry":[
{"resource":{"resourceType":"Patient","id":"p","name":[{"family":"Sample","given":["Warm"]}],"birthDate":"2020-01-01","gender":"female"}},
{"resource":{"resourceType":"Immunization","status":"completed","patient":{"reference":"Patient/p"},
"vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"08"}]},"occurrenceDateTime":"2024-01-01","lotNumber":"L1"}},
{"resource":{"resourceType":"Immunization","status":"completed","patient":{"reference":"Patient/p"},
"vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"20"}]},"occurrenceDateTime":"2024-03-01"}}]}"#;
    [hl7, fhir.to_owned()]
}

#[cfg(test)]
mod tests {
    use recdesk_record::Severity;

    use crate::{ReadContext, TrustStore, read};

    #[test]
    fn the_warm_up_inputs_are_real_records_read_cleanly() {
        let [hl7, fhir] = super::warm_up_inputs();
        let trust = TrustStore::empty();
        for (input, doses) in [(hl7, super::DOSES), (fhir, 2)] {
            let intake = read(input.as_bytes(), &ReadContext { now_unix_seconds: 1_764_000_000, trust: &trust });
            let outcome = &intake.outcome;
            assert_eq!(outcome.records.len(), 1, "{input}");
            assert_eq!(outcome.records[0].immunizations.len(), doses, "{input}");
            let errors: Vec<_> = outcome.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
            assert!(errors.is_empty(), "{errors:?}");
        }
    }
}
