//! How long the generator takes: parse + lower + emit + format (`codegen::generate`), for the
//! default model (`models/robomaker.json`) and for the whole official RoboMaker model
//! (`../shared/models/robomaker-2018-06-29.json`, skipped with a note when it is missing).
//!
//! Besides the whole run, the stages that the crate exposes are timed on their own (`parse`,
//! `parse+lower`), so that emit + format is the difference. The models are read once, outside
//! the timed loops.
//!
//! Target (from the issue): the whole official model in under 150 ms.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};

/// A model to generate from: its label in the benchmark ids and its JSON text.
struct Model {
    label: &'static str,
    json: String,
}

/// Reads the models once. A model that cannot be read is skipped with a printed note.
fn models() -> Vec<Model> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let default = root.join("../models/robomaker.json");
    let official = root.join("../../shared/models/robomaker-2018-06-29.json");
    let mut models = Vec::new();
    match std::fs::read_to_string(&default) {
        Ok(json) => models.push(Model { label: "default-model", json }),
        Err(err) => eprintln!("note: skipping the default model, {} unreadable: {err}", display(&default)),
    }
    match std::fs::read_to_string(&official) {
        Ok(json) => models.push(Model { label: "official-model", json }),
        Err(err) => eprintln!("note: skipping the official model, {} unreadable: {err}", display(&official)),
    }
    models
}

fn display(path: &Path) -> String {
    path.canonicalize().unwrap_or_else(|_| PathBuf::from(path)).display().to_string()
}

fn bench_generate(c: &mut Criterion) {
    let options = codegen::Options::default();
    let mut group = c.benchmark_group("codegen");
    for model in models() {
        // Check once, outside the loop, that the model generates at all: a benchmark of an
        // error path would measure nothing useful.
        match codegen::generate(&model.json, &options) {
            Ok(codegen::Generated { files, warnings: _ }) => {
                let bytes: usize = files.iter().map(|file| file.contents.len()).sum();
                eprintln!(
                    "note: {}: {} bytes of JSON in, {} files and {bytes} bytes of code out",
                    model.label,
                    model.json.len(),
                    files.len()
                );
            }
            Err(err) => {
                eprintln!("note: skipping {}, it does not generate: {err}", model.label);
                continue;
            }
        }
        group.throughput(Throughput::Bytes(model.json.len() as u64));
        // The stages alone take milliseconds: 20 samples keep the run short on a shared
        // two-core machine while still giving a confidence interval.
        group.sampling_mode(SamplingMode::Auto).sample_size(20);
        group.bench_function(format!("{}/parse", model.label), |b| {
            b.iter(|| codegen::parse::parse(black_box(&model.json)))
        });
        group.bench_function(format!("{}/parse+lower", model.label), |b| {
            b.iter(|| {
                let parsed = codegen::parse::parse(black_box(&model.json));
                parsed.map(|parsed| codegen::lower::lower(&parsed, &options))
            })
        });
        // A whole generation takes tens to hundreds of milliseconds: flat sampling with
        // criterion's minimum of 10 samples fits a measurement time of a few seconds.
        group.sampling_mode(SamplingMode::Flat).sample_size(10);
        group.bench_function(format!("{}/generate", model.label), |b| {
            b.iter(|| codegen::generate(black_box(&model.json), black_box(&options)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_generate);
criterion_main!(benches);
