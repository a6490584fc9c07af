//! The one error type of the generator: every failure names where in the model it happened.

use std::fmt;

/// A model the generator cannot turn into a crate.
///
/// `shape` names the shape ID involved (when one is), `path` is a JSON path into the model
/// document such as `$.shapes["com.example#Foo"].members.bar.target`, so a user can find the
/// offending spot without reading the generator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    shape: Option<String>,
    path: String,
    message: String,
}

impl Error {
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { shape: None, path: path.into(), message: message.into() }
    }

    pub(crate) fn in_shape(shape: impl Into<String>, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { shape: Some(shape.into()), path: path.into(), message: message.into() }
    }

    /// The shape ID the error is about, if it is about one.
    pub fn shape(&self) -> Option<&str> {
        self.shape.as_deref()
    }

    /// The JSON path of the offending value in the model document.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.shape {
            Some(shape) => write!(f, "shape `{shape}` at {}: {}", self.path, self.message),
            None => write!(f, "at {}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for Error {}

/// A part of the model the generated crate leaves out or handles in a lesser way, such as a
/// pattern no engine can run: generation goes on, and the caller shows the warning. It is
/// located as an [`Error`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning(Error);

impl Warning {
    pub(crate) fn in_shape(shape: impl Into<String>, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self(Error::in_shape(shape, path, message))
    }

    /// The shape ID the warning is about, if it is about one.
    pub fn shape(&self) -> Option<&str> {
        self.0.shape()
    }

    /// The JSON path of the value in the model document.
    pub fn path(&self) -> &str {
        self.0.path()
    }

    /// What is left out, and why, without the location.
    pub fn message(&self) -> &str {
        self.0.message()
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Builds JSON paths the way the error messages print them.
pub(crate) fn shape_path(id: &str) -> String {
    format!("$.shapes[{}]", quoted(id))
}

pub(crate) fn quoted(key: &str) -> String {
    // serde_json escapes exactly as a JSON path reader expects.
    serde_json::Value::String(key.to_owned()).to_string()
}
