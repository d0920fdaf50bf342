//! The report's fixed words: English, and English beside a second language for the patient's
//! copy. Names of vaccines, rules and decisions come from the crates that own them in English; the
//! ones a family most needs (vaccine groups, statuses) are translated as terms (`terms`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use recdesk_redact::Recipient;
use serde::{Deserialize, Serialize};

use crate::{INLINE_TRANSLATION, TRANSLATION_BREAK};

/// The words a report is written in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Language {
    #[default]
    English,
    /// English with a second language beside it (see [`crate::Catalogue::bilingual`]). Only the
    /// patient's copy is printed so; an organization's copy and the chart note stay English.
    Bilingual(Box<Labels>),
}

impl Language {
    /// The words for a copy made for `recipient`.
    pub fn labels_for(&self, recipient: Recipient) -> Cow<'_, Labels> {
        match self {
            Language::Bilingual(labels) if recipient == Recipient::Patient => Cow::Borrowed(labels),
            _ => Cow::Owned(Labels::ENGLISH),
        }
    }
}

/// Everything the report says in its own words. Templates mark their values with `{name}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    pub title: Cow<'static, str>,
    pub title_summary: Cow<'static, str>,
    pub banner_patient: Cow<'static, str>,
    pub banner_school: Cow<'static, str>,
    pub banner_provider: Cow<'static, str>,
    pub banner_summary: Cow<'static, str>,
    /// `{title}`: the report's title (the record's or the summary's).
    pub running_header: Cow<'static, str>,
    /// `{time}`: when the report was made.
    pub footer: Cow<'static, str>,
    /// `{page}`, `{pages}`.
    pub page: Cow<'static, str>,
    pub metadata_creator: Cow<'static, str>,

    pub patient: Cow<'static, str>,
    /// `{number}`, `{count}`: for a copy with more than one patient record.
    pub patient_numbered: Cow<'static, str>,
    pub name: Cow<'static, str>,
    pub other_name: Cow<'static, str>,
    pub birth_date: Cow<'static, str>,
    pub sex: Cow<'static, str>,
    pub address: Cow<'static, str>,
    pub related_person: Cow<'static, str>,
    pub mothers_maiden_name: Cow<'static, str>,
    pub phone: Cow<'static, str>,
    pub email: Cow<'static, str>,
    pub race: Cow<'static, str>,
    pub ethnicity: Cow<'static, str>,
    pub birth_place: Cow<'static, str>,
    pub multiple_birth: Cow<'static, str>,
    pub birth_order: Cow<'static, str>,
    pub deceased: Cow<'static, str>,
    pub death_date: Cow<'static, str>,
    pub insurance: Cow<'static, str>,
    pub note: Cow<'static, str>,
    pub yes: Cow<'static, str>,
    pub no: Cow<'static, str>,

    pub immunizations: Cow<'static, str>,
    pub no_immunizations: Cow<'static, str>,
    pub date: Cow<'static, str>,
    pub vaccine: Cow<'static, str>,
    pub dose: Cow<'static, str>,
    pub source: Cow<'static, str>,
    pub no_date: Cow<'static, str>,
    pub administered: Cow<'static, str>,
    pub historical: Cow<'static, str>,
    pub not_given: Cow<'static, str>,
    /// `{lot}`.
    pub lot: Cow<'static, str>,
    /// Appended to a table caption on the pages it runs onto.
    pub continued: Cow<'static, str>,

    pub forecast: Cow<'static, str>,
    pub vaccine_group: Cow<'static, str>,
    pub earliest: Cow<'static, str>,
    pub due: Cow<'static, str>,
    pub overdue: Cow<'static, str>,
    pub latest: Cow<'static, str>,
    pub status: Cow<'static, str>,

    /// `{schedule}`: the CDSi version the dose numbers follow.
    pub dose_numbers_note: Cow<'static, str>,
    pub due_next: Cow<'static, str>,
    pub recommended: Cow<'static, str>,
    pub past_due: Cow<'static, str>,
    pub overdue_now: Cow<'static, str>,
    /// `{schedule}`.
    pub due_next_note: Cow<'static, str>,

    pub school_status: Cow<'static, str>,
    pub school_level: Cow<'static, str>,
    pub school_overall: Cow<'static, str>,
    /// `{number}`: a dose column's title.
    pub dose_numbered: Cow<'static, str>,
    pub next_dose_due: Cow<'static, str>,
    /// `{count}`: doses counted beyond the form's five columns.
    pub more_doses: Cow<'static, str>,
    pub full_history: Cow<'static, str>,
    pub this_record_only: Cow<'static, str>,
    /// `{why}`.
    pub school_not_stated: Cow<'static, str>,
    /// `{requirements}`, `{schedule}`.
    pub school_sources: Cow<'static, str>,
    pub school_exemptions: Cow<'static, str>,

    pub clinical: Cow<'static, str>,
    pub kind: Cow<'static, str>,
    pub finding: Cow<'static, str>,

    pub not_released: Cow<'static, str>,
    /// `{number}`.
    pub record_numbered: Cow<'static, str>,

    pub summary: Cow<'static, str>,
    pub year: Cow<'static, str>,
    pub doses: Cow<'static, str>,

    pub withheld: Cow<'static, str>,
    pub nothing_withheld: Cow<'static, str>,
    /// `{count}`.
    pub withheld_intro: Cow<'static, str>,
    pub reason: Cow<'static, str>,
    pub items: Cow<'static, str>,

    pub source_checks: Cow<'static, str>,
    /// `{number}`.
    pub card_numbered: Cow<'static, str>,
    /// `{name}`.
    pub issued_by: Cow<'static, str>,

    pub release: Cow<'static, str>,
    pub released_by: Cow<'static, str>,
    pub released_on: Cow<'static, str>,
    pub requester: Cow<'static, str>,
    pub evidence: Cow<'static, str>,
    pub none_recorded: Cow<'static, str>,
    pub consent_signed: Cow<'static, str>,
    pub consent_signed_by: Cow<'static, str>,
    pub consent_valid_until: Cow<'static, str>,
    pub purpose: Cow<'static, str>,
    pub decision: Cow<'static, str>,
    pub delivery: Cow<'static, str>,
    /// The clinic's settings that differ from the defaults.
    pub clinic_settings: Cow<'static, str>,
    pub chart_note_title: Cow<'static, str>,
    pub chart_note_banner: Cow<'static, str>,
    pub chart_note_heading: Cow<'static, str>,
    /// `{time}`: the chart note's footer (it is filed, not destroyed).
    pub chart_note_footer: Cow<'static, str>,
    /// Doses a minor may have consented to alone, released by a clinician after review.
    pub held_doses_released_by: Cow<'static, str>,
    pub copy_printed: Cow<'static, str>,
    /// `{recipient}`: the copy staff chose, more redacted than the decision's own.
    pub narrower_copy: Cow<'static, str>,
    pub basis: Cow<'static, str>,
    pub data_as_of: Cow<'static, str>,
    pub not_known: Cow<'static, str>,
    /// After a school status that staff did not confirm as the child's full history.
    pub based_on_this_record_only: Cow<'static, str>,
    /// On a bilingual copy, under the banner in both languages.
    pub english_authoritative: Cow<'static, str>,
    /// On a bilingual copy whose translation has draft strings, in both languages.
    pub draft_translation: Cow<'static, str>,
    /// Every catalogue string in the second language, by key: the words other crates own (vaccine
    /// groups, dose and school statuses, sex) and the labels' own translations. Empty in English.
    #[serde(skip)]
    pub terms: BTreeMap<String, String>,
    /// The second language's code ("es"), for marking its lines; None in English.
    #[serde(skip)]
    pub translation: Option<String>,
}

impl Labels {
    pub const ENGLISH: Labels = Labels {
        title: Cow::Borrowed("Immunization record"),
        title_summary: Cow::Borrowed("Immunization dose counts (no personal details)"),
        banner_patient: Cow::Borrowed("Prepared for the patient or their representative"),
        banner_school: Cow::Borrowed(
            "Prepared for a school or child-care provider — sensitive fields withheld under the MIIC data \
                        use agreement",
        ),
        banner_provider: Cow::Borrowed(
            "Prepared for a provider or health plan — sensitive fields withheld under the MIIC data use \
                          agreement",
        ),
        banner_summary: Cow::Borrowed(
            "Dose counts — one person's doses by vaccine group and year, without their name or other \
                         personal details (whoever holds this paper may still know whose it is)",
        ),
        running_header: Cow::Borrowed("{title} (continued)"),
        footer: Cow::Borrowed(
            "Generated on this device by Record Desk on {time} and not stored: no copy is kept. Destroy this \
                 paper when it is no longer needed.",
        ),
        page: Cow::Borrowed("Page {page} of {pages}"),
        metadata_creator: Cow::Borrowed("Record Desk"),

        patient: Cow::Borrowed("Patient"),
        patient_numbered: Cow::Borrowed("Patient {number} of {count}"),
        name: Cow::Borrowed("Name"),
        other_name: Cow::Borrowed("Other name"),
        birth_date: Cow::Borrowed("Date of birth"),
        sex: Cow::Borrowed("Sex"),
        address: Cow::Borrowed("Address"),
        related_person: Cow::Borrowed("Parent or guardian"),
        mothers_maiden_name: Cow::Borrowed("Mother's maiden name"),
        phone: Cow::Borrowed("Phone"),
        email: Cow::Borrowed("E-mail"),
        race: Cow::Borrowed("Race"),
        ethnicity: Cow::Borrowed("Ethnicity"),
        birth_place: Cow::Borrowed("Birthplace"),
        multiple_birth: Cow::Borrowed("Multiple birth"),
        birth_order: Cow::Borrowed("Birth order"),
        deceased: Cow::Borrowed("Deceased"),
        death_date: Cow::Borrowed("Date of death"),
        insurance: Cow::Borrowed("Insurance"),
        note: Cow::Borrowed("Note"),
        yes: Cow::Borrowed("yes"),
        no: Cow::Borrowed("no"),

        immunizations: Cow::Borrowed("Immunizations"),
        no_immunizations: Cow::Borrowed("No immunizations are on this record."),
        date: Cow::Borrowed("Date"),
        vaccine: Cow::Borrowed("Vaccine"),
        dose: Cow::Borrowed("Dose"),
        source: Cow::Borrowed("Source"),
        no_date: Cow::Borrowed("no date"),
        administered: Cow::Borrowed("administered"),
        historical: Cow::Borrowed("historical record"),
        not_given: Cow::Borrowed("—"),
        lot: Cow::Borrowed("lot {lot}"),
        continued: Cow::Borrowed("(continued)"),

        forecast: Cow::Borrowed("Next doses due (forecast)"),
        vaccine_group: Cow::Borrowed("Vaccine group"),
        earliest: Cow::Borrowed("Earliest"),
        due: Cow::Borrowed("Due"),
        overdue: Cow::Borrowed("Overdue"),
        latest: Cow::Borrowed("Latest"),
        status: Cow::Borrowed("Status"),

        dose_numbers_note: Cow::Borrowed(
            "Dose numbers and validity follow CDC's immunization schedule ({schedule}), computed from the \
                            doses on this copy only.",
        ),
        due_next: Cow::Borrowed("Due next"),
        recommended: Cow::Borrowed("Recommended"),
        past_due: Cow::Borrowed("Past due"),
        overdue_now: Cow::Borrowed("overdue"),
        due_next_note: Cow::Borrowed(
            "Computed from the doses on this copy by CDC's immunization schedule ({schedule}). A dose given elsewhere and not on this \
                        copy is not counted.",
        ),

        school_status: Cow::Borrowed("Minnesota school immunization status"),
        school_level: Cow::Borrowed("Level"),
        school_overall: Cow::Borrowed("Status"),
        dose_numbered: Cow::Borrowed("Dose {number}"),
        next_dose_due: Cow::Borrowed("Next dose due"),
        more_doses: Cow::Borrowed("and {count} more (under Immunizations)"),
        full_history: Cow::Borrowed("Staff confirmed that this record is the child's full immunization history."),
        this_record_only: Cow::Borrowed(
            "Based on the doses in this record only: staff did not confirm that it is the child's full \
                           history, and doses given elsewhere are not counted.",
        ),
        school_not_stated: Cow::Borrowed("Status not stated: {why}."),
        school_sources: Cow::Borrowed(
            "Requirements: {requirements}. Doses count only when valid by CDC's immunization schedule \
                         ({schedule}), with the 4-day grace it allows.",
        ),
        school_exemptions: Cow::Borrowed(
            "A medical exemption needs a statement signed by a physician, advanced practice registered \
                            nurse or physician assistant; this report is not one.",
        ),

        clinical: Cow::Borrowed("Contraindications, reactions and immunity"),
        kind: Cow::Borrowed("Kind"),
        finding: Cow::Borrowed("Finding"),

        not_released: Cow::Borrowed("Records not released"),
        record_numbered: Cow::Borrowed("Record {number}"),

        summary: Cow::Borrowed("Doses by vaccine group and year"),
        year: Cow::Borrowed("Year"),
        doses: Cow::Borrowed("Doses"),

        withheld: Cow::Borrowed("Withheld from this copy"),
        nothing_withheld: Cow::Borrowed("Nothing in the record was withheld from this copy."),
        withheld_intro: Cow::Borrowed(
            "{count} items in the record are not on this copy. They are counted here by the rule that \
                         withholds them; their values are not printed.",
        ),
        reason: Cow::Borrowed("Reason"),
        items: Cow::Borrowed("Items"),

        source_checks: Cow::Borrowed("Source checks"),
        card_numbered: Cow::Borrowed("Card {number}"),
        issued_by: Cow::Borrowed("issued by {name}"),

        release: Cow::Borrowed("Release"),
        released_by: Cow::Borrowed("Released by"),
        released_on: Cow::Borrowed("Released on"),
        requester: Cow::Borrowed("Requester"),
        evidence: Cow::Borrowed("Evidence seen"),
        none_recorded: Cow::Borrowed("none recorded"),
        consent_signed: Cow::Borrowed("Consent signed on"),
        consent_signed_by: Cow::Borrowed("Consent signed by"),
        consent_valid_until: Cow::Borrowed("Consent valid until"),
        purpose: Cow::Borrowed("For"),
        decision: Cow::Borrowed("Decision"),
        delivery: Cow::Borrowed("Delivery"),
        clinic_settings: Cow::Borrowed("Clinic settings (not the defaults)"),
        chart_note_title: Cow::Borrowed("Chart note: immunization record released without consent"),
        chart_note_banner: Cow::Borrowed(
            "For the patient's chart (Minn. Stat. §144.293 subd. 9): file it or enter it in the chart. \
                            Do not give it to the recipient. Record Desk keeps no copy.",
        ),
        chart_note_heading: Cow::Borrowed("Release"),
        chart_note_footer: Cow::Borrowed(
            "Generated on this device by Record Desk on {time}; Record Desk keeps no copy. File this note in \
                            the patient's chart or enter it there.",
        ),
        held_doses_released_by: Cow::Borrowed("Doses reviewed and released by clinician (Minn. Stat. §144.346)"),
        copy_printed: Cow::Borrowed("Copy printed"),
        narrower_copy: Cow::Borrowed("the copy for {recipient}, more redacted than the decision allows"),
        basis: Cow::Borrowed("Basis"),
        data_as_of: Cow::Borrowed("Data as of"),
        not_known: Cow::Borrowed("not known"),
        based_on_this_record_only: Cow::Borrowed("(based on the doses in this record only)"),
        english_authoritative: Cow::Borrowed(
            "The English text is the official record; the translation beside it is for the reader's convenience.",
        ),
        draft_translation: Cow::Borrowed("Draft translation: not yet reviewed by a qualified translator."),
        terms: BTreeMap::new(),
        translation: None,
    };

    pub fn banner(&self, recipient: Recipient) -> &str {
        match recipient {
            Recipient::Patient => &self.banner_patient,
            Recipient::School => &self.banner_school,
            Recipient::Provider => &self.banner_provider,
            Recipient::DoseCounts => &self.banner_summary,
        }
    }

    /// A word another crate owns in English (`english`), with its translation under `key` beside
    /// it when there is one that differs: "Hepatitis B", or "female / femenino" (joined by
    /// `INLINE_TRANSLATION`).
    pub fn term(&self, key: &str, english: &str) -> String {
        match self.terms.get(key).filter(|t| t.as_str() != english) {
            Some(translated) => format!("{english}{INLINE_TRANSLATION}{translated}"),
            None => english.to_owned(),
        }
    }

    /// A vaccine group's name, as a table caption: the translation on a line of its own.
    pub fn group(&self, group: recdesk_codes::VaccineGroup) -> String {
        let english = group.label();
        match self.terms.get(&crate::catalogue::group_key(group)).filter(|t| t.as_str() != english) {
            Some(translated) => format!("{english}{TRANSLATION_BREAK}{translated}"),
            None => english.to_owned(),
        }
    }

    /// An English sentence followed, on a line of its own, by the translation of its gist (`key`,
    /// with `{number}` and `{count}` filled in): a status whose details stay in English.
    pub fn gist(&self, english: String, key: &str, number: Option<usize>, count: Option<usize>) -> String {
        let Some(translated) = self.terms.get(key) else { return english };
        let mut translated = translated.clone();
        if let Some(n) = number {
            translated = translated.replace("{number}", &n.to_string());
        }
        if let Some(c) = count {
            translated = translated.replace("{count}", &c.to_string());
        }
        if translated == english { english } else { format!("{english}{TRANSLATION_BREAK}{translated}") }
    }

    /// The translation of `key` alone, when there is a second language.
    pub fn translation(&self, key: &str) -> Option<&str> {
        self.terms.get(key).map(String::as_str)
    }
}
