// Loads the bundled APA 7th style (media/csl) as the active citation style, as the extension and
// the CLI do at start-up; preloaded for every unit test (register-citation-style.mjs) so core code
// that formats references (note templates, hovers) works in tests.
import { useCitationStyle } from '../../src/core/cite/active-citation-style';
import { loadCitationStyle } from '../../src/cli/load-citation-style';

export const bundledCitationStyle = loadCitationStyle().style;
useCitationStyle(bundledCitationStyle);
