//! The text a shipped model writes after a prompt at temperature 0, as JSON
//! (`{"text": …}`): what the browser test expects the page to write, bit for bit.
//!
//! `cargo run --release -p gpt --example greedy -- assets/weights/gpt-shakespeare.safetensors "ROMEO:" 80`

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [weights, prompt, count] = &args[..] else {
        eprintln!("usage: greedy WEIGHTS PROMPT COUNT");
        std::process::exit(2);
    };
    let bytes = std::fs::read(weights).expect("weights file");
    let (model, vocab) = gpt::weights::load(&bytes).expect("a gpt weights file");
    let count = count.parse().expect("a count");
    let text = gpt::generate::continue_text(
        &model,
        &vocab,
        prompt,
        count,
        &gpt::Sampling::GREEDY,
        1,
    );
    println!("{}", serde_json::json!({ "text": text }));
}
