# syntax=docker/dockerfile:1
# One image for the router and the four subgraphs (and the topics-init job); docker-compose.yml
# chooses the command per service, e.g. `node --import tsx subgraphs/users/src/main.ts`.
# TypeScript runs through tsx, as in development: there is no separate build step.

# Stage 1: only the manifests (package.json of every workspace + the lockfile), so the `npm ci`
# layer below is rebuilt when dependencies change, not on every source edit.
FROM node:24-bookworm-slim AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && cp package.json package-lock.json /manifests/ \
 && find packages subgraphs router schema bench web -name package.json -not -path '*/node_modules/*' \
      -exec cp --parents {} /manifests/ \;

# Stage 2: the runtime image.
FROM node:24-bookworm-slim
WORKDIR /app
COPY --from=manifests /manifests/ ./
# Dev dependencies are included on purpose: tsx (a devDependency) runs the services.
# --ignore-scripts: the image's own Node 24 is the runtime, so the `node` devDependency must not
# download a second one (its preinstall does that); no other dependency needs its install script
# here (argon2 and esbuild ship prebuilt binaries for linux-x64). Its bin link would point at
# nothing, so it goes too.
RUN npm ci --include=dev --ignore-scripts --no-audit --no-fund \
 && rm -f node_modules/.bin/node \
 && npm cache clean --force
COPY . .
# The web app the router serves at /: built once into web/dist, so no container builds at start.
RUN npm run build -w web

ENV NODE_ENV=production \
    HOST=0.0.0.0
USER node
EXPOSE 8000 8081 8082 8083 8084
CMD ["node", "--import", "tsx", "router/src/main.ts"]
