//! From the redacted copy and the attestation to the report's sections.

use recdesk_access::{Attestation, Delivery};
use recdesk_cdsi::Date;
use recdesk_codes::VaccineGroup;
use recdesk_record::{
    Address, ClinicalObservation, DoseStatus, Immunization, InformationSource, InsuranceKind, Located, PartialDate,
    Record,
};
use recdesk_redact::{Recipient, Redacted};

use crate::answers::{RecordAnswers, StatusRequest, record_answers};
use crate::catalogue;
use crate::{Block, Column, Field, Labels, Language, Metadata, Report, Section, Table};

/// The report of a redacted copy, in `language` (a second language only on the patient's copy),
/// with the answers computed from the copy that its recipient may have (school status for
/// `request`'s grade).
pub fn build(redacted: &Redacted, attestation: &Attestation, request: StatusRequest, language: &Language) -> Report {
    build_with(redacted, attestation, request, &language.labels_for(redacted.profile))
}

/// Only the records' sections of the report (identity, immunizations by vaccine group, the
/// record's own forecast, clinical items) as read, without the answers computed from a copy, the
/// withheld counts, source checks and release: a record on screen beside the copy.
pub fn records(redacted: &Redacted, language: &Language) -> Vec<Section> {
    records_with(redacted, None, &language.labels_for(redacted.profile))
}

fn records_with(redacted: &Redacted, asked: Option<(StatusRequest, Date)>, labels: &Labels) -> Vec<Section> {
    let count = redacted.records.len();
    let allowed = recdesk_redact::computed_answers(redacted.profile, &redacted.settings);
    // Confirmed as a child's full history only when the copy holds that one record.
    let asked =
        asked.map(|(request, on)| (StatusRequest { full_history: request.full_history && count == 1, ..request }, on));
    let mut sections = Vec::new();
    for (index, record) in redacted.records.iter().enumerate() {
        let heading = if count > 1 {
            labels.patient_numbered.replace("{number}", &(index + 1).to_string()).replace("{count}", &count.to_string())
        } else {
            labels.patient.to_string()
        };
        let withheld = redacted.withheld_doses.get(index);
        let answers =
            asked.and_then(|(request, on)| record_answers(record, withheld, redacted.profile, allowed, request, on));
        sections.extend(record_sections(record, heading, answers.as_ref(), labels));
    }
    sections
}

/// The release's date as the engine takes it.
fn release_date(attestation: &Attestation) -> Option<Date> {
    let date = attestation.released_at.date();
    Date::new(i32::from(date.year), u32::from(date.month?), u32::from(date.day?))
}

/// The report with the given words (a language's [`Labels`], or a test's).
pub fn build_with(redacted: &Redacted, attestation: &Attestation, request: StatusRequest, labels: &Labels) -> Report {
    let title = if redacted.profile == Recipient::DoseCounts { &*labels.title_summary } else { &*labels.title };
    let asked = release_date(attestation).map(|on| (request, on));
    let mut sections = records_with(redacted, asked, labels);
    if !redacted.blocked.is_empty() {
        let fields = redacted
            .blocked
            .iter()
            .map(|b| field(labels.record_numbered.replace("{number}", &b.record.to_string()), b.reason.clone()))
            .collect();
        sections.push(Section { heading: labels.not_released.to_string(), blocks: vec![Block::Fields(fields)] });
    }
    if redacted.profile == Recipient::DoseCounts {
        let rows = redacted
            .dose_counts
            .iter()
            .map(|row| {
                let year = row.year.map_or_else(|| labels.no_date.to_string(), |y| y.to_string());
                vec![row.vaccine_group.label().to_owned(), year, row.doses.to_string()]
            })
            .collect();
        let table = Table {
            caption: None,
            columns: columns(&[(&*labels.vaccine_group, 5.0), (&*labels.year, 2.0), (&*labels.doses, 1.5)]),
            rows,
        };
        sections.push(Section { heading: labels.summary.to_string(), blocks: vec![Block::Table(table)] });
    }
    sections.push(withheld_section(redacted, labels));
    if !redacted.verifications.is_empty() {
        let fields = redacted
            .verifications
            .iter()
            .map(|v| {
                let mut value = v.status.label().to_owned();
                if let Some(name) = &v.issuer_name {
                    value = format!("{value}; {}", labels.issued_by.replace("{name}", &plain(name.clone())));
                }
                worded(labels.card_numbered.replace("{number}", &v.document.to_string()), value)
            })
            .collect();
        sections.push(Section { heading: labels.source_checks.to_string(), blocks: vec![Block::Fields(fields)] });
    }
    sections.push(release_section(redacted, attestation, labels));
    let banner = labels.banner(redacted.profile).to_owned();
    // A mailed copy's envelope address comes from the copy (its profile carries the address then).
    let mail_to = match attestation.delivery {
        Delivery::MailedToThePatientsAddress => {
            redacted.records.first().and_then(mailing_lines).map(|lines| lines.into_iter().map(plain).collect())
        }
        Delivery::AtTheDesk => None,
    };
    Report { mail_to, ..paper(title, banner, &labels.footer, sections, attestation, labels) }
}

/// A report's paper: its title and banner (also its file's metadata), its sections, and the
/// footer (`{time}` filled), page label and running header every page carries. No envelope block.
fn paper(
    title: &str,
    banner: String,
    footer: &str,
    sections: Vec<Section>,
    attestation: &Attestation,
    labels: &Labels,
) -> Report {
    Report {
        title: title.to_owned(),
        footer: footer.replace("{time}", &attestation.released_at.to_string()),
        page_label: labels.page.to_string(),
        running_header: labels.running_header.replace("{title}", title),
        continued: labels.continued.to_string(),
        metadata: Metadata {
            title: title.to_owned(),
            subject: banner.clone(),
            creator: labels.metadata_creator.to_string(),
            created: attestation.released_at,
        },
        banner,
        sections,
        mail_to: None,
        translation: labels.translation.clone(),
    }
}

/// A label and a value from the record, the release or staff.
fn field(label: impl Into<String>, value: impl Into<String>) -> Field {
    Field { label: label.into(), value: plain(value.into()) }
}

/// A label and a value in the report's own words (a translation may follow them), with any part
/// from the record already made `plain`.
fn worded(label: impl Into<String>, value: impl Into<String>) -> Field {
    Field { label: label.into(), value: value.into() }
}

/// A value from the record (or typed by staff) with any `TRANSLATION_BREAK` or
/// `INLINE_TRANSLATION` in it shown as the placeholder: only the report's own words may mark a
/// translation.
pub(crate) fn plain(text: String) -> String {
    if text.contains([crate::TRANSLATION_BREAK, crate::INLINE_TRANSLATION]) {
        text.replace([crate::TRANSLATION_BREAK, crate::INLINE_TRANSLATION], &crate::printable::PLACEHOLDER.to_string())
    } else {
        text
    }
}

pub(crate) fn columns(spec: &[(&str, f32)]) -> Vec<Column> {
    spec.iter().map(|(title, weight)| Column { title: (*title).to_owned(), weight: *weight }).collect()
}

fn date(value: &Option<Located<PartialDate>>) -> String {
    value.as_ref().map_or_else(String::new, |d| d.value.to_string())
}

fn address(address: &Address) -> String {
    let locality = [address.city.as_str(), address.state.as_str(), address.postal_code.as_str()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    address
        .lines
        .iter()
        .map(String::as_str)
        .chain([locality.as_str(), address.country.as_str()])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The chart note for a release made without consent (§144.293 subd. 9): when, to whom, which
/// copy (`printed`), on what basis and by whom, with the patient's name and birth date as
/// `redacted` (the decision's own copy, which names the patient even when the dose counts are
/// printed) holds them, for staff to file or enter in the patient's chart. Never given to the
/// recipient. In English: it is for the clinic's chart.
pub fn chart_note(redacted: &Redacted, printed: Recipient, attestation: &Attestation) -> Report {
    let labels = Labels::ENGLISH;
    let mut fields = Vec::new();
    for record in &redacted.records {
        if let Some(name) = record.patient.names.first() {
            fields.push(field(&*labels.name, name.value.display()));
        }
        fields.push(field(&*labels.birth_date, date(&record.patient.birth_date)));
    }
    fields.extend([
        field(&*labels.released_on, attestation.released_at.to_string()),
        field(&*labels.requester, attestation.requester),
        field(&*labels.copy_printed, printed.label()),
        field(&*labels.evidence, attestation.evidence_seen.join("; ")),
        field(&*labels.basis, attestation.basis.join("; ")),
        field(&*labels.released_by, attestation.released_by.clone()),
    ]);
    let section = Section { heading: labels.chart_note_heading.to_string(), blocks: vec![Block::Fields(fields)] };
    paper(
        &labels.chart_note_title,
        labels.chart_note_banner.to_string(),
        &labels.chart_note_footer,
        vec![section],
        attestation,
        &labels,
    )
}

/// The patient's name and mailing address as an envelope shows them: the name, the street lines,
/// then "City ST ZIP" (and the country, when not the United States). None without both a name
/// and an address with a street or ZIP.
pub fn mailing_lines(record: &Record) -> Option<Vec<String>> {
    let name = record.patient.names.first().map(|n| n.value.display()).filter(|n| !n.trim().is_empty())?;
    let address = Address::for_mail(record.patient.addresses.iter().map(|a| &a.value))?;
    let mut lines = vec![name];
    lines.extend(address.lines.iter().filter(|l| !l.trim().is_empty()).cloned());
    let city = match (address.city.is_empty(), address.state.is_empty()) {
        (false, false) => format!("{}, {}", address.city, address.state),
        _ => format!("{}{}", address.city, address.state),
    };
    let locality = [city.as_str(), address.postal_code.as_str()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !locality.is_empty() {
        lines.push(locality);
    }
    let country = address.country.trim();
    if !country.is_empty() && !["US", "USA", "United States"].iter().any(|us| us.eq_ignore_ascii_case(country)) {
        lines.push(country.to_owned());
    }
    Some(lines)
}

/// The sections of one patient record: identity, immunizations by group, forecast, clinical items.
fn record_sections(record: &Record, heading: String, answers: Option<&RecordAnswers>, labels: &Labels) -> Vec<Section> {
    let mut sections = vec![Section { heading, blocks: vec![Block::Fields(identity(record, labels))] }];
    let validity = answers.filter(|a| a.allowed.dose_validity);
    // The school's question first: the status, then the doses it was worked out from.
    sections.extend(answers.and_then(|a| crate::school::school_section(a, labels)));

    let doses: Vec<(usize, &Immunization)> =
        record.immunizations.iter().enumerate().filter(|(_, d)| d.status != DoseStatus::EnteredInError).collect();
    let mut blocks = Vec::new();
    for group in VaccineGroup::DISPLAY_ORDER {
        let mut in_group: Vec<&(usize, &Immunization)> =
            doses.iter().filter(|(_, d)| d.vaccine_groups.contains(&group)).collect();
        if group == VaccineGroup::Other {
            // A dose the reader could not place in any group is still printed, under Other.
            in_group.extend(doses.iter().filter(|(_, d)| d.vaccine_groups.is_empty()));
        }
        if in_group.is_empty() {
            continue;
        }
        // Date order; undated doses last; the record's order otherwise (a stable sort).
        in_group.sort_by_key(|(_, d)| (d.date.is_none(), d.date.as_ref().map(|d| d.value)));
        let rows = in_group
            .iter()
            .map(|(index, dose)| {
                // Refused and not-given doses are not doses: their status says so.
                let computed =
                    validity.filter(|_| dose.status.counts_as_dose()).and_then(|a| a.dose_text(*index, group, labels));
                dose_row(dose, computed, labels)
            })
            .collect();
        blocks.push(Block::Table(Table {
            caption: Some(labels.group(group)),
            columns: columns(&[
                (&*labels.date, 1.6),
                (&*labels.vaccine, 5.0),
                (&*labels.dose, 1.5),
                (&*labels.source, 1.9),
            ]),
            rows,
        }));
    }
    if blocks.is_empty() {
        blocks.push(Block::Paragraph(labels.no_immunizations.to_string()));
    } else if let Some(answers) = validity {
        blocks.push(Block::Paragraph(labels.dose_numbers_note.replace("{schedule}", &answers.assessment.source)));
    }
    sections.push(Section { heading: labels.immunizations.to_string(), blocks });
    sections.extend(answers.and_then(|a| crate::school::due_next_section(a, labels)));

    if !record.forecast.is_empty() {
        let rows = record
            .forecast
            .iter()
            .map(|row| {
                let code = |c: &Option<Located<recdesk_record::Code>>| {
                    c.as_ref().map_or_else(String::new, |c| c.value.display().to_owned())
                };
                [
                    code(&row.vaccine_group),
                    row.dose_number.as_ref().map_or_else(String::new, |n| n.value.clone()),
                    date(&row.earliest),
                    date(&row.due),
                    date(&row.overdue),
                    date(&row.latest),
                    code(&row.series_status),
                ]
                .into_iter()
                .map(plain)
                .collect()
            })
            .collect();
        let table = Table {
            caption: None,
            columns: columns(&[
                (&*labels.vaccine_group, 3.0),
                (&*labels.dose, 1.0),
                (&*labels.earliest, 1.7),
                (&*labels.due, 1.7),
                (&*labels.overdue, 1.7),
                (&*labels.latest, 1.7),
                (&*labels.status, 1.9),
            ]),
            rows,
        };
        sections.push(Section { heading: labels.forecast.to_string(), blocks: vec![Block::Table(table)] });
    }

    let observations: Vec<&ClinicalObservation> =
        record.observations.iter().chain(doses.iter().flat_map(|(_, d)| &d.observations)).collect();
    if !observations.is_empty() {
        let rows = observations
            .iter()
            .map(|o| {
                let kind = labels.term(&catalogue::observation_key(o.kind), o.kind.label());
                vec![kind, plain(o.value.value.display().to_owned()), date(&o.date)]
            })
            .collect();
        let table = Table {
            caption: None,
            columns: columns(&[(&*labels.kind, 2.5), (&*labels.finding, 5.0), (&*labels.date, 1.6)]),
            rows,
        };
        sections.push(Section { heading: labels.clinical.to_string(), blocks: vec![Block::Table(table)] });
    }
    sections
}

/// The patient's identity: whatever of it the copy holds.
fn identity(record: &Record, labels: &Labels) -> Vec<Field> {
    let patient = &record.patient;
    let mut fields = Vec::new();
    for (index, name) in patient.names.iter().enumerate() {
        let label = if index == 0 { &*labels.name } else { &*labels.other_name };
        fields.push(field(label, name.value.display()));
    }
    if let Some(born) = &patient.birth_date {
        fields.push(field(&*labels.birth_date, born.value.to_string()));
    }
    if let Some(sex) = &patient.sex {
        fields.push(worded(&*labels.sex, sex_label(&plain(sex.value.printed().to_owned()), labels)));
    }
    for each in &patient.addresses {
        fields.push(field(&*labels.address, address(&each.value)));
    }
    for person in &record.related_persons {
        let Some(name) = &person.name else { continue };
        let mut value = name.value.display();
        if let Some(relationship) = person.relationship.as_ref().map(|r| r.value.printed()).filter(|r| !r.is_empty()) {
            value = format!("{value} ({relationship})");
        }
        fields.push(field(&*labels.related_person, value));
    }
    if let Some(maiden) = &patient.mothers_maiden_name {
        fields.push(field(&*labels.mothers_maiden_name, maiden.value.display()));
    }
    for telecom in &patient.telecoms {
        let label = if telecom.value.system == "email" { &*labels.email } else { &*labels.phone };
        fields.push(field(label, telecom.value.value.clone()));
    }
    for race in &patient.races {
        fields.push(field(&*labels.race, race.value.printed()));
    }
    for ethnicity in &patient.ethnicities {
        fields.push(field(&*labels.ethnicity, ethnicity.value.printed()));
    }
    if let Some(place) = &patient.birth_place {
        fields.push(field(&*labels.birth_place, place.value.clone()));
    }
    if let Some(multiple) = &patient.multiple_birth {
        fields.push(field(&*labels.multiple_birth, multiple.value.clone()));
    }
    if let Some(order) = &patient.birth_order {
        fields.push(field(&*labels.birth_order, order.value.clone()));
    }
    if let Some(deceased) = &patient.deceased {
        fields.push(worded(&*labels.deceased, if deceased.value { &*labels.yes } else { &*labels.no }));
    }
    if let Some(died) = &patient.death_date {
        fields.push(field(&*labels.death_date, died.value.to_string()));
    }
    for entry in &record.insurance {
        let kind = match entry.kind {
            InsuranceKind::Insurance | InsuranceKind::InsuranceAdditional => "insurance",
            InsuranceKind::Certification => "certification",
            InsuranceKind::Guarantor => "guarantor",
            InsuranceKind::FinancialClass => "financial class",
        };
        let value = entry.description.as_ref().map_or_else(|| kind.to_owned(), |d| d.value.clone());
        fields.push(field(&*labels.insurance, value));
    }
    for note in &record.notes {
        fields.push(field(&*labels.note, note.value.clone()));
    }
    if let Some(as_of) = &record.data_as_of {
        fields.push(field(&*labels.data_as_of, as_of.value.to_string()));
    }
    fields
}

/// HL7 table 0001 codes in words; anything else as sent.
fn sex_label(code: &str, labels: &Labels) -> String {
    match catalogue::SEXES.iter().find(|(sent, _)| *sent == code) {
        Some((_, english)) => labels.term(&catalogue::sex_key(english), english),
        None => code.to_owned(),
    }
}

/// A dose's row; `computed`: its Dose column from the copy's own evaluation, when the copy has one.
fn dose_row(dose: &Immunization, computed: Option<String>, labels: &Labels) -> Vec<String> {
    let when = dose.date.as_ref().map_or_else(|| labels.no_date.to_string(), |d| d.value.to_string());
    let mut vaccine = plain(dose.vaccine.clone());
    if let Some(cvx) = dose.cvx.as_ref().filter(|_| !dose.vaccine.contains("CVX")) {
        // A no-break space: the code stays on one line with its label.
        vaccine = format!("{vaccine} (CVX\u{a0}{})", cvx.value);
    }
    let mut details: Vec<String> = dose.lot_numbers.iter().map(|l| labels.lot.replace("{lot}", &l.value)).collect();
    details.extend(dose.manufacturer.as_ref().map(|m| m.value.display().to_owned()).filter(|m| !m.is_empty()));
    if !details.is_empty() {
        vaccine = format!("{vaccine}; {}", plain(details.join("; ")));
    }
    let is_computed = computed.is_some();
    let mut number =
        computed.unwrap_or_else(|| dose.dose_number.as_ref().map_or_else(String::new, |n| plain(n.value.clone())));
    // A computed answer already says why a partial dose does not count.
    if dose.status != DoseStatus::Completed && !is_computed {
        let status = labels.term(&catalogue::dose_status_key(dose.status), dose.status.label());
        number = [number.as_str(), status.as_str()].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
    }
    if let Some(reason) = dose.subpotent_reason.as_ref().map(|r| r.value.printed()).filter(|r| !r.is_empty()) {
        number = format!("{number} ({})", plain(reason.to_owned()));
    }
    if number.is_empty() {
        number = labels.not_given.to_string();
    }
    let source = match dose.source.as_ref().map(|s| s.value) {
        Some(InformationSource::Administered) => &*labels.administered,
        Some(InformationSource::Historical) => &*labels.historical,
        None => &*labels.not_given,
    };
    vec![when, vaccine, number, source.to_owned()]
}

fn withheld_section(redacted: &Redacted, labels: &Labels) -> Section {
    let total = redacted.printable_redactions().count();
    let blocks = if total == 0 {
        vec![Block::Paragraph(labels.nothing_withheld.to_string())]
    } else {
        let rows = redacted
            .withheld_counts()
            .into_iter()
            .map(|(rule, count)| vec![rule.basis().to_owned(), count.to_string()])
            .collect();
        vec![
            Block::Paragraph(labels.withheld_intro.replace("{count}", &total.to_string())),
            Block::Table(Table {
                caption: None,
                columns: columns(&[(&*labels.reason, 8.0), (&*labels.items, 1.2)]),
                rows,
            }),
        ]
    };
    Section { heading: labels.withheld.to_string(), blocks }
}

fn release_section(redacted: &Redacted, attestation: &Attestation, labels: &Labels) -> Section {
    let mut fields = vec![
        field(&*labels.released_by, attestation.released_by.clone()),
        field(&*labels.released_on, attestation.released_at.to_string()),
        field(&*labels.requester, attestation.requester),
    ];
    let evidence = if attestation.evidence_seen.is_empty() {
        labels.none_recorded.to_string()
    } else {
        plain(attestation.evidence_seen.join("; "))
    };
    fields.push(worded(&*labels.evidence, evidence));
    if let Some(signed) = attestation.consent_signed_on {
        fields.push(field(&*labels.consent_signed, signed.to_string()));
    }
    if let Some(signer) = attestation.consent_signed_by {
        fields.push(field(&*labels.consent_signed_by, signer));
    }
    if let Some(until) = attestation.consent_valid_until {
        fields.push(field(&*labels.consent_valid_until, until.to_string()));
    }
    if let Some(purpose) = attestation.purpose {
        fields.push(field(&*labels.purpose, purpose));
    }
    fields.push(field(&*labels.decision, attestation.outcome_label));
    // Only on the patient's (the parent's) own copy: on an organization's it would tell of care the
    // minor may have consented to alone.
    if let Some(clinician) =
        attestation.held_doses_released_by.as_ref().filter(|_| redacted.profile == Recipient::Patient)
    {
        fields.push(field(&*labels.held_doses_released_by, clinician.clone()));
    }
    if attestation.delivery == Delivery::MailedToThePatientsAddress {
        fields.push(field(&*labels.delivery, attestation.delivery_text()));
    }
    // Staff may print a more redacted copy than the decision's own: the paper says which it is, so
    // a school copy never reads as if it were the full copy the decision allowed.
    if recdesk_access::least_redacted(&attestation.outcome).is_some_and(|own| own != redacted.profile) {
        fields
            .push(field(&*labels.copy_printed, labels.narrower_copy.replace("{recipient}", redacted.profile.label())));
    }
    fields.push(field(&*labels.basis, attestation.basis.join("; ")));
    if !attestation.settings.is_empty() {
        fields.push(field(&*labels.clinic_settings, attestation.settings.join("; ")));
    }
    // The attestation's date, else the newest the copy's records give.
    let as_of = attestation
        .data_as_of
        .or_else(|| redacted.records.iter().filter_map(|r| r.data_as_of.as_ref()).map(|d| d.value).max());
    fields.push(worded(&*labels.data_as_of, as_of.map_or_else(|| labels.not_known.to_string(), |d| d.to_string())));
    Section { heading: labels.release.to_string(), blocks: vec![Block::Fields(fields)] }
}
