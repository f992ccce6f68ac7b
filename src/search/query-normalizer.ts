import * as OpenCC from 'opencc-js';

const charsOnly = OpenCC.Converter({ from: 'tw', to: 'cn' });
const withPhrases = OpenCC.Converter({ from: 'twp', to: 'cn' });
const hongKong = OpenCC.Converter({ from: 'hk', to: 'cn' });

export const MAX_QUERY_LENGTH = 512;

/**
 * Turns what a reader typed into what the index understands:
 * - Traditional Chinese becomes Simplified, with Taiwan phrases (記憶體 → 内存), only when it has Traditional characters;
 * - a leading `-` would mean NOT to Meilisearch, so `-EPERM` is searched as EPERM;
 * - `=` is no separator for the engine, so `debugfs=no-mount` is searched as its two sides.
 */
export function normalizeQuery(raw: string): string {
  let query = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
  // Phrases first (記憶體 → 内存): converting characters first would leave 记忆体, which no article says.
  if (charsOnly(query) !== query || hongKong(query) !== query) query = hongKong(withPhrases(query));
  return query
    .split(' ')
    .map((word) => (word.startsWith('"') ? word : word.replace(/^-+/, '')))
    .join(' ')
    .replace(/=/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
