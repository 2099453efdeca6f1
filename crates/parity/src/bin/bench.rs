//! For `./dev bench`: the step-by-step page's default run (both models,
//! 1,000 steps of 32 questions, graded every 100 steps on 256) on one
//! thread, natively (no peer: the time to its result; the page's time is
//! `browser-step-by-step-default`).

fn main() {
    let t = std::time::Instant::now();
    let [direct, notes] = parity::page_default_run();
    println!("bench step-by-step-default-native {:.2} s", t.elapsed().as_secs_f64());
    println!("bench step-by-step-default-direct-accuracy {:.1} %", direct * 100.0);
    println!("bench step-by-step-default-notes-accuracy {:.1} %", notes * 100.0);
}
