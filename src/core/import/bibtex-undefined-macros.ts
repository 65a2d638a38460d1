/**
 * Bare words in BibTeX values that no `@string` defines, gathered while a file is read and reported once
 * per macro at its first use (the rest counted), so a file that uses one undefined journal macro a
 * thousand times gives one warning, not a thousand.
 */
import * as l10n from '@vscode/l10n';

/** Above this many distinct undefined macros, the rest are summed up in one diagnostic. */
const MAX_MACRO_DIAGNOSTICS = 50;

interface MacroUse {
  /** The macro as first typed. */
  name: string;
  /** Offset of its first use in the file. */
  offset: number;
  /** Citation key (or `@string` name) of the item that first used it; `''` when it has none. */
  entry: string;
  count: number;
  /** For a macro that is defined but was refused (too large, too deep, cyclic): the line of the definition at fault. */
  refusedAt?: number;
}

/** The undefined macros of one file, by first use. */
export class UndefinedMacros {
  /** Upper-cased macro name (BibTeX macros ignore case) → first use. */
  private readonly uses = new Map<string, MacroUse>();

  /** Records one use of `name` at `offset`, in the item named `entry`; `refusedAt`: see {@link MacroUse.refusedAt}. */
  add(name: string, offset: number, entry: string, refusedAt?: number): void {
    const upper = name.toUpperCase();
    const use = this.uses.get(upper);
    if (use) use.count++;
    else this.uses.set(upper, { name, offset, entry, count: 1, refusedAt });
  }

  /** One warning per undefined macro, at its first use (the first 50; then one for the rest). */
  warnings(): Array<{ offset: number; message: string }> {
    const uses = [...this.uses.values()];
    const warnings = uses.slice(0, MAX_MACRO_DIAGNOSTICS).map((use) => {
      const entry = use.entry ? l10n.t('entry `{0}`', use.entry) : l10n.t('an entry');
      const where =
        use.count === 1
          ? entry
          : use.count === 2
            ? l10n.t('{0} and 1 more use', entry)
            : l10n.t('{0} and {1} more uses', entry, use.count - 1);
      if (use.refusedAt !== undefined) {
        return {
          offset: use.offset,
          message: l10n.t(
            "Lectern: `@string` macro `{0}` was not expanded (used by {1}; see the warning on line {2}); its name was kept as the value. Fix the macro's definition.",
            use.name,
            where,
            use.refusedAt,
          ),
        };
      }
      return {
        offset: use.offset,
        message: l10n.t(
          'Lectern: `@string` macro `{0}` is not defined (used by {1}); its name was kept as the value. Define it with `{2}` in this file or in another .bib file of its folder.',
          use.name,
          where,
          `@string{${use.name} = {…}}`,
        ),
      };
    });
    if (uses.length > MAX_MACRO_DIAGNOSTICS) {
      const rest = uses.slice(MAX_MACRO_DIAGNOSTICS);
      const names = rest
        .slice(0, 5)
        .map((u) => `\`${u.name}\``)
        .join(', ');
      warnings.push({
        offset: rest[0].offset,
        message: l10n.t(
          'Lectern: {0} more `@string` macros are not defined ({1}, …); their names were kept as values. Add the `@string` definitions to this file — macros defined in other .bib files are not read.',
          rest.length,
          names,
        ),
      });
    }
    return warnings;
  }
}
