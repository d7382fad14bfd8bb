/** A numbered schema step. Its number is the user_version the database has once it has run. */
import type { Db } from '../connection';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
