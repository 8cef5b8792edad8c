/*
 * Test support: SQL that turns a database file back into what an older Keyhole wrote, so the
 * migration tests can start from real old files. One entry per migration, newest first to apply.
 */

/** Undoes migration 5 (the live-activation count on each license). */
export const UNDO_LIVE_COUNT = `
  DROP TRIGGER activations_live_insert;
  DROP TRIGGER activations_live_end;
  ALTER TABLE licenses DROP COLUMN live_activations`;

/** Undoes migration 4 (admin token expiry, revocation and last use). */
export const UNDO_TOKEN_LIFECYCLE = ['expires_at', 'revoked_at', 'last_used_at']
  .map((column) => `ALTER TABLE admin_tokens DROP COLUMN ${column}`)
  .join(';\n');

/** Undoes migration 3 (release limits). */
export const UNDO_RELEASE_LIMITS = `
  DROP INDEX activations_releases;
  ALTER TABLE plans DROP COLUMN release_limit_count;
  ALTER TABLE plans DROP COLUMN release_limit_days;
  UPDATE licenses SET plan = json_remove(plan, '$.releaseLimit')`;
