/** The spool's migrations, in order (see ../../migrations/index.ts for the rules). */
import type { Migration } from '../../migrations/index';
import * as m001 from './001-spool';

export const SPOOL_MIGRATIONS: readonly Migration[] = [m001];
