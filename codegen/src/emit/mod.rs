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
mod protocol_tests;
mod runtime;
mod rust;
mod structure;
mod union;
mod validate;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::error::Error;
use crate::lower::ir::{Crate, Matcher, Pattern, Service, Structure};
use crate::GeneratedFile;

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
        unicode_patterns,
        uses_timestamp,
        uses_blob,
        uses_fallback,
        endpoints,
        protocol_tests,
    } = krate;
    let mut files = Files::default();
    let has_enums = !enums.is_empty();

    let needs = manifest::Needs {
        timestamps: *uses_timestamp,
        blobs: *uses_blob,
        unicode_patterns: *unicode_patterns,
        regex_patterns: patterns.iter().any(|pattern| matches!(pattern.matcher, Matcher::Regex(_))),
        paginators: operations.iter().any(|operation| operation.pagination.is_some()),
        checksums: operations.iter().any(|operation| operation.checksum_required),
        gzip: operations.iter().any(|operation| operation.gzip_request),
    };
    files.text("Cargo.toml", manifest::emit(name, service, &needs));
    // The type modules are the largest files by far: declared first so that their parts start
    // first (the workers take parts in this order), and split into parts so that both cores
    // share them.
    if !structures.is_empty() || has_enums || !unions.is_empty() || !errors.is_empty() {
        let head: Tokens = Box::new(move || {
            let error_module = if errors.is_empty() {
                TokenStream::new()
            } else {
                quote! { pub mod error; }
            };
            let enum_items = enums.iter().map(enumeration::emit);
            let union_items = unions.iter().map(union::emit);
            Ok(quote! {
                //! Structures and enums of the model that operations share.
                #error_module
                #( #enum_items )*
                #( #union_items )*
            })
        });
        files.rust_parts("src/types.rs", type_module(head, structures, patterns));
    }
    if !errors.is_empty() {
        let head: Tokens = Box::new(move || {
            let impls = errors.iter().map(errors::emit).collect::<Result<Vec<_>, _>>()?;
            Ok(quote! {
                //! The errors the model describes. Each operation's error enum wraps those it can return.
                #( #impls )*
            })
        });
        files.rust_parts("src/types/error.rs", type_module(head, errors, patterns));
    }
    files.rust("src/lib.rs", move || Ok(crate_root(krate, &needs)));
    files.runtime("src/error.rs", runtime::ERROR);
    files.rust("src/client.rs", move || Ok(client::emit(service, operations)));
    files.runtime("src/config.rs", runtime::CONFIG);
    files.runtime("src/config/profile.rs", runtime::PROFILE);
    files.runtime("src/endpoint.rs", runtime::ENDPOINT);
    files.runtime("src/endpoint/eval.rs", runtime::ENDPOINT_EVAL);
    files.runtime("src/endpoint/functions.rs", runtime::ENDPOINT_FUNCTIONS);
    files.runtime("src/endpoint/partition.rs", runtime::ENDPOINT_PARTITION);
    files.rust("src/endpoint/rules.rs", move || Ok(endpoint::emit(endpoints)));
    files.runtime("src/http.rs", runtime::HTTP);
    files.runtime("src/http/default_client.rs", runtime::HTTP_DEFAULT_CLIENT);
    files.runtime("src/invoke.rs", runtime::INVOKE);
    files.runtime("src/invoke/credentials_cache.rs", runtime::CREDENTIALS_CACHE);
    if needs.paginators {
        files.runtime("src/paginate.rs", runtime::PAGINATE);
    }
    if needs.checksums {
        files.runtime("src/checksum.rs", runtime::CHECKSUM);
    }
    if needs.gzip {
        files.runtime("src/compression.rs", runtime::COMPRESSION);
    }
    files.runtime("src/protocol.rs", runtime::PROTOCOL);
    files.runtime("src/retry.rs", runtime::RETRY);
    files.runtime("src/validation.rs", runtime::VALIDATION);
    if *uses_timestamp || has_enums || *uses_blob {
        files.rust("src/primitives.rs", move || Ok(primitives(*uses_timestamp, has_enums, *uses_blob)));
    }
    if *uses_blob {
        files.runtime("src/primitives/blob.rs", runtime::BLOB);
    }
    if *uses_timestamp {
        files.runtime("src/primitives/timestamp.rs", runtime::TIMESTAMP);
    }
    if has_enums {
        files.runtime("src/primitives/unknown.rs", runtime::UNKNOWN);
    }
    if needs.regex_patterns {
        files.rust("src/patterns.rs", move || Ok(patterns_module(patterns, *unicode_patterns)));
    }
    if *uses_fallback {
        files.rust("src/fallback.rs", move || Ok(fallback_module(*uses_timestamp)));
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
    if !protocol_tests.is_empty() {
        files.rust("src/protocol_tests.rs", move || Ok(protocol_tests::emit(protocol_tests)));
        files.runtime("src/protocol_tests/support.rs", runtime::PROTOCOL_TEST_SUPPORT);
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

    fn runtime(&mut self, path: &str, source: &'static str) {
        let owned = path.to_owned();
        self.0.push(Planned {
            path: path.to_owned(),
            rust: false,
            parts: vec![Box::new(move || runtime::format(source, &owned))],
        });
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

fn crate_root(krate: &Crate, needs: &manifest::Needs) -> TokenStream {
    let Crate { service, operations, .. } = krate;
    let Service { shape_id, title, docs: service_docs, version, .. } = service;
    let mut lines = vec![format!("# {title}"), String::new()];
    lines.extend(service_docs.iter().cloned());
    if !service_docs.is_empty() {
        lines.push(String::new());
    }
    let version = version.as_deref().map(|version| format!(", API version `{version}`")).unwrap_or_default();
    lines.push(format!("Generated from the Smithy model of `{shape_id}`{version} by `cargo xtask codegen`."));
    lines.push(String::new());
    lines.push("Operations:".to_owned());
    lines.push(String::new());
    for operation in operations {
        lines.push(format!("- [`{0}`](operation::{1}::{0})", operation.name, operation.module.as_str()));
    }
    let docs = rust::inner_docs(&lines);
    let has_primitives = krate.uses_timestamp || !krate.enums.is_empty() || krate.uses_blob;
    let primitives = if has_primitives {
        quote! { pub mod primitives; }
    } else {
        TokenStream::new()
    };
    let patterns = if needs.regex_patterns {
        quote! { mod patterns; }
    } else {
        TokenStream::new()
    };
    let checksum = if needs.checksums {
        quote! { mod checksum; }
    } else {
        TokenStream::new()
    };
    let compression = if needs.gzip {
        quote! { mod compression; }
    } else {
        TokenStream::new()
    };
    let fallback = if krate.uses_fallback {
        quote! { mod fallback; }
    } else {
        TokenStream::new()
    };
    let protocol_tests = if krate.protocol_tests.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            #[cfg(test)]
            mod protocol_tests;
        }
    };
    let paginate = if needs.paginators {
        quote! { pub mod paginate; }
    } else {
        TokenStream::new()
    };
    let types = if krate.structures.is_empty()
        && krate.enums.is_empty()
        && krate.unions.is_empty()
        && krate.errors.is_empty()
    {
        TokenStream::new()
    } else {
        quote! { pub mod types; }
    };
    quote! {
        #docs
        #![allow(deprecated)]
        #![warn(missing_docs)]

        #checksum
        pub mod client;
        #compression
        pub mod config;
        pub mod endpoint;
        pub mod error;
        #fallback
        pub mod http;
        mod invoke;
        pub mod operation;
        #paginate
        #primitives
        #types
        #patterns
        mod protocol;
        #protocol_tests
        mod retry;
        mod validation;

        pub use client::Client;
        pub use config::{Config, Credentials};
        pub use error::{RequestId, SdkError};
    }
}

fn primitives(timestamp: bool, unknown: bool, blob: bool) -> TokenStream {
    let timestamp = if timestamp {
        quote! {
            pub(crate) mod timestamp;
            pub use timestamp::{ParseTimestampError, Timestamp};
        }
    } else {
        TokenStream::new()
    };
    let unknown = if unknown {
        quote! {
            mod unknown;
            pub(crate) use unknown::deserialize_enum;
            pub use unknown::UnknownValue;
        }
    } else {
        TokenStream::new()
    };
    let blob = if blob {
        quote! {
            mod blob;
            pub use blob::Blob;
        }
    } else {
        TokenStream::new()
    };
    quote! {
        //! Types that the model's simple shapes map to.
        #blob
        #timestamp
        #unknown
    }
}

/// Smithy's client error correction: a response that leaves out a required member still parses,
/// with the member set to an empty value, rather than losing the whole response.
fn fallback_module(timestamp: bool) -> TokenStream {
    let timestamp = if timestamp {
        quote! {
            impl Fallback for crate::primitives::Timestamp {
                fn fallback() -> Self {
                    Self::UNIX_EPOCH
                }
            }
        }
    } else {
        TokenStream::new()
    };
    let zeros = ["i8", "i16", "i32", "i64"].map(|ty| format_ident!("{ty}"));
    quote! {
        //! Values for required members that a response left out (Smithy's client error
        //! correction): the response still parses, and nothing else in it is lost.
        use std::collections::HashMap;

        /// The value a required member gets when a response leaves it out.
        pub(crate) trait Fallback {
            fn fallback() -> Self;
        }

        /// The fallback of `T`, as a function (for `unwrap_or_else`).
        pub(crate) fn value<T: Fallback>() -> T {
            T::fallback()
        }

        impl Fallback for String {
            fn fallback() -> Self {
                String::new()
            }
        }

        impl Fallback for bool {
            fn fallback() -> Self {
                false
            }
        }

        #(
            impl Fallback for #zeros {
                fn fallback() -> Self {
                    0
                }
            }
        )*

        impl Fallback for f32 {
            fn fallback() -> Self {
                0.0
            }
        }

        impl Fallback for f64 {
            fn fallback() -> Self {
                0.0
            }
        }

        impl<T> Fallback for Vec<T> {
            fn fallback() -> Self {
                Vec::new()
            }
        }

        impl<K, V> Fallback for HashMap<K, V> {
            fn fallback() -> Self {
                HashMap::new()
            }
        }

        impl<T: Fallback> Fallback for Box<T> {
            fn fallback() -> Self {
                Box::new(T::fallback())
            }
        }

        #timestamp
    }
}

fn patterns_module(patterns: &[Pattern], unicode: bool) -> TokenStream {
    let engine = if unicode {
        quote! { regex::Regex }
    } else {
        quote! { regex_lite::Regex }
    };
    let statics = patterns.iter().filter_map(|Pattern { regex, matcher }| {
        let Matcher::Regex(name) = matcher else { return None };
        let ident = name.ident();
        let doc = format!(" `{regex}`");
        Some(quote! {
            #[doc = #doc]
            pub(crate) static #ident: LazyLock<Regex> =
                LazyLock::new(|| Regex::new(#regex).expect("the generator compiled this pattern"));
        })
    });
    quote! {
        //! The model's `pattern` constraints, each compiled once, on first use.
        use std::sync::LazyLock;

        use #engine;

        #( #statics )*
    }
}
