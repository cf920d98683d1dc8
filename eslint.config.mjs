// @ts-check
import withNuxt from './.nuxt/eslint.config.mjs'

/** Imports go one way: pages → composables → server/api (over HTTP) → server/utils → server/services → server/lib and server/database. */
/**
 * @param {string[]} files
 * @param {string[]} forbidden import specifiers, as regular expressions
 * @param {string} message
 * @returns {import('eslint').Linter.Config}
 */
const layer = (files, forbidden, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: forbidden.map(regex => ({ regex, message })) }] },
})

export default withNuxt(
  {
    // Tests read JSON bodies of many shapes; typing each one would add noise, not safety.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  layer(['pages/**', 'components/**', 'composables/**', 'stores/**', 'plugins/**', 'layouts/**', 'middleware/**'], ['(^|/)server/', '^~~/server'],
    'The browser reaches the server over HTTP ($api, useApi): shared types and schemas are in shared/.'),
  layer(['server/services/**'], ['^(\\.\\./)+(utils|api|middleware|plugins|routes)/'],
    'Services build on server/lib and server/database; server/utils is the request glue that calls them.'),
  layer(['server/database/**', 'server/lib/**', 'server/platform/**'], ['^(\\.\\./)+(utils|services|api|middleware|plugins|routes)/'],
    'server/lib, server/database and server/platform are the bottom layer: they import packages, shared/ and each other only.'),
)
