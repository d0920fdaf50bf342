//! Pages from a report: where every line of text, rule and shaded box goes. Pure arithmetic in
//! points, from the top-left corner of the page; the writer turns it into PDF.
//!
//! The rules: text wraps at spaces (a word wider than its column breaks between letters); a
//! table's header, and its caption marked "(continued)", repeat on every page it runs onto; a
//! heading or caption never ends a page (it moves to the next page with the header and first
//! row); table rows and fields are kept whole unless one is taller than a page.

use recdesk_report::{Block, Field, Report, Table};
use serde::Serialize;

use crate::font::width;
use crate::{Paper, RenderOptions};

/// Laid-out pages.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Vec<Item>>,
}

/// One thing drawn on a page. Coordinates are points from the top-left corner; a text's `y` is
/// its baseline.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Item {
    Text { x: f32, y: f32, size: f32, bold: bool, grey: f32, text: String },
    Rule { x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32, grey: f32 },
    Shade { x: f32, y: f32, width: f32, height: f32, grey: f32 },
}

impl Item {
    /// The rightmost point the item reaches.
    pub fn right(&self) -> f32 {
        match self {
            Item::Text { x, size, text, .. } => x + width(text, *size),
            Item::Rule { x1, x2, .. } => x1.max(*x2),
            Item::Shade { x, width, .. } => x + width,
        }
    }

    /// The lowest point the item reaches (a text's descent included).
    pub fn bottom(&self) -> f32 {
        match self {
            Item::Text { y, size, .. } => y + size * 0.25,
            Item::Rule { y1, y2, .. } => y1.max(*y2),
            Item::Shade { y, height, .. } => y + height,
        }
    }
}

const MARGIN_X: f32 = 54.0;
const MARGIN_TOP: f32 = 48.0;
const MARGIN_BOTTOM: f32 = 40.0;
const LEADING: f32 = 1.3;
/// The least space between the footer's first line and the page label beside it.
const LABEL_GAP: f32 = 12.0;

const TITLE: f32 = 17.0;
const BANNER: f32 = 9.5;
const HEADING: f32 = 12.5;
const CAPTION: f32 = 10.5;
const HEADER: f32 = 8.5;
const BODY: f32 = 9.0;
const LABEL: f32 = 8.5;
const SMALL: f32 = 7.5;
const CELL_PAD_X: f32 = 3.5;
const CELL_PAD_Y: f32 = 2.5;

const INK: f32 = 0.0;
const MUTED: f32 = 0.35;
const RULE: f32 = 0.75;
const SHADE: f32 = 0.91;

/// Lines of `text` no wider than `max` at `size`. Breaks at spaces and at line breaks in the
/// text (a translation's `TRANSLATION_BREAK` too); a word wider than `max` is broken between
/// letters. Never empty.
/// The body size of a table: the usual one, or smaller when a column of many narrow ones (a
/// school status's dose dates) cannot hold its longest word whole at it. Never below `SMALL`.
fn body_size(table: &Table, widths: &[f32]) -> f32 {
    let fits = |size: f32| {
        table.rows.iter().all(|row| {
            row.iter().zip(widths).all(|(cell, w)| {
                shown(cell).split_whitespace().all(|word| crate::font::width(word, size) <= w - 2.0 * CELL_PAD_X)
            })
        })
    };
    [BODY, 8.5, 8.0, SMALL].into_iter().find(|size| fits(*size)).unwrap_or(SMALL)
}

pub(crate) fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let text = shown(text);
    for paragraph in text.split(['\n', recdesk_report::TRANSLATION_BREAK]) {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if width(&candidate, size) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if width(&line, size) > max && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// A row of cells, each already wrapped, with the size its text is set in.
struct Row {
    cells: Vec<Vec<String>>,
    size: f32,
    bold: bool,
    /// The grey of each cell's text.
    greys: Vec<f32>,
}

impl Row {
    fn lines(&self) -> usize {
        self.cells.iter().map(Vec::len).max().unwrap_or(1).max(1)
    }

    fn height(&self) -> f32 {
        self.lines() as f32 * self.size * LEADING + 2.0 * CELL_PAD_Y
    }
}

/// What a page break inside a table redraws at the top of the next page.
struct Repeat {
    caption: Option<String>,
    continued: String,
    header: Row,
    x: Vec<f32>,
    widths: Vec<f32>,
}

struct Pages<'r> {
    report: &'r Report,
    /// The footer's lines, wrapped beside the room kept for the page label.
    footer: Vec<String>,
    continued: String,
    width: f32,
    height: f32,
    pages: Vec<Vec<Item>>,
    y: f32,
    repeat: Option<Repeat>,
}

pub(crate) fn layout(report: &Report, options: &RenderOptions) -> Layout {
    let (page_width, page_height) = match options.paper {
        Paper::Letter => (612.0, 792.0),
        Paper::A4 => (595.276, 841.89),
    };
    // The footer wraps beside the widest page label, which the page count decides, and the count
    // is known only once the pages are laid out: room for a two-digit count first ("Page 88 of
    // 88"), then, if a label of the real count is wider, again with room for that one.
    let mut label_room = width(&page_label(report, 88, 88), SMALL);
    loop {
        let pages = pages(report, page_width, page_height, label_room);
        let widest = page_label_width(report, pages.len());
        if widest <= label_room {
            return Layout { width: page_width, height: page_height, pages };
        }
        label_room = widest;
    }
}

/// A text as drawn: a value's translation after " / " (`INLINE_TRANSLATION` in the model).
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(recdesk_report::INLINE_TRANSLATION) {
        text.replace(recdesk_report::INLINE_TRANSLATION, recdesk_report::INLINE_TRANSLATION_SHOWN).into()
    } else {
        text.into()
    }
}

/// "Page x of y" as drawn.
fn page_label(report: &Report, page: usize, pages: usize) -> String {
    shown(&report.page_label(page, pages)).into_owned()
}

/// The widest "Page x of y" of a report of `count` pages.
fn page_label_width(report: &Report, count: usize) -> f32 {
    (1..=count).map(|page| width(&page_label(report, page, count), SMALL)).fold(0.0, f32::max)
}

fn pages(report: &Report, width: f32, height: f32, label_room: f32) -> Vec<Vec<Item>> {
    let content_width = width - 2.0 * MARGIN_X;
    let mut pages = Pages {
        report,
        footer: wrap(&report.footer, SMALL, content_width - label_room - LABEL_GAP),
        continued: report.continued.clone(),
        width,
        height,
        pages: vec![Vec::new()],
        y: MARGIN_TOP,
        repeat: None,
    };
    pages.title();
    if let Some(lines) = &report.mail_to {
        pages.mail_to(lines);
    }
    for section in &report.sections {
        pages.section(&section.heading, &section.blocks);
    }
    pages.footers();
    pages.pages
}

impl Pages<'_> {
    fn content_width(&self) -> f32 {
        self.width - 2.0 * MARGIN_X
    }

    /// Where the body ends: above the footer, which is the same on every page.
    fn bottom(&self) -> f32 {
        self.height - MARGIN_BOTTOM - self.footer.len() as f32 * SMALL * LEADING - 8.0
    }

    fn items(&mut self) -> &mut Vec<Item> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, grey: f32, text: &str) {
        if !text.is_empty() {
            // What the font cannot print is drawn as the placeholder, as it was measured.
            let text = text.chars().map(crate::font::printable).collect();
            self.items().push(Item::Text { x, y, size, bold, grey, text });
        }
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, grey: f32) {
        self.items().push(Item::Rule { x1, y1: y, x2, y2: y, thickness, grey });
    }

    fn shade(&mut self, x: f32, y: f32, width: f32, height: f32) {
        self.items().push(Item::Shade { x, y, width, height, grey: SHADE });
    }

    /// Starts a page: the running header, then a table's caption and header if one is open.
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN_TOP;
        let header = self.report.running_header.clone();
        let lines = wrap(&header, SMALL, self.content_width());
        for line in &lines {
            self.y += SMALL * LEADING;
            self.text(MARGIN_X, self.y - SMALL * 0.3, SMALL, false, MUTED, line);
        }
        self.y += 3.0;
        self.rule(MARGIN_X, self.width - MARGIN_X, self.y, 0.4, RULE);
        self.y += 10.0;
        if let Some(repeat) = self.repeat.take() {
            if let Some(caption) = &repeat.caption {
                let text = format!("{caption} {}", repeat.continued);
                self.caption(&text);
            }
            self.row(&repeat.header, &repeat.x, &repeat.widths, true);
            self.repeat = Some(repeat);
        }
    }

    /// Moves to a new page unless `height` fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.y + height > self.bottom() && self.y > MARGIN_TOP + 40.0 {
            self.new_page();
        }
    }

    fn title(&mut self) {
        let content = self.content_width();
        for line in wrap(&self.report.title, TITLE, content) {
            self.y += TITLE * LEADING;
            self.text(MARGIN_X, self.y - TITLE * 0.3, TITLE, true, INK, &line);
        }
        self.y += 8.0;
        let lines = wrap(&self.report.banner, BANNER, content - 2.0 * 8.0);
        let height = lines.len() as f32 * BANNER * LEADING + 2.0 * 6.0;
        self.shade(MARGIN_X, self.y, content, height);
        let top = self.y;
        self.items().push(Item::Rule {
            x1: MARGIN_X + 1.0,
            y1: top,
            x2: MARGIN_X + 1.0,
            y2: top + height,
            thickness: 2.0,
            grey: MUTED,
        });
        let mut y = self.y + 6.0;
        for line in &lines {
            y += BANNER * LEADING;
            self.text(MARGIN_X + 8.0, y - BANNER * 0.3, BANNER, true, INK, line);
        }
        self.y += height + 4.0;
    }

    /// The recipient's address where a US #10 window envelope shows it when the page is folded in
    /// three: its first line 2 inches from the top, 1 inch from the left, within 3.5 by 1.1 inches.
    /// (Lower if the title ran long: the address is never drawn over it.)
    fn mail_to(&mut self, lines: &[String]) {
        const TOP: f32 = 144.0;
        const LEFT: f32 = 72.0;
        const WIDTH: f32 = 252.0;
        const HEIGHT: f32 = 81.0;
        const SIZE: f32 = 10.0;
        let top = (self.y + 10.0).max(TOP);
        let mut y = top;
        for line in lines.iter().flat_map(|line| wrap(line, SIZE, WIDTH)) {
            y += SIZE * LEADING;
            self.text(LEFT, y - SIZE * 0.3, SIZE, false, INK, &line);
        }
        self.y = y.max(top + HEIGHT) + 10.0;
    }

    fn heading_height(&self, heading: &str) -> f32 {
        wrap(heading, HEADING, self.content_width()).len() as f32 * HEADING * LEADING + 14.0 + 6.0
    }

    fn section(&mut self, heading: &str, blocks: &[Block]) {
        // A heading stays with the start of what it heads.
        let first = blocks.first().map_or(0.0, |block| self.first_height(block));
        self.ensure(self.heading_height(heading) + first);
        self.y += 14.0;
        for line in wrap(heading, HEADING, self.content_width()) {
            self.y += HEADING * LEADING;
            self.text(MARGIN_X, self.y - HEADING * 0.3, HEADING, true, INK, &line);
        }
        self.y += 2.0;
        self.rule(MARGIN_X, self.width - MARGIN_X, self.y, 0.6, MUTED);
        self.y += 4.0;
        for block in blocks {
            match block {
                Block::Fields(fields) => self.fields(fields),
                Block::Table(table) => self.table(table),
                Block::Paragraph(text) => self.paragraph(text),
            }
        }
    }

    /// The height of the start of a block that must not be left alone at a page's foot.
    fn first_height(&self, block: &Block) -> f32 {
        match block {
            Block::Fields(fields) => self.fields_start_height(fields),
            Block::Paragraph(text) => {
                let lines = wrap(text, BODY, self.content_width()).len().min(2);
                lines as f32 * BODY * LEADING + 6.0
            }
            Block::Table(table) => self.table_start_height(table),
        }
    }

    /// A table's caption, header and first row: what must start on the same page.
    fn table_start_height(&self, table: &Table) -> f32 {
        let (_, widths) = self.columns(table);
        let caption = table.caption.as_ref().map_or(0.0, |c| self.caption_height(c));
        let header = self.header_row(table, &widths).height();
        let size = body_size(table, &widths);
        let first = table.rows.first().map_or(0.0, |r| self.body_row(r, &widths, size).height());
        caption + header + first + 4.0
    }

    /// A block of fields (an identity, the attestation) is kept whole when it fits a page;
    /// otherwise its first field starts the page.
    fn fields_start_height(&self, fields: &[Field]) -> f32 {
        let whole: f32 = fields.iter().map(|f| self.field_row(f).height()).sum::<f32>() + 4.0;
        let page = self.bottom() - MARGIN_TOP - 60.0;
        if whole <= page { whole } else { fields.first().map_or(0.0, |f| self.field_row(f).height()) }
    }

    fn label_width(&self) -> f32 {
        (self.content_width() * 0.28).min(150.0)
    }

    fn field_row(&self, field: &Field) -> Row {
        let label = self.label_width();
        Row {
            cells: vec![
                wrap(&field.label, LABEL, label - 2.0 * CELL_PAD_X),
                wrap(&field.value, BODY, self.content_width() - label - 2.0 * CELL_PAD_X),
            ],
            size: BODY,
            bold: false,
            greys: vec![MUTED, INK],
        }
    }

    fn fields(&mut self, fields: &[Field]) {
        self.ensure(self.fields_start_height(fields));
        let label = self.label_width();
        let x = [MARGIN_X, MARGIN_X + label];
        let widths = [label, self.content_width() - label];
        for field in fields {
            let row = self.field_row(field);
            self.row(&row, &x, &widths, false);
        }
        self.y += 4.0;
    }

    fn paragraph(&mut self, text: &str) {
        let lines = wrap(text, BODY, self.content_width());
        // At least two lines of a paragraph together at a page's foot.
        self.ensure(lines.len().min(2) as f32 * BODY * LEADING);
        for line in &lines {
            self.ensure(BODY * LEADING);
            self.y += BODY * LEADING;
            self.text(MARGIN_X, self.y - BODY * 0.3, BODY, false, INK, line);
        }
        self.y += 6.0;
    }

    fn columns(&self, table: &Table) -> (Vec<f32>, Vec<f32>) {
        let total: f32 = table.columns.iter().map(|c| c.weight.max(0.1)).sum();
        let widths: Vec<f32> =
            table.columns.iter().map(|c| self.content_width() * c.weight.max(0.1) / total.max(0.1)).collect();
        let mut x = Vec::with_capacity(widths.len());
        let mut at = MARGIN_X;
        for w in &widths {
            x.push(at);
            at += w;
        }
        (x, widths)
    }

    fn header_row(&self, table: &Table, widths: &[f32]) -> Row {
        Row {
            cells: table
                .columns
                .iter()
                .zip(widths)
                .map(|(c, w)| wrap(&c.title, HEADER, w - 2.0 * CELL_PAD_X))
                .collect(),
            size: HEADER,
            bold: true,
            greys: vec![INK; widths.len()],
        }
    }

    fn body_row(&self, cells: &[String], widths: &[f32], size: f32) -> Row {
        Row {
            cells: widths
                .iter()
                .enumerate()
                .map(|(i, w)| wrap(cells.get(i).map_or("", String::as_str), size, w - 2.0 * CELL_PAD_X))
                .collect(),
            size,
            bold: false,
            greys: vec![INK; widths.len()],
        }
    }

    fn caption_height(&self, caption: &str) -> f32 {
        wrap(caption, CAPTION, self.content_width()).len() as f32 * CAPTION * LEADING + 6.0
    }

    fn caption(&mut self, caption: &str) {
        self.y += 4.0;
        for line in wrap(caption, CAPTION, self.content_width()) {
            self.y += CAPTION * LEADING;
            self.text(MARGIN_X, self.y - CAPTION * 0.3, CAPTION, true, INK, &line);
        }
        self.y += 2.0;
    }

    fn table(&mut self, table: &Table) {
        let (x, widths) = self.columns(table);
        let header = self.header_row(table, &widths);
        self.ensure(self.table_start_height(table));
        if let Some(caption) = &table.caption {
            self.caption(caption);
        }
        self.row(&header, &x, &widths, true);
        self.repeat = Some(Repeat {
            caption: table.caption.clone(),
            continued: self.continued.clone(),
            header,
            x: x.clone(),
            widths: widths.clone(),
        });
        let size = body_size(table, &widths);
        for cells in &table.rows {
            let row = self.body_row(cells, &widths, size);
            self.row(&row, &x, &widths, false);
        }
        self.repeat = None;
        self.y += 6.0;
    }

    /// Draws a row, on the next page when it does not fit here; a row taller than a page is
    /// split between lines.
    fn row(&mut self, row: &Row, x: &[f32], widths: &[f32], shaded: bool) {
        let line = row.size * LEADING;
        if self.y + row.height() > self.bottom() {
            self.new_page();
        }
        let total = row.lines();
        let mut start = 0;
        while start < total {
            let room = ((self.bottom() - self.y - 2.0 * CELL_PAD_Y) / line).floor().max(0.0) as usize;
            if room == 0 {
                self.new_page();
                continue;
            }
            let take = room.min(total - start);
            let height = take as f32 * line + 2.0 * CELL_PAD_Y;
            let right = x.last().copied().unwrap_or(MARGIN_X) + widths.last().copied().unwrap_or(0.0);
            if shaded {
                self.shade(MARGIN_X, self.y, right - MARGIN_X, height);
            }
            for (i, cell) in row.cells.iter().enumerate() {
                let grey = row.greys.get(i).copied().unwrap_or(INK);
                for (n, text) in cell.iter().enumerate().skip(start).take(take) {
                    let baseline = self.y + CELL_PAD_Y + (n - start + 1) as f32 * line - row.size * 0.3;
                    self.text(x[i] + CELL_PAD_X, baseline, row.size, row.bold, grey, text);
                }
            }
            self.y += height;
            if !shaded {
                self.rule(MARGIN_X, right, self.y, 0.4, RULE);
            }
            start += take;
            if start < total {
                self.new_page();
            }
        }
    }

    /// The footer and "page x of y" on every page, once the page count is known.
    fn footers(&mut self) {
        let lines = self.footer.clone();
        let count = self.pages.len();
        let top = self.height - MARGIN_BOTTOM - lines.len() as f32 * SMALL * LEADING;
        for page in 0..count {
            let mut items = Vec::new();
            items.push(Item::Rule {
                x1: MARGIN_X,
                y1: top - 4.0,
                x2: self.width - MARGIN_X,
                y2: top - 4.0,
                thickness: 0.4,
                grey: RULE,
            });
            for (n, line) in lines.iter().enumerate() {
                let y = top + (n + 1) as f32 * SMALL * LEADING - SMALL * 0.3;
                items.push(Item::Text { x: MARGIN_X, y, size: SMALL, bold: false, grey: MUTED, text: line.clone() });
            }
            let label = page_label(self.report, page + 1, count);
            let x = self.width - MARGIN_X - width(&label, SMALL);
            let y = top + SMALL * LEADING - SMALL * 0.3;
            items.push(Item::Text { x, y, size: SMALL, bold: false, grey: MUTED, text: label });
            self.pages[page].extend(items);
        }
    }
}
