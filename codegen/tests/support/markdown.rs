//! Checks rendered documentation the way rustdoc and clippy read it, with the CommonMark parser
//! rustdoc uses: the properties every doc comment the generator writes must have, whatever the
//! model's HTML. Shared by the renderer's unit tests and the test over every official model.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

/// Returns what is wrong with `lines` as the body of a doc comment, if anything.
pub fn problems(lines: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    if lines.first().is_some_and(String::is_empty) || lines.last().is_some_and(String::is_empty) {
        problems.push("starts or ends with a blank line".to_string());
    }
    for (i, line) in lines.iter().enumerate() {
        if line.trim_end() != line {
            problems.push(format!("line {i}: trailing whitespace"));
        }
        // rustc rejects a bare carriage return in a `///` comment, and text direction
        // codepoints by default.
        if line.contains(|c| matches!(c, '\r' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')) {
            problems.push(format!("line {i}: a character rustc rejects in a comment"));
        }
        if i > 0 && line.is_empty() && lines[i - 1].is_empty() {
            problems.push(format!("line {i}: two blank lines"));
        }
    }
    let text = lines.join("\n");
    let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).collect();
    let line_of = |offset: usize| starts.partition_point(|&start| start <= offset) - 1;
    // Content column of each open list item, outermost first.
    let mut items: Vec<usize> = Vec::new();
    for (event, range) in Parser::new_ext(&text, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
                // rustdoc compiles an indented block as a Rust doctest.
                problems.push(format!("line {}: indented code block", line_of(range.start)));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let line = line_of(range.start);
                if &*info != "text" {
                    problems.push(format!("line {line}: code block `{info}` would be a doctest"));
                }
                // An unclosed fence runs to the end of the doc comment, swallowing what follows.
                let block = text[range.clone()].trim_end();
                let opening = block.trim_start().split(|c| c != '`').next().unwrap_or_default();
                let closing = block.rsplit('\n').next().unwrap_or_default().trim();
                if block.lines().count() < 2 || closing != opening {
                    problems.push(format!("line {line}: code block never closed"));
                }
            }
            Event::Start(Tag::Item) => {
                // The item's range may start before its marker, at its container's content.
                let at = range.start + (text[range.start..].len() - text[range.start..].trim_start_matches(' ').len());
                let line = line_of(at);
                let marker = at - starts[line];
                let parent = items.last().copied().unwrap_or(0);
                if marker != parent {
                    // clippy: doc_overindented_list_items (or an item outside its parent).
                    problems
                        .push(format!("line {line}: item marker at column {marker}, its parent's content at {parent}"));
                }
                let rest = &text[at..];
                let marker_end = rest.find([' ', '\n']).unwrap_or(rest.len());
                let spaces = rest[marker_end..].len() - rest[marker_end..].trim_start_matches(' ').len();
                let content = marker + marker_end + if (1..=4).contains(&spaces) { spaces } else { 1 };
                // Every later line of the item lines up with its content; one that does not is a
                // lazy continuation (clippy: doc_lazy_continuation).
                let last = line_of(range.end.saturating_sub(1).max(range.start));
                for (n, text_line) in lines.iter().enumerate().take(last + 1).skip(line + 1) {
                    let indent = text_line.len() - text_line.trim_start().len();
                    if !text_line.is_empty() && indent < content {
                        problems
                            .push(format!("line {n}: lazy continuation (column {indent}, item content at {content})"));
                    }
                }
                items.push(content);
            }
            Event::End(pulldown_cmark::TagEnd::Item) => {
                items.pop();
            }
            _ => {}
        }
    }
    problems
}
