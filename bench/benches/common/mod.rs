//! What the benches share: the summary of their paired rounds, and plain serde types.

pub mod plain;

/// The median (of the two middle values, for an even count) and the extremes of `values`.
pub fn spread(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    let median =
        if values.len().is_multiple_of(2) { (values[middle - 1] + values[middle]) / 2.0 } else { values[middle] };
    (median, values[0], values[values.len() - 1])
}
