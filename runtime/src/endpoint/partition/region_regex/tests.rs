use super::RegionRegex;

/// The `regionRegex`es of the built-in table and of older ones, and patterns that use every
/// piece of the syntax.
const PATTERNS: &[&str] = &[
    r"^(us|eu|ap|sa|ca|me|af)-\w+-\d+$",
    r"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$",
    r"^us\-gov\-\w+\-\d+$",
    r"^cn\-\w+\-\d+$",
    r"^us\-isob\-\w+\-\d+$",
    r"^eusc\-(de)\-\w+\-\d+$",
    r"us-\d",
    r"^$",
    r"",
    r"a|^b|c$",
    r"^(?:us|eu)-[a-z]+-[0-9]?$",
    r"[^a-z-]+",
    r"[]a]",
    r"[a\-z]e",
    r"[\w.]+\.[\d]",
    r"\W\D\S",
    r"^.+-1$",
    r"(a|)+b",
    r"(a*)*b",
    r"^(u|us)*s?e*?$",
    r"\s|\.|\*",
    r"^((a|b)(c|d))+$",
    r"e+$",
    r"^u*?s+*e??$",
];

/// Region-like names over a small alphabet, so that the patterns above match some and not
/// others: every name up to three characters, then a fixed pseudo-random sample of longer ones.
fn names() -> Vec<String> {
    const ALPHABET: &[char] = &['u', 's', 'e', 'a', 'b', 'c', 'd', '-', '1', '_', '.', ' ', '\n', 'é', 'Z', ']'];
    let mut names = vec![String::new()];
    let mut frontier = vec![String::new()];
    for _ in 0..3 {
        frontier = frontier.iter().flat_map(|name| ALPHABET.iter().map(move |&c| format!("{name}{c}"))).collect();
        names.extend(frontier.iter().cloned());
    }
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..6_000 {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let len = 4 + (state >> 60) as usize;
        let name = (0..len).map(|i| ALPHABET[((state >> (i * 4 % 56)) & 15) as usize]).collect::<String>();
        names.push(name);
    }
    names.extend(
        ["us-east-1", "eu-west-3", "us-gov-west-1", "cn-north-1", "us-isob-east-1", "eusc-de-east-1", "aws-global"]
            .map(str::to_owned),
    );
    names
}

#[test]
fn matches_as_regex_lite_does() {
    let names = names();
    for pattern in PATTERNS {
        let ours = RegionRegex::new(pattern).unwrap_or_else(|err| panic!("{pattern}: {err}"));
        let theirs = regex_lite::Regex::new(pattern).unwrap_or_else(|err| panic!("{pattern}: {err}"));
        let mut matched = 0;
        for name in &names {
            assert_eq!(ours.is_match(name), theirs.is_match(name), "pattern {pattern:?}, name {name:?}");
            matched += usize::from(theirs.is_match(name));
        }
        // Each pattern is tried on names it matches and on names it does not.
        // The empty pattern matches every name.
        let some_not = matched < names.len() || pattern.is_empty();
        assert!(matched > 0 && some_not, "pattern {pattern:?} matched {matched} of {}", names.len());
    }
}

#[test]
fn the_built_in_table_places_regions_by_pattern() {
    let aws = RegionRegex::new(r"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$").unwrap_or_else(|err| panic!("{err}"));
    assert!(aws.is_match("eu-south-2"));
    assert!(aws.is_match("mx-central-1"));
    assert!(!aws.is_match("us-gov-west-1x"));
    assert!(!aws.is_match("cn-north-1"));
    assert!(!aws.is_match("us-east-"));
}

#[test]
fn what_is_not_supported_is_an_error_that_says_so() {
    let error = |pattern: &str| RegionRegex::new(pattern).err().map(|err| err.to_string()).unwrap_or_default();
    assert!(
        error(r"^\w{2}$").starts_with("counted repetition `{..}` is not supported at character 4"),
        "{}",
        error(r"^\w{2}$")
    );
    assert!(error("^(p$").starts_with("unclosed `(`"), "{}", error("^(p$"));
    assert!(error("p)").starts_with("unopened `)`"), "{}", error("p)"));
    assert!(error("[a-").starts_with("unclosed `[`"), "{}", error("[a-"));
    assert!(error("[z-a]").starts_with("the range `z-a` is backwards"), "{}", error("[z-a]"));
    assert!(error(r"\bus").starts_with("the escape `\\b` is not supported"), "{}", error(r"\bus"));
    assert!(error(r"\<us").starts_with("the escape `\\<` is not supported"), "{}", error(r"\<us"));
    assert!(error("(?i)us").starts_with("group flags"), "{}", error("(?i)us"));
    assert!(error("+us").starts_with("`+` with nothing to repeat"), "{}", error("+us"));
    assert!(error("^*").starts_with("a quantifier after `^` or `$`"), "{}", error("^*"));
    assert!(error("a\\").starts_with("a `\\` at the end"), "{}", error("a\\"));
    // regex-lite refuses these too.
    for pattern in ["^(p$", "p)", "[a-", "[z-a]", "+us", "a\\"] {
        assert!(regex_lite::Regex::new(pattern).is_err(), "{pattern}");
    }
}
