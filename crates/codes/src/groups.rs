//! The reviewed CVX → vaccine group table.
//!
//! Every code of `data/cvx.txt` has exactly one entry here, written by hand from the code's full
//! name and the CDC's CVX-to-vaccine-group mapping (a test checks that the two lists match).
//! Nothing is guessed from names at run time.
//!
//! Rules used:
//! - A combination vaccine lists every group it counts for: Pediarix (110, DTaP-HepB-IPV) is a
//!   DTaP, a polio and a hepatitis B dose; MMRV (94) is an MMR and a varicella dose.
//! - `DtapTdapTd` holds the whole diphtheria/tetanus/pertussis family: DTP, DTaP, DT, Td, Tdap,
//!   pertussis-only (11) and tetanus-toxoid-only (35, 112, 142) vaccines.
//! - `Mmr` includes the single and double measles, mumps and rubella vaccines (04–07, 38).
//! - `MenAcwy` holds quadrivalent A/C/W/Y vaccines (and 167, meningococcal of unknown
//!   serogroups, as the CDC groups it). Vaccines covering only some of those serogroups do not
//!   count as a MenACWY dose: 148 (Hib-MenCY) is `Hib` only; 103 (MenC), 191 (MenA) and
//!   192 (MenAC) are `Other`. 316 (MenACWY + MenB) is both `MenAcwy` and `MenB`.
//! - `Influenza` includes pandemic and avian influenza vaccines (H1N1 2009, H5N1, H5N8).
//! - `Rsv` includes RSV vaccines and RSV immunoprophylaxis given to infants (the monoclonal
//!   antibodies nirsevimab, palivizumab, motavizumab and RSV immune globulin), as the CDC does.
//! - Other immune globulins, antitoxins, skin tests, adjuvants, travel and special-purpose
//!   vaccines, never-licensed codes, 99 (reserved) and 999 (unknown) are `Other`; 998 (no vaccine
//!   administered) is `NoVaccine`.

use crate::VaccineGroup;
use crate::VaccineGroup::{
    Covid19, DtapTdapTd, HepatitisA, HepatitisB, Hib, Hpv, Influenza, MenAcwy, MenB, Mmr, NoVaccine, Other,
    Pneumococcal, Polio, Rotavirus, Rsv, Varicella, Zoster,
};

/// CVX code as spelled in the table (trimmed) → the groups it counts for, in display order.
/// The comment after each entry is the table's short name.
pub(crate) const CVX_GROUPS: &[(&str, &[VaccineGroup])] = &[
    ("01", &[DtapTdapTd]),                          // DTP
    ("02", &[Polio]),                               // OPV
    ("03", &[Mmr]),                                 // MMR
    ("04", &[Mmr]),                                 // M/R
    ("05", &[Mmr]),                                 // measles
    ("06", &[Mmr]),                                 // rubella
    ("07", &[Mmr]),                                 // mumps
    ("08", &[HepatitisB]),                          // Hep B, adolescent or pediatric
    ("09", &[DtapTdapTd]),                          // Td (adult), 2 Lf tetanus toxoid, preservative free, adsorbed
    ("10", &[Polio]),                               // IPV
    ("11", &[DtapTdapTd]),                          // pertussis
    ("12", &[Other]),                               // diphtheria antitoxin
    ("13", &[Other]),                               // TIG
    ("14", &[Other]),                               // IG, unspecified formulation
    ("15", &[Influenza]),                           // influenza, split (incl. purified surface antigen)
    ("16", &[Influenza]),                           // influenza, whole
    ("17", &[Hib]),                                 // Hib, unspecified formulation
    ("18", &[Other]),                               // rabies, intramuscular injection
    ("19", &[Other]),                               // BCG
    ("20", &[DtapTdapTd]),                          // DTaP
    ("21", &[Varicella]),                           // varicella
    ("22", &[DtapTdapTd, Hib]),                     // DTP-Hib
    ("23", &[Other]),                               // plague
    ("24", &[Other]),                               // Anthrax, pre-exposure prophylaxis, post-exposure prophylaxis
    ("25", &[Other]),                               // typhoid, oral
    ("26", &[Other]),                               // cholera, unspecified formulation
    ("27", &[Other]),                               // botulinum antitoxin
    ("28", &[DtapTdapTd]),                          // DT (pediatric)
    ("29", &[Other]),                               // CMVIG
    ("30", &[Other]),                               // HBIG
    ("31", &[HepatitisA]),                          // Hep A, pediatric, unspecified formulation
    ("32", &[MenAcwy]),                             // meningococcal MPSV4
    ("33", &[Pneumococcal]),                        // pneumococcal polysaccharide PPV23
    ("34", &[Other]),                               // RIG
    ("35", &[DtapTdapTd]),                          // tetanus toxoid, adsorbed
    ("36", &[Other]),                               // VZIG
    ("37", &[Other]),                               // yellow fever live
    ("38", &[Mmr]),                                 // rubella/mumps
    ("39", &[Other]),                               // Japanese encephalitis SC
    ("40", &[Other]),                               // rabies, intradermal injection
    ("41", &[Other]),                               // typhoid, parenteral
    ("42", &[HepatitisB]),                          // Hep B, adolescent/high risk infant
    ("43", &[HepatitisB]),                          // Hep B, adult
    ("44", &[HepatitisB]),                          // Hep B, dialysis
    ("45", &[HepatitisB]),                          // Hep B, unspecified formulation
    ("46", &[Hib]),                                 // Hib (PRP-D)
    ("47", &[Hib]),                                 // Hib (HbOC)
    ("48", &[Hib]),                                 // Hib (PRP-T)
    ("49", &[Hib]),                                 // Hib (PRP-OMP)
    ("50", &[DtapTdapTd, Hib]),                     // DTaP-Hib
    ("51", &[HepatitisB, Hib]),                     // Hib-Hep B
    ("52", &[HepatitisA]),                          // Hep A, adult
    ("53", &[Other]),                               // typhoid, parenteral, AKD (U.S. military)
    ("54", &[Other]),                               // adenovirus, type 4
    ("55", &[Other]),                               // adenovirus, type 7
    ("56", &[Other]),                               // dengue fever tetravalent
    ("57", &[Other]),                               // hantavirus
    ("58", &[Other]),                               // Hep C
    ("59", &[Other]),                               // Hep E
    ("60", &[Other]),                               // herpes simplex 2
    ("61", &[Other]),                               // HIV
    ("62", &[Hpv]),                                 // HPV, quadrivalent
    ("63", &[Other]),                               // Junin virus
    ("64", &[Other]),                               // leishmaniasis
    ("65", &[Other]),                               // leprosy
    ("66", &[Other]),                               // Lyme disease
    ("67", &[Other]),                               // malaria
    ("68", &[Other]),                               // melanoma
    ("69", &[Other]),                               // parainfluenza-3
    ("70", &[Other]),                               // Q fever
    ("71", &[Rsv]),                                 // RSV-IGIV
    ("72", &[Other]),                               // rheumatic fever
    ("73", &[Other]),                               // Rift Valley fever
    ("74", &[Rotavirus]),                           // rotavirus, tetravalent
    ("75", &[Other]),                               // vaccinia (smallpox)
    ("76", &[Other]),                               // Staphylococcus bacterio lysate
    ("77", &[Other]),                               // Tick-borne encephalitis vaccine (non-US)
    ("78", &[Other]),                               // tularemia vaccine
    ("79", &[Other]),                               // vaccinia immune globulin
    ("80", &[Other]),                               // VEE, live
    ("81", &[Other]),                               // VEE, inactivated
    ("82", &[Other]),                               // adenovirus, unspecified formulation
    ("83", &[HepatitisA]),                          // Hep A, ped/adol, 2 dose
    ("84", &[HepatitisA]),                          // Hep A, ped/adol, 3 dose
    ("85", &[HepatitisA]),                          // Hep A, unspecified formulation
    ("86", &[Other]),                               // IG
    ("87", &[Other]),                               // IGIV
    ("88", &[Influenza]),                           // influenza, unspecified formulation
    ("89", &[Polio]),                               // polio, unspecified formulation
    ("90", &[Other]),                               // rabies, unspecified formulation
    ("91", &[Other]),                               // typhoid, unspecified formulation
    ("92", &[Other]),                               // VEE, unspecified formulation
    ("93", &[Rsv]),                                 // RSV-MAb
    ("94", &[Mmr, Varicella]),                      // MMRV
    ("95", &[Other]),                               // TST-OT tine test
    ("96", &[Other]),                               // TST-PPD intradermal
    ("97", &[Other]),                               // TST-PPD tine test
    ("98", &[Other]),                               // TST, unspecified formulation
    ("99", &[Other]),                               // RESERVED - do not use
    ("100", &[Pneumococcal]),                       // pneumococcal conjugate PCV 7
    ("101", &[Other]),                              // typhoid, ViCPs
    ("102", &[DtapTdapTd, HepatitisB, Hib]),        // DTP-Hib-Hep B
    ("103", &[Other]),                              // meningococcal C conjugate
    ("104", &[HepatitisB, HepatitisA]),             // Hep A-Hep B
    ("105", &[Other]),                              // vaccinia (smallpox) diluted
    ("106", &[DtapTdapTd]),                         // DTaP, 5 pertussis antigens
    ("107", &[DtapTdapTd]),                         // DTaP, unspecified formulation
    ("108", &[MenAcwy]),                            // meningococcal ACWY, unspecified formulation
    ("109", &[Pneumococcal]),                       // pneumococcal, unspecified formulation
    ("110", &[DtapTdapTd, Polio, HepatitisB]),      // DTaP-Hep B-IPV
    ("111", &[Influenza]),                          // Influenza, live, trivalent, intranasal
    ("112", &[DtapTdapTd]),                         // tetanus toxoid, unspecified formulation
    ("113", &[DtapTdapTd]),                         // Td (adult), 5 Lf tetanus toxoid, preservative free, adsorbed
    ("114", &[MenAcwy]),                            // meningococcal MCV4P
    ("115", &[DtapTdapTd]),                         // Tdap
    ("116", &[Rotavirus]),                          // rotavirus, pentavalent
    ("117", &[Other]),                              // VZIG (IND)
    ("118", &[Hpv]),                                // HPV, bivalent
    ("119", &[Rotavirus]),                          // rotavirus, monovalent
    ("120", &[DtapTdapTd, Polio, Hib]),             // DTaP-Hib-IPV
    ("121", &[Zoster]),                             // zoster live
    ("122", &[Rotavirus]),                          // rotavirus, unspecified formulation
    ("123", &[Influenza]),                          // influenza, H5N1-1203
    ("125", &[Influenza]),                          // Novel Influenza-H1N1-09, nasal
    ("126", &[Influenza]),                          // Novel influenza-H1N1-09, preservative-free
    ("127", &[Influenza]),                          // Novel influenza-H1N1-09
    ("128", &[Influenza]),                          // Novel Influenza-H1N1-09, all formulations
    ("129", &[Other]),                              // Japanese Encephalitis, unspecified formulation
    ("130", &[DtapTdapTd, Polio]),                  // DTaP-IPV
    ("131", &[Other]),                              // typhus, historical
    ("132", &[DtapTdapTd, Polio, HepatitisB, Hib]), // DTaP-IPV-HIB-HEP B, historical
    ("133", &[Pneumococcal]),                       // Pneumococcal conjugate PCV 13
    ("134", &[Other]),                              // Japanese Encephalitis IM
    ("135", &[Influenza]),                          // Influenza, high-dose, trivalent, PF
    ("136", &[MenAcwy]),                            // Meningococcal MCV4O
    ("137", &[Hpv]),                                // HPV, unspecified formulation
    ("138", &[DtapTdapTd]),                         // Td (adult)
    ("139", &[DtapTdapTd]),                         // Td(adult) unspecified formulation
    ("140", &[Influenza]),                          // Influenza, split virus, trivalent, PF
    ("141", &[Influenza]),                          // Influenza, split virus, trivalent, preservative
    ("142", &[DtapTdapTd]),                         // tetanus toxoid, not adsorbed
    ("143", &[Other]),                              // Adenovirus types 4 and 7
    ("144", &[Influenza]),                          // influenza, seasonal, intradermal, preservative free
    ("145", &[Rsv]),                                // RSV-MAb (new)
    ("146", &[DtapTdapTd, Polio, HepatitisB, Hib]), // DTaP,IPV,Hib,HepB
    ("147", &[MenAcwy]),                            // meningococcal MCV4, unspecified formulation
    ("148", &[Hib]),                                // Meningococcal C/Y-HIB PRP
    ("149", &[Influenza]),                          // Influenza, live, quadrivalent, intranasal
    ("150", &[Influenza]),                          // Influenza, split virus, quadrivalent, PF
    ("151", &[Influenza]),                          // influenza nasal, unspecified formulation
    ("152", &[Pneumococcal]),                       // Pneumococcal Conjugate, unspecified formulation
    ("153", &[Influenza]),                          // Influenza, MDCK, trivalent, PF
    ("154", &[Other]),                              // Hep A, IG
    ("155", &[Influenza]),                          // Influenza, recombinant, trivalent, PF
    ("156", &[Other]),                              // Rho(D)-IG
    ("157", &[Other]),                              // Rho(D) -IG IM
    ("158", &[Influenza]),                          // Influenza, split virus, quadrivalent, preservative
    ("159", &[Other]),                              // Rho(D) - Unspecified formulation
    ("160", &[Influenza]),                          // Influenza A monovalent (H5N1), ADJUVANTED-2013
    ("161", &[Influenza]),                          // Influenza, injectable,quadrivalent, preservative free, pediatric
    ("162", &[MenB]),                               // meningococcal B, recombinant
    ("163", &[MenB]),                               // meningococcal B, OMV
    ("164", &[MenB]),                               // meningococcal B, unspecified
    ("165", &[Hpv]),                                // HPV9
    ("166", &[Influenza]),                          // influenza, intradermal, quadrivalent, preservative free
    ("167", &[MenAcwy]),                            // meningococcal, unknown serogroups
    ("168", &[Influenza]),                          // Influenza, adjuvanted, trivalent, PF
    ("169", &[HepatitisA]),                         // Hep A, live attenuated
    ("170", &[DtapTdapTd, Polio, Hib]),             // DTAP/IPV/HIB - non-US
    ("171", &[Influenza]),                          // Influenza, MDCK, quadrivalent, PF
    ("172", &[Other]),                              // cholera, WC-rBS
    ("173", &[Other]),                              // cholera, BivWC
    ("174", &[Other]),                              // cholera, live attenuated
    ("175", &[Other]),                              // Rabies - IM Diploid cell culture
    ("176", &[Other]),                              // Rabies - IM fibroblast culture
    ("177", &[Pneumococcal]),                       // PCV10
    ("178", &[Polio]),                              // OPV bivalent
    ("179", &[Polio]),                              // OPV ,monovalent, unspecified
    ("180", &[Other]),                              // tetanus immune globulin
    ("181", &[Other]),                              // anthrax immune globulin
    ("182", &[Polio]),                              // OPV, Unspecified
    ("183", &[Other]),                              // Yellow fever vaccine live - alt
    ("184", &[Other]),                              // Yellow fever, unspecified
    ("185", &[Influenza]),                          // Influenza, recombinant, quadrivalent, PF
    ("186", &[Influenza]),                          // Influenza, MDCK, quadrivalent, preservative
    ("187", &[Zoster]),                             // zoster recombinant
    ("188", &[Zoster]),                             // zoster, unspecified formulation
    ("189", &[HepatitisB]),                         // HepB-CpG
    ("190", &[Other]),                              // Typhoid conjugate vaccine (TCV)
    ("191", &[Other]),                              // meningococcal A polysaccharide (non-US)
    ("192", &[Other]),                              // meningococcal AC polysaccharide (non-US)
    ("193", &[HepatitisB, HepatitisA]),             // Hep A-Hep B, pediatric/adolescent
    ("194", &[Influenza]),                          // Influenza, Southern Hemisphere
    ("195", &[DtapTdapTd, Polio]),                  // DT, IPV adsorbed
    ("196", &[DtapTdapTd]),                         // Td, adsorbed, preservative free, adult use, Lf unspecified
    ("197", &[Influenza]),                          // Influenza, high-dose, quadrivalent, PF
    ("198", &[DtapTdapTd, HepatitisB, Hib]),        // DTP-hepB-Hib Pentavalent Non-US
    ("200", &[Influenza]),                          // influenza, Southern Hemisphere, pediatric, preservative free
    ("201", &[Influenza]),                          // influenza, Southern Hemisphere, preservative free
    ("202", &[Influenza]),                          // influenza, Southern Hemisphere, quadrivalent, with preservative
    ("203", &[MenAcwy]),                            // meningococcal conjugate quadrivalent, MenACWY-TT (MCV4)
    ("204", &[Other]),                              // Ebola Zaire vaccine, live, recombinant, 1mL dose
    ("205", &[Influenza]),                          // Influenza, adjuvanted, quadrivalent, PF
    ("206", &[Other]),                              // Vaccinia, smallpox Mpox vaccine live, PF, SQ or ID injection
    ("207", &[Covid19]),       // COVID-19, mRNA, LNP-S, PF, 100 mcg/0.5mL dose or 50 mcg/0.25mL dose
    ("208", &[Covid19]),       // COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose
    ("210", &[Covid19]),       // COVID-19 vaccine, vector-nr, rS-ChAdOx1, PF, 0.5 mL
    ("211", &[Covid19]),       // COVID-19, subunit, rS-nanoparticle+Matrix-M1 Adjuvant, PF, 0.5 mL
    ("212", &[Covid19]),       // COVID-19 vaccine, vector-nr, rS-Ad26, PF, 0.5 mL
    ("213", &[Covid19]),       // SARS-COV-2 (COVID-19) vaccine, UNSPECIFIED
    ("214", &[Other]),         // Ebola, unspecified
    ("215", &[Pneumococcal]),  // Pneumococcal conjugate PCV15, polysaccharide CRM197 conjugate, adjuvant, PF
    ("216", &[Pneumococcal]),  // Pneumococcal conjugate PCV20, polysaccharide CRM197 conjugate, adjuvant, PF
    ("217", &[Covid19]),       // COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose, tris-sucrose
    ("218", &[Covid19]),       // COVID-19, mRNA, LNP-S, PF, 10 mcg/0.2 mL dose, tris-sucrose
    ("219", &[Covid19]),       // COVID-19, mRNA, LNP-S, PF, 3 mcg/0.2 mL dose, tris-sucrose
    ("220", &[HepatitisB]),    // HepB recombinant, 3-antigen, Al(OH)3
    ("221", &[Covid19]),       // COVID-19, mRNA, LNP-S, PF, 50 mcg/0.5 mL dose
    ("222", &[Other]),         // Tick-borne encephalitis, unspecified
    ("223", &[Other]),         // Tick-borne encephalitis, inactivated, PF, 0.25mL
    ("224", &[Other]),         // Tick-borne encephalitis, inactivated, PF, 0.5mL
    ("225", &[Covid19]),       // COVID-19, D614, recomb, preS dTM, AS03 adjuvant add, PF, 5mcg/0.5mL
    ("226", &[Covid19]),       // COVID-19, D614, recomb, preS dTM, AS03 adjuvant add, PF, 10mcg/0.5mL
    ("227", &[Covid19]),       // COVID-19, mRNA, LNP-S, PF, pediatric 50 mcg/0.5 mL dose
    ("228", &[Covid19]),       // COVID-19, mRNA, LNP-S, PF, pediatric 25 mcg/0.25 mL dose
    ("229", &[Covid19]),       // COVID-19, mRNA, LNP-S, bivalent, PF, 50 mcg/0.5 mL or 25mcg/0.25 mL dose
    ("230", &[Covid19]),       // COVID-19, mRNA, LNP-S, bivalent, PF, 10 mcg/0.2 mL
    ("231", &[Influenza]),     // influenza, Southern Hemisphere, high-dose, quadrivalent
    ("300", &[Covid19]),       // COVID-19, mRNA, LNP-S, bivalent, PF, 30 mcg/0.3 mL dose
    ("301", &[Covid19]),       // COVID-19, mRNA, LNP-S, bivalent, PF, 10 mcg/0.2 mL dose
    ("302", &[Covid19]),       // COVID-19, mRNA, LNP-S, bivalent, PF, 3 mcg/0.2 mL dose
    ("303", &[Rsv]),           // RSV, recombinant, protein subunit RSVpreF, adjuvant reconstituted, 0.5 mL, PF
    ("304", &[Rsv]),           // Respiratory syncytial virus (RSV), unspecified
    ("305", &[Rsv]),           // RSV, bivalent, protein subunit RSVpreF, diluent reconstituted, 0.5 mL, PF
    ("306", &[Rsv]),           // RSV, mAb, nirsevimab-alip, 0.5 mL, neonate to 24 months
    ("307", &[Rsv]),           // RSV, mAb, nirsevimab-alip, 1 mL, neonate to 24 months
    ("308", &[Covid19]),       // COVID-19, mRNA, LNP-S, PF, tris-sucrose, 3 mcg/0.3 mL
    ("309", &[Covid19]),       // COVID-19, mRNA, LNP-S, PF, tris-sucrose, 30 mcg/0.3 mL
    ("310", &[Covid19]),       // COVID-19, mRNA, LNP-S, PF, tris-sucrose, 10 mcg/0.3 mL
    ("311", &[Covid19]),       // COVID-19, mRNA, LNP-S, PF, 25 mcg/0.25 mL
    ("312", &[Covid19]),       // COVID-19, mRNA, LNP-S, PF, 50 mcg/0.5 mL
    ("313", &[Covid19]),       // COVID-19, subunit, rS-nanoparticle, adjuvanted, PF, 5 mcg/0.5 mL
    ("314", &[Rsv]),           // Respiratory syncytial virus (RSV) vaccine, unspecified
    ("315", &[Rsv]),           // Respiratory syncytial virus (RSV) MAB, unspecified
    ("316", &[MenAcwy, MenB]), // Meningococcal polysaccharide (MenACWY-TT conjugate), (MenB), PF
    ("317", &[Other]),         // Chikungunya live attenuated vaccine, 0.5 mL, PF
    ("318", &[Other]),         // Anthrax, post-exposure prophylaxis
    ("319", &[Other]),         // Anthrax vaccine, unspecified
    ("320", &[Influenza]),     // Influenza, MDCK, trivalent, preservative
    ("321", &[Influenza]),     // Influenza-avian, H5N8, monovalent, PF
    ("322", &[Influenza]),     // Influenza-avian, H5N8, monovalent, preservative
    ("323", &[Influenza]),     // Influenza-avian, H5, unspecified formulation
    ("324", &[Polio]),         // Poliovirus, inactivated, fractional-dose (fIPV)
    ("326", &[Rsv]),           // RSV, mRNA, injectable, PF
    ("500", &[Covid19]),       // COVID-19 Non-US Vaccine, Product Unknown
    ("501", &[Covid19]),       // COVID-19 IV Non-US Vaccine (QAZCOVID-IN)
    ("502", &[Covid19]),       // COVID-19 IV Non-US Vaccine (COVAXIN)
    ("503", &[Covid19]),       // COVID-19 LAV Non-US Vaccine (COVIVAC)
    ("504", &[Covid19]),       // COVID-19 VVnr Non-US Vaccine (Sputnik Light)
    ("505", &[Covid19]),       // COVID-19 VVnr Non-US Vaccine (Sputnik V)
    ("506", &[Covid19]), // COVID-19 VVnr Non-US Vaccine (CanSino Biological Inc./Beijing Institute of Biotechnology
    ("507", &[Covid19]), // COVID-19 PS Non-US Vaccine (Anhui Zhifei Longcom Biopharm + Inst of Micro, Chinese Acad o…
    ("508", &[Covid19]), // COVID-19 PS Non-US Vaccine (Jiangsu Province Centers for Disease Control and Prevention)
    ("509", &[Covid19]), // COVID-19 PS Non-US Vaccine (EpiVacCorona)
    ("510", &[Covid19]), // COVID-19 IV Non-US Vaccine (BIBP, Sinopharm)
    ("511", &[Covid19]), // COVID-19 IV Non-US Vaccine (CoronaVac, Sinovac)
    ("512", &[Covid19]), // SARS-COV-2 COVID-19 VLP Non-US Vaccine (Medicago, Covifenz)
    ("513", &[Covid19]), // SARS-COV-2 COVID-19 PS Non-US Vaccine (Anhui Zhifei Longcom, Zifivax)
    ("514", &[Covid19]), // SARS-COV-2 COVID-19 DNA Non-US Vaccine (Zydus Cadila, ZyCoV-D)
    ("515", &[Covid19]), // SARS-COV-2 COVID-19 PS Non-US Vaccine (Medigen, MVC-COV1901)
    ("516", &[Covid19]), // COV-2 COVID-19 Inactivated Non-US Vaccine Product (Minhai Biotechnology Co, KCONVAC)
    ("517", &[Covid19]), // SARS-COV-2 COVID-19 PS Non-US Vaccine (Biological E Limited, Corbevax)
    ("518", &[Covid19]), // COVID-19 Inactivated, Non-US Vaccine (VLA2001, Valneva)
    ("519", &[Covid19]), // COVID-19 mRNA, bivalent, original/Omicron BA.1, Non-US Vaccine (Spikevax Bivalent), Moder…
    ("520", &[Covid19]), // COVID-19 mRNA, bivalent, original/Omicron BA.1, Non-US Vaccine Product, Pfizer-BioNTech
    ("521", &[Covid19]), // COVID-19 SP, protein-based, adjuvanted (VidPrevtyn Beta), Sanofi-GSK
    ("801", &[Other]),   // AS03 Adjuvant
    ("998", &[NoVaccine]), // no vaccine administered
    ("999", &[Other]),   // unknown
];
