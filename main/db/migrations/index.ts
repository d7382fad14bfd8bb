/** Every migration, in order. Append only: a released migration is never edited or reordered. */
import type { Migration } from './types';
import { migration001 } from './001-workspace';
import { migration002 } from './002-audit-log';
import { migration003 } from './003-unit-profile';
import { migration004 } from './004-inventory';
import { migration005 } from './005-quality';
import { migration006 } from './006-keys-filings';
import { migration007 } from './007-import-mappings';
import { migration008 } from './008-risk-assessment';
import { migration009 } from './009-bureau-review';
import { migration010 } from './010-filing-outcomes';
import { migration011 } from './011-import-undo';
import { migration012 } from './012-export-order';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012];

export const LATEST_VERSION = MIGRATIONS.length;

// Guard against a migration added out of order: the list must be 1, 2, 3, …
MIGRATIONS.forEach((m, i) => {
  if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
});
