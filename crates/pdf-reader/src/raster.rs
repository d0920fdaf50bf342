//! Drawn shapes → pixels, for a QR code a PDF draws as vector squares rather than as a picture.
//!
//! Only fills matter for a code: each filled path (squares, or one path of many squares, with
//! the non-zero or even-odd rule) is painted in its gray level, in drawing order, onto a white
//! canvas covering the small dark shapes, at a scale that gives each module a few pixels.

use recdesk_qr::Luma;

/// A point on the page, in PDF units (1/72 inch), y up.
pub type Point = (f32, f32);

/// One filled path.
#[derive(Clone, Debug)]
pub struct Fill {
    pub subpaths: Vec<Vec<Point>>,
    pub even_odd: bool,
    pub luma: u8,
}

/// Pixels per module aimed for, and the canvas's longest side.
const PIXELS_PER_MODULE: f32 = 4.0;
const MAX_SIDE: f32 = 3000.0;

/// Paints the page's fills around its small dark shapes; `None` when there is nothing that
/// could be a code (fewer than `min_shapes` small dark shapes).
pub fn render(fills: &[Fill], min_shapes: usize) -> Option<Luma> {
    let mut sides = Vec::new();
    let mut region: Option<[f32; 4]> = None;
    for fill in fills.iter().filter(|fill| fill.luma < 128) {
        for subpath in &fill.subpaths {
            let Some(bounds) = bounds(subpath) else { continue };
            let (w, h) = (bounds[2] - bounds[0], bounds[3] - bounds[1]);
            // Modules are small; a page-wide background or frame is not part of a code. (Written
            // so that a NaN side, from coordinates pushed to infinity, is left out too.)
            let module_sized = w > 0.0 && h > 0.0 && w.max(h) <= 200.0;
            if !module_sized {
                continue;
            }
            sides.push(w.min(h));
            region = Some(match region {
                None => bounds,
                Some(r) => [r[0].min(bounds[0]), r[1].min(bounds[1]), r[2].max(bounds[2]), r[3].max(bounds[3])],
            });
        }
    }
    if sides.len() < min_shapes {
        return None;
    }
    let region = region?;
    sides.sort_by(f32::total_cmp);
    let module = sides[sides.len() / 2].max(0.01);
    // A quiet zone of four modules, as the QR standard asks.
    let margin = 4.0 * module;
    let region = [region[0] - margin, region[1] - margin, region[2] + margin, region[3] + margin];
    let (span_x, span_y) = (region[2] - region[0], region[3] - region[1]);
    let scale = (PIXELS_PER_MODULE / module).min(MAX_SIDE / span_x.max(span_y));
    // Shapes spread so far apart that a module would be under a pixel hold no readable code;
    // the canvas never grows past MAX_SIDE.
    if !(scale.is_finite() && scale * module >= 1.0) {
        return None;
    }
    let width = (span_x * scale).ceil() as usize;
    let height = (span_y * scale).ceil() as usize;
    if width < 21 || height < 21 || width > MAX_SIDE as usize + 1 || height > MAX_SIDE as usize + 1 {
        return None;
    }
    let mut pixels = vec![255u8; width * height];
    for fill in fills {
        paint(fill, &region, scale, width, height, &mut pixels);
    }
    Some(Luma { width, height, pixels })
}

/// A subpath's bounds; `None` for an empty one or one with a coordinate that is not finite.
fn bounds(points: &[Point]) -> Option<[f32; 4]> {
    let first = points.first()?;
    if !points.iter().all(|p| p.0.is_finite() && p.1.is_finite()) {
        return None;
    }
    Some(points.iter().fold([first.0, first.1, first.0, first.1], |b, p| {
        [b[0].min(p.0), b[1].min(p.1), b[2].max(p.0), b[3].max(p.1)]
    }))
}

/// Scanline fill: for each pixel row's centre, the crossings of the path's edges, filled by
/// the path's rule.
fn paint(fill: &Fill, region: &[f32; 4], scale: f32, width: usize, height: usize, pixels: &mut [u8]) {
    // Edges in pixel space (x right, y down).
    let to_pixel = |p: &Point| ((p.0 - region[0]) * scale, (region[3] - p.1) * scale);
    let mut edges: Vec<(f32, f32, f32, f32)> = Vec::new();
    for subpath in &fill.subpaths {
        let n = subpath.len();
        if n < 3 || bounds(subpath).is_none() {
            continue;
        }
        for i in 0..n {
            let (a, b) = (to_pixel(&subpath[i]), to_pixel(&subpath[(i + 1) % n]));
            if a.1 != b.1 {
                edges.push((a.0, a.1, b.0, b.1));
            }
        }
    }
    if edges.is_empty() {
        return;
    }
    let top = edges.iter().map(|e| e.1.min(e.3)).fold(f32::INFINITY, f32::min).max(0.0);
    let bottom = edges.iter().map(|e| e.1.max(e.3)).fold(f32::NEG_INFINITY, f32::max).min(height as f32);
    if top >= bottom {
        return;
    }
    let mut crossings: Vec<(f32, i32)> = Vec::new();
    for row in (top as usize)..(bottom.ceil() as usize).min(height) {
        let y = row as f32 + 0.5;
        crossings.clear();
        for &(x0, y0, x1, y1) in &edges {
            let (low, high) = if y0 < y1 { (y0, y1) } else { (y1, y0) };
            if y >= low && y < high {
                let x = x0 + (y - y0) * (x1 - x0) / (y1 - y0);
                crossings.push((x, if y1 > y0 { 1 } else { -1 }));
            }
        }
        crossings.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut winding = 0;
        for pair in crossings.windows(2) {
            winding += pair[0].1;
            let inside = if fill.even_odd { winding % 2 != 0 } else { winding != 0 };
            if !inside {
                continue;
            }
            // Pixels whose centres lie inside the span.
            let start = (pair[0].0 - 0.5).ceil().clamp(0.0, width as f32) as usize;
            let end = (pair[1].0 - 0.5).ceil().clamp(0.0, width as f32) as usize;
            pixels[row * width + start..row * width + end.max(start)].fill(fill.luma);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f32, y: f32, side: f32) -> Vec<Point> {
        vec![(x, y), (x + side, y), (x + side, y + side), (x, y + side)]
    }

    #[test]
    fn squares_are_painted_at_a_few_pixels_per_module() {
        let fills: Vec<Fill> = (0..60)
            .map(|i| Fill {
                subpaths: vec![square((i % 10) as f32 * 4.0, (i / 10) as f32 * 4.0, 2.0)],
                even_odd: false,
                luma: 0,
            })
            .collect();
        let picture = render(&fills, 50).expect("a canvas");
        // Module 2 units → 4 pixels; the region is 38 units wide plus 8 units of margin each side.
        assert_eq!(picture.width, ((38.0 + 16.0) * 2.0) as usize);
        let dark = picture.pixels.iter().filter(|&&p| p == 0).count();
        assert_eq!(dark, 60 * 16);
    }

    #[test]
    fn too_few_shapes_is_no_code() {
        let fills = vec![Fill { subpaths: vec![square(0.0, 0.0, 5.0)], even_odd: false, luma: 0 }];
        assert!(render(&fills, 50).is_none());
    }

    #[test]
    fn shapes_spread_far_apart_or_pushed_to_infinity_make_no_canvas() {
        // Found by fuzzing: 50 squares 150,000 units apart asked for a 5 GB canvas.
        let spread: Vec<Fill> = (0..50)
            .map(|i| Fill {
                subpaths: vec![square(i as f32 * 150_000.0, i as f32 * 150_000.0, 1.0)],
                even_odd: false,
                luma: 0,
            })
            .collect();
        assert!(render(&spread, 50).is_none());
        let mut infinite: Vec<Fill> = (0..50)
            .map(|i| Fill { subpaths: vec![square(i as f32 * 2.0, i as f32 * 50.0, 1.0)], even_odd: false, luma: 0 })
            .collect();
        infinite.push(Fill {
            subpaths: vec![vec![(f32::INFINITY, 0.0), (f32::NAN, 0.0), (f32::INFINITY, 1.0)]],
            even_odd: false,
            luma: 0,
        });
        let picture = render(&infinite, 50).expect("the finite squares are drawn");
        assert!(picture.width <= 3001 && picture.height <= 3001);
    }

    #[test]
    fn even_odd_leaves_a_hole() {
        let mut fills: Vec<Fill> = (0..60)
            .map(|i| Fill { subpaths: vec![square(i as f32 * 10.0, 100.0, 1.0)], even_odd: false, luma: 0 })
            .collect();
        fills.push(Fill { subpaths: vec![square(0.0, 0.0, 9.0), square(3.0, 3.0, 3.0)], even_odd: true, luma: 0 });
        let picture = render(&fills, 50).expect("a canvas");
        // The hole's centre, in pixels: module 1 unit = 4 px; region starts at x = -4, top y = 105.
        let (x, y) = (((4.5 + 4.0) * 4.0) as usize, ((105.0 - 4.5) * 4.0) as usize);
        assert_eq!(picture.pixels[y * picture.width + x], 255);
        let (x, y) = (((1.0 + 4.0) * 4.0) as usize, ((105.0 - 1.0) * 4.0) as usize);
        assert_eq!(picture.pixels[y * picture.width + x], 0);
    }
}
