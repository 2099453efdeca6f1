//! Grey photographs, as the book ships them: binary PGM files (P5, 8 bit).

/// A grey picture with brightness 0 (black) to 1 (white), row by row.
#[derive(Clone, Debug, PartialEq)]
pub struct Photo {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<f32>,
}

impl Photo {
    /// Reads a binary PGM; a broken file says what is wrong with it.
    pub fn from_pgm(bytes: &[u8]) -> Result<Photo, String> {
        let mut fields = Vec::new();
        let mut at = 0;
        // The magic number, width, height and maximum, separated by white
        // space (comments start with '#'), then one byte of white space.
        while fields.len() < 4 {
            while at < bytes.len()
                && (bytes[at].is_ascii_whitespace() || bytes[at] == b'#')
            {
                if bytes[at] == b'#' {
                    while at < bytes.len() && bytes[at] != b'\n' {
                        at += 1;
                    }
                } else {
                    at += 1;
                }
            }
            let start = at;
            while at < bytes.len() && !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            if start == at {
                return Err("the picture file ends inside its header".into());
            }
            fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
        }
        if fields[0] != "P5" {
            return Err("the picture file is not a binary PGM".into());
        }
        let number = |s: &str| s.parse::<usize>().ok().filter(|&v| v > 0 && v <= 65_536);
        let (Some(width), Some(height), Some(255)) =
            (number(&fields[1]), number(&fields[2]), number(&fields[3]))
        else {
            return Err("the picture file has an unreadable size or depth".into());
        };
        let body = &bytes[(at + 1).min(bytes.len())..];
        if body.len() < width * height {
            return Err(format!(
                "the picture file is cut short: {} of {} pixels",
                body.len(),
                width * height
            ));
        }
        let pixels =
            body[..width * height].iter().map(|&b| f32::from(b) / 255.0).collect();
        Ok(Photo { width, height, pixels })
    }

    /// Reads a shipped `.pgm.gz` file natively.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn read_gz(path: &std::path::Path) -> Result<Photo, String> {
        use std::io::Read;
        let file =
            std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Photo::from_pgm(&bytes)
    }

    pub fn at(&self, x: usize, y: usize) -> f32 {
        self.pixels[y * self.width + x]
    }
}

/// The photographs the book ships (`assets/data/photos/<name>.pgm.gz`).
pub const PHOTOS: [&str; 7] =
    ["chelsea", "astronaut", "coffee", "camera", "grass", "brick", "gravel"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_pgm_and_explains_broken_ones() {
        let p = Photo::from_pgm(b"P5\n# a comment\n2 1\n255\n\x00\xff").unwrap();
        assert_eq!((p.width, p.height, p.pixels.clone()), (2, 1, vec![0.0, 1.0]));
        assert!(
            Photo::from_pgm(b"P5\n2 2\n255\n\x00").unwrap_err().contains("cut short")
        );
        assert!(Photo::from_pgm(b"P6\n2 2\n255\n").unwrap_err().contains("not a binary"));
        assert!(Photo::from_pgm(b"P5\n2").unwrap_err().contains("header"));
        assert!(Photo::from_pgm(b"").is_err());
    }
}
