//! Physical lines to logical lines.
