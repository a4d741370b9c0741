import type { MigrationInterface } from 'typeorm';
import { Foundation1764300000000 } from './1764300000000-foundation.js';

type MigrationClass = new () => MigrationInterface;

/** Every migration, oldest first. Never edit one that has landed: add a new one. */
export const MIGRATIONS: MigrationClass[] = [Foundation1764300000000];
