import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialContentSchema1764100000000 implements MigrationInterface {
  name = 'InitialContentSchema1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE issue (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        number integer NOT NULL,
        period text NOT NULL,
        title text NOT NULL,
        publisher text,
        summary text,
        status text NOT NULL DEFAULT 'DRAFT',
        published_at timestamptz,
        scheduled_at timestamptz,
        published_on date,
        source_url text,
        previous_slug text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT issue_pkey PRIMARY KEY (id),
        CONSTRAINT issue_slug_uq UNIQUE (slug),
        CONSTRAINT issue_number_uq UNIQUE (number),
        CONSTRAINT issue_number_check CHECK (number > 0),
        CONSTRAINT issue_period_check CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        CONSTRAINT issue_status_check CHECK (status IN ('DRAFT', 'SCHEDULED', 'PUBLISHED')),
        CONSTRAINT issue_published_at_check CHECK (status <> 'PUBLISHED' OR published_at IS NOT NULL),
        CONSTRAINT issue_scheduled_at_check CHECK (status <> 'SCHEDULED' OR scheduled_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX issue_status_number_idx ON issue (status, number DESC)`);
    await q.query(`CREATE INDEX issue_previous_slug_idx ON issue (previous_slug)`);

    await q.query(`
      CREATE TABLE section (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        issue_id uuid NOT NULL,
        number integer NOT NULL,
        title text NOT NULL,
        intro text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT section_pkey PRIMARY KEY (id),
        CONSTRAINT section_issue_id_number_uq UNIQUE (issue_id, number),
        CONSTRAINT section_id_issue_id_uq UNIQUE (id, issue_id),
        CONSTRAINT section_number_check CHECK (number > 0),
        CONSTRAINT section_issue_id_fkey FOREIGN KEY (issue_id) REFERENCES issue (id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE article (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        issue_id uuid NOT NULL,
        section_id uuid NOT NULL,
        number text NOT NULL,
        position integer NOT NULL,
        slug text NOT NULL,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        tags text[] NOT NULL DEFAULT '{}',
        language text NOT NULL DEFAULT 'zh-Hans',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT article_pkey PRIMARY KEY (id),
        CONSTRAINT article_issue_id_slug_uq UNIQUE (issue_id, slug),
        CONSTRAINT article_section_id_position_uq UNIQUE (section_id, position) DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT article_position_check CHECK (position >= 0),
        CONSTRAINT article_section_id_fkey FOREIGN KEY (section_id, issue_id) REFERENCES section (id, issue_id) ON DELETE CASCADE,
        CONSTRAINT article_issue_id_fkey FOREIGN KEY (issue_id) REFERENCES issue (id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE contributor (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        name text NOT NULL,
        affiliation text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contributor_pkey PRIMARY KEY (id),
        CONSTRAINT contributor_slug_uq UNIQUE (slug),
        CONSTRAINT contributor_name_uq UNIQUE (name)
      )`);

    await q.query(`
      CREATE TABLE issue_contributor (
        issue_id uuid NOT NULL,
        contributor_id uuid NOT NULL,
        role text NOT NULL,
        position integer NOT NULL,
        CONSTRAINT issue_contributor_pkey PRIMARY KEY (issue_id, role, contributor_id),
        CONSTRAINT issue_contributor_role_check CHECK (role IN ('EDITOR')),
        CONSTRAINT issue_contributor_issue_id_fkey FOREIGN KEY (issue_id) REFERENCES issue (id) ON DELETE CASCADE,
        CONSTRAINT issue_contributor_contributor_id_fkey FOREIGN KEY (contributor_id) REFERENCES contributor (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX issue_contributor_contributor_id_idx ON issue_contributor (contributor_id)`);

    await q.query(`
      CREATE TABLE article_contributor (
        article_id uuid NOT NULL,
        contributor_id uuid NOT NULL,
        role text NOT NULL,
        position integer NOT NULL,
        CONSTRAINT article_contributor_pkey PRIMARY KEY (article_id, role, contributor_id),
        CONSTRAINT article_contributor_role_check CHECK (role IN ('AUTHOR')),
        CONSTRAINT article_contributor_article_id_fkey FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE,
        CONSTRAINT article_contributor_contributor_id_fkey FOREIGN KEY (contributor_id) REFERENCES contributor (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX article_contributor_contributor_id_idx ON article_contributor (contributor_id)`);

    await q.query(`
      CREATE TABLE reference (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL,
        position integer NOT NULL,
        label text NOT NULL,
        url text,
        title text,
        kind text NOT NULL DEFAULT 'OTHER',
        external_id text,
        CONSTRAINT reference_pkey PRIMARY KEY (id),
        CONSTRAINT reference_article_id_label_uq UNIQUE (article_id, label),
        CONSTRAINT reference_article_id_position_uq UNIQUE (article_id, position) DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT reference_kind_check CHECK (kind IN ('LORE', 'LKML', 'PATCHWORK', 'LWN', 'GITHUB', 'GIT_COMMIT', 'DOC', 'OTHER')),
        CONSTRAINT reference_article_id_fkey FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['reference', 'article_contributor', 'issue_contributor', 'contributor', 'article', 'section', 'issue']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
