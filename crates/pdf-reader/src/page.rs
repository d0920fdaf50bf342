//! One page's content, interpreted for what can carry a card: the pictures it draws (image
//! XObjects, also inside forms, and inline images), the squares it fills, and the text it shows.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};
use recdesk_qr::Luma;

use crate::Limits;
use crate::content::{Event, InlineImage, Operand, Tokenizer};
use crate::image::{self, ImageSkip, ImageSource};
use crate::raster::{Fill, Point};
use crate::text::FontText;

/// What a page holds that may be a card.
#[derive(Debug, Default)]
pub struct PageContent {
    pub pictures: Vec<Luma>,
    pub fills: Vec<Fill>,
    pub text: String,
    /// Pictures stored in a format not read (by name, once each).
    pub unread_formats: Vec<String>,
    /// The page's content was cut short by a limit.
    pub truncated: bool,
}

/// State shared by a document's pages: pictures already read are not read again.
#[derive(Debug, Default)]
pub struct DocumentState {
    pub seen_images: HashSet<ObjectId>,
    pub operations: usize,
    pub pictures: usize,
    fonts: HashMap<ObjectId, std::rc::Rc<FontText>>,
}

#[derive(Clone, Copy, Debug)]
struct Graphics {
    ctm: [f32; 6],
    fill_luma: u8,
}

/// Graphics states saved at once (q without Q) before further saves are ignored.
const MAX_SAVED: usize = 256;
/// Points kept in fills on one page (a QR code of version 40 drawn square by square has about
/// 100,000).
const MAX_FILL_POINTS: usize = 2_000_000;

pub struct PageReader<'a> {
    doc: &'a Document,
    limits: &'a Limits,
    state: &'a mut DocumentState,
    content: PageContent,
    path: Vec<Vec<Point>>,
    fill_points: usize,
    font: std::rc::Rc<FontText>,
}

impl<'a> PageReader<'a> {
    pub fn read(doc: &'a Document, page: ObjectId, limits: &'a Limits, state: &'a mut DocumentState) -> PageContent {
        let mut reader = PageReader {
            doc,
            limits,
            state,
            content: PageContent::default(),
            path: Vec::new(),
            fill_points: 0,
            font: std::rc::Rc::new(FontText::bytes()),
        };
        let resources = page_resources(doc, page);
        match doc.get_page_content_with_limit(page, limits.max_decompressed_bytes) {
            Ok(bytes) => {
                reader.run(&bytes, &resources, Graphics { ctm: IDENTITY, fill_luma: 0 }, 0);
            }
            Err(_) => reader.content.truncated = true,
        }
        reader.content
    }

    fn resolve(&self, object: &Object) -> Object {
        resolve(self.doc, object)
    }

    fn run(&mut self, bytes: &[u8], resources: &Dictionary, start: Graphics, depth: usize) {
        let mut graphics = start;
        let mut saved: Vec<Graphics> = Vec::new();
        for event in Tokenizer::new(bytes) {
            self.state.operations += 1;
            if self.state.operations > self.limits.max_operations {
                self.content.truncated = true;
                return;
            }
            let (operator, operands) = match event {
                Event::InlineImage(inline) => {
                    self.inline_image(&inline, resources);
                    continue;
                }
                Event::Operator(operator, operands) => (operator, operands),
            };
            let numbers: Vec<f32> = operands.iter().filter_map(Operand::number).collect();
            match operator.as_slice() {
                b"q" if saved.len() < MAX_SAVED => saved.push(graphics),
                b"Q" => graphics = saved.pop().unwrap_or(graphics),
                b"cm" if numbers.len() == 6 => {
                    let m = [numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5]];
                    graphics.ctm = multiply(&m, &graphics.ctm);
                }
                b"g" if numbers.len() == 1 => graphics.fill_luma = unit(numbers[0]),
                b"rg" if numbers.len() == 3 => {
                    graphics.fill_luma = recdesk_qr::rgb_to_luma(unit(numbers[0]), unit(numbers[1]), unit(numbers[2]));
                }
                b"k" if numbers.len() == 4 => graphics.fill_luma = cmyk_luma(&numbers),
                b"sc" | b"scn" => {
                    graphics.fill_luma = match numbers.len() {
                        1 => unit(numbers[0]),
                        3 => recdesk_qr::rgb_to_luma(unit(numbers[0]), unit(numbers[1]), unit(numbers[2])),
                        4 => cmyk_luma(&numbers),
                        _ => graphics.fill_luma,
                    };
                }
                b"cs" => graphics.fill_luma = 0,
                b"m" if numbers.len() == 2 => {
                    let point = transform(&graphics.ctm, numbers[0], numbers[1]);
                    self.path.push(vec![point]);
                }
                b"l" if numbers.len() == 2 => self.line_to(&graphics, numbers[0], numbers[1]),
                b"c" if numbers.len() == 6 => self.line_to(&graphics, numbers[4], numbers[5]),
                b"v" | b"y" if numbers.len() == 4 => self.line_to(&graphics, numbers[2], numbers[3]),
                b"re" if numbers.len() == 4 => {
                    let (x, y, w, h) = (numbers[0], numbers[1], numbers[2], numbers[3]);
                    let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
                    self.path.push(corners.iter().map(|&(x, y)| transform(&graphics.ctm, x, y)).collect());
                }
                b"f" | b"F" | b"B" | b"b" => self.fill(&graphics, false),
                b"f*" | b"B*" | b"b*" => self.fill(&graphics, true),
                b"S" | b"s" | b"n" => self.path.clear(),
                b"Tf" => {
                    if let Some(Operand::Name(name)) = operands.first() {
                        self.font = self.font(resources, name);
                    }
                }
                b"Tj" | b"'" | b"\"" => {
                    if let Some(Operand::String(bytes)) = operands.last() {
                        self.font.decode(bytes, &mut self.content.text);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = operands.first() {
                        for item in items {
                            if let Operand::String(bytes) = item {
                                self.font.decode(bytes, &mut self.content.text);
                            }
                        }
                    }
                }
                b"BT" | b"ET" | b"Td" | b"TD" | b"T*" | b"Tm" => self.content.text.push('\n'),
                b"Do" => {
                    if let Some(Operand::Name(name)) = operands.first() {
                        self.draw_object(resources, name, &graphics, depth);
                    }
                }
                _ => {}
            }
        }
    }

    fn line_to(&mut self, graphics: &Graphics, x: f32, y: f32) {
        let point = transform(&graphics.ctm, x, y);
        match self.path.last_mut() {
            Some(subpath) => subpath.push(point),
            None => self.path.push(vec![point]),
        }
    }

    fn fill(&mut self, graphics: &Graphics, even_odd: bool) {
        let subpaths = std::mem::take(&mut self.path);
        let points: usize = subpaths.iter().map(Vec::len).sum();
        if self.fill_points + points > MAX_FILL_POINTS {
            self.content.truncated = true;
            return;
        }
        self.fill_points += points;
        self.content.fills.push(Fill { subpaths, even_odd, luma: graphics.fill_luma });
    }

    /// `Do`: a picture, or a form whose content is run in place.
    fn draw_object(&mut self, resources: &Dictionary, name: &[u8], graphics: &Graphics, depth: usize) {
        let Some((id, stream)) =
            named_resource(self.doc, resources, b"XObject", name).and_then(|(id, object)| match object {
                Object::Stream(stream) => Some((id, stream)),
                _ => None,
            })
        else {
            return;
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => {
                if let Some(id) = id
                    && !self.state.seen_images.insert(id)
                {
                    return;
                }
                let source = ImageSource { dict: &stream.dict, data: &stream.content };
                self.picture(&source);
            }
            Ok(b"Form") if depth < self.limits.max_form_depth => {
                let Ok(bytes) =
                    stream.decompressed_content_with_limit(self.limits.max_decompressed_bytes).or_else(|error| {
                        // A form without a filter is its content as is.
                        if stream.dict.get(b"Filter").is_err() { Ok(stream.content.clone()) } else { Err(error) }
                    })
                else {
                    return;
                };
                let mut inner = *graphics;
                if let Ok(Object::Array(matrix)) = stream.dict.get(b"Matrix") {
                    let numbers: Vec<f32> = matrix.iter().filter_map(|n| n.as_float().ok()).collect();
                    if numbers.len() == 6 {
                        let m = [numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5]];
                        inner.ctm = multiply(&m, &graphics.ctm);
                    }
                }
                let form_resources = match stream.dict.get(b"Resources").map(|r| self.resolve(r)) {
                    Ok(Object::Dictionary(dict)) => dict,
                    _ => resources.clone(),
                };
                self.run(&bytes, &form_resources, inner, depth + 1);
            }
            _ => {}
        }
    }

    fn inline_image(&mut self, inline: &InlineImage, resources: &Dictionary) {
        let mut dict = Dictionary::new();
        for (key, value) in &inline.entries {
            let mut value = to_object(value);
            // An inline image may name a colour space from the page's resources.
            if (key.as_slice() == b"CS" || key.as_slice() == b"ColorSpace")
                && let Object::Name(name) = &value
                && let Some((_, space)) = named_resource(self.doc, resources, b"ColorSpace", name)
            {
                value = space.clone();
            }
            dict.set(key.clone(), value);
        }
        self.picture(&ImageSource { dict: &dict, data: &inline.data });
    }

    fn picture(&mut self, source: &ImageSource<'_>) {
        if self.state.pictures >= self.limits.max_pictures {
            self.content.truncated = true;
            return;
        }
        self.state.pictures += 1;
        let doc = self.doc;
        match image::to_luma(source, &|object| resolve(doc, object), self.limits) {
            Ok(picture) => self.content.pictures.push(picture),
            Err(ImageSkip::Format(format)) => {
                if !self.content.unread_formats.contains(&format) {
                    self.content.unread_formats.push(format);
                }
            }
            Err(ImageSkip::Unusable) => {}
        }
    }

    fn font(&mut self, resources: &Dictionary, name: &[u8]) -> std::rc::Rc<FontText> {
        let Some((id, Object::Dictionary(font))) = named_resource(self.doc, resources, b"Font", name) else {
            return std::rc::Rc::new(FontText::bytes());
        };
        if let Some(cached) = id.and_then(|id| self.state.fonts.get(&id)) {
            return cached.clone();
        }
        let to_unicode = font.get(b"ToUnicode").map(|object| self.resolve(object));
        let text = match to_unicode {
            Ok(Object::Stream(cmap)) => {
                let bytes = cmap.decompressed_content_with_limit(1 << 20).unwrap_or_else(|_| cmap.content.clone());
                FontText::from_cmap(&bytes)
            }
            _ if font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0") => FontText::unreadable(),
            _ => FontText::bytes(),
        };
        let text = std::rc::Rc::new(text);
        if let Some(id) = id {
            self.state.fonts.insert(id, text.clone());
        }
        text
    }
}

impl std::fmt::Debug for PageReader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageReader").finish_non_exhaustive()
    }
}

const IDENTITY: [f32; 6] = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` for PDF's row-vector matrices [a b c d e f].
fn multiply(a: &[f32; 6], b: &[f32; 6]) -> [f32; 6] {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn transform(m: &[f32; 6], x: f32, y: f32) -> Point {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

fn unit(value: f32) -> u8 {
    (value.clamp(0.0, 1.0) * 255.0).round() as u8
}

fn cmyk_luma(numbers: &[f32]) -> u8 {
    let ink = |c: f32| unit(1.0 - (c + numbers[3]).min(1.0));
    recdesk_qr::rgb_to_luma(ink(numbers[0]), ink(numbers[1]), ink(numbers[2]))
}

/// The object a reference points to (a few hops at most), or the object itself.
pub fn resolve(doc: &Document, object: &Object) -> Object {
    doc.dereference(object).map(|(_, object)| object.clone()).unwrap_or(Object::Null)
}

/// The page's resources, inherited from its parents where it has none of its own.
fn page_resources(doc: &Document, page: ObjectId) -> Dictionary {
    match doc.get_page_resources(page) {
        Ok((Some(own), _)) => own.clone(),
        Ok((None, inherited)) => {
            inherited.first().and_then(|id| doc.get_dictionary(*id).ok()).cloned().unwrap_or_default()
        }
        Err(_) => Dictionary::new(),
    }
}

/// `resources[category][name]`, following references; with the object's id when it has one.
fn named_resource<'d>(
    doc: &'d Document,
    resources: &'d Dictionary,
    category: &[u8],
    name: &[u8],
) -> Option<(Option<ObjectId>, &'d Object)> {
    let (_, group) = doc.dereference(resources.get(category).ok()?).ok()?;
    let entry = group.as_dict().ok()?.get(name).ok()?;
    let (id, object) = doc.dereference(entry).ok()?;
    Some((id, object))
}

fn to_object(operand: &Operand) -> Object {
    match operand {
        Operand::Number(value) if value.fract() == 0.0 && value.abs() < 1e9 => Object::Integer(*value as i64),
        Operand::Number(value) => Object::Real(*value),
        Operand::Name(name) => Object::Name(name.clone()),
        Operand::String(bytes) => Object::string_literal(bytes.clone()),
        Operand::Array(items) => Object::Array(items.iter().map(to_object).collect()),
        Operand::Other => Object::Null,
    }
}
