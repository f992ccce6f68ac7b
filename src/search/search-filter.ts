export interface SearchFilterInput {
  issueSlug?: string | null;
  year?: number | null;
  sectionTitle?: string | null;
  authorSlug?: string | null;
  tag?: string | null;
}

/** A string as a Meilisearch filter literal: always double-quoted, with `\` and `"` escaped. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Builds the filter as an array of ANDed conditions; values are only ever quoted literals or integers. */
export function buildFilter(input: SearchFilterInput | null | undefined): string[] {
  if (!input) return [];
  const conditions: string[] = [];
  if (input.issueSlug != null) conditions.push(`issueSlug = ${quote(input.issueSlug)}`);
  if (input.year != null) conditions.push(`year = ${Math.trunc(input.year)}`);
  if (input.sectionTitle != null) conditions.push(`sectionTitle = ${quote(input.sectionTitle)}`);
  if (input.authorSlug != null) conditions.push(`authorSlugs = ${quote(input.authorSlug)}`);
  if (input.tag != null) conditions.push(`tags = ${quote(input.tag)}`);
  return conditions;
}
