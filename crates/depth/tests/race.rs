//! The claims of the ResNet page, at the page's default settings: a deeper
//! plain network trains worse; the same depth with shortcuts does not.

use depth::{Race, Settings};

fn errors_after(steps: usize, shallow: usize, deep: usize) -> Vec<f32> {
    let data = lenet::data::shipped("train-30k").expect("the shipped training digits");
    let probe = data.slice(0..2000);
    let mut race = Race::new(shallow, deep, Settings::default());
    for _ in 0..steps {
        race.round(&data);
    }
    race.errors(&probe)
}

#[test]
fn twenty_plain_layers_train_worse_than_eight_and_shortcuts_fix_it() {
    let e = errors_after(1500, 8, 20);
    let (plain8, plain20, res8, res20) = (e[0], e[1], e[2], e[3]);
    assert!(plain20 > plain8 + 0.015, "{e:?}");
    assert!(res20 < plain20 - 0.015, "{e:?}");
    assert!(res20 < res8 + 0.005, "{e:?}");
}

#[test]
fn fifty_six_plain_layers_do_not_learn_at_this_rate() {
    let e = errors_after(500, 20, 56);
    assert!(e[1] > 0.5, "plain 56: {e:?}");
    assert!(e[3] < 0.15, "residual 56: {e:?}");
}
