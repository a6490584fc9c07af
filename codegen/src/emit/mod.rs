//! Stage three: the intermediate form becomes the files of a crate, formatted by prettyplease.
//!
//! Emitters build code with `quote!` only and read nothing but [`crate::lower::ir`].

mod bindings;
mod client;
mod endpoint;
mod enumeration;
mod errors;
mod manifest;
mod operation;
mod property_tests;
mod protocol_tests;
mod runtime;
mod rust;
mod structure;
mod union;
mod validate;
mod value;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::error::Error;
use crate::lower::docs::code;
use crate::lower::ir::{Crate, Matcher, Pattern, Service, Structure};
use crate::GeneratedFile;
use runtime::Uses;

pub fn emit(krate: &Crate) -> Result<Vec<GeneratedFile>, Error> {
    let Crate {
        name,
        service,
        operations,
        structures,
        errors,
        enums,
        unions,
        patterns,
        uses_timestamp: _,
        uses_blob: _,
        uses_f64: _,
        endpoints,
        // The crate root's docs name it; the operations carry what it decides.
        protocol: _,
        protocol_tests,
        property_tests: _,
        runtime,
    } = krate;
    let uses = Uses::of(krate);
    let mut files = Files::default();

    files.text("Cargo.toml", manifest::emit(name, service, &uses, runtime));
    // The type modules are the largest files by far: declared first so that their parts start
    // first (the workers take parts in this order), and split into parts so that both cores
    // share them.
    if uses.types {
        let head: Tokens = Box::new(move || {
            let error_module = if errors.is_empty() {
                TokenStream::new()
            } else {
                quote! { pub mod error; }
            };
            let enum_items = enums.iter().map(enumeration::emit);
            let union_items = unions.iter().map(|union| {
                let walk = validate::emit_union(union, patterns);
                let item = union::emit(union);
                quote! { #item #walk }
            });
            Ok(quote! {
                //! Structures and enums of the model that operations share.
                #error_module
                #( #enum_items )*
                #( #union_items )*
            })
        });
        files.rust_parts("src/types.rs", type_module(head, structures, patterns));
    }
    if uses.errors {
        let head: Tokens = Box::new(move || {
            let impls = errors.iter().map(errors::emit).collect::<Result<Vec<_>, _>>()?;
            Ok(quote! {
                //! The errors the model describes. Each operation's error enum wraps those it can return.
                #( #impls )*
            })
        });
        files.rust_parts("src/types/error.rs", type_module(head, errors, patterns));
    }
    files.rust("src/lib.rs", move || Ok(crate_root(krate, &uses)));
    files.rust("src/client.rs", move || Ok(client::emit(service, operations)));
    files.rust("src/endpoint.rs", move || Ok(endpoint::module()));
    files.rust("src/endpoint/rules.rs", move || Ok(endpoint::emit(endpoints)));
    if uses.regex_patterns {
        files.rust("src/patterns.rs", move || Ok(patterns_module(patterns)));
    }
    files.rust("src/operation.rs", move || {
        let modules = operations.iter().map(|operation| operation.module.ident());
        Ok(quote! {
            //! One module per operation, each with the operation's input, output and error types.
            #( pub mod #modules; )*
        })
    });
    for operation in operations {
        let path = format!("src/operation/{}.rs", operation.module.as_str());
        files.rust(&path, move || operation::emit(operation, patterns));
    }
    if uses.protocol_tests {
        files.rust("src/protocol_tests.rs", move || Ok(protocol_tests::emit(protocol_tests)));
    }
    if uses.property_tests {
        files.rust("src/property_tests.rs", move || Ok(property_tests::emit(krate)));
    }
    let mut files = files.run()?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Builds the tokens of one part of a Rust file: whole top-level items.
type Tokens<'a> = Box<dyn Fn() -> Result<TokenStream, Error> + Send + Sync + 'a>;

/// Makes the text of one part of a file.
type Part<'a> = Box<dyn Fn() -> Result<String, Error> + Send + Sync + 'a>;

/// A file of the crate, planned: its parts, and whether they are Rust to be joined by
/// [`rust::assemble`] or the file's whole text.
struct Planned<'a> {
    path: String,
    rust: bool,
    parts: Vec<Part<'a>>,
}

/// The files of the crate, as jobs: building and formatting each part of a file is independent
/// of the others and takes most of the generator's time, so the parts run on all cores. Tokens
/// are built inside the job because proc-macro2 token streams cannot cross threads. Large files
/// are split into parts, so that one of them does not keep one core busy while the other idles.
#[derive(Default)]
struct Files<'a>(Vec<Planned<'a>>);

impl<'a> Files<'a> {
    fn text(&mut self, path: &str, contents: String) {
        self.0.push(Planned {
            path: path.to_owned(),
            rust: false,
            parts: vec![Box::new(move || Ok(contents.clone()))],
        });
    }

    fn rust(&mut self, path: &str, tokens: impl Fn() -> Result<TokenStream, Error> + Send + Sync + 'a) {
        self.rust_parts(path, vec![Box::new(tokens)]);
    }

    /// A Rust file made of parts, each a run of whole top-level items; the first carries the
    /// file's inner attributes (module docs).
    fn rust_parts(&mut self, path: &str, parts: Vec<Tokens<'a>>) {
        let parts = parts
            .into_iter()
            .enumerate()
            .map(|(index, tokens)| {
                let path = path.to_owned();
                Box::new(move || rust::format_part(tokens()?, &path, index == 0)) as Part<'a>
            })
            .collect();
        self.0.push(Planned { path: path.to_owned(), rust: true, parts });
    }

    /// Runs every part on all available cores, each worker taking the next part not yet taken,
    /// then joins each file's parts in order. Results do not depend on which worker ran what;
    /// the first error in file order wins.
    fn run(self) -> Result<Vec<GeneratedFile>, Error> {
        let jobs: Vec<&Part<'a>> = self.0.iter().flat_map(|file| &file.parts).collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let workers = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, jobs.len().max(1));
        let work = || {
            let mut done = Vec::new();
            loop {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(job) = jobs.get(index) else { return done };
                done.push((index, job()));
            }
        };
        let finished = std::thread::scope(|scope| {
            let handles: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
            // The calling thread works too: one thread fewer to start, and none at all on one core.
            let mut finished = vec![work()];
            for handle in handles {
                finished.push(handle.join().ok()?);
            }
            Some(finished)
        })
        .ok_or_else(|| Error::new("$", "a generator thread panicked; this is a bug"))?;
        let mut texts: Vec<Option<Result<String, Error>>> = (0..jobs.len()).map(|_| None).collect();
        for (index, text) in finished.into_iter().flatten() {
            texts[index] = Some(text);
        }
        let mut texts = texts.into_iter();
        let mut files = Vec::with_capacity(self.0.len());
        for Planned { path, rust, parts } in self.0 {
            let mut file_parts = Vec::with_capacity(parts.len());
            for _ in 0..parts.len() {
                let text = texts.next().flatten().ok_or_else(|| {
                    Error::new("$", format!("a part of `{path}` was never made; this is a generator bug"))
                })?;
                file_parts.push(text?);
            }
            let contents = if rust { rust::assemble(&file_parts) } else { file_parts.concat() };
            files.push(GeneratedFile { path, contents });
        }
        Ok(files)
    }
}

/// A module of structures, as parts of its file: the head (module docs and other items), the
/// structures a few at a time, and the `builders` submodule.
fn type_module<'a>(head: Tokens<'a>, structures: &'a [Structure], patterns: &'a [Pattern]) -> Vec<Tokens<'a>> {
    // Small enough to spread a large model evenly over the cores, large enough that the cost of
    // each part (a parse and a printer) stays small.
    const STRUCTURES_PER_PART: usize = 8;
    let mut parts = vec![head];
    for chunk in structures.chunks(STRUCTURES_PER_PART) {
        parts.push(Box::new(move || {
            let items = chunk.iter().map(|structure| structure::item(structure, patterns));
            Ok(quote! { #( #items )* })
        }));
    }
    if !structures.is_empty() {
        parts.push(Box::new(move || {
            let builders = structures.iter().map(structure::builder);
            Ok(quote! {
                /// Builders of the structures of this module.
                pub mod builders {
                    #( #builders )*
                }
            })
        }));
    }
    parts
}

fn crate_root(krate: &Crate, uses: &Uses) -> TokenStream {
    let Crate { service, operations, protocol, .. } = krate;
    let Service { shape_id, title, docs: service_docs, version, .. } = service;
    let mut lines = vec![format!("# {title}"), String::new()];
    lines.extend(service_docs.iter().cloned());
    if !service_docs.is_empty() {
        lines.push(String::new());
    }
    let version = version.as_deref().map(|version| format!(", API version `{version}`")).unwrap_or_default();
    lines.push(format!(
        "Generated from the Smithy model of `{shape_id}`{version} by `cargo xtask codegen`; it speaks `{}`.",
        protocol.name()
    ));
    lines.push(String::new());
    lines.push("Operations:".to_owned());
    lines.push(String::new());
    for operation in operations {
        lines.push(format!("- [`{0}`](operation::{1}::{0})", operation.name, operation.module.as_str()));
    }
    let docs = rust::inner_docs(&lines);
    let primitives = uses.primitives();
    let primitives = if primitives.is_empty() {
        TokenStream::new()
    } else {
        let names = primitives.iter().map(|name| format_ident!("{name}"));
        quote! {
            pub mod primitives {
                //! Types that the model's simple shapes map to, shared by every generated crate.
                pub use runtime::primitives::{ #( #names ),* };
            }
        }
    };
    let optional = |used: bool, module: TokenStream| if used { module } else { TokenStream::new() };
    let paginate = optional(
        uses.paginators,
        quote! {
            pub mod paginate {
                //! Paginators: every page of a paginated operation, or every item of every page,
                //! fetched one request at a time, as `futures_core::Stream`s with an async `next()`.
                pub use runtime::paginate::{Items, Pages};
            }
        },
    );
    let event_stream = optional(
        uses.event_streams,
        quote! {
            pub mod event_stream {
                //! Event streams: the events of an output's stream arrive through an
                //! [`EventReceiver`], as the service sends them; an input's go out through an
                //! [`EventStreamSender`], made from any stream of them.
                pub use runtime::event_stream::{EventReceiver, EventStreamSender};
            }
        },
    );
    let types = optional(uses.types, quote! { pub mod types; });
    let patterns = optional(uses.regex_patterns, quote! { mod patterns; });
    let protocol_tests = optional(
        uses.protocol_tests,
        quote! {
            #[cfg(test)]
            mod protocol_tests;
        },
    );
    let property_tests = optional(
        uses.property_tests,
        quote! {
            #[cfg(test)]
            mod property_tests;
        },
    );
    quote! {
        #docs
        #![allow(deprecated)]
        #![warn(missing_docs)]

        pub mod client;
        pub mod config {
            //! How clients reach and authenticate to their services: region, credentials,
            //! endpoint, retries, time-outs and transport. The configuration is the runtime's,
            //! shared by every generated crate: one [`Config`] makes the clients of several
            //! services.
            pub use runtime::config::*;
        }
        pub mod endpoint;
        #event_stream
        pub mod error {
            //! Errors of calls: an input that could not be built or breaks the model's
            //! constraints, error responses the model does not describe, and why a call failed
            //! ([`SdkError`]). The model's own errors are in `types::error`.
            pub use runtime::error::*;
        }
        pub mod http {
            //! The transport: how a signed request reaches the service. [`HttpClient`] is the
            //! seam for another HTTP stack or an in-memory one in tests.
            pub use runtime::http::*;
        }
        pub mod operation;
        #paginate
        #primitives
        #types
        #patterns
        #protocol_tests
        #property_tests

        pub use client::Client;
        pub use config::{Config, Credentials};
        pub use error::{RequestId, SdkError};
    }
}

fn patterns_module(patterns: &[Pattern]) -> TokenStream {
    let statics = patterns.iter().filter_map(|Pattern { regex, matcher, outside: _ }| {
        let Matcher::Regex { name, source, flags } = matcher else { return None };
        let ident = name.ident();
        let doc = if source == regex {
            format!(" {}", code(regex))
        } else {
            format!(" {}, as ECMAScript {}", code(regex), code(source))
        };
        Some(quote! {
            #[doc = #doc]
            pub(crate) static #ident: runtime::validation::Pattern = runtime::validation::Pattern::new(#source, #flags);
        })
    });
    quote! {
        //! The model's `pattern` constraints, each compiled once, on first use.
        #( #statics )*
    }
}
