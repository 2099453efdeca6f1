//! The digit U-Net's weights file: the book's half-precision format
//! (`weights-file`), the network's size in its metadata.

use crate::unet::{Config, UNet};

/// Written into the file's metadata; files of another format are refused.
pub const FORMAT: &str = "unet-digits-v1";

/// Serialises the network.
pub fn save(model: &UNet) -> Vec<u8> {
    let Config { size, channels: [a, b, c], embed } = model.config;
    let names = UNet::param_names();
    let params: Vec<(&str, &[f32])> = names
        .iter()
        .zip(model.params_ref())
        .map(|(name, p)| (name.as_str(), p.value.as_slice()))
        .collect();
    let shape = format!("{FORMAT};size={size};channels={a},{b},{c};embed={embed}");
    weights_file::save(&shape, &params, &[])
}

/// Reads a network, refusing truncated, foreign or damaged files with a
/// message that says which.
pub fn load(bytes: &[u8]) -> Result<UNet, String> {
    let file = weights_file::Reader::new(bytes)?;
    let mut model = UNet::new(parse_shape(&file.format)?, 0);
    for (name, param) in UNet::param_names().iter().zip(model.params()) {
        file.f16_into(name, &mut param.value)?;
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
