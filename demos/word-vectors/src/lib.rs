//! Demo `word-vectors`: GloVe's real vectors for the 20,000 most frequent
//! English words. Analogies, neighbours and the test-set score are the
//! `wordvec` crate's; this crate reads the boxes and draws.

mod plot;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::dom::escape;
use demo_kit::{Lang, Panel, listen, sleep};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlProgressElement, HtmlSelectElement};
use wordvec::Embeddings;
use wordvec::analogy::{analogy, answer_is_right, questions};

/// A preset: its name, the question (a − b + c), and word pairs whose offsets the plot draws.
pub type Preset =
    (&'static str, [&'static str; 3], &'static [(&'static str, &'static str)]);

/// Presets: the question, then word pairs whose offsets the plot draws.
pub const PRESETS: [Preset; 4] = [
    (
        "gender",
        ["king", "man", "woman"],
        &[
            ("man", "woman"),
            ("king", "queen"),
            ("uncle", "aunt"),
            ("brother", "sister"),
            ("he", "she"),
        ],
    ),
    (
        "capitals",
        ["paris", "france", "italy"],
        &[
            ("france", "paris"),
            ("italy", "rome"),
            ("germany", "berlin"),
            ("spain", "madrid"),
            ("japan", "tokyo"),
        ],
    ),
    (
        "tense",
        ["walking", "walk", "swim"],
        &[
            ("walk", "walking"),
            ("swim", "swimming"),
            ("run", "running"),
            ("read", "reading"),
            ("play", "playing"),
        ],
    ),
    (
        "comparatives",
        ["bigger", "big", "small"],
        &[
            ("big", "bigger"),
            ("small", "smaller"),
            ("fast", "faster"),
            ("cold", "colder"),
            ("strong", "stronger"),
        ],
    ),
];

struct Page {
    lang: Lang,
    words: Option<Rc<Embeddings>>,
    questions: Option<Rc<String>>,
    scoring: bool,
}

type Shared = Rc<RefCell<Page>>;

fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("word-vectors");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    let presets: String = PRESETS
        .iter()
        .map(|(id, _, _)| {
            let label = match *id {
                "gender" => {
                    t(lang, "gender: king − man + woman", "性别：king − man + woman")
                }
                "capitals" => t(
                    lang,
                    "capitals: paris − france + italy",
                    "首都：paris − france + italy",
                ),
                "tense" => t(
                    lang,
                    "verb tense: walking − walk + swim",
                    "动词时态：walking − walk + swim",
                ),
                _ => t(
                    lang,
                    "comparatives: bigger − big + small",
                    "比较级：bigger − big + small",
                ),
            };
            format!("<option value=\"{id}\">{label}</option>")
        })
        .collect();
    panel.root.set_inner_html(&format!(
        r#"<div class="wv">
<div class="wv-row"><label>{preset_l} <select class="wv-preset">{presets}</select></label></div>
<div class="wv-row wv-sum"><input class="wv-a" value="king" aria-label="{a_l}"> − <input class="wv-b" value="man" aria-label="{b_l}"> + <input class="wv-c" value="woman" aria-label="{c_l}">
<button type="button" class="wv-go">= ?</button></div>
<ol class="wv-answers" aria-live="polite"></ol>
<canvas class="wv-plot" width="620" height="380" aria-label="{plot_l}"></canvas>
<div class="wv-row"><label>{near_l} <input class="wv-word" value="frog"></label><button type="button" class="wv-near-go">{near_b}</button></div>
<ol class="wv-neighbours"></ol>
<div class="wv-row"><button type="button" class="wv-score">{score_b}</button><progress class="wv-progress" max="1" value="0"></progress><span class="wv-score-text" aria-live="polite"></span></div>
<table class="wv-sections"></table>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        preset_l = t(lang, "Try", "试试"),
        plot_l = t(lang, "the words in two dimensions", "这些词的二维投影"),
        near_l = t(lang, "Nearest neighbours of", "最近邻："),
        near_b = t(lang, "Find", "查找"),
        score_b = t(lang, "Score on Google's 19,544 analogy questions", "在 Google 的 19,544 道类比题上打分"),
        a_l = t(lang, "first word (start from it)", "第一个词（从它出发）"),
        b_l = t(lang, "word to subtract", "要减去的词"),
        c_l = t(lang, "word to add", "要加上的词"),
    ));
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        words: None,
        questions: None,
        scoring: false,
    }));
    panel.message(t(lang, "Loading 20,000 word vectors…", "正在加载 20,000 个词向量……"));
    let (p, s) = (panel.clone(), state.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let url = demo_kit::fetch::assets_url(&p.root, "words/glove-20k-q8.bin");
        match demo_kit::fetch::bytes(&url, false)
            .await
            .and_then(|b| Embeddings::parse(&b).map_err(|e| e.to_string()))
        {
            Ok(e) => {
                s.borrow_mut().words = Some(Rc::new(e));
                p.root.set_attribute("data-words", "loaded").ok();
                p.message("");
                solve(&p, &s);
                neighbours(&p, &s);
            }
            Err(why) => {
                p.root.set_attribute("data-words", "failed").ok();
                p.message(&format!(
                    "{}{why}",
                    t(lang, "The word vectors could not be loaded: ", "词向量无法加载：")
                ));
            }
        }
    });
    wire(&panel, &state)
}

fn wire(panel: &Panel, state: &Shared) -> Result<(), JsValue> {
    let (p, s) = (panel.clone(), state.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".wv-go")?,
        "click",
        move |_: web_sys::Event| solve(&p, &s),
    )?;
    for sel in [".wv-a", ".wv-b", ".wv-c"] {
        let (p, s) = (panel.clone(), state.clone());
        listen(
            &panel.find::<web_sys::EventTarget>(sel)?,
            "keydown",
            move |e: web_sys::KeyboardEvent| {
                if e.key() == "Enter" {
                    solve(&p, &s);
                }
            },
        )?;
    }
    let (p, s) = (panel.clone(), state.clone());
    let select: HtmlSelectElement = panel.find(".wv-preset")?;
    let sel = select.clone();
    listen(&select, "change", move |_: web_sys::Event| {
        if let Some((_, words, _)) = PRESETS.iter().find(|(id, _, _)| *id == sel.value())
        {
            for (cls, w) in [".wv-a", ".wv-b", ".wv-c"].iter().zip(words) {
                if let Ok(input) = p.find::<HtmlInputElement>(cls) {
                    input.set_value(w);
                }
            }
            solve(&p, &s);
        }
    })?;
    let (p, s) = (panel.clone(), state.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".wv-near-go")?,
        "click",
        move |_: web_sys::Event| neighbours(&p, &s),
    )?;
    let (p, s) = (panel.clone(), state.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".wv-word")?,
        "keydown",
        move |e: web_sys::KeyboardEvent| {
            if e.key() == "Enter" {
                neighbours(&p, &s);
            }
        },
    )?;
    let (p, s) = (panel.clone(), state.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".wv-score")?,
        "click",
        move |_: web_sys::Event| {
            let (p, s) = (p.clone(), s.clone());
            wasm_bindgen_futures::spawn_local(async move { score(&p, &s).await });
        },
    )?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: web_sys::Event| solve(&p, &s))?;
    }
    Ok(())
}

/// A test-set section's name in the page's language (the file's own names
/// are English identifiers such as `gram7-past-tense`).
fn section_label(lang: Lang, name: &str) -> String {
    let known = [
        ("capital-common-countries", "capitals of common countries", "常见国家的首都"),
        ("capital-world", "capitals of the world", "世界各国首都"),
        ("currency", "currencies", "货币"),
        ("city-in-state", "US cities and their states", "美国城市所在的州"),
        ("family", "family (man : woman)", "家庭称谓（男 : 女）"),
        ("gram1-adjective-to-adverb", "adjective → adverb", "形容词 → 副词"),
        ("gram2-opposite", "opposites (un-, im-)", "反义（un-、im- 等）"),
        ("gram3-comparative", "comparatives", "比较级"),
        ("gram4-superlative", "superlatives", "最高级"),
        ("gram5-present-participle", "present participles (-ing)", "现在分词（-ing）"),
        ("gram6-nationality-adjective", "country → nationality", "国家 → 国籍形容词"),
        ("gram7-past-tense", "past tense", "过去式"),
        ("gram8-plural", "plural nouns", "名词复数"),
        ("gram9-plural-verbs", "verbs, third person (-s)", "动词第三人称单数（-s）"),
    ];
    match known.iter().find(|(id, _, _)| *id == name) {
        Some((_, en, zh)) => lang.pick(en, zh).to_string(),
        None => name.to_string(),
    }
}

/// Looks a typed word up; the error names it and suggests close spellings.
fn lookup(e: &Embeddings, lang: Lang, text: &str) -> Result<usize, String> {
    let word: String = text.trim().chars().take(60).collect();
    if word.is_empty() {
        return Err(t(lang, "Type a word in every box.", "每个框里都要填一个词。").into());
    }
    e.id(&word).ok_or_else(|| {
        if word.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c)) {
            return t(
                lang,
                "These vectors are English only (GloVe, trained on English text): type an English word. The word2vec demo further down can train on Chinese.",
                "这些向量只有英文（GloVe 是在英文文本上训练的）：请输入英文单词。本页后面的 word2vec 演示可以用中文文本训练。",
            )
            .into();
        }
        let close = e.suggest(&word, 4);
        let shown = escape(&word);
        match (lang, close.is_empty()) {
            (Lang::En, true) => format!("“{shown}” is not among the 20,000 most frequent English words."),
            (Lang::En, false) => format!("“{shown}” is not among the 20,000 most frequent English words. Did you mean: {}?", close.join(", ")),
            (Lang::Zh, true) => format!("“{shown}”不在最常用的 20,000 个英文词里。"),
            (Lang::Zh, false) => format!("“{shown}”不在最常用的 20,000 个英文词里。你是不是想输入：{}？", close.join("、")),
        }
    })
}

fn input(panel: &Panel, sel: &str) -> String {
    panel.find::<HtmlInputElement>(sel).map(|i| i.value()).unwrap_or_default()
}

fn solve(panel: &Panel, state: &Shared) {
    let (lang, words) = {
        let st = state.borrow();
        (st.lang, st.words.clone())
    };
    let Some(e) = words else { return };
    let ids: Result<Vec<usize>, String> = [".wv-a", ".wv-b", ".wv-c"]
        .iter()
        .map(|s| lookup(&e, lang, &input(panel, s)))
        .collect();
    let list = panel.find::<HtmlElement>(".wv-answers");
    let ids = match ids {
        Ok(ids) => ids,
        Err(why) => {
            panel.message(&why);
            if let Ok(l) = list {
                l.set_inner_html("");
            }
            return;
        }
    };
    panel.message("");
    // a − b + c = (a − b) + c: "king − man + woman" is man : king :: woman : ?
    let answers = analogy(&e, ids[1], ids[0], ids[2], 10);
    if let Ok(l) = list {
        let items: String = answers
            .iter()
            .map(|&(id, cos)| format!("<li data-word=\"{w}\"><b>{w}</b> <span class=\"wv-cos\">{cos:.3}</span></li>", w = escape(&e.words[id])))
            .collect();
        l.set_inner_html(&items);
    }
    let preset = panel
        .find::<HtmlSelectElement>(".wv-preset")
        .map(|s| s.value())
        .unwrap_or_default();
    let pairs = PRESETS.iter().find(|(id, words, _)| {
        *id == preset && words.iter().zip(&ids).all(|(w, &i)| e.id(w) == Some(i))
    });
    let mut shown: Vec<(&str, &str)> = Vec::new();
    let answer = answers.first().map(|&(id, _)| e.words[id].clone()).unwrap_or_default();
    let (wa, wb, wc) =
        (e.words[ids[0]].clone(), e.words[ids[1]].clone(), e.words[ids[2]].clone());
    match pairs {
        Some((_, _, list)) => shown.extend(list.iter().copied()),
        None => {
            shown.push((&wb, &wa));
            shown.push((&wc, &answer));
        }
    }
    if let Err(err) = plot::draw(panel, &e, &shown) {
        panel.message(&format!("{err:?}"));
    }
}

fn neighbours(panel: &Panel, state: &Shared) {
    let (lang, words) = {
        let st = state.borrow();
        (st.lang, st.words.clone())
    };
    let Some(e) = words else { return };
    let Ok(list) = panel.find::<HtmlElement>(".wv-neighbours") else { return };
    match lookup(&e, lang, &input(panel, ".wv-word")) {
        Ok(id) => {
            panel.message("");
            let items: String = e
                .nearest(e.vector(id), 10, &[id])
                .iter()
                .map(|&(n, cos)| format!("<li data-word=\"{w}\">{w} <span class=\"wv-cos\">{cos:.3}</span></li>", w = escape(&e.words[n])))
                .collect();
            list.set_inner_html(&items);
        }
        Err(why) => {
            list.set_inner_html("");
            panel.message(&why);
        }
    }
}

/// Scores the whole test set in slices, so the page stays responsive.
async fn score(panel: &Panel, state: &Shared) {
    let (lang, words, scoring) = {
        let st = state.borrow();
        (st.lang, st.words.clone(), st.scoring)
    };
    let Some(e) = words else { return };
    if scoring {
        return;
    }
    state.borrow_mut().scoring = true;
    let cached = state.borrow().questions.clone();
    let text = match cached {
        Some(t) => t,
        None => {
            let url =
                demo_kit::fetch::assets_url(&panel.root, "words/questions-words.txt");
            match demo_kit::fetch::bytes(&url, false)
                .await
                .map(|b| String::from_utf8_lossy(&b).into_owned())
            {
                Ok(t) => {
                    let t = Rc::new(t);
                    state.borrow_mut().questions = Some(t.clone());
                    t
                }
                Err(why) => {
                    state.borrow_mut().scoring = false;
                    return panel.message(&why);
                }
            }
        }
    };
    let sections = questions(&e, &text);
    let total: usize = sections.iter().map(|s| s.1.iter().flatten().count()).sum();
    let (mut done, mut right) = (0usize, 0usize);
    let mut rows = String::new();
    for (name, qs) in &sections {
        let covered: Vec<[usize; 4]> = qs.iter().flatten().copied().collect();
        let mut correct = 0;
        for chunk in covered.chunks(150) {
            correct += chunk.iter().filter(|&&q| answer_is_right(&e, q)).count();
            done += chunk.len();
            if let Ok(bar) = panel.find::<HtmlProgressElement>(".wv-progress") {
                bar.set_value(done as f64 / total.max(1) as f64);
            }
            sleep(0).await;
        }
        right += correct;
        let pct = if covered.is_empty() {
            0.0
        } else {
            correct as f32 / covered.len() as f32 * 100.0
        };
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{correct} / {}</td><td>{pct:.1}%</td></tr>",
            escape(&section_label(lang, name)),
            covered.len()
        ));
    }
    let accuracy = right as f32 / total.max(1) as f32;
    if let Ok(table) = panel.find::<HtmlElement>(".wv-sections") {
        table.set_inner_html(&rows);
    }
    let summary = match lang {
        Lang::En => format!(
            "{right} of the {total} questions whose words are all in the vocabulary answered right: {:.1}%.",
            accuracy * 100.0
        ),
        Lang::Zh => format!(
            "词都在词表里的 {total} 道题中答对 {right} 道：{:.1}%。",
            accuracy * 100.0
        ),
    };
    if let Ok(el) = panel.find::<HtmlElement>(".wv-score-text") {
        el.set_text_content(Some(&summary));
        el.set_attribute("data-accuracy", &accuracy.to_string()).ok();
        el.set_attribute("data-covered", &total.to_string()).ok();
    }
    state.borrow_mut().scoring = false;
}

/// For `./dev bench`: milliseconds per analogy query (a − b + c over the whole
/// vocabulary, top 10), averaged over `n` queries, with the vectors at `bytes`.
#[wasm_bindgen]
pub fn bench_analogy(bytes: &[u8], n: usize) -> Result<f64, JsValue> {
    let e =
        Embeddings::parse(bytes).map_err(|err| JsValue::from_str(&err.to_string()))?;
    let ids: Vec<usize> = ["king", "man", "woman", "paris", "france", "italy"]
        .iter()
        .filter_map(|w| e.id(w))
        .collect();
    let now = || web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    let start = now();
    let mut sink = 0;
    for i in 0..n.max(1) {
        let k = (i % 2) * 3;
        sink += analogy(&e, ids[k + 1], ids[k], ids[k + 2], 10)[0].0;
    }
    std::hint::black_box(sink);
    Ok((now() - start) / n.max(1) as f64)
}
