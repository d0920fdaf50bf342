//! From segments to records: which segment and field holds which part of the record.

use std::collections::BTreeMap;

use recdesk_codes as codes;
use recdesk_codes::CodeTable;
use recdesk_record::{
    Address, ClinicalObservation, Code, Diagnostic, DoseStatus, Evaluation, ForecastRow, Format, Hl7Location,
    Identifier, Immunization, InformationSource, InsuranceEntry, InsuranceKind, Located, Location, MessageSummary,
    ObservationKind, PartialDate, PersonName, ReadOutcome, Record, RelatedPerson, Span, Telecom, VaccineGroup,
    VisDocument,
};

use crate::syntax::{self, Delimiters, Piece, Segment, Stray};

/// Reads every message in `input`.
pub fn read(input: &str) -> ReadOutcome {
    read_part(input, 1, 0)
}

/// Reads `input` as one part of a larger input read piece by piece (a batch streamed a message
/// at a time): its messages are numbered from `first_message`, and its locations' byte spans
/// count from `offset`, the part's place in the whole.
pub fn read_part(input: &str, first_message: u32, offset: usize) -> ReadOutcome {
    let split = syntax::split(input);
    let mut outcome = ReadOutcome { format: Format::Hl7v2, ..ReadOutcome::default() };
    outcome.records.reserve(split.messages.iter().flat_map(|m| &m.segments).filter(|s| s.id() == "PID").count());
    for (piece, kind) in &split.strays {
        if *kind == Stray::NotASegment {
            outcome.diagnostics.push(Diagnostic::warning(
                None,
                format!(
                    "Text at characters {}–{} is not an HL7 segment and was skipped (a line may have been wrapped or cut).",
                    char_index(input, piece.start) + 1,
                    char_index(input, piece.end())
                ),
            ));
        }
    }
    for (index, raw) in split.messages.iter().enumerate() {
        let number = first_message.saturating_add(index as u32);
        let mut reader = MessageReader::new(number, raw.delimiters);
        reader.offset = offset;
        if raw.headerless {
            reader.diagnostics.push(Diagnostic::warning(
                None,
                "The text has HL7 segments but no MSH header; it was read with the standard delimiters.",
            ));
        }
        for (index, segment) in raw.segments.iter().enumerate() {
            if segment.id() == "PID" {
                // A record's doses are large (kilobytes each): room for all of them at once
                // saves the allocator many growing copies on a long history.
                let rest = &raw.segments[index + 1..];
                reader.doses_ahead =
                    rest.iter().map(|s| s.id()).take_while(|id| *id != "PID").filter(|id| *id == "RXA").count();
            }
            reader.segment(segment);
        }
        let (summary, records, diagnostics) = reader.finish();
        outcome.messages.push(summary);
        outcome.records.extend(records);
        outcome.diagnostics.extend(diagnostics);
    }
    if outcome.messages.is_empty() {
        outcome.diagnostics.push(Diagnostic::error(None, "No HL7 v2 message was found: there is no MSH segment."));
    }
    outcome
}

fn char_index(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |prefix| prefix.chars().count())
}

/// What an OBX's LOINC code (OBX-3) means to us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ObservationCode {
    VaccineType,
    /// 30979-9 "Vaccines due next": several registries name a forecast's vaccine only here.
    VaccineDueNext,
    Schedule,
    DoseNumber,
    DosesInSeries,
    DoseValidity,
    ValidityReason,
    SeriesStatus,
    DueDate,
    EarliestDate,
    LatestDate,
    OverdueDate,
    VisDocument,
    VisPublished,
    VisPresented,
    FundingEligibility,
    FundingSource,
    Clinical(ObservationKind),
}

fn observation_code(loinc: &str) -> Option<ObservationCode> {
    use ObservationCode::*;
    Some(match loinc {
        "30956-7" | "38890-0" => VaccineType,
        "30979-9" => VaccineDueNext,
        "59779-9" => Schedule,
        "30973-2" => DoseNumber,
        "59782-3" => DosesInSeries,
        "59781-5" => DoseValidity,
        "30982-3" => ValidityReason,
        "59783-1" => SeriesStatus,
        "30980-7" => DueDate,
        "30981-5" => EarliestDate,
        "59777-3" => LatestDate,
        "59778-1" => OverdueDate,
        "69764-9" => VisDocument,
        "29768-9" => VisPublished,
        "29769-7" => VisPresented,
        "64994-7" => FundingEligibility,
        "30963-3" => FundingSource,
        "59784-9" => Clinical(ObservationKind::EvidenceOfImmunity),
        "30945-0" => Clinical(ObservationKind::Contraindication),
        "31044-1" => Clinical(ObservationKind::Reaction),
        "59785-6" => Clinical(ObservationKind::SpecialRisk),
        "75505-8" => Clinical(ObservationKind::Serology),
        _ => return None,
    })
}

/// OBX rows that share a sub-ID (OBX-4) describe one thing together: a VIS, an
/// evaluation, or a forecast for one vaccine group.
#[derive(Default)]
struct ObservationGroup {
    vaccine_type: Option<Located<Code>>,
    schedule: Option<Located<Code>>,
    dose_number: Option<Located<String>>,
    doses_in_series: Option<Located<String>>,
    valid: Option<Located<bool>>,
    reason: Option<Located<Code>>,
    series_status: Option<Located<Code>>,
    due: Option<Located<PartialDate>>,
    earliest: Option<Located<PartialDate>>,
    latest: Option<Located<PartialDate>>,
    overdue: Option<Located<PartialDate>>,
    vis_document: Option<Located<Code>>,
    vis_published: Option<Located<PartialDate>>,
    vis_presented: Option<Located<PartialDate>>,
}

impl ObservationGroup {
    fn is_vis(&self) -> bool {
        self.vis_document.is_some() || self.vis_published.is_some() || self.vis_presented.is_some()
    }

    fn is_forecast(&self) -> bool {
        self.due.is_some() || self.earliest.is_some() || self.latest.is_some() || self.overdue.is_some()
    }

    fn into_vis(self) -> VisDocument {
        VisDocument {
            document: self.vis_document,
            vaccine_type: self.vaccine_type,
            published: self.vis_published,
            presented: self.vis_presented,
        }
    }

    fn into_forecast(self) -> ForecastRow {
        ForecastRow {
            vaccine_group: self.vaccine_type,
            schedule: self.schedule,
            dose_number: self.dose_number,
            earliest: self.earliest,
            due: self.due,
            latest: self.latest,
            overdue: self.overdue,
            series_status: self.series_status,
        }
    }

    fn into_evaluation(self) -> Evaluation {
        Evaluation {
            vaccine_group: self.vaccine_type,
            schedule: self.schedule,
            dose_number: self.dose_number,
            doses_in_series: self.doses_in_series,
            valid: self.valid,
            reason: self.reason,
        }
    }
}

/// A dose being read: the RXA and what follows it until the next RXA or PID.
struct DoseInProgress {
    immunization: Immunization,
    groups: BTreeMap<String, ObservationGroup>,
    no_vaccine: bool,
}

/// The order (ORC) that precedes an RXA.
#[derive(Default)]
struct Order {
    entered_by: Option<Located<PersonName>>,
    ordered_by: Option<Located<PersonName>>,
}

struct MessageReader<'a> {
    /// Where this message's text starts in the whole input (see [`read_part`]).
    offset: usize,
    number: u32,
    d: Delimiters,
    summary: MessageSummary,
    data_as_of: Option<Located<PartialDate>>,
    records: Vec<Record>,
    record: Option<Record>,
    order: Option<Order>,
    dose: Option<DoseInProgress>,
    diagnostics: Vec<Diagnostic>,
    segment: Option<Segment<'a>>,
    /// The current segment split at its field separators (index 0 is the segment id).
    fields: Vec<Piece<'a>>,
    /// Whether the current segment numbers its fields from the separator (MSH, FHS, BHS).
    in_header: bool,
    /// Segment ids already reported as not read, so each is reported once per message.
    reported: Vec<String>,
    /// How many RXA segments follow the current PID before the next one.
    doses_ahead: usize,
}

impl<'a> MessageReader<'a> {
    fn new(number: u32, d: Delimiters) -> Self {
        Self {
            number,
            offset: 0,
            d,
            summary: MessageSummary { number, ..MessageSummary::default() },
            data_as_of: None,
            records: Vec::new(),
            record: None,
            order: None,
            dose: None,
            diagnostics: Vec::new(),
            segment: None,
            fields: Vec::new(),
            in_header: false,
            reported: Vec::new(),
            doses_ahead: 0,
        }
    }

    // ── Locating and reading values ──────────────────────────────────────────────

    fn location(&self, field: usize, repetition: usize, component: usize, piece: Piece<'_>) -> Location {
        let segment = self.segment.expect("a segment is being read");
        let mut id = [b'?'; 3];
        for (slot, byte) in id.iter_mut().zip(segment.id().bytes()) {
            *slot = byte;
        }
        Location::Hl7(Hl7Location {
            message: self.number,
            segment_index: segment.index,
            segment: id,
            field: field as u16,
            repetition: repetition as u16,
            component: component as u16,
            span: Span { start: self.offset + piece.start, end: self.offset + piece.end() },
        })
    }

    fn segment_location(&self) -> Location {
        let segment = self.segment.expect("a segment is being read");
        self.location(0, 0, 0, segment.piece)
    }

    fn text(&self, piece: Piece<'_>) -> String {
        syntax::unescape(piece.text, &self.d).trim().to_owned()
    }

    /// Field `n` of the current segment, as HL7 numbers it (see [`Segment::field`]), from the
    /// offsets split once per segment: re-splitting per lookup made reading quadratic.
    fn field(&self, n: usize) -> Piece<'a> {
        let index = if self.in_header { n.saturating_sub(1) } else { n };
        match self.fields.get(index) {
            Some(piece) if index > 0 => *piece,
            _ => Piece { text: "", start: self.segment.map_or(0, |s| s.piece.end()) },
        }
    }

    /// Field `n` of the current segment: its non-blank repetitions, numbered from 1.
    fn non_blank_repetitions(&self, field: usize) -> impl Iterator<Item = (usize, Piece<'a>)> + use<'a> {
        self.field(field).parts(self.d.repetition).enumerate().filter(|(_, p)| !p.is_blank()).map(|(i, p)| (i + 1, p))
    }

    fn repetitions(&self, field: usize) -> Vec<(usize, Piece<'a>)> {
        self.non_blank_repetitions(field).collect()
    }

    fn first(&self, field: usize) -> Option<(usize, Piece<'a>)> {
        self.non_blank_repetitions(field).next()
    }

    /// A whole field (first repetition) as text.
    fn string(&self, field: usize) -> Option<Located<String>> {
        let (repetition, piece) = self.first(field)?;
        let value = self.text(piece);
        (!value.is_empty()).then(|| Located::new(value, self.location(field, repetition, 0, piece)))
    }

    /// One component of the first repetition of a field, as text.
    fn component(&self, field: usize, component: usize) -> Option<Located<String>> {
        let (repetition, piece) = self.first(field)?;
        let part = piece.nth(self.d.component, component);
        let value = self.text(part.nth(self.d.subcomponent, 1));
        (!value.is_empty()).then(|| Located::new(value, self.location(field, repetition, component, part)))
    }

    fn code_of(&self, piece: Piece<'_>) -> Code {
        let parts: [Piece<'_>; 7] = piece.first_parts(self.d.component);
        let part = |n: usize| self.text(parts[n - 1].nth(self.d.subcomponent, 1));
        Code { code: part(1), text: part(2), system: part(3), not_in_table: false }
    }

    fn code(&self, field: usize) -> Option<Located<Code>> {
        let (repetition, piece) = self.first(field)?;
        let code = self.code_of(piece);
        (!code.is_empty()).then(|| Located::new(code, self.location(field, repetition, 0, piece)))
    }

    /// A code that must come from `table`; one it does not know is kept for staff as
    /// "unknown (sent: …)", with a warning (see `Code::mark_not_in_table`).
    fn checked_code(&mut self, field: usize, what: &str, table: CodeTable) -> Option<Located<Code>> {
        let mut code = self.code(field)?;
        self.check(&mut code, field, what, table);
        Some(code)
    }

    fn checked_codes(&mut self, field: usize, what: &str, table: CodeTable) -> Vec<Located<Code>> {
        let mut codes = self.codes(field);
        for code in &mut codes {
            self.check(code, field, what, table);
        }
        codes
    }

    fn check(&mut self, code: &mut Located<Code>, field: usize, what: &str, table: CodeTable) {
        if code.value.code.is_empty() || table.knows(&code.value.code) {
            return;
        }
        let id = self.segment.map_or("", |s| s.id());
        self.diagnostics.push(Diagnostic::warning(
            Some(code.at.clone()),
            format!(
                "{id}-{field} ({what}) holds a code that is not in {}; it is shown to staff as \"unknown (sent: …)\" and printed as unknown.",
                table.name()
            ),
        ));
        code.value.mark_not_in_table();
    }

    fn codes(&self, field: usize) -> Vec<Located<Code>> {
        self.repetitions(field)
            .into_iter()
            .map(|(repetition, piece)| (self.code_of(piece), self.location(field, repetition, 0, piece)))
            .filter(|(code, _)| !code.is_empty())
            .map(|(code, at)| Located::new(code, at))
            .collect()
    }

    fn date(&mut self, field: usize, what: &str) -> Option<Located<PartialDate>> {
        let (repetition, piece) = self.first(field)?;
        let piece = piece.nth(self.d.component, 1);
        let at = self.location(field, repetition, 0, piece);
        match PartialDate::parse(piece.text) {
            Some(date) => Some(Located::new(date, at)),
            None => {
                let id = self.segment.map_or("", |s| s.id());
                self.diagnostics.push(Diagnostic::warning(
                    Some(at),
                    format!("{id}-{field} ({what}) is not a real date, so it was left out."),
                ));
                None
            }
        }
    }

    /// XPN at `piece`: family^given^middle^suffix^prefix^degree^type.
    fn person_name(&self, piece: Piece<'_>) -> PersonName {
        let parts: [Piece<'_>; 7] = piece.first_parts(self.d.component);
        let part = |n: usize| self.text(parts[n - 1].nth(self.d.subcomponent, 1));
        let given: Vec<String> = [part(2), part(3)].into_iter().filter(|g| !g.is_empty()).collect();
        PersonName { family: part(1), given, suffix: part(4), prefix: part(5), kind: part(7) }
    }

    fn names(&self, field: usize) -> Vec<Located<PersonName>> {
        self.repetitions(field)
            .into_iter()
            .map(|(repetition, piece)| (self.person_name(piece), self.location(field, repetition, 0, piece)))
            .filter(|(name, _)| !name.is_empty())
            .map(|(name, at)| Located::new(name, at))
            .collect()
    }

    /// XCN (a staff member): id^family^given^middle^suffix^prefix.
    fn staff_name(&self, field: usize) -> Option<Located<PersonName>> {
        let (repetition, piece) = self.first(field)?;
        let parts: [Piece<'_>; 7] = piece.first_parts(self.d.component);
        let part = |n: usize| self.text(parts[n - 1].nth(self.d.subcomponent, 1));
        let given: Vec<String> = [part(3), part(4)].into_iter().filter(|g| !g.is_empty()).collect();
        let name = PersonName { family: part(2), given, suffix: part(5), prefix: part(6), kind: String::new() };
        (!name.is_empty()).then(|| Located::new(name, self.location(field, repetition, 0, piece)))
    }

    fn addresses(&self, field: usize) -> Vec<Located<Address>> {
        self.repetitions(field)
            .into_iter()
            .filter_map(|(repetition, piece)| {
                let parts: [Piece<'_>; 7] = piece.first_parts(self.d.component);
                let part = |n: usize| self.text(parts[n - 1].nth(self.d.subcomponent, 1));
                let lines: Vec<String> = [part(1), part(2)].into_iter().filter(|l| !l.is_empty()).collect();
                let address = Address {
                    lines,
                    city: part(3),
                    state: part(4),
                    postal_code: part(5),
                    country: part(6),
                    kind: part(7),
                };
                let empty = address.lines.is_empty() && address.city.is_empty() && address.postal_code.is_empty();
                (!empty).then(|| Located::new(address, self.location(field, repetition, 0, piece)))
            })
            .collect()
    }

    /// XTN: [legacy number]^use^equipment^email^country^area^local number^extension.
    fn telecoms(&self, field: usize) -> Vec<Located<Telecom>> {
        self.repetitions(field)
            .into_iter()
            .filter_map(|(repetition, piece)| {
                let parts: [Piece<'_>; 7] = piece.first_parts(self.d.component);
                let part = |n: usize| self.text(parts[n - 1]);
                let (usage, equipment, email) = (part(2), part(3), part(4));
                let (system, value) = if !email.is_empty() || equipment.eq_ignore_ascii_case("Internet") {
                    ("email", email)
                } else {
                    let (area, local) = (part(6), part(7));
                    let number = match (area.is_empty(), local.is_empty()) {
                        (_, true) => part(1),
                        (true, false) => local,
                        (false, false) => format!("({area}) {local}"),
                    };
                    ("phone", number)
                };
                (!value.is_empty()).then(|| {
                    Located::new(
                        Telecom { system: system.to_owned(), value, usage },
                        self.location(field, repetition, 0, piece),
                    )
                })
            })
            .collect()
    }

    /// CX: id^check digit^scheme^authority^type.
    fn identifiers(&self, field: usize) -> Vec<Located<Identifier>> {
        self.repetitions(field)
            .into_iter()
            .filter_map(|(repetition, piece)| {
                let parts: [Piece<'_>; 7] = piece.first_parts(self.d.component);
                let part = |n: usize| self.text(parts[n - 1].nth(self.d.subcomponent, 1));
                let identifier = Identifier { value: part(1), authority: part(4), kind: part(5) };
                (!identifier.value.is_empty())
                    .then(|| Located::new(identifier, self.location(field, repetition, 0, piece)))
            })
            .collect()
    }

    /// A plain identifier field (PID-19 SSN, PID-20 driver's licence) of a known kind.
    fn identifier_of_kind(&self, field: usize, kind: &str) -> Option<Located<Identifier>> {
        self.component(field, 1)
            .map(|value| value.map(|value| Identifier { value, kind: kind.to_owned(), authority: String::new() }))
    }

    fn yes_no(&self, field: usize) -> Option<Located<bool>> {
        let value = self.component(field, 1)?;
        match value.value.to_ascii_uppercase().as_str() {
            "Y" => Some(value.map(|_| true)),
            "N" => Some(value.map(|_| false)),
            _ => None,
        }
    }

    fn report_once(&mut self, key: &str, diagnostic: Diagnostic) {
        if !self.reported.iter().any(|k| k == key) {
            self.reported.push(key.to_owned());
            self.diagnostics.push(diagnostic);
        }
    }

    // ── Segments ─────────────────────────────────────────────────────────────────

    fn segment(&mut self, segment: &Segment<'a>) {
        self.segment = Some(*segment);
        self.in_header = matches!(segment.id(), "MSH" | "FHS" | "BHS");
        self.fields.clear();
        self.fields.extend(segment.piece.parts(self.d.field));
        match segment.id() {
            "MSH" => self.header(),
            "MSA" => self.summary.acknowledgment = self.component(1, 1).map(|c| c.value).unwrap_or_default(),
            "QAK" => self.summary.query_status = self.component(2, 1).map(|c| c.value).unwrap_or_default(),
            "ERR" => self.error(),
            "PID" => self.patient(),
            "PD1" => self.registry_flags(),
            "NK1" => self.related_person(),
            "PV1" => self.financial_class(),
            "IN1" | "IN2" | "IN3" | "GT1" => self.insurance(),
            "ORC" => self.order(),
            "RXA" => self.administration(),
            "RXR" => self.route(),
            "OBX" => self.observation(),
            "NTE" => self.note(),
            // The query echoed back (QPD) repeats what the sender asked for, including the
            // mother's maiden name: it is never read into the record.
            "QPD" | "QRD" | "QRF" | "RCP" | "SFT" | "EVN" => {}
            id if id.starts_with('Z') => {
                let at = self.segment_location();
                self.report_once(
                    id,
                    Diagnostic::warning(
                        Some(at),
                        format!("{id} is a locally defined segment; Record Desk does not read it."),
                    ),
                );
            }
            id => {
                let id = id.to_owned();
                let at = self.segment_location();
                self.report_once(
                    &id,
                    Diagnostic::warning(
                        Some(at),
                        format!("{id} segments are not part of an immunization record and were not read."),
                    ),
                );
            }
        }
    }

    fn header(&mut self) {
        let text = |reader: &Self, field| reader.string(field).map(|s| s.value).unwrap_or_default();
        self.summary.message_type = text(self, 9);
        self.summary.control_id = text(self, 10);
        self.summary.profile = self.first(21).map(|(_, piece)| self.text(piece)).unwrap_or_default();
        self.summary.sending_facility = self.component(4, 1).map(|c| c.value).unwrap_or_default();
        self.summary.character_set = self.string(18).map(|c| c.value).unwrap_or_default();
        self.data_as_of = self.date(7, "message date");
        self.summary.sent_at = self.data_as_of.as_ref().map(|d| d.value);
    }

    /// ERR: what the receiver of an earlier message complained about.
    fn error(&mut self) {
        let severity = self.component(4, 1).map(|s| s.value.to_ascii_uppercase()).unwrap_or_default();
        // Codes only: the texts beside them are the sender's words, which diagnostics never quote.
        let condition =
            self.code(3).filter(|c| !c.value.code.is_empty()).map(|c| format!("HL7 error code {}", c.value.code));
        let application = self
            .code(5)
            .filter(|c| !c.value.code.is_empty())
            .map(|c| format!("application error code {}", c.value.code));
        let place = self.first(2).map(|(_, piece)| {
            let parts: [Piece<'_>; 7] = piece.first_parts(self.d.component);
            let part = |n: usize| self.text(parts[n - 1]);
            [part(1), part(3)].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-")
        });
        let mut message = String::from("The receiving system reported ");
        message.push_str(match severity.as_str() {
            "W" => "a warning",
            "I" => "a note",
            _ => "an error",
        });
        if let Some(place) = place.filter(|p| !p.is_empty()) {
            message.push_str(&format!(" about {place}"));
        }
        let mut reasons: Vec<String> =
            [condition, application].into_iter().flatten().filter(|r| !r.is_empty()).collect();
        reasons.dedup();
        if reasons.is_empty() {
            message.push('.');
        } else {
            message.push_str(&format!(": {}.", reasons.join("; ")));
        }
        let at = Some(self.segment_location());
        self.diagnostics.push(if severity == "W" || severity == "I" {
            Diagnostic::warning(at, message)
        } else {
            Diagnostic::error(at, message)
        });
    }

    fn patient(&mut self) {
        self.finish_record();
        let mut record = Record { message: self.number, data_as_of: self.data_as_of.clone(), ..Record::default() };
        record.immunizations.reserve_exact(self.doses_ahead);
        let patient = &mut record.patient;
        patient.identifiers = self.identifiers(3);
        patient.names = self.names(5);
        // The model promises the legal name first; senders do not always put it first.
        patient.names.sort_by_key(|name| !name.value.kind.eq_ignore_ascii_case("L"));
        patient.mothers_maiden_name = self.names(6).into_iter().next();
        patient.birth_date = self.date(7, "birth date");
        self.check_shifted_patient();
        let sex = self.checked_code(8, "sex", CodeTable::Sex);
        let races = self.checked_codes(10, "race", CodeTable::Race);
        let ethnicities = self.checked_codes(22, "ethnicity", CodeTable::Ethnicity);
        let patient = &mut record.patient;
        patient.sex = sex;
        patient.races = races;
        patient.addresses = self.addresses(11);
        patient.telecoms = self.telecoms(13);
        patient.telecoms.extend(self.telecoms(14));
        patient.identifiers.extend(self.identifier_of_kind(19, "SS"));
        patient.identifiers.extend(self.identifier_of_kind(20, "DL"));
        // PID-21 identifies the mother, not the patient; kept only so it can be withheld by name.
        patient.identifiers.extend(self.identifiers(21).into_iter().map(|id| {
            id.map(|mut id| {
                id.kind = "MOTHER".to_owned();
                id
            })
        }));
        patient.ethnicities = ethnicities;
        patient.birth_place = self.string(23);
        patient.multiple_birth = self.component(24, 1);
        patient.birth_order = self.component(25, 1);
        patient.death_date = self.date(29, "death date");
        patient.deceased = self.yes_no(30);
        if patient.names.is_empty() {
            let at = self.segment_location();
            self.diagnostics.push(Diagnostic::warning(Some(at), "The patient has no name (PID-5 is empty)."));
        }
        self.record = Some(record);
    }

    /// A PID whose values sit one field off (a sender that added or dropped a field before
    /// PID-7) would put the birth date in the sex field and a race code in the address: said
    /// once, so staff check the name, birth date and sex against the source.
    fn check_shifted_patient(&mut self) {
        let value = |reader: &Self, field| reader.component(field, 1).map(|c| c.value).unwrap_or_default();
        let is_date = |text: &str| text.len() >= 8 && PartialDate::parse(text).is_some();
        let is_sex = |text: &str| text.len() == 1 && CodeTable::Sex.knows(text);
        let is_race = |text: &str| text.len() == 6 && CodeTable::Race.knows(text);
        let later = is_date(&value(self, 8)) || is_sex(&value(self, 9)) || is_race(&value(self, 11));
        let earlier = (is_date(&value(self, 6)) && !is_date(&value(self, 7))) || is_sex(&value(self, 7));
        if later || earlier {
            let at = self.segment_location();
            let direction = if later { "later" } else { "earlier" };
            self.diagnostics.push(Diagnostic::warning(
                Some(at),
                format!(
                    "This PID segment looks shifted: its values sit one field {direction} than HL7 places them (a date, \
                     a sex code or a race code in the wrong field). The sender may have added or dropped a field; check \
                     the name, birth date and sex against the source before going on."
                ),
            ));
        }
    }

    /// The record to attach to. Segments before any PID (a message that skipped it) get a
    /// record of their own, with a warning, rather than being dropped.
    fn record_mut(&mut self) -> &mut Record {
        if self.record.is_none() {
            let at = self.segment_location();
            self.diagnostics.push(Diagnostic::warning(
                Some(at),
                "Immunization data appears before any patient (PID) segment; it is shown under an unnamed patient.",
            ));
            self.record =
                Some(Record { message: self.number, data_as_of: self.data_as_of.clone(), ..Record::default() });
        }
        self.record.as_mut().expect("just set")
    }

    fn registry_flags(&mut self) {
        let protection = self.yes_no(12);
        let publicity = self.code(11);
        let status = self.code(16);
        let record = self.record_mut();
        record.protection.protection_indicator = protection;
        record.protection.publicity = publicity;
        record.protection.registry_status = status;
    }

    fn related_person(&mut self) {
        let person = RelatedPerson {
            name: self.names(2).into_iter().next(),
            relationship: self.checked_code(3, "relationship", CodeTable::Relationship),
            addresses: self.addresses(4),
            telecoms: self.telecoms(5).into_iter().chain(self.telecoms(6)).collect(),
            identifiers: self.identifiers(33).into_iter().chain(self.identifier_of_kind(37, "SS")).collect(),
        };
        self.record_mut().related_persons.push(person);
    }

    /// PV1-20 is a financial class (FC): the class code, then the date it took effect. Senders also
    /// put a label there (`V02^VFC eligible - Medicaid^HL70064`); a date is never taken for one.
    fn financial_class(&mut self) {
        let Some(class) = self.component(20, 1) else { return };
        let second = self.component(20, 2).map(|c| c.value).filter(|text| !is_timestamp(text));
        let description = second.or_else(|| vfc_eligibility(&class.value).map(str::to_owned));
        let entry = InsuranceEntry {
            kind: InsuranceKind::FinancialClass,
            description: Some(class.clone().map(|code| match description {
                Some(label) => label,
                None => code,
            })),
            identifiers: Vec::new(),
            origin: class.at,
        };
        self.record_mut().insurance.push(entry);
    }

    fn insurance(&mut self) {
        let kind = match self.segment.map_or("", |s| s.id()) {
            "IN1" => InsuranceKind::Insurance,
            "IN2" => InsuranceKind::InsuranceAdditional,
            "IN3" => InsuranceKind::Certification,
            _ => InsuranceKind::Guarantor,
        };
        // Only the plan and the insurer's name are read; a guarantor is a person, so nothing of theirs is.
        let (description, identifiers) = match kind {
            InsuranceKind::Insurance => (
                self.component(4, 1).or_else(|| self.code(2).map(|c| c.map(|c| c.display().to_owned()))),
                self.identifiers(49).into_iter().chain(self.identifier_of_kind(36, "policy")).collect(),
            ),
            _ => (None, Vec::new()),
        };
        let origin = self.segment_location();
        self.record_mut().insurance.push(InsuranceEntry { kind, description, identifiers, origin });
    }

    fn order(&mut self) {
        self.finish_dose();
        self.order = Some(Order { entered_by: self.staff_name(10), ordered_by: self.staff_name(12) });
    }

    fn administration(&mut self) {
        self.finish_dose();
        let order = self.order.take().unwrap_or_default();
        let mut immunization = Immunization {
            origin: Some(self.segment_location()),
            entered_by: order.entered_by,
            ordered_by: order.ordered_by,
            ..Immunization::default()
        };
        immunization.date = self.date(3, "date given");
        self.vaccine_code(&mut immunization);
        let no_vaccine = immunization.cvx.as_ref().is_some_and(|c| c.value == "998");

        immunization.amount = self.component(6, 1).filter(|a| a.value != "999").map(|amount| {
            let unit = self.component(7, 1).map(|u| u.value).unwrap_or_default();
            amount.map(|a| if unit.is_empty() { a } else { format!("{a} {unit}") })
        });
        immunization.source = self.component(9, 1).and_then(|code| {
            let source = match code.value.as_str() {
                "00" => InformationSource::Administered,
                c if c.len() == 2 && c.starts_with('0') => InformationSource::Historical,
                _ => return None,
            };
            Some(code.map(|_| source))
        });
        immunization.administered_by = self.staff_name(10);
        immunization.administered_at = self.first(11).and_then(|(repetition, piece)| {
            let facility = piece.nth(self.d.component, 4);
            let name = self.text(facility.nth(self.d.subcomponent, 1));
            (!name.is_empty()).then(|| Located::new(name, self.location(11, repetition, 4, facility)))
        });
        immunization.lot_numbers = self
            .repetitions(15)
            .into_iter()
            .map(|(repetition, piece)| Located::new(self.text(piece), self.location(15, repetition, 0, piece)))
            .filter(|lot| !lot.value.is_empty())
            .collect();
        immunization.expiration_date = self.date(16, "expiration date");
        immunization.manufacturer = self.code(17).map(|m| {
            m.map(|mut code| {
                if code.text.is_empty() && !code.code.is_empty() {
                    code.text = codes::manufacturer_name(&code.code);
                }
                code
            })
        });
        immunization.refusal_reason = self.code(18);
        immunization.status = self.completion_status(no_vaccine);
        if self.component(21, 1).is_some_and(|action| action.value.eq_ignore_ascii_case("D")) {
            immunization.status = DoseStatus::EnteredInError;
        }
        self.dose = Some(DoseInProgress { immunization, groups: BTreeMap::new(), no_vaccine });
    }

    /// RXA-5: CVX in the first or the alternate triplet; NDC kept alongside.
    fn vaccine_code(&mut self, immunization: &mut Immunization) {
        let Some((repetition, piece)) = self.first(5) else {
            let at = self.segment_location();
            self.diagnostics.push(Diagnostic::warning(Some(at), "A dose has no vaccine code (RXA-5 is empty)."));
            immunization.vaccine = "Unknown vaccine (no code)".to_owned();
            immunization.vaccine_groups = vec![VaccineGroup::Other];
            return;
        };
        let component = |n: usize| piece.nth(self.d.component, n);
        for (code_at, text_at, system_at) in [(1, 2, 3), (4, 5, 6)] {
            let (code, text, system) =
                (self.text(component(code_at)), self.text(component(text_at)), self.text(component(system_at)));
            if code.is_empty() {
                continue;
            }
            let system = system.to_ascii_uppercase();
            let located = |n| Located::new(code.clone(), self.location(5, repetition, n, component(n)));
            if system == "CVX"
                || (system.is_empty()
                    && immunization.cvx.is_none()
                    && code.bytes().all(|b| b.is_ascii_digit())
                    && code.len() <= 3)
            {
                if immunization.cvx.is_none() {
                    immunization.cvx = Some(located(code_at));
                }
            } else if system.starts_with("NDC") && immunization.ndc.is_none() {
                immunization.ndc = Some(located(code_at));
            }
            if !text.is_empty() && immunization.sent_name.is_none() {
                immunization.sent_name =
                    Some(Located::new(text, self.location(5, repetition, text_at, component(text_at))));
            }
        }
        match &immunization.cvx {
            Some(cvx) => {
                immunization.vaccine = codes::vaccine_name(&cvx.value);
                immunization.vaccine_groups = codes::vaccine_groups(&cvx.value).to_vec();
            }
            None => {
                let at = self.location(5, repetition, 0, piece);
                self.diagnostics.push(Diagnostic::warning(
                    Some(at),
                    "A dose has no CVX code, only another coding; it is shown under its sent name and grouped as Other.",
                ));
                immunization.vaccine = match &immunization.sent_name {
                    Some(name) => format!("{} (no CVX code)", name.value),
                    None => "Unknown vaccine (no CVX code)".to_owned(),
                };
                immunization.vaccine_groups = vec![VaccineGroup::Other];
            }
        }
    }

    /// RXA-20: CP complete (also the default when empty), RE refused, NA not administered, PA partial.
    fn completion_status(&mut self, no_vaccine: bool) -> DoseStatus {
        let Some(status) = self.component(20, 1) else {
            return if no_vaccine { DoseStatus::NotAdministered } else { DoseStatus::Completed };
        };
        match status.value.to_ascii_uppercase().as_str() {
            "CP" => DoseStatus::Completed,
            "RE" => DoseStatus::Refused,
            "NA" => DoseStatus::NotAdministered,
            "PA" => DoseStatus::Partial,
            _ => {
                self.diagnostics.push(Diagnostic::warning(
                    Some(status.at),
                    "RXA-20 (completion status) is not CP, RE, NA or PA; the dose is shown as completed. Check it against the source.",
                ));
                DoseStatus::Completed
            }
        }
    }

    fn route(&mut self) {
        let route = self.checked_code(1, "route", CodeTable::Route);
        let site = self.checked_code(2, "site", CodeTable::Site);
        match self.dose.as_mut() {
            Some(dose) => {
                dose.immunization.route = route;
                dose.immunization.site = site;
            }
            None => {
                let at = self.segment_location();
                self.diagnostics.push(Diagnostic::warning(
                    Some(at),
                    "A route (RXR) appears without a dose (RXA) before it; it was not read.",
                ));
            }
        }
    }

    fn observation(&mut self) {
        let loinc = self.component(3, 1).map(|c| c.value).unwrap_or_default();
        let Some(kind) = observation_code(&loinc) else {
            let at = self.segment_location();
            let what = if loinc.is_empty() {
                "An observation with no code".to_owned()
            } else {
                format!("Observation {loinc}")
            };
            self.diagnostics
                .push(Diagnostic::warning(Some(at), format!("{what} is not one Record Desk reads; it was left out.")));
            return;
        };
        let value_type = self.component(2, 1).map(|c| c.value.to_ascii_uppercase()).unwrap_or_default();
        let value_code = self.code(5);
        let value_text = self.string(5);
        let value_date = if matches!(
            kind,
            ObservationCode::DueDate
                | ObservationCode::EarliestDate
                | ObservationCode::LatestDate
                | ObservationCode::OverdueDate
                | ObservationCode::VisPublished
                | ObservationCode::VisPresented
        ) {
            self.date(5, "observation date")
        } else {
            None
        };
        let observed_on = self.date(14, "date of observation");
        let sub_id = self.string(4).map(|s| s.value).unwrap_or_default();

        use ObservationCode::*;
        if let Clinical(kind) = kind {
            let Some(value) = value_code else { return };
            let observation = ClinicalObservation { kind, value, date: observed_on };
            match self.dose.as_mut() {
                Some(dose) if !dose.no_vaccine => dose.immunization.observations.push(observation),
                _ => self.record_mut().observations.push(observation),
            }
            return;
        }
        let Some(dose) = self.dose.as_mut() else {
            let at = self.segment_location();
            self.diagnostics.push(Diagnostic::warning(
                Some(at),
                format!("Observation {loinc} appears without a dose (RXA) before it; it was not read."),
            ));
            return;
        };
        match kind {
            FundingEligibility => dose.immunization.funding_eligibility = value_code,
            FundingSource => dose.immunization.funding_source = value_code,
            _ => {
                let group = dose.groups.entry(sub_id).or_default();
                match kind {
                    VaccineType => group.vaccine_type = value_code,
                    // The vaccine type (30956-7) names the group when both are sent.
                    VaccineDueNext => {
                        if group.vaccine_type.is_none() {
                            group.vaccine_type = value_code;
                        }
                    }
                    Schedule => group.schedule = value_code,
                    DoseNumber => group.dose_number = value_text,
                    DosesInSeries => group.doses_in_series = value_text,
                    DoseValidity => {
                        group.valid = value_code.and_then(|v| match v.value.code.to_ascii_uppercase().as_str() {
                            "Y" => Some(v.map(|_| true)),
                            "N" => Some(v.map(|_| false)),
                            _ => None,
                        })
                    }
                    ValidityReason => group.reason = value_code,
                    SeriesStatus => group.series_status = value_code,
                    DueDate => group.due = value_date,
                    EarliestDate => group.earliest = value_date,
                    LatestDate => group.latest = value_date,
                    OverdueDate => group.overdue = value_date,
                    VisDocument => group.vis_document = value_code,
                    VisPublished => group.vis_published = value_date,
                    VisPresented => group.vis_presented = value_date,
                    FundingEligibility | FundingSource | Clinical(_) => {}
                }
            }
        }
        let _ = value_type;
    }

    fn note(&mut self) {
        let Some(text) = self.string(3) else { return };
        match self.dose.as_mut() {
            Some(dose) if !dose.no_vaccine => dose.immunization.notes.push(text),
            _ => self.record_mut().notes.push(text),
        }
    }

    // ── Finishing ────────────────────────────────────────────────────────────────

    fn finish_dose(&mut self) {
        let Some(dose) = self.dose.take() else { return };
        let mut immunization = dose.immunization;
        let mut forecast = Vec::new();
        for (_, group) in dose.groups {
            if group.is_vis() {
                immunization.vis.push(group.into_vis());
            } else if dose.no_vaccine || group.is_forecast() {
                forecast.push(group.into_forecast());
            } else {
                immunization.evaluations.push(group.into_evaluation());
            }
        }
        let record = self.record_mut();
        record.forecast.extend(forecast);
        if dose.no_vaccine {
            // CVX 998 carries a forecast or an observation, never a dose; its notes stay with the record.
            record.notes.extend(immunization.notes);
        } else {
            record.immunizations.push(immunization);
        }
    }

    fn finish_record(&mut self) {
        self.finish_dose();
        self.order = None;
        if let Some(record) = self.record.take() {
            self.records.push(record);
        }
    }

    fn finish(mut self) -> (MessageSummary, Vec<Record>, Vec<Diagnostic>) {
        self.finish_record();
        self.summary.records = self.records.len() as u32;
        (self.summary, self.records, self.diagnostics)
    }
}

/// An HL7 timestamp (`YYYY[MM[DD[HHMM[SS[.S]]]]][+/-ZZZZ]`): digits with an optional fraction and zone.
fn is_timestamp(text: &str) -> bool {
    let digits = text.split(['+', '-']).next().unwrap_or("");
    let whole = digits.split('.').next().unwrap_or("");
    whole.len() >= 4 && whole.len() <= 14 && whole.bytes().all(|b| b.is_ascii_digit())
}

/// HL7 table 0064, the VFC eligibility codes PV1-20 carries in older messages.
fn vfc_eligibility(code: &str) -> Option<&'static str> {
    Some(match code.trim() {
        "V01" => "Not VFC eligible",
        "V02" => "VFC eligible - Medicaid/Medicaid Managed Care",
        "V03" => "VFC eligible - Uninsured",
        "V04" => "VFC eligible - American Indian/Alaskan Native",
        "V05" => "VFC eligible - Federally Qualified Health Center Patient (under-insured)",
        "V06" => "VFC eligible - State specific eligibility",
        "V07" => "Local-specific eligibility",
        _ => return None,
    })
}
