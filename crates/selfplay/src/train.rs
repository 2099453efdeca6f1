//! Learning from self-play, AlphaZero's loop: the current network plays
//! games against itself through the search; every position becomes an
//! example (the search's visit shares as the policy target, the game's
//! result as the value target); the network trains on the recent
//! examples; repeat. Nothing but the rules goes in. Games are played on
//! several threads but collected in game order, so the result does not
//! depend on how many there are.

use crate::net::{Net, Sample, encode};
use crate::puct::Puct;
use games::{Connect4, End, Game};
use rand::RngExt;

/// One run's settings.
#[derive(Clone, Debug)]
pub struct Config {
    pub hidden: usize,
    pub iterations: usize,
    pub games: usize,
    /// Simulations a move in self-play.
    pub simulations: u32,
    /// Moves played in proportion to the visits before the search's
    /// favourite is always taken (variety in the openings).
    pub exploring_moves: usize,
    pub batches: usize,
    pub batch: usize,
    pub learning_rate: f32,
    /// Examples from this many most recent iterations are trained on.
    pub window: usize,
    pub threads: usize,
    pub seed: u64,
}

impl Default for Config {
    /// The shipped network's run.
    fn default() -> Config {
        Config {
            hidden: 128,
            iterations: 60,
            games: 800,
            simulations: 100,
            exploring_moves: 10,
            batches: 800,
            batch: 256,
            learning_rate: 1e-3,
            window: 6,
            threads: 2,
            seed: 1,
        }
    }
}

/// What one iteration did.
#[derive(Clone, Debug)]
pub struct Report {
    pub iteration: usize,
    pub positions: usize,
    /// Share of the iteration's games won by the first player, drawn.
    pub first_wins: f32,
    pub draws: f32,
    pub policy_loss: f32,
    pub value_loss: f32,
}

/// A finished self-play game: its examples, how it ended, and whether the
/// first player won it.
pub type Played = (Vec<Sample>, Option<End>, bool);

// ANCHOR: game
/// One game of the network against itself: its examples, the outcome
/// filled in once the game is over.
pub fn self_play_game(net: &Net, config: &Config, seed: u64) -> Played {
    let mut rng = games::rng(seed ^ 0x5e1f);
    let mut g = Connect4::default();
    let mut examples: Vec<(Sample, bool)> = Vec::new();
    while g.end().is_none() {
        let mut search = Puct::new(g, net, seed * 100 + g.played() as u64);
        search.noise = 0.25;
        search.run(config.simulations as usize);
        let pi = search.visit_shares();
        examples.push((
            Sample { input: encode(&g), policy: pi, outcome: 0.0 },
            g.first_to_move(),
        ));
        let mv = if g.played() < config.exploring_moves {
            // Sample a move in proportion to its visits.
            let mut r = rng.random::<f32>();
            let legal = g.moves();
            *legal
                .iter()
                .find(|&&m| {
                    r -= pi[m as usize];
                    r < 0.0
                })
                .unwrap_or(&search.best().expect("a legal move"))
        } else {
            search.best().expect("a legal move")
        };
        g.play(mv);
    }
    let end = g.end();
    // The player who moved last won (or nobody did).
    let winner_first = !g.first_to_move();
    let samples = examples
        .into_iter()
        .map(|(mut s, mover_first)| {
            s.outcome = match end {
                Some(End::Win) if mover_first == winner_first => 1.0,
                Some(End::Win) => -1.0,
                _ => 0.0,
            };
            s
        })
        .collect();
    (samples, end, winner_first)
}
// ANCHOR_END: game

/// Plays `config.games` games on `config.threads` threads; the examples in
/// game order, and the first player's wins and the draws.
fn play_games(
    net: &Net,
    config: &Config,
    iteration: usize,
) -> (Vec<Sample>, usize, usize) {
    let threads = config.threads.max(1);
    let mut per_game: Vec<Option<Played>> = vec![None; config.games];
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    (t..config.games)
                        .step_by(threads)
                        .map(|game| {
                            let seed = config.seed * 1_000_000
                                + (iteration * config.games + game) as u64;
                            (game, self_play_game(net, config, seed))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for (game, result) in h.join().expect("a self-play thread") {
                per_game[game] = Some(result);
            }
        }
    });
    let (mut samples, mut first, mut draws) = (Vec::new(), 0, 0);
    for (s, end, winner_first) in per_game.into_iter().flatten() {
        samples.extend(s);
        match end {
            Some(End::Win) if winner_first => first += 1,
            Some(End::Draw) => draws += 1,
            _ => {}
        }
    }
    (samples, first, draws)
}

// ANCHOR: loop
/// The whole run; `each` hears every iteration (and may save the network).
pub fn train(config: &Config, mut each: impl FnMut(&Report, &Net)) -> Net {
    let mut net = Net::new(config.hidden, config.seed);
    let mut opt = nn::Optimizer::new(nn::OptimizerKind::adam(config.learning_rate));
    let mut rng = nn::rng(config.seed ^ 0xba7c4);
    let mut recent: Vec<Vec<Sample>> = Vec::new();
    for iteration in 0..config.iterations {
        let (samples, first, draws) = play_games(&net, config, iteration);
        let positions = samples.len();
        recent.push(samples);
        if recent.len() > config.window {
            recent.remove(0);
        }
        let pool: Vec<&Sample> = recent.iter().flatten().collect();
        let (mut pl, mut vl) = (0.0, 0.0);
        for _ in 0..config.batches {
            let batch: Vec<Sample> = (0..config.batch)
                .map(|_| {
                    let s = pool[rng.random_range(0..pool.len())];
                    if rng.random::<bool>() { s.mirrored() } else { *s }
                })
                .collect();
            let (p, v) = net.learn(&batch, &mut opt);
            pl += p / config.batches as f32;
            vl += v / config.batches as f32;
        }
        let games = config.games.max(1) as f32;
        let report = Report {
            iteration: iteration + 1,
            positions,
            first_wins: first as f32 / games,
            draws: draws as f32 / games,
            policy_loss: pl,
            value_loss: vl,
        };
        each(&report, &net);
    }
    net
}
// ANCHOR_END: loop

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_self_play_game_labels_every_position_with_its_result() {
        let net = Net::new(16, 2);
        let config = Config { simulations: 20, ..Config::default() };
        let (samples, end, winner_first) = self_play_game(&net, &config, 7);
        assert!(samples.len() >= 7 && samples.len() <= 42);
        for (i, s) in samples.iter().enumerate() {
            assert!((s.policy.iter().sum::<f32>() - 1.0).abs() < 1e-5);
            match end {
                Some(End::Win) => {
                    // Positions alternate between the players.
                    let mover_first = i % 2 == 0;
                    let expect = if mover_first == winner_first { 1.0 } else { -1.0 };
                    assert_eq!(s.outcome, expect);
                }
                _ => assert_eq!(s.outcome, 0.0),
            }
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_network_on_any_number_of_threads() {
        let small = Config {
            hidden: 16,
            iterations: 2,
            games: 6,
            simulations: 12,
            batches: 5,
            batch: 16,
            ..Config::default()
        };
        let value = |threads| {
            let net = train(&Config { threads, ..small.clone() }, |_, _| {});
            net.judge(&Connect4::from_moves("44").unwrap())
        };
        assert_eq!(value(1), value(3));
    }
}
