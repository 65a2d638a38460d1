import katex from 'katex';
import DOMPurify from 'dompurify';
import { el } from './dom';

/** DOMPurify's MathML profile: MathML only; no links, styles, ids or glyph images. */
const mathPurifier = DOMPurify(window);
const MATH_CONFIG = {
  USE_PROFILES: { mathMl: true },
  FORBID_TAGS: ['mglyph', 'maction', 'annotation-xml'],
  FORBID_ATTR: ['style', 'href', 'xlink:href', 'src', 'id', 'class'],
  // KaTeX keeps the TeX source in <semantics><annotation>; the profile drops both, and the
  // annotation's text must not leak into the formula.
  ADD_FORBID_CONTENTS: ['annotation'],
  ALLOW_DATA_ATTR: false,
  RETURN_DOM_FRAGMENT: true as const,
};

/**
 * Renders TeX as MathML (`<span class="math">` around a `<math>`), through KaTeX with untrusted
 * input settings (no `\href`, `\url`, `\includegraphics`, `\html…`; bounded macro expansion and
 * sizes) and DOMPurify's MathML profile. TeX KaTeX cannot parse shows as its source, marked `math-error`.
 */
export function renderMath(tex: string, display: boolean, source: string): HTMLElement {
  const wrapper = el('span', { class: display ? 'math math-display' : 'math math-inline' });
  let html = '';
  try {
    html = katex.renderToString(tex, {
      displayMode: display,
      output: 'mathml',
      throwOnError: false,
      trust: false,
      strict: 'ignore',
      maxExpand: 1000,
      maxSize: 50,
    });
  } catch {
    html = '';
  }
  // KaTeX writes a few style attributes (error colour, \fcolorbox borders, \pmb shadows). Parsing
  // them, even in DOMPurify's detached document, is a CSP violation (style-src-attr), so they go
  // first; KaTeX escapes `"` in text, so this matches only its own attributes.
  const fragment = html ? mathPurifier.sanitize(html.replace(/\sstyle="[^"]*"/g, ''), MATH_CONFIG) : undefined;
  if (fragment?.querySelector('math') && !html.includes('katex-error')) {
    wrapper.append(fragment);
  } else {
    wrapper.classList.add('math-error');
    wrapper.textContent = source;
  }
  return wrapper;
}
