//! A child's status against Minnesota's school and child-care immunization requirements
//! (Minn. Stat. §121A.15, Minn. R. ch. 4604), from CDC's CDSi evaluation of the same doses: a dose
//! counts for a requirement only when CDC's logic finds it valid (or, where Minnesota says so, when
//! it is a full dose of a named vaccine given in the right ages).
//!
//! The requirements are data (`data/minnesota.json`) with their source and date; this crate only
//! applies them. Pure: the status date and the evaluation are inputs.

mod grade;
mod requirements;
mod status;

pub use grade::Grade;
pub use requirements::{Age, Count, DoseOption, Level, Requirement, Requirements, Rule, minnesota};
pub use status::{NOT_STATED_ON_THIS_COPY, Overall, SchoolStatus, State, StatusInput, VaccineStatus, status};
