//! The digit U-Net's weights file: safetensors, every tensor in half
//! precision (half the download; the pictures do not notice), the network's
//! size in the one metadata entry.

use crate::unet::{Config, UNet};
use half::f16;
use safetensors::{Dtype, SafeTensors, tensor::TensorView};

/// Written into the file's metadata; files of another format are refused.
pub const FORMAT: &str = "unet-digits-v1";

/// Serialises the network.
pub fn save(model: &UNet) -> Vec<u8> {
    let Config { size, channels: [a, b, c], embed } = model.config;
    let bytes: Vec<Vec<u8>> = model
        .params_ref()
        .iter()
        .map(|p| p.value.iter().flat_map(|&v| f16::from_f32(v).to_le_bytes()).collect())
        .collect();
    let names = UNet::param_names();
    let views: Vec<(&str, TensorView)> = names
        .iter()
        .zip(&bytes)
        .map(|(name, b)| {
            let view = TensorView::new(Dtype::F16, vec![b.len() / 2], b);
            (name.as_str(), view.expect("sizes agree"))
        })
        .collect();
    let shape = format!("{FORMAT};size={size};channels={a},{b},{c};embed={embed}");
    safetensors::serialize(views, Some(one_entry(shape)))
        .expect("valid tensors serialise")
}

/// The metadata map, of whichever map type safetensors was built with.
fn one_entry<M: Default + Extend<(String, String)>>(shape: String) -> M {
    let mut m = M::default();
    m.extend([("format".to_string(), shape)]);
    m
}

/// Reads a network, refusing truncated, foreign or damaged files with a
/// message that says which.
pub fn load(bytes: &[u8]) -> Result<UNet, String> {
    let bad = |e: safetensors::SafeTensorError| format!("not a valid weights file ({e})");
    let file = SafeTensors::deserialize(bytes).map_err(bad)?;
    let (_, header) = SafeTensors::read_metadata(bytes).map_err(bad)?;
    let shape = header
        .metadata()
        .as_ref()
        .and_then(|m| m.get("format").cloned())
        .unwrap_or_default();
    let config = parse_shape(&shape)?;
    let mut model = UNet::new(config, 0);
    for (name, param) in UNet::param_names().iter().zip(model.params()) {
        let t = file
            .tensor(name)
            .map_err(|_| format!("weights file has no tensor {name}"))?;
        if t.dtype() != Dtype::F16 || t.data().len() != param.value.len() * 2 {
            return Err(format!("tensor {name} has the wrong type or size"));
        }
        for (v, b) in param.value.iter_mut().zip(t.data().chunks_exact(2)) {
            *v = f16::from_le_bytes([b[0], b[1]]).to_f32();
        }
        if param.value.iter().any(|v| !v.is_finite()) {
            return Err(format!("tensor {name} holds NaN or infinite values"));
        }
    }
    Ok(model)
}

fn parse_shape(shape: &str) -> Result<Config, String> {
    let mut fields = shape.split(';');
    let format = fields.next().unwrap_or_default();
    if format != FORMAT {
        return Err(format!("weights are for {format:?}, this model reads {FORMAT:?}"));
    }
    let mut config = Config { size: 0, channels: [0; 3], embed: 0 };
    let small = |v: &str| v.parse::<usize>().ok().filter(|&v| v > 0 && v <= 1024);
    for (key, value) in fields.filter_map(|f| f.split_once('=')) {
        match key {
            "size" => config.size = small(value).unwrap_or(0),
            "embed" => config.embed = small(value).unwrap_or(0),
            "channels" => {
                let c: Vec<usize> = value.split(',').filter_map(small).collect();
                if let [a, b, c] = c[..] {
                    config.channels = [a, b, c];
                }
            }
            _ => {}
        }
    }
    if config.size == 0
        || !config.size.is_multiple_of(4)
        || config.embed == 0
        || config.channels.contains(&0)
    {
        return Err("weights file describes an impossible network".into());
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_the_network_and_refuses_damage() {
        let config = Config { size: 8, channels: [2, 3, 4], embed: 4 };
        let mut model = UNet::new(config, 3);
        let bytes = save(&model);
        let mut back = load(&bytes).unwrap();
        assert_eq!(back.config, config);
        let x = vec![0.5; 64];
        let (a, b) = (model.forward(&x, &[5], &[2], 1), back.forward(&x, &[5], &[2], 1));
        assert!(a.iter().zip(&b).all(|(a, b)| (a - b).abs() < 1e-2));
        let truncated = load(&bytes[..bytes.len() - 10]).err().unwrap_or_default();
        assert!(truncated.contains("not a valid"), "{truncated}");
        let foreign = String::from_utf8_lossy(&bytes).replace(FORMAT, "unet-digits-v9");
        assert!(load(foreign.as_bytes()).is_err());
    }
}
