import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxAndSearchState1764200000000 implements MigrationInterface {
  name = 'OutboxAndSearchState1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY,
        topic text NOT NULL,
        aggregate_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        delivered_at timestamptz,
        CONSTRAINT outbox_pkey PRIMARY KEY (id),
        CONSTRAINT outbox_attempts_check CHECK (attempts >= 0)
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (topic, available_at, id) WHERE delivered_at IS NULL`);
    await q.query(`
      CREATE TABLE search_index_state (
        index_name text NOT NULL,
        settings_hash text NOT NULL,
        built_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT search_index_state_pkey PRIMARY KEY (index_name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE search_index_state`);
    await q.query(`DROP TABLE outbox`);
  }
}
