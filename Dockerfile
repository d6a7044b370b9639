# One image for the API, the worker and the migration job (docker-compose.yml picks the command).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY workflows ./workflows
COPY activities ./activities
# The flow DSL's JSON Schema: the OpenAPI document types the flow body by it.
COPY docs/flow-dsl.schema.json ./docs/flow-dsl.schema.json
# The web console (apps/web) into dist/web, which the API serves at /.
RUN npx nest build --all && npx vite build apps/web --logLevel warn && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# A Chinese TrueType font for the documents' PDFs (the worker embeds it).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-zenhei && rm -rf /var/lib/apt/lists/*
ENV ZWT_CJK_FONT=/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
WORKDIR /app
# package.json carries the "imports" map (#domain → dist/libs/domain/…) the build resolves at run time.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/.data/files && chown -R node /app/.data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
