//! The report's fixed words, one set per language. Names of vaccines, rules and decisions come
//! from the crates that own them (in English for now); everything the report itself says is here.

use recdesk_redact::Recipient;
use serde::Serialize;

/// The languages the report is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    English,
}

impl Language {
    pub fn labels(self) -> Labels {
        match self {
            Language::English => Labels::ENGLISH,
        }
    }
}

/// Everything the report says in its own words. Templates mark their values with `{name}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Labels {
    pub title: &'static str,
    pub title_summary: &'static str,
    pub banner_patient: &'static str,
    pub banner_school: &'static str,
    pub banner_provider: &'static str,
    pub banner_summary: &'static str,
    /// `{title}`: the report's title (the record's or the summary's).
    pub running_header: &'static str,
    /// `{time}`: when the report was made.
    pub footer: &'static str,
    /// `{page}`, `{pages}`.
    pub page: &'static str,
    pub metadata_creator: &'static str,

    pub patient: &'static str,
    /// `{number}`, `{count}`: for a copy with more than one patient record.
    pub patient_numbered: &'static str,
    pub name: &'static str,
    pub other_name: &'static str,
    pub birth_date: &'static str,
    pub sex: &'static str,
    pub address: &'static str,
    pub related_person: &'static str,
    pub mothers_maiden_name: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub race: &'static str,
    pub ethnicity: &'static str,
    pub birth_place: &'static str,
    pub multiple_birth: &'static str,
    pub birth_order: &'static str,
    pub deceased: &'static str,
    pub death_date: &'static str,
    pub insurance: &'static str,
    pub note: &'static str,
    pub yes: &'static str,
    pub no: &'static str,

    pub immunizations: &'static str,
    pub no_immunizations: &'static str,
    pub date: &'static str,
    pub vaccine: &'static str,
    pub dose: &'static str,
    pub source: &'static str,
    pub no_date: &'static str,
    pub administered: &'static str,
    pub historical: &'static str,
    pub not_given: &'static str,
    /// `{lot}`.
    pub lot: &'static str,
    /// Appended to a table caption on the pages it runs onto.
    pub continued: &'static str,

    pub forecast: &'static str,
    pub vaccine_group: &'static str,
    pub earliest: &'static str,
    pub due: &'static str,
    pub overdue: &'static str,
    pub latest: &'static str,
    pub status: &'static str,

    /// `{schedule}`: the CDSi version the dose numbers follow.
    pub dose_numbers_note: &'static str,
    pub due_next: &'static str,
    pub recommended: &'static str,
    pub past_due: &'static str,
    pub overdue_now: &'static str,
    /// `{schedule}`.
    pub due_next_note: &'static str,

    pub school_status: &'static str,
    pub school_level: &'static str,
    pub school_overall: &'static str,
    /// `{number}`: a dose column's title.
    pub dose_numbered: &'static str,
    pub next_dose_due: &'static str,
    /// `{count}`: doses counted beyond the form's five columns.
    pub more_doses: &'static str,
    pub full_history: &'static str,
    pub this_record_only: &'static str,
    /// `{why}`.
    pub school_not_stated: &'static str,
    /// `{requirements}`, `{schedule}`.
    pub school_sources: &'static str,
    pub school_exemptions: &'static str,

    pub clinical: &'static str,
    pub kind: &'static str,
    pub finding: &'static str,

    pub not_released: &'static str,
    /// `{number}`.
    pub record_numbered: &'static str,

    pub summary: &'static str,
    pub year: &'static str,
    pub doses: &'static str,

    pub withheld: &'static str,
    pub nothing_withheld: &'static str,
    /// `{count}`.
    pub withheld_intro: &'static str,
    pub reason: &'static str,
    pub items: &'static str,

    pub source_checks: &'static str,
    /// `{number}`.
    pub card_numbered: &'static str,
    /// `{name}`.
    pub issued_by: &'static str,

    pub release: &'static str,
    pub released_by: &'static str,
    pub released_on: &'static str,
    pub requester: &'static str,
    pub evidence: &'static str,
    pub none_recorded: &'static str,
    pub consent_signed: &'static str,
    pub consent_signed_by: &'static str,
    pub consent_valid_until: &'static str,
    pub purpose: &'static str,
    pub decision: &'static str,
    pub delivery: &'static str,
    /// The clinic's settings that differ from the defaults.
    pub clinic_settings: &'static str,
    pub chart_note_title: &'static str,
    pub chart_note_banner: &'static str,
    pub chart_note_heading: &'static str,
    /// `{time}`: the chart note's footer (it is filed, not destroyed).
    pub chart_note_footer: &'static str,
    /// Doses a minor may have consented to alone, released by a clinician after review.
    pub held_doses_released_by: &'static str,
    pub copy_printed: &'static str,
    /// `{recipient}`: the copy staff chose, more redacted than the decision's own.
    pub narrower_copy: &'static str,
    pub basis: &'static str,
    pub data_as_of: &'static str,
    pub not_known: &'static str,
}

impl Labels {
    pub const ENGLISH: Labels = Labels {
        title: "Immunization record",
        title_summary: "Immunization dose counts (no personal details)",
        banner_patient: "Prepared for the patient or their representative",
        banner_school: "Prepared for a school or child-care provider — sensitive fields withheld under the MIIC data \
                        use agreement",
        banner_provider: "Prepared for a provider or health plan — sensitive fields withheld under the MIIC data use \
                          agreement",
        banner_summary: "Dose counts — one person's doses by vaccine group and year, without their name or other \
                         personal details (whoever holds this paper may still know whose it is)",
        running_header: "{title} (continued)",
        footer: "Generated on this device by Record Desk on {time} and not stored: no copy is kept. Destroy this \
                 paper when it is no longer needed.",
        page: "Page {page} of {pages}",
        metadata_creator: "Record Desk",

        patient: "Patient",
        patient_numbered: "Patient {number} of {count}",
        name: "Name",
        other_name: "Other name",
        birth_date: "Date of birth",
        sex: "Sex",
        address: "Address",
        related_person: "Parent or guardian",
        mothers_maiden_name: "Mother's maiden name",
        phone: "Phone",
        email: "E-mail",
        race: "Race",
        ethnicity: "Ethnicity",
        birth_place: "Birthplace",
        multiple_birth: "Multiple birth",
        birth_order: "Birth order",
        deceased: "Deceased",
        death_date: "Date of death",
        insurance: "Insurance",
        note: "Note",
        yes: "yes",
        no: "no",

        immunizations: "Immunizations",
        no_immunizations: "No immunizations are on this record.",
        date: "Date",
        vaccine: "Vaccine",
        dose: "Dose",
        source: "Source",
        no_date: "no date",
        administered: "administered",
        historical: "historical record",
        not_given: "—",
        lot: "lot {lot}",
        continued: "(continued)",

        forecast: "Next doses due (forecast)",
        vaccine_group: "Vaccine group",
        earliest: "Earliest",
        due: "Due",
        overdue: "Overdue",
        latest: "Latest",
        status: "Status",

        dose_numbers_note: "Dose numbers and validity follow CDC's immunization schedule ({schedule}), computed from the \
                            doses on this copy only.",
        due_next: "Due next",
        recommended: "Recommended",
        past_due: "Past due",
        overdue_now: "overdue",
        due_next_note: "Computed from the doses on this copy by CDC's immunization schedule ({schedule}). A dose given elsewhere and not on this \
                        copy is not counted.",

        school_status: "Minnesota school immunization status",
        school_level: "Level",
        school_overall: "Status",
        dose_numbered: "Dose {number}",
        next_dose_due: "Next dose due",
        more_doses: "and {count} more (under Immunizations)",
        full_history: "Staff confirmed that this record is the child's full immunization history.",
        this_record_only: "Based on the doses in this record only: staff did not confirm that it is the child's full \
                           history, and doses given elsewhere are not counted.",
        school_not_stated: "Status not stated: {why}.",
        school_sources: "Requirements: {requirements}. Doses count only when valid by CDC's immunization schedule \
                         ({schedule}), with the 4-day grace it allows.",
        school_exemptions: "A medical exemption needs a statement signed by a physician, advanced practice registered \
                            nurse or physician assistant; this report is not one.",

        clinical: "Contraindications, reactions and immunity",
        kind: "Kind",
        finding: "Finding",

        not_released: "Records not released",
        record_numbered: "Record {number}",

        summary: "Doses by vaccine group and year",
        year: "Year",
        doses: "Doses",

        withheld: "Withheld from this copy",
        nothing_withheld: "Nothing in the record was withheld from this copy.",
        withheld_intro: "{count} items in the record are not on this copy. They are counted here by the rule that \
                         withholds them; their values are not printed.",
        reason: "Reason",
        items: "Items",

        source_checks: "Source checks",
        card_numbered: "Card {number}",
        issued_by: "issued by {name}",

        release: "Release",
        released_by: "Released by",
        released_on: "Released on",
        requester: "Requester",
        evidence: "Evidence seen",
        none_recorded: "none recorded",
        consent_signed: "Consent signed on",
        consent_signed_by: "Consent signed by",
        consent_valid_until: "Consent valid until",
        purpose: "For",
        decision: "Decision",
        delivery: "Delivery",
        clinic_settings: "Clinic settings (not the defaults)",
        chart_note_title: "Chart note: immunization record released without consent",
        chart_note_banner: "For the patient's chart (Minn. Stat. §144.293 subd. 9): file it or enter it in the chart. \
                            Do not give it to the recipient. Record Desk keeps no copy.",
        chart_note_heading: "Release",
        chart_note_footer: "Generated on this device by Record Desk on {time}; Record Desk keeps no copy. File this note in \
                            the patient's chart or enter it there.",
        held_doses_released_by: "Doses reviewed and released by clinician (Minn. Stat. §144.346)",
        copy_printed: "Copy printed",
        narrower_copy: "the copy for {recipient}, more redacted than the decision allows",
        basis: "Basis",
        data_as_of: "Data as of",
        not_known: "not known",
    };

    pub fn banner(&self, recipient: Recipient) -> &'static str {
        match recipient {
            Recipient::Patient => self.banner_patient,
            Recipient::School => self.banner_school,
            Recipient::Provider => self.banner_provider,
            Recipient::DoseCounts => self.banner_summary,
        }
    }
}
