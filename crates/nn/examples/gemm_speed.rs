//! GFLOP/s of the three products at the GPT's shapes, one thread: what the
//! README's "where the time goes" figures come from (`cargo run --release
//! -p nn --example gemm_speed`; add `RUSTFLAGS="-C target-cpu=native"` as
//! the benches do).
use std::time::Instant;

fn time(name: &str, m: usize, n: usize, k: usize, f: &mut dyn FnMut()) {
    for _ in 0..3 {
        f();
    }
    let start = Instant::now();
    let mut reps = 0;
    while start.elapsed().as_secs_f64() < 0.5 {
        f();
        reps += 1;
    }
    let s = start.elapsed().as_secs_f64() / reps as f64;
    println!("{name:28} {m}x{n}x{k}: {:.1} GFLOP/s", 2.0 * (m * n * k) as f64 / s / 1e9);
}

fn main() {
    let v = |len: usize| -> Vec<f32> {
        (0..len).map(|i| ((i * 7 % 13) as f32 - 6.0) / 7.0).collect()
    };
    for (m, n, k) in
        [(2048, 384, 128), (2048, 512, 128), (2048, 128, 512), (2048, 128, 128)]
    {
        let (a, b) = (v(m * k), v(k * n));
        let mut c = vec![0.0; m * n];
        time("nn", m, n, k, &mut || nn::gemm::nn(m, n, k, &a, &b, &mut c));
        let at = v(m * n);
        time("tn (weight grad: m=out)", n, k, m, &mut || {
            let mut g = vec![0.0; n * k];
            nn::gemm::tn(n, k, m, &at, &a, &mut g);
            std::hint::black_box(&g);
        });
        let bt = v(n * k);
        time("nt_by_transpose", m, n, k, &mut || {
            nn::gemm::nt_by_transpose(m, n, k, &a, &bt, &mut c)
        });
    }
    for (m, n, k) in [(128, 128, 32), (128, 32, 128), (64, 64, 32)] {
        let (a, b) = (v(m * k), v(n * k));
        let mut c = vec![0.0; m * n];
        time("nt (scores)", m, n, k, &mut || nn::gemm::nt(m, n, k, &a, &b, &mut c));
        let b2 = v(k * n);
        time("nn (p·v)", m, n, k, &mut || nn::gemm::nn(m, n, k, &a, &b2, &mut c));
    }
}
