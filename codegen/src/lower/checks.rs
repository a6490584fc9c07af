//! What `validate()` checks: constraint traits on each value, and which nested structures
//! must be walked.

use std::collections::{BTreeMap, BTreeSet};

use super::ir::{Check, Matcher, Nested, Pattern};
use heck::ToShoutySnakeCase;

use super::closure::shape_name;
use super::naming::{Namespace, RustIdent};
use super::pattern::{ecmascript, Ecma};
use crate::error::{shape_path, Error, Warning};
use crate::parse::{Model, ShapeKind, Traits};

pub struct Checks<'a> {
    model: &'a Model,
    /// Structures reachable from an input that have something to check inside.
    walked: BTreeSet<String>,
    patterns: BTreeMap<String, usize>,
    pattern_list: Vec<Pattern>,
    pattern_names: Namespace,
    /// Patterns that cannot be checked, one warning each.
    warnings: Vec<Warning>,
}

impl<'a> Checks<'a> {
    /// Decides which of `input_structures` need walking: a fixpoint, because a structure needs
    /// it when any member, or any structure it contains, has a constraint.
    pub fn new(model: &'a Model, input_structures: &BTreeSet<String>) -> Result<Self, Error> {
        let mut checks = Self {
            model,
            walked: BTreeSet::new(),
            patterns: BTreeMap::new(),
            pattern_list: Vec::new(),
            pattern_names: Namespace::default(),
            warnings: Vec::new(),
        };
        loop {
            let mut changed = false;
            for id in input_structures {
                if checks.walked.contains(id) {
                    continue;
                }
                if let ShapeKind::Structure(members) | ShapeKind::Union(members) = &model.shape(id)?.kind {
                    for member in members {
                        if !checks.check(&member.traits, &member.target)?.is_empty() {
                            checks.walked.insert(id.clone());
                            changed = true;
                            break;
                        }
                    }
                }
            }
            if !changed {
                return Ok(checks);
            }
        }
    }

    pub fn walks(&self, structure: &str) -> bool {
        self.walked.contains(structure)
    }

    pub fn patterns(&self) -> &[Pattern] {
        &self.pattern_list
    }

    /// The distinct patterns, and a warning for each that cannot be checked.
    pub fn into_patterns(self) -> (Vec<Pattern>, Vec<Warning>) {
        (self.pattern_list, self.warnings)
    }

    /// The checks on a value of shape `target`; constraint traits on the member win over those
    /// on the target shape, as Smithy specifies.
    pub fn check(&mut self, member: &Traits, target: &str) -> Result<Check, Error> {
        let shape = self.model.shape(target)?;
        let traits = &shape.traits;
        let length = member.length.or(traits.length).map(|length| (length.min, length.max));
        let range = member.range.or(traits.range).map(|range| (range.min, range.max));
        let pattern = match member.pattern.as_ref().or(traits.pattern.as_ref()) {
            Some(regex) if matches!(shape.kind, ShapeKind::String) => self.pattern(regex, target)?,
            _ => None,
        };
        let unchecked = |index: &usize| matches!(self.pattern_list[*index].matcher, Matcher::Unchecked(_));
        let (pattern, unchecked_pattern) = match pattern {
            Some(index) if unchecked(&index) => (None, Some(index)),
            pattern => (pattern, None),
        };
        let nested = match &shape.kind {
            ShapeKind::Structure(_) | ShapeKind::Union(_) if self.walked.contains(target) => Nested::Structure,
            ShapeKind::List(item) => {
                let item = self.check(&item.traits, &item.target)?;
                if item.is_empty() {
                    Nested::None
                } else {
                    Nested::List(Box::new(item))
                }
            }
            ShapeKind::Map { key, value } => {
                let key = self.check(&key.traits, &key.target)?;
                let value = self.check(&value.traits, &value.target)?;
                if key.is_empty() && value.is_empty() {
                    Nested::None
                } else {
                    Nested::Map { key: Box::new(key), value: Box::new(value) }
                }
            }
            _ => Nested::None,
        };
        let applies = |kinds: fn(&ShapeKind) -> bool| kinds(&shape.kind);
        Ok(Check {
            length: length
                .filter(|_| applies(|k| matches!(k, ShapeKind::String | ShapeKind::List(_) | ShapeKind::Map { .. }))),
            range: range.filter(|_| {
                applies(|k| {
                    matches!(
                        k,
                        ShapeKind::Byte
                            | ShapeKind::Short
                            | ShapeKind::Integer
                            | ShapeKind::Long
                            | ShapeKind::Float
                            | ShapeKind::Double
                    )
                })
            }),
            pattern,
            unchecked_pattern,
            nested,
        })
    }

    /// Registers a pattern once; `None` for one that every string matches (`.*`), which is no
    /// constraint. A pattern that is plain text behind its anchors (`^arn:`) is compared as
    /// text. Any other is a regex, named after the first shape that uses it and compiled here
    /// with the engine the generated crate uses. One that does not compile is not checked: a
    /// warning names the shape, and the member's docs say so.
    fn pattern(&mut self, regex: &str, shape: &str) -> Result<Option<usize>, Error> {
        if let Some(index) = self.patterns.get(regex) {
            return Ok(Some(*index));
        }
        let matcher = match plain(regex) {
            Plain::Any => return Ok(None),
            Plain::Prefix(text) => Matcher::Prefix(text.to_owned()),
            Plain::Exact(text) => Matcher::Exact(text.to_owned()),
            Plain::Regex => match ecmascript(regex) {
                Ok(Ecma { source, flags }) => {
                    let name = self.pattern_names.claim(&shape_name(shape).to_shouty_snake_case());
                    Matcher::Regex { name: RustIdent::new(&name), source, flags }
                }
                Err(reason) => {
                    self.warnings.push(Warning::in_shape(
                        shape,
                        format!("{}.traits[\"smithy.api#pattern\"]", shape_path(shape)),
                        format!("pattern `{regex}` is not checked by `validate()`: {reason}"),
                    ));
                    Matcher::Unchecked(reason)
                }
            },
        };
        let index = self.pattern_list.len();
        let outside = outside(&matcher);
        self.pattern_list.push(Pattern { regex: regex.to_owned(), matcher, outside });
        self.patterns.insert(regex.to_owned(), index);
        Ok(Some(index))
    }
}

/// The first of a few texts of different kinds that `matcher` refuses.
fn outside(matcher: &Matcher) -> Option<String> {
    const PROBES: &[&str] =
        &["", " ", "\n", "~", "!", "a", "Z", "0", "-", "_", "\u{e9}", "\u{0}", "\u{1F600}", "a b", "aws:x"];
    let refuses: Box<dyn Fn(&str) -> bool> = match matcher {
        Matcher::Prefix(text) => Box::new(move |probe: &str| !probe.starts_with(text.as_str())),
        Matcher::Exact(text) => Box::new(move |probe: &str| probe != text),
        Matcher::Regex { source, flags, .. } => {
            let regex = regress::Regex::with_flags(source, flags.as_str()).ok()?;
            Box::new(move |probe: &str| regex.find(probe).is_none())
        }
        Matcher::Unchecked(_) => return None,
    };
    PROBES.iter().find(|probe| refuses(probe)).map(|probe| (*probe).to_owned())
}

/// A pattern read as text where it can be: Smithy patterns are ECMA-262 regexes, not anchored
/// unless they say so, and `$` without the multiline flag is the end of the text.
#[derive(Debug, PartialEq)]
enum Plain<'a> {
    /// Every string matches, for example `.*` (a match may be empty).
    Any,
    Prefix(&'a str),
    Exact(&'a str),
    Regex,
}

fn plain(regex: &str) -> Plain<'_> {
    const SPECIAL: &[char] = &['\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$'];
    if matches!(regex, "" | "^" | ".*" | "^.*") {
        return Plain::Any;
    }
    let Some(rest) = regex.strip_prefix('^') else { return Plain::Regex };
    let (text, exact) = rest.strip_suffix('$').map_or((rest, false), |text| (text, true));
    match (text.contains(SPECIAL), exact) {
        (true, _) => Plain::Regex,
        (false, true) => Plain::Exact(text),
        (false, false) => Plain::Prefix(text),
    }
}

#[cfg(test)]
mod tests {
    use super::{plain, Plain};

    #[test]
    fn plain_text_patterns_are_read_as_text() {
        assert_eq!(plain(".*"), Plain::Any);
        assert_eq!(plain(""), Plain::Any);
        assert_eq!(plain("^arn:"), Plain::Prefix("arn:"));
        assert_eq!(plain("^ALL$"), Plain::Exact("ALL"));
        assert_eq!(plain("^$"), Plain::Exact(""));
        // Special characters, no leading anchor, or an escaped `$` keep the regex.
        for regex in ["^1.x$", "^.+$", "arn:", "^a\\$", "^[0-9]*$", "^7|9$", "^a{2}", "^(a)"] {
            assert_eq!(plain(regex), Plain::Regex, "{regex}");
        }
    }
}
