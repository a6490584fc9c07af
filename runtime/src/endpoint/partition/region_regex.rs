//! The `regionRegex` of a partition: whether a region name belongs to it.
//!
//! Partition tables write these as small regexes (`^us\-gov\-\w+\-\d+$`,
//! `^(us|eu|ap|sa|ca|me|af)-\w+-\d+$`), matched once per client against one short name. A regex
//! crate compiled into every program for that alone cost more than the rest of the lookup
//! (about 55 KB of a binary, and its build), so this reads the part of the syntax such patterns
//! use and runs it as a Pike VM: time linear in the name whatever the pattern, no backtracking.
//!
//! The syntax, with the meaning `regex-lite` gives it (its tests compare the two): literal
//! characters; `\` before punctuation for the character itself; `\w`, `\d`, `\s` and their
//! negations `\W`, `\D`, `\S` (ASCII classes); `.` (anything but a newline); classes `[...]` and
//! `[^...]` of characters, ranges and those escapes; groups `(...)` and `(?:...)`; `|`; the
//! quantifiers `*`, `+` and `?` (their lazy forms match the same names); `^` and `$`. Anything
//! else (counted repetition, flags, word boundaries, named classes, backreferences) is an error
//! that names it, as is a pattern that does not parse.

use std::fmt;

/// A compiled `regionRegex`.
#[derive(Clone)]
pub(super) struct RegionRegex {
    source: String,
    program: Vec<Inst>,
}

/// Why a pattern was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RegexError(String);

impl fmt::Display for RegexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for RegionRegex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RegionRegex").field(&self.source).finish()
    }
}

/// One instruction of the program a pattern compiles to.
#[derive(Debug, Clone)]
enum Inst {
    /// One character of `class`, then the next instruction.
    Char(Class),
    /// Both ways.
    Split(usize, usize),
    Jump(usize),
    /// `^`: only at the start of the name.
    Start,
    /// `$`: only at its end.
    End,
    Match,
}

/// What one character may be.
#[derive(Debug, Clone, PartialEq)]
enum Class {
    /// `.`: anything but `\n`.
    Any,
    /// A set of ranges, inclusive; `negated` for `[^...]`, `\W`, `\D`, `\S`.
    Set { ranges: Vec<(char, char)>, negated: bool },
}

impl Class {
    fn one(c: char) -> Self {
        Class::Set { ranges: vec![(c, c)], negated: false }
    }

    /// The one character of a class of one, such as an escape like `\-`.
    fn single(&self) -> Option<char> {
        match self {
            Class::Set { ranges, negated: false } => match ranges.as_slice() {
                [(low, high)] if low == high => Some(*low),
                _ => None,
            },
            _ => None,
        }
    }

    fn matches(&self, c: char) -> bool {
        match self {
            Class::Any => c != '\n',
            Class::Set { ranges, negated } => ranges.iter().any(|&(low, high)| low <= c && c <= high) != *negated,
        }
    }
}

const WORD: &[(char, char)] = &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
const DIGIT: &[(char, char)] = &[('0', '9')];
/// `regex-lite`'s `\s`: `[\t\n\v\f\r ]`.
const SPACE: &[(char, char)] = &[('\t', '\r'), (' ', ' ')];

/// A parsed pattern.
#[derive(Debug)]
enum Node {
    Class(Class),
    Start,
    End,
    Concat(Vec<Node>),
    Alternate(Vec<Node>),
    Repeat { node: Box<Node>, kind: Repeat },
}

#[derive(Debug, Clone, Copy)]
enum Repeat {
    /// `*`
    ZeroOrMore,
    /// `+`
    OneOrMore,
    /// `?`
    ZeroOrOne,
}

impl RegionRegex {
    /// Compiles `source`.
    pub(super) fn new(source: &str) -> Result<Self, RegexError> {
        let mut parser = Parser { chars: source.chars().collect(), at: 0 };
        let node = parser.alternation()?;
        if let Some(c) = parser.peek() {
            // Only an unopened `)` stops the top-level alternation early.
            return Err(parser.error(format!("unopened `{c}`")));
        }
        let mut program = Vec::new();
        compile(&node, &mut program);
        program.push(Inst::Match);
        Ok(Self { source: source.to_owned(), program })
    }

    /// Whether `region` has a match of the pattern anywhere (the pattern's `^` and `$` say
    /// where), as `Regex::is_match` says.
    pub(super) fn is_match(&self, region: &str) -> bool {
        let chars: Vec<char> = region.chars().collect();
        let mut current = Threads::new(self.program.len());
        let mut next = Threads::new(self.program.len());
        for at in 0..=chars.len() {
            // A match may start anywhere: a thread from the first instruction joins at each place.
            self.add(&mut current, 0, at, chars.len());
            let mut matched = false;
            for &pc in &current.list {
                match &self.program[pc] {
                    Inst::Match => matched = true,
                    Inst::Char(class) => {
                        if chars.get(at).is_some_and(|&c| class.matches(c)) {
                            self.add(&mut next, pc + 1, at + 1, chars.len());
                        }
                    }
                    Inst::Split(..) | Inst::Jump(_) | Inst::Start | Inst::End => {}
                }
            }
            if matched {
                return true;
            }
            std::mem::swap(&mut current, &mut next);
            next.clear();
        }
        false
    }

    /// Adds the thread at `pc` and every instruction it reaches without reading a character.
    fn add(&self, threads: &mut Threads, pc: usize, at: usize, len: usize) {
        if !threads.insert(pc) {
            return;
        }
        match self.program[pc] {
            Inst::Split(first, second) => {
                self.add(threads, first, at, len);
                self.add(threads, second, at, len);
            }
            Inst::Jump(to) => self.add(threads, to, at, len),
            Inst::Start if at == 0 => self.add(threads, pc + 1, at, len),
            Inst::End if at == len => self.add(threads, pc + 1, at, len),
            Inst::Start | Inst::End | Inst::Char(_) | Inst::Match => {}
        }
    }
}

/// The instructions live at one place in the name, each once, in the order they were added.
struct Threads {
    list: Vec<usize>,
    seen: Vec<bool>,
}

impl Threads {
    fn new(len: usize) -> Self {
        Self { list: Vec::new(), seen: vec![false; len] }
    }

    /// `false` if `pc` was already there.
    fn insert(&mut self, pc: usize) -> bool {
        if std::mem::replace(&mut self.seen[pc], true) {
            return false;
        }
        self.list.push(pc);
        true
    }

    fn clear(&mut self) {
        for pc in self.list.drain(..) {
            self.seen[pc] = false;
        }
    }
}

fn compile(node: &Node, program: &mut Vec<Inst>) {
    match node {
        Node::Class(class) => program.push(Inst::Char(class.clone())),
        Node::Start => program.push(Inst::Start),
        Node::End => program.push(Inst::End),
        Node::Concat(nodes) => nodes.iter().for_each(|node| compile(node, program)),
        Node::Alternate(branches) => {
            // split(b1, split(b2, ... bn)), each branch jumping past the others when done.
            let mut jumps = Vec::new();
            for (i, branch) in branches.iter().enumerate() {
                if i + 1 < branches.len() {
                    let split = program.len();
                    program.push(Inst::Split(split + 1, 0));
                    compile(branch, program);
                    jumps.push(program.len());
                    program.push(Inst::Jump(0));
                    let after = program.len();
                    program[split] = Inst::Split(split + 1, after);
                } else {
                    compile(branch, program);
                }
            }
            let end = program.len();
            for jump in jumps {
                program[jump] = Inst::Jump(end);
            }
        }
        Node::Repeat { node, kind: Repeat::ZeroOrMore } => {
            let split = program.len();
            program.push(Inst::Split(split + 1, 0));
            compile(node, program);
            program.push(Inst::Jump(split));
            let end = program.len();
            program[split] = Inst::Split(split + 1, end);
        }
        Node::Repeat { node, kind: Repeat::OneOrMore } => {
            let start = program.len();
            compile(node, program);
            let end = program.len() + 1;
            program.push(Inst::Split(start, end));
        }
        Node::Repeat { node, kind: Repeat::ZeroOrOne } => {
            let split = program.len();
            program.push(Inst::Split(split + 1, 0));
            compile(node, program);
            let end = program.len();
            program[split] = Inst::Split(split + 1, end);
        }
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    fn error(&self, what: String) -> RegexError {
        RegexError(format!(
            "{what} at character {} (regionRegex supports literals, \\w \\d \\s, ., [...], (...), |, * + ? and ^ $)",
            self.at + 1
        ))
    }

    /// `branch ('|' branch)*`, up to a `)` or the end.
    fn alternation(&mut self) -> Result<Node, RegexError> {
        let mut branches = vec![self.concatenation()?];
        while self.peek() == Some('|') {
            self.at += 1;
            branches.push(self.concatenation()?);
        }
        Ok(if branches.len() == 1 { branches.remove(0) } else { Node::Alternate(branches) })
    }

    /// Quantified atoms, up to a `|`, a `)` or the end.
    fn concatenation(&mut self) -> Result<Node, RegexError> {
        let mut nodes = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let mut atom = self.atom()?;
            loop {
                let kind = match self.peek() {
                    Some('*') => Repeat::ZeroOrMore,
                    Some('+') => Repeat::OneOrMore,
                    Some('?') => Repeat::ZeroOrOne,
                    Some('{') => return Err(self.error("counted repetition `{..}` is not supported".to_owned())),
                    _ => break,
                };
                if matches!(atom, Node::Start | Node::End) {
                    return Err(self.error("a quantifier after `^` or `$`".to_owned()));
                }
                self.at += 1;
                // A lazy quantifier matches the same names.
                if self.peek() == Some('?') {
                    self.at += 1;
                }
                atom = Node::Repeat { node: Box::new(atom), kind };
            }
            nodes.push(atom);
        }
        Ok(Node::Concat(nodes))
    }

    fn atom(&mut self) -> Result<Node, RegexError> {
        let Some(c) = self.next() else { return Err(self.error("the pattern ends early".to_owned())) };
        Ok(match c {
            '^' => Node::Start,
            '$' => Node::End,
            '.' => Node::Class(Class::Any),
            '(' => {
                if self.peek() == Some('?') {
                    self.at += 1;
                    if self.next() != Some(':') {
                        return Err(self.error("group flags and look-around `(?...)` are not supported".to_owned()));
                    }
                }
                let inner = self.alternation()?;
                if self.next() != Some(')') {
                    return Err(self.error("unclosed `(`".to_owned()));
                }
                inner
            }
            '[' => Node::Class(self.class()?),
            '\\' => Node::Class(self.escape()?),
            '*' | '+' | '?' | '{' => return Err(self.error(format!("`{c}` with nothing to repeat"))),
            c => Node::Class(Class::one(c)),
        })
    }

    /// After a `\`, outside or inside a class.
    fn escape(&mut self) -> Result<Class, RegexError> {
        let Some(c) = self.next() else { return Err(self.error("a `\\` at the end".to_owned())) };
        let set = |ranges: &[(char, char)], negated: bool| Class::Set { ranges: ranges.to_vec(), negated };
        Ok(match c {
            'w' => set(WORD, false),
            'W' => set(WORD, true),
            'd' => set(DIGIT, false),
            'D' => set(DIGIT, true),
            's' => set(SPACE, false),
            'S' => set(SPACE, true),
            'n' => Class::one('\n'),
            't' => Class::one('\t'),
            'r' => Class::one('\r'),
            // `\<` and `\>` are word boundaries to regex crates.
            c if c.is_ascii_punctuation() && c != '<' && c != '>' => Class::one(c),
            c => return Err(self.error(format!("the escape `\\{c}` is not supported"))),
        })
    }

    /// After a `[`: up to its `]`.
    fn class(&mut self) -> Result<Class, RegexError> {
        let negated = self.peek() == Some('^');
        if negated {
            self.at += 1;
        }
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.next() else { return Err(self.error("unclosed `[`".to_owned())) };
            let low = match c {
                // A `]` first is one of the class's characters.
                ']' if !first => break,
                '[' => return Err(self.error("nested classes and `[:name:]` are not supported".to_owned())),
                '\\' => {
                    let escaped = self.escape()?;
                    match (escaped.single(), escaped) {
                        (Some(c), _) => c,
                        (None, Class::Set { ranges: escaped, negated: false }) => {
                            ranges.extend(escaped);
                            first = false;
                            continue;
                        }
                        _ => return Err(self.error("negated escapes in a class are not supported".to_owned())),
                    }
                }
                c => c,
            };
            first = false;
            // `a-z`, unless the `-` is the last character.
            if self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&next| next != ']') {
                self.at += 1;
                let high = match self.next() {
                    Some('\\') => match self.escape()?.single() {
                        Some(high) => high,
                        None => return Err(self.error("a range that ends in a class".to_owned())),
                    },
                    Some(high) => high,
                    None => return Err(self.error("unclosed `[`".to_owned())),
                };
                if high < low {
                    return Err(self.error(format!("the range `{low}-{high}` is backwards")));
                }
                ranges.push((low, high));
            } else {
                ranges.push((low, low));
            }
        }
        Ok(Class::Set { ranges, negated })
    }
}

#[cfg(test)]
mod tests;
