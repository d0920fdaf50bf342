//! The translations on paper: every catalogue string prints (the font has every character the
//! three languages use, and pdftotext reads each string back), and a bilingual patient's copy in
//! each language lays out without clipped or overlapping text on Letter and A4.

mod support;

use recdesk_pdf::{Paper, RenderOptions};
use recdesk_redact::Recipient;
use recdesk_report::catalogue::LANGUAGES;
use recdesk_report::{Block, Catalogue, Report, Section};

use support::{bilingual_languages, check_layout, name, pdf_text, record, redacted, render_in, squeezed};

fn catalogue(code: &str) -> Catalogue {
    Catalogue::shipped(code).expect("shipped").expect("a catalogue")
}

#[test]
fn every_string_of_every_catalogue_prints_and_reads_back() {
    for (code, _, _) in LANGUAGES {
        let catalogue = catalogue(code);
        let texts: Vec<&str> = catalogue.strings.values().map(|entry| entry.text.as_str()).collect();
        let unprintable: Vec<(&str, char)> = texts
            .iter()
            .flat_map(|text| text.chars().map(move |c| (*text, c)))
            .filter(|(_, c)| !recdesk_report::printable::is_printable(*c))
            .collect();
        assert!(unprintable.is_empty(), "{code}: characters the font lacks: {unprintable:?}");
        // Every string as a paragraph of one report, through layout and the PDF writer.
        let english = recdesk_report::Labels::ENGLISH;
        let report = Report {
            title: catalogue.name.clone(),
            banner: catalogue.english_name.clone(),
            sections: vec![Section {
                heading: catalogue.language.clone(),
                blocks: texts.iter().map(|text| Block::Paragraph((*text).to_owned())).collect(),
            }],
            footer: english.footer.to_string(),
            page_label: english.page.to_string(),
            running_header: english.running_header.to_string(),
            continued: english.continued.to_string(),
            metadata: recdesk_report::Metadata {
                title: "Immunization record".into(),
                subject: String::new(),
                creator: "Record Desk".into(),
                created: support::release_time(),
            },
            mail_to: None,
            translation: None,
        };
        let text = squeezed(&pdf_text(&recdesk_pdf::render(&report, &RenderOptions::default())));
        for (key, entry) in &catalogue.strings {
            assert!(text.contains(&squeezed(&entry.text)), "{code}: {key} ({:?}) does not read back", entry.text);
        }
    }
}

#[test]
fn a_bilingual_patients_copy_lays_out_in_each_language_on_letter_and_a4() {
    let mut child = record(name(&["Hodan"], "Warsame"), &[(name(&["Faadumo"], "Cali"), "MTH")], 60);
    child.patient.birth_date = recdesk_record::PartialDate::new(2019, Some(3), Some(1))
        .map(|d| recdesk_record::Located::new(d, child.patient.names[0].at.clone()));
    let copy = redacted(child, Recipient::Patient);
    for (code, language) in bilingual_languages() {
        let catalogue = catalogue(code);
        let report = recdesk_report::build(
            &copy,
            &support::attestation(&copy),
            recdesk_report::StatusRequest::default(),
            &language,
        );
        for paper in [Paper::Letter, Paper::A4] {
            check_layout(&recdesk_pdf::layout(&report, &RenderOptions { paper }));
        }
        let text = squeezed(&pdf_text(&render_in(&copy, Paper::Letter, &language)));
        for key in [
            "title",
            "banner_patient",
            "english_authoritative",
            "draft_translation",
            "immunizations",
            "birth_date",
            "release",
        ] {
            let translated = squeezed(&catalogue.strings[key].text);
            assert!(text.contains(&translated), "{code}: {key} is not on the PDF");
        }
        for english in ["Immunizationrecord", "Prepared for the patient", "Immunizations", "Dateofbirth"] {
            assert!(text.contains(&squeezed(english)), "{code}: {english} is not on the PDF");
        }
    }
}
