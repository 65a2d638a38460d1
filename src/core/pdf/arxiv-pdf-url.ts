/**
 * The address of an arXiv paper's PDF: `<base>/pdf/<id>`, where the base is `lectern.pdf.arxivBaseUrl`
 * (default `https://arxiv.org`; tests serve it from a local server). Pure.
 */

/** The default of `lectern.pdf.arxivBaseUrl`. */
export const ARXIV_BASE_URL = 'https://arxiv.org';

/**
 * The PDF URL for an arXiv id, or undefined when the base is not an http(s) URL or the id is not an arXiv id.
 *
 * @example arxivPdfUrl('https://arxiv.org/', 'hep-th/0701001') // → 'https://arxiv.org/pdf/hep-th/0701001'
 */
export function arxivPdfUrl(baseUrl: string, arxivId: string): string | undefined {
  let base: URL;
  try {
    base = new URL(baseUrl.trim());
  } catch {
    return undefined;
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') return undefined;
  const id = arxivId.trim();
  // New-style ids (2403.01234, with an optional version) and old-style ones (hep-th/0701001, math.GT/0309136).
  if (!/^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/.test(id)) return undefined;
  return `${base.href.replace(/\/+$/, '')}/pdf/${id}`;
}
