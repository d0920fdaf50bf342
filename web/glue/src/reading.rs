//! The reading staff chose, as the first module hands it to the second.

use std::rc::Rc;

use recdesk_record::transfer::{self, TransferError};
use recdesk_record::{ReadOutcome, Record};

/// A reading shared without copying; equal when it is the same reading.
#[derive(Clone, Debug)]
pub struct SharedReading(pub Rc<ReadOutcome>);

impl PartialEq for SharedReading {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The one patient's record staff chose, as a reading with only that record (the others an input
/// held are dropped here), shared between screens without copying. Equal when the same reading.
#[derive(Clone, Debug, PartialEq)]
pub struct ChosenRecord(SharedReading);

impl ChosenRecord {
    /// The reading narrowed to its `index`th record; None when there is no such record.
    pub fn choose(reading: &ReadOutcome, index: usize) -> Option<ChosenRecord> {
        let record = reading.records.get(index)?.clone();
        Some(ChosenRecord(SharedReading(Rc::new(ReadOutcome {
            format: reading.format,
            records: vec![record],
            messages: reading.messages.clone(),
            verifications: reading.verifications.clone(),
            diagnostics: reading.diagnostics.clone(),
        }))))
    }

    pub fn record(&self) -> &Record {
        &self.0.0.records[0]
    }

    pub fn reading(&self) -> &ReadOutcome {
        &self.0.0
    }

    /// The bytes [`ChosenRecord::from_hand_over`] reads back in the other module.
    pub fn hand_over(&self) -> Vec<u8> {
        transfer::encode(self.reading())
    }

    /// The record [`ChosenRecord::hand_over`] gave; an error unless it holds exactly one record.
    pub fn from_hand_over(bytes: &[u8]) -> Result<ChosenRecord, TransferError> {
        let reading = transfer::decode(bytes)?;
        if reading.records.len() != 1 {
            return Err(TransferError::new(format!("it holds {} records, not one", reading.records.len())));
        }
        Ok(ChosenRecord(SharedReading(Rc::new(reading))))
    }
}

/// "1 dose", "3 doses".
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use recdesk_record::{Format, Located, Location, PersonName};
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn reading(patients: &[&str]) -> ReadOutcome {
        let records = patients
            .iter()
            .enumerate()
            .map(|(i, family)| {
                let mut record = Record { message: i as u32 + 1, ..Record::default() };
                let at = Location::Json { document: i as u32 + 1, pointer: "/name/0".into() };
                record
                    .patient
                    .names
                    .push(Located::new(PersonName { family: (*family).into(), ..PersonName::default() }, at));
                record
            })
            .collect();
        ReadOutcome { format: Format::FhirJson, records, ..ReadOutcome::default() }
    }

    #[wasm_bindgen_test]
    fn the_chosen_record_crosses_to_the_other_module_whole() {
        let chosen = ChosenRecord::choose(&reading(&["Lee", "Müller"]), 1).expect("a record");
        let back = ChosenRecord::from_hand_over(&chosen.hand_over()).expect("read back");
        assert_eq!(back.reading(), chosen.reading());
        assert_eq!(back.record().patient.names[0].value.family, "Müller");
        assert_eq!(back.record().patient.names[0].at.to_string(), "document 2, /name/0");
    }

    #[wasm_bindgen_test]
    fn a_hand_over_must_hold_exactly_one_record() {
        let two = transfer::encode(&reading(&["Lee", "Müller"]));
        assert!(ChosenRecord::from_hand_over(&two).is_err());
        assert!(ChosenRecord::from_hand_over(&transfer::encode(&reading(&[]))).is_err());
        assert!(ChosenRecord::choose(&reading(&["Lee"]), 1).is_none());
    }
}
