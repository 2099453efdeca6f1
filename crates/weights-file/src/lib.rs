//! The book's shipped weights files, for every model that ships in half
//! precision (the GPTs, the digit U-Net): safetensors, each parameter one
//! f16 tensor (half the download; no model here notices), byte tensors for
//! anything else (a vocabulary), and the model's shape in the one metadata
//! entry `format` (one entry, so the bytes never depend on a hash map's order).

use half::f16;
use safetensors::{Dtype, SafeTensors, tensor::TensorView};

/// Serialises `params` (name and values) in f16 and `bytes` (name and raw
/// bytes) with `format` as the metadata.
pub fn save(format: &str, params: &[(&str, &[f32])], bytes: &[(&str, &[u8])]) -> Vec<u8> {
    let halves: Vec<Vec<u8>> = params
        .iter()
        .map(|(_, v)| v.iter().flat_map(|&x| f16::from_f32(x).to_le_bytes()).collect())
        .collect();
    let mut views: Vec<(&str, TensorView)> = params
        .iter()
        .zip(&halves)
        .map(|((name, v), b)| {
            let view = TensorView::new(Dtype::F16, vec![v.len()], b);
            (*name, view.expect("sizes agree"))
        })
        .collect();
    for (name, b) in bytes {
        let view = TensorView::new(Dtype::U8, vec![b.len()], b);
        views.push((*name, view.expect("sizes agree")));
    }
    safetensors::serialize(views, Some(one_entry(format.to_string())))
        .expect("valid tensors serialise")
}

/// The metadata map, of whichever map type safetensors was built with.
fn one_entry<M: Default + Extend<(String, String)>>(format: String) -> M {
    let mut m = M::default();
    m.extend([("format".to_string(), format)]);
    m
}

/// A weights file being read.
pub struct Reader<'a> {
    file: SafeTensors<'a>,
    /// The metadata entry `format` ("" if there is none).
    pub format: String,
}

impl<'a> Reader<'a> {
    /// Refuses truncated or foreign bytes with a message that says so.
    pub fn new(bytes: &'a [u8]) -> Result<Reader<'a>, String> {
        let bad =
            |e: safetensors::SafeTensorError| format!("not a valid weights file ({e})");
        let file = SafeTensors::deserialize(bytes).map_err(bad)?;
        let (_, header) = SafeTensors::read_metadata(bytes).map_err(bad)?;
        let format = header
            .metadata()
            .as_ref()
            .and_then(|m| m.get("format").cloned())
            .unwrap_or_default();
        Ok(Reader { file, format })
    }

    /// Fills `out` from the f16 tensor `name`, which must have exactly as
    /// many numbers, all finite.
    pub fn f16_into(&self, name: &str, out: &mut [f32]) -> Result<(), String> {
        let t = self
            .file
            .tensor(name)
            .map_err(|_| format!("weights file has no tensor {name}"))?;
        if t.dtype() != Dtype::F16 || t.data().len() != out.len() * 2 {
            return Err(format!("tensor {name} has the wrong type or size"));
        }
        for (v, b) in out.iter_mut().zip(t.data().chunks_exact(2)) {
            *v = f16::from_le_bytes([b[0], b[1]]).to_f32();
        }
        if out.iter().any(|v| !v.is_finite()) {
            return Err(format!("tensor {name} holds NaN or infinite values"));
        }
        Ok(())
    }

    /// The raw bytes of tensor `name`, if there is one.
    pub fn bytes(&self, name: &str) -> Option<&'a [u8]> {
        self.file.tensor(name).ok().map(|t| t.data())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_refusals() {
        let a = [0.5f32, -1.25, 3.0];
        let bytes = save("test-v1;x=1", &[("a", &a)], &[("text", b"hi")]);
        let r = Reader::new(&bytes).unwrap();
        assert_eq!(r.format, "test-v1;x=1");
        let mut back = [0.0; 3];
        r.f16_into("a", &mut back).unwrap();
        assert_eq!(back, a);
        assert_eq!(r.bytes("text"), Some(&b"hi"[..]));
        let mut wrong = [0.0; 2];
        assert!(r.f16_into("a", &mut wrong).unwrap_err().contains("wrong type or size"));
        assert!(r.f16_into("b", &mut back).unwrap_err().contains("no tensor b"));
        let nan = save("t", &[("a", &[f32::NAN])], &[]);
        let mut one = [0.0];
        assert!(
            Reader::new(&nan)
                .unwrap()
                .f16_into("a", &mut one)
                .unwrap_err()
                .contains("NaN")
        );
        assert!(
            Reader::new(&bytes[..bytes.len() - 3]).err().unwrap().contains("not a valid")
        );
    }
}
