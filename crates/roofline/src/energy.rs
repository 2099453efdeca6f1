//! What LeNet-5 costs in energy per digit: its arithmetic, and fetching its
//! weights, in 32-bit floats or 8-bit integers. Horowitz's figures for a
//! 45 nm chip ("Computing's energy problem", ISSCC 2014), in picojoules.

/// A 32-bit float multiply and add.
pub const FP32_MAC_PJ: f64 = 3.7 + 0.9;
/// An 8-bit integer multiply and a 32-bit integer add (the TPU's sums are
/// 32 bits wide).
pub const INT8_MAC_PJ: f64 = 0.2 + 0.1;
/// Reading 64 bits from DRAM: 1.3 to 2.6 nJ; the low end.
pub const DRAM_64BIT_PJ: f64 = 1_300.0;
/// Reading 64 bits from a 1 MB on-chip memory.
pub const SRAM_1MB_64BIT_PJ: f64 = 100.0;

/// Energy of one digit, in picojoules.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bill {
    pub arithmetic: f64,
    /// The weights fetched once per batch, shared by its digits.
    pub weights_dram: f64,
    pub weights_sram: f64,
}

/// One digit of a batch of `batch`, with weights of `bits` (32: floats,
/// 8: integers); `macs` multiply-adds and `weights` numbers.
pub fn per_digit(macs: usize, weights: usize, bits: u32, batch: usize) -> Bill {
    let mac = if bits == 8 { INT8_MAC_PJ } else { FP32_MAC_PJ };
    let words = weights as f64 * f64::from(bits) / 64.0 / batch.max(1) as f64;
    Bill {
        arithmetic: macs as f64 * mac,
        weights_dram: words * DRAM_64BIT_PJ,
        weights_sram: words * SRAM_1MB_64BIT_PJ,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetching_one_batch_of_weights_costs_more_than_the_arithmetic() {
        let model = lenet::LeNet5::new(0);
        let macs: usize = model.layers.iter().map(|l| nn::Layer::macs(l.as_ref())).sum();
        let w = model.param_count();
        let one = per_digit(macs, w, 32, 1);
        // 61,706 floats from DRAM: 61,706 / 2 reads of 1.3 nJ ≈ 40 µJ.
        assert!((one.weights_dram - 61_706.0 / 2.0 * 1_300.0).abs() < 1.0);
        assert!(one.weights_dram > one.arithmetic);
        // Eight bits: a quarter of the traffic, 15× cheaper arithmetic.
        let int8 = per_digit(macs, w, 8, 1);
        assert!((one.weights_dram / int8.weights_dram - 4.0).abs() < 1e-9);
        assert!((one.arithmetic / int8.arithmetic - 4.6 / 0.3).abs() < 1e-9);
        // A batch of 1,000 shares each fetch.
        assert!(per_digit(macs, w, 32, 1_000).weights_dram < one.arithmetic);
    }
}
