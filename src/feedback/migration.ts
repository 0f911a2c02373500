/** One schema migration: a file of `migrations/` (`0001_name.sql`) and its SQL. */
export interface Migration {
  readonly name: string;
  readonly sql: string;
}
