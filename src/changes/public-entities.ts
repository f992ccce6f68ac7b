import { EntityManager } from 'typeorm';

export type EntityType = 'issue' | 'section' | 'article' | 'contributor' | 'reference';

/** One public thing and a hash of the fields the public API shows for it. */
export interface PublicEntity {
  entity_type: EntityType;
  entity_id: string;
  issue_id: string | null;
  content_hash: string;
}

/** A contributor is public while linked, as editor or author, to any published issue. */
const CONTRIBUTOR_IS_PUBLIC = `(
  EXISTS (SELECT 1 FROM issue_contributor ic JOIN issue i ON i.id = ic.issue_id WHERE ic.contributor_id = c.id AND i.status = 'PUBLISHED')
  OR EXISTS (SELECT 1 FROM article_contributor ac JOIN article a ON a.id = ac.article_id JOIN issue i ON i.id = a.issue_id
             WHERE ac.contributor_id = c.id AND i.status = 'PUBLISHED'))`;

// People lists are part of their owner's hash: a mirror shows them on the issue and the article.
const EDITOR_IDS = `(SELECT coalesce(jsonb_agg(ic.contributor_id ORDER BY ic.position, ic.contributor_id), '[]') FROM issue_contributor ic WHERE ic.issue_id = i.id)`;
const AUTHOR_IDS = `(SELECT coalesce(jsonb_agg(ac.contributor_id ORDER BY ac.position, ac.contributor_id), '[]') FROM article_contributor ac WHERE ac.article_id = a.id)`;

/** Issue-bound public entities (issue, sections, articles, references) of these issues, as they are now. */
export function publicContentOf(m: EntityManager, issueIds: string[]): Promise<PublicEntity[]> {
  return m.query(
    `WITH pub AS (SELECT * FROM issue WHERE id = ANY($1::uuid[]) AND status = 'PUBLISHED')
     SELECT 'issue' AS entity_type, i.id AS entity_id, i.id AS issue_id,
            md5(jsonb_build_array(i.slug, i.number, i.title, i.period, i.publisher, i.summary, i.published_at, i.published_on,
                                  i.source_url, i.previous_slug, ${EDITOR_IDS})::text) AS content_hash
       FROM pub i
     UNION ALL
     SELECT 'section', s.id, s.issue_id, md5(jsonb_build_array(s.number, s.title, s.intro)::text)
       FROM section s JOIN pub ON pub.id = s.issue_id
     UNION ALL
     SELECT 'article', a.id, a.issue_id,
            md5(jsonb_build_array(a.section_id, a.number, a.position, a.slug, a.title, a.body, a.tags, a.language, ${AUTHOR_IDS})::text)
       FROM article a JOIN pub ON pub.id = a.issue_id
     UNION ALL
     SELECT 'reference', r.id, a.issue_id, md5(jsonb_build_array(r.article_id, r.position, r.label, r.url, r.title, r.kind, r.external_id)::text)
       FROM reference r JOIN article a ON a.id = r.article_id JOIN pub ON pub.id = a.issue_id`,
    [issueIds],
  );
}

/**
 * Contributors whose public state these issues can have changed: those linked to them now, and those the stream
 * still lists as public but who no longer are (linked before, unlinked, unpublished or merged away). The links
 * as they were before the transaction are gone by now, so the second set stands in for "linked before".
 */
export async function touchedContributors(m: EntityManager, issueIds: string[]): Promise<string[]> {
  const rows: Array<{ id: string }> = await m.query(
    `SELECT ic.contributor_id AS id FROM issue_contributor ic WHERE ic.issue_id = ANY($1::uuid[])
     UNION SELECT ac.contributor_id FROM article_contributor ac JOIN article a ON a.id = ac.article_id WHERE a.issue_id = ANY($1::uuid[])
     UNION SELECT pe.entity_id FROM public_entity pe LEFT JOIN contributor c ON c.id = pe.entity_id
            WHERE pe.entity_type = 'contributor' AND (c.id IS NULL OR NOT ${CONTRIBUTOR_IS_PUBLIC})`,
    [issueIds],
  );
  return rows.map((r) => r.id);
}

/** The public ones among these contributors, as they are now. */
export function publicContributors(m: EntityManager, contributorIds: string[]): Promise<PublicEntity[]> {
  return m.query(
    `SELECT 'contributor' AS entity_type, c.id AS entity_id, NULL::uuid AS issue_id, md5(jsonb_build_array(c.slug, c.name, c.affiliation)::text) AS content_hash
       FROM contributor c WHERE c.id = ANY($1::uuid[]) AND ${CONTRIBUTOR_IS_PUBLIC}`,
    [contributorIds],
  );
}

/** What the stream last said is public: the issue-bound rows of these issues and the given contributors. */
export function recordedPublic(m: EntityManager, issueIds: string[], contributorIds: string[]): Promise<PublicEntity[]> {
  return m.query(
    `SELECT entity_type, entity_id, issue_id, content_hash FROM public_entity
      WHERE (entity_type <> 'contributor' AND issue_id = ANY($1::uuid[])) OR (entity_type = 'contributor' AND entity_id = ANY($2::uuid[]))`,
    [issueIds, contributorIds],
  );
}

/** Cheap first look, so edits of drafts stay cheap: nothing of these issues is or was public. */
export async function mayTouchPublic(m: EntityManager, issueIds: string[]): Promise<boolean> {
  const [row] = await m.query(
    `SELECT EXISTS (SELECT 1 FROM issue WHERE id = ANY($1::uuid[]) AND status = 'PUBLISHED')
         OR EXISTS (SELECT 1 FROM public_entity WHERE issue_id = ANY($1::uuid[])) AS touches`,
    [issueIds],
  );
  return row.touches;
}
