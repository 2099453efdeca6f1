//! Timing on one thread, each measurement repeated for at least a minimum
//! time (100 ms in the page: browsers round their clocks to 0.1 ms or
//! coarser, so anything shorter would measure the clock).

/// How long each measurement repeats, at least, in milliseconds.
pub const MIN_MS: f64 = 100.0;

/// Work done and the seconds it took.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timed {
    pub work: f64,
    pub seconds: f64,
}

impl Timed {
    pub fn rate(&self) -> f64 {
        self.work / self.seconds.max(1e-9)
    }
}

/// Calls `f` (which returns the work it did) until `min_ms` have passed
/// on the clock `now` (milliseconds).
pub fn repeat(now: &dyn Fn() -> f64, min_ms: f64, mut f: impl FnMut() -> f64) -> Timed {
    f(); // warm up: caches, page faults, the JIT
    let start = now();
    let mut work = 0.0;
    loop {
        work += f();
        let ms = now() - start;
        if ms >= min_ms {
            return Timed { work, seconds: ms / 1000.0 };
        }
    }
}

// ANCHOR: peak
/// The fastest the book's own arithmetic goes: its matrix product (the
/// one the dense layers use) on a 64 × 128 and a 128 × 128 matrix, small
/// enough to stay in the caches nearest the core, so memory never waits. Returns the
/// operations done (two per multiply-add) and a number from the result.
pub fn peak_kernel(steps: usize) -> (f64, f32) {
    const M: usize = 64;
    const N: usize = 128;
    const K: usize = 128;
    let a: Vec<f32> = (0..M * K).map(|i| 1e-3 * (1 + i % 13) as f32).collect();
    let b: Vec<f32> = (0..N * K).map(|i| 1e-3 * (1 + i % 7) as f32).collect();
    let mut c = vec![0.0; M * N];
    for _ in 0..steps {
        nn::gemm::nt(M, N, K, std::hint::black_box(&a), &b, &mut c);
    }
    ((steps * M * N * K * 2) as f64, c[N + 1])
}
// ANCHOR_END: peak

// ANCHOR: stream
/// Reads `data` (a `rows × 4,096` matrix) once, multiplying it by a vector
/// with the book's matrix product, which keeps several rows' sums going
/// at once: two operations per four-byte number, far too few to keep the
/// arithmetic busy, so memory sets the pace. Returns the bytes read and a
/// number from the result.
pub fn stream_kernel(data: &[f32]) -> (f64, f32) {
    const K: usize = 4_096;
    let rows = data.len() / K;
    let x = vec![1.0; K];
    let mut y = vec![0.0; rows];
    nn::gemm::nt(1, rows, K, &x, data, &mut y);
    ((rows * K * 4) as f64, y.iter().sum())
}
// ANCHOR_END: stream

/// Floats in the streamed buffer: 64 MB, more than the caches of most
/// machines.
pub const STREAM_FLOATS: usize = 16 << 20;

/// Peak operations a second on this thread (several threads run it at
/// once to measure all the cores).
pub fn peak(now: &dyn Fn() -> f64, min_ms: f64) -> Timed {
    let mut sink = 0.0;
    let t = repeat(now, min_ms, || {
        let (ops, s) = peak_kernel(20);
        sink += f64::from(s);
        ops
    });
    std::hint::black_box(sink);
    t
}

/// The machine's peak (operations/s) and bandwidth (bytes/s), one thread.
pub fn roof(now: &dyn Fn() -> f64, min_ms: f64) -> crate::Roof {
    let mut sink = 0.0;
    let peak = peak(now, min_ms);
    let data: Vec<f32> = (0..STREAM_FLOATS).map(|i| (i % 7) as f32).collect();
    let stream = repeat(now, min_ms, || {
        let (bytes, s) = stream_kernel(std::hint::black_box(&data));
        sink += f64::from(s);
        bytes
    });
    std::hint::black_box(sink);
    crate::Roof { peak: peak.rate(), bandwidth: stream.rate() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kernels_count_their_work_and_compute_something() {
        let (ops, s) = peak_kernel(10);
        assert_eq!(ops, 10.0 * 64.0 * 128.0 * 128.0 * 2.0);
        assert!(s > 0.0 && s.is_finite());
        let data = vec![1.0f32; 4_096 * 3 + 5];
        assert_eq!(stream_kernel(&data), (4.0 * 4_096.0 * 3.0, 3.0 * 4_096.0));
        let clock = std::cell::Cell::new(0.0);
        let t = repeat(
            &|| {
                clock.set(clock.get() + 10.0);
                clock.get()
            },
            100.0,
            || 5.0,
        );
        assert!(t.seconds >= 0.1 && t.work >= 45.0, "{t:?}");
    }
}
