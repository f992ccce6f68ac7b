export enum ReferenceKind {
  LORE = 'LORE',
  LKML = 'LKML',
  PATCHWORK = 'PATCHWORK',
  LWN = 'LWN',
  GITHUB = 'GITHUB',
  GIT_COMMIT = 'GIT_COMMIT',
  DOC = 'DOC',
  OTHER = 'OTHER',
}

export interface InferredReference {
  kind: ReferenceKind;
  externalId: string | null;
}

const COMMIT_SHA = /^[0-9a-f]{7,40}$/i;

type Rule = (url: URL, segments: string[]) => InferredReference | undefined;

const rules: Array<[RegExp, Rule]> = [
  [/^lore\.kernel\.org$/, (_url, s) => ({ kind: ReferenceKind.LORE, externalId: s.length >= 2 ? s[1] : null })],
  [/^lkml\.kernel\.org$/, (_url, s) => ({ kind: ReferenceKind.LKML, externalId: s[0] === 'r' && s[1] ? s[1] : null })],
  [/^(www\.)?lkml\.org$/, (_url, s) => ({ kind: ReferenceKind.LKML, externalId: s[0] === 'lkml' && s.length > 1 ? s.slice(1).join('/') : null })],
  [/^patchwork\./, (_url, s) => ({ kind: ReferenceKind.PATCHWORK, externalId: patchworkId(s) })],
  [/^(www\.)?lwn\.net$/, (_url, s) => ({ kind: ReferenceKind.LWN, externalId: s[0] === 'Articles' && /^\d+$/.test(s[1] ?? '') ? s[1] : null })],
  [/^(www\.)?github\.com$/, (_url, s) => github(s)],
  [/^git\.kernel\.org$/, (url, s) => gitKernelOrg(url, s)],
  [/^(www\.kernel\.org|kernel\.org)$/, (url, s) => (s[0] === 'doc' ? { kind: ReferenceKind.DOC, externalId: url.pathname } : undefined)],
  [/^docs\.kernel\.org$/, (url) => ({ kind: ReferenceKind.DOC, externalId: url.pathname })],
];

/** Infers what a reference points at from its URL alone; cut-off URLs keep what can still be read. */
export function inferReference(rawUrl: string | null): InferredReference {
  const other = { kind: ReferenceKind.OTHER, externalId: null };
  if (!rawUrl) return other;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return other;
  }
  const segments = url.pathname.split('/').filter(Boolean).map(safeDecode);
  for (const [host, rule] of rules) {
    if (host.test(url.hostname)) return rule(url, segments) ?? other;
  }
  return other;
}

function patchworkId(s: string[]): string | null {
  const at = s.findIndex((part) => part === 'cover' || part === 'patch');
  return at >= 0 && s[at + 1] ? s[at + 1] : null;
}

function github(s: string[]): InferredReference | undefined {
  if (s.length < 2) return undefined;
  const repo = `${s[0]}/${s[1].replace(/\.git$/, '')}`;
  if (s[2] === 'commit' && COMMIT_SHA.test(s[3] ?? '')) return { kind: ReferenceKind.GIT_COMMIT, externalId: s[3] };
  if (s[2] === 'tree' && s.length > 3) return { kind: ReferenceKind.GITHUB, externalId: `${repo}@${s.slice(3).join('/')}` };
  return { kind: ReferenceKind.GITHUB, externalId: repo };
}

function gitKernelOrg(url: URL, s: string[]): InferredReference {
  const id = url.searchParams.get('id');
  if (s.includes('commit') && id && COMMIT_SHA.test(id)) return { kind: ReferenceKind.GIT_COMMIT, externalId: id };
  return { kind: ReferenceKind.OTHER, externalId: null };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
