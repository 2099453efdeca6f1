//! For `./dev bench`: the experts page's default run (two mixtures of
//! eight experts, 3,000 steps of 256 points each) on one thread, natively
//! (no peer: the time to its result; the page's time is
//! `browser-experts-default`).

fn main() {
    let t = std::time::Instant::now();
    let [mut alone, mut balanced] = moe::page_default_run();
    println!("bench experts-default-native {:.2} s", t.elapsed().as_secs_f64());
    println!(
        "bench experts-default-router-alone-accuracy {:.1} %",
        alone.score().accuracy * 100.0
    );
    println!(
        "bench experts-default-balanced-accuracy {:.1} %",
        balanced.score().accuracy * 100.0
    );
}
