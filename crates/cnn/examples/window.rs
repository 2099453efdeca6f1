//! Prints, as JSON, what the `conv-kernel` demo should show for one shipped
//! MNIST digit and kernel preset: the feature map, the pooled map and the
//! multiply-adds at chosen positions. The browser test compares the page's
//! numbers with these.
//!
//! `cargo run --release -p cnn --example window -- DIGIT PRESET [ROW,COL ...]`

use ndarray::Array2;

fn list(values: impl Iterator<Item = f32>) -> String {
    let items: Vec<String> = values.map(|v| format!("\"{v}\"")).collect();
    format!("[{}]", items.join(","))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: window DIGIT PRESET [ROW,COL ...]";
    let digit: usize = args.first().and_then(|a| a.parse().ok()).expect(usage);
    let preset = cnn::kernels::preset(args.get(1).expect(usage)).expect("unknown preset");
    let sample = mnist::sample();
    let d = sample.get(digit).expect("no such shipped digit");
    let image = Array2::from_shape_vec((28, 28), d.to_unit()).expect("28x28");
    let map = cnn::conv2d(image.view(), preset.weights.view());
    let pooled = cnn::max_pool2d(map.view(), 2);
    let windows: Vec<String> = args[2..]
        .iter()
        .map(|rc| {
            let (r, c) = rc.split_once(',').expect("ROW,COL");
            let (r, c): (usize, usize) = (r.parse().expect("row"), c.parse().expect("col"));
            let terms = cnn::window_terms(image.view(), preset.weights.view(), r, c);
            format!(
                "{{\"row\":{r},\"col\":{c},\"value\":\"{}\",\"pool\":\"{}\",\"products\":{},\"pixels\":{}}}",
                map[[r, c]],
                pooled[[r / 2, c / 2]],
                list(terms.iter().map(|t| t.product)),
                list(terms.iter().map(|t| t.pixel)),
            )
        })
        .collect();
    println!(
        "{{\"label\":{},\"map\":{},\"pooled\":{},\"windows\":[{}]}}",
        d.label,
        list(map.iter().copied()),
        list(pooled.iter().copied()),
        windows.join(",")
    );
}
