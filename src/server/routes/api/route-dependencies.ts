// What every route registration receives. Kept apart from index.ts (which imports every route file) so that route
// files do not import the index back.
import type { Config } from '../../env.ts';
import type { Db } from '../../db/database.ts';

export interface RouteDependencies {
  config: Config;
  db: Db;
}
