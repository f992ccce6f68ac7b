const MAX_SLUG_LENGTH = 80;

/** Slugs may hold CJK letters: 陈玮 stays 陈玮, so Chinese names keep a readable, stable slug. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  // Cut by code point, so a character outside the BMP (rare CJK in names) is never split in half.
  return [...slug].slice(0, MAX_SLUG_LENGTH).join('').replace(/-+$/, '');
}

/** A slug is valid when slugify leaves it unchanged, so every generated slug passes and nothing else does. */
export function isSlug(value: string): boolean {
  return value.length > 0 && slugify(value) === value;
}

/** Returns `base`, or `base-2`, `base-3`… whichever is not taken yet. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, MAX_SLUG_LENGTH - String(n).length - 1)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** One written form per person: the same name typed with other spacing or width is the same row. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim();
}
