// The book's page script (mdBook `additional-js`, a classic script on every page).
// 1. A language button that opens the same page in the other language.
// 2. A "book-theme-change" event when the reader switches the mdBook theme.
// 3. The demo loader: fetches a demo's wasm-bindgen module only when its panel
//    scrolls into view, and turns any failure into a message in the panel.
// 4. Chinese search: mdBook's index cuts words at spaces, so it finds no
//    Chinese word; on Chinese pages a query with Chinese characters is matched
//    as substrings of the text mdBook already stores for every section.
(function () {
  'use strict';
  var script = document.currentScript;
  // This file sits at <book>/<lang>/assets/js/book-<hash>.js.
  var langRoot = new URL('../../', script.src);
  var siteRoot = new URL('../', langRoot);
  var demosRoot = new URL('demos/', siteRoot);
  var LANGS = { en: { other: 'zh', label: '中文', title: '阅读本页的中文版' },
                zh: { other: 'en', label: 'English', title: 'Read this page in English' } };
  var here = langRoot.pathname.replace(/\/$/, '').split('/').pop();
  var lang = LANGS[here] ? here : 'en';
  var zh = lang === 'zh';

  function t(en, zhText) { return zh ? zhText : en; }

  // --- 1. language switch -------------------------------------------------
  function addLanguageButton() {
    // A plain `mdbook serve` serves one language at the site's root: there
    // is no other language to switch to.
    if (!LANGS[here]) return;
    var info = LANGS[lang];
    var bar = document.querySelector('#mdbook-menu-bar .right-buttons, .menu-bar .right-buttons');
    if (!bar || bar.querySelector('.lang-switch')) return;
    var rel = location.pathname.startsWith(langRoot.pathname)
      ? location.pathname.slice(langRoot.pathname.length) : '';
    var a = document.createElement('a');
    a.className = 'lang-switch';
    a.href = new URL(info.other + '/' + rel, siteRoot).href;
    a.hreflang = info.other === 'zh' ? 'zh-CN' : 'en';
    a.lang = a.hreflang;
    a.title = info.title;
    a.setAttribute('aria-label', info.title);
    a.textContent = info.label;
    a.addEventListener('click', function () {
      var i = currentSection();
      a.href = a.href.split('#')[0] + (i > 0 ? '#section-' + i : '');
      try { localStorage.setItem('book-lang', info.other); } catch (e) { /* private mode */ }
    });
    bar.insertBefore(a, bar.firstChild);
  }

  // The two languages' heading ids differ (they are made from the heading
  // text) but the parity test keeps the headings in the same order, so the
  // reader's section travels as its index: #section-3 is the page's 4th heading.
  function headings() {
    return Array.prototype.slice.call(document.querySelectorAll('main h1, main h2, main h3, main h4'));
  }

  function currentSection() {
    var list = headings();
    var byHash = location.hash ? list.findIndex(function (h) { return '#' + h.id === decodeURIComponent(location.hash); }) : -1;
    if (byHash >= 0) return byHash;
    var at = 0;
    list.forEach(function (h, i) { if (h.getBoundingClientRect().top <= 80) at = i; });
    return at;
  }

  function goToSectionIndex() {
    var m = /^#section-(\d+)$/.exec(location.hash);
    if (!m || document.getElementById(location.hash.slice(1))) return;
    var h = headings()[Number(m[1])];
    if (!h) return;
    history.replaceState(null, '', '#' + h.id);
    h.scrollIntoView();
  }

  // mdBook writes its own buttons, theme names and keyboard help in English;
  // on Chinese pages they are said in Chinese.
  var CHROME_ZH = {
    '#mdbook-sidebar-toggle': ['显示或隐藏目录'],
    '#mdbook-theme-toggle': ['更换主题'],
    '#mdbook-search-toggle': ['搜索（快捷键 / 或 S）'],
    'a[href$="print.html"]': ['打印本书'],
    '.previous': ['上一章'],
    '.next': ['下一章'],
    '#mdbook-sidebar': [null, '目录'],
    '#mdbook-theme-list': [null, '主题'],
    'nav.nav-wrapper, nav.nav-wide-wrapper': [null, '翻页'],
  };
  var THEMES_ZH = { default_theme: '自动', light: '浅色', rust: '米色（Rust）', coal: '深灰（Coal）',
                    navy: '深蓝（Navy）', ayu: '墨黑（Ayu）' };
  var HELP_ZH = ['按 <kbd>←</kbd> 或 <kbd>→</kbd> 翻到上一章或下一章', '按 <kbd>S</kbd> 或 <kbd>/</kbd> 搜索本书',
                 '按 <kbd>?</kbd> 显示本帮助', '按 <kbd>Esc</kbd> 关闭本帮助'];

  function translateChrome() {
    if (!zh) return;
    Object.keys(CHROME_ZH).forEach(function (sel) {
      document.querySelectorAll(sel).forEach(function (el) {
        var text = CHROME_ZH[sel][0], label = CHROME_ZH[sel][1] || text;
        if (text && el.hasAttribute('title')) el.title = text;
        if (label) el.setAttribute('aria-label', label);
      });
    });
    Object.keys(THEMES_ZH).forEach(function (id) {
      var b = document.getElementById('mdbook-theme-' + id);
      if (b) b.textContent = THEMES_ZH[id];
    });
    var title = document.querySelector('.mdbook-help-title');
    if (title) title.textContent = '键盘快捷键';
    var help = document.querySelectorAll('#mdbook-help-popup p');
    for (var i = 0; i < help.length && i < HELP_ZH.length; i++) help[i].innerHTML = HELP_ZH[i];
  }

  // Accessibility fixes for mdBook's own page: its sidebar toggle is a
  // <label> carrying button attributes, and wide code blocks scroll without
  // being reachable by keyboard.
  function fixChromeAccessibility() {
    var toggle = document.getElementById('mdbook-sidebar-toggle');
    if (toggle && toggle.tagName === 'LABEL') {
      toggle.setAttribute('role', 'button');
      toggle.tabIndex = 0;
      toggle.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle.click(); }
      });
    }
    var markScrollable = function () {
      document.querySelectorAll('main pre > code').forEach(function (code) {
        if (code.scrollWidth > code.clientWidth + 1) {
          code.tabIndex = 0;
          code.setAttribute('role', 'region');
          code.setAttribute('aria-label', t('code (scrolls sideways)', '代码（可左右滚动）'));
        }
      });
    };
    markScrollable();
    window.addEventListener('resize', markScrollable);
  }

  // --- 2. theme changes -----------------------------------------------------
  function watchTheme() {
    var last = document.documentElement.className;
    new MutationObserver(function () {
      var now = document.documentElement.className;
      if (now !== last) {
        last = now;
        // Let the new theme's CSS variables apply before demos read them.
        requestAnimationFrame(function () {
          window.dispatchEvent(new CustomEvent('book-theme-change'));
        });
      }
    }).observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  }

  // --- 3. demo loader -------------------------------------------------------
  var modules = {};

  function status(panel, text, isError) {
    var p = document.createElement('p');
    p.className = isError ? 'demo-error' : 'demo-status';
    p.setAttribute('role', isError ? 'alert' : 'status');
    p.textContent = text;
    panel.replaceChildren(p);
  }

  function loadModule(name) {
    if (!modules[name]) {
      var base = new URL(name + '/', demosRoot);
      modules[name] = import(new URL(name + '.js', base).href).then(function (mod) {
        return mod.default({ module_or_path: new URL(name + '_bg.wasm', base) }).then(function () {
          return mod;
        });
      });
    }
    return modules[name];
  }

  function start(panel) {
    var name = panel.getAttribute('data-demo');
    if (panel.getAttribute('data-state')) return;
    panel.setAttribute('data-state', 'loading');
    if (typeof WebAssembly !== 'object') {
      panel.setAttribute('data-state', 'error');
      status(panel, t('This demo needs WebAssembly, which this browser does not offer.',
                      '这个演示需要 WebAssembly，但当前浏览器不支持。'), true);
      return;
    }
    panel.setAttribute('data-assets', new URL('data/', siteRoot).href);
    panel.setAttribute('data-demos', demosRoot.href);
    loadModule(name).then(function (mod) {
      return mod.mount(panel); // may be async
    }).then(function () {
      describeFigures(panel);
      // A panic during mount has already written its message into the panel.
      if (panel.getAttribute('data-state') === 'loading') panel.setAttribute('data-state', 'ready');
    }).catch(function (err) {
      panel.setAttribute('data-state', 'error');
      if (panel.querySelector('.demo-error')) return; // the panic hook spoke first
      status(panel, t('The demo could not start: ', '演示无法启动：') + (err && err.message ? err.message : err) +
        t(' (If you opened the file directly, serve the book instead: see the README.)',
          '（如果你是直接打开的文件，请改用本地服务器访问，见 README。）'), true);
    });
  }

  // Keys pressed inside a demo belong to the demo: mdBook's own listener on
  // the document turns ←/→ into "next chapter" whatever the focus (it ignores
  // preventDefault), which would throw away the reader's work. Escape still
  // reaches the page (it closes mdBook's popups).
  function keepKeysInDemo(panel) {
    panel.addEventListener('keydown', function (e) {
      if (e.key !== 'Escape') e.stopPropagation();
    });
  }

  // A canvas drawn in a <figure> is described by its caption, unless the
  // demo gave it a label of its own.
  var captions = 0;
  function describeFigures(panel) {
    panel.querySelectorAll('figure canvas:not([aria-label]):not([aria-labelledby])').forEach(function (c) {
      var caption = c.closest('figure').querySelector('figcaption');
      if (!caption) return;
      if (!caption.id) caption.id = 'demo-caption-' + (++captions);
      c.setAttribute('role', 'img');
      c.setAttribute('aria-labelledby', caption.id);
    });
  }

  function watchDemos() {
    var panels = document.querySelectorAll('.demo-panel[data-demo]');
    if (!panels.length) return;
    panels.forEach(keepKeysInDemo);
    if (!('IntersectionObserver' in window)) {
      panels.forEach(start);
      return;
    }
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { io.unobserve(e.target); start(e.target); }
      });
    }, { rootMargin: '200px 0px' });
    panels.forEach(function (p) { io.observe(p); });
  }

  // --- 4. Chinese search ----------------------------------------------------
  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

  function occurrences(text, term) {
    var n = 0;
    for (var at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) n++;
    return n;
  }

  // About 80 characters around the first match, with each match set apart by
  // spaces: mdBook's teaser highlights whole space-separated words.
  function snippet(body, terms) {
    var lower = body.toLowerCase();
    var first = terms.reduce(function (best, term) {
      var at = lower.indexOf(term);
      return at !== -1 && (best === -1 || at < best) ? at : best;
    }, -1);
    var start = Math.max(0, first - 30);
    var text = body.slice(start, start + 80).replace(/\s+/g, ' ');
    terms.forEach(function (term) {
      text = text.replace(new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ' $& ');
    });
    return (start > 0 ? '… ' : '') + text + ' …';
  }

  function searchChinese(docs, query) {
    var terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    var results = [];
    Object.keys(docs).forEach(function (ref) {
      var doc = docs[ref];
      var body = (doc.body || '').toLowerCase();
      var heading = ((doc.title || '') + ' ' + (doc.breadcrumbs || '')).toLowerCase();
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var hits = occurrences(body, terms[i]) + 3 * occurrences(heading, terms[i]);
        if (hits === 0) return; // every term must appear
        score += hits;
      }
      var shown = Object.assign({}, doc, { body: snippet(doc.body || '', terms) });
      results.push({ ref: ref, score: score, doc: shown });
    });
    return results.sort(function (a, b) { return b.score - a.score; });
  }

  function addChineseSearch() {
    var lunr = window.elasticlunr;
    if (!zh || !lunr || !lunr.Index || lunr.Index.prototype.__chinese) return;
    var original = lunr.Index.prototype.search;
    lunr.Index.prototype.search = function (query, options) {
      if (!CJK.test(query)) return original.call(this, query, options);
      return searchChinese(this.documentStore.docs, query);
    };
    lunr.Index.prototype.__chinese = true;
    var bar = document.getElementById('mdbook-searchbar');
    if (bar) bar.placeholder = '搜索本书……';
    // mdBook writes its result count in English; say it in Chinese.
    var header = document.getElementById('mdbook-searchresults-header');
    if (!header) return;
    new MutationObserver(function () {
      var m = /^(No|\d+) search results? for '(.*)'[.:]$/.exec(header.textContent);
      if (!m) return;
      header.textContent = m[1] === 'No' ? '没有找到与“' + m[2] + '”相关的内容。'
        : '找到 ' + m[1] + ' 处与“' + m[2] + '”相关的内容：';
    }).observe(header, { childList: true, characterData: true, subtree: true });
  }


  // --- 5. the timeline ------------------------------------------------------
  // The preprocessor writes the book's milestones as a plain list (see
  // crates/mdbook-demos/src/timeline.rs); here it becomes a time axis the
  // reader can zoom. Each entry sits at its date; entries that would overlap
  // stack below one another, first fit. Zoomed out, entries show only their
  // date and title (the note pops up on hover and focus), so the crowded
  // last decade stays short.
  var ZOOMS = [1, 1.5, 2.25, 3.5, 5, 7.5, 11];
  var GAP = 6, COMPACT_BELOW = 2, CARD = 168, CARD_COMPACT = 124;

  function timeline(figure) {
    var list = figure.querySelector('.timeline-events');
    var items = Array.prototype.slice.call(list.children);
    var years = items.map(function (li) { return Number(li.getAttribute('data-year')); });
    var first = Math.floor(years[0] / 10) * 10, last = Math.ceil(years[years.length - 1] + 0.5);
    var level = 0, perYear = 1, card = CARD_COMPACT;

    var controls = document.createElement('div');
    controls.className = 'timeline-zoom';
    controls.setAttribute('role', 'group');
    controls.setAttribute('aria-label', t('Zoom', '缩放'));
    function button(text, label, step) {
      var b = document.createElement('button');
      b.type = 'button'; b.textContent = text;
      if (label) b.setAttribute('aria-label', label); // − and + need words; a word names itself
      b.addEventListener('click', function () { zoom(step); });
      controls.appendChild(b);
      return b;
    }
    var out = button('−', t('Zoom out', '缩小'), -1);
    var shown = document.createElement('output');
    controls.appendChild(shown);
    var into = button('+', t('Zoom in', '放大'), 1);
    button(t('Whole story', '全貌'), null, 0);

    var scroll = document.createElement('div');
    scroll.className = 'timeline-scroll';
    var canvas = document.createElement('div');
    canvas.className = 'timeline-canvas';
    var axis = document.createElement('div');
    axis.className = 'timeline-axis';
    axis.setAttribute('aria-hidden', 'true');
    list.parentNode.insertBefore(controls, list);
    list.parentNode.insertBefore(scroll, list);
    canvas.appendChild(axis);
    canvas.appendChild(list);
    scroll.appendChild(canvas);
    figure.classList.add('timeline-laid-out');

    function x(year) { return (year - first) * perYear; }

    function layout() {
      var compact = level < COMPACT_BELOW;
      card = compact ? CARD_COMPACT : CARD;
      figure.classList.toggle('timeline-compact', compact);
      perYear = Math.max(4, (scroll.clientWidth - card - 16) / (last - first)) * ZOOMS[level];
      canvas.style.width = (x(last) + card) + 'px';
      var step = perYear >= 60 ? 1 : perYear >= 24 ? 5 : 10;
      axis.replaceChildren();
      for (var y = first; y <= last; y += step) {
        var tick = document.createElement('span');
        tick.className = 'timeline-tick';
        tick.style.left = x(y) + 'px';
        tick.textContent = y;
        axis.appendChild(tick);
      }
      var placed = [], bottom = 0;
      items.forEach(function (li, i) {
        var left = x(years[i]);
        li.style.left = left + 'px';
        li.style.width = card + 'px';
        var dot = document.createElement('span');
        dot.className = 'timeline-dot ' + li.className.replace('timeline-event', '');
        dot.style.left = left + 'px';
        axis.appendChild(dot);
        var h = li.offsetHeight;
        var near = placed.filter(function (p) { return p.left < left + card + GAP && left < p.left + card + GAP; });
        var tops = [0].concat(near.map(function (p) { return p.top + p.h + GAP; })).sort(function (a, b) { return a - b; });
        var top = tops.find(function (tp) {
          return near.every(function (p) { return tp + h + GAP <= p.top || tp >= p.top + p.h + GAP; });
        });
        li.style.top = top + 'px';
        placed.push({ left: left, top: top, h: h });
        bottom = Math.max(bottom, top + h);
      });
      list.style.height = bottom + 'px';
      shown.textContent = ZOOMS[level] + '×';
      out.disabled = level === 0;
      into.disabled = level === ZOOMS.length - 1;
    }

    // Zooming keeps the focused entry, or else the middle of the view, in place.
    function zoom(step) {
      var focused = items.indexOf(document.activeElement && document.activeElement.closest('li'));
      var centre = focused >= 0 ? years[focused]
        : first + (scroll.scrollLeft + scroll.clientWidth / 2) / perYear;
      // step: +1 in, -1 out, 0 the whole line, null the same zoom (a resize).
      if (step !== null) level = step === 0 ? 0 : Math.max(0, Math.min(ZOOMS.length - 1, level + step));
      layout();
      scroll.scrollLeft = x(centre) + (focused >= 0 ? card / 2 : 0) - scroll.clientWidth / 2;
    }

    function focusItem(i) {
      var a = items[Math.max(0, Math.min(items.length - 1, i))].querySelector('a');
      a.focus({ preventScroll: true });
      a.closest('li').scrollIntoView({ block: 'nearest', inline: 'center' });
    }

    // mdBook turns ←/→ into "next chapter" on the document; here they move
    // between entries instead.
    figure.addEventListener('keydown', function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      var at = items.indexOf(e.target.closest && e.target.closest('li'));
      var keys = {
        '+': function () { zoom(1); }, '=': function () { zoom(1); },
        '-': function () { zoom(-1); }, '−': function () { zoom(-1); }, '0': function () { zoom(0); },
        ArrowRight: function () { focusItem(at + 1); }, ArrowDown: function () { focusItem(at + 1); },
        ArrowLeft: function () { focusItem(at < 0 ? 0 : at - 1); }, ArrowUp: function () { focusItem(at < 0 ? 0 : at - 1); },
        Home: function () { focusItem(0); }, End: function () { focusItem(items.length - 1); }
      };
      if (!keys[e.key]) return;
      e.preventDefault();
      e.stopPropagation();
      keys[e.key]();
    });
    var pending = 0;
    window.addEventListener('resize', function () {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(function () { zoom(null); });
    });
    layout();
  }

  function watchTimelines() {
    document.querySelectorAll('figure.timeline').forEach(timeline);
  }

  function init() { translateChrome(); fixChromeAccessibility(); addLanguageButton(); goToSectionIndex(); watchTheme(); watchDemos(); watchTimelines(); addChineseSearch(); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
