/** Column helpers shared by every *.table.ts (STYLE.md lesson 7). */
import { sql, type SQL } from 'drizzle-orm';
import { customType, timestamp } from 'drizzle-orm/pg-core';

export const ltree = customType<{ data: string }>({ dataType: () => 'ltree' });
export const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => timestamptz('created_at').notNull().defaultNow();
export const updatedAt = () => timestamptz('updated_at').notNull().defaultNow().$onUpdate(() => new Date());



/**
 * Bind a JS array as ONE parameter (pg sends it as a PostgreSQL array literal). Drizzle's `sql`
 * template would otherwise expand it into a list `($1, $2, …)`, which is a record, not an array.
 */
export function arrayParam(values: readonly unknown[], pgType: string): SQL {
  return sql`${sql.param(values)}::${sql.raw(pgType)}[]`;
}
