//! Time to read a SMART Health Card QR code from phone-camera-sized pictures, drawn at start-up
//! by `tests/common/mod.rs` (no files, same pixels every run):
//!
//! * `1080p/*`: a 1920×1080 camera frame, the code filling 45% of the short side, rotated 7°,
//!   mild noise, 1 px box blur; example 00 (version 18) and a version 22 code. As a frame
//!   (`decode_luma`), as PNG and as JPEG (`decode_image`: file decoding included).
//! * `12mp/*`: a 4032×3024 photo, the same code rotated 11° with a 2 px blur; searched at
//!   1344×1008 first (see `scan.rs`). As a frame and as a JPEG, as a phone saves it.
//!
//! Run with `cargo bench -p recdesk-qr --bench decode`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{Photo, Picture, jpeg, photo, png, shc_example, shc_version_22};
use criterion::{Criterion, criterion_group, criterion_main};
use recdesk_qr::{decode_image, decode_luma};

fn luma(picture: &Picture) -> Vec<String> {
    decode_luma(picture.width as u32, picture.height as u32, &picture.luma).expect("the code is read")
}

fn bench(c: &mut Criterion) {
    let v18 = shc_example(0);
    let v22 = shc_version_22();
    let hd_v18 = photo(&v18, Photo::new(1920, 1080));
    let hd_v22 = photo(&v22, Photo { angle_degrees: 9.0, seed: 3, ..Photo::new(1920, 1080) });
    let photo_12mp = photo(&v22, Photo { angle_degrees: 11.0, blur: 2, seed: 5, ..Photo::new(4032, 3024) });
    let (hd_png, hd_jpeg, jpeg_12mp) = (png(&hd_v18), jpeg(&hd_v18, 90), jpeg(&photo_12mp, 90));
    // Every case must read its code before it is timed.
    assert_eq!(luma(&hd_v18), vec![v18.clone()]);
    assert_eq!(luma(&hd_v22), vec![v22.clone()]);
    assert_eq!(luma(&photo_12mp), vec![v22.clone()]);
    assert_eq!(decode_image(&hd_png), Ok(vec![v18.clone()]));
    assert_eq!(decode_image(&hd_jpeg), Ok(vec![v18.clone()]));
    assert_eq!(decode_image(&jpeg_12mp), Ok(vec![v22.clone()]));
    println!(
        "1080p PNG {} KB, 1080p JPEG {} KB, 12 MP JPEG {} KB",
        hd_png.len() / 1024,
        hd_jpeg.len() / 1024,
        jpeg_12mp.len() / 1024
    );

    let mut hd = c.benchmark_group("1080p");
    hd.sample_size(20).measurement_time(Duration::from_secs(4));
    hd.bench_function("luma_v18", |b| b.iter(|| luma(black_box(&hd_v18))));
    hd.bench_function("luma_v22", |b| b.iter(|| luma(black_box(&hd_v22))));
    hd.bench_function("png_v18", |b| b.iter(|| decode_image(black_box(&hd_png))));
    hd.bench_function("jpeg_v18", |b| b.iter(|| decode_image(black_box(&hd_jpeg))));
    hd.finish();

    let mut big = c.benchmark_group("12mp");
    big.sample_size(10).measurement_time(Duration::from_secs(6));
    big.bench_function("luma_v22", |b| b.iter(|| luma(black_box(&photo_12mp))));
    big.bench_function("jpeg_v22", |b| b.iter(|| decode_image(black_box(&jpeg_12mp))));
    big.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
