//! Demo `lenet-finetune`: a few hundred labelled digits in a new style, given
//! to the pretrained LeNet-5 (fine-tuning) and to a fresh one (from scratch).
//! The experiment is `lenet::finetune::Comparison`; this crate draws it. It runs
//! on the page's thread in slices of a few mini-batches, yielding between them.

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::chart::{Series, line_chart};
use demo_kit::{Lang, Panel, Theme, listen, sleep};
use lenet::finetune::{Comparison, Learner};
use lenet::shift::Shift;
use lenet::{Dataset, LeNet5};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, HtmlElement, HtmlSelectElement};

struct Data {
    train: Dataset,
    test: Dataset,
    weights: Vec<u8>,
}

struct Page {
    lang: Lang,
    data: Option<Rc<Data>>,
    run: u32,
    running: bool,
    comparison: Option<Comparison>,
}

type Shared = Rc<RefCell<Page>>;

/// The choices a shared link carries: address key and control.
const SHARED: [(&str, &str); 3] =
    [("shift", ".ft-shift"), ("n", ".ft-n"), ("epochs", ".ft-epochs")];

fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("lenet-finetune");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    use demo_kit::controls::{progress, row, select};
    let fields = [
        select(
            "ft-shift",
            t(lang, "New handwriting", "新的笔迹"),
            &[
                (
                    "invert",
                    t(lang, "inverted: ink and paper swapped", "反色：墨和纸对调"),
                ),
                ("slant-thick", t(lang, "slanted, with a thicker pen", "倾斜，笔更粗")),
                ("rotate90", t(lang, "turned a quarter turn", "旋转四分之一圈")),
            ],
            "invert",
        ),
        select(
            "ft-n",
            t(lang, "Labelled examples", "带标签的样例"),
            &[("100", "100"), ("300", "300"), ("1000", "1000")],
            "300",
        ),
        select(
            "ft-epochs",
            t(lang, "Epochs", "轮数"),
            &[("10", "10"), ("20", "20")],
            "10",
        ),
        format!(
            "<button type=\"button\" class=\"ft-run\">{}</button>",
            t(lang, "▶ Run the experiment", "▶ 运行实验")
        ),
    ];
    panel.root.set_inner_html(&format!(
        r#"<div class="ft">{controls}
<div class="ft-examples" role="group" aria-label="{ex}"></div>
{progress}
<canvas class="ft-chart" width="640" height="280"></canvas>
<p class="ft-result" aria-live="polite"></p>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        controls = row("ft-controls", &fields),
        progress = progress("ft", ""),
        ex = t(lang, "examples of the new handwriting", "新笔迹的样例"),
    ));
    demo_kit::share::restore_controls(&panel, "lenet-finetune", &SHARED);
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        data: None,
        run: 0,
        running: false,
        comparison: None,
    }));
    let (p, s) = (panel.clone(), state.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".ft-run")?,
        "click",
        move |_: web_sys::Event| {
            let (p, s) = (p.clone(), s.clone());
            wasm_bindgen_futures::spawn_local(async move { run(p, s).await });
        },
    )?;
    let (p, s) = (panel.clone(), state.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".ft-shift")?,
        "change",
        move |_: web_sys::Event| {
            draw_examples(&p, &s.borrow()).ok();
        },
    )?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: web_sys::Event| {
            draw_examples(&p, &s.borrow()).ok();
            draw(&p, &s.borrow());
        })?;
    }
    draw(&panel, &state.borrow());
    draw_examples(&panel, &state.borrow())?;
    Ok(())
}

/// The choices stay fixed while an experiment runs, so its numbers always
/// belong to the settings shown.
fn lock_choices(panel: &Panel, locked: bool) {
    for el in panel.find_all(".ft-controls select").unwrap_or_default() {
        let _ = if locked {
            el.set_attribute("disabled", "")
        } else {
            el.remove_attribute("disabled")
        };
    }
}

fn select(panel: &Panel, selector: &str) -> String {
    panel.find::<HtmlSelectElement>(selector).map(|s| s.value()).unwrap_or_default()
}

async fn load(panel: &Panel) -> Result<Data, String> {
    let url = |f: &str| demo_kit::fetch::assets_url(&panel.root, f);
    let get = |f: &'static str| {
        let u = url(f);
        async move { demo_kit::fetch::bytes(&u, f.ends_with(".gz")).await }
    };
    let train = mnist::parse(
        &get("mnist/train-30k-images.idx3-ubyte.gz").await?,
        &get("mnist/train-30k-labels.idx1-ubyte.gz").await?,
    )
    .map_err(|e| e.to_string())?;
    let test = mnist::parse(
        &get("mnist/t10k-images.idx3-ubyte.gz").await?,
        &get("mnist/t10k-labels.idx1-ubyte.gz").await?,
    )
    .map_err(|e| e.to_string())?;
    let weights = get("weights/lenet5.safetensors").await?;
    Ok(Data {
        train: Dataset::from_digits(&train[..1000.min(train.len())]),
        test: Dataset::from_digits(&test[..1000.min(test.len())]),
        weights,
    })
}

async fn run(panel: Panel, state: Shared) {
    let lang = state.borrow().lang;
    if state.borrow().running {
        // A second press stops the experiment.
        let mut st = state.borrow_mut();
        st.run += 1;
        st.running = false;
        drop(st);
        lock_choices(&panel, false);
        panel.set_text(".ft-run", t(lang, "▶ Run the experiment", "▶ 运行实验"));
        panel.set_text(
            ".ft-status",
            t(
                lang,
                "stopped: the numbers below are from the epochs finished before Stop",
                "已停止：下面的数字只来自停止前完成的几轮",
            ),
        );
        panel.root.set_attribute("data-ft-state", "stopped").ok();
        return;
    }
    let my_run = {
        let mut st = state.borrow_mut();
        st.run += 1;
        st.running = true;
        st.run
    };
    panel.set_text(".ft-run", t(lang, "⏹ Stop", "⏹ 停止"));
    demo_kit::share::save_controls(&panel, "lenet-finetune", &SHARED);
    lock_choices(&panel, true);
    panel.set_text(".ft-result", "");
    panel.message("");
    panel.root.set_attribute("data-ft-state", "running").ok();
    let cached = state.borrow().data.clone();
    let data = match cached {
        Some(d) => d,
        None => {
            panel.set_text(
                ".ft-status",
                t(
                    lang,
                    "Loading real MNIST digits and the trained weights…",
                    "正在加载真实的 MNIST 数字和训练好的权重……",
                ),
            );
            match load(&panel).await {
                Ok(d) => {
                    let d = Rc::new(d);
                    state.borrow_mut().data = Some(d.clone());
                    d
                }
                Err(why) => {
                    lock_choices(&panel, false);
                    state.borrow_mut().running = false;
                    panel.root.set_attribute("data-ft-state", "failed").ok();
                    panel.set_text(
                        ".ft-run",
                        t(lang, "▶ Run the experiment", "▶ 运行实验"),
                    );
                    return panel.message(&format!(
                        "{}{why}",
                        t(lang, "The data could not be loaded: ", "数据无法加载：")
                    ));
                }
            }
        }
    };
    let shift = Shift::from_id(&select(&panel, ".ft-shift")).unwrap_or(Shift::Invert);
    let n: usize = select(&panel, ".ft-n").parse().unwrap_or(300).clamp(10, 1000);
    let epochs: usize = select(&panel, ".ft-epochs").parse().unwrap_or(10).clamp(1, 50);
    let mut pretrained = LeNet5::new(0);
    if let Err(why) = lenet::weights::load(&mut pretrained, &data.weights) {
        lock_choices(&panel, false);
        state.borrow_mut().running = false;
        panel.root.set_attribute("data-ft-state", "failed").ok();
        panel.set_text(".ft-run", t(lang, "▶ Run the experiment", "▶ 运行实验"));
        panel.set_text(".ft-status", "");
        return panel.message(&format!(
            "{}{why}",
            t(lang, "The trained weights could not be read: ", "训练好的权重无法读取：")
        ));
    }
    sleep(0).await;
    let comparison =
        Comparison::new(pretrained, shift, &data.train.slice(0..n), &data.test, epochs);
    state.borrow_mut().comparison = Some(comparison);
    draw_examples(&panel, &state.borrow()).ok();
    loop {
        if state.borrow().run != my_run {
            return;
        }
        let more = match state.borrow_mut().comparison.as_mut() {
            Some(c) => c.advance(4),
            None => false,
        };
        report(&panel, &state.borrow());
        if !more {
            break;
        }
        sleep(0).await;
    }
    state.borrow_mut().running = false;
    lock_choices(&panel, false);
    panel.set_text(".ft-run", t(lang, "▶ Run again", "▶ 再运行一次"));
    panel.root.set_attribute("data-ft-state", "done").ok();
}

fn report(panel: &Panel, st: &Page) {
    let Some(c) = &st.comparison else { return };
    let lang = st.lang;
    let who = match c.current() {
        Some(Learner::FineTuned) => {
            t(lang, "fine-tuning the pretrained model…", "正在微调预训练模型……")
        }
        Some(Learner::Scratch) => {
            t(lang, "training a fresh model from scratch…", "正在从零训练一个新模型……")
        }
        None => t(lang, "done", "完成"),
    };
    demo_kit::controls::set_progress(panel, "ft", c.progress(), who);
    let pct = |v: f32| format!("{:.1}%", v * 100.0);
    let fine = c.latest(Learner::FineTuned);
    let scratch = c.latest(Learner::Scratch);
    let text = match lang {
        Lang::En => format!(
            "Accuracy on 1,000 shifted test digits — pretrained, no new examples: {}; fine-tuned: {}; from scratch: {}.",
            pct(c.pretrained_accuracy),
            pct(fine),
            if c.curves[1].len() > 1 { pct(scratch) } else { "…".into() }
        ),
        Lang::Zh => format!(
            "在 1,000 张变换后的测试数字上的准确率——预训练模型、不加新样例：{}；微调后：{}；从零训练：{}。",
            pct(c.pretrained_accuracy),
            pct(fine),
            if c.curves[1].len() > 1 { pct(scratch) } else { "…".into() }
        ),
    };
    if let Ok(el) = panel.find::<HtmlElement>(".ft-result") {
        el.set_text_content(Some(&text));
        el.set_attribute("data-pretrained", &c.pretrained_accuracy.to_string()).ok();
        el.set_attribute("data-finetuned", &fine.to_string()).ok();
        el.set_attribute("data-scratch", &scratch.to_string()).ok();
    }
    draw(panel, st);
}

fn draw(panel: &Panel, st: &Page) {
    let theme = Theme::current();
    let lang = st.lang;
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".ft-chart") else { return };
    let (epochs, base, fine, scratch) = match &st.comparison {
        Some(c) => (
            c.epochs as f32,
            vec![(0.0, c.pretrained_accuracy), (c.epochs as f32, c.pretrained_accuracy)],
            c.curves[0].clone(),
            c.curves[1].iter().skip(1).copied().collect::<Vec<_>>(),
        ),
        None => (10.0, Vec::new(), Vec::new(), Vec::new()),
    };
    let series = [
        Series::line(
            t(lang, "fine-tuned from the pretrained model", "在预训练模型上微调"),
            theme.positive,
            &fine,
        ),
        Series::line(
            t(lang, "trained from scratch", "从零训练"),
            theme.negative,
            &scratch,
        ),
        Series::line(
            t(lang, "pretrained, no new examples", "预训练模型，不加新样例"),
            theme.fg.mix(theme.bg, 0.45),
            &base,
        ),
    ];
    if let Err(e) = line_chart(
        &canvas,
        &theme,
        t(lang, "epochs", "轮"),
        t(lang, "test accuracy", "测试准确率"),
        epochs,
        0.0..1.0,
        &series,
    ) {
        panel.message(&e);
    }
}

fn draw_examples(panel: &Panel, st: &Page) -> Result<(), JsValue> {
    // Before the data has loaded, the twenty test digits built into the demo
    // show what the chosen handwriting looks like.
    let sample;
    let images = match &st.data {
        Some(data) => &data.train,
        None => {
            sample = Dataset::from_digits(&mnist::sample());
            &sample
        }
    };
    let shift = Shift::from_id(&select(panel, ".ft-shift")).unwrap_or(Shift::Invert);
    let holder: HtmlElement = panel.find(".ft-examples")?;
    if holder.child_element_count() == 0 {
        holder.set_inner_html(&"<canvas width=\"28\" height=\"28\"></canvas>".repeat(12));
    }
    let theme = Theme::current();
    for (i, c) in panel.find_all(".ft-examples canvas")?.into_iter().enumerate() {
        let canvas: HtmlCanvasElement = c.dyn_into()?;
        let ctx = demo_kit::context_2d(&canvas)?;
        let image = shift.apply(images.image(i));
        for (j, v) in image.iter().enumerate() {
            ctx.set_fill_style_str(&theme.ink(*v).css());
            ctx.fill_rect((j % 28) as f64, (j / 28) as f64, 1.0, 1.0);
        }
    }
    Ok(())
}
