import { InitialContentSchema1764100000000 } from './1764100000000-InitialContentSchema';
import { OutboxAndSearchState1764200000000 } from './1764200000000-OutboxAndSearchState';
import { AdminPublishing1764300000000 } from './1764300000000-AdminPublishing';
import { ChangeStream1764400000000 } from './1764400000000-ChangeStream';

/** Every migration, in order. Passed as classes so the app, the CLI and the tests run the same list. */
export const migrations = [InitialContentSchema1764100000000, OutboxAndSearchState1764200000000, AdminPublishing1764300000000, ChangeStream1764400000000];
