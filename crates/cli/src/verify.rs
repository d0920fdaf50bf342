//! `recdesk verify`: the release decision an answers file gives for every patient in a record,
//! made by the same function the app's questions use, with what the release will say.

use std::fmt::Write as _;

use recdesk_access::{AnswersFile, Attestation, ClinicSettings, Decision, Outcome, ReleaseTime};
use recdesk_record::{PartialDate, ReadOutcome};
use serde::Serialize;

/// Reads `--answers FILE`.
pub fn answers_file(path: &str) -> Result<AnswersFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: could not be read: {e}"))?;
    AnswersFile::parse(&text).map_err(|e| format!("{path}: {e}"))
}

/// Reads `--settings FILE`: every key known and every value valid, or nothing is used. Without
/// the option, the safe defaults.
pub fn settings_file(path: Option<&str>) -> Result<ClinicSettings, String> {
    let Some(path) = path else { return Ok(ClinicSettings::default()) };
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: could not be read: {e}"))?;
    ClinicSettings::parse(&text).map_err(|e| format!("{path}: the settings were not used: {e}"))
}

/// One patient's decision.
#[derive(Serialize)]
pub struct PatientDecision {
    /// 1-based position among the input's records.
    pub patient: usize,
    pub decision: Decision,
    /// The copies it allows, by their `--for` names.
    pub allowed_copies: Vec<&'static str>,
    /// The doses held back, named with every vaccine group each withholds.
    pub held_doses: Vec<String>,
    pub attestation: Attestation,
}

/// The decision for every patient in `outcome` (or, with none, for a request with no record).
pub fn decide_each(
    file: &AnswersFile,
    outcome: &ReadOutcome,
    settings: &ClinicSettings,
    released_at: ReleaseTime,
) -> Result<Vec<PatientDecision>, String> {
    let today: PartialDate = released_at.date();
    let records: Vec<Option<&recdesk_record::Record>> =
        if outcome.records.is_empty() { vec![None] } else { outcome.records.iter().map(Some).collect() };
    records
        .into_iter()
        .enumerate()
        .map(|(index, record)| {
            let (decision, attestation) =
                file.decide(record, today, settings, released_at).map_err(|e| format!("--answers: {e}"))?;
            let mut held: Vec<recdesk_record::Location> =
                decision.held_for_review.as_ref().map(|r| r.doses.clone()).unwrap_or_default();
            held.extend(decision.not_the_minors.iter().cloned());
            let held_doses = record.map(|r| recdesk_report::held_doses(r, &held)).unwrap_or_default();
            let allowed_copies = decision.allowed_recipients().into_iter().map(recipient_name).collect();
            Ok(PatientDecision { patient: index + 1, decision, allowed_copies, held_doses, attestation })
        })
        .collect()
}

/// The `--for` name of a copy.
pub fn recipient_name(recipient: recdesk_redact::Recipient) -> &'static str {
    match recipient {
        recdesk_redact::Recipient::Patient => "patient",
        recdesk_redact::Recipient::School => "school",
        recdesk_redact::Recipient::Provider => "provider",
        recdesk_redact::Recipient::DoseCounts => "dose-counts",
    }
}

/// The decisions in words, a block per patient.
pub fn render(decisions: &[PatientDecision]) -> String {
    let mut out = String::new();
    let count = decisions.len();
    for patient in decisions {
        let decision = &patient.decision;
        let _ = writeln!(out, "Patient {} of {count}", patient.patient);
        let _ = writeln!(out, "  Decision:      {}", decision.outcome.label());
        match &decision.outcome {
            Outcome::Refer { why, .. } => {
                let _ = writeln!(out, "  Why:           {why}");
            }
            Outcome::Deny { why, bring_next_time } => {
                let _ = writeln!(out, "  Why:           {why}");
                for item in bring_next_time {
                    let _ = writeln!(out, "  Bring:         {item}");
                }
            }
            Outcome::ReleaseFull | Outcome::ReleaseRedacted { .. } => {
                let _ = writeln!(out, "  Copies:        {}", patient.allowed_copies.join(", "));
            }
        }
        let _ = writeln!(out, "  Explanation:   {}", decision.explanation);
        let _ = writeln!(out, "  Basis:         {}", decision.basis.join("; "));
        if let Some(notice) = decision.notice {
            let _ = writeln!(out, "  Notice:        {notice}");
        }
        if decision.delivery == recdesk_access::Delivery::MailedToThePatientsAddress {
            let _ = writeln!(out, "  Delivery:      {}", patient.attestation.delivery_text());
        }
        if decision.address_withheld {
            let _ = writeln!(out, "  Addresses:     left off every copy (an order for protection or Safe at Home)");
        }
        if let Some(review) = &decision.held_for_review {
            let _ = writeln!(out, "  Held for a clinician ({}): {}", review.doses.len(), review.why);
        }
        if !decision.not_the_minors.is_empty() {
            let _ = writeln!(
                out,
                "  Only the doses the minor consented to alone: {} other dose(s) withheld",
                decision.not_the_minors.len()
            );
        }
        for dose in &patient.held_doses {
            let _ = writeln!(out, "    {dose}");
        }
        if let Some(clinician) = &decision.held_doses_released_by {
            let _ = writeln!(out, "  Held doses released by clinician: {clinician}");
        }
        if decision.needs_chart_note() {
            let _ = writeln!(
                out,
                "  Chart note:    released without consent; document it in the chart (Minn. Stat. §144.293 subd. 9)"
            );
        }
        if decision.outcome.is_release() {
            let a = &patient.attestation;
            let _ = writeln!(out, "  The release will say:");
            let _ = writeln!(out, "    Released by   {}", a.released_by);
            let _ = writeln!(out, "    Released on   {}", a.released_at);
            let _ = writeln!(out, "    Requester     {}", a.requester);
            let evidence = if a.evidence_seen.is_empty() { "none".to_owned() } else { a.evidence_seen.join("; ") };
            let _ = writeln!(out, "    Evidence      {evidence}");
            if let Some(purpose) = a.purpose {
                let _ = writeln!(out, "    For           {purpose}");
            }
            if !a.settings.is_empty() {
                let _ = writeln!(out, "    Settings      {}", a.settings.join("; "));
            }
        }
    }
    out
}

/// The copy `report --answers` prints: each patient's part redacted under that patient's
/// decision (its held doses withheld), a line for each patient the decision refuses, and the
/// release's attestation. `recipient` is `--for`; without it, each decision's own copy. Patients
/// whose decisions differ (another copy, basis or delivery) cannot share one report.
pub fn released_copy(
    decisions: &[PatientDecision],
    outcome: &ReadOutcome,
    recipient: Option<recdesk_redact::Recipient>,
) -> Result<(recdesk_redact::Redacted, Attestation, Vec<String>), String> {
    let mut released: Vec<(&PatientDecision, recdesk_redact::Recipient)> = Vec::new();
    let mut refused = Vec::new();
    for patient in decisions {
        match given_copy(&patient.decision, recipient) {
            Ok(copy) => released.push((patient, copy)),
            Err(why) => refused.push((patient.patient, why)),
        }
    }
    let Some((first, copy)) = released.first().copied() else {
        let reasons: Vec<String> = refused.iter().map(|(n, why)| format!("patient {n}: {why}")).collect();
        return Err(format!("nothing may be released under these answers: {}", reasons.join("; ")));
    };
    // One report, one release: the same copy under the same profile, and an attestation that says
    // the same of each (a clinician's release, a delivery, the basis), its "data as of" aside.
    let attested = |patient: &PatientDecision| Attestation { data_as_of: None, ..patient.attestation.clone() };
    let same = |(patient, other): &(&PatientDecision, recdesk_redact::Recipient)| {
        *other == copy
            && patient.decision.profile_for(copy) == first.decision.profile_for(copy)
            && attested(patient) == attested(first)
    };
    if !released.iter().all(same) {
        return Err("the patients in this input get different decisions under these answers (run `recdesk verify`); \
                    report them one input at a time"
            .to_owned());
    }
    let mut merged: Option<recdesk_redact::Redacted> = None;
    for (patient, copy) in &released {
        let one = ReadOutcome {
            records: vec![outcome.records[patient.patient - 1].clone()],
            verifications: outcome.verifications.clone(),
            diagnostics: outcome.diagnostics.clone(),
            ..ReadOutcome::default()
        };
        let part =
            recdesk_redact::redact(&one, &patient.decision.profile_for(*copy), &patient.decision.staff_redactions());
        merged = Some(match merged {
            None => part,
            Some(mut all) => {
                all.records.extend(part.records);
                all.redactions.extend(part.redactions);
                all.dose_counts.extend(part.dose_counts);
                all.blocked.extend(part.blocked);
                all
            }
        });
    }
    let mut redacted = merged.ok_or("nothing was released")?;
    // The paper says only that a record was not released: why is the desk's to say (a reason can
    // tell of care held back from this requester).
    redacted.blocked.extend(refused.iter().map(|(record, _)| recdesk_redact::BlockedRecord {
        record: *record,
        reason: "not released under this request".to_owned(),
    }));
    let mut attestation = first.attestation.clone();
    attestation.data_as_of = released.iter().filter_map(|(patient, _)| patient.attestation.data_as_of).max();
    let notes = refused.into_iter().map(|(n, why)| format!("patient {n}: {why}")).collect();
    Ok((redacted, attestation, notes))
}

/// Why the decision gives the patient no copy (`asked` is `--for`; without it, the decision's
/// own copy), or None when it gives one.
pub fn refused(decision: &Decision, asked: Option<recdesk_redact::Recipient>) -> Option<String> {
    given_copy(decision, asked).err()
}

/// The copy the decision gives, or why it gives none.
fn given_copy(
    decision: &Decision,
    asked: Option<recdesk_redact::Recipient>,
) -> Result<recdesk_redact::Recipient, String> {
    let copy = asked.or_else(|| decision.least_redacted());
    copy.filter(|copy| decision.permits(*copy)).ok_or_else(|| refusal(decision, asked))
}

/// Why a patient gets no copy under the decision.
fn refusal(decision: &Decision, asked: Option<recdesk_redact::Recipient>) -> String {
    match &decision.outcome {
        Outcome::Deny { why, .. } | Outcome::Refer { why, .. } => {
            format!("not released ({}): {why}", decision.outcome.label())
        }
        Outcome::ReleaseFull | Outcome::ReleaseRedacted { .. } => format!(
            "the decision allows {}, not {}",
            decision.allowed_recipients().into_iter().map(recipient_name).collect::<Vec<_>>().join(", "),
            asked.map_or("that copy", recipient_name)
        ),
    }
}
