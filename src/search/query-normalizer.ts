import * as OpenCC from 'opencc-js';

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
  // Detect with the Hong Kong table: the Taiwan one also rewrites 著, which Simplified text uses too (显著, 土著).
  // Convert phrases first (記憶體 → 内存): characters first would leave 记忆体, which no article says.
  if (hongKong(query) !== query) query = hongKong(withPhrases(query));
  return query
    .replace(/=/g, ' ')
    .split(' ')
    .map((word) => (word.startsWith('"') ? word : word.replace(/^-+/, '')))
    .filter(Boolean)
    .join(' ');
}
