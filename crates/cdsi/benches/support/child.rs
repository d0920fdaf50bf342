//! The benchmarks' healthy child: born 2020-03-02 and vaccinated on the US childhood schedule, 30
//! doses (HepB ×3, DTaP ×5, Hib ×4, PCV13 ×4, IPV ×4, rotavirus RV1 ×2, MMR ×2, varicella ×2,
//! HepA ×2, influenza ×2 in the first season). Shared by the CDSi and report benches (`#[path]`).

pub const BIRTH: &str = "2020-03-02";

/// (date given, CVX): the child's 30 doses, at the ages CDC's schedule recommends.
pub const DOSES: [(&str, &str); 30] = [
    // Birth: HepB.
    ("2020-03-02", "08"),
    // 2 months: HepB, DTaP, Hib (ActHIB), PCV13, IPV, rotavirus (Rotarix).
    ("2020-05-04", "08"),
    ("2020-05-04", "20"),
    ("2020-05-04", "48"),
    ("2020-05-04", "133"),
    ("2020-05-04", "10"),
    ("2020-05-04", "119"),
    // 4 months: DTaP, Hib, PCV13, IPV, rotavirus.
    ("2020-07-06", "20"),
    ("2020-07-06", "48"),
    ("2020-07-06", "133"),
    ("2020-07-06", "10"),
    ("2020-07-06", "119"),
    // 6 months: HepB, DTaP, Hib, PCV13, IPV, and the first influenza dose of the season.
    ("2020-09-08", "08"),
    ("2020-09-08", "20"),
    ("2020-09-08", "48"),
    ("2020-09-08", "133"),
    ("2020-09-08", "10"),
    ("2020-09-08", "150"),
    // 7 months: the second influenza dose (a first season takes two).
    ("2020-10-08", "150"),
    // 12 months: MMR, varicella, HepA, the Hib and PCV13 boosters.
    ("2021-03-08", "03"),
    ("2021-03-08", "21"),
    ("2021-03-08", "83"),
    ("2021-03-08", "48"),
    ("2021-03-08", "133"),
    // 18 months: DTaP, HepA.
    ("2021-09-08", "20"),
    ("2021-09-08", "83"),
    // 4 years: DTaP, IPV, MMR, varicella.
    ("2024-03-11", "20"),
    ("2024-03-11", "10"),
    ("2024-03-11", "03"),
    ("2024-03-11", "21"),
];
