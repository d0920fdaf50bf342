//! Common given-name nicknames, so "Bob" can be recognised as a form of "Robert" in a knowledge
//! check. Small and conservative on purpose: each pair widens what an impostor could guess.

/// (nickname, formal name), folded (lowercase, no accents). A nickname may belong to several
/// formal names (Chris: Christopher, Christine, Christina).
pub const NICKNAMES: &[(&str, &str)] = &[
    ("abby", "abigail"),
    ("alex", "alexander"),
    ("alex", "alexandra"),
    ("andy", "andrew"),
    ("drew", "andrew"),
    ("tony", "anthony"),
    ("ben", "benjamin"),
    ("cathy", "catherine"),
    ("kate", "catherine"),
    ("charlie", "charles"),
    ("chuck", "charles"),
    ("chris", "christopher"),
    ("chris", "christine"),
    ("chris", "christina"),
    ("dan", "daniel"),
    ("danny", "daniel"),
    ("dave", "david"),
    ("debbie", "deborah"),
    ("don", "donald"),
    ("ed", "edward"),
    ("ted", "edward"),
    ("beth", "elizabeth"),
    ("betty", "elizabeth"),
    ("liz", "elizabeth"),
    ("lisa", "elizabeth"),
    ("paco", "francisco"),
    ("jerry", "gerald"),
    ("greg", "gregory"),
    ("lupe", "guadalupe"),
    ("hank", "henry"),
    ("harry", "henry"),
    ("jake", "jacob"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("jeff", "jeffrey"),
    ("jen", "jennifer"),
    ("jenny", "jennifer"),
    ("chuy", "jesus"),
    ("jack", "john"),
    ("johnny", "john"),
    ("joe", "joseph"),
    ("joey", "joseph"),
    ("pepe", "jose"),
    ("josh", "joshua"),
    ("kate", "katherine"),
    ("katie", "katherine"),
    ("kathy", "katherine"),
    ("ken", "kenneth"),
    ("larry", "lawrence"),
    ("maggie", "margaret"),
    ("meg", "margaret"),
    ("peggy", "margaret"),
    ("matt", "matthew"),
    ("mike", "michael"),
    ("nate", "nathan"),
    ("nate", "nathaniel"),
    ("nick", "nicholas"),
    ("pat", "patricia"),
    ("patty", "patricia"),
    ("pat", "patrick"),
    ("becky", "rebecca"),
    ("dick", "richard"),
    ("rick", "richard"),
    ("bob", "robert"),
    ("bobby", "robert"),
    ("rob", "robert"),
    ("ron", "ronald"),
    ("sam", "samantha"),
    ("sam", "samuel"),
    ("sandy", "sandra"),
    ("steve", "stephen"),
    ("steve", "steven"),
    ("sue", "susan"),
    ("tom", "thomas"),
    ("tommy", "thomas"),
    ("tim", "timothy"),
    ("vicky", "victoria"),
    ("bill", "william"),
    ("billy", "william"),
    ("will", "william"),
    ("zach", "zachary"),
];

/// Whether two different folded given names are a nickname and its formal name, or two nicknames
/// of the same formal name (Bob and Rob, both Robert). Two formal names never match each other
/// (Samuel and Samantha share "Sam" but are different names).
pub(crate) fn are_nickname_forms(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    formal_of(a).any(|formal| formal == b || formal_of(b).any(|other| other == formal)) || formal_of(b).any(|f| f == a)
}

/// The formal names `name` is a nickname of.
fn formal_of(name: &str) -> impl Iterator<Item = &'static str> + '_ {
    NICKNAMES.iter().filter(move |(nick, _)| *nick == name).map(|(_, formal)| *formal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nicknames_match_their_formal_names_both_ways() {
        assert!(are_nickname_forms("bob", "robert"));
        assert!(are_nickname_forms("robert", "bob"));
        assert!(are_nickname_forms("bob", "rob"));
        assert!(are_nickname_forms("peggy", "margaret"));
        assert!(are_nickname_forms("pepe", "jose"));
    }

    #[test]
    fn different_formal_names_and_strangers_do_not() {
        assert!(!are_nickname_forms("samuel", "samantha"));
        assert!(!are_nickname_forms("robert", "robert"));
        assert!(!are_nickname_forms("bob", "william"));
        assert!(!are_nickname_forms("christopher", "christine"));
    }

    #[test]
    fn the_table_is_folded_and_has_no_duplicates() {
        let mut pairs = NICKNAMES.to_vec();
        pairs.sort_unstable();
        pairs.dedup();
        assert_eq!(pairs.len(), NICKNAMES.len());
        for (nick, formal) in NICKNAMES {
            assert!(nick.bytes().chain(formal.bytes()).all(|b| b.is_ascii_lowercase()), "{nick}/{formal}");
        }
        assert!(NICKNAMES.len() >= 40);
    }
}
