import { CoreSchema1763700000000 } from './1763700000000-CoreSchema';
import { Catalogs1763700000001 } from './1763700000001-Catalogs';
import { Mentors1763700000100 } from './1763700000100-Mentors';
import { Coach1763700000200 } from './1763700000200-Coach';
import { Idempotency1763700000300 } from './1763700000300-Idempotency';
import { OutboxNotify1763700000400 } from './1763700000400-OutboxNotify';
import { TimeEngine1764600001000 } from './1764600001000-TimeEngine';

/** Every migration, oldest first. New ones are added here by hand after `npm run migration:generate`. */
export const migrations = [
  CoreSchema1763700000000,
  Catalogs1763700000001,
  Mentors1763700000100,
  Coach1763700000200,
  Idempotency1763700000300,
  OutboxNotify1763700000400,
  TimeEngine1764600001000,
];
