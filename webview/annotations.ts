import type { AnnotationView } from '../src/shared/protocol';
import { anchorQuote } from './anchor-quote';
import { el } from './dom';
import { wrapTextSpan } from './text-range';

export interface AnchoredAnnotations {
  /** Annotations drawn in the abstract, with their marks (several when the quote crosses elements). */
  anchored: { annotation: AnnotationView; marks: HTMLElement[] }[];
  /** Annotations whose quote is no longer in the abstract: listed, never dropped. */
  orphans: AnnotationView[];
}

/**
 * Anchors each annotation's quote in the text of `abstract` (see `anchorQuote`) and wraps it in
 * `<mark class="annotation" data-annotation-id>` across text nodes. Annotations are anchored in
 * order against the unchanged text, so overlapping highlights nest.
 */
export function applyAnnotations(abstract: HTMLElement, annotations: readonly AnnotationView[]): AnchoredAnnotations {
  const text = abstract.textContent ?? '';
  const result: AnchoredAnnotations = { anchored: [], orphans: [] };
  for (const annotation of annotations) {
    const span = anchorQuote(text, annotation.selector);
    const marks = span
      ? wrapTextSpan(abstract, span.start, span.end, () =>
          el('mark', {
            class: annotation.comment ? 'annotation has-comment' : 'annotation',
            'data-annotation-id': annotation.id,
            title: annotation.comment || undefined,
            tabindex: -1,
          }),
        )
      : [];
    if (marks.length > 0) result.anchored.push({ annotation, marks });
    else result.orphans.push(annotation);
  }
  return result;
}
