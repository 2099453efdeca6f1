//! The weights file: safetensors (a JSON header, then raw little-endian f32),
//! one tensor per parameter, tagged with a format version.

use crate::LeNet5;
use safetensors::{Dtype, SafeTensors, tensor::TensorView};

/// Written into the file's metadata; files of another format are refused.
pub const FORMAT: &str = "lenet5-relu-maxpool-v1";
const NAMES: [&str; 10] = [
    "c1.weight",
    "c1.bias",
    "c3.weight",
    "c3.bias",
    "c5.weight",
    "c5.bias",
    "f6.weight",
    "f6.bias",
    "output.weight",
    "output.bias",
];

/// Serialises the model's parameters.
pub fn save(model: &LeNet5) -> Vec<u8> {
    let bytes: Vec<Vec<u8>> = model
        .params_ref()
        .iter()
        .map(|p| p.value.iter().flat_map(|v| v.to_le_bytes()).collect())
        .collect();
    let views = NAMES.iter().zip(&bytes).zip(model.params_ref()).map(|((name, b), p)| {
        (*name, TensorView::new(Dtype::F32, vec![p.value.len()], b).expect("sizes agree"))
    });
    safetensors::serialize(views, Some(metadata())).expect("valid tensors serialise")
}

fn metadata<M: Default + Extend<(String, String)>>() -> M {
    let mut m = M::default();
    m.extend([("format".to_string(), FORMAT.to_string())]);
    m
}

/// Reads weights into `model`, refusing truncated, foreign or mismatched files
/// with a message that says which.
pub fn load(model: &mut LeNet5, bytes: &[u8]) -> Result<(), String> {
    let file = SafeTensors::deserialize(bytes)
        .map_err(|e| format!("not a valid weights file ({e})"))?;
    let (_, header) = SafeTensors::read_metadata(bytes)
        .map_err(|e| format!("not a valid weights file ({e})"))?;
    let format = header.metadata().as_ref().and_then(|m| m.get("format").cloned());
    if format.as_deref() != Some(FORMAT) {
        return Err(format!(
            "weights are for {:?}, this model reads {FORMAT:?}",
            format.unwrap_or_default()
        ));
    }
    for (name, param) in NAMES.iter().zip(model.params()) {
        let t = file
            .tensor(name)
            .map_err(|_| format!("weights file has no tensor {name}"))?;
        if t.dtype() != Dtype::F32 || t.data().len() != param.value.len() * 4 {
            return Err(format!("tensor {name} has the wrong type or size"));
        }
        for (v, b) in param.value.iter_mut().zip(t.data().chunks_exact(4)) {
            *v = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        }
        if param.value.iter().any(|v| !v.is_finite()) {
            return Err(format!("tensor {name} holds NaN or infinite values"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_restores_every_weight() {
        let a = LeNet5::new(5);
        let mut b = LeNet5::new(6);
        load(&mut b, &save(&a)).unwrap();
        assert_eq!(a.params_ref(), b.params_ref());
    }

    #[test]
    fn truncated_and_foreign_files_are_refused_with_reasons() {
        let bytes = save(&LeNet5::new(5));
        let mut m = LeNet5::new(1);
        let err = load(&mut m, &bytes[..bytes.len() / 2]).unwrap_err();
        assert!(err.contains("not a valid weights file"), "{err}");
        assert!(load(&mut m, b"hello").unwrap_err().contains("not a valid"));
        let mut other = bytes.clone();
        let at =
            other.windows(FORMAT.len()).position(|w| w == FORMAT.as_bytes()).unwrap();
        other[at] = b'X';
        assert!(load(&mut m, &other).unwrap_err().contains("this model reads"));
    }
}
