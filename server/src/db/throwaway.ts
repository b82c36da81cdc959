// Databases made and dropped on a PostgreSQL server for one test file or one benchmark: one admin statement each,
// on a short-lived connection of the server's admin URL.
import pg from 'pg';
import { randomBytes } from 'node:crypto';

/** Runs one statement on the admin URL's server and closes the connection. */
export async function pgAdmin(adminUrl: string, text: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

/** The admin URL pointing at another database of the same server. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new, empty database named `<prefix><random>`, its URL, and how to drop it (connections and all). */
export async function throwawayDatabase(adminUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  await pgAdmin(adminUrl, `create database ${name}`);
  return { url: databaseUrl(adminUrl, name), drop: async () => void (await pgAdmin(adminUrl, `drop database if exists ${name} with (force)`)) };
}
