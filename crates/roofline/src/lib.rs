//! The memory wall, measured on the reader's own machine (the TPU page).
//! A roofline (Williams, Waterman and Patterson, 2009) says how fast a
//! kernel can run: no faster than the chip's peak arithmetic, and no
//! faster than memory can deliver its data, bandwidth × arithmetic
//! intensity (operations per byte). `measure` times both ceilings and the
//! book's own kernels on one thread; `energy` prices LeNet-5's arithmetic
//! against fetching its weights.

pub mod energy;
pub mod kernels;
pub mod measure;

/// A machine's two ceilings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Roof {
    /// Arithmetic operations a second (a multiply-add is two).
    pub peak: f64,
    /// Bytes a second from memory.
    pub bandwidth: f64,
}

impl Roof {
    /// The first TPU (Jouppi et al. 2017): 65,536 multiply-adders at
    /// 700 MHz, weights from DDR3 at 34 GB/s.
    pub const TPU_V1: Roof = Roof { peak: 65_536.0 * 2.0 * 700e6, bandwidth: 34e9 };

    /// The fastest a kernel of `intensity` operations per byte can run.
    pub fn attainable(&self, intensity: f64) -> f64 {
        self.peak.min(self.bandwidth * intensity)
    }

    /// Where the two ceilings meet: kernels below it wait on memory.
    pub fn ridge(&self) -> f64 {
        self.peak / self.bandwidth
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tpu_ridge_sits_near_2700_operations_per_byte() {
        let tpu = Roof::TPU_V1;
        assert!((tpu.peak / 1e12 - 91.75).abs() < 0.01);
        assert!((tpu.ridge() - 2_698.6).abs() < 1.0, "{}", tpu.ridge());
        assert_eq!(tpu.attainable(1.0), 34e9);
        assert_eq!(tpu.attainable(1e6), tpu.peak);
    }
}
