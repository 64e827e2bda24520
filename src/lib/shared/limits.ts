// Limits that the forms check before submitting and the server enforces.
export const MIN_PASSWORD_LENGTH = 8;

/**
 * The largest CSV file an import accepts, in bytes (UTF-8). It is the one number behind the request body
 * limit too: BODY_SIZE_LIMIT_BYTES is what such a file weighs as a JSON request at worst (every byte a
 * quote or line break, escaped to two) plus the envelope, so a file the schema accepts is never refused
 * by the server first. scripts/start.ts and playwright.config.ts pass it to adapter-node as BODY_SIZE_LIMIT.
 */
export const CSV_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const BODY_SIZE_LIMIT_BYTES = 2 * CSV_IMPORT_MAX_BYTES + 64 * 1024;
