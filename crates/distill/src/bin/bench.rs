//! For `./dev bench`: the distillation page's default run (both students,
//! 40 passes over 1,800 images, nine test measurements each) on one
//! thread, natively, after the data are loaded (no peer: the time to its
//! result).

use distill::Setup;
use distill::experiment::DEFAULT_TEMPERATURE;

fn main() {
    let setup = Setup { temperature: DEFAULT_TEMPERATURE, omit: None };
    let mut e = distill::shipped(setup).expect("the shipped files");
    let t = std::time::Instant::now();
    while e.advance(1_000) {}
    println!("bench distill-default-native {:.2} s", t.elapsed().as_secs_f64());
    let soft = e.curves[1].last().map_or(0.0, |p| p.1);
    println!("bench distill-default-soft-accuracy {:.2} %", soft * 100.0);
}
