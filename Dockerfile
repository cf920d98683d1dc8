# Comptoir: the Nuxt/Nitro Node server (.output/) and its migration command, on Debian slim.
# glibc, not Alpine's musl: argon2 and sharp load prebuilt binaries for linux-x64/arm64 glibc.
#
#   docker build -t comptoir:latest .        (or `docker compose build`, see compose.yaml)

ARG NODE_IMAGE=node:24-bookworm-slim

# --- builder: dependencies, the production build, the bundled migration command ---------------
FROM ${NODE_IMAGE} AS builder
WORKDIR /app
ENV NUXT_TELEMETRY_DISABLED=1

# Dependencies first, so that a change to the sources alone reuses this layer. The project's own
# postinstall (`nuxt prepare`) needs the sources, which are not here yet: it is dropped for this
# install only (COPY . . below brings package.json back whole). The dependencies' install scripts
# still run: the `node` devDependency's Node 24 binary, esbuild's, workerd's, argon2's check.
COPY package.json package-lock.json ./
RUN npm pkg delete scripts.postinstall \
 && npm ci --no-audit --no-fund

COPY . .
# What the postinstall skipped above, then the build (.output/, with its migrations in
# .output/server/drizzle/migrations, copied there by nuxt.config.ts). The project's own binaries
# are called by path: npx would fetch a package it does not find installed.
RUN node_modules/.bin/nuxt prepare \
 && npm run build

# `node .output/server/migrate.mjs`: scripts/migrate.ts bundled beside the server by esbuild
# (npm run build:migrate). Its packages stay imports, resolved from the .output/server/node_modules
# that Nitro traced for the server, which uses the same ones (h3, which Nitro inlines, is bundled).
RUN npm run build:migrate

# Smoke test of exactly what the runtime image gets: .output alone, copied away from
# /app/node_modules (which would otherwise satisfy any import the build failed to trace). The
# bundled migration command migrates a throwaway embedded database, argon2 and sharp load their
# prebuilt binaries, and the server boots on that database and serves readiness and the home
# page (a 503 or two logged while the database opens is expected). Nothing of this directory
# reaches the runtime image.
WORKDIR /tmp/smoke
RUN set -eu; \
    cp -a /app/.output ./; \
    env -u DATABASE_URL node .output/server/migrate.mjs; \
    (cd .output/server && node --input-type=module -e " \
      const { default: argon2 } = await import('argon2'); \
      const { default: sharp } = await import('sharp'); \
      await argon2.hash('smoke'); \
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ffffff' } }).webp().toBuffer(); \
      console.info('smoke: argon2 and sharp load from .output/server/node_modules');"); \
    env -u DATABASE_URL NODE_ENV=production HOST=127.0.0.1 PORT=3999 SITE_URL=http://127.0.0.1:3999 \
      JWT_SECRET=smoke-test-secret-that-is-at-least-32-bytes-long LOG_LEVEL=warn \
      node .output/server/index.mjs & server=$!; \
    node --input-type=module -e " \
      for (let attempt = 0; ; attempt++) { \
        const ready = await fetch('http://127.0.0.1:3999/api/health/ready').catch(() => null); \
        if (ready?.ok) break; \
        if (attempt === 120) throw new Error('smoke: the server did not become ready within 60 s'); \
        await new Promise(resolve => setTimeout(resolve, 500)); \
      } \
      const page = await fetch('http://127.0.0.1:3999/'); \
      if (!page.ok) throw new Error('smoke: GET / answered ' + page.status); \
      console.info('smoke: the server is ready and renders the home page');"; \
    kill "$server"; \
    wait "$server" || true; \
    rm -rf /tmp/smoke/.output /tmp/smoke/.data

# --- runtime: .output only, as the unprivileged `node` user ------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NUXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app

# The server and its migrations, read-only to the user that runs them (root-owned).
COPY --from=builder /app/.output ./.output

# What the server writes, under its working directory: photos in .data/images (a volume in
# compose.yaml; a named volume copies this directory's owner when first mounted) and, without
# SMTP_URL, mails in .data/mail; the embedded PGlite database in .data/pglite without DATABASE_URL.
RUN mkdir -p /app/.data/images /app/.data/mail \
 && chown node:node /app \
 && chown -R node:node /app/.data

USER node
EXPOSE 3000

# Readiness: migrations applied and the database answering (503 until then). Slim images have no
# curl: Node's fetch does it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/ready', { signal: AbortSignal.timeout(4000) }).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Nitro stops accepting connections on SIGTERM, lets in-flight requests finish, closes the pool.
STOPSIGNAL SIGTERM
# As `npm start`.
CMD ["node", "--max-old-space-size=384", ".output/server/index.mjs"]
