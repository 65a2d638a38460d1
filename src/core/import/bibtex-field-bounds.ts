/**
 * Bounds on BibTeX field values after `@string` expansion: no field longer than `maxFieldChars`, and no more
 * than {@link EXPANSION_BUDGET_FACTOR} × `maxMacroChars` characters added by macros to one file in all (a
 * 1 MB macro used by a million entries would otherwise cost a terabyte). Each field is judged once.
 */
import * as l10n from '@vscode/l10n';
import type { BibField } from './bibtex-scanner';
import type { ResolvedImportLimits } from './import-limits';

/** Macros may add at most this many times `maxMacroChars` characters to the fields of one file. */
export const EXPANSION_BUDGET_FACTOR = 64;

/** `ok`: expand it; `too-long`: drop the field; `over-budget`: keep its macro names unexpanded. */
export type FieldVerdict = 'ok' | 'too-long' | 'over-budget';

/** Judges the fields of one file, warning (through `warn`) at the first field of each kind that is cut. */
export class FieldBounds {
  private readonly verdicts = new WeakMap<BibField, FieldVerdict>();
  private budget: number;
  private budgetWarned = false;

  constructor(
    private readonly limits: ResolvedImportLimits,
    /** A bare word's value (number, `@string`, built-in), or undefined when it has none. */
    private readonly resolve: (word: string) => string | undefined,
    /** Reports a warning at a file offset. */
    private readonly warn: (offset: number, message: string) => void,
  ) {
    this.budget = EXPANSION_BUDGET_FACTOR * limits.maxMacroChars;
  }

  /** The verdict on `field` of the entry `label`; `offset` is where the field's text starts in the file. */
  verdict(field: BibField, offset: number, label: string): FieldVerdict {
    const known = this.verdicts.get(field);
    if (known) return known;
    let size = 0;
    let expanded = 0;
    for (const part of field.parts) {
      const value = part.kind === 'bare' ? this.resolve(part.text) : undefined;
      size += value?.length ?? part.text.length;
      if (value !== undefined && !/^\d+$/.test(part.text)) expanded += value.length;
    }
    let verdict: FieldVerdict = 'ok';
    if (size > this.limits.maxFieldChars) {
      verdict = 'too-long';
      this.warn(
        offset,
        l10n.t(
          'Lectern: field `{0}` of {1} is {2} characters long, over the limit of {3}; the field was dropped and the rest of the entry loaded. Shorten the field.',
          field.name,
          label,
          size.toLocaleString('en-US'),
          this.limits.maxFieldChars.toLocaleString('en-US'),
        ),
      );
    } else if (expanded > this.budget) {
      verdict = 'over-budget';
      if (!this.budgetWarned) {
        this.budgetWarned = true;
        this.warn(
          offset,
          l10n.t(
            "Lectern: `@string` macros have added more than {0} characters to this file's fields, the limit for one file; from field `{1}` of {2} on, macros are left unexpanded (their names are kept). Use fewer or shorter macros.",
            (EXPANSION_BUDGET_FACTOR * this.limits.maxMacroChars).toLocaleString('en-US'),
            field.name,
            label,
          ),
        );
      }
    } else this.budget -= expanded;
    this.verdicts.set(field, verdict);
    return verdict;
  }

  /** The field's value within the bounds, or undefined when it is dropped. Call {@link verdict} first. */
  value(field: BibField, offset: number, label: string): string | undefined {
    const verdict = this.verdict(field, offset, label);
    if (verdict === 'too-long') return undefined;
    const expand = verdict === 'ok';
    return field.parts.map((p) => (p.kind === 'bare' ? ((expand ? this.resolve(p.text) : undefined) ?? p.text) : p.text)).join('');
  }
}
