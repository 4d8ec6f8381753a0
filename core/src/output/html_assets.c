/*
 * The report's look and behaviour. Colours: speaker tints are Tailwind's 100
 * tones behind near-black text (contrast above 12:1); badges are its 700 tones
 * behind white (4.9:1 or more), so every pairing passes WCAG AA. No inline
 * style attribute is ever written: the CSP allows only this sheet, by hash.
 */
#include "output/html_assets.h"

#include <stddef.h>

const char *const html_css[] = {
    ":root{--ink:#111827;--muted:#4b5563;--line:#d1d5db;--bg:#ffffff;--soft:#f3f4f6;--sum:#fde68a;--focus:#1d4ed8}",
    "*{box-sizing:border-box}",
    "body{margin:0;font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:var(--ink);",
    "background:var(--bg)}",
    "header.top,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}",
    "header.top{padding-top:1rem;border-bottom:1px solid var(--line)}",
    "h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.1rem;margin:0;display:inline}",
    "h3{font-size:1rem;margin:1.2rem 0 .4rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}",
    ".legend{color:var(--muted);font-size:.9rem;margin:.3rem 0 .8rem}",
    "details.doc{border-bottom:1px solid var(--line)}",
    /* A closed document off screen is not even laid out: what keeps a 10,000-line index quick. */
    "details.doc:not([open]){content-visibility:auto;contain-intrinsic-size:auto 2.6rem}",
    "summary.row{display:grid;grid-template-columns:minmax(8rem,13rem) 6.5rem 7.5rem 1fr;gap:.6rem;align-items:baseline;",
    "padding:.45rem .2rem .45rem 1.3rem;cursor:pointer;list-style:none;position:relative}",
    "summary.row::-webkit-details-marker{display:none}",
    "summary.row::before{content:'\\25B8';position:absolute;left:.3rem;top:.45rem;color:var(--muted)}",
    "details[open]>summary.row::before{content:'\\25BE'}",
    "summary.row:hover{background:var(--soft)}",
    ".row h2{font-size:1rem;overflow-wrap:anywhere}.row .n{color:var(--muted);font-size:.9rem}",
    ".row .lead{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-size:.92rem}",
    ".row .err,.body .err{color:#b91c1c;font-weight:600}",
    ".body{padding:0 .2rem 1.2rem}",
    ".title{font-size:1.35rem;font-weight:700;margin:.6rem 0 .2rem}",
    ".meta{color:var(--muted);font-size:.9rem;margin:.2rem 0}",
    "ol.sum{margin:.2rem 0;padding-left:1.6rem}ol.sum a{color:var(--ink);text-decoration:none;",
    "box-shadow:inset 0 -.45em var(--sum)}ol.sum a:hover{box-shadow:inset 0 -1.2em var(--sum)}",
    "table.who{border-collapse:collapse;width:100%;font-size:.95rem}",
    "table.who th,table.who td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line)}",
    "table.who td.num{text-align:right}table.who th.num{text-align:right}",
    "button.flt{font:inherit;background:none;border:1px solid transparent;border-radius:.3rem;padding:.1rem .3rem;",
    "cursor:pointer;color:var(--ink);text-align:left}",
    "button.flt:hover{border-color:var(--line)}button.flt[aria-pressed=true]{border-color:var(--ink);",
    "background:var(--soft);font-weight:600}",
    ".ini{display:inline-block;min-width:2.1em;padding:0 .3em;margin-right:.4em;border-radius:.7em;color:#fff;",
    "font-size:.75rem;font-weight:700;text-align:center;line-height:1.5}",
    ".note{color:var(--muted);font-size:.9rem}",
    ".text p{margin:0 0 .9rem;white-space:pre-line;font-size:1.05rem;line-height:1.7;max-width:44rem}",
    ".q{border-bottom:2px solid;border-radius:.15rem;padding:0 .05em;position:relative}",
    ".q[data-ini]::before{content:attr(data-ini);font-size:.62rem;font-weight:700;color:#fff;border-radius:.5em;",
    "padding:0 .3em;margin-right:.15em;vertical-align:.15em;background:var(--dark)}",
    ".q.scare{background:none;border:1px dashed var(--muted);border-radius:.3rem;font-style:italic}",
    ".q .q{border-bottom-style:double;border-bottom-width:3px}",
    ".q:focus{outline:3px solid var(--focus);outline-offset:1px}",
    ".q[data-tip]:is(:hover,:focus):not(:has(.q:hover))::after{content:attr(data-tip);position:absolute;left:0;",
    "top:100%;z-index:3;margin-top:.25rem;padding:.25rem .5rem;border-radius:.3rem;background:var(--ink);color:#fff;",
    "font:500 .8rem/1.4 system-ui,sans-serif;font-style:normal;white-space:pre;pointer-events:none}",
    ".spk{text-decoration:underline 2px;text-underline-offset:.2em;text-decoration-color:var(--dark)}",
    ".cue{text-decoration:underline dotted 2px;text-underline-offset:.2em}",
    "mark.sum{background:none;color:inherit;box-shadow:inset 0 -.45em var(--sum)}",
    "mark.sum[data-rank]::before{content:attr(data-rank);font-size:.62rem;font-weight:700;background:#92400e;",
    "color:#fff;border-radius:.5em;padding:0 .35em;margin-right:.2em;vertical-align:.15em}",
    "mark.sum:target{box-shadow:inset 0 -1.3em var(--sum)}",
    /* Filtered out: no tint, muted text (still 7.5:1, not faded below AA), grey badge. */
    ".filtering .q:not(.on){background:none;color:var(--muted);border-bottom-color:var(--line)}",
    ".filtering .q:not(.on)[data-ini]::before{background:var(--line);color:var(--ink)}",
    ".filtering .q.on{outline:2px solid var(--dark)}",
    ".c0{--dark:#1d4ed8;--tint:#dbeafe}.c1{--dark:#b91c1c;--tint:#fee2e2}.c2{--dark:#047857;--tint:#d1fae5}",
    ".c3{--dark:#6d28d9;--tint:#ede9fe}.c4{--dark:#b45309;--tint:#fef3c7}.c5{--dark:#be185d;--tint:#fce7f3}",
    ".c6{--dark:#0e7490;--tint:#cffafe}.c7{--dark:#4d7c0f;--tint:#ecfccb}.c8{--dark:#9333ea;--tint:#f3e8ff}",
    ".c9{--dark:#c2410c;--tint:#ffedd5}.cu{--dark:#4b5563;--tint:#f3f4f6}",
    ".q.c0,.q.c1,.q.c2,.q.c3,.q.c4,.q.c5,.q.c6,.q.c7,.q.c8,.q.c9,.q.cu{background:var(--tint);",
    "border-bottom-color:var(--dark)}",
    ".ini.c0,.ini.c1,.ini.c2,.ini.c3,.ini.c4,.ini.c5,.ini.c6,.ini.c7,.ini.c8,.ini.c9,.ini.cu{background:var(--dark)}",
    "details.layer{margin:.3rem 0;border:1px solid var(--line);border-radius:.3rem;padding:.2rem .6rem}",
    "details.layer>summary{cursor:pointer;font-weight:600}",
    "mark.g{background:#e0f2fe;color:inherit;border-radius:.15rem}mark.g.alt{background:#fae8ff}",
    "mark.g mark.g{outline:1px solid #6b7280}",
    "pre.extra{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--soft);padding:.5rem;font-size:.85rem}",
    "footer{color:var(--muted);font-size:.9rem;padding-top:1rem;padding-bottom:2rem}",
    ":focus-visible{outline:3px solid var(--focus);outline-offset:2px}",
    "@media (max-width:40rem){summary.row{grid-template-columns:1fr 1fr}.row .lead{grid-column:1/-1;",
    "white-space:normal}.text p{font-size:1rem}}",
    "@media print{summary.row::before,button.flt{border:0}.q::after{display:none}",
    "details.doc{content-visibility:visible}}",
    NULL};

const char *const html_js[] = {
    "(function(){'use strict';var d=document;",
    /* One document: show it open; a link to an anchor inside a closed document opens that document. */
    "var docs=d.querySelectorAll('details.doc');if(docs.length===1)docs[0].open=true;",
    "function reveal(){var id=decodeURIComponent(location.hash.slice(1));var t=id&&d.getElementById(id);",
    "for(var e=t;e;e=e.parentElement)if(e.tagName==='DETAILS')e.open=true;if(t)t.scrollIntoView({block:'center'});}",
    "window.addEventListener('hashchange',reveal);reveal();",
    /* Printing shows every document: a closed <details> would print as its index line only. */
    "window.addEventListener('beforeprint',function(){docs.forEach(function(x){x.open=true;});});",
    /* A speaker's button filters that document's quotes to theirs; pressing it again shows all. */
    "d.addEventListener('click',function(ev){var b=ev.target.closest&&ev.target.closest('button.flt');if(!b)return;",
    "var doc=b.closest('.body');var on=b.getAttribute('aria-pressed')!=='true';",
    "doc.querySelectorAll('button.flt').forEach(function(x){x.setAttribute('aria-pressed','false');});",
    "doc.querySelectorAll('.q').forEach(function(q){q.classList.toggle('on',on&&q.getAttribute('data-sp')===b.getAttribute('data-sp'));});",
    "doc.classList.toggle('filtering',on);if(on)b.setAttribute('aria-pressed','true');});",
    "})();",
    NULL};
