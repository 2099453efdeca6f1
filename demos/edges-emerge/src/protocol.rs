//! Messages between the page and the worker that learns the filters.

use serde::{Deserialize, Serialize};

/// Sparsity prices on offer (0: none, the control).
pub const LAMBDAS: [f32; 5] = [0.0, 0.5, 1.0, 2.0, 4.0];
/// Filter counts on offer.
pub const ATOMS: [usize; 3] = [16, 64, 144];
/// Times per run the page is sent the filters and their measures.
pub const MEASUREMENTS: usize = 60;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    /// Learn filters from `source` (an `edges::Source` key).
    Train { run: u32, source: String, lambda: f32, atoms: usize, assets: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    Loading {
        done: f32,
    },
    /// Whitening is fitted: a few whitened patches and the first principal
    /// components (`size` × `size` each, one after another).
    Whitened {
        size: usize,
        examples: Vec<f32>,
        components: Vec<f32>,
        component_edges: usize,
    },
    /// The filters now (`atoms` × `size` × `size`) and how many are edges.
    Filters {
        batch: usize,
        batches: usize,
        filters: Vec<f32>,
        edges: usize,
        residual: f32,
        active: f32,
    },
    Progress {
        batch: usize,
        batches: usize,
        per_second: f32,
    },
    Done {
        seconds: f32,
        edges: usize,
    },
    Failed {
        message: String,
    },
}
