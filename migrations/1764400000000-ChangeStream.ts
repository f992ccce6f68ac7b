import { MigrationInterface, QueryRunner } from 'typeorm';

export class ChangeStream1764400000000 implements MigrationInterface {
  name = 'ChangeStream1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // Ids are handed out under an advisory lock held until commit, so they appear in commit order (no gaps to skip).
    await q.query(`
      CREATE TABLE change (
        id bigint GENERATED ALWAYS AS IDENTITY,
        kind text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        issue_id uuid,
        changed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT change_pkey PRIMARY KEY (id),
        CONSTRAINT change_kind_check CHECK (kind IN ('UPSERT', 'DELETE')),
        CONSTRAINT change_entity_type_check CHECK (entity_type IN ('issue', 'section', 'article', 'contributor', 'reference'))
      )`);
    // What is public right now, with a hash of its public fields: the change stream is the diff against it.
    await q.query(`
      CREATE TABLE public_entity (
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        issue_id uuid,
        content_hash text NOT NULL,
        CONSTRAINT public_entity_pkey PRIMARY KEY (entity_type, entity_id),
        CONSTRAINT public_entity_entity_type_check CHECK (entity_type IN ('issue', 'section', 'article', 'contributor', 'reference'))
      )`);
    await q.query(`CREATE INDEX public_entity_issue_id_idx ON public_entity (issue_id)`);
    await q.query(`
      CREATE TABLE mirror_state (
        origin text NOT NULL,
        cursor text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mirror_state_pkey PRIMARY KEY (origin)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['mirror_state', 'public_entity', 'change']) await q.query(`DROP TABLE ${table}`);
  }
}
