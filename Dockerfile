# syntax=docker/dockerfile:1
# One image for the router, the four subgraphs, the all-in-one platform and the one-shot jobs
# (topics-init, migrate); docker-compose.yml chooses the program per service, e.g.
# `node --enable-source-maps --import ./dist/telemetry-register.js dist/users.js`.
# It holds JavaScript compiled at build time (`npm run build`: dist/ and web/dist) on production
# dependencies only, and runs as the `node` user: no TypeScript, tsx, tests, vitest, eslint, Hive
# Gateway or autocannon inside.

# Stage 1: only the manifests (package.json of every workspace + the lockfile), so the `npm ci`
# layers below are rebuilt when dependencies change, not on every source edit.
FROM node:24-bookworm-slim AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && cp package.json package-lock.json /manifests/ \
 && cp -r patches /manifests/ \
 && find packages subgraphs router schema bench web -name package.json -not -path '*/node_modules/*' \
      -exec cp --parents {} /manifests/ \;

# Stage 2: the build, with every dependency (esbuild, Vite, tsx).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY --from=manifests /manifests/ ./
# --ignore-scripts: the image's own Node 24 is the runtime, so the `node` devDependency must not
# download a second one (its preinstall does that); no other dependency needs its install script
# here (argon2, esbuild and Vite's bundler ship prebuilt binaries for linux-x64). Its bin link
# would point at nothing, so it goes too.
# --ignore-scripts skips the root postinstall too, so the patches (patches/: postgres.js and
# drizzle, see docs/reliability.md) are applied here; a patch that no longer applies fails the
# build. The files they change are kept aside for the runtime stage.
RUN npm ci --include=dev --ignore-scripts --no-audit --no-fund \
 && rm -f node_modules/.bin/node \
 && node_modules/.bin/patch-package --error-on-fail --error-on-warn \
 && mkdir /patched \
 && sed -n 's|^+++ b/||p' patches/*.patch | xargs cp --parents -t /patched
COPY . .
# dist/ (the bundles) and web/dist, then the runtime tree: dist/ plus the files the bundles read
# at run time (schemas, migrations, the supergraph, web/dist), at their places in the repository.
# web/dist holds persisted-operations.json, the operations this image's web app sends: with
# ROUTER_SAFELIST=/app/web/dist/persisted-operations.json the router runs only those (safelist
# mode, off unless set). No image goes out without it.
RUN npm run build \
 && test -s web/dist/persisted-operations.json \
 && mkdir /runtime \
 && cp -r --parents dist $(cat dist/runtime-files.txt) /runtime/

# Stage 3: the runtime image.
FROM node:24-bookworm-slim
WORKDIR /app
COPY --from=manifests /manifests/ ./
# The production dependencies of @sbor/platform, which depends on every service and so on all the
# bundles import (the build checks that against the lockfile); bench's and web's are not needed.
# --ignore-scripts as above. Type declarations and source maps of packages are never read at run
# time and are half of node_modules, so they go. The code stays root's, read-only to the service;
# .data is the one folder it may write (embedded mode's data, `node dist/platform.js`).
RUN npm ci --omit=dev --workspace=@sbor/platform --ignore-scripts --no-audit --no-fund \
 && find . -path '*/node_modules/*' -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' \) -delete \
 && npm cache clean --force \
 && mkdir .data && chown node:node .data
# patch-package is a dev dependency: the patched files come from the build stage instead.
COPY --from=build /patched/ ./
COPY --from=build /runtime/ ./

ENV NODE_ENV=production \
    HOST=0.0.0.0
USER node
EXPOSE 8000 8081 8082 8083 8084
CMD ["node", "--enable-source-maps", "--import", "./dist/telemetry-register.js", "dist/router.js"]
