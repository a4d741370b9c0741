// Jest cannot require() an ES module (Node can, since 20.19): @fastify/static 10 requires
// content-disposition 3, which is ESM only, to build `Content-Disposition` for reply.download().
// Under Jest only, this stands in for it. Pnyx never calls reply.download(), so `create` is never
// reached in tests; it still answers like the real one for a plain ASCII file name.
'use strict';

/**
 * @param {string | undefined} filename
 * @param {{ type?: string } | undefined} options
 * @returns {string}
 */
function create(filename, options) {
  const type = options?.type ?? 'attachment';
  if (filename === undefined) return type;
  const base = String(filename).split(/[\\/]/).pop();
  return `${type}; filename="${base.replace(/["\\]/g, '\\$&')}"`;
}

module.exports = { create };
