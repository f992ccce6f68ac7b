import { MigrationInterface, QueryRunner } from 'typeorm';

export class AdminPublishing1764300000000 implements MigrationInterface {
  name = 'AdminPublishing1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_token (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL,
        token_hash text NOT NULL,
        token_prefix text NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT api_token_pkey PRIMARY KEY (id),
        CONSTRAINT api_token_token_hash_uq UNIQUE (token_hash),
        CONSTRAINT api_token_role_check CHECK (role IN ('EDITOR', 'PUBLISHER', 'ADMIN')),
        CONSTRAINT api_token_created_by_fkey FOREIGN KEY (created_by) REFERENCES api_token (id) ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY,
        token_id uuid,
        token_name text NOT NULL,
        action text NOT NULL,
        object_type text NOT NULL,
        object_id text,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT audit_log_pkey PRIMARY KEY (id),
        CONSTRAINT audit_log_token_id_fkey FOREIGN KEY (token_id) REFERENCES api_token (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id)`);
    await q.query(`
      CREATE TABLE issue_revision (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        issue_id uuid NOT NULL,
        issue_version integer NOT NULL,
        markdown text NOT NULL,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT issue_revision_pkey PRIMARY KEY (id),
        CONSTRAINT issue_revision_issue_id_fkey FOREIGN KEY (issue_id) REFERENCES issue (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX issue_revision_issue_id_idx ON issue_revision (issue_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE webhook (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_pkey PRIMARY KEY (id),
        CONSTRAINT webhook_events_check CHECK (cardinality(events) > 0)
      )`);
    await q.query(`
      CREATE TABLE webhook_delivery (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        webhook_id uuid NOT NULL,
        event text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'PENDING',
        attempts integer NOT NULL DEFAULT 0,
        available_at timestamptz NOT NULL DEFAULT now(),
        response_code integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        CONSTRAINT webhook_delivery_pkey PRIMARY KEY (id),
        CONSTRAINT webhook_delivery_status_check CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
        CONSTRAINT webhook_delivery_webhook_id_fkey FOREIGN KEY (webhook_id) REFERENCES webhook (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX webhook_delivery_pending_idx ON webhook_delivery (available_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX issue_scheduled_at_idx ON issue (scheduled_at) WHERE status = 'SCHEDULED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX issue_scheduled_at_idx`);
    for (const table of ['webhook_delivery', 'webhook', 'issue_revision', 'audit_log', 'api_token']) await q.query(`DROP TABLE ${table}`);
  }
}
